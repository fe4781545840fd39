import * as vscode from 'vscode';

export const SPEC_SUFFIX = '.sar.json';

/** Spec documents on disk, for language features (hovers, CodeLens, quick fixes). */
export const SPEC_SELECTOR: vscode.DocumentSelector = [{ scheme: 'file', pattern: '**/*.sar.json' }];

/** Whether `uri` names a spec (`*.sar.json`). */
export function isSpecUri(uri: vscode.Uri): boolean {
  return uri.path.toLowerCase().endsWith(SPEC_SUFFIX);
}

/**
 * The spec the user is looking at. While a custom editor is active `activeTextEditor` is
 * undefined, so read the active tab: `TabInputCustom` (spec editor) or `TabInputText`.
 */
export function activeSpecUri(): vscode.Uri | undefined {
  const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
  if (input instanceof vscode.TabInputCustom || input instanceof vscode.TabInputText) {
    if (isSpecUri(input.uri)) return input.uri;
  }
  const editorUri = vscode.window.activeTextEditor?.document.uri;
  return editorUri && isSpecUri(editorUri) ? editorUri : undefined;
}
