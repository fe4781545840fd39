/**
 * "SAR Studio: Compare models" in the real extension host: the eight models fitted in the fit
 * worker with R's log-likelihoods on Columbus, the comparison panel shows them, "Use this model"
 * writes `model` into the spec as one undoable edit, and "Open results" shows a model's fit from
 * the same comparison without fitting again.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { COLUMBUS_DIR } from '../../helpers/fixtures';
import type { CompareCommandOutcome } from '../../../src/extension/compare/command';
import type { ModelType } from '../../../src/core/spec/types';
import { activateExtension, closeAllEditors, freshColumbus, sarApi, waitFor } from './util';

/** R spatialreg 1.2-6 (lm, lmSLX, lagsarlm, errorsarlm, sacsarlm, Durbin = TRUE), test/fixtures/columbus/reference-extended.json. */
const R_COMPARISON: { model: string; loglik: number; parameters: number; AIC: number; BIC: number }[] =
  JSON.parse(fs.readFileSync(path.join(COLUMBUS_DIR, 'reference-extended.json'), 'utf8')).model_comparison;
/** The reference names the models as the literature does. */
const OURS: Record<string, ModelType> = { ols: 'ols', slx: 'slx', sar: 'lag', sem: 'error', sdm: 'durbin', sdem: 'sdem', sac: 'sac', gns: 'gns' };
const COMPARE_TEST_MESSAGE = 'sarStudio.compare.testMessage';

async function compare(uri: vscode.Uri): Promise<CompareCommandOutcome> {
  const outcome = await vscode.commands.executeCommand<CompareCommandOutcome | undefined>('sarStudio.compare', uri);
  assert.ok(outcome, 'the command compared the models');
  return outcome;
}

suite('Compare models', () => {
  suiteSetup(activateExtension);
  teardown(closeAllEditors);

  test('Columbus: eight models in the fit worker, logLik, df, AIC and BIC of R; the panel shows them and the recommendation', async () => {
    const uri = vscode.Uri.joinPath(freshColumbus(), 'columbus.sar.json');
    const outcome = await compare(uri);
    assert.strictEqual(outcome.via, 'worker', 'compared in the worker_threads runner');
    const c = outcome.comparison;
    assert.ok(c, `a comparison (problems: ${JSON.stringify(outcome.problems.filter((p) => p.severity === 'error'))})`);
    assert.deepStrictEqual(c.models.map((m) => m.model), ['ols', 'slx', 'lag', 'error', 'durbin', 'sdem', 'sac', 'gns']);
    for (const ref of R_COMPARISON) {
      const row: (typeof c.models)[number] | undefined = c.models.find((m) => m.model === OURS[ref.model]);
      assert.ok(row, ref.model);
      // Exact statistics to 1e-6 relative; SAC/GNS too (their maxima are flat in ρ, λ but not in logLik).
      assert.ok(Math.abs(row.logLik - ref.loglik) <= 1e-6 * Math.abs(ref.loglik), `${ref.model} logLik ${row.logLik} vs R ${ref.loglik}`);
      assert.strictEqual(row.parameters, ref.parameters, `${ref.model} parameters`);
      assert.ok(Math.abs(row.aic - ref.AIC) <= 1e-6 * ref.AIC, `${ref.model} AIC ${row.aic} vs R ${ref.AIC}`);
      assert.ok(Math.abs(row.bic - ref.BIC) <= 1e-6 * ref.BIC, `${ref.model} BIC ${row.bic} vs R ${ref.BIC}`);
    }
    assert.strictEqual(c.bestAic, 'lag');
    assert.strictEqual(outcome.fits?.size, 8, 'every model\'s fit comes back');

    const shown = await waitFor('the comparison panel', async () => (await sarApi()).comparisonShown(uri));
    assert.deepStrictEqual(shown.comparison.models.map((m) => m.logLik), c.models.map((m) => m.logLik));
    assert.strictEqual(shown.comparison.recommendation.model, c.recommendation.model);
    assert.strictEqual(shown.specModel, 'lag', 'the spec names the lag model');
    assert.ok(shown.comparison.recommendation.steps.length > 0, 'the recommendation lists the tests it followed');
  });

  test('"Use this model" writes "model" into the spec as one edit that undo reverts; the panel follows the spec', async () => {
    const uri = vscode.Uri.joinPath(freshColumbus(), 'columbus.sar.json');
    await compare(uri);
    const api = await sarApi();
    await waitFor('the comparison panel', () => api.comparisonShown(uri));
    const doc = await vscode.workspace.openTextDocument(uri);
    const before = doc.getText();
    assert.ok(await vscode.commands.executeCommand<boolean>(COMPARE_TEST_MESSAGE, uri, { type: 'useModel', model: 'sdem' }), 'the message is accepted');
    assert.strictEqual(doc.getText(), before.replace('"model": "lag"', '"model": "sdem"'), 'only the model changed');
    assert.ok(doc.isDirty, 'an unsaved edit, as any edit of the spec');
    await waitFor('the panel marks the spec\'s new model', () => api.comparisonShown(uri)?.specModel === 'sdem');

    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('undo');
    assert.strictEqual(doc.getText(), before, 'undo restores the spec');
    await waitFor('the panel follows the undo', () => api.comparisonShown(uri)?.specModel === 'lag');

    // Invalid messages from the page are refused (an unknown model, extra fields).
    assert.strictEqual(await vscode.commands.executeCommand<boolean>(COMPARE_TEST_MESSAGE, uri, { type: 'useModel', model: 'sarar' }), false);
    assert.strictEqual(await vscode.commands.executeCommand<boolean>(COMPARE_TEST_MESSAGE, uri, { type: 'useModel', model: 'sac', extra: 1 }), false);
    assert.strictEqual(doc.getText(), before);
  });

  test('"Open results" shows that model\'s fit from the comparison in the results panel, without a refit', async () => {
    const uri = vscode.Uri.joinPath(freshColumbus(), 'columbus.sar.json');
    const outcome = await compare(uri);
    const api = await sarApi();
    await waitFor('the comparison panel', () => api.comparisonShown(uri));
    assert.strictEqual(api.lastFit(uri), undefined, 'no fit of this spec yet');
    assert.ok(await vscode.commands.executeCommand<boolean>(COMPARE_TEST_MESSAGE, uri, { type: 'openResults', model: 'sac' }));
    const shown = await waitFor('the results panel', () => api.resultsShown(uri));
    assert.strictEqual(shown.result.model, 'sac');
    assert.strictEqual(shown.result.logLik, outcome.fits?.get('sac')?.logLik, 'the comparison\'s own SAC fit');
    assert.ok(shown.result.rho && shown.result.lambda, 'SAC has ρ and λ');
    assert.strictEqual(shown.map?.kind, 'polygons', 'with the map, prepared in the worker');
    assert.strictEqual(shown.laggedResiduals?.length, 49, 'and W·e of the SAC residuals');
    assert.strictEqual(api.lastFit(uri), undefined, 'still no fit: nothing was refitted');
  });
});
