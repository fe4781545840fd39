/**
 * The grid's view state on the host: which file rows it shows in which order (sort and filter as
 * an index array; the file is never reordered), the pages of rows it asks for, the column
 * summaries of the rows in view, the invalid cells of the model columns and the numbers behind
 * its charts. Whole-column passes run in chunks (data/scans.ts) and are dropped when the data
 * is re-read (a new generation) or the view changes.
 */
import { MAX_CHART_POINTS, MAX_LISTED_ISSUES, type ChartKind, type ColumnStats, type FilterSpec, type HostToEditor, type IssuesMessage, type SortSpec } from '../../protocol';
import { cellProblem } from './data/cells';
import { buildView, chartValues, columnStats, invalidCells } from './data/scans';
import { ScanCancelled, yieldToEventLoop, type DataSource } from './data/source';

export interface GridViewHost {
  /** The data as read now (undefined while there is none). */
  source(): DataSource | undefined;
  gen(): number;
  isStale(gen: number): boolean;
  post(m: HostToEditor): void;
  /** Whether the webview said `ready` (rows are sent only then). */
  ready(): boolean;
  /** The columns the model reads as numbers (their cells are checked). */
  modelColumnNames(): string[];
  /** Ragged rows were found while summarising a large file. */
  raggedRows(count: number): void;
}

/** Rows sent with every new view (the grid's page size, webview/editor/grid.ts). */
const FIRST_PAGE_ROWS = 200;

export class GridView {
  viewId = 0;
  private view: Int32Array | null = null;
  sort: SortSpec | null = null;
  filter: FilterSpec | null = null;
  stats?: (ColumnStats | null)[];
  /** The view the summaries describe (viewId), so a new filter summarises again. */
  private statsKey = '';
  issues?: IssuesMessage;
  private issuesKey = '';
  private modelCols: number[] = [];
  rowsServed = 0;
  private onRowsServed?: () => void;

  constructor(private readonly host: GridViewHost) {}

  /** A new generation of the data: nothing computed for the old one is valid (`fresh`: drop the listed issues too). */
  reset(fresh: boolean): void {
    this.viewId++;
    this.view = null;
    this.stats = undefined;
    this.statsKey = '';
    this.issuesKey = '';
    if (fresh) this.issues = undefined;
  }

  /** After a (re)load: the view, then summaries and invalid cells in the background. */
  afterLoad(): void {
    this.view = null;
    if (this.sort || this.filter) void this.rebuild();
    else {
      this.postView();
      void this.computeStats();
    }
    this.refreshModelColumns();
  }

  /** What the webview is told again when it (re)loads. */
  replay(): void {
    this.postView();
    if (this.stats) this.postStats(this.host.gen(), this.stats, true);
    if (this.issues) this.host.post(this.issues);
  }

  viewRows(): number {
    return this.view ? this.view.length : this.host.source()?.nrows ?? 0;
  }

  async setView(sort: SortSpec | null, filter: FilterSpec | null): Promise<void> {
    this.sort = sort;
    this.filter = filter;
    await this.rebuild();
  }

  private async rebuild(): Promise<void> {
    const src = this.host.source();
    const gen = this.host.gen();
    if (!src) return;
    try {
      const view = await buildView(src, this.sort, this.filter, { yieldFn: yieldToEventLoop, isCancelled: () => this.host.isStale(gen) });
      if (this.host.isStale(gen)) return;
      this.view = view;
      this.viewId++;
      this.postView();
      void this.computeStats();
    } catch (err) {
      if (!(err instanceof ScanCancelled)) throw err;
    }
  }

  private postView(): void {
    const gen = this.host.gen();
    this.host.post({ type: 'view', gen, viewId: this.viewId, nrows: this.viewRows(), sort: this.sort, filter: this.filter });
    // The first screen's rows right away, without waiting for the webview to ask (one round trip less).
    if (this.host.ready() && this.host.source()) this.sendRows(gen, this.viewId, 0, FIRST_PAGE_ROWS);
  }

  sendRows(gen: number, viewId: number, start: number, count: number): boolean {
    const src = this.host.source();
    if (!src || gen !== this.host.gen() || viewId !== this.viewId) return false;
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
    this.host.post({ type: 'rows', gen, viewId, start, rows, fileRows, invalid });
    this.onRowsServed?.();
    return true;
  }

