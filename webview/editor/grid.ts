/**
 * The data grid: a virtualised, keyboard-driven spreadsheet view of the linked CSV.
 *
 * - Only the rows (and columns) in view are in the DOM, in a pool of recycled row elements, all of
 *   a fixed height; rows arrive from the host in pages the grid asks for as it scrolls.
 * - Above 15,000,000 px of rows (≈ 680,000 rows) the scrollbar is scaled: its position maps to a
 *   fraction of the rows, so 1,000,000 rows or more stay within what browsers can lay out.
 * - Header cells show each column's role in the model (Y, X, x/y coordinates, id); clicking one,
 *   or Enter/Space on it, opens a menu to change the role, sort or filter.
 * - Keyboard: arrows (Shift extends the selection, Ctrl jumps to the edge), PageUp/PageDown,
 *   Home/End (Ctrl: first/last row), Enter or F2 edits, typing starts an edit, Escape cancels,
 *   Ctrl+C copies the selection as TSV, Ctrl+Z / Ctrl+Y undo and redo the grid's changes.
 */
import type { ChartKind, ColumnRole, ColumnStats, SortSpec, TermTransform } from '../../src/protocol';
import { el, formatCount, formatStat } from './format';

export const ROW_HEIGHT = 22;
const HEAD_HEIGHT = 30;
const SUMMARY_HEIGHT = 20;
const PAGE_ROWS = 200;
const MAX_PAGES = 120;
const OVERSCAN = 4;
/** Largest canvas height before the scrollbar is scaled. */
const MAX_CANVAS_PX = 15_000_000;
const SUMMARY_ROWS: { key: keyof ColumnStats; label: string }[] = [
  { key: 'count', label: 'count' },
  { key: 'missing', label: 'missing' },
  { key: 'mean', label: 'mean' },
  { key: 'sd', label: 'sd' },
  { key: 'min', label: 'min' },
  { key: 'max', label: 'max' },
];

interface Page {
  /** Unique per page object: a row element showing this page's data need not be filled again. */
  id: number;
  rows: string[][];
  fileRows: number[];
  /** Invalid cells: offset * ncols + column. */
  invalid: Set<number>;
}

export interface GridCallbacks {
  requestRows(start: number, count: number): void;
  editCell(fileRow: number, column: number, value: string): void;
  setRole(column: string, role: ColumnRole): void;
  setSort(sort: SortSpec | null): void;
  filterColumn(column: number): void;
  /** Use the column transformed in the model (log, sqrt, square, scale; 'none': as it is). */
  setTransform(column: string, transform: TermTransform): void;
  /** A histogram of the column, or a scatter of it (x) against another (y). */
  chart(kind: ChartKind, columns: number[]): void;
  undo(redo: boolean): void;
  /** The active cell or selection changed. */
  onSelection(): void;
  onScroll(): void;
  notice(message: string): void;
}

/** A transform the header menu offers, with the term it writes (e.g. `log(HOVAL)`). */
export interface TransformChoice {
  transform: TermTransform;
  label: string;
  /** The spec already uses the column this way. */
  current: boolean;
  disabledReason?: string;
}

export interface RoleChoice {
  role: ColumnRole;
  label: string;
  /** Why it cannot be chosen (the item is disabled). */
  disabledReason?: string;
}

const ROLE_BADGE: Record<ColumnRole, string> = { dependent: 'Y', regressor: 'X', coordX: 'x', coordY: 'y', id: 'id', none: '' };
const ROLE_NAME: Record<ColumnRole, string> = {
  dependent: 'dependent variable', regressor: 'regressor', coordX: 'x coordinate', coordY: 'y coordinate', id: 'id column', none: 'no role',
};

interface Cell {
  r: number;
  c: number;
}

export class Grid {
  readonly el: HTMLDivElement;
  private readonly canvas: HTMLDivElement;
  private readonly head: HTMLDivElement;
  private readonly body: HTMLDivElement;
  private readonly editor: HTMLInputElement;
  private menu?: HTMLDivElement;

  columns: string[] = [];
  private widths: number[] = [];
  private lefts: number[] = [];
  private totalWidth = 0;
  private rowHeaderWidth = 56;
  private widthsFromData = false;
  nrows = 0;
  private pages = new Map<number, Page>();
  /** Pages of the previous generation, shown until fresh ones arrive (no flicker after an edit). */
  private stale = new Map<number, Page>();
  private inflight = new Set<number>();
  private roles: ColumnRole[][] = [];
  private stats: (ColumnStats | null)[] = [];
  private numeric: boolean[] = [];
  private sort: SortSpec | null = null;
  private filtered = false;
  /** The summaries describe the filter's rows (`statsRows` of them), not every row. */
  private statsFiltered = false;
  private statsRows = 0;
  readOnly = true;
  readOnlyReason?: string;
  private summaryVisible = true;

  active: Cell = { r: 0, c: 0 };
  private anchor: Cell = { r: 0, c: 0 };
  private editing?: { r: number; c: number; fileRow: number; original: string };
  private readonly rowEls = new Map<number, HTMLDivElement>();
  private readonly pool: HTMLDivElement[] = [];
  private renderQueued = false;
  private colRange: [number, number] = [0, -1];
  private headKey = '';

  private pageIds = 0;
  /** Bumped when anything that changes how cells look (selection, roles, stats, columns) changes. */
  private look = 0;
  private lastTop = 0;
  private velocity = 0;

  /** Render timings for benchmarks (also mirrored to data-* attributes). */
  readonly perf = { renders: 0, totalMs: 0, maxMs: 0, firstDataPaint: 0 };

