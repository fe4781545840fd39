/**
 * Engine problems (file + 1-based line/column) → the Problems panel.
 *
 * Each spec feeds two layers:
 * - `validation`: what `validateSpecText` finds as the user types (spec, files it names, model
 *   columns' cells);
 * - `fit`: the last fit's problems (errors, or the model warnings that go with a result), valid
 *   for the spec text that was fitted: an edit that changes the text drops them (their ranges and
 *   their meaning are stale), and validation takes over until the next fit.
 * Problems may lie in another file than the spec (a CSV cell, a GAL line): they are listed under
 * that file. Two specs naming the same bad CSV cell show it once.
 */
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

export type DiagnosticLayer = 'validation' | 'fit';

interface SpecEntry {
  uri: vscode.Uri;
  validation?: Problem[];
  fit?: { problems: Problem[]; specText?: string };
}

interface Shown {
  uri: vscode.Uri;
  items: { diagnostic: vscode.Diagnostic; problem: Problem }[];
}

export class ProblemDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('sarStudio');
  private readonly specs = new Map<string, SpecEntry>();
  /** What is in the collection, by file URI string. */
  private shown = new Map<string, Shown>();

  /** The problems' file: absolute, or relative to the spec's folder; none means the spec. */
  private static fileUri(specUri: vscode.Uri, p: Problem): vscode.Uri {
    if (!p.file) return specUri;
    const abs = path.resolve(path.dirname(specUri.fsPath), p.file);
    return abs === specUri.fsPath ? specUri : vscode.Uri.file(abs);
  }

  private entry(specUri: vscode.Uri): SpecEntry {
    const key = specUri.toString();
    let e = this.specs.get(key);
    if (!e) {
      e = { uri: specUri };
      this.specs.set(key, e);
    }
    return e;
  }

  /** A fit's problems replace the spec's previous fit and validation problems. `specText`: the text that was fitted. */
  setFit(specUri: vscode.Uri, problems: readonly Problem[], specText?: string): void {
    const e = this.entry(specUri);
    e.fit = { problems: [...problems], specText };
    e.validation = undefined;
    this.render();
  }

  /**
   * Validation of `specText` (the editor's text). The last fit's problems stay only while the
   * text is the one that was fitted.
   */
  setValidation(specUri: vscode.Uri, problems: readonly Problem[], specText: string): void {
    const e = this.entry(specUri);
    e.validation = [...problems];
    if (e.fit && e.fit.specText !== specText) e.fit = undefined;
    this.render();
  }

  /** Forgets everything a spec reported (its document closed). */
  clearSpec(specUri: vscode.Uri): void {
    if (this.specs.delete(specUri.toString())) this.render();
  }

  /** Removes the diagnostics listed under `fileUri` (that document closed), whichever spec reported them. */
  clearFile(fileUri: vscode.Uri): void {
    const key = fileUri.toString();
    if (!this.shown.has(key)) return;
    for (const e of this.specs.values()) {
      const keep = (p: Problem) => ProblemDiagnostics.fileUri(e.uri, p).toString() !== key;
      if (e.validation) e.validation = e.validation.filter(keep);
      if (e.fit) e.fit = { ...e.fit, problems: e.fit.problems.filter(keep) };
    }
    this.render();
  }

  /** The problem behind a diagnostic shown on `uri` (same range and message), for quick fixes. */
  problemFor(uri: vscode.Uri, d: vscode.Diagnostic): Problem | undefined {
    const items = this.shown.get(uri.toString())?.items ?? [];
    return items.find((x) => x.diagnostic.message === d.message && x.diagnostic.range.isEqual(d.range))?.problem;
  }

  /** The diagnostics SAR Studio shows on `uri` (tests). */
  get(uri: vscode.Uri): readonly vscode.Diagnostic[] {
    return this.collection.get(uri) ?? [];
  }

  private render(): void {
    const next = new Map<string, Shown & { seen: Set<string> }>();
    for (const e of this.specs.values()) {
      for (const p of [...(e.validation ?? []), ...(e.fit?.problems ?? [])]) {
        const uri = ProblemDiagnostics.fileUri(e.uri, p);
        const key = uri.toString();
        let s = next.get(key);
        if (!s) {
          s = { uri, items: [], seen: new Set() };
          next.set(key, s);
        }
        const r = p.range;
        const id = `${p.severity}|${p.message}|${r?.line}:${r?.column}-${r?.endLine}:${r?.endColumn}`;
        if (s.seen.has(id)) continue;
        s.seen.add(id);
        s.items.push({ diagnostic: toDiagnostic(p), problem: p });
      }
    }
    for (const [key, s] of this.shown) if (!next.has(key)) this.collection.delete(s.uri);
    for (const s of next.values()) this.collection.set(s.uri, s.items.map((x) => x.diagnostic));
    this.shown = next;
  }

  dispose(): void {
    this.collection.dispose();
    this.specs.clear();
  }
}
