/**
 * What a GAL or GWT file says, before it is matched to data rows: the ids it uses and its links,
 * each with the place in the file it came from, so that matching errors can point at lines.
 */
import type { Csr } from '../sparse/csr';
import { error, ProblemError, Range } from '../problems';
import { csrFromLinks } from '../weights/neighbours';
import { columnIndex, DECIMAL_RE } from './csv';
import { ProblemList } from './problemList';
import { cellLocation, Table } from './table';

export interface NeighbourFile {
  readonly file: string;
  readonly format: 'gal' | 'gwt';
  /** Number of regions declared in the header. */
  readonly n: number;
  /** Header fields of the new style `0 n layer idVariable`; undefined for the old one-number header. */
  readonly layer?: string;
  readonly idVariable?: string;
  /** Distinct ids (as written, trimmed) in order of first appearance. */
  readonly ids: readonly string[];
  /** Where each id first appears. */
  readonly idLine: Int32Array;
  readonly idColumn: Int32Array;
  /** GAL: line of each id's record (0 when it has none). GWT: line of its first link as origin (0: never an origin). */
  readonly recordLine: Int32Array;
  /** Links in file order, from/to as indices into `ids`. */
  readonly from: Int32Array;
  readonly to: Int32Array;
  readonly weight: Float64Array;
  /** Location of each link's `to` token. */
  readonly linkLine: Int32Array;
  readonly linkColumn: Int32Array;
}

/**
 * The key ids are matched by: trimmed text, and numbers in canonical form so that `7`, `7.0`
 * and `007` match (GeoDa writes integer ids without the leading zeros a CSV may keep;
 * GeoJSON ids may be JSON numbers).
 */
export function idKey(s: string): string {
  const t = s.trim();
  if (DECIMAL_RE.test(t)) {
    const v = Number(t);
    if (Number.isFinite(v)) return String(v);
  }
  return t;
}

/** Row ids of a table: the values of `idColumn`, or row numbers "1".."n" when it is absent. */
export interface RowIds {
  /** Display form of each row's id. */
  readonly labels: readonly string[];
  /** idKey → row. */
  readonly rowOf: { get(key: string): number | undefined };
  /** How to name the ids in messages, e.g. `column "id" of data.csv` or `row numbers 1..49`. */
  readonly describe: string;
  /** The id column; undefined for row numbers. */
  readonly column?: string;
}

/**
 * Row ids from `idColumn` (duplicates are errors pointing at the cell) or row numbers.
 * `specFile`/`specRange` locate the idColumn name for an unknown-column error.
 */
export function rowIds(table: Table, idColumn?: string, specFile?: string, specRange?: Range): RowIds {
  const n = table.nrows;
  if (idColumn === undefined) {
    const labels = Array.from({ length: n }, (_, r) => String(r + 1));
    // Row numbers need no table (a Map of 10⁶ entries costs ~1 s): key "k" is row k − 1.
    const get = (key: string) => {
      const k = Number(key);
      return Number.isInteger(k) && k >= 1 && k <= n ? k - 1 : undefined;
    };
    return { labels, rowOf: { get }, describe: `row numbers 1..${n} of ${table.file}` };
  }
  const rowOf = new Map<string, number>();
  const c = columnIndex(table, idColumn, specFile, specRange);
  const col = table.cells[c];
  const labels: string[] = new Array<string>(n);
  const problems = new ProblemList();
  for (let r = 0; r < n; r++) {
    const label = col[r].trim();
    labels[r] = label;
    const key = idKey(label);
    const prev = rowOf.get(key);
    if (label === '') {
      problems.add('id-empty', () => error(`id column "${idColumn}", row ${r + 1}: empty id`, table.file, cellLocation(table, r, c), 'id-empty'),
        (k) => `${k} more empty ids in column "${idColumn}"`);
    } else if (prev !== undefined) {
      problems.add('id-duplicate', () => error(`id column "${idColumn}": id "${label}" appears twice (rows ${prev + 1} and ${r + 1}); ids must be unique`,
        table.file, cellLocation(table, r, c), 'id-duplicate'), (k) => `${k} more repeated ids in column "${idColumn}"`);
    } else {
      rowOf.set(key, r);
    }
  }
  problems.throwIfAny();
  return { labels, rowOf, describe: `column "${idColumn}" of ${table.file}`, column: idColumn };
}

/** Lists the first few items: `a, b, c and 4 more`. */
export function firstFew(items: readonly string[], max = 5): string {
  if (items.length <= max) return items.join(', ');
  return `${items.slice(0, max).join(', ')} and ${items.length - max} more`;
}

