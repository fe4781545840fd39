import * as vscode from 'vscode';

/** The `sarStudio.*` settings (contributed in package.json). */
export interface SarConfig {
  /** Fit the model whenever a `.sar.json` spec is saved. */
  fitOnSave: boolean;
}

export function readConfig(scope?: vscode.Uri): SarConfig {
  const c = vscode.workspace.getConfiguration('sarStudio', scope);
  return { fitOnSave: c.get<boolean>('fitOnSave', false) };
}
