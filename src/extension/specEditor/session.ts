/**
 * One open spec editor: the webview panel, the spec's TextDocument and the linked CSV.
 *
 * - The spec document is the single source of truth for the model; the form's and the headers'
 *   changes are minimal `WorkspaceEdit`s on it (undo, save, dirty state, hot exit from VS Code).
 * - The CSV is read as a TextDocument when VS Code can hold it (≤ 50 MB: editable, cell edits are
 *   `WorkspaceEdit`s at the cell's exact range), else through `vscode.workspace.fs`, indexed by
 *   row and read-only. Rows go to the webview in pages it asks for; summaries, invalid cells and
 *   sort/filter views are computed here, in chunks that keep the extension host responsive.
 * - Every message from the webview is validated (src/protocol.ts) before anything happens.
 */
import { promises as fs } from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { parseCsv } from '../../core/io/csv';
import { cellLocation, type Table } from '../../core/io/table';
import { ProblemError, type Problem } from '../../core/problems';
import { validateSpecText } from '../../core/run';
import { isInsideReal } from '../../core/io/paths';
import { checkColumns, parseSpec } from '../../core/spec/parse';
import {
  describeMessage, MAX_LISTED_ISSUES, PROTOCOL_VERSION, validateEditorToHost,
  type ColumnStats, type EditorProblem, type EditorToHost, type FilterSpec, type HostToEditor, type IssuesMessage,
  type SortSpec, type SpecFormState, type TableMessage,
} from '../../protocol';
import { WEBVIEW_DIR } from '../webviewHtml';
import { dirtyOverrides, workspaceRootOf } from '../workspaceFiles';
import { cellProblem } from './data/cells';
import { quoteCell, rawFieldLength, unquoteField } from './data/csvEdit';
import { CsvIndexError, indexCsv } from './data/csvIndex';
import { buildView, columnStats, invalidCells } from './data/scans';
import { IndexedSource, ScanCancelled, TableSource, yieldToEventLoop } from './data/source';
import { modelColumns } from '../../core/spec/roles';
import { setField, setRole, minimalEdit } from './specEdits';
import { editorProblems, specFormState } from './specState';

/** Limits, adjustable by the integration tests (test hooks). */
export const editorLimits = {
  /** Files above this open read-only through the file system (VS Code syncs documents up to 50 MB to extensions). */
  documentBytes: 50 * 1024 * 1024,
  /** Largest file the grid reads at all (V8's string limit is ~512 MiB; the engine's limit). */
  maxBytes: 500 * 1024 * 1024,
};

export interface SessionDeps {
  extensionUri: vscode.Uri;
  fit(uri: vscode.Uri): Thenable<unknown>;
  log(message: string): void;
}

interface DocumentData {
  kind: 'document';
  uri: vscode.Uri;
  doc: vscode.TextDocument;
  version: number;
  table: Table;
  source: TableSource;
  sizeBytes: number;
}
/** Read from the disk for the first paint, while the TextDocument (editable) is being opened. */
interface PreviewData {
  kind: 'preview';
  uri: vscode.Uri;
  table: Table;
  source: TableSource;
  sizeBytes: number;
}
interface FileData {
  kind: 'filesystem';
  uri: vscode.Uri;
  source: IndexedSource;
  sizeBytes: number;
}
type LoadedData = DocumentData | PreviewData | FileData;

type HistoryTarget = 'spec' | 'data';

/** What the integration tests can see of a session (through the test-only command). */
export interface SessionSnapshot {
  specUri: string;
  ready: boolean;
  table: TableMessage;
  viewRows: number;
  form: SpecFormState;
  problems: EditorProblem[];
  issues?: IssuesMessage;
  stats?: (ColumnStats | null)[];
  rowsServed: number;
  rejected: number;
  trusted: boolean;
}

const base = (p: string) => path.basename(p);
/** Rows sent with every new view (the grid's page size, webview/editor/grid.ts). */
const FIRST_PAGE_ROWS = 200;

