/**
 * User stories for the spreadsheet-style spec editor: the Columbus data in the grid, a cell edited
 * with the keyboard (dirty CSV tab, Ctrl+Z restores it), a header click that makes a column a
 * regressor (the spec text changes), an invalid cell highlighted and listed, and the editor in
 * dark, light and high-contrast themes. Screenshots of every step go to test-output/e2e/<story>/.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { poll } from './pages/poll';
import { SpecEditorPage } from './pages/specEditor';
import { ROOT } from '../../scripts/workbench/paths';
import { startSession, type Session } from './support/session';

suite('E2E: the spec editor — data grid, cell edits, roles, invalid cells, themes', function () {
  this.timeout(300_000);
  let s: Session | undefined;
  let failed = false;

  suiteSetup(async () => {
    s = await startSession('spec editor grid');
    // Columbus with a text cell and an empty cell in model columns (test/fixtures/editor/bad-cells).
    fs.cpSync(path.join(ROOT, 'test', 'fixtures', 'editor', 'bad-cells'), path.join(s.workspace, 'bad-cells'), { recursive: true });
  });
  teardown(function () {
    if (this.currentTest?.state === 'failed') failed = true;
  });
  suiteTeardown(async () => {
    await s?.close({ failed });
  });

  test('open Columbus → 49 rows in the grid → edit a cell with the keyboard → dirty CSV tab → Ctrl+Z restores → click a header to make it a regressor', async () => {
    const { wb, step, page } = s as Session;
    await step('workbench ready', () => wb.waitForCommand('SAR Studio: Fit SAR model'));

    const editor = await step('open columbus.sar.json: the form and the grid show the model and the data', async () => {
      const e = await SpecEditorPage.open(wb, 'columbus/columbus.sar.json');
      await e.waitForRows();
      await poll('the summary rows', async () => !(await e.text('#grid .summary-row')).includes('…'), 30_000);
      return e;
    });
    assert.strictEqual(await editor.grid.getAttribute('aria-rowcount'), String(49 + 1 + 6), 'header + 6 summary rows + 49 data rows');
    assert.match(await editor.text('#data-dims'), /^49 rows × 23 columns/);
    assert.strictEqual(await editor.text('#dependent'), 'CRIME');
    assert.strictEqual(await editor.text('#regressors'), 'INC, HOVAL');
    assert.strictEqual(await editor.headerRoles('CRIME'), 'dependent');
    assert.strictEqual(await editor.headerRoles('INC'), 'regressor');
    assert.strictEqual(await editor.headerRoles('id'), 'id');
    assert.strictEqual(await editor.frame.locator('#grid .cell.invalid').count(), 0);
    assert.match(await editor.text('#issues'), /Every cell of the model columns \(CRIME, INC, HOVAL\) is a number/);

    const crime = await editor.columnIndex('CRIME');
    const original = await editor.cellText(0, crime);
    assert.strictEqual(original, '15.72598');

    await step('edit CRIME in row 1 with the keyboard (arrows, Enter, type, Enter): the CSV tab is dirty', async () => {
      await editor.editCellWithKeyboard(0, crime, '99.5');
      await editor.waitForCellText(0, crime, '99.5');
      await poll('a dirty data.csv tab', async () => (await wb.tab('data.csv').getAttribute('class'))?.includes('dirty') ?? false, 30_000);
    });
    // The edit reached the document: the status line reads the new value back from the host's rows.
    assert.match(await editor.text('#grid-status'), /Row 2, CRIME/);

    await step('Ctrl+Z in the grid restores the cell; the CSV tab is no longer dirty', async () => {
      await editor.grid.focus();
      await page.keyboard.press('Control+z');
      await editor.waitForCellText(0, crime, original);
      await poll('a clean data.csv tab', async () => !((await wb.tab('data.csv').getAttribute('class'))?.includes('dirty') ?? true), 30_000);
    });

    await step('click the OPEN header and choose "Regressor (X)": the spec changes', async () => {
      await editor.chooseFromHeaderMenu('OPEN', 'role-regressor');
      await poll('OPEN among the regressors', async () => (await editor.text('#regressors')) === 'INC, HOVAL, OPEN', 20_000);
      await poll('OPEN marked X', async () => (await editor.headerRoles('OPEN')) === 'regressor', 20_000);
      await poll('a dirty spec tab', async () => (await wb.tab('columbus.sar.json').getAttribute('class'))?.includes('dirty') ?? false, 20_000);
    });

    await step('as text, the spec lists OPEN after HOVAL (one minimal edit)', async () => {
      await wb.tab('columbus.sar.json').first().click();
      await wb.reopenWithTextEditor();
      await poll('the spec text', async () => {
        const text = (await page.locator('.part.editor .editor-group-container.active .monaco-editor .view-lines').first().innerText()).replace(/\u00a0/g, ' ');
        return /"independent": \["INC", "HOVAL", "OPEN"\],/.test(text);
      }, 20_000);
    });
  });

  test('a spec whose data has a text cell and an empty cell in model columns: both highlighted and listed; clicking one goes there', async () => {
    const { wb, step, page } = s as Session;
    await page.keyboard.press('Escape');
    const editor = await step('open bad-cells/bad.sar.json: invalid cells are highlighted', async () => {
      const e = await SpecEditorPage.open(wb, 'bad-cells/bad.sar.json');
      await e.waitForRows();
      await e.frame.locator('#issue-list .issue').first().waitFor({ timeout: 30_000 });
      await e.scrollColumnIntoView('CRIME');
      await e.frame.locator('#grid .cell.invalid').first().waitFor({ timeout: 30_000 });
      return e;
    });
    const crime = await editor.columnIndex('CRIME');
    const bad = editor.cell(2, crime);
    assert.match((await bad.getAttribute('class')) ?? '', /\binvalid\b/);
    assert.strictEqual(await bad.getAttribute('aria-invalid'), 'true');
    assert.strictEqual(await editor.cellText(2, crime), 'abc');
    const issues = await editor.text('#issues');
    assert.match(issues, /2 invalid cells in the model columns/);
    assert.match(issues, /row 3, CRIME "abc" is not a number/);
    assert.match(issues, /row 5, INC empty cell/);

    await step('click "row 5, INC" in the list: the grid moves to that cell', async () => {
      await editor.frame.locator('#issue-list .issue[data-row="4"]').click();
      const inc = await editor.columnIndex('INC');
      await poll('the active cell on row 5, INC', async () => (await editor.frame.locator(`#grid .grid-row[data-row="4"] .cell.active[data-col="${inc}"]`).count()) > 0, 10_000);
    });
    await step('filter CRIME by "is not a number": a view of the one bad row; the file keeps its rows', async () => {
      await editor.frame.locator('#filter-column').click();
      await editor.frame.locator(`#filter-column [value="${crime}"]`).click();
      await editor.frame.locator('#filter-op').click();
      await editor.frame.locator('#filter-op [value="invalid"]').click();
      await editor.frame.locator('#filter-apply').click();
      await poll('1 of 49 rows', async () => /^1 of 49 rows \(summaries of these rows\)$/.test(await editor.text('#view-info')), 20_000);
      await editor.waitForCellText(0, crime, 'abc');
    });
    await step('copy: Shift+arrows select 2 × 2 cells, Ctrl+C puts them on the clipboard as TSV', async () => {
      await editor.frame.locator('#filter-clear').click();
      await poll('all rows again', async () => (await editor.text('#view-info')) === '', 20_000);
      await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(page.url()).origin });
      await editor.goToCell(1, crime);
      await page.keyboard.press('Shift+ArrowDown');
      await page.keyboard.press('Shift+ArrowRight');
      await page.keyboard.press('Control+c');
      const clip = await poll('the clipboard', async () => {
        const t = await page.evaluate(() => navigator.clipboard.readText()).catch(() => '');
        return t.includes('\t') ? t : undefined;
      }, 10_000);
      assert.strictEqual(clip, '18.801754\t5.29672\nabc\t4.534649');
    });
    await step('the engine agrees: Problems lists the bad cells when the model is fitted', async () => {
      await editor.frame.locator('#fit').click();
      await wb.waitForProblem(/"abc" is not a number/, 'data.csv', 120_000);
    });
  });

  test('themes: the editor in light and high contrast (screenshots), then back to dark', async () => {
    const { wb, step } = s as Session;
    // Room for the editor: no panel, no toasts.
    await wb.runCommand('View: Hide Panel').catch(() => undefined);
    await wb.runCommand('Notifications: Clear All Notifications').catch(() => undefined);
    const editor = await SpecEditorPage.open(wb, 'bad-cells/bad.sar.json');
    await editor.waitForRows();
    const crime = await editor.columnIndex('CRIME');
    await editor.goToCell(1, crime);
    await step('light theme', () => (s as Session).wb.setTheme('Light Modern', 'vs'));
    await step('light theme: keyboard only — up to the OPEN header, Enter opens its menu, arrows to "Sort descending"', async () => {
      const { page } = s as Session;
      await editor.goToCell(0, await editor.columnIndex('OPEN'));
      await page.keyboard.press('ArrowUp');
      await page.keyboard.press('Enter');
      const menu = editor.frame.locator('#header-menu');
      await menu.waitFor({ timeout: 10_000 });
      await poll('"Sort descending" focused', async () => {
        const focused = await editor.frame.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.action ?? '');
        if (focused === 'sort-desc') return true;
        await page.keyboard.press('ArrowDown');
        return false;
      }, 10_000, 50);
      await page.keyboard.press('Enter');
      await poll('sorted by OPEN', async () => /sorted by OPEN \(descending\)/.test(await editor.text('#view-info')), 20_000);
      // The menu again, for the screenshot.
      await page.keyboard.press('Enter');
      await menu.waitFor({ timeout: 10_000 });
    });
    await (s as Session).page.keyboard.press('Escape');
    await step('high contrast theme', () => (s as Session).wb.setTheme('Dark High Contrast', 'hc-black'));
    await step('dark theme', () => (s as Session).wb.setTheme('Dark Modern', 'vs-dark'));
    assert.match(await editor.text('#view-info'), /sorted by OPEN \(descending\)/);
  });
});
