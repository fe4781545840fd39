/**
 * Whole-column passes over a DataSource, in chunks that yield to the event loop so the host keeps
 * serving pages while a 1,000,000-row file is summarised: column summaries, invalid cells of the
 * model columns, and sort/filter views (an index array; the file itself is never reordered).
 */
import type { CellIssue, ColumnStats, FilterSpec, SortSpec } from '../../../protocol';
import { cellKind, cellNumber, cellProblem } from './cells';
import { ScanCancelled, type DataSource, type Yield } from './source';

export interface ScanOptions {
  /** Rows per chunk between yields. */
  chunkRows?: number;
  yieldFn?: Yield;
  isCancelled?: () => boolean;
}

/** Longest stretch of work between yields (ms): page requests wait at most about this long. */
const SLICE_MS = 12;

/**
 * Calls fn for every row 0..n−1, yielding to the event loop every SLICE_MS (or every `chunkRows`
 * rows when given, for tests).
 */
async function forEachRow(n: number, opts: ScanOptions, fn: (r: number) => void, onChunk?: (done: number) => void): Promise<void> {
  let r = 0;
  while (r < n) {
    if (opts.isCancelled?.()) throw new ScanCancelled();
    const sliceEnd = performance.now() + SLICE_MS;
    const stop = opts.chunkRows ? Math.min(n, r + opts.chunkRows) : n;
    while (r < stop) {
      const end = Math.min(stop, r + 256);
      for (; r < end; r++) fn(r);
      if (!opts.chunkRows && performance.now() > sliceEnd) break;
    }
    onChunk?.(r);
    if (r < n && opts.yieldFn) await opts.yieldFn();
  }
  if (opts.isCancelled?.()) throw new ScanCancelled();
}

class Acc {
  count = 0;
  missing = 0;
  text = 0;
  mean = 0;
  m2 = 0;
  min = Infinity;
  max = -Infinity;
  add(s: string, decimalComma: boolean): void {
    const v = cellNumber(s, decimalComma);
    if (Number.isNaN(v)) {
      if (cellKind(s, decimalComma) === 'missing') this.missing++;
      else this.text++;
      return;
    }
    // Welford: stable for large n and large values.
    this.count++;
    const d = v - this.mean;
    this.mean += d / this.count;
    this.m2 += d * (v - this.mean);
    if (v < this.min) this.min = v;
    if (v > this.max) this.max = v;
  }
  result(): ColumnStats {
    const n = this.count;
    return {
      count: n,
      missing: this.missing,
      text: this.text,
      mean: n > 0 ? this.mean : null,
      sd: n > 1 ? Math.sqrt(this.m2 / (n - 1)) : null,
      min: n > 0 ? this.min : null,
      max: n > 0 ? this.max : null,
    };
  }
}

/** count, missing, text, mean, sd (n − 1), min, max of every column, over `rows` (a view) or every row. */
export async function columnStats(src: DataSource, opts: ScanOptions = {}, onProgress?: (partial: ColumnStats[], rowsDone: number) => void, rows?: Int32Array | null): Promise<ColumnStats[]> {
  const decimalComma = src.delimiter === ';';
  const ncols = src.columns.length;
  const accs = Array.from({ length: ncols }, () => new Acc());
  await forEachRow(rows ? rows.length : src.nrows, opts, (i) => {
    const row = src.row(rows ? rows[i] : i);
    for (let c = 0; c < ncols; c++) accs[c].add(row[c], decimalComma);
  }, onProgress ? (done) => onProgress(accs.map((a) => a.result()), done) : undefined);
  return accs.map((a) => a.result());
}

export interface IssueScan {
  total: number;
  items: CellIssue[];
}

/** Invalid cells (empty, NA-like or text) of the given columns, the first `maxItems` listed. */
export async function invalidCells(src: DataSource, columns: number[], maxItems: number, opts: ScanOptions = {}): Promise<IssueScan> {
  const decimalComma = src.delimiter === ';';
  const items: CellIssue[] = [];
  let total = 0;
  if (columns.length === 0) return { total, items };
  await forEachRow(src.nrows, opts, (r) => {
    for (const c of columns) {
      const s = src.cell(r, c);
      const why = cellProblem(s, decimalComma);
      if (why === undefined) continue;
      total++;
      if (items.length < maxItems) items.push({ row: r, column: c, value: s, reason: why });
    }
  });
  return { total, items };
}

