/**
 * The spec editor's data source: the CSV the spec names, found, read, watched and re-read.
 *
 * - A file VS Code can hold (≤ 50 MB) is read from the disk for the first paint, then becomes
 *   editable when its TextDocument arrives; every edit goes through that document.
 * - A larger file is indexed by row through the file system, read-only.
 * - Every (re)read bumps the generation `gen`; requests from the webview carry it, so answers for
 *   an older read are ignored (`shapeOf` tells when an older (row, column) still names the same cell).
 */
import { promises as fs } from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { parseCsv } from '../../core/io/csv';
import { isInsideReal } from '../../core/io/paths';
import { decodeText } from '../../core/io/readFile';
import type { Table } from '../../core/io/table';
import { ProblemError } from '../../core/problems';
import type { EditorProblem, TableMessage } from '../../protocol';
import { CsvIndexError, indexCsv } from './data/csvIndex';
import { IndexedSource, TableSource } from './data/source';
import { editorProblems } from './specState';

/** Limits, adjustable by the integration tests (test hooks). */
export const editorLimits = {
  /** Files above this open read-only through the file system (VS Code syncs documents up to 50 MB to extensions). */
  documentBytes: 50 * 1024 * 1024,
  /** Largest file the grid reads at all (V8's string limit is ~512 MiB; the engine's limit). */
  maxBytes: 500 * 1024 * 1024,
};

export interface DocumentData {
  kind: 'document';
  uri: vscode.Uri;
  doc: vscode.TextDocument;
  version: number;
  table: Table;
  source: TableSource;
  sizeBytes: number;
}
/** Read from the disk for the first paint, while the TextDocument (editable) is being opened. */
export interface PreviewData {
  kind: 'preview';
  uri: vscode.Uri;
  table: Table;
  source: TableSource;
  sizeBytes: number;
}
export interface FileData {
  kind: 'filesystem';
  uri: vscode.Uri;
  source: IndexedSource;
  sizeBytes: number;
}
export type LoadedData = DocumentData | PreviewData | FileData;

export interface DataFileHost {
  readonly specUri: vscode.Uri;
  /** The spec's `data` as written, and its syntax error if any. */
  dataPath(): string | undefined;
  syntaxError(): string | undefined;
  /** The folder the spec may read from. */
  rootDir(): string;
  log(message: string): void;
  /** The table message changed: send it. */
  tableChanged(): void;
  /** A new generation is being read (`fresh`: a different file or a first read, not a re-read of the same document). */
  newGeneration(fresh: boolean): void;
  /** Generation `gen` is ready to show. */
  loaded(gen: number): void;
  /** Nothing to show (no file, an error): the spec is still to be validated. */
  failed(): void;
  /** Resolves once the first page of rows was painted (or after `timeoutMs`). */
  firstRowsServed(timeoutMs: number): Promise<void>;
}

const base = (p: string) => path.basename(p);
const EMPTY_TABLE: TableMessage = { type: 'table', gen: 0, status: 'none', columns: [], nrows: 0, delimiter: ',', readOnly: true, problems: [] };

export class DataFile implements vscode.Disposable {
  /** Bumped on every (re)load of the data; requests from the webview carry it. */
  gen = 0;
  data?: LoadedData;
  table: TableMessage = EMPTY_TABLE;
  private disposed = false;
  private reloadTimer?: ReturnType<typeof setTimeout>;
  /** Watches the data file on disk (a text document follows the disk by itself; the other states do not). */
  private watcher?: vscode.Disposable;
  private watchedKey?: string;
  /** Rows and columns of each recent read of the data, by generation. */
  private readonly shapes = new Map<number, string>();

