/**
 * One open spec editor: the webview panel, the spec's TextDocument and the linked CSV. This class
 * routes; each job has its own part:
 *
 * - dataFile.ts: finding, reading, watching and re-reading the CSV (the data source);
 * - gridView.ts: the grid's view of it (sort, filter, pages of rows, summaries, invalid cells, chart data);
 * - specValidation.ts: the engine's problems for the spec as it is now;
 * - editHistory.ts: which document each change went to, for the grid's Ctrl+Z / Ctrl+Y;
 * - cellEdit.ts, specEdits.ts: a cell edit of the CSV document, a minimal edit of the spec text.
 *
 * The spec document is the single source of truth for the model; the form's and the headers'
 * changes are minimal `WorkspaceEdit`s on it (undo, save, dirty state, hot exit from VS Code).
 * Every message from the webview is validated (src/protocol.ts) before anything happens.
 */
import * as path from 'path';
import * as vscode from 'vscode';
import { modelColumns, termColumnName } from '../../core/spec/roles';
import {
  describeMessage, PROTOCOL_VERSION, validateEditorToHost,
  type ColumnStats, type EditorProblem, type EditorToHost, type HostToEditor, type IssuesMessage,
  type SpecFormState, type TableMessage,
} from '../../protocol';
import { WEBVIEW_DIR } from '../webviewHtml';
import { workspaceRootOf } from '../workspaceFiles';
import { editCell } from './cellEdit';
import { DataFile } from './dataFile';
import { EditHistory } from './editHistory';
import { GridView } from './gridView';
import { setField, setRole, setTransform, minimalEdit } from './specEdits';
import { specFormState } from './specState';
import { SpecValidation } from './specValidation';

export { editorLimits } from './dataFile';

export interface SessionDeps {
  extensionUri: vscode.Uri;
  fit(uri: vscode.Uri): Thenable<unknown>;
  /** "Compare models" (the comparison command). */
  compare(uri: vscode.Uri): Thenable<unknown>;
  log(message: string): void;
}

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
const READ_ONLY_DATA = 'Restricted mode: the data is read-only in an untrusted workspace.';

