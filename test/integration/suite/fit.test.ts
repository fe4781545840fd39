import * as assert from 'assert';
import * as path from 'path';
import * as vscode from 'vscode';
import { activateExtension, closeAllEditors, fit, waitFor, wsUri } from './util';

/** R spatialreg 1.2-6 `lagsarlm(CRIME ~ INC + HOVAL, columbus, col.gal.nb W, method="eigen")`: reference.json sar_eigen.rho.estimate. */
const R_RHO = 0.403889687619813;
const R_LOGLIK = -183.168;

suite('Fit command', () => {
  suiteSetup(activateExtension);
  teardown(closeAllEditors);

  test('diagnostics mirror the problems of the outcome, on the spec, 1-based → 0-based', async () => {
    const uri = wsUri('fixtures', 'unknown-column.sar.json');
    const outcome = await fit(uri);
    assert.strictEqual(outcome.specPath, uri.fsPath);
    assert.strictEqual(outcome.cancelled, false);
    assert.ok(outcome.problems.length > 0, 'a broken spec gives problems');
    const onSpec = outcome.problems.filter((p) => !p.file || path.resolve(path.dirname(uri.fsPath), p.file) === uri.fsPath);
    const diags = vscode.languages.getDiagnostics(uri);
    assert.strictEqual(diags.length, onSpec.length, `diagnostics ${JSON.stringify(diags.map((d) => d.message))}`);
    for (const p of onSpec) {
      const d = diags.find((x) => x.message === p.message);
      assert.ok(d, `a diagnostic for "${p.message}"`);
      assert.strictEqual(d.source, 'SAR Studio');
      if (p.range) {
        assert.strictEqual(d.range.start.line, p.range.line - 1);
        assert.strictEqual(d.range.start.character, p.range.column - 1);
      }
    }
  });

  test('an unknown column is an error at its place in the spec', async () => {
    const uri = wsUri('fixtures', 'unknown-column.sar.json');
    const outcome = await fit(uri);
    assert.strictEqual(outcome.result, undefined, 'no result for a spec with an unknown column');
    const diags = vscode.languages.getDiagnostics(uri);
    const d = diags.find((x) => x.severity === vscode.DiagnosticSeverity.Error && /HOVALL/.test(x.message));
    assert.ok(d, `an error naming HOVALL among ${JSON.stringify(diags.map((x) => x.message))}`);
    const doc = await vscode.workspace.openTextDocument(uri);
    const lineText = doc.lineAt(d.range.start.line).text;
    assert.strictEqual(d.range.start.line, 3, 'on the "independent" line (line 4)');
    const at = lineText.indexOf('"HOVALL"');
    assert.ok(d.range.start.character >= at && d.range.start.character <= at + 1, `starts at the "HOVALL" token (col ${d.range.start.character}, token at ${at})`);
  });

  test('the fit finds the active spec from a custom editor tab', async () => {
    const uri = wsUri('columbus', 'columbus.sar.json');
    await vscode.commands.executeCommand('vscode.openWith', uri, 'sarStudio.specEditor');
    await waitFor('the custom editor tab', () => vscode.window.tabGroups.activeTabGroup.activeTab?.input instanceof vscode.TabInputCustom);
    const outcome = await fit();
    assert.strictEqual(outcome.specPath, uri.fsPath);
  });

  test('Columbus: ρ matches R spatialreg (eigen) to 1e-6 relative', async () => {
    const uri = wsUri('columbus', 'columbus.sar.json');
    const outcome = await fit(uri);
    assert.ok(outcome.result, `a result (problems: ${JSON.stringify(outcome.problems)})`);
    const rho = outcome.result.rho?.estimate;
    assert.ok(rho !== undefined, 'a lag model has ρ');
    assert.ok(Math.abs(rho - R_RHO) / Math.abs(R_RHO) < 1e-6, `ρ = ${rho}, R: ${R_RHO}`);
    assert.ok(Math.abs(outcome.result.logLik - R_LOGLIK) < 1e-2, `logLik = ${outcome.result.logLik}`);
    const errors = vscode.languages.getDiagnostics(uri).filter((d) => d.severity === vscode.DiagnosticSeverity.Error);
    assert.deepStrictEqual(errors.map((d) => d.message), [], 'no error diagnostics after a good fit');
  });

  test('with sarStudio.fitOnSave, saving a spec fits it', async () => {
    const config = vscode.workspace.getConfiguration('sarStudio');
    await config.update('fitOnSave', true, vscode.ConfigurationTarget.Workspace);
    try {
      // A new spec (unknown column: it gets an error diagnostic whether or not the engine is real).
      const uri = wsUri('fixtures', 'fit-on-save.sar.json');
      const source = await vscode.workspace.fs.readFile(wsUri('fixtures', 'unknown-column.sar.json'));
      await vscode.workspace.fs.writeFile(uri, source);
      const doc = await vscode.workspace.openTextDocument(uri);
      const edit = new vscode.WorkspaceEdit();
      edit.insert(uri, doc.positionAt(doc.getText().length), '\n');
      assert.ok(await vscode.workspace.applyEdit(edit));
      assert.strictEqual(vscode.languages.getDiagnostics(uri).length, 0, 'no diagnostics before the save');
      assert.ok(await doc.save());
      await waitFor('diagnostics from the fit on save', () => vscode.languages.getDiagnostics(uri).length > 0, 60_000);
    } finally {
      await config.update('fitOnSave', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });
});
