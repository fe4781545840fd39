import * as assert from 'assert';
import * as fs from 'fs';
import * as vscode from 'vscode';
import { activateExtension, closeAllEditors, columbusSpecText, sarDiagnostics, uniqueName, waitFor, writeWorkspaceFile, wsUri } from './util';

/** A copy of fixtures/unknown-column.sar.json ("HOVALL" for "HOVAL"), so each test edits its own file. */
async function unknownColumnCopy(): Promise<vscode.Uri> {
  const text = fs.readFileSync(wsUri('fixtures', 'unknown-column.sar.json').fsPath, 'utf8');
  return writeWorkspaceFile(`fixtures/${uniqueName('unknown-column')}`, text);
}

/** The exact range of a token in a document. */
function tokenRange(doc: vscode.TextDocument, token: string): vscode.Range {
  const i = doc.getText().indexOf(token);
  assert.ok(i >= 0, `${token} in ${doc.uri.path}`);
  return new vscode.Range(doc.positionAt(i), doc.positionAt(i + token.length));
}

suite('Problems as you type, quick fixes', () => {
  suiteSetup(activateExtension);
  teardown(closeAllEditors);

  test('an unknown column is an error at the exact range of its token, without a fit', async () => {
    const uri = await unknownColumnCopy();
    const doc = await vscode.workspace.openTextDocument(uri);
    const d = await waitFor('the unknown-column error', () => sarDiagnostics(uri).find((x) => x.code === 'unknown-column'));
    assert.strictEqual(d.severity, vscode.DiagnosticSeverity.Error);
    assert.match(d.message, /unknown column "HOVALL".*did you mean "HOVAL"/);
    const expected = tokenRange(doc, '"HOVALL"');
    assert.strictEqual(d.range.start.line, 3, 'line 4');
    assert.ok(d.range.isEqual(expected), `range ${JSON.stringify(d.range)} = the token "HOVALL" ${JSON.stringify(expected)}`);
  });

  test('quick fix "Change to "HOVAL"" edits the token, and the diagnostic clears', async () => {
    const uri = await unknownColumnCopy();
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    const d = await waitFor('the unknown-column error', () => sarDiagnostics(uri).find((x) => x.code === 'unknown-column'));
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, d.range, vscode.CodeActionKind.QuickFix.value);
    const fix = actions.find((a) => a.title === 'Change to "HOVAL"');
    assert.ok(fix?.edit, `a quick fix among ${JSON.stringify(actions.map((a) => a.title))}`);
    assert.ok(fix.isPreferred);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.strictEqual(doc.lineAt(3).text, '  "independent": ["INC", "HOVAL"],');
    assert.ok(doc.isDirty, 'edited in the editor, not on disk');
    await waitFor('the diagnostic to clear', () => sarDiagnostics(uri).length === 0, 30_000);
  });

  test('a misspelt enum value gets the quick fix too ("lga" → "lag")', async () => {
    const uri = await writeWorkspaceFile(`fixtures/${uniqueName('enum')}`, columbusSpecText({ model: 'lga' }));
    const doc = await vscode.workspace.openTextDocument(uri);
    const d = await waitFor('the enum error', () => sarDiagnostics(uri).find((x) => x.code === 'spec-enum'));
    assert.ok(d.range.isEqual(tokenRange(doc, '"lga"')));
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, d.range, vscode.CodeActionKind.QuickFix.value);
    const fix = actions.find((a) => a.title === 'Change to "lag"');
    assert.ok(fix?.edit, `a quick fix among ${JSON.stringify(actions.map((a) => a.title))}`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    await waitFor('the diagnostic to clear', () => sarDiagnostics(uri).length === 0, 30_000);
  });

  test('typing a bad column (an unsaved WorkspaceEdit) updates the diagnostics; undoing it clears them', async () => {
    const uri = await writeWorkspaceFile(`fixtures/${uniqueName('typing')}`, columbusSpecText());
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    const api = await (await activateExtension()).exports as { validations(): number };
    await waitFor('a first validation', () => api.validations() > 0);
    assert.deepStrictEqual(sarDiagnostics(uri).map((d) => d.message), [], 'the good spec has no problems');
    const range = tokenRange(doc, '"INC"');
    const edit = new vscode.WorkspaceEdit();
    edit.replace(uri, range, '"INCOME"');
    assert.ok(await vscode.workspace.applyEdit(edit));
    const d = await waitFor('a diagnostic for "INCOME"', () => sarDiagnostics(uri).find((x) => /unknown column "INCOME"/.test(x.message)), 30_000);
    assert.ok(d.range.isEqual(tokenRange(doc, '"INCOME"')));
    assert.ok(doc.isDirty, 'not saved');
    assert.ok(fs.readFileSync(uri.fsPath, 'utf8').includes('"INC"'), 'the file on disk is unchanged');
    const back = new vscode.WorkspaceEdit();
    back.replace(uri, tokenRange(doc, '"INCOME"'), '"INC"');
    assert.ok(await vscode.workspace.applyEdit(back));
    await waitFor('the diagnostic to clear', () => sarDiagnostics(uri).length === 0, 30_000);
  });

  test('a bad cell in the CSV is an error on the CSV at the cell; fixing the cell (unsaved) clears it', async () => {
    const dir = uniqueName('badcsv', '');
    await vscode.workspace.fs.createDirectory(wsUri('fixtures', dir));
    const lines = fs.readFileSync(wsUri('columbus', 'data.csv').fsPath, 'utf8').split('\n');
    const header = lines[0].split(',');
    const inc = header.indexOf('INC');
    const row = lines[5].split(','); // data row 5, line 6
    const good = row[inc];
    row[inc] = 'n/a';
    lines[5] = row.join(',');
    const csv = await writeWorkspaceFile(`fixtures/${dir}/data.csv`, lines.join('\n'));
    const spec = await writeWorkspaceFile(`fixtures/${dir}/model.sar.json`, columbusSpecText({ data: 'data.csv', weights: { type: 'gal', path: '../../columbus/weights.gal', idColumn: 'id' } }));
    await vscode.workspace.openTextDocument(spec);
    const d = await waitFor('an error on the CSV', () => sarDiagnostics(csv).find((x) => x.code === 'not-numeric'), 30_000);
    assert.strictEqual(d.severity, vscode.DiagnosticSeverity.Error);
    assert.match(d.message, /column "INC", row 5: "n\/a" is a missing value/);
    const col = row.slice(0, inc).join(',').length + 1; // 0-based start of the cell
    assert.strictEqual(d.range.start.line, 5, 'line 6 of the CSV');
    assert.strictEqual(d.range.start.character, col, 'the cell\'s column');
    assert.strictEqual(d.range.end.character, col + 'n/a'.length);
    // Fix the cell in an editor (unsaved): the spec is validated again with the editor's text.
    const csvDoc = await vscode.workspace.openTextDocument(csv);
    const edit = new vscode.WorkspaceEdit();
    edit.replace(csv, d.range, good);
    assert.ok(await vscode.workspace.applyEdit(edit));
    await waitFor('the CSV error to clear', () => sarDiagnostics(csv).length === 0, 30_000);
    assert.ok(csvDoc.isDirty);
  });

  test('closing a spec clears its diagnostics', async () => {
    const uri = await unknownColumnCopy();
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    await waitFor('the unknown-column error', () => sarDiagnostics(uri).length > 0);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    await waitFor('the diagnostics to clear on close', () => sarDiagnostics(uri).length === 0, 60_000);
  });

  test('a path leaving the workspace is refused at its place in the spec', async () => {
    const uri = await writeWorkspaceFile(`fixtures/${uniqueName('outside')}`, columbusSpecText({ data: '../../../../../../../../etc/passwd' }));
    const doc = await vscode.workspace.openTextDocument(uri);
    const d = await waitFor('the outside-workspace error', () => sarDiagnostics(uri).find((x) => x.code === 'outside-workspace'));
    assert.match(d.message, /outside the workspace folder/);
    assert.ok(d.range.isEqual(tokenRange(doc, '"../../../../../../../../etc/passwd"')));
    const outcome = await vscode.commands.executeCommand<{ result?: unknown; problems: { code?: string }[] }>('sarStudio.fit', uri);
    assert.strictEqual(outcome?.result, undefined);
    assert.ok(outcome?.problems.some((p) => p.code === 'outside-workspace'), 'the fit refuses it too');
  });
});
