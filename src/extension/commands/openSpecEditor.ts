import * as vscode from 'vscode';
import { activeSpecUri } from '../specFiles';
import { SpecEditorProvider } from '../specEditor/provider';
import { OPEN_SPEC_EDITOR_COMMAND } from './ids';

export { OPEN_SPEC_EDITOR_COMMAND };

/** "SAR Studio: Open in Spec Editor": reopens a spec (e.g. from a text editor) in the custom editor. */
export function registerOpenSpecEditorCommand(): vscode.Disposable {
  return vscode.commands.registerCommand(OPEN_SPEC_EDITOR_COMMAND, async (arg?: unknown) => {
    const uri = arg instanceof vscode.Uri ? arg : activeSpecUri();
    if (!uri) {
      void vscode.window.showWarningMessage('SAR Studio: open a .sar.json spec first.');
      return;
    }
    await vscode.commands.executeCommand('vscode.openWith', uri, SpecEditorProvider.viewType);
  });
}
