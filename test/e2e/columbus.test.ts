/**
 * User story: a user opens the Columbus example, sees the spec in SAR Studio's editor, fits it
 * from the command palette and sees the result.
 */
import * as assert from 'assert';
import { EXTENSION_ID, startSession, type Session } from './support/session';

const SPEC = 'columbus/columbus.sar.json';
const EDITOR = 'SAR Studio Spec Editor';
const MARKER = '#sar-spec-editor';

suite('E2E: fit the Columbus example from the spec editor', function () {
  this.timeout(240_000);
  let s: Session | undefined;
  let failed = false;

  suiteSetup(async () => {
    s = await startSession('columbus fit');
  });
  teardown(function () {
    if (this.currentTest?.state === 'failed') failed = true;
  });
  suiteTeardown(async () => {
    await s?.close({ failed });
  });

  test('open columbus.sar.json → the spec editor shows the model → Fit SAR model → status bar ρ, report in the output, no problems', async () => {
    const { wb, step } = s as Session;

    await step('workbench ready with the example workspace', () => wb.waitForCommand('SAR Studio: Fit SAR model'));

    const editor = await step('open the spec from the explorer: the spec editor shows the model', async () => {
      const frame = await wb.openInCustomEditor(SPEC, EXTENSION_ID, EDITOR, MARKER);
      await frame.locator('#dependent').filter({ hasText: 'CRIME' }).waitFor({ timeout: 20_000 });
      return frame;
    });
    assert.strictEqual(await wb.text(editor, '#dependent'), 'CRIME');
    assert.strictEqual(await wb.text(editor, '#regressors'), 'INC, HOVAL');
    assert.strictEqual(await wb.text(editor, '#weights-type'), 'gal');
    assert.strictEqual(await wb.text(editor, '#model-type'), 'lag');

    const status = await step('run "SAR Studio: Fit SAR model" from the palette', async () => {
      await wb.runCommand('SAR Studio: Fit SAR model');
      return wb.waitForStatusBar(/^SAR (ρ=|λ=|logLik=|\d+ problems?)/, 120_000);
    });

    const rho = Number(/ρ=(-?[\d.]+)/.exec(status)?.[1]);
    assert.ok(Math.abs(rho - 0.40389) < 5e-5, `status bar: ${status}`);
    assert.match(status, /logLik=-183\.17/);

    const out = await step('the output channel shows the report', () => wb.outputChannel('SAR Studio', /=> columbus\.sar\.json: lag model fitted/));
    assert.match(out, /ρ = 0\.40389, logLik = -183\.17/);

    const problems = await step('no problems for the example', () => wb.problems());
    assert.deepStrictEqual(problems.filter((p) => p.file === 'columbus.sar.json' && /^Error/.test(p.ariaLabel)), []);
  });

  test('a spec with an unknown column: the spec editor\'s Fit button puts the error in Problems', async () => {
    const { wb, step } = s as Session;
    const editor = await step('open fixtures/unknown-column.sar.json in the spec editor', async () => {
      const frame = await wb.openInCustomEditor('fixtures/unknown-column.sar.json', EXTENSION_ID, EDITOR, `${MARKER}[data-file="unknown-column.sar.json"]`);
      await frame.locator('#regressors').filter({ hasText: 'HOVALL' }).waitFor({ timeout: 20_000 });
      return frame;
    });
    const row = await step('click "Fit SAR model" in the webview: Problems shows the error', async () => {
      await editor.locator('#fit').click();
      return wb.waitForProblem(/HOVALL/, 'unknown-column.sar.json', 120_000);
    });
    assert.match(row.ariaLabel, /^Error/);
    assert.match(row.text, /\[Ln 4, Col \d+\]/, `the error points at line 4: ${row.text}`);
    const hover = await step('as text, hovering "HOVALL" shows the error', async () => {
      await wb.reopenWithTextEditor();
      return wb.hover('HOVALL');
    });
    assert.match(hover, /HOVALL/);
    const atPosition = await step('the hover at line 4, column 27 (inside "HOVALL") shows it too', () => wb.hoverAt(4, 27));
    assert.match(atPosition, /unknown column "HOVALL"/);
  });
});
