/**
 * "SAR Studio: Show results" (the CodeLens with the fit's headline): opens the spec's results
 * panel with its last fit; fits first when there is none.
 */
import * as vscode from 'vscode';
import type { Services } from '../services';
import { activeSpecUri, isSpecUri } from '../specFiles';
import { FIT_COMMAND, SHOW_RESULTS_COMMAND } from './ids';

export function registerShowResultsCommand(context: vscode.ExtensionContext, s: Services): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(SHOW_RESULTS_COMMAND, async (arg?: unknown) => {
      const uri = arg instanceof vscode.Uri ? arg : activeSpecUri();
      if (!uri || !isSpecUri(uri)) {
        void vscode.window.showWarningMessage('SAR Studio: open a .sar.json spec to see its results.');
        return undefined;
      }
      const fit = s.store.get(uri);
      if (!fit) return vscode.commands.executeCommand(FIT_COMMAND, uri);
      s.results.show(uri, fit.result, fit.extras);
      return undefined;
    }),
  );
}
