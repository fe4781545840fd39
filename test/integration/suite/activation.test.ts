import * as assert from 'assert';
import * as fs from 'fs';
import * as vscode from 'vscode';
import { activateExtension, EXTENSION_ID } from './util';

suite('Activation', () => {
  test('the extension is present and activates', async () => {
    const ext = await activateExtension();
    assert.strictEqual(ext.isActive, true);
    assert.strictEqual(ext.id, EXTENSION_ID);
  });

  test('it runs in a Node extension host', () => {
    // code-server: the remote (workspace) extension host; test-electron: the local one.
    assert.ok(typeof process.versions.node === 'string');
    assert.ok(fs.existsSync(__filename), 'fs works');
  });

  test('its commands are registered', async () => {
    await activateExtension();
    const commands = await vscode.commands.getCommands(true);
    for (const c of ['sarStudio.fit', 'sarStudio.openSpecEditor', 'sarStudio.showOutput', 'sarStudio.showResults', 'sarStudio.newModelFromCsv', 'sarStudio.exportResults']) {
      assert.ok(commands.includes(c), `command ${c} is registered`);
    }
  });

  test('restricted mode is declared as limited support', () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    const caps = (ext?.packageJSON as { capabilities?: { untrustedWorkspaces?: { supported?: unknown; restrictedConfigurations?: string[] } } }).capabilities;
    assert.strictEqual(caps?.untrustedWorkspaces?.supported, 'limited');
    assert.deepStrictEqual(caps?.untrustedWorkspaces?.restrictedConfigurations, ['sarStudio.fitOnSave']);
  });

  test('the sarStudio.fitOnSave setting exists and defaults to false', () => {
    const inspect = vscode.workspace.getConfiguration('sarStudio').inspect<boolean>('fitOnSave');
    assert.strictEqual(inspect?.defaultValue, false);
  });
});