export class EditorSession implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  private disposed = false;
  private ready = false;
  private form: SpecFormState;
  private problems: EditorProblem[] = [];
  private rejected = 0;

  private readonly file: DataFile;
  private readonly grid: GridView;
  private readonly validation: SpecValidation;
  private readonly history: EditHistory;

  constructor(
    readonly panel: vscode.WebviewPanel,
    readonly specDoc: vscode.TextDocument,
    private readonly deps: SessionDeps,
  ) {
    this.form = specFormState(specDoc.getText());
    this.file = new DataFile({
      specUri: specDoc.uri,
      dataPath: () => this.form.data,
      syntaxError: () => this.form.syntaxError,
      rootDir: () => this.rootDir(),
      log: (m) => deps.log(m),
      tableChanged: () => this.postTable(),
      newGeneration: (fresh) => this.grid.reset(fresh),
      loaded: () => {
        this.validation.schedule(0);
        this.grid.afterLoad();
      },
      failed: () => {
        this.grid.refreshModelColumns();
        this.validation.schedule(0);
      },
      firstRowsServed: (ms) => this.grid.firstRowsServed(ms),
    });
    this.grid = new GridView({
      source: () => this.file.data?.source,
      gen: () => this.file.gen,
      isStale: (gen) => this.file.isStale(gen),
      post: (m) => this.post(m),
      ready: () => this.ready,
      modelColumnNames: () => modelColumns(this.form, this.file.data?.source.columns),
      raggedRows: (n) => {
        if (this.file.data?.kind !== 'filesystem') return;
        this.file.addTableProblem({ severity: 'warning', where: 'data', fileName: this.file.table.file ?? '', message: `${n} row${n === 1 ? ' has' : 's have'} a different number of fields than the header (shown padded or cut).` });
      },
    });
    this.validation = new SpecValidation({
      specDoc,
      rootDir: () => this.rootDir(),
      data: () => this.file.data,
      table: () => this.file.table,
      trusted: () => this.trusted,
      problemsChanged: (problems) => {
        this.problems = problems;
        this.postSpec();
      },
    });
    this.history = new EditHistory(panel);
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
        const data = this.file.data;
        if (e.document.uri.toString() === this.specDoc.uri.toString()) {
          if (e.contentChanges.length) this.onSpecChanged();
        } else if (data?.kind === 'document' && e.document.uri.toString() === data.uri.toString() && e.contentChanges.length) {
          this.file.scheduleReread(e.document);
        }
      }),
      vscode.workspace.onDidSaveTextDocument((d) => {
        if (this.file.data && d.uri.toString() === this.file.data.uri.toString()) this.validation.schedule();
      }),
      vscode.workspace.onDidGrantWorkspaceTrust(() => {
        this.postSpec();
        this.postTable();
        this.validation.schedule(0);
      }),
    );
    this.panel.onDidDispose(() => this.dispose());
    void this.file.load(); // validates when the data is there
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.disposables.forEach((d) => d.dispose());
    this.file.dispose();
    this.validation.dispose();
  }

  snapshot(): SessionSnapshot {
    return {
      specUri: this.specUri.toString(),
      ready: this.ready,
      table: this.file.table,
      viewRows: this.grid.viewRows(),
      form: this.form,
      problems: this.problems,
      issues: this.grid.issues,
      stats: this.grid.stats,
      rowsServed: this.grid.rowsServed,
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
      return await this.handle(m);
    } catch (err) {
      this.deps.log(`spec editor: ${m.type} failed: ${err instanceof Error ? err.stack ?? err.message : String(err)}`);
      this.notice('error', `SAR Studio: ${err instanceof Error ? err.message : String(err)}`);
      return false;
    }
  }

  private async handle(m: EditorToHost): Promise<boolean> {
    const columns = this.file.table.columns;
    switch (m.type) {
      case 'ready':
        this.ready = true;
        this.postSpec();
        this.postTable();
        this.grid.replay();
        return true;
      case 'requestRows':
        return this.grid.sendRows(m.gen, m.viewId, m.start, m.count);
      case 'setView':
        if (m.gen !== this.file.gen) return false;
        await this.grid.setView(m.sort, m.filter);
        return true;
      case 'chartData':
        return this.grid.chartData(m.gen, m.kind, m.columns);
      case 'editCell':
        return this.editCell(m.gen, m.row, m.column, m.value);
      case 'setRole':
        return this.applySpecResult(setRole(this.specDoc.getText(), m.column, m.role, columns));
      case 'setField':
        return this.applySpecResult(setField(this.specDoc.getText(), m.field, m.value, columns));
      case 'setTransform':
        return this.applySpecResult(setTransform(this.specDoc.getText(), m.column, m.transform, columns));
      case 'fit':
        if (!this.trusted) {
          this.notice('warning', 'Restricted mode: SAR Studio does not fit models in an untrusted workspace.');
          return false;
        }
        void this.deps.fit(this.specUri);
        return true;
      case 'compare':
        if (!this.trusted) {
          this.notice('warning', 'Restricted mode: SAR Studio does not fit models in an untrusted workspace.');
          return false;
        }
        void this.deps.compare(this.specUri);
        return true;
      case 'undo':
      case 'redo':
        return this.history.step(m.type, this.file.data?.kind === 'document' ? this.file.data.doc : undefined);
      case 'locateRow':
        return this.grid.locate(m.gen, m.row, m.column);
      case 'openText':
        return this.openText(m.target, m.line, m.column);
      case 'log':
        this.deps.log(`spec editor webview [${m.level}]: ${m.message}`);
        return true;
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
    if (before.data !== this.form.data) void this.file.load();
    else this.grid.refreshModelColumns();
    this.validation.schedule();
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
    const edit = minimalEdit(this.specDoc.getText(), result.text);
    if (!edit) return true;
    const we = new vscode.WorkspaceEdit();
    we.replace(this.specUri, new vscode.Range(this.specDoc.positionAt(edit.offset), this.specDoc.positionAt(edit.offset + edit.length)), edit.content);
    const ok = await vscode.workspace.applyEdit(we);
    if (ok) this.history.push('spec');
    return ok;
  }

  /** Workspace root the spec may read from: its workspace folder, else its own folder. */
  private rootDir(): string {
    return workspaceRootOf(this.specUri) ?? path.dirname(this.specUri.fsPath);
  }

  // ── The data ─────────────────────────────────────────────────────────────

  private postTable(): void {
    const t = this.file.table;
    const readOnly = t.readOnly || !this.trusted;
    const readOnlyReason = !this.trusted && !t.readOnly ? READ_ONLY_DATA : t.readOnlyReason;
    this.post({ ...t, readOnly, readOnlyReason });
  }

  private async editCell(gen: number, r: number, c: number, value: string): Promise<boolean> {
    if (!this.trusted) {
      this.notice('warning', READ_ONLY_DATA);
      return false;
    }
    const outcome = await editCell(this.file, gen, r, c, value, {
      notice: (level, message) => this.notice(level, message),
      log: (message) => this.deps.log(message),
      viewColumn: this.panel.viewColumn,
    });
    if (outcome === 'edited') this.history.push('data');
    return outcome !== 'refused';
  }

  /**
   * Brings this editor to the front with the grid on file row `row` (0-based), in the dependent's
   * column (e.g. an observation picked on the results panel's map). False when the grid has no
   * such row to show.
   */
  revealRow(row: number): boolean {
    const src = this.file.data?.source;
    if (this.disposed || !this.ready || !src || row >= src.nrows) return false;
    this.panel.reveal(this.panel.viewColumn, false);
    const dependent = this.form.dependent !== undefined ? termColumnName(this.form.dependent, src.columns) : '';
    return this.grid.locate(this.file.gen, row, Math.max(0, src.columns.indexOf(dependent)));
  }

  private async openText(target: 'spec' | 'data', line: number | null, column: number | null): Promise<boolean> {
    let doc: vscode.TextDocument;
    if (target === 'spec') doc = this.specDoc;
    else {
      const data = this.file.data;
      if (data?.kind === 'filesystem') {
        this.notice('warning', `${this.file.table.file} is too large for a text editor.`);
        return false;
      }
      const resolved = this.file.resolve();
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
