import * as assert from 'assert';
import * as vscode from 'vscode';
import { activateExtension, closeAllEditors, waitFor, wsUri } from './util';

suite('Spec editor', () => {
  suiteSetup(activateExtension);
  teardown(closeAllEditors);

  function activeInput(): unknown {
    return vscode.window.tabGroups.activeTabGroup.activeTab?.input;
  }

  test('vscode.openWith(columbus.sar.json, sarStudio.specEditor) gives a TabInputCustom', async () => {
    const uri = wsUri('columbus', 'columbus.sar.json');
    await vscode.commands.executeCommand('vscode.openWith', uri, 'sarStudio.specEditor');
    const input = await waitFor('a custom editor tab', () => {
      const i = activeInput();
      return i instanceof vscode.TabInputCustom ? i : undefined;
    });
    assert.strictEqual(input.viewType, 'sarStudio.specEditor');
    assert.strictEqual(input.uri.toString(), uri.toString());
  });

  test('it is the default editor for *.sar.json (vscode.open)', async () => {
    const uri = wsUri('columbus', 'columbus.sar.json');
    await vscode.commands.executeCommand('vscode.open', uri);
    const input = await waitFor('a custom editor tab', () => {
      const i = activeInput();
      return i instanceof vscode.TabInputCustom ? i : undefined;
    });
    assert.strictEqual(input.viewType, 'sarStudio.specEditor');
  });

  test('"Open in Spec Editor" reopens a spec shown as text', async () => {
    const uri = wsUri('columbus', 'columbus.sar.json');
    await vscode.commands.executeCommand('vscode.openWith', uri, 'default');
    await waitFor('a text editor tab', () => activeInput() instanceof vscode.TabInputText);
    await vscode.commands.executeCommand('sarStudio.openSpecEditor');
    const input = await waitFor('a custom editor tab', () => {
      const i = activeInput();
      return i instanceof vscode.TabInputCustom ? i : undefined;
    });
    assert.strictEqual(input.uri.toString(), uri.toString());
  });
});
