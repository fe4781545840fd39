/**
 * The results panel's page rendered in Debian's Chromium outside the workbench: the exact HTML and
 * CSP of the extension (src/extension/results/html.ts), the built bundle dist/webview/results.js
 * and .css served from a local origin (standing in for webview.cspSource), a stub of
 * acquireVsCodeApi that records what the page posts, and real fits. Checks: zero CSP violations
 * and page errors, one map shape per observation, tables and hovers, every posted message valid
 * under the protocol, theme switch and view-state restore. Screenshots go to
 * test-output/results-view/ (git-ignored); look at them.
 *
 * Needs `npm run build` and /usr/bin/chromium (or CHROMIUM_PATH); skipped without them.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as http from 'http';
import type { AddressInfo } from 'net';
import * as path from 'path';
import type { Browser, Page } from 'playwright-core';
import { runSpecFile } from '../../src/core/run';
import { observationsCsv } from '../../src/core/export/csv';
import { toMarkdown } from '../../src/core/export/markdown';
import { loadPanelData } from '../../src/extension/results/mapData';
import { resultsHtml } from '../../src/extension/results/html';
import { newNonce } from '../../src/extension/webviewHtml';
import { validateResultsToHost, type ShowResultsMessage } from '../../src/protocol';
import { KAZAKHSTAN_CITIES_DIR } from '../helpers/fixtures';

const ROOT = path.resolve(__dirname, '../../..');
const BUNDLE = path.join(ROOT, 'dist/webview/results.js');
const STYLES = path.join(ROOT, 'dist/webview/results.css');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const OUT = path.join(ROOT, 'test-output/results-view');
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

const THEMES: Record<'dark' | 'light', Record<string, string>> = {
  dark: {
    'editor-background': '#1f1f1f', 'editor-foreground': '#cccccc', foreground: '#cccccc', descriptionForeground: '#9d9d9d',
    'panel-border': '#2b2b2b', focusBorder: '#0078d4', 'button-background': '#0078d4', 'button-foreground': '#ffffff',
    'button-hoverBackground': '#026ec1', 'button-secondaryBackground': '#313131', 'button-secondaryForeground': '#cccccc',
    'textLink-foreground': '#4daafc', 'charts-blue': '#3794ff', 'charts-orange': '#d18616', 'editorWidget-background': '#202020',
    'editorWidget-border': '#313131', 'editorHoverWidget-background': '#202020', 'editorHoverWidget-border': '#454545',
    'dropdown-background': '#313131', 'dropdown-border': '#3c3c3c', 'dropdown-foreground': '#cccccc',
    'textBlockQuote-background': '#2b2b2b', 'textBlockQuote-border': '#616161', 'list-hoverBackground': '#2a2d2e',
    'editorWarning-foreground': '#cca700', errorForeground: '#f85149', 'editorInfo-foreground': '#3794ff',
    'font-family': 'system-ui, Ubuntu, "Droid Sans", sans-serif', 'font-size': '13px', 'editor-font-family': '"DejaVu Sans Mono", monospace',
  },
  light: {
    'editor-background': '#ffffff', 'editor-foreground': '#3b3b3b', foreground: '#3b3b3b', descriptionForeground: '#6e6e6e',
    'panel-border': '#e5e5e5', focusBorder: '#005fb8', 'button-background': '#005fb8', 'button-foreground': '#ffffff',
    'button-hoverBackground': '#0258a8', 'button-secondaryBackground': '#e5e5e5', 'button-secondaryForeground': '#3b3b3b',
    'textLink-foreground': '#005fb8', 'charts-blue': '#1a85ff', 'charts-orange': '#d18616', 'editorWidget-background': '#f8f8f8',
    'editorWidget-border': '#e5e5e5', 'editorHoverWidget-background': '#f8f8f8', 'editorHoverWidget-border': '#c8c8c8',
    'dropdown-background': '#ffffff', 'dropdown-border': '#cecece', 'dropdown-foreground': '#3b3b3b',
    'textBlockQuote-background': '#f8f8f8', 'textBlockQuote-border': '#e5e5e5', 'list-hoverBackground': '#f2f2f2',
    'editorWarning-foreground': '#bf8803', errorForeground: '#f85149', 'editorInfo-foreground': '#1a85ff',
    'font-family': 'system-ui, Ubuntu, "Droid Sans", sans-serif', 'font-size': '13px', 'editor-font-family': '"DejaVu Sans Mono", monospace',
  },
};

/** What the stub of acquireVsCodeApi records (state in sessionStorage, so it survives a reload like VS Code's). */
const STUB = `
window.__posted = []; window.__csp = [];
document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI + ' ' + (e.sourceFile || '') + ':' + e.lineNumber));
window.acquireVsCodeApi = () => ({
  postMessage: (m) => window.__posted.push(JSON.parse(JSON.stringify(m))),
  getState: () => { const s = sessionStorage.getItem('state'); return s ? JSON.parse(s) : undefined; },
  setState: (s) => sessionStorage.setItem('state', JSON.stringify(s)),
});`;

