/**
 * Problems as the user types: every open `.sar.json` document is validated with the engine's
 * `validateSpecText` (spec, the files it names, the model columns and their cells) ~400 ms after
 * the last change, with the unsaved text of every open document (`overrides`) and a table cache
 * shared with the hovers. A change to an open CSV (or weights / geometry file) revalidates the
 * open specs that name it. Closing a document clears what it showed: when its last editor tab
 * closes (the extension host may keep a closed document alive for minutes) or when the document
 * itself is closed.
 *
 * Restricted mode (untrusted workspace): only the spec's own text is checked; no file is read.
 * A spec outside every workspace folder is checked the same way (the engine only reads inside
 * the workspace).
 */
import * as path from 'path';
import * as vscode from 'vscode';
import { validateSpecText } from '../core/run';
import { parseSpec } from '../core/spec/parse';
import type { ProblemDiagnostics } from './diagnostics';
import { absoluteProblems } from './fitRunner';
import { HOST_TABLE_LIMIT_BYTES, referencedFiles, specFiles, type TableCache } from './specData';
import { isSpecUri } from './specFiles';
import { isTrusted } from './trust';
import { dirtyOverrides, workspaceRootOf } from './workspaceFiles';

export interface ValidationOptions {
  /** Debounce after a change (default 400 ms). */
  delayMs?: number;
  log?: (m: string) => void;
}

export class SpecValidation implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  /** Latest validation started per spec: an older one finishing late is dropped. */
  private readonly generation = new Map<string, number>();
  /** Absolute paths of the files each open spec names. */
  private readonly refs = new Map<string, Set<string>>();
  /** Specs whose last tab was closed: not revalidated for changes of their files until edited or shown again. */
  private readonly closed = new Set<string>();
  private readonly delayMs: number;
  /** Validations run (tests, logs). */
  runs = 0;

  constructor(
    private readonly diagnostics: ProblemDiagnostics,
    private readonly tableCache: TableCache,
    private readonly opts: ValidationOptions = {},
  ) {
    this.delayMs = opts.delayMs ?? 400;
    this.disposables.push(
      vscode.workspace.onDidOpenTextDocument((d) => this.onOpen(d)),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length > 0) this.onChange(e.document);
      }),
      vscode.workspace.onDidSaveTextDocument((d) => {
        // A saved data file changes what the specs naming it read from disk (the cache checks mtime).
        if (!isSpecUri(d.uri)) this.revalidateReferencing(d.uri, 0);
      }),
      vscode.workspace.onDidCloseTextDocument((d) => this.onClose(d)),
      vscode.window.tabGroups.onDidChangeTabs((e) => this.onTabs(e)),
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.revalidateAll()),
    );
    for (const d of vscode.workspace.textDocuments) this.onOpen(d);
  }

  private onOpen(doc: vscode.TextDocument): void {
    if (isSpecUri(doc.uri) && doc.uri.scheme === 'file') this.schedule(doc, 0);
  }

  private onChange(doc: vscode.TextDocument): void {
    if (doc.uri.scheme !== 'file') return;
    if (isSpecUri(doc.uri)) {
      this.closed.delete(doc.uri.toString());
      this.schedule(doc, this.delayMs);
    }
    else this.revalidateReferencing(doc.uri, this.delayMs);
  }

  private onClose(doc: vscode.TextDocument): void {
    const key = doc.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
    if (isSpecUri(doc.uri)) {
      this.forgetSpec(doc.uri);
      this.closed.delete(key);
      this.refs.delete(key);
    } else {
      this.diagnostics.clearFile(doc.uri);
      // Its unsaved edits are gone: the specs naming it read the file again.
      this.revalidateReferencing(doc.uri, 0);
    }
  }

  private onTabs(e: vscode.TabChangeEvent): void {
    const open = new Set<string>();
    for (const g of vscode.window.tabGroups.all) for (const t of g.tabs) {
      const uri = tabUri(t);
      if (uri) open.add(uri.toString());
    }
    for (const t of e.opened) {
      const uri = tabUri(t);
      const doc = uri && vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
      if (uri && this.closed.delete(uri.toString()) && doc) this.schedule(doc, 0);
    }
    for (const t of e.closed) {
      const uri = tabUri(t);
      if (!uri || open.has(uri.toString())) continue;
      if (isSpecUri(uri)) this.forgetSpec(uri);
      else this.diagnostics.clearFile(uri);
    }
  }

  private forgetSpec(uri: vscode.Uri): void {
    const key = uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
    this.generation.set(key, (this.generation.get(key) ?? 0) + 1);
    this.closed.add(key);
    this.diagnostics.clearSpec(uri);
  }

  private revalidateReferencing(uri: vscode.Uri, delay: number): void {
    if (uri.scheme !== 'file') return;
    const abs = path.resolve(uri.fsPath);
    for (const doc of vscode.workspace.textDocuments) {
      const key = doc.uri.toString();
      if (!this.closed.has(key) && this.refs.get(key)?.has(abs)) this.schedule(doc, delay);
    }
  }

  private revalidateAll(): void {
    for (const doc of vscode.workspace.textDocuments) this.onOpen(doc);
  }

  /** Validates `doc` after `delay` ms (a newer change restarts the wait). */
  schedule(doc: vscode.TextDocument, delay = this.delayMs): void {
    const key = doc.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.set(key, setTimeout(() => {
      this.timers.delete(key);
      void this.validate(doc);
    }, delay));
  }

  /** Validates now; resolves when the diagnostics are set (or the result was superseded). */
  async validate(doc: vscode.TextDocument): Promise<void> {
    if (doc.isClosed) return;
    const key = doc.uri.toString();
    const gen = (this.generation.get(key) ?? 0) + 1;
    this.generation.set(key, gen);
    const text = doc.getText();
    const specPath = doc.uri.fsPath;
    this.refs.set(key, new Set(referencedFiles(specFiles(text, specPath))));
    const rootDir = workspaceRootOf(doc.uri);
    let problems;
    try {
      this.runs++;
      problems = isTrusted() && rootDir
        ? await validateSpecText(text, specPath, { rootDir, overrides: dirtyOverrides(), tableCache: this.tableCache, cellCheckLimitBytes: HOST_TABLE_LIMIT_BYTES })
        : parseSpec(text, specPath).problems;
    } catch (e) {
      this.opts.log?.(`Validation of ${path.basename(specPath)} failed: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
      return;
    }
    if (this.generation.get(key) !== gen || doc.isClosed) return;
    this.diagnostics.setValidation(doc.uri, absoluteProblems(problems, specPath), text);
  }

  dispose(): void {
    this.closed.clear();
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    while (this.disposables.length) this.disposables.pop()?.dispose();
  }
}

/** The file a tab shows (text, custom or diff's modified side), if any. */
function tabUri(t: vscode.Tab): vscode.Uri | undefined {
  const i = t.input;
  if (i instanceof vscode.TabInputText || i instanceof vscode.TabInputCustom) return i.uri;
  if (i instanceof vscode.TabInputTextDiff) return i.modified;
  return undefined;
}