/** The filter as a row predicate. Numeric comparisons when the value is a number, else text. */
export function filterPredicate(src: DataSource, f: FilterSpec): (r: number) => boolean {
  const decimalComma = src.delimiter === ';';
  const c = f.column;
  const needle = f.value.trim();
  const target = cellNumber(needle, decimalComma);
  const lower = needle.toLowerCase();
  switch (f.op) {
    case 'contains':
      return (r) => src.cell(r, c).toLowerCase().includes(lower);
    case 'empty':
      return (r) => src.cell(r, c).trim() === '';
    case 'invalid':
      return (r) => Number.isNaN(cellNumber(src.cell(r, c), decimalComma));
    case '=':
    case '!=': {
      const eq = Number.isNaN(target)
        ? (r: number) => src.cell(r, c).trim() === needle
        : (r: number) => cellNumber(src.cell(r, c), decimalComma) === target;
      return f.op === '=' ? eq : (r) => !eq(r);
    }
    default: {
      if (Number.isNaN(target)) {
        const cmp = (r: number) => src.cell(r, c).trim().localeCompare(needle);
        if (f.op === '<') return (r) => cmp(r) < 0;
        if (f.op === '<=') return (r) => cmp(r) <= 0;
        if (f.op === '>') return (r) => cmp(r) > 0;
        return (r) => cmp(r) >= 0;
      }
      const num = (r: number) => cellNumber(src.cell(r, c), decimalComma);
      if (f.op === '<') return (r) => num(r) < target;
      if (f.op === '<=') return (r) => num(r) <= target;
      if (f.op === '>') return (r) => num(r) > target;
      return (r) => num(r) >= target;
    }
  }
}

/**
 * The view: file rows in display order, or null for the file's own order with every row.
 * Sorting is stable; numbers sort numerically (when most cells are numbers), other cells after
 * them as text, empty cells last in both directions.
 */
export async function buildView(src: DataSource, sort: SortSpec | null, filter: FilterSpec | null, opts: ScanOptions = {}): Promise<Int32Array | null> {
  if (!sort && !filter) return null;
  let rows: Int32Array;
  if (filter && filter.column < src.columns.length) {
    const keep = filterPredicate(src, filter);
    const out = new Int32Array(src.nrows);
    let n = 0;
    await forEachRow(src.nrows, opts, (r) => {
      if (keep(r)) out[n++] = r;
    });
    rows = out.slice(0, n);
  } else {
    rows = new Int32Array(src.nrows);
    for (let r = 0; r < src.nrows; r++) rows[r] = r;
  }
  if (!sort || sort.column >= src.columns.length) return rows;

  const c = sort.column;
  const decimalComma = src.delimiter === ';';
  const keys = new Float64Array(src.nrows);
  let numbers = 0;
  await forEachRow(src.nrows, opts, (r) => {
    const v = cellNumber(src.cell(r, c), decimalComma);
    keys[r] = v;
    if (!Number.isNaN(v)) numbers++;
  });
  const sign = sort.dir === 'asc' ? 1 : -1;
  const text = (r: number) => src.cell(r, c).trim();
  const rank = (r: number) => (!Number.isNaN(keys[r]) ? 0 : text(r) === '' ? 2 : 1);
  const byText = numbers * 2 < rows.length;
  if (opts.isCancelled?.()) throw new ScanCancelled();
  const list = Array.from(rows);
  if (byText) {
    const strs = new Map<number, string>();
    for (const r of list) strs.set(r, text(r));
    list.sort((a, b) => {
      const sa = strs.get(a) as string;
      const sb = strs.get(b) as string;
      const ea = sa === '' ? 1 : 0;
      const eb = sb === '' ? 1 : 0;
      if (ea !== eb) return ea - eb;
      return (sa < sb ? -1 : sa > sb ? 1 : 0) * sign || a - b;
    });
  } else {
    list.sort((a, b) => {
      const ka = keys[a];
      const kb = keys[b];
      if (ka === kb) return a - b;
      const na = Number.isNaN(ka);
      const nb = Number.isNaN(kb);
      if (!na && !nb) return (ka - kb) * sign;
      const ra = rank(a);
      const rb = rank(b);
      if (ra !== rb) return ra - rb;
      if (ra === 1) {
        const ta = text(a);
        const tb = text(b);
        return (ta < tb ? -1 : ta > tb ? 1 : 0) * sign || a - b;
      }
      return a - b;
    });
  }
  return Int32Array.from(list);
}

export interface ChartValues {
  /** Per column, the numbers of the rows where every column is a number. */
  values: number[][];
  /** Rows left out because a cell is not a number. */
  skipped: number;
  /** Only an even sample of at most `maxPoints` rows was taken. */
  sampled: boolean;
}

/**
 * The numbers of `columns` over the view's rows (`rows`, or every row), for a histogram or a
 * scatter; above `maxPoints` rows an evenly spaced sample of them (every k-th view row).
 */
export async function chartValues(src: DataSource, columns: readonly number[], rows: Int32Array | null, maxPoints: number, opts: ScanOptions = {}): Promise<ChartValues> {
  const decimalComma = src.delimiter === ';';
  const n = rows ? rows.length : src.nrows;
  const sampled = n > maxPoints;
  const step = sampled ? n / maxPoints : 1;
  const values: number[][] = columns.map(() => []);
  let skipped = 0;
  await forEachRow(sampled ? maxPoints : n, opts, (i) => {
    const at = sampled ? Math.floor(i * step) : i;
    const r = rows ? rows[at] : at;
    const v = columns.map((c) => cellNumber(src.cell(r, c), decimalComma));
    if (v.some(Number.isNaN)) {
      skipped++;
      return;
    }
    v.forEach((x, k) => values[k].push(x));
  });
  return { values, skipped, sampled };
}