  constructor(private readonly cb: GridCallbacks) {
    this.el = el('div', { class: 'grid', id: 'grid', role: 'grid', tabindex: '0', 'aria-label': 'Data', 'aria-multiselectable': 'true' });
    this.canvas = el('div', { class: 'grid-canvas' });
    this.head = el('div', { class: 'grid-head', role: 'rowgroup' });
    this.body = el('div', { class: 'grid-body', role: 'rowgroup' });
    this.editor = el('input', { class: 'cell-editor', type: 'text', 'aria-label': 'Cell value', spellcheck: 'false', autocomplete: 'off' });
    this.editor.hidden = true;
    this.canvas.append(this.head, this.body, this.editor);
    this.el.append(this.canvas);

    this.el.addEventListener('scroll', () => {
      this.queueRender();
      this.cb.onScroll();
    }, { passive: true });
    this.el.addEventListener('keydown', (e) => this.onKey(e));
    this.el.addEventListener('mousedown', (e) => this.onMouseDown(e));
    this.el.addEventListener('dblclick', (e) => this.onDoubleClick(e));
    this.editor.addEventListener('keydown', (e) => this.onEditorKey(e));
    this.editor.addEventListener('blur', () => {
      if (this.editing) this.commitEdit();
    });
    new ResizeObserver(() => this.queueRender()).observe(this.el);
    document.addEventListener('copy', (e) => this.onCopy(e));
    document.addEventListener('mousedown', (e) => {
      if (this.menu && !this.menu.contains(e.target as Node)) this.closeMenu(false);
    });
  }

  // ── Data in ──────────────────────────────────────────────────────────────

  /** A new table (columns may have changed). */
  setColumns(columns: string[], readOnly: boolean): void {
    const changed = columns.length !== this.columns.length || columns.some((c, i) => c !== this.columns[i]);
    this.readOnly = readOnly;
    this.el.setAttribute('aria-readonly', String(readOnly));
    if (changed) {
      this.columns = columns;
      this.el.dataset.columns = JSON.stringify(columns);
      this.widthsFromData = false;
      this.stats = columns.map(() => null);
      this.numeric = columns.map(() => false);
      this.computeWidths();
      this.active = { r: Math.min(this.active.r, Math.max(0, this.nrows - 1)), c: Math.min(this.active.c, Math.max(0, columns.length - 1)) };
      this.anchor = { ...this.active };
    }
    this.el.setAttribute('aria-colcount', String(columns.length + 1));
    this.headKey = '';
    this.invalidate();
  }

  /** A new view (row count, sort, filter). `keepStale`: the same rows in the same order, re-read (after an edit). */
  setView(nrows: number, sort: SortSpec | null, filtered: boolean, keepStale: boolean): void {
    this.stale = keepStale ? new Map([...this.stale, ...this.pages]) : new Map();
    this.pages = new Map();
    this.inflight.clear();
    this.nrows = nrows;
    this.sort = sort;
    this.filtered = filtered;
    this.el.setAttribute('aria-rowcount', String(nrows + 1 + (this.summaryVisible ? SUMMARY_ROWS.length : 0)));
    this.rowHeaderWidth = Math.max(66, formatCount(nrows).length * 7.5 + 26);
    if (this.active.r >= nrows) this.active = { r: Math.max(0, nrows - 1), c: this.active.c };
    if (this.anchor.r >= nrows) this.anchor = { ...this.active };
    this.headKey = '';
    this.layoutCanvas();
    this.invalidate();
  }

  addPage(start: number, rows: string[][], fileRows: number[], invalid: number[]): void {
    const p = Math.floor(start / PAGE_ROWS);
    const ncols = this.columns.length;
    const bad = new Set<number>();
    for (let i = 0; i < invalid.length; i += 2) bad.add(invalid[i] * ncols + invalid[i + 1]);
    this.inflight.delete(p);
    this.pages.delete(p);
    this.pages.set(p, { id: ++this.pageIds, rows, fileRows, invalid: bad });
    this.stale.delete(p);
    while (this.pages.size > MAX_PAGES) this.pages.delete(this.pages.keys().next().value as number);
    if (!this.widthsFromData && rows.length > 0) {
      this.widthsFromData = true;
      this.computeWidths(rows.slice(0, 60));
      this.guessNumeric(rows.slice(0, 60));
      this.headKey = '';
      this.look++;
    }
    this.queueRender();
  }

  setRoles(roles: ColumnRole[][]): void {
    this.roles = roles;
    this.headKey = '';
    this.invalidate();
  }

  setStats(stats: (ColumnStats | null)[], done: boolean, rows: number, filtered: boolean): void {
    this.stats = stats;
    this.statsFiltered = filtered;
    this.statsRows = rows;
    this.el.dataset.statsDone = String(done);
    // Whether a column is numeric is judged on every row, not on a filter's few.
    if (!filtered) {
      stats.forEach((s, c) => {
        if (s) this.numeric[c] = s.count > 0 && s.count >= s.text;
      });
    }
    this.headKey = '';
    this.invalidate();
  }

  setSummaryVisible(b: boolean): void {
    this.summaryVisible = b;
    this.setView(this.nrows, this.sort, this.filtered, true);
  }

  /** Whether a column holds numbers (from its summary, else from the first rows). */
  isNumeric(c: number): boolean {
    return !!this.numeric[c];
  }

  columnStats(c: number): ColumnStats | null | undefined {
    return this.stats[c];
  }

  get summaryShown(): boolean {
    return this.summaryVisible;
  }

