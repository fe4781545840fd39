import * as vscode from 'vscode';

export const SPEC_SUFFIX = '.sar.json';

export function isSpecUri(uri: vscode.Uri | undefined): uri is vscode.Uri {
  return !!uri && uri.path.toLowerCase().endsWith(SPEC_SUFFIX);
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
  return isSpecUri(editorUri) ? editorUri : undefined;
}
