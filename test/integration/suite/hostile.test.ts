/**
 * Hostile input through the extension (issue 12): checks as you type of a spec whose CSV has a
 * header of 200,000 fields or 100,000 duplicate names, or whose JSON nests 100,000 levels, end in
 * located, capped Problems within a bound while the extension host keeps answering; a fit with
 * such a geometry file still fits; the messages of weights that cannot be fitted with (classes
 * 2, 5, 6) sit where they are fixed; and none of the user's files is written.
 *
 * The bounds are hang detectors, tens of times what the work takes (measured figures go to
 * test-output/integration/timings.json), not timings.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { monitorEventLoopDelay } from 'perf_hooks';
import * as vscode from 'vscode';
import { activateExtension, closeAllEditors, fit, freshColumbus, recordTiming, sarDiagnostics, uniqueName, waitFor, wsUri } from './util';

/** Longest wait for the Problems of one hostile file. */
const BOUND_MS = 30_000;
/** Longest the extension host's thread may be blocked meanwhile. */
const BLOCK_MS = 5_000;

/** A new folder in the workspace holding `files` (name → text). */
function folderWith(files: Record<string, string>): vscode.Uri {
  const dir = wsUri(uniqueName('hostile', ''));
  fs.mkdirSync(dir.fsPath, { recursive: true });
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir.fsPath, name), text);
  return dir;
}

/** Every file's bytes under `dir`, by name. */
function bytesOf(dir: vscode.Uri): Map<string, Buffer> {
  return new Map(fs.readdirSync(dir.fsPath).sort().map((f) => [f, fs.readFileSync(path.join(dir.fsPath, f))]));
}

function spec(data: string, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ data, dependent: 'CRIME', independent: ['INC', 'HOVAL'], weights: { type: 'knn', k: 2, coordinates: ['x', 'y'] }, model: 'lag', ...extra }, null, 2) + '\n';
}

/** A CSV of `names` after CRIME, INC, HOVAL, x, y, and `rows` rows of numbers. */
function wideCsv(names: string[], rows: number): string {
  const header = ['CRIME', 'INC', 'HOVAL', 'x', 'y', ...names].join(',');
  const row = (r: number) => [r + 1, 2 * r + 1, 3 * r + 2, r, r * r, ...names.map(() => 0)].join(',');
  return [header, ...Array.from({ length: rows }, (_, r) => row(r))].join('\n') + '\n';
}