  /** The value shown in a cell (undefined: its page is not loaded). */
  cellValue(r: number, c: number): string | undefined {
    const page = this.pageOf(r);
    return page?.rows[r % PAGE_ROWS]?.[c];
  }

  fileRowOf(r: number): number | undefined {
    return this.pageOf(r)?.fileRows[r % PAGE_ROWS];
  }

  isInvalid(r: number, c: number): boolean {
    const page = this.pageOf(r);
    return !!page && page.invalid.has((r % PAGE_ROWS) * this.columns.length + c);
  }

  private pageOf(r: number): Page | undefined {
    const p = Math.floor(r / PAGE_ROWS);
    return this.pages.get(p) ?? this.stale.get(p);
  }

  private guessNumeric(rows: string[][]): void {
    // Digits before and after the point in separate groups: linear time on any cell (src/core/io/csv.ts DECIMAL_RE).
    const re = /^\s*[+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+)(?:[eE][+-]?\d+)?\s*$/;
    this.columns.forEach((_, c) => {
      if (this.stats[c]) return;
      let n = 0;
      for (const row of rows) if (re.test(row[c] ?? '')) n++;
      this.numeric[c] = n * 2 >= rows.length;
    });
  }

  private computeWidths(sample: string[][] = []): void {
    const ctx = document.createElement('canvas').getContext('2d');
    const style = getComputedStyle(this.el);
    const cellFont = `${style.getPropertyValue('--grid-font-size') || '12px'} ${style.getPropertyValue('--vscode-editor-font-family') || 'monospace'}`;
    const headFont = `600 12px ${style.getPropertyValue('--vscode-font-family') || 'sans-serif'}`;
    const measure = (text: string, font: string) => {
      if (!ctx) return text.length * 7.5;
      ctx.font = font;
      return ctx.measureText(text).width;
    };
    // Summary cells hold counts up to the number of rows and 6-digit numbers.
    const summaryWidth = Math.max(measure(formatCount(this.nrows), cellFont), measure('-0.000123456', cellFont)) + 16;
    this.widths = this.columns.map((name, c) => {
      let w = Math.max(measure(name, headFont) + 56, summaryWidth); // badge and sort mark
      for (const row of sample) w = Math.max(w, measure(row[c] ?? '', cellFont) + 20);
      return Math.round(Math.min(280, Math.max(72, w)));
    });
    this.lefts = [];
    let x = 0;
    for (const w of this.widths) {
      this.lefts.push(x);
      x += w;
    }
    this.totalWidth = x;
    this.layoutCanvas();
  }

  // ── Geometry ─────────────────────────────────────────────────────────────

  private headHeight(): number {
    return HEAD_HEIGHT + (this.summaryVisible ? SUMMARY_ROWS.length * SUMMARY_HEIGHT : 0);
  }

  private bodyHeight(): number {
    return Math.min(this.nrows * ROW_HEIGHT, MAX_CANVAS_PX);
  }

  private scaled(): boolean {
    return this.nrows * ROW_HEIGHT > MAX_CANVAS_PX;
  }

  private layoutCanvas(): void {
    this.canvas.style.height = `${this.headHeight() + this.bodyHeight()}px`;
    this.canvas.style.width = `${this.rowHeaderWidth + this.totalWidth}px`;
    this.el.style.setProperty('--row-header-width', `${this.rowHeaderWidth}px`);
  }

  private viewportRows(): number {
    return Math.max(1, (this.el.clientHeight - this.headHeight()) / ROW_HEIGHT);
  }

  /** The (fractional) view row at the top of the viewport. */
  private topRow(): number {
    const st = this.el.scrollTop;
    if (!this.scaled()) return st / ROW_HEIGHT;
    const maxScroll = this.headHeight() + this.bodyHeight() - this.el.clientHeight;
    const span = Math.max(0, this.nrows - this.viewportRows());
    return maxScroll > 0 ? (Math.min(st, maxScroll) / maxScroll) * span : 0;
  }

  /** scrollTop that puts view row `top` (fractional) at the top of the viewport. */
  private scrollTopFor(top: number): number {
    if (!this.scaled()) return top * ROW_HEIGHT;
    const maxScroll = this.headHeight() + this.bodyHeight() - this.el.clientHeight;
    const span = Math.max(1, this.nrows - this.viewportRows());
    return (Math.max(0, Math.min(top, span)) / span) * maxScroll;
  }

  /** y of row r within the canvas. */
  private rowY(r: number, top: number): number {
    return this.headHeight() + this.el.scrollTop + (r - top) * ROW_HEIGHT;
  }

  // ── Rendering ────────────────────────────────────────────────────────────

  /** Re-render with every visible row filled again (something other than scrolling changed). */
  invalidate(): void {
    this.look++;
    this.queueRender();
  }

  queueRender(): void {
    if (this.renderQueued) return;
    this.renderQueued = true;
    requestAnimationFrame(() => {
      this.renderQueued = false;
      this.render();
    });
  }

  private visibleColumns(): [number, number] {
    const left = this.el.scrollLeft;
    const width = this.el.clientWidth - this.rowHeaderWidth;
    let first = 0;
    while (first < this.columns.length - 1 && this.lefts[first] + this.widths[first] <= left) first++;
    let last = first;
    while (last < this.columns.length - 1 && this.lefts[last + 1] < left + width) last++;
    return [first, Math.min(this.columns.length - 1, last + 1)];
  }

