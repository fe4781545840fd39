/**
 * User story: before any regression, a GeoDa user opens the Columbus spec and looks at the
 * weights — "SAR Studio: Inspect spatial weights" shows spdep's summary, the neighbour-count
 * histogram and the connectivity map; a click on an area highlights its neighbours. Then
 * "SAR Studio: Local statistics (LISA, G*)" shows the LISA cluster map, whose classes equal
 * spdep's. Screenshots of both views in dark, light and high contrast (test-output/e2e/<story>/).
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import type { Frame } from 'playwright-core';
import { buildGeometry, insideRings } from '../../webview/spatial/geometry';
import { parseGeoJson } from '../../src/core/io/geojson';
import { parseCsv } from '../../src/core/io/csv';
import { mapFromGeoJson } from '../../src/extension/results/mapData';
import { COLUMBUS_DIR } from '../helpers/fixtures';
import { poll } from './pages/poll';
import { EXTENSION_ID, startSession, type Session } from './support/session';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const local: any = JSON.parse(fs.readFileSync(path.join(COLUMBUS_DIR, 'reference-local.json'), 'utf8'));
const SPEC = 'columbus/columbus.sar.json';

/** Switches the colour theme with "Preferences: Color Theme". */
async function setTheme(s: Session, label: string, bodyClass: string): Promise<void> {
  await poll(`the ${label} theme`, async () => {
    if ((await s.page.locator(`.monaco-workbench.${bodyClass}`).count()) > 0) return true;
    await s.wb.runCommand('Preferences: Color Theme', 30_000, false);
    await s.page.locator('.quick-input-widget input[type="text"]').fill(label);
    await s.wb.pickQuickItem(label);
    await s.page.locator(`.monaco-workbench.${bodyClass}`).waitFor({ timeout: 10_000 }).catch(() => undefined);
    return false;
  }, 60_000, 500);
}

/** Observation i's anchor on a map card's canvas, in the canvas's own pixels. */
async function anchorIn(frame: Frame, card: string, x: number, y: number): Promise<{ x: number; y: number }> {
  const t = (await frame.locator(`${card} .sar-canvas-map`).getAttribute('data-transform'))!.split(',').map(Number);
  return { x: t[0] * x + t[2], y: t[1] * y + t[3] };
}

suite('E2E: the weights inspector and the LISA maps of Columbus', function () {
  this.timeout(300_000);
  let s: Session | undefined;
  let failed = false;

  suiteSetup(async () => {
    s = await startSession('spatial views');
  });
  teardown(function () {
    if (this.currentTest?.state === 'failed') failed = true;
  });
  suiteTeardown(async () => {
    await s?.close({ failed });
  });

  test('Inspect spatial weights → spdep\'s histogram; a click on an area highlights its neighbours; LISA classes equal spdep\'s; three themes', async () => {
    const { wb, step } = s as Session;
    await step('workbench ready', () => wb.waitForCommand('SAR Studio: Inspect spatial weights'));
    await step('open the Columbus spec', () => wb.openFile(SPEC));
    const frame = await step('run "SAR Studio: Inspect spatial weights": the inspector opens', async () => {
      await wb.runCommand('SAR Studio: Inspect spatial weights');
      const f = await wb.webview(EXTENSION_ID, '#app[data-sar-weights]', 120_000);
      await f.locator('.sar-canvas-map[data-drawn="49"]').waitFor({ timeout: 60_000 });
      return f;
    });
    const ref = local.weights_summary.gal;
    const bars = await frame.$$eval('.sar-bar', (bs) => bs.map((b) => [Number(b.getAttribute('data-neighbours')), Number(b.querySelector('.sar-bar-count')!.textContent)]));
    assert.deepStrictEqual(bars, ref.neighbour_histogram.map((b: { neighbours: number; regions: number }) => [b.neighbours, b.regions]), 'the histogram is spdep\'s link number distribution');

    // Observation 5 (row 4): its anchor lies inside its polygon; its GAL neighbours, per spdep's cardinalities.
    const table = parseCsv(fs.readFileSync(path.join(COLUMBUS_DIR, 'data.csv'), 'utf8'), 'data.csv');
    const geo = parseGeoJson(fs.readFileSync(path.join(COLUMBUS_DIR, 'geometry.geojson'), 'utf8'), 'geometry.geojson', { idProperty: 'POLYID' });
    const g = buildGeometry(mapFromGeoJson(geo, table, 'id', 'planar'));
    const i = 4;
    assert.ok(insideRings(g.rings[i], g.anchorX[i], g.anchorY[i]));
    await step('click area 5 on the connectivity map: its neighbours are highlighted and listed', async () => {
      const card = '[data-map="connectivity-map"]';
      await frame.locator(`${card} canvas`).scrollIntoViewIfNeeded();
      const at = await anchorIn(frame, card, g.anchorX[i], g.anchorY[i]);
      await frame.locator(`${card} canvas`).click({ position: { x: at.x + 1, y: at.y + 1 } });
      await frame.locator('.sar-selection-box[data-selected="4"]').waitFor({ timeout: 10_000 });
    });
    const nb = (await frame.locator('.sar-selection-box').getAttribute('data-neighbours'))!.split(',').map(Number);
    assert.strictEqual(nb.length, ref.cardinalities[i], 'as many neighbours as spdep counts');
    const text = await frame.locator('.sar-selection-box').innerText();
    assert.ok(/Observation 5: 7 neighbours \(3, 4, 6, 8, 9, 11, 15\)/.test(text), text);

    const lisa = await step('run "SAR Studio: Local statistics (LISA, G*)": the cluster map opens', async () => {
      await wb.runCommand('SAR Studio: Local statistics (LISA, G*)');
      const f = await wb.webview(EXTENSION_ID, '#app[data-sar-local]', 120_000);
      await f.locator('[data-map="lisa-cluster-map"] .sar-canvas-map[data-drawn="49"]').waitFor({ timeout: 60_000 });
      return f;
    });
    await step('analytic inference: the cluster classes are spdep\'s (localmoran p ≤ 0.05, quadrant)', async () => {
      await lisa.selectOption('select:near(:text("Inference"))', 'analytic');
      await poll('the analytic classes', async () => {
        const classes = (await lisa.locator('[data-map="lisa-cluster-map"]').getAttribute('data-class-of'))?.split('|');
        const expected = local.local_moran.CRIME.quadr.pysal.map((q: string, k: number) => (local.local_moran.CRIME.two_sided.p[k] <= 0.05 ? q : 'Not significant'));
        return JSON.stringify(classes) === JSON.stringify(expected) ? true : undefined;
      }, 20_000);
    });
    for (const [label, cls, name] of [['Light Modern', 'vs', 'light'], ['Dark High Contrast', 'hc-black', 'high-contrast'], ['Dark Modern', 'vs-dark', 'dark']] as const) {
      await step(`${name} theme: the local statistics`, () => setTheme(s as Session, label, cls));
      await step(`${name} theme: the weights inspector`, async () => {
        await (s as Session).page.locator('.tab', { hasText: 'Weights: columbus.sar.json' }).click();
        await (await wb.webview(EXTENSION_ID, '#app[data-sar-weights]', 60_000)).locator('.sar-canvas-map[data-drawn="49"]').waitFor({ timeout: 60_000 });
      });
      await (s as Session).page.locator('.tab', { hasText: 'Local statistics: columbus.sar.json' }).click();
    }
  });
});
