import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import { COLUMBUS_DIR, reference } from '../../helpers/columbus';
import { activateExtension, closeAllEditors, fit, uniqueName, waitFor, writeWorkspaceFile, wsUri } from './util';

suite('New model from CSV, Export results', () => {
  suiteSetup(activateExtension);
  teardown(closeAllEditors);

  test('New model from CSV writes <name>.sar.json beside the CSV, never over a file, opens it, and it fits', async () => {
    const dir = uniqueName('newmodel', '');
    await vscode.workspace.fs.createDirectory(wsUri('fixtures', dir));
    const csv = await writeWorkspaceFile(`fixtures/${dir}/cities.csv`, fs.readFileSync(wsUri('kazakhstan-smart-cities', 'cities-illustrative.csv').fsPath, 'utf8'));
    // The engine's guesses for every pick (the picks themselves are the E2E story's).
    const first = await vscode.commands.executeCommand<vscode.Uri>('sarStudio.newModelFromCsv', csv, { choices: {} });
    assert.ok(first, 'a spec was created');
    assert.strictEqual(first.fsPath, wsUri('fixtures', dir, 'cities.sar.json').fsPath);
    await waitFor('the new spec opened', () => {
      const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input as { uri?: vscode.Uri } | undefined;
      return input?.uri?.toString() === first.toString();
    });
    const text = fs.readFileSync(first.fsPath, 'utf8');
    const spec = JSON.parse(text) as { data: string; weights: { type: string; coordinates: string[]; distance: string } };
    assert.strictEqual(spec.data, 'cities.csv');
    assert.deepStrictEqual([spec.weights.type, spec.weights.coordinates, spec.weights.distance], ['knn', ['lon', 'lat'], 'greatCircle']);
    // A second run does not overwrite the first spec.
    const second = await vscode.commands.executeCommand<vscode.Uri>('sarStudio.newModelFromCsv', csv, { open: false, choices: {} });
    assert.strictEqual(second?.fsPath, wsUri('fixtures', dir, 'cities-2.sar.json').fsPath);
    assert.strictEqual(fs.readFileSync(first.fsPath, 'utf8'), text, 'the first spec is untouched');
    const outcome = await fit(first);
    assert.ok(outcome.result, `the new spec fits (problems: ${JSON.stringify(outcome.problems.map((p) => p.message))})`);
    assert.strictEqual(outcome.result.n, 40);
  });

  test('New model from CSV refuses a CSV outside the workspace given as argument', async () => {
    // A fresh folder under the OS temp directory, which is outside the test workspace.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sar-outside-'));
    try {
      fs.copyFileSync(path.join(COLUMBUS_DIR, 'data.csv'), path.join(dir, 'data.csv'));
      const outside = vscode.Uri.file(path.join(dir, 'data.csv'));
      const made = await vscode.commands.executeCommand<vscode.Uri | undefined>('sarStudio.newModelFromCsv', outside, { open: false });
      assert.strictEqual(made, undefined);
      assert.ok(!fs.existsSync(path.join(dir, 'data.sar.json')));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('Export results: Markdown with the reference ρ, written only to the chosen file', async () => {
    const uri = wsUri('columbus', 'columbus.sar.json');
    const outcome = await fit(uri);
    assert.ok(outcome.result);
    const target = wsUri('fixtures', uniqueName('columbus-results', '.md'));
    const written = await vscode.commands.executeCommand<vscode.Uri>('sarStudio.exportResults', uri, { format: 'markdown', target });
    assert.strictEqual(written?.fsPath, target.fsPath);
    const md = fs.readFileSync(target.fsPath, 'utf8');
    const rho = reference.sar_eigen.rho.estimate as number;
    assert.match(md, /^# Columbus, Ohio: residential crime/);
    assert.ok(md.includes(rho.toPrecision(5)), `the Markdown shows ρ = ${rho.toPrecision(5)}`);
    assert.match(md, /\| INC \| -1\.073533 \| 0\.310872 \|/);
  });

  test('Export results: CSV, LaTeX and R script; never over an input of the model', async () => {
    const uri = wsUri('columbus', 'columbus.sar.json');
    await fit(uri);
    const out = (ext: string) => wsUri('fixtures', uniqueName('export', ext));
    const coefficients = await vscode.commands.executeCommand<vscode.Uri>('sarStudio.exportResults', uri, { format: 'csv-coefficients', target: out('.csv') });
    assert.match(fs.readFileSync(coefficients.fsPath, 'utf8'), /INC/);
    const observations = await vscode.commands.executeCommand<vscode.Uri>('sarStudio.exportResults', uri, { format: 'csv-observations', target: out('.csv') });
    assert.strictEqual(fs.readFileSync(observations.fsPath, 'utf8').trim().split('\n').length, 50, 'a header and 49 rows');
    const latex = await vscode.commands.executeCommand<vscode.Uri>('sarStudio.exportResults', uri, { format: 'latex', target: out('.tex') });
    assert.match(fs.readFileSync(latex.fsPath, 'utf8'), /\\toprule/);
    const r = await vscode.commands.executeCommand<vscode.Uri>('sarStudio.exportResults', uri, { format: 'r', target: out('.R') });
    assert.match(fs.readFileSync(r.fsPath, 'utf8'), /lagsarlm/);
    const data = wsUri('columbus', 'data.csv');
    const before = fs.readFileSync(data.fsPath, 'utf8');
    const refused = await vscode.commands.executeCommand<vscode.Uri | undefined>('sarStudio.exportResults', uri, { format: 'csv-observations', target: data });
    assert.strictEqual(refused, undefined, 'refused');
    assert.strictEqual(fs.readFileSync(data.fsPath, 'utf8'), before, 'the data are untouched');
  });
});