  render(): void {
    const t0 = performance.now();
    const ncols = this.columns.length;
    const [c0, c1] = ncols ? this.visibleColumns() : [0, -1];
    const colsChanged = c0 !== this.colRange[0] || c1 !== this.colRange[1];
    this.colRange = [c0, c1];
    const top = this.topRow();
    const first = Math.max(0, Math.floor(top) - OVERSCAN);
    const last = Math.min(this.nrows - 1, Math.ceil(top + this.viewportRows()) + OVERSCAN);

    const headKey = `${c0}:${c1}:${this.summaryVisible}:${this.statsFiltered}:${this.active.r < 0 ? this.active.c : -1}:${this.sort?.column}:${this.sort?.dir}`;
    if (colsChanged || headKey !== this.headKey) {
      this.headKey = headKey;
      this.renderHead(c0, c1);
    }

    // Recycle rows that left the view.
    for (const [r, rowEl] of this.rowEls) {
      if (r < first || r > last) {
        this.rowEls.delete(r);
        rowEl.hidden = true;
        this.pool.push(rowEl);
      }
    }
    const want = new Set<number>();
    let painted = 0;
    for (let r = first; r <= last; r++) {
      let rowEl = this.rowEls.get(r);
      if (!rowEl) {
        rowEl = this.pool.pop() ?? this.newRow();
        rowEl.hidden = false;
        this.rowEls.set(r, rowEl);
      }
      rowEl.style.transform = `translateY(${this.rowY(r, top)}px)`;
      const page = this.pageOf(r);
      const key = `${r}|${page?.id ?? 0}|${c0}|${c1}|${this.look}`;
      if (rowEl.dataset.key !== key) {
        rowEl.dataset.key = key;
        this.fillRow(rowEl, r, c0, c1);
      }
      if (page) painted++;
      else want.add(Math.floor(r / PAGE_ROWS));
    }
    // Fast scrolling: ask for the pages the next frames will need, in the direction of travel.
    this.velocity = 0.6 * this.velocity + 0.4 * (top - this.lastTop);
    this.lastTop = top;
    const ahead = Math.min(5 * PAGE_ROWS, Math.abs(this.velocity) * 8);
    if (ahead > PAGE_ROWS / 4) {
      const from = this.velocity > 0 ? last : Math.max(0, first - ahead);
      const to = this.velocity > 0 ? Math.min(this.nrows - 1, last + ahead) : first;
      for (let r = from; r <= to; r += PAGE_ROWS) want.add(Math.floor(r / PAGE_ROWS));
      want.add(Math.floor(to / PAGE_ROWS));
    }
    // Ask for the missing pages (and the next one in reading direction).
    for (let r = first; r <= last; r += PAGE_ROWS) want.add(Math.floor(r / PAGE_ROWS));
    want.add(Math.floor(last / PAGE_ROWS));
    for (const p of want) this.requestPage(p);
    if (last + PAGE_ROWS / 2 < this.nrows) this.requestPage(Math.floor((last + PAGE_ROWS / 2) / PAGE_ROWS));

    this.placeEditor(top);
    this.updateActiveDescendant();

    const ms = performance.now() - t0;
    const p = this.perf;
    p.renders++;
    p.totalMs += ms;
    p.maxMs = Math.max(p.maxMs, ms);
    if (!p.firstDataPaint && painted > 0) {
      p.firstDataPaint = performance.now();
      this.el.dataset.firstDataPaint = String(Math.round(p.firstDataPaint));
    }
    this.el.dataset.renders = String(p.renders);
    this.el.dataset.renderMsMax = p.maxMs.toFixed(2);
    this.el.dataset.renderMsAvg = (p.totalMs / p.renders).toFixed(2);
    this.el.dataset.topRow = String(Math.floor(top));
  }

  private requestPage(p: number): void {
    if (p < 0 || p * PAGE_ROWS >= this.nrows || this.pages.has(p) || this.inflight.has(p)) return;
    this.inflight.add(p);
    this.cb.requestRows(p * PAGE_ROWS, Math.min(PAGE_ROWS, this.nrows - p * PAGE_ROWS));
  }

  private newRow(): HTMLDivElement {
    const row = el('div', { class: 'grid-row', role: 'row' });
    const rh = el('div', { class: 'rh', role: 'rowheader' });
    const spacer = el('div', { class: 'spacer' });
    row.append(rh, spacer);
    this.body.append(row);
    return row;
  }