/** Unsaved edits of the documents the test opened are reverted: nothing is left for later tests. */
async function revertDirty(): Promise<void> {
  for (const d of vscode.workspace.textDocuments) {
    if (d.isDirty && d.uri.scheme === 'file') {
      await vscode.window.showTextDocument(d, { preview: false });
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
  }
}

suite('Hostile input in the extension', () => {
  suiteSetup(activateExtension);
  teardown(async () => {
    await revertDirty();
    await closeAllEditors();
  });

  test('checks as you type of a 200,000-field header, 100,000 duplicate names and 100,000 nested arrays: located, capped Problems within a bound; the host answers a fit meanwhile; nothing written', async function () {
    this.timeout(4 * BOUND_MS);
    const wideNames = Array.from({ length: 200_000 }, (_, k) => `f${k}`);
    const dir = folderWith({
      'wide.csv': wideCsv(wideNames, 4),
      'dup.csv': wideCsv(new Array<string>(100_000).fill('CRIME'), 4),
      'wide.sar.json': spec('wide.csv', { independent: ['INC', 'HOVALL'] }),
      'deep.sar.json': `{"title": ${'['.repeat(100_000)}${']'.repeat(100_000)},\n${spec('wide.csv').slice(1)}`,
    });
    const before = bytesOf(dir);
    const at = (name: string) => vscode.Uri.joinPath(dir, name);
    const blocked = monitorEventLoopDelay({ resolution: 20 });
    blocked.enable();
    const t0 = Date.now();
    const ms: Record<string, number> = {};
    const problems = async (what: string, uri: vscode.Uri, test: (d: vscode.Diagnostic[]) => boolean) => {
      const found = await waitFor(what, () => {
        const d = sarDiagnostics(uri);
        return test(d) ? d : undefined;
      }, BOUND_MS);
      ms[what] = Date.now() - t0;
      return found;
    };

    // The wide header: the unknown column is found (with "did you mean") while a fit of another spec is answered.
    const wideDoc = await vscode.workspace.openTextDocument(at('wide.sar.json'));
    await vscode.window.showTextDocument(wideDoc);
    const [wide, fitted] = await Promise.all([
      problems('the unknown column among 200,000', wideDoc.uri, (d) => d.some((x) => x.code === 'unknown-column')),
      fit(vscode.Uri.joinPath(freshColumbus(), 'columbus.sar.json')),
    ]);
    assert.ok(fitted.result, 'the other fit was answered');
    const unknown = wide.find((x) => x.code === 'unknown-column')!;
    assert.match(unknown.message, /unknown column "HOVALL".*did you mean "HOVAL"/);
    assert.strictEqual(wideDoc.getText(unknown.range), '"HOVALL"');

    // As the user types: the spec now names the CSV of 100,000 duplicate names (unsaved).
    const edit = new vscode.WorkspaceEdit();
    const i = wideDoc.getText().indexOf('"wide.csv"');
    edit.replace(wideDoc.uri, new vscode.Range(wideDoc.positionAt(i), wideDoc.positionAt(i + '"wide.csv"'.length)), '"dup.csv"');
    assert.ok(await vscode.workspace.applyEdit(edit));
    const dup = await problems('the duplicate names, capped', at('dup.csv'), (d) => d.length > 0);
    assert.strictEqual(dup.length, 21, 'the first 20 and a count');
    assert.ok(dup.slice(0, 20).every((d) => d.range.start.line === 0 && /duplicate column name "CRIME"/.test(d.message)), dup[0].message);
    assert.match(dup[20].message, /^… and 99980 more duplicate column names$/);

    // 100,000 nested arrays in the spec: one error where the nesting passes 64 levels.
    const deepDoc = await vscode.workspace.openTextDocument(at('deep.sar.json'));
    const [deep] = await problems('the nesting refused', deepDoc.uri, (d) => d.length > 0);
    assert.strictEqual(deep.code, 'json-too-deep');
    // At the 65th level: the object and 64 arrays.
    assert.deepStrictEqual([deep.range.start.line, deep.range.start.character], [0, '{"title": '.length + 63]);

    blocked.disable();
    const longestBlockMs = blocked.max / 1e6;
    recordTiming('hostileValidation', { ...ms, longestBlockMs });
    assert.ok(longestBlockMs < BLOCK_MS, `the host was blocked for ${longestBlockMs.toFixed(0)} ms`);
    assert.ok(wideDoc.isDirty, 'the edit is unsaved');
    assert.deepStrictEqual(bytesOf(dir), before, 'no file was written');
  });

  test('a fit whose map geometry nests 100,000 arrays fits, with a warning at "geometry"; nothing written', async function () {
    this.timeout(4 * BOUND_MS);
    const columbus = freshColumbus();
    const specUri = vscode.Uri.joinPath(columbus, 'deep-map.sar.json');
    fs.writeFileSync(vscode.Uri.joinPath(columbus, 'deep.geojson').fsPath, `{"type": "FeatureCollection", "features": ${'['.repeat(100_000)}${']'.repeat(100_000)}}`);
    const text = fs.readFileSync(vscode.Uri.joinPath(columbus, 'columbus.sar.json').fsPath, 'utf8').replace('"geometry.geojson"', '"deep.geojson"');
    fs.writeFileSync(specUri.fsPath, text);
    const before = bytesOf(columbus);
    const outcome = await fit(specUri);
    assert.ok(outcome.result, JSON.stringify(outcome.problems));
    const w = outcome.problems.find((p) => p.code === 'geometry-unusable');
    assert.ok(w && w.severity === 'warning', JSON.stringify(outcome.problems));
    assert.match(w.message, /deep\.geojson:1:\d+: .*deeper than 64 levels/);
    assert.strictEqual(w.range?.line, text.split('\n').findIndex((l) => l.includes('deep.geojson')) + 1);
    assert.deepStrictEqual(bytesOf(columbus), before, 'no file was written');
  });

  test('weights that cannot be fitted with are refused where they are fixed (classes 2, 5, 6): the spec field or the data row, with what to change', async function () {
    this.timeout(4 * BOUND_MS);
    const csv = (xy: string[]) => ['id,x,y,CRIME,INC,HOVAL', ...xy.map((p, r) => `${r + 1},${p},${r + 1},${(r * 7) % 5},${(r * 3) % 4}`)].join('\n') + '\n';
    const band = (data: string, extra: Record<string, unknown>) => spec(data, { weights: { type: 'distance', coordinates: ['x', 'y'], ...extra } });
    const dir = folderWith({
      // Nearest-neighbour distances 1, 1, 1, 1, 2: a threshold of 2 gives every point a neighbour.
      'd.csv': csv(['0,0', '1,0', '5,0', '5,1', '7,0']),
      // Points 3 and 5 coincide.
      'same.csv': csv(['0,0', '1,0', '5,0', '5,1', '5,0']),
      'c.gwt': '0 5 d id\n1 2 1\n2 1 -1\n3 4 1\n4 3 -1\n5 3 1\n3 5 -1\n',
      'class2.sar.json': band('d.csv', { threshold: 0.5 }),
      'class5.sar.json': band('same.csv', { threshold: 2, inversePower: 1, idColumn: 'id' }),
      'class6.sar.json': spec('d.csv', { weights: { type: 'gwt', path: 'c.gwt', idColumn: 'id', style: 'C' } }),
    });
    const before = bytesOf(dir);
    /** The first error of a fit of `name`, with the text of the document at its range. */
    const firstError = async (name: string, file = name) => {
      const uri = vscode.Uri.joinPath(dir, name);
      const outcome = await fit(uri);
      assert.strictEqual(outcome.result, undefined, `${name} is refused`);
      const d = await waitFor(`the error of ${name}`, () => sarDiagnostics(vscode.Uri.joinPath(dir, file)).find((x) => x.severity === vscode.DiagnosticSeverity.Error));
      const doc = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(dir, file));
      return { message: d.message, line: d.range.start.line + 1, token: doc.getText(d.range) };
    };
    // Class 2: at the threshold, with the smallest one that gives every observation a neighbour.
    const c2 = await firstError('class2.sar.json');
    assert.strictEqual(c2.token, '0.5');
    assert.match(c2.message, /set "weights\.threshold" to at least 2, the smallest value that gives every observation a neighbour/);
    // Class 5: both coincident points named, at the second one's row in the CSV.
    const c5 = await firstError('class5.sar.json', 'same.csv');
    assert.strictEqual(c5.line, 6);
    assert.match(c5.message, /id "3", row 3 \(line 4\) and id "5", row 5 \(line 6\) of .*same\.csv have the same coordinates/);
    assert.match(c5.message, /merge or remove the coincident points, or use "inversePower": 0/);
    // Class 6: style C with weights that sum to 0: at "style", naming the choices.
    const c6 = await firstError('class6.sar.json');
    assert.strictEqual(c6.token, '"C"');
    assert.match(c6.message, /style "C" divides by the sum of all weights, which is 0 here/);
    assert.match(c6.message, /choose style "W" or "B" in "weights\.style", or fix the weights in \S*c\.gwt$/);
    assert.deepStrictEqual(bytesOf(dir), before, 'no file was written');
  });
});
