/**
 * The spatial views' page (dist/webview/spatial.js) in Debian's Chromium outside the workbench,
 * under the extension's HTML and CSP, fed by the same builders the spatial worker runs:
 *   - weights inspector on Columbus: the histogram is spdep's link number distribution, a bar
 *     selects its observations, a click on an area highlights its GAL neighbours (and theirs for
 *     order 2), islands / components / fixes on a disconnected kNN-1;
 *   - local statistics on Columbus: the LISA cluster map's classes equal spdep's (quadrant of
 *     localmoran's `quadr` with its analytic p ≤ 0.05), and with permutations wherever spdep's
 *     own permutation p is clear of α by more than Monte Carlo error;
 *   - a connectivity map of 100,000 points and its 6·10⁵ links draws (time printed, not asserted).
 * Screenshots in light, dark and high contrast go to test-output/spatial-view/; look at them.
 * Needs `npm run build` and /usr/bin/chromium (or CHROMIUM_PATH); skipped without them.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import type { Browser, Page } from 'playwright-core';
import { webviewPage } from '../../src/extension/webviewHtml';
import { resultsCsp } from '../../src/extension/results/html';
import { newNonce } from '../../src/extension/webviewHtml';
import { buildLocalMessage, buildWeightsMessage } from '../../src/extension/spatial/views';
import { validateSpatialToHost, type ShowWeightsMessage } from '../../src/protocol';
import { buildGeometry, insideRings } from '../../webview/spatial/geometry';
import { COLUMBUS_DIR, REPO_ROOT } from '../helpers/fixtures';
import { columbusSpec, writeTempSpec } from '../helpers/columbus';
import { cspViolations, postedMessages, serveWebview, type Harness, type ThemeName } from '../helpers/webviewHarness';
import { createRng } from '../../src/core/inference/random';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const BUNDLE = path.join(REPO_ROOT, 'dist/webview/spatial.js');
const OUT = path.join(REPO_ROOT, 'test-output/spatial-view');
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const local: any = JSON.parse(fs.readFileSync(path.join(COLUMBUS_DIR, 'reference-local.json'), 'utf8'));

const columbus = () => columbusSpec({ geometry: { path: path.join(COLUMBUS_DIR, 'geometry.geojson'), idProperty: 'POLYID', idColumn: 'id' } });

async function show(page: Page, msg: unknown, ready: string): Promise<void> {
  // As text: Playwright's own serialisation of 10⁶ numbers takes seconds, VS Code's postMessage does not.
  await page.evaluate((text) => window.postMessage(JSON.parse(text), '*'), JSON.stringify(msg));
  await page.waitForSelector(ready, { timeout: 60_000 });
}

/** Screen point (page px) of an observation's anchor on a map card, from its canvas transform. */
async function anchorOnScreen(page: Page, card: string, x: number, y: number): Promise<{ x: number; y: number }> {
  const box = (await page.locator(`${card} canvas`).boundingBox())!;
  const t = (await page.locator(`${card} .sar-canvas-map`).getAttribute('data-transform'))!.split(',').map(Number);
  return { x: box.x + t[0] * x + t[2], y: box.y + t[1] * y + t[3] };
}

async function checkClean(page: Page, errors: string[], what: string): Promise<void> {
  assert.deepStrictEqual(await cspViolations(page), [], `${what}: CSP violations`);
  assert.deepStrictEqual(errors, [], `${what}: console errors`);
  for (const m of await postedMessages(page)) assert.strictEqual(validateSpatialToHost(m), undefined, `${what}: invalid message ${JSON.stringify(m).slice(0, 200)}`);
}