  /** Fills a row element; false when its data is not loaded yet. */
  private fillRow(rowEl: HTMLDivElement, r: number, c0: number, c1: number): boolean {
    const page = this.pageOf(r);
    const data = page?.rows[r % PAGE_ROWS];
    const fileRow = page?.fileRows[r % PAGE_ROWS];
    rowEl.setAttribute('aria-rowindex', String(r + 2 + (this.summaryVisible ? SUMMARY_ROWS.length : 0)));
    rowEl.dataset.row = String(r);
    rowEl.classList.toggle('loading', !data);
    rowEl.classList.toggle('odd', r % 2 === 1);
    const rh = rowEl.children[0] as HTMLElement;
    // Row numbers are the file's (1-based data rows), also when sorted or filtered.
    rh.textContent = fileRow !== undefined ? formatCount(fileRow + 1) : '';
    const spacer = rowEl.children[1] as HTMLElement;
    spacer.style.width = `${this.lefts[c0] ?? 0}px`;
    const n = c1 - c0 + 1;
    while (rowEl.children.length - 2 < n) rowEl.append(el('div', { class: 'cell', role: 'gridcell' }));
    while (rowEl.children.length - 2 > n) rowEl.lastElementChild!.remove();
    const [sr0, sr1, sc0, sc1] = this.selectionBox();
    const ncols = this.columns.length;
    for (let i = 0; i < n; i++) {
      const c = c0 + i;
      const cell = rowEl.children[i + 2] as HTMLElement;
      const text = data ? data[c] ?? '' : '';
      if (cell.textContent !== text) cell.textContent = text;
      cell.style.width = `${this.widths[c]}px`;
      cell.setAttribute('aria-colindex', String(c + 2));
      cell.dataset.col = String(c);
      const bad = !!page && page.invalid.has((r % PAGE_ROWS) * ncols + c);
      cell.classList.toggle('invalid', bad);
      cell.classList.toggle('num', this.numeric[c]);
      const isActive = r === this.active.r && c === this.active.c;
      cell.classList.toggle('active', isActive);
      cell.classList.toggle('sel', r >= sr0 && r <= sr1 && c >= sc0 && c <= sc1 && !(sr0 === sr1 && sc0 === sc1));
      if (isActive) cell.id = 'grid-active-cell';
      else if (cell.id) cell.removeAttribute('id');
      if (bad) cell.title = text.trim() === '' ? 'Empty cell in a model column' : `Not a number in a model column: ${text}`;
      else if (cell.title) cell.removeAttribute('title');
      cell.setAttribute('aria-selected', String(r >= sr0 && r <= sr1 && c >= sc0 && c <= sc1));
      cell.setAttribute('aria-invalid', String(bad));
    }
    return !!data;
  }

  private renderHead(c0: number, c1: number): void {
    const rows: HTMLElement[] = [];
    const header = el('div', { class: 'grid-row head-row', role: 'row', 'aria-rowindex': '1' });
    const corner = el('div', { class: 'rh corner', role: 'columnheader', 'aria-colindex': '1' }, this.filtered ? 'view' : 'row');
    corner.title = this.filtered ? 'Rows shown (numbered as in the file)' : 'Row in the file';
    header.append(corner, this.spacer(c0));
    for (let c = c0; c <= c1; c++) header.append(this.headerCell(c));
    rows.push(header);
    if (this.summaryVisible) {
      SUMMARY_ROWS.forEach((s, i) => {
        const row = el('div', { class: `grid-row summary-row${i === SUMMARY_ROWS.length - 1 ? ' last' : ''}`, role: 'row', 'aria-rowindex': String(i + 2) });
        const label = el('div', { class: 'rh', role: 'rowheader' }, s.label);
        // Over a filter, the summaries are of the rows shown: the row labels say so.
        if (this.statsFiltered) {
          label.classList.add('filtered');
          label.title = `${s.label} of the ${formatCount(this.statsRows)} rows the filter shows`;
          if (i === 0) label.setAttribute('aria-label', `${s.label}, of the ${formatCount(this.statsRows)} filtered rows`);
        }
        row.append(label, this.spacer(c0));
        for (let c = c0; c <= c1; c++) {
          const st = this.stats[c];
          const v = st ? st[s.key] : undefined;
          const text = st === null || st === undefined ? '…'
            : s.key === 'count' ? (st.count === 0 && st.text > 0 ? `${formatCount(st.text)} text` : formatCount(st.count) + (st.text ? ` +${formatCount(st.text)} text` : ''))
            : s.key === 'missing' ? formatCount(st.missing) : formatStat(v as number | null);
          const cell = el('div', { class: `cell num${s.key === 'missing' && (v as number) > 0 ? ' warn' : ''}`, role: 'gridcell', 'aria-colindex': String(c + 2) }, text);
          cell.style.width = `${this.widths[c]}px`;
          row.append(cell);
        }
        rows.push(row);
      });
    }
    this.head.replaceChildren(...rows);
  }

  private spacer(c0: number): HTMLElement {
    const s = el('div', { class: 'spacer' });
    s.style.width = `${this.lefts[c0] ?? 0}px`;
    return s;
  }

  private headerCell(c: number): HTMLElement {
    const name = this.columns[c];
    const roles = (this.roles[c] ?? []).filter((r) => r !== 'none');
    const sorted = this.sort?.column === c ? this.sort.dir : undefined;
    const cell = el('div', {
      class: `hcell${roles.length ? ' has-role' : ''}${this.active.r < 0 && this.active.c === c ? ' active' : ''}`,
      role: 'columnheader',
      'aria-colindex': String(c + 2),
      'aria-sort': sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : 'none',
      'aria-haspopup': 'menu',
      'data-col': String(c),
      'data-name': name,
      'data-roles': roles.join(' '),
    });
    if (this.active.r < 0 && this.active.c === c) cell.id = 'grid-active-cell';
    cell.style.width = `${this.widths[c]}px`;
    for (const role of roles) cell.append(el('span', { class: `badge role-${role}`, title: ROLE_NAME[role] }, ROLE_BADGE[role]));
    cell.append(el('span', { class: 'hname' }, name));
    if (sorted) cell.append(el('span', { class: 'sort-mark', 'aria-hidden': 'true' }, sorted === 'asc' ? '▲' : '▼'));
    const st = this.stats[c];
    cell.title = `${name}${roles.length ? ` — ${roles.map((r) => ROLE_NAME[r]).join(', ')}` : ''}\nClick (or Enter) to change its role, sort or filter.` +
      (st ? `\ncount ${formatCount(st.count)}, missing ${formatCount(st.missing)}, mean ${formatStat(st.mean)}, sd ${formatStat(st.sd)}, min ${formatStat(st.min)}, max ${formatStat(st.max)}` : '');
    cell.setAttribute('aria-label', `${name}${roles.length ? `, ${roles.map((r) => ROLE_NAME[r]).join(', ')}` : ''}${sorted ? `, sorted ${sorted === 'asc' ? 'ascending' : 'descending'}` : ''}`);
    return cell;
  }

