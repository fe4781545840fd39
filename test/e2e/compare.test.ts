/**
 * User story (issue 13, "which model?"): an analyst opens the Columbus spec in the spec editor,
 * sees the eight models in its model drop-down, presses "Compare models", and reads the family
 * side by side in the comparison panel — R's log-likelihoods, min AIC/BIC marked, the
 * recommended model highlighted with the tests that led there. "Use this model" on SEM writes
 * the model into the spec, and the open spec editor shows it. Screenshots in light, dark and
 * high contrast.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import type { Frame } from 'playwright-core';
import { COLUMBUS_DIR } from '../helpers/fixtures';
import { poll } from './pages/poll';
import { SpecEditorPage } from './pages/specEditor';
import { EXTENSION_ID, startSession, type Session } from './support/session';

const SPEC = 'columbus/columbus.sar.json';
const COMPARISON = '#app[data-sar-comparison]';
/** R's model_comparison (test/fixtures/columbus/reference-extended.json), in the table's order. */
const R: { model: string; loglik: number }[] = JSON.parse(fs.readFileSync(path.join(COLUMBUS_DIR, 'reference-extended.json'), 'utf8')).model_comparison;

/** Each body row of the family table: its model (the row header's own text), its badges, and its cells (the header first). */
function familyRows(frame: Frame): Promise<{ model: string; badges: string[]; cells: string[] }[]> {
  return frame.$$eval('table.sar-table-models tbody tr', (trs) => trs.map((tr) => {
    const th = tr.querySelector('th');
    return {
      model: (th?.firstChild?.textContent ?? '').trim(),
      badges: [...(th?.querySelectorAll('.sar-badge') ?? [])].map((b) => (b.textContent ?? '').trim()),
      cells: [...tr.querySelectorAll('th, td')].map((c) => (c.textContent ?? '').trim()),
    };
  }));
}

