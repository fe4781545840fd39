/**
 * Editor features of `.sar.json` text documents: problems as you type, the quick fix to a
 * suggested name, hovers on variable names and the CodeLens over the spec.
 */
import * as vscode from 'vscode';
import { SpecCodeLensProvider } from './codeLens';
import { SpecHoverProvider } from './hover';
import { SuggestionQuickFix } from './quickFix';
import type { Services } from './services';
import { SpecValidation } from './validation';

export function registerValidation(context: vscode.ExtensionContext, s: Services): SpecValidation {
  const validation = new SpecValidation(s.diagnostics, s.tableCache, { log: (m) => s.output.appendLine(m) });
  context.subscriptions.push(validation);
  return validation;
}

export function registerLanguageFeatures(context: vscode.ExtensionContext, s: Services): void {
  context.subscriptions.push(
    SuggestionQuickFix.register(s.diagnostics),
    SpecHoverProvider.register(s.store, s.tableCache),
    SpecCodeLensProvider.register(s.store),
  );
}