export class EditorSession implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  private disposed = false;
  private ready = false;

  /** Bumped on every (re)load of the data; requests from the webview carry it. */
  private gen = 0;
  private viewId = 0;
  private view: Int32Array | null = null;
  private sort: SortSpec | null = null;
  private filter: FilterSpec | null = null;
  private data?: LoadedData;
  private table: TableMessage = { type: 'table', gen: 0, status: 'none', columns: [], nrows: 0, delimiter: ',', readOnly: true, problems: [] };
  private stats?: (ColumnStats | null)[];
  private issues?: IssuesMessage;
  private issuesKey = '';
  private form: SpecFormState;
  private problems: EditorProblem[] = [];
  private modelCols: number[] = [];

  private reloadTimer?: ReturnType<typeof setTimeout>;
  /** Watches the data file on disk (a text document follows the disk by itself; the other states do not). */
  private watcher?: vscode.Disposable;
  private watchedKey?: string;
  private validateTimer?: ReturnType<typeof setTimeout>;
  private validateSeq = 0;
  private readonly tableCache = new Map<string, { mtimeMs: number; size: number; table: Table }>();

  /** What the grid changed, most recent last: Ctrl+Z in the grid undoes in that document. */
  private readonly history: HistoryTarget[] = [];
  private readonly redoStack: HistoryTarget[] = [];

  /** Rows and columns of each recent read of the data, by generation. */
  private readonly shapes = new Map<number, string>();
  private rowsServed = 0;
  private rejected = 0;
  private onRowsServed?: () => void;

  constructor(
    readonly panel: vscode.WebviewPanel,
    readonly specDoc: vscode.TextDocument,
    private readonly deps: SessionDeps,
  ) {
    this.form = specFormState(specDoc.getText());
  }

  get specUri(): vscode.Uri {
    return this.specDoc.uri;
  }

  private get trusted(): boolean {
    return vscode.workspace.isTrusted;
  }

  start(webviewHtml: string): void {
    const webview = this.panel.webview;
    webview.options = {
      enableScripts: true,
      enableCommandUris: false,
      localResourceRoots: [vscode.Uri.joinPath(this.deps.extensionUri, ...WEBVIEW_DIR)],
    };
    webview.html = webviewHtml;
    this.disposables.push(
      webview.onDidReceiveMessage((m: unknown) => void this.receive(m)),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.document.uri.toString() === this.specDoc.uri.toString()) {
          if (e.contentChanges.length) this.onSpecChanged();
        } else if (this.data?.kind === 'document' && e.document.uri.toString() === this.data.uri.toString() && e.contentChanges.length) {
          this.scheduleReload(e.document);
        }
      }),
      vscode.workspace.onDidSaveTextDocument((d) => {
        if (this.data && d.uri.toString() === this.data.uri.toString()) this.scheduleValidate();
      }),
      vscode.workspace.onDidGrantWorkspaceTrust(() => {
        this.postSpec();
        this.postTable();
        this.scheduleValidate(0);
      }),
    );
    this.panel.onDidDispose(() => this.dispose());
    void this.loadData(); // validates when the data is there
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    clearTimeout(this.reloadTimer);
    clearTimeout(this.validateTimer);
    this.disposables.forEach((d) => d.dispose());
    this.watcher?.dispose();
    this.data = undefined;
  }

  snapshot(): SessionSnapshot {
    return {
      specUri: this.specUri.toString(),
      ready: this.ready,
      table: this.table,
      viewRows: this.viewRows(),
      form: this.form,
      problems: this.problems,
      issues: this.issues,
      stats: this.stats,
      rowsServed: this.rowsServed,
      rejected: this.rejected,
      trusted: this.trusted,
    };
  }

  private post(m: HostToEditor): void {
    if (!this.disposed) void this.panel.webview.postMessage(m);
  }

  // ── Messages from the webview ────────────────────────────────────────────

  /** Handles one message from the webview (or from a test, through the same validation). Returns whether it was accepted. */
  async receive(raw: unknown): Promise<boolean> {
    const why = validateEditorToHost(raw);
    if (why) {
      this.rejected++;
      this.deps.log(`spec editor: ignored an invalid message from the webview (${why}; ${describeMessage(raw)})`);
      return false;
    }
    const m = raw as EditorToHost;
    try {
      switch (m.type) {
        case 'ready':
          this.ready = true;
          this.postSpec();
          this.postTable();
          this.postView();
          if (this.stats) this.post({ type: 'stats', gen: this.gen, stats: this.stats, done: true });
          if (this.issues) this.post(this.issues);
          return true;
        case 'requestRows':
          return this.sendRows(m.gen, m.viewId, m.start, m.count);
        case 'setView':
          if (m.gen !== this.gen) return false;
          this.sort = m.sort;
          this.filter = m.filter;
          await this.rebuildView();
          return true;
        case 'editCell':
          return await this.editCell(m.gen, m.row, m.column, m.value);
        case 'setRole':
          return await this.applySpecResult(setRole(this.specDoc.getText(), m.column, m.role, this.table.columns));
        case 'setField':
          return await this.applySpecResult(setField(this.specDoc.getText(), m.field, m.value, this.table.columns));
        case 'fit':
          if (!this.trusted) {
            this.notice('warning', 'Restricted mode: SAR Studio does not fit models in an untrusted workspace.');
            return false;
          }
          void this.deps.fit(this.specUri);
          return true;
        case 'undo':
        case 'redo':
          return await this.undoRedo(m.type);
        case 'locateRow':
          return this.locate(m.gen, m.row, m.column);
        case 'openText':
          return await this.openText(m.target, m.line, m.column);
        case 'log':
          this.deps.log(`spec editor webview [${m.level}]: ${m.message}`);
          return true;
      }
    } catch (err) {
      this.deps.log(`spec editor: ${m.type} failed: ${err instanceof Error ? err.stack ?? err.message : String(err)}`);
      this.notice('error', `SAR Studio: ${err instanceof Error ? err.message : String(err)}`);
      return false;
    }
  }

  private notice(level: 'info' | 'warning' | 'error', message: string): void {
    this.post({ type: 'notice', level, message });
  }

  // ── The spec ─────────────────────────────────────────────────────────────

  private postSpec(): void {
    this.post({
      type: 'spec',
      version: PROTOCOL_VERSION,
      fileName: base(this.specUri.path),
      form: this.form,
      problems: this.problems,
      readOnly: !this.trusted || !!this.form.syntaxError,
      trusted: this.trusted,
    });
  }

  private onSpecChanged(): void {
    const before = this.form;
    this.form = specFormState(this.specDoc.getText());
    this.postSpec();
    if (before.data !== this.form.data) void this.loadData();
    else this.refreshModelColumns();
    this.scheduleValidate();
  }

  /** Applies the form's new spec text as one minimal edit. */
  private async applySpecResult(result: { text: string } | { error: string }): Promise<boolean> {
    if (!this.trusted) {
      this.notice('warning', 'Restricted mode: the spec is read-only in an untrusted workspace.');
      return false;
    }
    if ('error' in result) {
      this.notice('warning', result.error);
      return false;
    }
    const before = this.specDoc.getText();
    const edit = minimalEdit(before, result.text);
    if (!edit) return true;
    const we = new vscode.WorkspaceEdit();
    we.replace(this.specUri, new vscode.Range(this.specDoc.positionAt(edit.offset), this.specDoc.positionAt(edit.offset + edit.length)), edit.content);
    const ok = await vscode.workspace.applyEdit(we);
    if (ok) this.pushHistory('spec');
    return ok;
  }

  private pushHistory(target: HistoryTarget): void {
    this.history.push(target);
    if (this.history.length > 1000) this.history.shift();
    this.redoStack.length = 0;
  }

  /** Workspace root the spec may read from: its workspace folder, else its own folder. */
  private rootDir(): string {
    return workspaceRootOf(this.specUri) ?? path.dirname(this.specUri.fsPath);
  }

  private scheduleValidate(delay = 300): void {
    clearTimeout(this.validateTimer);
    this.validateTimer = setTimeout(() => void this.validate(), delay);
  }

  /** The engine's problems for the spec as it is now (no fit): spec fields, columns, files. */
  private async validate(): Promise<void> {
    if (this.disposed || this.specUri.scheme !== 'file') return;
    const seq = ++this.validateSeq;
    const text = this.specDoc.getText();
    const specPath = this.specUri.fsPath;
    let problems: Problem[];
    const data = this.data;
    if (this.table.status === 'loading') return; // validated once the data is read
    try {
      if (!this.trusted || data?.kind === 'filesystem' || (!data && (this.table.sizeBytes ?? 0) > editorLimits.documentBytes)) {
        // Restricted mode (no file reads for checks), or too large to parse again here: the spec and
        // its columns against the header the grid has (the grid lists the bad cells).
        const parsed = parseSpec(text, specPath);
        problems = parsed.spec && data ? [...parsed.problems, ...checkColumns(parsed.spec, parsed, data.source.columns, specPath)] : parsed.problems;
      } else {
        if (data?.kind === 'preview' || (data?.kind === 'document' && !data.doc.isDirty)) {
          // The grid parsed this very text already: hand it to the engine instead of a second parse.
          const st = await fs.stat(data.uri.fsPath).catch(() => undefined);
          if (st) this.tableCache.set(data.uri.fsPath, { mtimeMs: st.mtimeMs, size: st.size, table: data.table });
        }
        problems = await validateSpecText(text, specPath, { overrides: dirtyOverrides(), tableCache: this.tableCache, rootDir: this.rootDir() });
      }
    } catch (err) {
      problems = [{ severity: 'error', message: `validation failed: ${err instanceof Error ? err.message : String(err)}`, file: specPath }];
    }
    if (seq !== this.validateSeq || this.disposed) return;
    // Bad cells are listed by the grid itself (all of them, not the engine's first 20).
    const shown = problems.filter((p) => p.code !== 'not-numeric');
    this.problems = editorProblems(shown, specPath, text, data?.uri.fsPath, base);
    this.postSpec();
  }

  // ── The data ─────────────────────────────────────────────────────────────

  private setTable(t: Omit<TableMessage, 'type' | 'gen'>): void {
    this.table = { type: 'table', gen: this.gen, ...t };
    if (t.status === 'ready') {
      this.shapes.set(this.gen, `${t.nrows}|${t.columns.join('\u0001')}`);
      for (const g of this.shapes.keys()) if (g < this.gen - 16) this.shapes.delete(g);
    }
    this.postTable();
  }

  private postTable(): void {
    const t = this.table;
    const readOnly = t.readOnly || !this.trusted;
    const readOnlyReason = !this.trusted && !t.readOnly ? 'Restricted mode: the data is read-only in an untrusted workspace.' : t.readOnlyReason;
    this.post({ ...t, readOnly, readOnlyReason });
  }

  private postView(): void {
    this.post({ type: 'view', gen: this.gen, viewId: this.viewId, nrows: this.viewRows(), sort: this.sort, filter: this.filter });
    // The first screen's rows right away, without waiting for the webview to ask (one round trip less).
    if (this.ready && this.data) this.sendRows(this.gen, this.viewId, 0, FIRST_PAGE_ROWS);
  }

  private viewRows(): number {
    return this.view ? this.view.length : this.data?.source.nrows ?? 0;
  }

  /** The data file the spec names, or why it cannot be read. */
  private resolveData(): { uri: vscode.Uri } | { error: string } {
    const rel = this.form.data;
    if (!rel) return { error: this.form.syntaxError ? `${this.form.syntaxError} The data file is shown once the spec is valid JSON.` : 'The spec names no data file: set "data" to a CSV path.' };
    const uri = path.isAbsolute(rel) && this.specUri.scheme === 'file'
      ? vscode.Uri.file(rel)
      : vscode.Uri.joinPath(this.specUri, '..', ...rel.split(/[\\/]+/));
    if (!isInsideReal(this.rootDir(), uri.fsPath)) {
      return { error: `"${rel}" is outside the workspace folder; SAR Studio only reads files inside it.` };
    }
    return { uri };
  }

  /**
   * (Re)reads the data file the spec names.
   *
   * Files on disk are read with Node's fs: in a remote extension host (code-server, SSH, WSL)
   * `vscode.workspace.fs` and `openTextDocument` ship the bytes through the UI (measured: 19 s for
   * 87 MB with workspace.fs, 4.3 s for a 9 MB text document), while the extension host is on the
   * machine that has the file. So the grid paints from the disk read at once; a file VS Code can
   * hold as a document (≤ 50 MB) becomes editable when its TextDocument arrives, and every edit
   * goes through that document. Other schemes (virtual file systems) use `vscode.workspace.fs`.
   */
  private async loadData(): Promise<void> {
    const gen = ++this.gen;
    const t0 = performance.now();
    this.data = undefined;
    this.stats = undefined;
    this.issues = undefined;
    this.issuesKey = '';
    this.view = null;
    this.viewId++;
    const resolved = this.resolveData();
    const file = this.form.data;
    const empty = { columns: [], nrows: 0, delimiter: ',', readOnly: true, problems: [] as EditorProblem[], file };
    const fail = (error: string, problems: EditorProblem[] = []) => {
      this.setTable({ ...empty, status: this.form.data ? 'error' : 'none', error, problems });
      this.scheduleValidate(0);
    };
    if ('error' in resolved) return fail(resolved.error);
    const uri = resolved.uri;
    this.watch(uri);
    this.setTable({ ...empty, status: 'loading' });
    const onDisk = uri.scheme === 'file';
    let size: number;
    try {
      size = onDisk ? (await fs.stat(uri.fsPath)).size : (await vscode.workspace.fs.stat(uri)).size;
    } catch (err) {
      if (gen !== this.gen) return;
      const code = (err as NodeJS.ErrnoException).code;
      const missing = code === 'ENOENT' || (err instanceof vscode.FileSystemError && err.code === 'FileNotFound');
      return fail(missing ? `Cannot read "${file}": no such file.` : `Cannot read "${file}": ${err instanceof Error ? err.message : String(err)}`);
    }
    if (gen !== this.gen) return;
    if (size > editorLimits.maxBytes) return fail(`"${file}" is ${(size / 2 ** 20).toFixed(0)} MiB; the limit is ${editorLimits.maxBytes / 2 ** 20} MiB.`);
    try {
      if (size <= editorLimits.documentBytes) {
        const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
        if (open || !onDisk) {
          // Already open (maybe with unsaved edits), or not on this machine's disk.
          const doc = open ?? (await vscode.workspace.openTextDocument(uri));
          if (gen !== this.gen) return;
          this.useDocument(doc, size, t0);
          return;
        }
        // First paint from the disk, read-only until the document is there.
        const text = await fs.readFile(uri.fsPath, 'utf8');
        if (gen !== this.gen) return;
        const table = parseCsv(text, base(uri.fsPath));
        this.data = { kind: 'preview', uri, table, source: new TableSource(table), sizeBytes: size };
        this.setTable({
          status: 'ready', file, columns: [...table.columns], nrows: table.nrows, delimiter: table.delimiter ?? ',', via: 'document',
          readOnly: true, readOnlyReason: `opening ${file} for editing…`, sizeBytes: size, loadMs: Math.round(performance.now() - t0), problems: [],
        });
        this.deps.log(`${file}: read and parsed ${size} bytes in ${Math.round(performance.now() - t0)} ms`);
        this.afterLoad(gen);
        // Let the first screen paint before VS Code loads the document (which keeps the UI busy).
        await this.firstRowsServed(2000);
        if (gen !== this.gen) return;
        const doc = await vscode.workspace.openTextDocument(uri);
        if (gen !== this.gen || this.data?.kind !== 'preview') return;
        this.deps.log(`${file}: text document ready after ${Math.round(performance.now() - t0)} ms`);
        if (doc.getText() === text.replace(/^\uFEFF/, '')) {
          // Same text: the table stands, now editable through the document.
          this.data = { kind: 'document', uri, doc, version: doc.version, table, source: this.data.source, sizeBytes: size };
          this.table = { ...this.table, readOnly: false, readOnlyReason: undefined };
          this.postTable();
        } else {
          this.gen++;
          this.viewId++;
          this.useDocument(doc, size, t0);
        }
      } else {
        const bytes = onDisk ? await readWholeFile(uri.fsPath, size) : await vscode.workspace.fs.readFile(uri);
        if (gen !== this.gen) return;
        const tRead = performance.now();
        const index = indexCsv(bytes);
        this.deps.log(`${file}: read ${size} bytes in ${Math.round(tRead - t0)} ms, indexed ${index.nrows} rows in ${Math.round(performance.now() - tRead)} ms`);
        this.data = { kind: 'filesystem', uri, source: new IndexedSource(index), sizeBytes: size };
        this.setTable({
          status: 'ready', file, columns: [...index.columns], nrows: index.nrows, delimiter: index.delimiter, via: 'filesystem',
          readOnly: true,
          readOnlyReason: `${file} is ${(size / 1e6).toFixed(0)} MB: above VS Code's 50 MB limit for text documents, so it is read through the file system and cannot be edited here.`,
          sizeBytes: size, loadMs: Math.round(performance.now() - t0), problems: [],
        });
        this.afterLoad(gen);
      }
    } catch (err) {
      if (gen !== this.gen) return;
      const problems = err instanceof ProblemError ? err.problems : [];
      if (problems.length) {
        this.data = undefined;
        return fail(`${file} cannot be read as a table: ${problems.length} problem${problems.length === 1 ? '' : 's'}. Fix them in the text (click one to go there).`,
          editorProblems(problems, this.specUri.fsPath, '', uri.fsPath, base));
      }
      fail(err instanceof CsvIndexError ? `${file}: ${err.message}` : `Cannot read "${file}": ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  /** Parses the data document (again) and shows it. */
  private useDocument(doc: vscode.TextDocument, size: number, t0 = performance.now()): void {
    const file = this.form.data;
    const gen = this.gen;
    const uri = doc.uri;
    try {
      const table = parseCsv(doc.getText(), base(uri.fsPath));
      this.data = { kind: 'document', uri, doc, version: doc.version, table, source: new TableSource(table), sizeBytes: size };
      this.setTable({
        status: 'ready', file, columns: [...table.columns], nrows: table.nrows, delimiter: table.delimiter ?? ',', via: 'document',
        readOnly: false, sizeBytes: size, loadMs: Math.round(performance.now() - t0), problems: [],
      });
      this.afterLoad(gen);
    } catch (err) {
      if (!(err instanceof ProblemError)) throw err;
      this.data = undefined;
      this.setTable({
        status: 'error', file, columns: [], nrows: 0, delimiter: ',', readOnly: true,
        error: `${file} cannot be read as a table: ${err.problems.length} problem${err.problems.length === 1 ? '' : 's'}. Fix them in the text (click one to go there).`,
        problems: editorProblems(err.problems, this.specUri.fsPath, '', uri.fsPath, base),
      });
      this.scheduleValidate(0);
    }
  }

  private watch(uri: vscode.Uri): void {
    if (this.watchedKey === uri.toString()) return;
    this.watcher?.dispose();
    this.watchedKey = uri.toString();
    const w = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.Uri.joinPath(uri, '..'), path.posix.basename(uri.path)));
    const changed = () => {
      if (this.data?.kind === 'document') return;
      clearTimeout(this.reloadTimer);
      this.reloadTimer = setTimeout(() => void this.loadData(), 300);
    };
    this.watcher = vscode.Disposable.from(w, w.onDidChange(changed), w.onDidCreate(changed), w.onDidDelete(changed));
  }

  /** Resolves once a page of rows has been sent to the webview (or after `timeoutMs`). */
  private firstRowsServed(timeoutMs: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, timeoutMs);
      const prev = this.onRowsServed;
      const self = this;
      function done() {
        clearTimeout(timer);
        if (self.onRowsServed === fire) self.onRowsServed = prev;
        resolve();
      }
      // Give the webview a moment to paint what it got.
      const fire = () => setTimeout(done, 150);
      this.onRowsServed = fire;
    });
  }

  private scheduleReload(doc: vscode.TextDocument): void {
    clearTimeout(this.reloadTimer);
    const delay = doc.getText().length > 2_000_000 ? 400 : 40;
    this.reloadTimer = setTimeout(() => {
      if (this.disposed || this.data?.kind !== 'document' || this.data.uri.toString() !== doc.uri.toString()) return;
      this.gen++;
      this.viewId++;
      this.stats = undefined;
      this.issuesKey = '';
      this.useDocument(doc, this.data.sizeBytes);
      this.scheduleValidate();
    }, delay);
  }

  /** After a (re)load: the view, then summaries and invalid cells in the background. */
  private afterLoad(gen: number): void {
    this.view = null;
    this.scheduleValidate(0);
    if (this.sort || this.filter) void this.rebuildView();
    else this.postView();
    this.refreshModelColumns();
    void this.computeStats(gen);
  }

  private isStale(gen: number): boolean {
    return this.disposed || gen !== this.gen;
  }

  private async computeStats(gen: number): Promise<void> {
    const src = this.data?.source;
    if (!src) return;
    let lastPost = performance.now();
    let ragged = 0;
    src.onRagged = () => {
      ragged++;
    };
    try {
      const stats = await columnStats(src, { yieldFn: yieldToEventLoop, isCancelled: () => this.isStale(gen) }, (partial) => {
        if (performance.now() - lastPost > 500) {
          lastPost = performance.now();
          this.post({ type: 'stats', gen, stats: partial, done: false });
        }
      });
      if (this.isStale(gen)) return;
      this.stats = stats;
      this.post({ type: 'stats', gen, stats, done: true });
      if (ragged > 0 && this.data?.kind === 'filesystem') {
        this.table = { ...this.table, problems: [{ severity: 'warning', where: 'data', fileName: this.table.file ?? '', message: `${ragged} row${ragged === 1 ? ' has' : 's have'} a different number of fields than the header (shown padded or cut).` }] };
        this.postTable();
      }
    } catch (err) {
      if (!(err instanceof ScanCancelled)) throw err;
    } finally {
      src.onRagged = undefined;
    }
  }

  /** The model's columns changed (or the data did): re-check their cells. */
  private refreshModelColumns(): void {
    const src = this.data?.source;
    if (!src) {
      this.modelCols = [];
      return;
    }
    const names = modelColumns(this.form);
    this.modelCols = names.map((n) => src.columns.indexOf(n)).filter((c) => c >= 0);
    const key = `${this.gen}|${this.modelCols.join(',')}`;
    if (key === this.issuesKey) return;
    this.issuesKey = key;
    void this.computeIssues(this.gen, key);
  }

  private async computeIssues(gen: number, key: string): Promise<void> {
    const src = this.data?.source;
    if (!src) return;
    const cols = [...this.modelCols];
    try {
      const scan = await invalidCells(src, cols, MAX_LISTED_ISSUES, { yieldFn: yieldToEventLoop, isCancelled: () => this.isStale(gen) || this.issuesKey !== key });
      if (this.isStale(gen) || this.issuesKey !== key) return;
      this.issues = { type: 'issues', gen, total: scan.total, items: scan.items, columns: cols.map((c) => src.columns[c]) };
      this.post(this.issues);
    } catch (err) {
      if (!(err instanceof ScanCancelled)) throw err;
    }
  }

  private async rebuildView(): Promise<void> {
    const src = this.data?.source;
    const gen = this.gen;
    if (!src) return;
    try {
      const view = await buildView(src, this.sort, this.filter, { yieldFn: yieldToEventLoop, isCancelled: () => this.isStale(gen) });
      if (this.isStale(gen)) return;
      this.view = view;
      this.viewId++;
      this.postView();
    } catch (err) {
      if (!(err instanceof ScanCancelled)) throw err;
    }
  }

  private sendRows(gen: number, viewId: number, start: number, count: number): boolean {
    const src = this.data?.source;
    if (!src || gen !== this.gen || viewId !== this.viewId) return false;
    const n = this.viewRows();
    if (start >= n) return false;
    const end = Math.min(n, start + count);
    const rows: string[][] = [];
    const fileRows: number[] = [];
    const invalid: number[] = [];
    const decimalComma = src.delimiter === ';';
    for (let i = start; i < end; i++) {
      const r = this.view ? this.view[i] : i;
      const cells = src.row(r);
      rows.push(cells);
      fileRows.push(r);
      for (const c of this.modelCols) if (cellProblem(cells[c], decimalComma) !== undefined) invalid.push(i - start, c);
    }
    this.rowsServed += rows.length;
    this.post({ type: 'rows', gen, viewId, start, rows, fileRows, invalid });
    this.onRowsServed?.();
    return true;
  }

  private locate(gen: number, row: number, column: number): boolean {
    if (gen !== this.gen || !this.data) return false;
    const viewIndex = this.view ? this.view.indexOf(row) : row < this.data.source.nrows ? row : -1;
    this.post({ type: 'located', gen, viewId: this.viewId, row, column, viewIndex });
    return true;
  }

  /**
   * Brings this editor to the front with the grid on file row `row` (0-based), in the dependent's
   * column (e.g. an observation picked on the results panel's map). False when the grid has no
   * such row to show.
   */
  revealRow(row: number): boolean {
    const src = this.data?.source;
    if (this.disposed || !this.ready || !src || row >= src.nrows) return false;
    this.panel.reveal(this.panel.viewColumn, false);
    return this.locate(this.gen, row, Math.max(0, src.columns.indexOf(this.form.dependent ?? '')));
  }

  // ── Cell edits ───────────────────────────────────────────────────────────

  private async editCell(gen: number, r: number, c: number, value: string): Promise<boolean> {
    let data = this.data;
    if (!this.trusted) {
      this.notice('warning', 'Restricted mode: the data is read-only in an untrusted workspace.');
      return false;
    }
    if (data?.kind === 'preview') {
      this.notice('info', `${this.table.file} is still being opened for editing; try again in a moment.`);
      return false;
    }
    if (!data || data.kind !== 'document') {
      this.notice('warning', this.table.readOnlyReason ?? 'The data is read-only.');
      return false;
    }
    if (r >= data.table.nrows || c >= data.table.columns.length) return false;
    if (data.doc.isClosed) {
      // VS Code let the document go (its tab was closed): take it again; the cell check below catches any change.
      data.doc = await vscode.workspace.openTextDocument(data.uri);
      data.version = data.doc.version;
    }
    const stale = () => {
      this.notice('warning', `${this.table.file} changed while you were editing; the edit was not applied. Try again.`);
      return false;
    };
    // A (row, column) of an earlier read still names the same cell when the rows and columns are the same.
    if (gen !== this.gen && this.shapes.get(gen) !== this.shapes.get(this.gen)) return stale();
    if (data.doc.version !== data.version) {
      // Changed since the last read (e.g. an undo a moment ago, not re-read yet): read it now. If it
      // still has the same rows and columns, the webview's (row, column) still names the same cell.
      const before = data.table;
      clearTimeout(this.reloadTimer);
      this.gen++;
      this.viewId++;
      this.stats = undefined;
      this.issuesKey = '';
      this.useDocument(data.doc, data.sizeBytes);
      const now = this.data;
      if (now?.kind !== 'document' || shapeOf(now.table) !== shapeOf(before)) return stale();
      data = now;
    }
    const doc = data.doc;
    const loc = cellLocation(data.table, r, c);
    const start = new vscode.Position(loc.line - 1, loc.column - 1);
    const startOffset = doc.offsetAt(start);
    // The raw field: an unquoted one ends on its line; a quoted one may span lines.
    const lineRest = doc.lineAt(start.line).text.slice(start.character);
    const window = lineRest.startsWith('"') ? doc.getText(new vscode.Range(start, doc.positionAt(startOffset + 2 * value.length + 1_000_000))) : lineRest;
    const len = rawFieldLength(window, 0, data.source.delimiter);
    const raw = window.slice(0, len);
    if (unquoteField(raw) !== data.table.cells[c][r]) {
      this.deps.log(`spec editor: cell (${r + 1}, ${c + 1}) is not where the table says; re-reading ${this.table.file}`);
      this.scheduleReload(doc);
      this.notice('warning', `${this.table.file} changed while you were editing; the edit was not applied. Try again.`);
      return false;
    }
    const content = quoteCell(value, data.source.delimiter);
    if (content === raw) return true;
    const range = new vscode.Range(start, doc.positionAt(startOffset + len));
    // The tab first: an editor opened on an already-dirty model shows no dirty mark in the web
    // workbench (its tab is drawn before the model is wired), so open it on the clean model.
    await this.ensureTab(data.uri);
    if (doc.version !== data.version) return false;
    const we = new vscode.WorkspaceEdit();
    we.replace(data.uri, range, content);
    const ok = await vscode.workspace.applyEdit(we);
    if (!ok) {
      this.notice('error', `Could not edit ${this.table.file}.`);
      return false;
    }
    this.pushHistory('data');
    this.deps.log(`edited ${this.table.file} row ${r + 1}, column ${data.table.columns[c]}: document dirty=${doc.isDirty} version=${doc.version}, tab dirty=${this.findTab(data.uri)?.isDirty}`);
    return true;
  }

  /** A data file the grid edited gets a (background) tab, so its dirty state, save and revert are visible as for any file. */
  private async ensureTab(uri: vscode.Uri): Promise<void> {
    if (this.findTab(uri)) return;
    await vscode.commands.executeCommand('vscode.open', uri, {
      preview: false, preserveFocus: true, viewColumn: this.panel.viewColumn,
      // Opens the tab without activating it (TextEditorOpenOptions.inactive in the workbench).
      background: true,
    });
  }

  private findTab(uri: vscode.Uri): vscode.Tab | undefined {
    for (const g of vscode.window.tabGroups.all) {
      for (const t of g.tabs) if (t.input instanceof vscode.TabInputText && t.input.uri.toString() === uri.toString()) return t;
    }
    return undefined;
  }

  /**
   * Ctrl+Z / Ctrl+Y in the grid: undoes or redoes the grid's last change in the document it
   * changed, with VS Code's own undo stack (so a data file goes back to "not dirty").
   */
  private async undoRedo(kind: 'undo' | 'redo'): Promise<boolean> {
    const from = kind === 'undo' ? this.history : this.redoStack;
    const to = kind === 'undo' ? this.redoStack : this.history;
    const target = from.pop() ?? 'spec';
    const data = this.data;
    if (target === 'data' && data?.kind === 'document') {
      const tab = this.findTab(data.uri);
      const column = tab?.group.viewColumn ?? this.panel.viewColumn ?? vscode.ViewColumn.Active;
      const specColumn = this.panel.viewColumn;
      await vscode.window.showTextDocument(data.doc, { viewColumn: column, preserveFocus: false, preview: false });
      await vscode.commands.executeCommand(kind);
      this.panel.reveal(specColumn, false);
    } else {
      if (!this.panel.active) this.panel.reveal(this.panel.viewColumn, false);
      await vscode.commands.executeCommand(kind);
    }
    to.push(target);
    return true;
  }

  private async openText(target: 'spec' | 'data', line: number | null, column: number | null): Promise<boolean> {
    let doc: vscode.TextDocument;
    if (target === 'spec') doc = this.specDoc;
    else {
      const data = this.data;
      if (data?.kind === 'filesystem') {
        this.notice('warning', `${this.table.file} is too large for a text editor.`);
        return false;
      }
      const resolved = this.resolveData();
      if ('error' in resolved) return false;
      doc = data?.kind === 'document' ? data.doc : await vscode.workspace.openTextDocument(resolved.uri);
    }
    const pos = line !== null ? new vscode.Position(line - 1, (column ?? 1) - 1) : undefined;
    await vscode.window.showTextDocument(doc, {
      viewColumn: vscode.ViewColumn.Beside,
      preview: false,
      selection: pos ? new vscode.Range(pos, pos) : undefined,
    });
    return true;
  }
}

/**
 * Reads a file in one (or a few) large reads into one buffer. `fs.readFile` reads 512 KiB at a
 * time, each a round trip through a busy extension host's event loop: seconds for 90 MB.
 */
async function readWholeFile(file: string, size: number): Promise<Uint8Array> {
  const fh = await fs.open(file, 'r');
  try {
    const buf = Buffer.allocUnsafe(size);
    let off = 0;
    while (off < size) {
      const { bytesRead } = await fh.read(buf, off, size - off, off);
      if (bytesRead === 0) break;
      off += bytesRead;
    }
    return off === size ? buf : buf.subarray(0, off);
  } finally {
    await fh.close();
  }
}

function shapeOf(t: Table): string {
  return `${t.nrows}|${t.columns.join('\u0001')}`;
}