  constructor(private readonly host: DataFileHost) {}

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.reloadTimer);
    this.watcher?.dispose();
    this.data = undefined;
  }

  isStale(gen: number): boolean {
    return this.disposed || gen !== this.gen;
  }

  /** The rows and columns generation `gen` had (undefined when too old). */
  shapeOf(gen: number): string | undefined {
    return this.shapes.get(gen);
  }

  /** A problem found while scanning the data (e.g. ragged rows of a large file), shown with the table. */
  addTableProblem(p: EditorProblem): void {
    this.table = { ...this.table, problems: [p] };
    this.host.tableChanged();
  }

  private setTable(t: Omit<TableMessage, 'type' | 'gen'>): void {
    this.table = { type: 'table', gen: this.gen, ...t };
    if (t.status === 'ready') {
      this.shapes.set(this.gen, `${t.nrows}|${t.columns.join('\u0001')}`);
      for (const g of this.shapes.keys()) if (g < this.gen - 16) this.shapes.delete(g);
    }
    this.host.tableChanged();
  }

  /** The data file the spec names, or why it cannot be read. */
  resolve(): { uri: vscode.Uri } | { error: string } {
    const rel = this.host.dataPath();
    const specUri = this.host.specUri;
    const syntaxError = this.host.syntaxError();
    if (!rel) return { error: syntaxError ? `${syntaxError} The data file is shown once the spec is valid JSON.` : 'The spec names no data file: set "data" to a CSV path.' };
    const uri = path.isAbsolute(rel) && specUri.scheme === 'file'
      ? vscode.Uri.file(rel)
      : vscode.Uri.joinPath(specUri, '..', ...rel.split(/[\\/]+/));
    if (!isInsideReal(this.host.rootDir(), uri.fsPath)) {
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
   * The bytes are decoded as the engine decodes them (UTF-8, or UTF-16 with or without a BOM).
   */
  async load(): Promise<void> {
    const gen = ++this.gen;
    const t0 = performance.now();
    this.data = undefined;
    this.host.newGeneration(true);
    const resolved = this.resolve();
    const file = this.host.dataPath();
    const empty = { columns: [], nrows: 0, delimiter: ',', readOnly: true, problems: [] as EditorProblem[], file };
    const fail = (error: string, problems: EditorProblem[] = []) => {
      this.setTable({ ...empty, status: file ? 'error' : 'none', error, problems });
      this.host.failed();
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
        const text = decodeText(Buffer.from(await readWholeFile(uri.fsPath, size)), base(uri.fsPath));
        if (gen !== this.gen) return;
        const table = parseCsv(text, base(uri.fsPath));
        this.data = { kind: 'preview', uri, table, source: new TableSource(table), sizeBytes: size };
        this.setTable({
          status: 'ready', file, columns: [...table.columns], nrows: table.nrows, delimiter: table.delimiter ?? ',', via: 'document',
          readOnly: true, readOnlyReason: `opening ${file} for editing…`, sizeBytes: size, loadMs: Math.round(performance.now() - t0), problems: [],
        });
        this.host.log(`${file}: read and parsed ${size} bytes in ${Math.round(performance.now() - t0)} ms`);
        this.host.loaded(gen);
        // Let the first screen paint before VS Code loads the document (which keeps the UI busy).
        await this.host.firstRowsServed(2000);
        if (gen !== this.gen) return;
        const doc = await vscode.workspace.openTextDocument(uri);
        if (gen !== this.gen || this.data?.kind !== 'preview') return;
        this.host.log(`${file}: text document ready after ${Math.round(performance.now() - t0)} ms`);
        if (doc.getText() === text) {
          // Same text: the table stands, now editable through the document.
          this.data = { kind: 'document', uri, doc, version: doc.version, table, source: this.data.source, sizeBytes: size };
          this.table = { ...this.table, readOnly: false, readOnlyReason: undefined };
          this.host.tableChanged();
        } else {
          this.reread(doc);
        }
      } else {
        const bytes = onDisk ? await readWholeFile(uri.fsPath, size) : await vscode.workspace.fs.readFile(uri);
        if (gen !== this.gen) return;
        const tRead = performance.now();
        const index = indexCsv(bytes);
        this.host.log(`${file}: read ${size} bytes in ${Math.round(tRead - t0)} ms, indexed ${index.nrows} rows in ${Math.round(performance.now() - tRead)} ms`);
        this.data = { kind: 'filesystem', uri, source: new IndexedSource(index), sizeBytes: size };
        this.setTable({
          status: 'ready', file, columns: [...index.columns], nrows: index.nrows, delimiter: index.delimiter, via: 'filesystem',
          readOnly: true,
          readOnlyReason: `${file} is ${(size / 1e6).toFixed(0)} MB: above VS Code's 50 MB limit for text documents, so it is read through the file system and cannot be edited here.`,
          sizeBytes: size, loadMs: Math.round(performance.now() - t0), problems: [],
        });
        this.host.loaded(gen);
      }
    } catch (err) {
      if (gen !== this.gen) return;
      const problems = err instanceof ProblemError ? err.problems : [];
      if (problems.length) {
        this.data = undefined;
        return fail(`${file} cannot be read as a table: ${problems.length} problem${problems.length === 1 ? '' : 's'}. Fix them in the text (click one to go there).`,
          editorProblems(problems, this.host.specUri.fsPath, '', uri.fsPath, base));
      }
      fail(err instanceof CsvIndexError ? `${file}: ${err.message}` : `Cannot read "${file}": ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  /** The document changed: read it again shortly (typing in its text editor arrives as many changes). */
  scheduleReread(doc: vscode.TextDocument): void {
    clearTimeout(this.reloadTimer);
    const delay = doc.getText().length > 2_000_000 ? 400 : 40;
    this.reloadTimer = setTimeout(() => {
      if (this.disposed || this.data?.kind !== 'document' || this.data.uri.toString() !== doc.uri.toString()) return;
      this.reread(doc);
    }, delay);
  }

  /** Reads the data document again now, as a new generation. */
  reread(doc: vscode.TextDocument): void {
    clearTimeout(this.reloadTimer);
    this.gen++;
    this.host.newGeneration(false);
    this.useDocument(doc, this.data?.sizeBytes ?? doc.getText().length);
  }

  /** Parses the data document and shows it. */
  private useDocument(doc: vscode.TextDocument, size: number, t0 = performance.now()): void {
    const file = this.host.dataPath();
    const gen = this.gen;
    const uri = doc.uri;
    try {
      const table = parseCsv(doc.getText(), base(uri.fsPath));
      this.data = { kind: 'document', uri, doc, version: doc.version, table, source: new TableSource(table), sizeBytes: size };
      this.setTable({
        status: 'ready', file, columns: [...table.columns], nrows: table.nrows, delimiter: table.delimiter ?? ',', via: 'document',
        readOnly: false, sizeBytes: size, loadMs: Math.round(performance.now() - t0), problems: [],
      });
      this.host.loaded(gen);
    } catch (err) {
      if (!(err instanceof ProblemError)) throw err;
      this.data = undefined;
      this.setTable({
        status: 'error', file, columns: [], nrows: 0, delimiter: ',', readOnly: true,
        error: `${file} cannot be read as a table: ${err.problems.length} problem${err.problems.length === 1 ? '' : 's'}. Fix them in the text (click one to go there).`,
        problems: editorProblems(err.problems, this.host.specUri.fsPath, '', uri.fsPath, base),
      });
      this.host.failed();
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
      this.reloadTimer = setTimeout(() => void this.load(), 300);
    };
    this.watcher = vscode.Disposable.from(w, w.onDidChange(changed), w.onDidCreate(changed), w.onDidDelete(changed));
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

export function shapeOfTable(t: Table): string {
  return `${t.nrows}|${t.columns.join('\u0001')}`;
}