interface Server {
  origin: string;
  close(): Promise<void>;
}

async function serve(): Promise<Server> {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const send = (type: string, body: string | Buffer) => {
      res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' });
      res.end(body);
    };
    if (url.pathname === '/') {
      const theme = url.searchParams.get('theme') === 'light' ? 'light' : 'dark';
      let html = resultsHtml({
        cspSource: origin, nonce: newNonce(), title: 'SAR Studio results',
        scriptUri: `${origin}/dist/webview/results.js`, styleUri: `${origin}/dist/webview/results.css`, extraHeadScripts: [STUB],
      });
      // What VS Code adds to every webview: the theme's variables (here a stylesheet from the
      // allowed origin, as inline styles are forbidden) and the theme class on <body>.
      html = html.replace('<link rel="stylesheet"', `<link id="theme" rel="stylesheet" href="${origin}/theme/${theme}.css">\n    <link rel="stylesheet"`);
      html = html.replace('<body>', `<body class="vscode-${theme}">`);
      send('text/html; charset=utf-8', html);
    } else if (url.pathname === '/dist/webview/results.js') send('text/javascript', fs.readFileSync(BUNDLE));
    else if (url.pathname === '/dist/webview/results.css') send('text/css', fs.readFileSync(STYLES));
    else if (/^\/theme\/(dark|light)\.css$/.test(url.pathname)) {
      const vars = THEMES[url.pathname.includes('light') ? 'light' : 'dark'];
      send('text/css', `html {\n${Object.entries(vars).map(([k, v]) => `  --vscode-${k}: ${v};`).join('\n')}\n}\n`);
    } else if (url.pathname === '/favicon.ico') {
      res.writeHead(204); // the browser asks; a webview would not
      res.end();
    } else {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { origin, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

async function showMessage(specPath: string, extra: Partial<ShowResultsMessage> = {}): Promise<ShowResultsMessage> {
  const out = await runSpecFile(specPath);
  assert.ok(out.result, JSON.stringify(out.problems));
  const data = await loadPanelData(specPath, out.result);
  assert.deepStrictEqual(data.notes, []);
  return {
    type: 'show', title: data.title ?? path.basename(specPath), result: out.result, map: data.map,
    laggedResiduals: data.laggedResiduals, residualMoranI: data.residualMoranI,
    specName: path.basename(specPath).replace(/\.sar\.json$/, ''), fittedAt: new Date().toISOString(), ...extra,
  };
}

interface Watch {
  errors: string[];
}

async function openPage(browser: Browser, origin: string, theme: 'dark' | 'light', watch: Watch): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
  page.on('pageerror', (e) => watch.errors.push(`pageerror: ${e.message}`));
  page.on('response', (r) => {
    if (r.status() >= 400) watch.errors.push(`HTTP ${r.status()}: ${r.url()}`);
  });
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') watch.errors.push(`console.${m.type()}: ${m.text()}`);
  });
  await page.goto(`${origin}/?theme=${theme}`);
  await page.waitForFunction(() => (window as unknown as { __posted: { type: string }[] }).__posted.some((m) => m.type === 'ready'));
  return page;
}