  /** Where file row `row` is in the view (-1: filtered out); the webview moves there. */
  locate(gen: number, row: number, column: number): boolean {
    const src = this.host.source();
    if (gen !== this.host.gen() || !src) return false;
    const viewIndex = this.view ? this.view.indexOf(row) : row < src.nrows ? row : -1;
    this.host.post({ type: 'located', gen, viewId: this.viewId, row, column, viewIndex });
    return true;
  }

  /** Resolves once a page of rows has been sent to the webview (or after `timeoutMs`). */
  firstRowsServed(timeoutMs: number): Promise<void> {
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

  private postStats(gen: number, stats: (ColumnStats | null)[], done: boolean): void {
    this.host.post({ type: 'stats', gen, stats, done, rows: this.viewRows(), filtered: !!this.filter && !!this.view });
  }

  /** Summaries of the rows in view: every row, or the filter's rows (the summary says which). */
  private async computeStats(): Promise<void> {
    const src = this.host.source();
    const gen = this.host.gen();
    if (!src) return;
    const rows = this.filter ? this.view : null;
    const key = `${gen}|${rows ? this.viewId : 'all'}`;
    if (key === this.statsKey && this.stats) {
      this.postStats(gen, this.stats, true);
      return;
    }
    this.statsKey = key;
    let lastPost = performance.now();
    let ragged = 0;
    src.onRagged = () => {
      ragged++;
    };
    const stale = () => this.host.isStale(gen) || this.statsKey !== key;
    try {
      const stats = await columnStats(src, { yieldFn: yieldToEventLoop, isCancelled: stale }, (partial) => {
        if (performance.now() - lastPost > 500) {
          lastPost = performance.now();
          this.postStats(gen, partial, false);
        }
      }, rows);
      if (stale()) return;
      this.stats = stats;
      this.postStats(gen, stats, true);
      if (ragged > 0 && !rows) this.host.raggedRows(ragged);
    } catch (err) {
      if (!(err instanceof ScanCancelled)) throw err;
    } finally {
      src.onRagged = undefined;
    }
  }

  /** The model's columns changed (or the data did): re-check their cells. */
  refreshModelColumns(): void {
    const src = this.host.source();
    if (!src) {
      this.modelCols = [];
      return;
    }
    this.modelCols = this.host.modelColumnNames().map((n) => src.columns.indexOf(n)).filter((c) => c >= 0);
    const gen = this.host.gen();
    const key = `${gen}|${this.modelCols.join(',')}`;
    if (key === this.issuesKey) return;
    this.issuesKey = key;
    void this.computeIssues(gen, key);
  }

  private async computeIssues(gen: number, key: string): Promise<void> {
    const src = this.host.source();
    if (!src) return;
    const cols = [...this.modelCols];
    const stale = () => this.host.isStale(gen) || this.issuesKey !== key;
    try {
      const scan = await invalidCells(src, cols, MAX_LISTED_ISSUES, { yieldFn: yieldToEventLoop, isCancelled: stale });
      if (stale()) return;
      this.issues = { type: 'issues', gen, total: scan.total, items: scan.items, columns: cols.map((c) => src.columns[c]) };
      this.host.post(this.issues);
    } catch (err) {
      if (!(err instanceof ScanCancelled)) throw err;
    }
  }

  /** The numbers behind a histogram (one column) or a scatter (two) of the rows in view. */
  async chartData(gen: number, kind: ChartKind, columns: number[]): Promise<boolean> {
    const src = this.host.source();
    if (!src || gen !== this.host.gen() || columns.some((c) => c >= src.columns.length)) return false;
    const viewId = this.viewId;
    const stale = () => this.host.isStale(gen) || this.viewId !== viewId;
    try {
      const out = await chartValues(src, columns, this.view, MAX_CHART_POINTS, { yieldFn: yieldToEventLoop, isCancelled: stale });
      if (stale()) return false;
      this.host.post({ type: 'chartData', gen, kind, columns, ...out, viewRows: this.viewRows(), filtered: !!this.filter && !!this.view });
      return true;
    } catch (err) {
      if (!(err instanceof ScanCancelled)) throw err;
      return false;
    }
  }
}
