/**
 * The spec editor's data grid and form, in the real extension host: what the grid is given, cell
 * edits as WorkspaceEdits on the CSV document (dirty, undoable), header roles as minimal edits of
 * the spec, invalid cells, message validation, workspace boundaries and large files.
 *
 * The webview's messages are sent through the provider's own message path (the test-only command
 * `sarStudio.specEditor.testMessage` calls the same `receive()` the webview's messages go to,
 * validation included); `sarStudio.specEditor.testState` shows what the session holds.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { SessionSnapshot } from '../../../src/extension/specEditor/session';
import { activateExtension, closeAllEditors, fit, waitFor, wsUri } from './util';

const STATE = 'sarStudio.specEditor.testState';
const MESSAGE = 'sarStudio.specEditor.testMessage';
const LIMITS = 'sarStudio.specEditor.testLimits';

async function state(uri: vscode.Uri): Promise<SessionSnapshot | undefined> {
  return vscode.commands.executeCommand<SessionSnapshot | undefined>(STATE, uri);
}

async function send(uri: vscode.Uri, message: unknown): Promise<boolean> {
  return vscode.commands.executeCommand<boolean>(MESSAGE, uri, message);
}

/** Opens a spec in the spec editor and waits until its data is loaded and the webview has asked for rows. */
async function openEditor(uri: vscode.Uri, what = 'the grid to be served rows'): Promise<SessionSnapshot> {
  await vscode.commands.executeCommand('vscode.openWith', uri, 'sarStudio.specEditor');
  return waitFor(what, async () => {
    const s = await state(uri);
    if (!s || !s.ready || s.table.status === 'loading') return undefined;
    // Ready: painted (rows served) and, for a text document, editable (it is read from the disk first).
    return s.table.status !== 'ready' || (s.rowsServed > 0 && (s.table.via === 'filesystem' || !s.table.readOnly)) ? s : undefined;
  }, 60_000);
}

async function docFor(uri: vscode.Uri): Promise<vscode.TextDocument> {
  return vscode.workspace.openTextDocument(uri);
}

/** Undo in a document with VS Code's own undo (the document's editor active). */
async function undoIn(doc: vscode.TextDocument): Promise<void> {
  await vscode.window.showTextDocument(doc, { preview: false });
  await vscode.commands.executeCommand('undo');
}

/** Copies a fixture folder from the extension's test/fixtures/editor into the workspace. */
function fixtureFolder(name: string): vscode.Uri {
  const ext = vscode.extensions.getExtension('sar-studio.sar-studio')!;
  const src = path.join(ext.extensionPath, 'test', 'fixtures', 'editor', name);
  const dst = wsUri('editor-' + name).fsPath;
  fs.rmSync(dst, { recursive: true, force: true });
  fs.cpSync(src, dst, { recursive: true });
  return vscode.Uri.file(dst);
}