  private updateActiveDescendant(): void {
    if (this.el.querySelector('#grid-active-cell')) this.el.setAttribute('aria-activedescendant', 'grid-active-cell');
    else this.el.removeAttribute('aria-activedescendant');
  }

  // ── Selection and navigation ─────────────────────────────────────────────

  /** [r0, r1, c0, c1] of the selection (header row excluded). */
  selectionBox(): [number, number, number, number] {
    const a = this.anchor;
    const b = this.active;
    if (a.r < 0 || b.r < 0) return [-1, -2, -1, -2];
    return [Math.min(a.r, b.r), Math.max(a.r, b.r), Math.min(a.c, b.c), Math.max(a.c, b.c)];
  }

  /** Moves the active cell (r = -1: the header row) and scrolls it into view. */
  moveTo(r: number, c: number, extend = false): void {
    const maxR = this.nrows - 1;
    r = Math.max(-1, Math.min(maxR, r));
    c = Math.max(0, Math.min(this.columns.length - 1, c));
    this.active = { r, c };
    if (!extend || r < 0) this.anchor = { r, c };
    this.scrollIntoView(r, c);
    this.invalidate();
    this.cb.onSelection();
    if (!extend) return;
    // Prefetch the selection's pages so that copying finds them.
    const [r0, r1] = this.selectionBox();
    if (r1 - r0 < 20_000) for (let p = Math.floor(r0 / PAGE_ROWS); p <= Math.floor(r1 / PAGE_ROWS); p++) this.requestPage(p);
  }

  private scrollIntoView(r: number, c: number): void {
    if (r >= 0) {
      const top = this.topRow();
      const vis = Math.floor(this.viewportRows());
      if (r < top) this.el.scrollTop = this.scrollTopFor(r);
      else if (r + 1 > top + vis) this.el.scrollTop = this.scrollTopFor(r + 1 - vis);
    }
    const left = this.lefts[c] ?? 0;
    const right = left + (this.widths[c] ?? 0);
    const width = this.el.clientWidth - this.rowHeaderWidth;
    if (left < this.el.scrollLeft) this.el.scrollLeft = left;
    else if (right > this.el.scrollLeft + width) this.el.scrollLeft = right - width;
  }

  focus(): void {
    this.el.focus({ preventScroll: true });
  }

  private onKey(e: KeyboardEvent): void {
    if (e.target !== this.el) return;
    const { r, c } = this.active;
    const ctrl = e.ctrlKey || e.metaKey;
    // Enter with Ctrl, Alt or Cmd is the workbench's (Ctrl+Shift+Alt+Enter fits the model): let it
    // bubble to the webview's window, which forwards keys to VS Code's keybindings.
    if (e.key === 'Enter' && (ctrl || e.altKey)) return;
    const page = Math.max(1, Math.floor(this.viewportRows()) - 1);
    let handled = true;
    switch (e.key) {
      case 'ArrowDown':
        this.moveTo(ctrl ? this.nrows - 1 : r + 1, c, e.shiftKey);
        break;
      case 'ArrowUp':
        this.moveTo(ctrl ? 0 : r - 1, c, e.shiftKey);
        break;
      case 'ArrowRight':
        this.moveTo(r, ctrl ? this.columns.length - 1 : c + 1, e.shiftKey);
        break;
      case 'ArrowLeft':
        this.moveTo(r, ctrl ? 0 : c - 1, e.shiftKey);
        break;
      case 'PageDown':
        this.moveTo(Math.max(0, r) + page, c, e.shiftKey);
        break;
      case 'PageUp':
        this.moveTo(Math.max(0, r - page), c, e.shiftKey);
        break;
      case 'Home':
        this.moveTo(ctrl ? 0 : r, 0, e.shiftKey);
        break;
      case 'End':
        this.moveTo(ctrl ? this.nrows - 1 : r, this.columns.length - 1, e.shiftKey);
        break;
      case 'Enter':
      case 'F2':
        if (r < 0) this.openMenu(c);
        else if (e.key === 'Enter' && e.shiftKey) this.moveTo(r - 1, c);
        else this.startEdit();
        break;
      case ' ':
        if (r < 0) this.openMenu(c);
        else handled = false;
        break;
      case 'Escape':
        this.anchor = { ...this.active };
        this.invalidate();
        break;
      default:
        handled = false;
    }
    if (!handled && ctrl && !e.altKey) {
      const k = e.key.toLowerCase();
      if (k === 'z' || k === 'y') {
        // The grid's own undo (its cell edits live in the data file's document, not the spec's).
        this.cb.undo(k === 'y' || e.shiftKey);
        handled = true;
      } else if (k === 'a') {
        this.anchor = { r: 0, c: 0 };
        this.active = { r: this.nrows - 1, c: this.columns.length - 1 };
        this.invalidate();
        this.cb.onSelection();
        handled = true;
      }
    }
    if (!handled && !ctrl && !e.altKey && r >= 0 && (e.key.length === 1 || e.key === 'Backspace')) {
      // Typing starts an edit that replaces the cell, as in a spreadsheet.
      this.startEdit(e.key === 'Backspace' ? '' : e.key);
      handled = true;
    }
    if (handled) {
      e.preventDefault();
      e.stopPropagation();
    }
  }

