/**
 * Restricted mode: in an untrusted workspace SAR Studio fits nothing by itself (no fit on save),
 * validates specs without reading the files they name, and asks before a command reads data or
 * writes a file. The spec editor shows the spec and its data read-only and does not fit.
 */
import * as vscode from 'vscode';

export function isTrusted(): boolean {
  return vscode.workspace.isTrusted;
}

/**
 * In a trusted workspace: true. Otherwise asks (modal) whether to `action` anyway; true only on
 * an explicit yes.
 */
export async function confirmUntrusted(action: string, detail: string): Promise<boolean> {
  if (vscode.workspace.isTrusted) return true;
  const go = 'Continue';
  const choice = await vscode.window.showWarningMessage(
    `SAR Studio: this workspace is not trusted. ${action}?`,
    { modal: true, detail: `${detail} Restricted mode turns off fitting on save and reading data while you type; trust the workspace to turn them on.` },
    go,
  );
  return choice === go;
}
