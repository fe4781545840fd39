import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { reference } from '../../helpers/columbus';
import { activateExtension, closeAllEditors, columbusSpecText, fit, recordTiming, sarApi, TIMINGS, uniqueName, waitFor, writeWorkspaceFile, wsUri } from './util';

/** R spatialreg 1.2-6 `lagsarlm(CRIME ~ INC + HOVAL, columbus, col.gal.nb W, method="eigen")`. */
const R = reference.sar_eigen;
const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(b), 1e-12);

suite('Fit command', () => {
  suiteSetup(async () => {
    await activateExtension();
    try {
      fs.rmSync(TIMINGS, { force: true });
    } catch {
      // not there
    }
  });
  teardown(closeAllEditors);

  test('Columbus through the fit worker: ρ to 1e-6, β and SEs to 1e-4 of R spatialreg (eigen); no errors', async () => {
    const uri = wsUri('columbus', 'columbus.sar.json');
    await vscode.window.showTextDocument(uri);
    const outcome = await fit(uri);
    assert.strictEqual(outcome.via, 'worker', 'fitted by the worker_threads runner');
    const r = outcome.result;
    assert.ok(r, `a result (problems: ${JSON.stringify(outcome.problems)})`);
    assert.ok(r.rho, 'a lag model has ρ');
    assert.ok(rel(r.rho.estimate, R.rho.estimate) < 1e-6, `ρ = ${r.rho.estimate}, R: ${R.rho.estimate}`);
    assert.ok(rel(r.rho.stdError, R.rho.std_error) < 1e-4, `SE(ρ) = ${r.rho.stdError}, R: ${R.rho.std_error}`);
    for (const ref of R.coefficients as { term: string; estimate: number; std_error: number }[]) {
      const c = r.coefficients.find((x) => x.name === ref.term);
      assert.ok(c, `coefficient ${ref.term}`);
      assert.ok(rel(c.estimate, ref.estimate) < 1e-4, `β ${ref.term} = ${c.estimate}, R: ${ref.estimate}`);
      assert.ok(rel(c.stdError, ref.std_error) < 1e-4, `SE ${ref.term} = ${c.stdError}, R: ${ref.std_error}`);
    }
    assert.ok(Math.abs(r.logLik - R.loglik) < 1e-6, `logLik = ${r.logLik}`);
    const errors = vscode.languages.getDiagnostics(uri).filter((d) => d.severity === vscode.DiagnosticSeverity.Error);
    assert.deepStrictEqual(errors.map((d) => d.message), [], 'no error diagnostics after a good fit');
    const api = await sarApi();
    assert.strictEqual(api.lastFit(uri)?.result.rho?.estimate, r.rho.estimate, 'the store keeps the last fit');
    // Timings: a second and third fit reuse the warm worker.
    const again = [await fit(uri), await fit(uri)];
    const runner = api.runner();
    recordTiming('columbus', {
      firstFitMs: outcome.timings?.elapsedMs, workerStartMs: outcome.timings?.workerStartMs ?? runner.workerStartMs,
      warmFitsMs: again.map((o) => o.timings?.elapsedMs), engineMs: [r.timings.totalMs, ...again.map((o) => o.result?.timings.totalMs)],
    });
    assert.ok(runner.workerStarts !== undefined && runner.workerStarts >= 1);
  });

  test('the results panel shows the fit with the map: 49 polygons for Columbus', async () => {
    const uri = wsUri('columbus', 'columbus.sar.json');
    await fit(uri);
    const api = await sarApi();
    const shown = await waitFor('the results panel', () => api.resultsShown(uri));
    assert.ok(Math.abs((shown.result.rho?.estimate ?? 0) - R.rho.estimate) < 1e-6);
    assert.strictEqual(shown.map?.kind, 'polygons', 'polygons from the spec\'s geometry');
    assert.strictEqual(shown.map.kind === 'polygons' ? shown.map.shapes.length : 0, 49);
    assert.strictEqual(shown.map.coordinates, 'planar');
    assert.strictEqual(shown.laggedResiduals?.length, 49, 'W·e for the Moran scatterplot');
    assert.match(shown.title, /Columbus/);
  });

  test('Kazakhstan: points in lon/lat for great-circle kNN weights; insignificant ρ is an Information diagnostic', async () => {
    const uri = wsUri('kazakhstan-smart-cities', 'kazakhstan.sar.json');
    const outcome = await fit(uri);
    assert.ok(outcome.result, `a result (problems: ${JSON.stringify(outcome.problems)})`);
    const api = await sarApi();
    const shown = await waitFor('the results panel', () => api.resultsShown(uri));
    assert.strictEqual(shown.map?.kind, 'points');
    assert.strictEqual(shown.map.coordinates, 'lonlat');
    assert.strictEqual(shown.map.kind === 'points' ? shown.map.x.length : 0, outcome.result.n);
    const info = vscode.languages.getDiagnostics(uri).find((d) => d.code === 'insignificant-spatial');
    assert.ok(info, `an insignificant-ρ diagnostic among ${JSON.stringify(vscode.languages.getDiagnostics(uri).map((d) => d.message))}`);
    assert.strictEqual(info.severity, vscode.DiagnosticSeverity.Information);
    const again = await fit(uri);
    recordTiming('kazakhstan', { firstFitMs: outcome.timings?.elapsedMs, warmFitMs: again.timings?.elapsedMs, engineMs: [outcome.result.timings.totalMs, again.result?.timings.totalMs] });
  });

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

  test('the fit finds the active spec from a custom editor tab', async () => {
    const uri = wsUri('columbus', 'columbus.sar.json');
    await vscode.commands.executeCommand('vscode.openWith', uri, 'sarStudio.specEditor');
    await waitFor('the custom editor tab', () => vscode.window.tabGroups.activeTabGroup.activeTab?.input instanceof vscode.TabInputCustom);
    const outcome = await fit();
    assert.strictEqual(outcome.specPath, uri.fsPath);
  });

  test('the CodeLens offers the fit and the comparison, and after a fit the headline that opens the results', async () => {
    const uri = await writeWorkspaceFile(`fixtures/${uniqueName('lens')}`, columbusSpecText());
    await vscode.window.showTextDocument(uri); // the provider runs on open documents
    const before = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri);
    assert.deepStrictEqual(before.map((l) => l.command?.title), ['▶ Fit SAR model', 'Compare models']);
    assert.deepStrictEqual(before.map((l) => l.command?.command), ['sarStudio.fit', 'sarStudio.compare']);
    assert.deepStrictEqual(before[1].command?.arguments?.map(String), [uri.toString()], 'the comparison of this spec');
    await fit(uri);
    const after = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri);
    const headline = after.find((l) => l.command?.command === 'sarStudio.showResults');
    assert.ok(headline, `lenses: ${JSON.stringify(after.map((l) => l.command?.title))}`);
    assert.match(headline.command?.title ?? '', /^ρ = 0\.40389, logLik = -183\.1683, AIC = 376\.337/);
  });

  test('with sarStudio.fitOnSave, saving a spec fits it; saving its CSV refits it', async () => {
    const config = vscode.workspace.getConfiguration('sarStudio');
    await config.update('fitOnSave', true, vscode.ConfigurationTarget.Workspace);
    try {
      const api = await sarApi();
      await vscode.workspace.fs.createDirectory(wsUri('fixtures', 'onsave'));
      const csv = await writeWorkspaceFile('fixtures/onsave/data.csv', fs.readFileSync(wsUri('columbus', 'data.csv').fsPath, 'utf8'));
      const uri = await writeWorkspaceFile('fixtures/onsave/fit-on-save.sar.json', columbusSpecText({ data: 'data.csv', weights: { type: 'gal', path: '../../columbus/weights.gal', idColumn: 'id' } }));
      const doc = await vscode.workspace.openTextDocument(uri);
      const edit = new vscode.WorkspaceEdit();
      edit.insert(uri, doc.positionAt(doc.getText().length), '\n');
      assert.ok(await vscode.workspace.applyEdit(edit));
      assert.strictEqual(api.lastFit(uri), undefined, 'not fitted before the save');
      assert.ok(await doc.save());
      const first = await waitFor('a fit on save', () => api.lastFit(uri), 60_000);
      assert.ok(Math.abs((first.result.rho?.estimate ?? 0) - R.rho.estimate) < 1e-6);

      // Saving the CSV (a value changed) refits the spec that names it.
      const csvDoc = await vscode.workspace.openTextDocument(csv);
      const line = csvDoc.lineAt(1).text; // first data row
      const cells = line.split(',');
      const crime = csvDoc.lineAt(0).text.split(',').indexOf('CRIME');
      cells[crime] = String(Number(cells[crime]) + 10);
      const e2 = new vscode.WorkspaceEdit();
      e2.replace(csv, csvDoc.lineAt(1).range, cells.join(','));
      assert.ok(await vscode.workspace.applyEdit(e2));
      assert.ok(await csvDoc.save());
      const second = await waitFor('a refit after saving the CSV', () => {
        const f = api.lastFit(uri);
        return f && f.fittedAt > first.fittedAt ? f : undefined;
      }, 60_000);
      assert.notStrictEqual(second.result.rho?.estimate, first.result.rho?.estimate, 'the new data give another ρ');
    } finally {
      await config.update('fitOnSave', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });
});