  private cellAt(target: EventTarget | null): { r: number; c: number } | undefined {
    const t = target as HTMLElement | null;
    const cell = t?.closest?.('.cell, .hcell') as HTMLElement | null;
    if (!cell || cell.dataset.col === undefined) return undefined;
    const c = Number(cell.dataset.col);
    if (cell.classList.contains('hcell')) return { r: -1, c };
    const row = cell.closest('.grid-row') as HTMLElement | null;
    if (!row || row.dataset.row === undefined) return undefined;
    return { r: Number(row.dataset.row), c };
  }

  private onMouseDown(e: MouseEvent): void {
    if (e.button !== 0 || e.target === this.editor) return;
    const at = this.cellAt(e.target);
    if (!at) return;
    e.preventDefault();
    this.focus();
    this.moveTo(at.r, at.c, e.shiftKey);
    if (at.r < 0) {
      e.stopPropagation(); // the document's "click outside closes the menu" must not see this click
      this.openMenu(at.c);
    }
  }

  private onDoubleClick(e: MouseEvent): void {
    const at = this.cellAt(e.target);
    if (at && at.r >= 0) this.startEdit();
  }

  // ── Editing ──────────────────────────────────────────────────────────────

  startEdit(initial?: string): void {
    const { r, c } = this.active;
    if (r < 0) return;
    if (this.readOnly) {
      this.cb.notice(this.readOnlyReason ? `Read-only: ${this.readOnlyReason}` : 'The data is read-only here.');
      return;
    }
    const value = this.cellValue(r, c);
    const fileRow = this.fileRowOf(r);
    if (value === undefined || fileRow === undefined) return;
    this.editing = { r, c, fileRow, original: value };
    this.editor.hidden = false;
    this.editor.value = initial ?? value;
    this.editor.setAttribute('aria-label', `Edit ${this.columns[c]}, row ${fileRow + 1}`);
    this.placeEditor(this.topRow());
    this.editor.focus();
    if (initial === undefined) this.editor.select();
    else this.editor.setSelectionRange(this.editor.value.length, this.editor.value.length);
  }

  private placeEditor(top: number): void {
    const ed = this.editing;
    if (!ed) return;
    this.editor.style.transform = `translate(${this.rowHeaderWidth + this.lefts[ed.c]}px, ${this.rowY(ed.r, top)}px)`;
    this.editor.style.width = `${this.widths[ed.c]}px`;
  }

  private onEditorKey(e: KeyboardEvent): void {
    e.stopPropagation(); // keys typed here are the input's (its own undo, copy, paste)
    if (e.key === 'Enter') {
      e.preventDefault();
      this.commitEdit();
      this.moveTo(this.active.r + (e.shiftKey ? -1 : 1), this.active.c);
    } else if (e.key === 'Tab') {
      e.preventDefault();
      this.commitEdit();
      this.moveTo(this.active.r, this.active.c + (e.shiftKey ? -1 : 1));
    } else if (e.key === 'Escape') {
      e.preventDefault();
      this.cancelEdit();
    }
  }

  private endEdit(): void {
    this.editing = undefined;
    this.editor.hidden = true;
    this.focus();
  }

  cancelEdit(): void {
    this.endEdit();
  }

  private commitEdit(): void {
    const ed = this.editing;
    if (!ed) return;
    const value = this.editor.value;
    this.endEdit();
    if (value === ed.original) return;
    // Show the new value at once; the host re-reads the file and sends the rows again.
    const page = this.pageOf(ed.r);
    const row = page?.rows[ed.r % PAGE_ROWS];
    if (row) {
      page.rows[ed.r % PAGE_ROWS] = [...row];
      page.rows[ed.r % PAGE_ROWS][ed.c] = value;
      page.id = ++this.pageIds;
    }
    this.cb.editCell(ed.fileRow, ed.c, value);
    this.invalidate();
  }

  get isEditing(): boolean {
    return !!this.editing;
  }

  // ── Copy ─────────────────────────────────────────────────────────────────