suite('Spec editor: data grid and form', () => {
  suiteSetup(activateExtension);
  teardown(async () => {
    // Leave no dirty documents behind: revert what the tests changed.
    for (const d of vscode.workspace.textDocuments) {
      if (d.isDirty) {
        await vscode.window.showTextDocument(d, { preview: false });
        await vscode.commands.executeCommand('workbench.action.files.revert');
      }
    }
    await closeAllEditors();
  });

  test('open the Columbus spec: the grid has its 49 rows and the CSV\'s columns; summaries and no invalid cells', async () => {
    const uri = wsUri('columbus', 'columbus.sar.json');
    const s = await openEditor(uri);
    const header = fs.readFileSync(wsUri('columbus', 'data.csv').fsPath, 'utf8').split(/\r?\n/)[0].split(',');
    assert.strictEqual(s.table.status, 'ready');
    assert.strictEqual(s.table.nrows, 49);
    assert.strictEqual(s.viewRows, 49);
    assert.deepStrictEqual(s.table.columns, header);
    assert.strictEqual(s.table.via, 'document');
    assert.strictEqual(s.table.readOnly, false);
    assert.ok(s.rowsServed >= 49, `the webview asked for the rows (${s.rowsServed} served)`);
    assert.strictEqual(s.form.dependent, 'CRIME');
    assert.deepStrictEqual(s.form.independent, ['INC', 'HOVAL']);
    const done = await waitFor('summaries and the invalid-cell scan', async () => {
      const x = await state(uri);
      return x?.stats && x.issues ? x : undefined;
    });
    const crime = header.indexOf('CRIME');
    const st = done.stats![crime]!;
    assert.strictEqual(st.count, 49);
    assert.strictEqual(st.missing, 0);
    assert.ok(Math.abs(st.mean! - 35.1288) < 1e-3, `mean CRIME ${st.mean}`);
    assert.ok(Math.abs(st.min! - 0.178269) < 1e-6);
    assert.strictEqual(done.issues!.total, 0);
    assert.deepStrictEqual(done.issues!.columns, ['CRIME', 'INC', 'HOVAL']);
    assert.deepStrictEqual(done.problems.filter((p) => p.severity === 'error'), []);
  });

  test('edit a cell through the provider\'s message path: the CSV document is dirty with the new text; undo restores it; the grid\'s Ctrl+Z does too', async () => {
    const uri = wsUri('columbus', 'columbus.sar.json');
    const csvUri = wsUri('columbus', 'data.csv');
    const s = await openEditor(uri);
    const crime = s.table.columns.indexOf('CRIME');
    const before = (await docFor(csvUri)).getText();
    const line2 = before.split('\n')[1];
    assert.strictEqual(line2.split(',')[crime], '15.72598');

    assert.ok(await send(uri, { type: 'editCell', gen: s.table.gen, row: 0, column: crime, value: '99.5' }), 'the edit was accepted');
    const doc = await docFor(csvUri);
    await waitFor('the CSV document to change', () => doc.getText() !== before);
    assert.ok(doc.isDirty, 'the CSV document is dirty');
    const after = doc.getText().split('\n');
    const cells = line2.split(',');
    cells[crime] = '99.5';
    assert.strictEqual(after[1], cells.join(','), 'only that cell changed');
    assert.deepStrictEqual(after.slice(2), before.split('\n').slice(2));
    assert.strictEqual(doc.getText().length, before.length - '15.72598'.length + '99.5'.length);
    // The CSV got a tab (so its dirty state shows), without taking the spec editor's place.
    const tab = vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.input instanceof vscode.TabInputText && t.input.uri.toString() === csvUri.toString());
    assert.ok(tab, 'a tab for data.csv');
    assert.ok(tab.isDirty, 'the data.csv tab is dirty');
    assert.ok(vscode.window.tabGroups.activeTabGroup.activeTab?.input instanceof vscode.TabInputCustom, 'the spec editor stays active');
    // The grid re-read the document.
    await waitFor('the grid to re-read the data', async () => (await state(uri))!.table.gen > s.table.gen);

    await undoIn(doc);
    await waitFor('undo to restore the CSV', () => doc.getText() === before);
    assert.ok(!doc.isDirty, 'after undo the CSV is clean again');

    // The same through the grid: edit, then the webview's "undo" (Ctrl+Z in the grid).
    const s2 = await openEditor(uri);
    assert.ok(await send(uri, { type: 'editCell', gen: s2.table.gen, row: 48, column: 0, value: 'forty-nine' }));
    await waitFor('the second edit', () => doc.getText() !== before);
    assert.match(doc.getText(), /\nforty-nine,/);
    assert.ok(await send(uri, { type: 'undo' }));
    await waitFor('the grid\'s undo to restore the CSV', () => doc.getText() === before);
    assert.ok(!doc.isDirty);
    assert.ok(await send(uri, { type: 'redo' }));
    await waitFor('redo', () => /\nforty-nine,/.test(doc.getText()));
  });

  test('values that need quoting are quoted; an edit with a stale generation is refused; read-only cells stay unchanged', async () => {
    const uri = wsUri('columbus', 'columbus.sar.json');
    const csvUri = wsUri('columbus', 'data.csv');
    const s = await openEditor(uri);
    const doc = await docFor(csvUri);
    const before = doc.getText();
    assert.strictEqual(await send(uri, { type: 'editCell', gen: s.table.gen + 100, row: 0, column: 0, value: 'x' }), false);
    assert.strictEqual(doc.getText(), before);
    assert.ok(await send(uri, { type: 'editCell', gen: s.table.gen, row: 1, column: 0, value: 'a,"b"' }));
    await waitFor('the quoted edit', () => doc.getText() !== before);
    assert.strictEqual(doc.getText().split('\n')[2].split(',')[0], '"a');
    assert.match(doc.getText().split('\n')[2], /^"a,""b""",/);
    // The grid reads the quoted cell back as the value typed.
    await waitFor('the grid to re-read', async () => (await state(uri))!.table.gen > s.table.gen);
  });

  test('set a header role: the spec text changes with one minimal edit (a regressor added), and undo restores it', async () => {
    const uri = wsUri('columbus', 'columbus.sar.json');
    await openEditor(uri);
    const spec = await docFor(uri);
    const before = spec.getText();
    assert.ok(await send(uri, { type: 'setRole', column: 'OPEN', role: 'regressor' }));
    await waitFor('the spec to change', () => spec.getText() !== before);
    assert.strictEqual(spec.getText(), before.replace('"independent": ["INC", "HOVAL"]', '"independent": ["INC", "HOVAL", "OPEN"]'));
    assert.ok(spec.isDirty);
    const s = await waitFor('the form to follow', async () => {
      const x = await state(uri);
      return x?.form.independent.includes('OPEN') ? x : undefined;
    });
    assert.deepStrictEqual(s.issues?.columns ?? ['CRIME', 'INC', 'HOVAL', 'OPEN'], ['CRIME', 'INC', 'HOVAL', 'OPEN']);

    // The form's fields work the same way.
    assert.ok(await send(uri, { type: 'setField', field: 'model', value: 'error' }));
    await waitFor('the model to change', () => /"model": "error"/.test(spec.getText()));
    // A role the spec cannot take is refused without touching the text.
    const t = spec.getText();
    assert.strictEqual(await send(uri, { type: 'setRole', column: 'x', role: 'coordX' }), false);
    assert.strictEqual(spec.getText(), t);

    // The grid's undo goes to the spec for these changes.
    assert.ok(await send(uri, { type: 'undo' }));
    await waitFor('undo of the model', () => /"model": "lag"/.test(spec.getText()));
    assert.ok(await send(uri, { type: 'undo' }));
    await waitFor('undo of the regressor', () => spec.getText() === before);
  });

  test('a non-numeric cell and an empty cell in model columns are reported (and the engine agrees)', async () => {
    const folder = fixtureFolder('bad-cells');
    const uri = vscode.Uri.joinPath(folder, 'bad.sar.json');
    await openEditor(uri);
    const s = await waitFor('the invalid-cell scan', async () => {
      const x = await state(uri);
      return x?.issues ? x : undefined;
    });
    const crime = s.table.columns.indexOf('CRIME');
    const inc = s.table.columns.indexOf('INC');
    assert.strictEqual(s.issues!.total, 2);
    assert.deepStrictEqual(s.issues!.items.map((i) => [i.row, i.column, i.value]), [[2, crime, 'abc'], [4, inc, '']]);
    assert.match(s.issues!.items[0].reason, /"abc" is not a number/);
    assert.match(s.issues!.items[1].reason, /empty cell/);
    assert.strictEqual(s.stats?.[crime]?.text ?? 1, 1);
    // The engine agrees: a fit reports the same two cells.
    const outcome = await fit(uri);
    const cells = outcome.problems.filter((p) => p.code === 'not-numeric').map((p) => [p.range?.line, p.message.slice(0, 20)]);
    assert.deepStrictEqual(cells, [[4, 'column "CRIME", row '], [6, 'column "INC", row 5:']]);
    // A sort/filter view of the bad rows, without touching the file.
    const text = (await docFor(vscode.Uri.joinPath(folder, 'data.csv'))).getText();
    assert.ok(await send(uri, { type: 'setView', gen: s.table.gen, sort: null, filter: { column: crime, op: 'invalid', value: '' } }));
    await waitFor('the filtered view', async () => (await state(uri))!.viewRows === 1);
    assert.strictEqual((await docFor(vscode.Uri.joinPath(folder, 'data.csv'))).getText(), text);
    assert.ok(!(await docFor(vscode.Uri.joinPath(folder, 'data.csv'))).isDirty);
  });

  test('invalid messages are refused and counted; nothing is written', async () => {
    const uri = wsUri('columbus', 'columbus.sar.json');
    const s = await openEditor(uri);
    const spec = (await docFor(uri)).getText();
    const csv = (await docFor(wsUri('columbus', 'data.csv'))).getText();
    for (const m of [
      { type: 'editCell', gen: s.table.gen, row: 0, column: 0 },
      { type: 'editCell', gen: s.table.gen, row: 0, column: 9999, value: '1' },
      { type: 'editCell', gen: s.table.gen, row: 1e6, column: 0, value: '1' },
      { type: 'setField', field: 'data', value: 42 },
      { type: 'setRole', column: 'NOT_A_COLUMN', role: 'regressor' },
      { type: 'openText', target: '/etc/passwd', line: 1, column: 1 },
      { type: 'exec', command: 'rm' },
      'fit',
    ]) {
      assert.strictEqual(await send(uri, m), false, JSON.stringify(m));
    }
    assert.ok((await state(uri))!.rejected >= 5, "malformed messages are counted");
    assert.strictEqual((await docFor(uri)).getText(), spec);
    assert.strictEqual((await docFor(wsUri('columbus', 'data.csv'))).getText(), csv);
  });

  test('a data path that leaves the workspace is refused', async () => {
    const folder = fixtureFolder('outside');
    const uri = vscode.Uri.joinPath(folder, 'outside.sar.json');
    const s = await openEditor(uri, 'the editor to settle');
    assert.strictEqual(s.table.status, 'error');
    assert.match(s.table.error ?? '', /outside the workspace/);
    assert.strictEqual(s.rowsServed, 0);
  });

  test('a CSV above the document limit opens read-only through the file system', async () => {
    await vscode.commands.executeCommand(LIMITS, { documentBytes: 1000 });
    try {
      const uri = wsUri('columbus', 'columbus.sar.json');
      const s = await openEditor(uri);
      assert.strictEqual(s.table.via, 'filesystem');
      assert.strictEqual(s.table.readOnly, true);
      assert.match(s.table.readOnlyReason ?? '', /50 MB/);
      assert.strictEqual(s.table.nrows, 49);
      const csv = await docFor(wsUri('columbus', 'data.csv'));
      const text = csv.getText();
      assert.strictEqual(await send(uri, { type: 'editCell', gen: s.table.gen, row: 0, column: 0, value: '7' }), false);
      assert.strictEqual(csv.getText(), text);
      const done = await waitFor('summaries', async () => (await state(uri))?.stats);
      assert.strictEqual(done[s.table.columns.indexOf('CRIME')]?.count, 49);
      // Sorting works on the indexed file too.
      assert.ok(await send(uri, { type: 'setView', gen: s.table.gen, sort: { column: s.table.columns.indexOf('CRIME'), dir: 'desc' }, filter: null }));
    } finally {
      await vscode.commands.executeCommand(LIMITS, { documentBytes: 50 * 1024 * 1024 });
    }
  });
});
