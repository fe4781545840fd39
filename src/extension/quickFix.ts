/**
 * Quick fixes for SAR Studio's problems that carry a `suggestion`: an unknown column ("HOVALL" →
 * "HOVAL"), a misspelt enum value or field name. The edit replaces the problem's range, a JSON
 * string token, with the suggestion as a JSON string.
 */
import * as vscode from 'vscode';
import type { ProblemDiagnostics } from './diagnostics';
import { SPEC_SELECTOR } from './specFiles';

export class SuggestionQuickFix implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  constructor(private readonly diagnostics: ProblemDiagnostics) {}

  static register(diagnostics: ProblemDiagnostics): vscode.Disposable {
    return vscode.languages.registerCodeActionsProvider(SPEC_SELECTOR, new SuggestionQuickFix(diagnostics), { providedCodeActionKinds: SuggestionQuickFix.kinds });
  }

  provideCodeActions(doc: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const actions: vscode.CodeAction[] = [];
    for (const d of context.diagnostics) {
      if (d.source !== 'SAR Studio') continue;
      const suggestion = this.diagnostics.problemFor(doc.uri, d)?.suggestion;
      if (!suggestion) continue;
      const current = doc.getText(d.range);
      if (!current) continue;
      const quoted = current.startsWith('"');
      // Only a whole string token (or a bare word) is replaced; anything else would corrupt the JSON.
      if (quoted ? !(current.length >= 2 && current.endsWith('"')) : !/^[\w.-]*$/.test(current)) continue;
      const action = new vscode.CodeAction(`Change to "${suggestion}"`, vscode.CodeActionKind.QuickFix);
      action.edit = new vscode.WorkspaceEdit();
      action.edit.replace(doc.uri, d.range, quoted ? JSON.stringify(suggestion) : suggestion);
      action.diagnostics = [d];
      action.isPreferred = true;
      actions.push(action);
    }
    return actions;
  }
}