suite('E2E: compare the model family and use the recommended model', function () {
  this.timeout(400_000);
  let s: Session | undefined;
  let failed = false;
  let editor: SpecEditorPage;
  let panel: Frame;

  suiteSetup(async () => {
    s = await startSession('compare models', { settings: { 'files.autoSave': 'off' } });
  });
  teardown(function () {
    if (this.currentTest?.state === 'failed') failed = true;
  });
  suiteTeardown(async () => {
    await s?.close({ failed });
  });

  test('the spec editor offers all eight models, each with what it assumes', async () => {
    const { wb, step } = s as Session;
    await step('workbench ready', () => wb.waitForCommand('SAR Studio: Compare models'));
    await wb.runCommand('View: Hide Panel').catch(() => undefined);
    editor = await step('open columbus.sar.json in the spec editor', async () => {
      const e = await SpecEditorPage.open(wb, SPEC);
      await e.waitForRows();
      return e;
    });
    const values = await editor.frame.$$eval('#f-model vscode-option', (os) => os.map((o) => o.getAttribute('value') ?? ''));
    assert.deepStrictEqual([...values].sort(), ['durbin', 'error', 'gns', 'lag', 'ols', 'sac', 'sdem', 'slx']);
    assert.match(await editor.frame.locator('#f-model-hint').innerText(), /spatial lag \(SAR\): y = ρWy \+ Xβ \+ ε/);
  });

  test('"Compare models" in the spec editor → the comparison panel: R\'s logLik, min AIC/BIC, the recommendation and its tests', async () => {
    const { wb, step } = s as Session;
    panel = await step('press "Compare models" in the spec editor: the comparison panel opens', async () => {
      await editor.frame.locator('#compare').click();
      const f = await wb.webview(EXTENSION_ID, COMPARISON, 180_000);
      await f.locator('table.sar-table-models').waitFor({ timeout: 30_000 });
      return f;
    });
    const rows = await familyRows(panel);
    assert.deepStrictEqual(rows.map((r) => r.model), ['OLS', 'SLX', 'SAR', 'SEM', 'SDM', 'SDEM', 'SAC', 'GNS']);
    // The logLik column as the CLI prints it (7 significant digits), and equal to R's to that precision.
    assert.deepStrictEqual(rows.map((r) => r.cells[1]), ['-187.3772', '-184.0985', '-183.1683', '-184.1552', '-182.0161', '-182.2329', '-183.0731', '-181.9994']);
    R.forEach((ref, i) => assert.ok(Math.abs(Number(rows[i].cells[1]) - ref.loglik) < 5e-5, `${ref.model}: ${rows[i].cells[1]} vs R ${ref.loglik}`));
    const sar = rows[2];
    assert.deepStrictEqual(sar.cells.slice(2, 9), ['5', '376.34', '385.80', '0.40389', '', 'yes', 'min AIC, min BIC']);
    assert.deepStrictEqual(sar.badges, ['recommended', 'in the spec']);
    assert.deepStrictEqual(rows.filter((r) => r.badges.length).map((r) => r.model), ['SAR'], 'only SAR is marked');
    assert.strictEqual(await panel.locator('tr.sar-recommended').getAttribute('data-model'), 'lag');
    assert.strictEqual(await panel.locator('tr[data-model="lag"] button.sar-use').isDisabled(), true, 'the spec already uses SAR');
    const steps = await panel.locator('#sec-recommendation .sar-path li').allInnerTexts();
    assert.ok(steps.length >= 3, steps.join('\n'));
    assert.match(steps[0], /LR GNS vs SDEM \(ρ = 0\): 0\.4669 on 1 DF, p-value 0\.4944/);
    assert.match(await panel.locator('#common-factor').innerText(), /LR 4\.2782 on 2 DF, p-value 0\.1178/);
    assert.strictEqual(await panel.locator('table.sar-table-lrtests tbody tr').count(), 14, 'every nested pair');
  });

  test('the comparison panel in light, dark and high contrast; keyboard reaches "Use this model"', async () => {
    const { wb, step, page } = s as Session;
    for (const [label, cls] of [['Light Modern', 'vs'], ['Dark High Contrast', 'hc-black'], ['Dark Modern', 'vs-dark']]) {
      await step(`comparison in ${label}`, async () => {
        await wb.setTheme(label, cls);
        await panel.locator('#sec-models').scrollIntoViewIfNeeded();
      });
    }
    await step('Tab moves through the row buttons', async () => {
      await panel.locator('tr[data-model="slx"] button.sar-use').focus();
      await page.keyboard.press('Tab');
      assert.strictEqual(await panel.evaluate(() => document.activeElement?.textContent), 'Open results');
    });
  });

  test('"Use this model" on SEM writes "model": "error" into the spec; the spec editor and the panel show it', async () => {
    const { step } = s as Session;
    await step('click "Use this model" in the SEM row', async () => {
      await panel.locator('tr[data-model="error"] button.sar-use').click();
    });
    await step('the spec editor shows the error model', async () => {
      await poll('the spec editor\'s model', async () => (await editor.frame.locator('#model-type').innerText()) === 'error', 30_000);
    });
    await step('the panel marks SEM as the spec\'s model', async () => {
      await poll('SEM marked', async () => (await panel.locator('tr.sar-spec-model').getAttribute('data-model')) === 'error', 30_000);
      await panel.locator('#sec-models').scrollIntoViewIfNeeded();
    });
    assert.strictEqual(await panel.locator('tr[data-model="error"] button.sar-use').isDisabled(), true);
    assert.strictEqual(await panel.locator('tr[data-model="lag"] button.sar-use').isDisabled(), false);
  });

  test('"Open results" on SDEM: the results panel shows its analytic impacts and the regression diagnostics, without a refit', async () => {
    const { wb, step } = s as Session;
    const results = await step('click "Open results" in the SDEM row: the results panel opens with the SDEM fit', async () => {
      await panel.locator('tr[data-model="sdem"] button', { hasText: 'Open results' }).click();
      return wb.webview(EXTENSION_ID, '#app[data-sar-results="sdem"]', 60_000);
    });
    const impactHead = await results.$$eval('table.sar-table-impacts thead th', (ths) => ths.map((t) => (t.textContent ?? '').trim()));
    assert.deepStrictEqual(impactHead, ['Variable', 'Effect', 'Estimate', 'Std. Error', 'z', 'p', ''], 'analytic SEs of β and θ');
    await step('the impacts of the SDEM', () => results.locator('#sec-impacts').scrollIntoViewIfNeeded());
    const diag = await results.$$eval('#sec-diagnostics h3', (hs) => hs.map((x) => (x.textContent ?? '').trim()));
    assert.deepStrictEqual(diag, [
      'Multicollinearity (OLS of the regressors)',
      'Normality and heteroskedasticity of the OLS residuals',
      'Rao score (LM) tests for the Durbin specifications (Koley & Bera 2024)',
      "Breusch-Pagan test on the spatial model's residuals",
    ]);
    await step('the regression diagnostics', () => results.locator('#sec-diagnostics').scrollIntoViewIfNeeded());
  });
});