/**
 * Match a GAL/GWT file to data rows → neighbour list (CSR of raw weights, data-row order).
 * Errors (with file locations): header count ≠ number of rows; ids not in the data (first few,
 * each at its first line); GAL records missing for data rows; self-links; duplicate links.
 * A GWT row that is never an origin simply has no neighbours (an island, judged later), as in
 * spdep's `read.gwt2nb`.
 */
export function matchNeighbours(nf: NeighbourFile, ids: RowIds, nrows: number): Csr {
  const what = nf.format.toUpperCase();
  if (nf.n !== nrows) {
    throw new ProblemError(error(
      `${what} header declares ${nf.n} regions but the data have ${nrows} rows`, nf.file, { line: 1, column: 1 }, 'weights-count'));
  }
  const rowOfId = new Int32Array(nf.ids.length);
  const unknown: number[] = [];
  nf.ids.forEach((id, k) => {
    const r = ids.rowOf.get(idKey(id));
    if (r === undefined) {
      rowOfId[k] = -1;
      unknown.push(k);
    } else {
      rowOfId[k] = r;
    }
  });
  if (unknown.length) {
    const names = unknown.map((k) => `"${nf.ids[k]}"`);
    const problems = unknown.slice(0, 5).map((k, t) => error(
      t === 0
        ? `${unknown.length} id${unknown.length > 1 ? 's' : ''} of the ${what} file ${unknown.length > 1 ? 'are' : 'is'} not in the data (${ids.describe}): ${firstFew(names)}`
        : `id "${nf.ids[k]}" is not in the data (${ids.describe})`,
      nf.file, { line: nf.idLine[k], column: nf.idColumn[k], endColumn: nf.idColumn[k] + nf.ids[k].length }, 'unknown-id'));
    throw new ProblemError(problems);
  }
  if (nf.format === 'gal') {
    const hasRecord = new Uint8Array(nrows);
    nf.ids.forEach((_, k) => { if (nf.recordLine[k] > 0) hasRecord[rowOfId[k]] = 1; });
    const missing: string[] = [];
    for (let r = 0; r < nrows; r++) if (!hasRecord[r]) missing.push(`"${ids.labels[r]}"`);
    if (missing.length) {
      throw new ProblemError(error(
        `${missing.length} region${missing.length > 1 ? 's' : ''} of the data (${ids.describe}) ${missing.length > 1 ? 'have' : 'has'} no record in the GAL file: ${firstFew(missing)}`,
        nf.file, { line: 1, column: 1 }, 'missing-id'));
    }
  }
  const m = nf.from.length;
  const from = new Int32Array(m);
  const to = new Int32Array(m);
  const problems = new ProblemList();
  for (let k = 0; k < m; k++) {
    from[k] = rowOfId[nf.from[k]];
    to[k] = rowOfId[nf.to[k]];
    if (from[k] === to[k]) {
      problems.add('self-neighbour', () => error(`region "${nf.ids[nf.from[k]]}" is listed as its own neighbour`, nf.file,
        { line: nf.linkLine[k], column: nf.linkColumn[k] }, 'self-neighbour'), (n) => `${n} more regions listed as their own neighbour`);
    }
  }
  const csr = csrFromLinks(nrows, from, to, nf.weight, (d) => {
    problems.add('duplicate-link', () => error(`duplicate link: "${ids.labels[d.row]}" → "${ids.labels[d.col]}" is listed twice`, nf.file,
      { line: nf.linkLine[d.link], column: nf.linkColumn[d.link] }, 'duplicate-link'), (n) => `${n} more duplicate links`);
  });
  problems.throwIfAny();
  return csr;
}

// ---- shared tokenising for the line-oriented formats ----

export interface Token {
  text: string;
  /** 1-based column. */
  column: number;
}

/** Whitespace-separated tokens of one line with their columns. */
export function tokens(line: string): Token[] {
  const out: Token[] = [];
  const re = /\S+/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(line)) !== null) out.push({ text: m[0], column: m.index + 1 });
  return out;
}

/**
 * Walks a text line by line and splits each line into whitespace-separated tokens, keeping
 * positions instead of making strings (files of millions of links stay fast). Lines end at
 * \n, \r\n or \r; a BOM is skipped.
 */
export class LineReader {
  /** 1-based number of the current line. */
  lineNo = 0;
  /** Number of tokens on the current line. */
  ntok = 0;
  private pos: number;
  private lineStart = 0;
  private tokStart = new Int32Array(16);
  private tokEnd = new Int32Array(16);
  private again = false;