  private onCopy(e: ClipboardEvent): void {
    if (document.activeElement !== this.el || !e.clipboardData) return;
    const [r0, r1, c0, c1] = this.active.r < 0 ? [-1, -1, this.active.c, this.active.c] : this.selectionBox();
    const lines: string[] = [];
    let missing = 0;
    const clean = (s: string) => (/[\t\n\r"]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
    if (r0 < 0) {
      lines.push(this.columns[c0]);
    } else {
      const rows = Math.min(r1, r0 + 100_000);
      for (let r = r0; r <= rows; r++) {
        const cells: string[] = [];
        for (let c = c0; c <= c1; c++) {
          const v = this.cellValue(r, c);
          if (v === undefined) missing++;
          cells.push(clean(v ?? ''));
        }
        lines.push(cells.join('\t'));
      }
    }
    e.clipboardData.setData('text/plain', lines.join('\n'));
    e.preventDefault();
    if (missing) this.cb.notice(`Copied; ${formatCount(missing)} cells were not loaded yet and were copied empty. Scroll through them (or copy again) to include them.`);
  }

  // ── Header menu ──────────────────────────────────────────────────────────

  /** Role choices for a column; set by the app (it knows the spec). */
  roleChoices: (column: number) => RoleChoice[] = () => [];
  /** Transform choices for a column; set by the app. */
  transformChoices: (column: number) => TransformChoice[] = () => [];

  openMenu(c: number): void {
    this.closeMenu(false);
    const headerCell = this.head.querySelector(`.hcell[data-col="${c}"]`) as HTMLElement | null;
    const menu = el('div', { class: 'menu', role: 'menu', id: 'header-menu', 'aria-label': `Column ${this.columns[c]}`, tabindex: '-1' });
    const items: HTMLElement[] = [];
    const add = (label: string, run: () => void, opts: { checked?: boolean; disabled?: string; id?: string } = {}) => {
      const item = el('div', {
        class: 'menu-item',
        role: opts.checked === undefined ? 'menuitem' : 'menuitemradio',
        tabindex: '-1',
        'data-action': opts.id ?? label,
      });
      if (opts.checked !== undefined) item.setAttribute('aria-checked', String(opts.checked));
      if (opts.disabled) {
        item.setAttribute('aria-disabled', 'true');
        item.title = opts.disabled;
      }
      item.append(el('span', { class: 'check', 'aria-hidden': 'true' }, opts.checked ? '✓' : ''), el('span', { class: 'label' }, label));
      if (opts.disabled) item.append(el('span', { class: 'hint' }, opts.disabled));
      item.addEventListener('click', (e) => {
        e.stopPropagation();
        if (opts.disabled) return;
        this.closeMenu(true);
        run();
      });
      menu.append(item);
      items.push(item);
    };
    const current = this.roles[c] ?? [];
    menu.append(el('div', { class: 'menu-title', 'aria-hidden': 'true' }, this.columns[c]));
    for (const choice of this.roleChoices(c)) {
      const checked = choice.role === 'none' ? current.length === 0 : current.includes(choice.role);
      add(choice.label, () => this.cb.setRole(this.columns[c], choice.role), { checked, disabled: choice.disabledReason, id: `role-${choice.role}` });
    }
    menu.append(el('div', { class: 'menu-sep', role: 'separator' }));
    add('Sort ascending', () => this.cb.setSort({ column: c, dir: 'asc' }), { id: 'sort-asc' });
    add('Sort descending', () => this.cb.setSort({ column: c, dir: 'desc' }), { id: 'sort-desc' });
    if (this.sort) add('Original order', () => this.cb.setSort(null), { id: 'sort-none' });
    add('Filter…', () => this.cb.filterColumn(c), { id: 'filter' });
    const transforms = this.transformChoices(c);
    if (transforms.length) {
      menu.append(el('div', { class: 'menu-sep', role: 'separator' }), el('div', { class: 'menu-group', 'aria-hidden': 'true' }, 'In the model as'));
      for (const t of transforms) add(t.label, () => this.cb.setTransform(this.columns[c], t.transform), { checked: t.current, disabled: t.disabledReason, id: `transform-${t.transform}` });
    }
    menu.append(el('div', { class: 'menu-sep', role: 'separator' }));
    const numeric = (k: number) => (this.numeric[k] ? undefined : 'Not a numeric column');
    add('Histogram', () => this.cb.chart('histogram', [c]), { id: 'chart-histogram', disabled: numeric(c) });
    // Scatter against the dependent (y), or the first other numeric column.
    const yCol = this.roles.findIndex((r) => r.includes('dependent'));
    const other = yCol >= 0 && yCol !== c ? yCol : this.numeric.findIndex((n, k) => n && k !== c);
    add(other >= 0 ? `Scatter: ${this.columns[c]} against ${this.columns[other]}` : 'Scatter', () => this.cb.chart('scatter', [c, other]), {
      id: 'chart-scatter', disabled: numeric(c) ?? (other < 0 ? 'No other numeric column' : undefined),
    });

    menu.addEventListener('keydown', (e) => {
      const enabled = items.filter((i) => i.getAttribute('aria-disabled') !== 'true');
      const i = enabled.indexOf(document.activeElement as HTMLElement);
      if (e.key === 'ArrowDown') enabled[(i + 1) % enabled.length]?.focus();
      else if (e.key === 'ArrowUp') enabled[(i - 1 + enabled.length) % enabled.length]?.focus();
      else if (e.key === 'Home') enabled[0]?.focus();
      else if (e.key === 'End') enabled[enabled.length - 1]?.focus();
      else if (e.key === 'Enter' || e.key === ' ') (document.activeElement as HTMLElement | null)?.click();
      else if (e.key === 'Escape' || e.key === 'Tab') this.closeMenu(true);
      else return;
      e.preventDefault();
      e.stopPropagation();
    });
    document.body.append(menu);
    const rect = (headerCell ?? this.el).getBoundingClientRect();
    const mw = menu.offsetWidth;
    const mh = menu.offsetHeight;
    menu.style.left = `${Math.max(4, Math.min(rect.left, window.innerWidth - mw - 4))}px`;
    // Below the header when it fits, else above it, else from the top (the menu scrolls).
    menu.style.top = `${rect.bottom + mh + 4 <= window.innerHeight ? rect.bottom + 2 : rect.top - mh - 2 >= 4 ? rect.top - mh - 2 : 4}px`;
    this.menu = menu;
    headerCell?.setAttribute('aria-expanded', 'true');
    (items.find((i) => i.getAttribute('aria-disabled') !== 'true') ?? menu).focus();
  }

  closeMenu(refocus: boolean): void {
    if (!this.menu) return;
    this.menu.remove();
    this.menu = undefined;
    this.head.querySelector('[aria-expanded="true"]')?.setAttribute('aria-expanded', 'false');
    if (refocus) this.focus();
  }

  // ── State ────────────────────────────────────────────────────────────────

  get scroll(): { top: number; left: number } {
    return { top: this.el.scrollTop, left: this.el.scrollLeft };
  }

  restoreScroll(top: number, left: number): void {
    this.el.scrollTop = top;
    this.el.scrollLeft = left;
    this.queueRender();
  }
}