async function post(page: Page, msg: unknown): Promise<void> {
  const before = await page.evaluate(() => document.body.dataset.chartsReady ?? '');
  await page.evaluate((m) => window.postMessage(m, '*'), msg);
  await waitCharts(page, before);
}

async function waitCharts(page: Page, before: string): Promise<void> {
  await page.waitForFunction((b) => !!document.body.dataset.chartsReady && document.body.dataset.chartsReady !== b, before, { timeout: 30000 });
  await page.waitForTimeout(100);
}

const posted = (page: Page) => page.evaluate(() => (window as unknown as { __posted: Record<string, unknown>[] }).__posted);
const cspViolations = (page: Page) => page.evaluate(() => (window as unknown as { __csp: string[] }).__csp);

/** Paths drawn by the first mark group of a kind inside a container. */
const countMarks = (page: Page, container: string, mark: string) =>
  page.evaluate(([c, m]) => {
    const g = document.querySelector(`${c} g.mark-${m}.role-mark`);
    return g ? g.querySelectorAll(':scope > path').length : -1;
  }, [container, mark] as const);

async function checkClean(page: Page, watch: Watch, what: string): Promise<void> {
  assert.deepStrictEqual(await cspViolations(page), [], `${what}: CSP violations`);
  assert.deepStrictEqual(watch.errors, [], `${what}: console errors`);
  for (const m of await posted(page)) assert.strictEqual(validateResultsToHost(m), undefined, `${what}: the page posted an invalid message ${JSON.stringify(m).slice(0, 200)}`);
}

/** A spec on the Columbus example's files (absolute paths), written to test-output. */
function columbusVariant(name: string, overrides: Record<string, unknown>): string {
  const dir = path.join(ROOT, 'examples/columbus');
  const spec = JSON.parse(fs.readFileSync(path.join(dir, 'columbus.sar.json'), 'utf8')) as Record<string, unknown>;
  const abs = (p: string) => path.join(dir, p);
  const w = spec.weights as Record<string, unknown>;
  const g = spec.geometry as Record<string, unknown>;
  const out = { ...spec, data: abs('data.csv'), weights: { ...w, path: abs(w.path as string) }, geometry: { ...g, path: abs(g.path as string) }, title: `Columbus: ${name}`, ...overrides };
  const file = path.join(OUT, 'fixtures', `columbus-${name}.sar.json`);
  fs.writeFileSync(file, JSON.stringify(out, null, 2));
  return file;
}

/** Kazakhstan's cities (real coordinates) with clearly synthetic values, as a lon/lat point map. */
function citiesSpec(): string {
  const csv = fs.readFileSync(path.join(KAZAKHSTAN_CITIES_DIR, 'cities.csv'), 'utf8').trim().split('\n');
  const head = csv[0].split(',');
  const col = (name: string) => head.indexOf(name);
  let seed = 12345;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const rows = csv.slice(1).map((line) => line.split(','));
  const features = rows.map((r) => ({ type: 'Feature', properties: { city: r[col('city')] }, geometry: { type: 'Point', coordinates: [Number(r[col('lon')]), Number(r[col('lat')])] } }));
  const data = ['city,lon,lat,servers,cloud,output'];
  for (const r of rows) {
    const pop = Number(r[col('ne_pop_max')]) / 1000;
    const servers = Math.round(8 + pop * 10 * (0.5 + rand()));
    const cloud = Math.round(2 + pop * 5 * (0.5 + rand()));
    data.push(`${r[col('city')]},${r[col('lon')]},${r[col('lat')]},${servers},${cloud},${Math.round(50000 + 20 * servers + 15 * cloud + 40000 * rand())}`);
  }
  const dir = path.join(OUT, 'fixtures');
  fs.writeFileSync(path.join(dir, 'cities.csv'), data.join('\n') + '\n');
  fs.writeFileSync(path.join(dir, 'cities.geojson'), JSON.stringify({ type: 'FeatureCollection', features }));
  const file = path.join(dir, 'cities.sar.json');
  fs.writeFileSync(file, JSON.stringify({
    title: 'Kazakhstan cities (synthetic values, test only)', data: 'cities.csv', dependent: 'output', independent: ['servers', 'cloud'],
    weights: { type: 'knn', k: 4, coordinates: ['lon', 'lat'], distance: 'greatCircle' }, model: 'lag',
    geometry: { path: 'cities.geojson', idProperty: 'city', idColumn: 'city' },
  }, null, 2));
  return file;
}

