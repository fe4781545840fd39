/** Engine problems (file + 1-based line/column) → the Problems panel. */
import * as path from 'path';
import * as vscode from 'vscode';
import type { Problem, Severity } from '../core/problems';

const severityMap: Record<Severity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

/** 1-based, end-exclusive engine range → 0-based vscode.Range. No end: an empty range (VS Code marks the word there). */
export function toVscodeRange(range: Problem['range']): vscode.Range {
  if (!range) return new vscode.Range(0, 0, 0, 0);
  const line = Math.max(0, range.line - 1);
  const col = Math.max(0, range.column - 1);
  const endLine = range.endLine !== undefined ? Math.max(0, range.endLine - 1) : line;
  const endCol = range.endColumn !== undefined ? Math.max(0, range.endColumn - 1) : col;
  return new vscode.Range(line, col, endLine, endCol);
}

export function toDiagnostic(p: Problem): vscode.Diagnostic {
  const d = new vscode.Diagnostic(toVscodeRange(p.range), p.message, severityMap[p.severity]);
  d.source = 'SAR Studio';
  if (p.code) d.code = p.code;
  return d;
}

export class ProblemDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('sarStudio');
  /** Files that got diagnostics from each spec's last fit, so a new fit replaces only its own. */
  private readonly bySpec = new Map<string, vscode.Uri[]>();

  /** Replaces the diagnostics of `specUri`'s previous fit. Problems without a file go on the spec. */
  set(specUri: vscode.Uri, problems: readonly Problem[]): void {
    for (const uri of this.bySpec.get(specUri.toString()) ?? []) this.collection.delete(uri);
    const specDir = path.dirname(specUri.fsPath);
    const byFile = new Map<string, { uri: vscode.Uri; diagnostics: vscode.Diagnostic[] }>();
    for (const p of problems) {
      const uri = p.file ? vscode.Uri.file(path.resolve(specDir, p.file)) : specUri;
      const entry = byFile.get(uri.toString()) ?? { uri, diagnostics: [] };
      entry.diagnostics.push(toDiagnostic(p));
      byFile.set(uri.toString(), entry);
    }
    for (const { uri, diagnostics } of byFile.values()) this.collection.set(uri, diagnostics);
    this.bySpec.set(specUri.toString(), [...byFile.values()].map((e) => e.uri));
  }

  dispose(): void {
    this.collection.dispose();
  }
}