  constructor(private readonly text: string) {
    this.pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  }

  /** Advance to the next line; false at the end of the text. */
  next(): boolean {
    if (this.again) {
      this.again = false;
      return true;
    }
    const text = this.text;
    if (this.pos > text.length || (this.pos === text.length && this.lineNo > 0)) return false;
    const start = this.pos;
    let end = start;
    const len = text.length;
    let c = 0;
    while (end < len && (c = text.charCodeAt(end)) !== 10 && c !== 13) end++;
    this.pos = end < len && c === 13 && text.charCodeAt(end + 1) === 10 ? end + 2 : end + 1;
    this.lineNo++;
    this.lineStart = start;
    let n = 0;
    let t = start;
    while (t < end) {
      while (t < end && isSpace(text.charCodeAt(t))) t++; // (spaces, tabs)
      if (t >= end) break;
      if (n === this.tokStart.length) {
        const a = new Int32Array(2 * n);
        a.set(this.tokStart);
        this.tokStart = a;
        const b = new Int32Array(2 * n);
        b.set(this.tokEnd);
        this.tokEnd = b;
      }
      this.tokStart[n] = t;
      while (t < end && !isSpace(text.charCodeAt(t))) t++;
      this.tokEnd[n] = t;
      n++;
    }
    this.ntok = n;
    return true;
  }

  /** Deliver the current line again on the next call of next(). */
  pushBack(): void {
    this.again = true;
  }

  tok(i: number): string {
    return this.text.slice(this.tokStart[i], this.tokEnd[i]);
  }

  /** 1-based column of token i. */
  col(i: number): number {
    return this.tokStart[i] - this.lineStart + 1;
  }

  /** Non-negative integer value of token i, or -1 if it is not one. */
  uint(i: number): number {
    let v = 0;
    const a = this.tokStart[i];
    const b = this.tokEnd[i];
    if (b - a > 15) return /^\d+$/.test(this.tok(i)) ? Number(this.tok(i)) : -1;
    for (let t = a; t < b; t++) {
      const c = this.text.charCodeAt(t) - 48;
      if (c < 0 || c > 9) return -1;
      v = v * 10 + c;
    }
    return v;
  }

  /** The current line's tokens as objects (for headers and messages). */
  tokens(): Token[] {
    const out: Token[] = [];
    for (let i = 0; i < this.ntok; i++) out.push({ text: this.tok(i), column: this.col(i) });
    return out;
  }

  /** The current line's text. */
  line(): string {
    let end = this.lineStart;
    while (end < this.text.length && this.text.charCodeAt(end) !== 10 && this.text.charCodeAt(end) !== 13) end++;
    return this.text.slice(this.lineStart, end);
  }
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 11 || c === 12 || c === 0xa0;
}

class GrowInt {
  a = new Int32Array(1024);
  n = 0;
  push(v: number): void {
    if (this.n === this.a.length) {
      const b = new Int32Array(this.a.length * 2);
      b.set(this.a);
      this.a = b;
    }
    this.a[this.n++] = v;
  }
  done(): Int32Array {
    return this.a.slice(0, this.n);
  }
}

class GrowFloat {
  a = new Float64Array(1024);
  n = 0;
  push(v: number): void {
    if (this.n === this.a.length) {
      const b = new Float64Array(this.a.length * 2);
      b.set(this.a);
      this.a = b;
    }
    this.a[this.n++] = v;
  }
  done(): Float64Array {
    return this.a.slice(0, this.n);
  }
}

/** Incrementally collects ids and links while a parser walks the file. */
export class NeighbourFileBuilder {
  readonly ids: string[] = [];
  /** Exact token text → index (the fast path: ids repeat as written). */
  private readonly byText = new Map<string, number>();
  /** idKey → index, so that "7" and "7.0" are one id. */
  private readonly byKey = new Map<string, number>();
  private idLine: number[] = [];
  private idCol: number[] = [];
  recordLine: number[] = [];
  private from = new GrowInt();
  private to = new GrowInt();
  private weight = new GrowFloat();
  private linkLine = new GrowInt();
  private linkColumn = new GrowInt();

  /**
   * Integer ids (the usual case) skip strings altogether: index + 1 by value in a direct table
   * for values below `intCap`, a Map above it. `n` (the header's count) sizes the table.
   */
  private readonly intCap: number;
  private intTable: Int32Array;
  private readonly intMap = new Map<number, number>();

  /** `n`: the header's count, which sizes the tables; callers bound it by the file's length. */
  constructor(n = 0) {
    this.intCap = Math.min(1 << 26, Math.max(1024, 4 * n + 16));
    this.intTable = new Int32Array(Math.min(this.intCap, Math.max(1024, n + 16)));
  }