suite('spatial views: rendered in Chromium under the webview CSP', function () {
  this.timeout(240_000);
  let browser: Browser | undefined;
  let server: Harness;

  suiteSetup(async function () {
    if (!fs.existsSync(CHROMIUM) || !fs.existsSync(BUNDLE)) {
      console.log(`      (skipped: needs ${CHROMIUM} and \`npm run build\`)`);
      this.skip();
    }
    fs.mkdirSync(OUT, { recursive: true });
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
    server = await serveWebview(REPO_ROOT, {
      bundle: 'spatial',
      html: (origin, extra, scriptUri, styleUri) => {
        const nonce = newNonce();
        return webviewPage({ csp: resultsCsp(origin, nonce), nonce, title: 'SAR Studio spatial', scriptUri, styleUri, extraHeadScripts: extra, main: '<main id="app"></main>' });
      },
    });
  });

  suiteTeardown(async () => {
    await browser?.close();
    await server?.close();
  });

  test('weights inspector on Columbus: spdep\'s histogram, a bar selects, a click highlights the GAL neighbours and theirs, in three themes', async () => {
    const built = await buildWeightsMessage(columbus());
    assert.ok(built.message, JSON.stringify(built.problems));
    const msg = built.message as ShowWeightsMessage;
    const ref = local.weights_summary.gal;
    for (const theme of ['dark', 'light', 'hc'] as ThemeName[]) {
      const { page, errors } = await server.open(browser!, theme);
      await show(page, msg, '#app[data-sar-weights] .sar-canvas-map[data-drawn="49"]');
      // The histogram is spdep's link number distribution.
      const bars = await page.$$eval('.sar-bar', (bs) => bs.map((b) => [Number(b.getAttribute('data-neighbours')), Number(b.querySelector('.sar-bar-count')!.textContent)]));
      assert.deepStrictEqual(bars, ref.neighbour_histogram.map((b: { neighbours: number; regions: number }) => [b.neighbours, b.regions]));
      assert.ok((await page.locator('.sar-summary-print').innerText()).includes('Number of nonzero links: 230'));
      if (theme === 'dark') {
        // The bar "2" selects spdep's least connected regions.
        await page.click('.sar-bar[data-neighbours="2"]');
        const rows = (await page.locator('.sar-selection-box').getAttribute('data-selected'))!.split(',').map(Number);
        assert.deepStrictEqual(rows.map((r) => msg.view.ids[r]), ref.least_connected.map(String));
        await page.locator('#sec-map').screenshot({ path: path.join(OUT, `inspector-bar-2-${theme}.png`) });
        // A click inside observation 5's polygon highlights its neighbours in the GAL file.
        const g = buildGeometry(msg.map!);
        const i = 4;
        assert.ok(insideRings(g.rings[i], g.anchorX[i], g.anchorY[i]), 'the anchor lies inside its polygon');
        const at = await anchorOnScreen(page, '[data-map="connectivity-map"]', g.anchorX[i], g.anchorY[i]);
        await page.mouse.click(at.x, at.y);
        await page.waitForSelector('.sar-selection-box[data-selected="4"]');
        const nb = (await page.locator('.sar-selection-box').getAttribute('data-neighbours'))!.split(',').map(Number);
        const expected = msg.view.neighbours.colIdx.slice(msg.view.neighbours.rowPtr[i], msg.view.neighbours.rowPtr[i + 1]).sort((a, b) => a - b);
        assert.deepStrictEqual(nb, expected);
        assert.strictEqual(expected.length, ref.cardinalities[i]);
        await page.selectOption('#sec-map select >> nth=1', '2');
        await page.waitForFunction(() => !!document.querySelector('.sar-selection-box')?.getAttribute('data-second'));
        const second = (await page.locator('.sar-selection-box').getAttribute('data-second'))!.split(',').map(Number);
        assert.ok(second.length > 0 && second.every((j) => !expected.includes(j) && j !== i), 'order 2: neighbours of neighbours, not the first ring');
        await page.click('.sar-selection-box button:has-text("Reveal in data")');
        assert.ok((await postedMessages(page)).some((m) => m.type === 'reveal' && m.observation === i), 'Reveal in data posts the row');
      }
      await page.screenshot({ path: path.join(OUT, `inspector-${theme}.png`), fullPage: true });
      await checkClean(page, errors, `inspector ${theme}`);
      await page.close();
    }
  });

  test('weights inspector on a disconnected kNN-1: components, the fix, the map coloured by component', async () => {
    const spec = columbusSpec({ weights: { type: 'knn', k: 1, coordinates: ['X', 'Y'], idColumn: 'id', allowIslands: true }, geometry: { path: path.join(COLUMBUS_DIR, 'geometry.geojson'), idProperty: 'POLYID', idColumn: 'id' } });
    const built = await buildWeightsMessage(spec);
    assert.ok(built.message, JSON.stringify(built.problems));
    const { page, errors } = await server.open(browser!, 'light');
    await show(page, built.message, '.sar-canvas-map[data-drawn="49"]');
    const text = await page.locator('#sec-connectivity').innerText();
    assert.ok(/connected components/.test(text), text);
    assert.ok(/raise k to \d+ to connect all \d+ components/.test(text), text);
    await page.selectOption('#sec-map select >> nth=0', 'component');
    await page.waitForFunction(() => document.querySelector('[data-map="connectivity-map"]')?.getAttribute('data-classes')?.includes('component 1'));
    await page.screenshot({ path: path.join(OUT, 'inspector-knn1-components-light.png'), fullPage: true });
    await checkClean(page, errors, 'kNN-1');
    await page.close();
  });

  test('a point map outlines its study area (the convex hull of the points) on request, in three themes', async () => {
    const spec = columbusSpec({ weights: { type: 'knn', k: 4, coordinates: ['X', 'Y'], idColumn: 'id' } });
    const built = await buildWeightsMessage(spec);
    assert.ok(built.message, JSON.stringify(built.problems));
    for (const theme of ['light', 'dark', 'hc'] as ThemeName[]) {
      const { page, errors } = await server.open(browser!, theme);
      await show(page, built.message, '.sar-canvas-map[data-drawn="49"]');
      const pixels = () => page.evaluate(() => (document.querySelector('[data-map="connectivity-map"] canvas') as HTMLCanvasElement).toDataURL());
      // The links draw progressively, frame by frame: compare pictures once the canvas is still.
      const stillPixels = async () => {
        let last = await pixels();
        for (let k = 0; k < 50; k++) {
          await page.waitForTimeout(100);
          const now = await pixels();
          if (now === last) return now;
          last = now;
        }
        return last;
      };
      const before = await stillPixels();
      await page.getByLabel('study area').check();
      assert.notStrictEqual(await stillPixels(), before, 'the outline is drawn');
      await page.locator('#sec-map').screenshot({ path: path.join(OUT, `inspector-points-hull-${theme}.png`) });
      await page.getByLabel('study area').uncheck();
      assert.strictEqual(await stillPixels(), before, 'and removed');
      await checkClean(page, errors, `hull ${theme}`);
      await page.close();
    }
  });

  test('local statistics of CRIME: the LISA cluster map\'s classes equal spdep\'s, analytic and by permutation', async () => {
    const built = await buildLocalMessage(columbus(), { column: 'CRIME', residuals: false }, { nsim: 999, seed: 1 });
    assert.ok(built.message, JSON.stringify(built.problems));
    const lm = local.local_moran.CRIME;
    const perm = local.local_moran_perm.CRIME;
    const name: Record<string, string> = { 'High-High': 'High-High', 'Low-Low': 'Low-Low', 'High-Low': 'High-Low', 'Low-High': 'Low-High' };
    const expected = (p: number[]) => lm.quadr.pysal.map((q: string, i: number) => (p[i] <= 0.05 ? name[q] : 'Not significant'));
    for (const theme of ['dark', 'light', 'hc'] as ThemeName[]) {
      const { page, errors } = await server.open(browser!, theme, { width: 1300, height: 1000 });
      await show(page, built.message, '[data-map="lisa-cluster-map"] .sar-canvas-map[data-drawn="49"]');
      await page.waitForFunction(() => !!document.body.dataset.scatterReady);
      const classes = async () => (await page.locator('[data-map="lisa-cluster-map"]').getAttribute('data-class-of'))!.split('|');
      if (theme === 'dark') {
        // Permutation (default): equal wherever spdep's folded p is clear of 0.05 by 3 Monte Carlo SEs.
        const mcSe = Math.sqrt((0.05 * 0.95) / 999);
        const byPerm = await classes();
        const ref = expected(perm.p_folded_sim);
        const clear = ref.map((_: string, i: number) => Math.abs(perm.p_folded_sim[i] - 0.05) > 3 * mcSe);
        assert.ok(clear.filter(Boolean).length >= 40, 'most observations are clear of α');
        byPerm.forEach((c, i) => clear[i] && assert.strictEqual(c, ref[i], `observation ${i + 1} by permutation`));
        await page.selectOption('select:near(:text("Inference"))', 'analytic');
        await page.waitForFunction(() => !!document.querySelector('[data-map="lisa-cluster-map"]')?.getAttribute('data-classes'));
        assert.deepStrictEqual(await classes(), expected(lm.two_sided.p), 'analytic: spdep localmoran p and quadr');
        // FDR flags no more than none does.
        await page.selectOption('select:near(:text("p adjustment"))', 'fdr');
        const fdr = await classes();
        assert.ok(fdr.filter((c) => c !== 'Not significant').length <= expected(lm.two_sided.p).filter((c: string) => c !== 'Not significant').length);
        await page.selectOption('select:near(:text("p adjustment"))', 'none');
        // Box map legend: six classes with counts that add up to n.
        await page.selectOption('select:near(:text("Classes"))', 'boxMap');
        const box = (await page.locator('[data-map="variable-map"]').getAttribute('data-classes'))!.split('|');
        assert.strictEqual(box.length, 6, box.join(' | '));
        assert.strictEqual(box.reduce((s, e) => s + Number(e.split(':').pop()), 0), 49);
        await page.selectOption('select:near(:text("Inference"))', 'permutation');
      }
      // The scatterplot's title carries the global I and both p-values (spdep: I = 0.485770913661773).
      const scatter = (await page.locator('#sec-scatter svg').first().textContent()) ?? '';
      assert.ok(scatter.includes("Moran's I = 0.48577") && scatter.includes('permutation p = 0.001 (999 permutations, seed 1)'), scatter.slice(0, 300));
      await page.screenshot({ path: path.join(OUT, `local-${theme}.png`), fullPage: true });
      await checkClean(page, errors, `local ${theme}`);
      await page.close();
    }
  });

  test('100,000 points with kNN-6 links: the connectivity map draws (time printed)', async () => {
    const n = 100_000;
    const rng = createRng(9);
    const dir = fs.mkdtempSync(path.join(OUT, 'big-'));
    const lines = ['id,x,y,v'];
    for (let i = 0; i < n; i++) lines.push(`${i + 1},${rng.uniform().toFixed(6)},${rng.uniform().toFixed(6)},${rng.normal().toFixed(4)}`);
    fs.writeFileSync(path.join(dir, 'big.csv'), lines.join('\n') + '\n');
    const spec = writeTempSpec({ data: path.join(dir, 'big.csv'), dependent: 'v', independent: [], weights: { type: 'knn', k: 6, coordinates: ['x', 'y'], idColumn: 'id' }, model: 'ols' });
    const t0 = performance.now();
    const built = await buildWeightsMessage(spec);
    const buildMs = performance.now() - t0;
    assert.ok(built.message, JSON.stringify(built.problems));
    const { page, errors } = await server.open(browser!, 'dark');
    const t1 = performance.now();
    await show(page, built.message, '.sar-canvas-map[data-drawn="100000"]');
    const drawMs = performance.now() - t1;
    console.log(`      n = ${n}: inspector data ${buildMs.toFixed(0)} ms (in the test's thread), message → map and its links drawn ${drawMs.toFixed(0)} ms (headless, software rendering)`);
    await page.locator('#sec-map').screenshot({ path: path.join(OUT, 'inspector-100k-dark.png') });
    await checkClean(page, errors, '100k');
    await page.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