suite('results view: rendered in Chromium under the webview CSP', function () {
  this.timeout(180000);
  let browser: Browser | undefined;
  let server: Server;

  suiteSetup(async function () {
    if (!fs.existsSync(CHROMIUM) || !fs.existsSync(BUNDLE) || !fs.existsSync(STYLES)) {
      console.log(`      (skipped: needs ${CHROMIUM} and \`npm run build\`)`);
      this.skip();
    }
    fs.mkdirSync(path.join(OUT, 'fixtures'), { recursive: true });
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
    server = await serve();
  });

  suiteTeardown(async () => {
    await browser?.close();
    await server?.close();
  });

  test('the bundle builds no code from strings on the vega path', () => {
    const js = fs.readFileSync(BUNDLE, 'utf8');
    // The Function constructors in the bundle: d3-dsv's CSV row converter (unused: data are inline
    // objects) and vega-runtime's code generator (3 sites; replaced by vega-interpreter through
    // View's `expr` option). Running any of them would be a CSP violation, which the tests below
    // would see. A new site means a new dependency path to review.
    const sites = js.match(/(?:new Function|[^\w$.]Function)\(/g) ?? [];
    assert.ok(sites.length <= 4, `${sites.length} Function constructor sites`);
    // `eval(` other than a method definition such as vega's `eval(_, pulse) {`.
    assert.ok(!/[^\w$.]eval\((?![\w$\s,]*\)\s*\{)/.test(js), 'no global eval');
  });

  test('Columbus lag model: tables, charts, 49 map shapes, hovers, exports, dark and light', async () => {
    const watch: Watch = { errors: [] };
    const msg = await showMessage(path.join(ROOT, 'examples/columbus/columbus.sar.json'));
    const page = await openPage(browser!, server.origin, 'dark', watch);
    await post(page, msg);

    // Tables as R prints them.
    const coef = await page.locator('#sec-coefficients table').innerText();
    // 46.851430: R prints 46.851431, its ρ̂ 2.8e-8 short of the maximum.
    for (const s of ['Estimate', 'Std. Error', 'z value', 'Pr(>|z|)', '46.851430', '-1.073533', '0.0005538', '***']) assert.ok(coef.includes(s), `Table 1 has ${s}`);
    const stats = await page.locator('#sec-statistics table').innerText();
    for (const s of ['Rho', '0.40389', 'LR test value', '8.4179', 'Std. error of rho (asymptotic)', 'Wald statistic', '11.195', 'Log likelihood', '-183.1683', 'AIC (SAR)', '376.34', 'AIC (LM, i.e. OLS)', '382.75']) assert.ok(stats.includes(s), `Table 3 has ${s}`);
    assert.ok((await page.locator('#sec-impacts').innerText()).includes('-0.6783818'));

    // One shape per observation on the map; one point per observation in the scatterplots.
    assert.strictEqual(await countMarks(page, '#sec-map', 'shape'), 49, 'map shapes');
    assert.strictEqual(await page.locator('#sec-charts .sar-card').nth(1).locator('g.mark-symbol.role-mark > path').count(), 49, 'fitted vs observed points');
    assert.strictEqual(await page.locator('#sec-charts .sar-card').nth(2).locator('g.mark-symbol.role-mark > path').count(), 49, 'Moran scatterplot points');
    assert.ok((await page.locator('#sec-charts .sar-card').nth(0).locator('g.mark-rect.role-mark > path').count()) >= 5, 'histogram bars');
    assert.strictEqual(await page.locator('#sec-map [role="graphics-document"]').getAttribute('aria-label'), 'Map of Spillover of INC (local indirect effect) for 49 observations');
    assert.ok(/^\S+: Spillover of INC \(local indirect effect\) -?\d/.test(String(await page.locator('#sec-map g.mark-shape.role-mark > path').first().getAttribute('aria-label'))), 'each area has an accessible label');

    await page.screenshot({ path: path.join(OUT, 'columbus-dark.png'), fullPage: true });
    await page.locator('#sec-impacts').screenshot({ path: path.join(OUT, 'columbus-dark-impacts.png') });

    // A refit in progress is announced; idle clears it.
    await page.evaluate(() => window.postMessage({ type: 'status', state: 'fitting', text: 'Fitting the model' }, '*'));
    await page.waitForFunction(() => !document.querySelector<HTMLElement>('.sar-status')!.hidden);
    assert.strictEqual(await page.locator('.sar-status').innerText(), 'Fitting… Fitting the model. The results below are from the previous fit.');
    await page.evaluate(() => window.postMessage({ type: 'status', state: 'idle' }, '*'));
    await page.waitForFunction(() => document.querySelector<HTMLElement>('.sar-status')!.hidden);

    // Keyboard: focus the INC coefficient → hover card with its impacts and how to read them.
    await page.focus('#sec-coefficients tr[data-term="INC"] th');
    const card = await page.locator('#sar-tooltip').innerText();
    assert.ok(card.includes('Impacts of INC: direct -1.1225156, indirect -0.6783818, total -1.8008973'), card);
    assert.ok(card.includes('β is not the marginal effect'), card);
    await page.locator('#sec-coefficients').screenshot({ path: path.join(OUT, 'columbus-coefficient-hover.png') });
    await page.keyboard.press('Escape');

    // Hover a map shape → tooltip naming the observation; click → selection and reveal.
    const shape = page.locator('#sec-map g.mark-shape.role-mark').first().locator(':scope > path').nth(20);
    await shape.hover();
    await page.waitForFunction(() => !document.getElementById('sar-tooltip')!.hidden);
    const tip = await page.locator('#sar-tooltip').innerText();
    assert.ok(/Observation: \S+/.test(tip) && tip.includes('Spillover of INC'), tip);
    await page.screenshot({ path: path.join(OUT, 'columbus-map-hover.png') });
    await shape.click();
    await page.waitForFunction(() => !document.querySelector<HTMLElement>('.sar-selection')!.hidden);
    assert.strictEqual(await countMarks(page, '#sec-map', 'shape'), 49);
    await page.getByRole('button', { name: /^Show observation .* in the data file$/ }).click();
    const reveal = (await posted(page)).find((m) => m.type === 'reveal');
    assert.ok(reveal && typeof reveal.observation === 'number' && reveal.observation >= 0 && reveal.observation < 49, JSON.stringify(reveal));
    await page.screenshot({ path: path.join(OUT, 'columbus-selected.png') });

    // Copy and export go to the host as valid messages.
    await page.getByRole('button', { name: 'Copy Table 1 — Coefficients (asymptotic standard errors) as tab-separated values' }).click();
    const copy = (await posted(page)).find((m) => m.type === 'copy');
    assert.ok(copy && String(copy.text).split('\n')[2].startsWith('INC\t-1.073533\t0.310872\t-3.4533\t0.0005538'), JSON.stringify(copy));
    // The report and the per-observation CSV are the text "SAR Studio: Export results" writes.
    await page.getByRole('button', { name: 'Copy all tables as Markdown' }).click();
    await page.getByRole('button', { name: /^Save per-observation values/ }).click();
    await page.waitForFunction(() => (window as unknown as { __posted: { type: string }[] }).__posted.some((m) => m.type === 'export'));
    assert.strictEqual((await posted(page)).find((m) => m.type === 'copy' && m.what === 'the report')?.text, toMarkdown(msg.result, { title: msg.title }));
    assert.strictEqual((await posted(page)).find((m) => m.type === 'export' && m.format === 'csv')?.data, observationsCsv(msg.result, msg.laggedResiduals));
    await page.getByRole('button', { name: 'Save the map as PNG' }).click();
    await page.getByRole('button', { name: 'Save the map as SVG' }).click();
    await page.waitForFunction(() => (window as unknown as { __posted: { type: string }[] }).__posted.filter((m) => m.type === 'export').length >= 3);
    const exports = (await posted(page)).filter((m) => m.type === 'export');
    const png = exports.find((m) => m.format === 'png')!;
    const svg = exports.find((m) => m.format === 'svg')!;
    assert.strictEqual(png.suggestedName, 'columbus-map.png');
    fs.writeFileSync(path.join(OUT, 'exported-map.png'), Buffer.from(String(png.data).split(',')[1], 'base64'));
    fs.writeFileSync(path.join(OUT, 'exported-map.svg'), String(svg.data));
    assert.strictEqual((String(svg.data).match(/<path/g) ?? []).length >= 49, true);

    // Another map quantity; the choice is view state that survives a reload of the page.
    await page.selectOption('#sec-map select[id^="map-quantity"]', 'residual');
    await page.waitForTimeout(500);
    assert.strictEqual(await countMarks(page, '#sec-map', 'shape'), 49);
    await checkClean(page, watch, 'dark');

    // Live theme switch: VS Code swaps the variables and the body class.
    const before = await page.evaluate(() => document.body.dataset.chartsReady ?? '');
    await page.evaluate((vars) => {
      // As VS Code does it: the variables on <html> through the CSSOM (allowed by the CSP), then the body class.
      for (const [k, v] of Object.entries(vars)) document.documentElement.style.setProperty(`--vscode-${k}`, v);
      document.body.className = 'vscode-light';
    }, THEMES.light);
    await waitCharts(page, before);
    await page.selectOption('#sec-map select[id^="map-quantity"]', 'indirect:INC');
    await page.waitForTimeout(500);
    await page.screenshot({ path: path.join(OUT, 'columbus-light.png'), fullPage: true });
    await page.locator('#sec-charts').screenshot({ path: path.join(OUT, 'columbus-light-charts.png') });
    await page.selectOption('#sec-map select[id^="map-quantity"]', 'residual');
    await checkClean(page, watch, 'light');

    // The page is discarded when the panel is hidden: on reload it says ready, gets `show` again and restores its state.
    await page.reload();
    await page.waitForFunction(() => (window as unknown as { __posted: { type: string }[] }).__posted.some((m) => m.type === 'ready'));
    await post(page, msg);
    assert.strictEqual(await page.locator('#sec-map select[id^="map-quantity"]').inputValue(), 'residual');
    await checkClean(page, watch, 'reload');

    // The harness sees violations: an inline style element and eval are refused and reported.
    // (In a timer: code evaluated by DevTools itself may eval; page code, like a message handler, may not.)
    await page.evaluate(() => {
      const style = document.createElement('style');
      style.textContent = 'body { color: red }';
      document.head.append(style);
      window.setTimeout(() => {
        const w = window as unknown as { __evalRefused?: boolean };
        try {
          new Function('return 1')();
          w.__evalRefused = false;
        } catch {
          w.__evalRefused = true;
        }
      }, 0);
    });
    await page.waitForFunction(() => (window as unknown as { __evalRefused?: boolean }).__evalRefused !== undefined);
    const refused = await page.evaluate(() => (window as unknown as { __evalRefused?: boolean }).__evalRefused);
    assert.ok(refused, 'new Function is refused (no unsafe-eval)');
    await page.waitForFunction(() => (window as unknown as { __csp: string[] }).__csp.length >= 2);
    const v = await cspViolations(page);
    assert.ok(v.some((x) => x.startsWith('style-src')) && v.some((x) => x.startsWith('script-src')), v.join('\n'));
    await page.close();
  });

  test('error, Durbin and OLS models render without errors', async () => {
    for (const model of ['error', 'durbin', 'ols'] as const) {
      const watch: Watch = { errors: [] };
      const msg = await showMessage(columbusVariant(model, { model }));
      const page = await openPage(browser!, server.origin, model === 'ols' ? 'light' : 'dark', watch);
      await post(page, msg);
      assert.strictEqual(await countMarks(page, '#sec-map', 'shape'), 49, `${model}: map shapes`);
      const text = await page.locator('main').innerText();
      if (model === 'ols') assert.ok(text.includes('t value') && text.includes('Pr(>|t|)') && text.includes('Multiple R-squared'));
      if (model === 'error') assert.ok(text.includes('Lambda') && text.includes('AIC (SEM)') && !text.includes('Impacts'));
      if (model === 'durbin') assert.ok(text.includes('lag.INC') && text.includes('AIC (SDM)') && text.includes('Impacts'));
      await page.screenshot({ path: path.join(OUT, `columbus-${model}.png`), fullPage: true });
      await checkClean(page, watch, model);
      await page.close();
    }
  });

  test('the Kazakhstan example (illustrative values): paper layout and a lon/lat city map', async function () {
    const spec = path.join(ROOT, 'examples/kazakhstan-smart-cities/kazakhstan.sar.json');
    if (!fs.existsSync(spec)) this.skip();
    const watch: Watch = { errors: [] };
    const msg = await showMessage(spec);
    const page = await openPage(browser!, server.origin, 'light', watch);
    await post(page, msg);
    assert.strictEqual(await countMarks(page, '#sec-map', 'symbol'), msg.result.n, 'one point per city');
    const stats = await page.locator('#sec-statistics table').innerText();
    assert.ok(stats.includes('Std. error of rho (numerical Hessian)') && stats.includes('z-value (numerical Hessian)'), stats);
    assert.ok(await page.locator('#sec-map path[aria-label^="Almaty: "]').count() === 1);
    await page.screenshot({ path: path.join(OUT, 'kazakhstan-light.png'), fullPage: true });
    await page.locator('#sec-map').screenshot({ path: path.join(OUT, 'kazakhstan-map.png') });
    await checkClean(page, watch, 'kazakhstan');
    await page.close();
  });

  test('lon/lat point map (Kazakhstan cities, synthetic values)', async () => {
    const watch: Watch = { errors: [] };
    const msg = await showMessage(citiesSpec());
    assert.strictEqual(msg.map?.kind, 'points');
    assert.strictEqual(msg.map?.coordinates, 'lonlat');
    const page = await openPage(browser!, server.origin, 'dark', watch);
    await post(page, msg);
    assert.strictEqual(await countMarks(page, '#sec-map', 'symbol'), msg.result.n, 'one point per city');
    await page.locator('#sec-map path[aria-label^="Petropavl: "]').hover();
    await page.waitForFunction(() => !document.getElementById('sar-tooltip')!.hidden);
    assert.ok((await page.locator('#sar-tooltip').innerText()).includes('Observation: Petropavl'));
    await page.screenshot({ path: path.join(OUT, 'cities-map.png') });
    await checkClean(page, watch, 'cities');
    await page.close();
  });
});