  private newId(text: string, line: number, column: number): number {
    const k = this.ids.length;
    this.ids.push(text);
    this.idLine.push(line);
    this.idCol.push(column);
    this.recordLine.push(0);
    return k;
  }

  /** Index of the id with non-negative integer value v; `text()` gives its text if it is new. */
  idInt(v: number, text: () => string, line: number, column: number): number {
    if (v < this.intCap) {
      if (v >= this.intTable.length) {
        let len = this.intTable.length;
        while (len <= v) len *= 2;
        const t = new Int32Array(Math.min(len, this.intCap));
        t.set(this.intTable);
        this.intTable = t;
      }
      const k = this.intTable[v] - 1;
      if (k >= 0) return k;
      const fresh = this.newId(text(), line, column);
      this.intTable[v] = fresh + 1;
      return fresh;
    }
    let k = this.intMap.get(v);
    if (k === undefined) {
      k = this.newId(text(), line, column);
      this.intMap.set(v, k);
    }
    return k;
  }

  /** Index of id (by idKey), registering its first location. */
  id(text: string, line: number, column: number): number {
    let k = this.byText.get(text);
    if (k !== undefined) return k;
    const key = idKey(text);
    if (/^\d{1,15}$/.test(key)) {
      k = this.idInt(Number(key), () => text, line, column);
    } else {
      k = this.byKey.get(key);
      if (k === undefined) {
        k = this.newId(text, line, column);
        this.byKey.set(key, k);
      }
    }
    this.byText.set(text, k);
    return k;
  }

  /** Index of token i of the reader's current line (integers by value, others by idKey). */
  idOf(rd: LineReader, i: number): number {
    const v = rd.uint(i);
    if (v >= 0 && v <= Number.MAX_SAFE_INTEGER) return this.idInt(v, () => rd.tok(i), rd.lineNo, rd.col(i));
    return this.id(rd.tok(i), rd.lineNo, rd.col(i));
  }

  idLineOf(k: number): number {
    return this.idLine[k];
  }

  idColumnOf(k: number): number {
    return this.idCol[k];
  }

  /** Links added so far. */
  get links(): number {
    return this.from.n;
  }

  link(from: number, to: number, weight: number, line: number, column: number): void {
    this.from.push(from);
    this.to.push(to);
    this.weight.push(weight);
    this.linkLine.push(line);
    this.linkColumn.push(column);
  }

  finish(file: string, format: 'gal' | 'gwt', n: number, layer?: string, idVariable?: string): NeighbourFile {
    return {
      file, format, n, layer, idVariable,
      ids: this.ids,
      idLine: Int32Array.from(this.idLine),
      idColumn: Int32Array.from(this.idCol),
      recordLine: Int32Array.from(this.recordLine),
      from: this.from.done(),
      to: this.to.done(),
      weight: this.weight.done(),
      linkLine: this.linkLine.done(),
      linkColumn: this.linkColumn.done(),
    };
  }
}

/** Most regions a GAL/GWT header may declare (the row limit of an Int32Array index). */
const MAX_REGIONS = 2 ** 31 - 1;

/** Parse the header line shared by GAL and GWT: `n` (old) or `0 n layer idVariable` (new). */
export function parseHeader(line: string | undefined, file: string, what: string): { n: number; layer?: string; idVariable?: string } {
  const t = tokens(line ?? '');
  const bad = (msg: string, col = 1): never => {
    throw new ProblemError(error(`${what} header: ${msg}`, file, { line: 1, column: col }, 'weights-header'));
  };
  let nTok: Token;
  let layer: string | undefined;
  let idVariable: string | undefined;
  if (t.length === 1) {
    nTok = t[0];
  } else if (t.length >= 2 && t.length <= 4 && t[0].text === '0') {
    nTok = t[1];
    layer = t[2]?.text;
    idVariable = t[3]?.text;
  } else {
    return bad(`expected "n" or "0 n layer idVariable", found ${JSON.stringify((line ?? '').trim())}`);
  }
  if (!/^\d+$/.test(nTok.text) || !(Number(nTok.text) >= 1 && Number(nTok.text) <= MAX_REGIONS)) {
    return bad(`the number of regions must be an integer from 1 to ${MAX_REGIONS}, found "${nTok.text.length > 40 ? nTok.text.slice(0, 40) + '…' : nTok.text}"`, nTok.column);
  }
  return { n: Number(nTok.text), layer, idVariable };
}
