/**
 * User stories of the analyst's everyday workflow (issue 10), in the real workbench: the filter
 * bar and the grid agree; a column is transformed from its header (the fit equals R's
 * `lagsarlm(CRIME ~ INC + log(HOVAL))`); histogram and scatter from the header menu; the fit's
 * values added to the CSV as columns (an undoable edit); a refit clears the "Fitting…" banner;
 * the keyboard (one Tab stop for the regressors, labelled fields, Ctrl+Shift+Alt+Enter from the
 * grid) and a clean console (no CSP violation). Screenshots in light, dark and high contrast.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { fixture } from '../helpers/fixtures';
import { poll } from './pages/poll';
import { RESULTS_MARKER, rowCells } from './pages/resultsPanel';
import { SpecEditorPage } from './pages/specEditor';
import { EXTENSION_ID, startSession, type Session } from './support/session';

const SPEC = 'columbus/columbus.sar.json';
const RESULTS = RESULTS_MARKER;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const LOG_HOVAL: any = JSON.parse(fs.readFileSync(fixture('columbus-transforms', 'reference.json'), 'utf8')).transforms.log_HOVAL.sar_eigen;

suite('E2E: the analyst\'s workflow — filter, transforms, charts, results into the data, keyboard', function () {
  this.timeout(600_000);
  let s: Session | undefined;
  let failed = false;
  let editor: SpecEditorPage;

  suiteSetup(async () => {
    s = await startSession('workflow', { settings: { 'files.autoSave': 'off' } });
  });
  teardown(function () {
    if (this.currentTest?.state === 'failed') failed = true;
  });
  suiteTeardown(async () => {
    await s?.close({ failed });
  });

  test('the spec editor opens with a clean console: no Content-Security-Policy violation', async () => {
    const { wb, step, outputDir } = s as Session;
    await step('workbench ready', () => wb.waitForCommand('SAR Studio: Fit SAR model'));
    await wb.runCommand('View: Hide Panel').catch(() => undefined);
    editor = await step('open columbus.sar.json in the spec editor', async () => {
      const e = await SpecEditorPage.open(wb, SPEC);
      await e.waitForRows();
      return e;
    });
    await poll('the console log flushed', async () => fs.readFileSync(path.join(outputDir, 'browser-console.log'), 'utf8').length > 0, 10_000);
    const csp = fs.readFileSync(path.join(outputDir, 'browser-console.log'), 'utf8').split('\n').filter((l) => /Content Security Policy|Content-Security-Policy/i.test(l));
    assert.deepStrictEqual(csp, []);
  });

  test('fields are labelled; the regressors are one Tab stop with arrow keys; every regressor shows', async () => {
    const { page, step } = s as Session;
    const f = editor.frame;
    for (const [name, id] of [['Data file', '#f-data'], ['GAL file', '#f-weights-path'], ['Filter value', '#filter-value']]) {
      assert.strictEqual(await f.getByRole('textbox', { name, exact: true }).getAttribute('id'), id.slice(1), `a text box named "${name}"`);
    }
    // Every checkbox of the list is on screen (no cap that hides some at this width).
    const hiddenBoxes = await f.$$eval('.regressor-list .ui-checkbox:not([hidden])', (ls) => ls.filter((l) => {
      const b = l.getBoundingClientRect();
      const box = (l.parentElement as HTMLElement).getBoundingClientRect();
      return b.height === 0 || b.bottom > box.bottom + 1;
    }).length);
    assert.strictEqual(hiddenBoxes, 0);
    const tabs = await step('Tab from the Fit button to the grid', async () => {
      await f.locator('#fit').focus();
      for (let n = 1; n <= 60; n++) {
        await page.keyboard.press('Tab');
        if (await f.evaluate(() => document.activeElement?.id === 'grid')) return n;
      }
      return Infinity;
    });
    // 41 before: every regressor checkbox was a stop.
    assert.ok(tabs <= 25, `${tabs} Tab presses to reach the grid`);
    console.log(`      [e2e] ${tabs} Tab presses from the Fit button to the grid`);
    await step('in the regressors, arrow keys move and Space checks OPEN', async () => {
      await f.locator('#f-x-INC').focus();
      await poll('focus on OPEN', async () => {
        if (await f.evaluate(() => document.activeElement?.id === 'f-x-OPEN')) return true;
        await page.keyboard.press('ArrowRight');
        return false;
      }, 10_000, 50);
      await page.keyboard.press('Space');
      await poll('OPEN among the regressors', async () => (await editor.text('#regressors')) === 'INC, HOVAL, OPEN', 20_000);
      await page.keyboard.press('Space');
      await poll('OPEN out again', async () => (await editor.text('#regressors')) === 'INC, HOVAL', 20_000);
    });
  });

  test('the filter bar and the grid agree: a new condition and Enter re-apply; "Show all rows" clears the bar; sort and filter notes together; summaries of the filtered rows', async () => {
    const { page, step } = s as Session;
    const f = editor.frame;
    const inc = await editor.columnIndex('INC');
    const incCells = fs.readFileSync(path.join((s as Session).workspace, 'columbus', 'data.csv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split(',')[inc]);
    const over15 = incCells.filter((v) => Number(v) > 15).length;
    const contains1 = incCells.filter((v) => v.includes('15')).length;
    await step('sort by CRIME, then filter INC contains "15"', async () => {
      await editor.chooseFromHeaderMenu('CRIME', 'sort-desc');
      await poll('sorted', async () => /sorted by CRIME/.test(await editor.text('#view-info')), 20_000);
      await f.locator('#filter-column').click();
      await f.locator(`#filter-column [value="${inc}"]`).click();
      await f.locator('#filter-value').fill('15');
      await page.keyboard.press('Enter');
      await poll('the contains view', async () => (await editor.text('#view-info')).startsWith(`${contains1} of 49 rows`), 20_000);
    });
    assert.match(await editor.text('#view-info'), /sorted by CRIME \(descending\)/, 'the sort note stays beside the filter');
    await step('change the condition to ">" and press Enter in the unchanged value box', async () => {
      await f.locator('#filter-op').click();
      await f.locator('#filter-op [value=">"]').click();
      await f.locator('#filter-value').focus();
      await page.keyboard.press('Enter');
      await poll(`${over15} of 49 rows`, async () => (await editor.text('#view-info')).startsWith(`${over15} of 49 rows`), 20_000);
    });
    await poll('the summary counts the filtered rows', async () => {
      const count = await f.locator(`#grid .summary-row[aria-rowindex="2"] .cell[aria-colindex="${inc + 2}"]`).first().textContent().catch(() => '');
      return count?.trim() === String(over15);
    }, 20_000);
    assert.match((await f.locator('#grid .summary-row .rh.filtered').first().getAttribute('title')) ?? '', new RegExp(`of the ${over15} rows the filter shows`));
    await step('"Show all rows": the grid shows all, and the bar no longer shows the old filter', async () => {
      await f.locator('#filter-clear').click();
      await poll('all rows', async () => !/of 49 rows/.test(await editor.text('#view-info')), 20_000);
    });
    assert.strictEqual(await f.locator('#filter-value').inputValue(), '');
    await editor.chooseFromHeaderMenu('CRIME', 'sort-none');
  });

  test('histogram and scatter from the header menu (vega-lite), over the rows in view', async () => {
    const { step } = s as Session;
    const panel = editor.frame.locator('#chart-panel');
    await step('HOVAL header → Histogram', async () => {
      await editor.chooseFromHeaderMenu('HOVAL', 'chart-histogram');
      await poll('the histogram of 49 rows', async () => (await panel.getAttribute('data-chart-ready')) === 'histogram:49', 30_000);
    });
    assert.ok((await panel.locator('svg .mark-rect path, svg .mark-rect rect').count()) > 3, 'bars drawn');
    assert.match(await editor.text('#chart-note'), /^49 rows/);
    await step('INC header → Scatter against CRIME', async () => {
      await editor.chooseFromHeaderMenu('INC', 'chart-scatter');
      await poll('the scatter of 49 points', async () => (await panel.getAttribute('data-chart-ready')) === 'scatter:49', 30_000);
    });
    assert.match(await editor.text('#chart-title'), /CRIME against INC/);
    assert.strictEqual(await panel.locator('svg .mark-symbol path').count(), 49);
  });

  test('HOVAL header → "log(HOVAL)": the spec changes; the fit equals R\'s lagsarlm(CRIME ~ INC + log(HOVAL)); the refit clears the banner', async () => {
    const { wb, step, page } = s as Session;
    await step('HOVAL header → In the model as log(HOVAL)', async () => {
      await editor.chooseFromHeaderMenu('HOVAL', 'transform-log');
      await poll('log(HOVAL) among the regressors', async () => (await editor.text('#regressors')) === 'INC, log(HOVAL)', 20_000);
    });
    assert.strictEqual(await editor.headerRoles('HOVAL'), 'regressor');
    const results = await step('Ctrl+Shift+Alt+Enter with the grid focused fits the model: the results panel opens', async () => {
      await editor.goToCell(0, 0);
      await page.keyboard.press('Control+Shift+Alt+Enter');
      const f = await wb.webview(EXTENSION_ID, RESULTS, 120_000);
      await poll('log(HOVAL) in the coefficients', async () => (await rowCells(f, 'coefficients', 'log(HOVAL)')).length > 0, 60_000);
      return f;
    });
    for (const ref of LOG_HOVAL.coefficients as { term: string; estimate: number; std_error: number }[]) {
      const cells = await rowCells(results, 'coefficients', ref.term);
      // As printed (printCoefmat's digits): within half a unit of the last digit shown.
      const halfUlp = (x: string) => 0.5 * 10 ** -((x.split('.')[1] ?? '').replace(/e.*$/, '').length) + 1e-12;
      assert.ok(Math.abs(Number(cells[1]) - ref.estimate) <= halfUlp(cells[1]), `${ref.term}: ${cells[1]} vs R ${ref.estimate}`);
      assert.ok(Math.abs(Number(cells[2]) - ref.std_error) <= halfUlp(cells[2]), `${ref.term} SE: ${cells[2]} vs R ${ref.std_error}`);
    }
    const rho = await rowCells(results, 'statistics', 'Rho');
    assert.ok(Math.abs(Number(rho[1]) - LOG_HOVAL.rho.estimate) < 5e-6, `ρ ${rho[1]} vs R ${LOG_HOVAL.rho.estimate}`);
    await step('"Fit again" in the panel: the new result arrives and no "Fitting…" banner stays above it', async () => {
      const before = await results.locator('body').getAttribute('data-charts-ready');
      await results.locator('.sar-toolbar button', { hasText: 'Fit again' }).click();
      await poll('the new result drawn', async () => (await results.locator('body').getAttribute('data-charts-ready')) !== before, 120_000, 300);
      await poll('the banner gone', async () => (await results.locator('.sar-status').first().isHidden()), 20_000);
    });
  });

  test('the results panel at half width: tables scroll sideways, the pre-tests come before the charts, light / dark / high contrast', async () => {
    const { wb, step } = s as Session;
    const results = await wb.webview(EXTENSION_ID, RESULTS, 60_000);
    const order = await results.$$eval('section.sar-section', (ss) => ss.map((x) => x.id));
    assert.ok(order.indexOf('sec-tests') >= 0 && order.indexOf('sec-tests') < order.indexOf('sec-charts'), order.join(', '));
    // At half width the impacts table is wider than the panel: its scroller scrolls (a classic
    // scrollbar, an edge shadow) and reaches the p column.
    const impacts = results.locator('#sec-impacts .sar-table-scroll');
    const wide = await impacts.evaluate((e) => ({ over: e.scrollWidth > e.clientWidth + 1, marked: e.classList.contains('sar-overflows'), overflowX: getComputedStyle(e).overflowX }));
    assert.ok(!wide.over || (wide.marked && wide.overflowX === 'scroll'), JSON.stringify(wide));
    await impacts.evaluate((e) => { e.scrollLeft = e.scrollWidth; });
    const pHead = await results.locator('#sec-impacts thead th').last().boundingBox();
    const box = await impacts.boundingBox();
    assert.ok(pHead && box && pHead.x + pHead.width <= box.x + box.width + 1, 'the last column scrolled into view');
    for (const [label, cls] of [['Light Modern', 'vs'], ['Dark High Contrast', 'hc-black'], ['Dark Modern', 'vs-dark']]) {
      await step(`results in ${label}`, async () => {
        await wb.setTheme(label, cls);
        await results.locator('#sec-impacts').scrollIntoViewIfNeeded();
      });
    }
  });

  test('"Add to data…" in the results panel: fitted values and residuals become columns of data.csv, one edit that Ctrl+Z undoes', async () => {
    const { wb, step, page } = s as Session;
    const results = await wb.webview(EXTENSION_ID, RESULTS, 60_000);
    await step('"Add to data…" → accept the columns (fitted, residual) → "Add to data.csv"', async () => {
      await results.locator('.sar-toolbar button', { hasText: 'Add to data…' }).click();
      await poll('the column pick', async () => /add these columns/.test(await wb.quickInputTitle()), 30_000);
      await page.keyboard.press('Enter');
      await poll('the target pick', async () => /SAR Studio: add fitted, residual/.test(await wb.quickInputTitle()), 30_000);
      await wb.pickQuickItem('Add to data.csv');
      await poll('a dirty data.csv tab', async () => (await wb.tab('data.csv').getAttribute('class'))?.includes('dirty') ?? false, 30_000);
    });
    await step('the spec editor\'s grid shows the new columns', async () => {
      await wb.tab('columbus.sar.json').first().click();
      await poll('fitted and residual columns', async () => {
        const cols = JSON.parse((await editor.grid.getAttribute('data-columns')) ?? '[]') as string[];
        return cols.slice(-2).join(',') === 'fitted,residual';
      }, 30_000);
      await editor.scrollColumnIntoView('residual');
    });
    await step('Undo in the data.csv tab (one edit) removes them again', async () => {
      await wb.tab('data.csv').first().click();
      await page.keyboard.press('Control+z');
      await wb.tab('columbus.sar.json').first().click();
      await poll('the columns gone', async () => !((await editor.grid.getAttribute('data-columns')) ?? '').includes('fitted'), 30_000);
    });
    await poll('a clean data.csv tab', async () => !((await wb.tab('data.csv').getAttribute('class'))?.includes('dirty') ?? true), 30_000);
  });

  test('the spec editor with its chart and header menu in light, high contrast and dark', async () => {
    const { wb, step, page } = s as Session;
    await wb.tab('columbus.sar.json').first().click();
    await editor.chooseFromHeaderMenu('HOVAL', 'chart-histogram');
    for (const [label, cls] of [['Light Modern', 'vs'], ['Dark High Contrast', 'hc-black'], ['Dark Modern', 'vs-dark']]) {
      await step(`spec editor in ${label}, the HOVAL menu open`, async () => {
        await wb.setTheme(label, cls);
        await editor.scrollColumnIntoView('HOVAL');
        await editor.header('HOVAL').first().click();
        await editor.frame.locator('#header-menu').waitFor({ timeout: 10_000 });
      });
      await page.keyboard.press('Escape');
    }
  });
});
