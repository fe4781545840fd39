/**
 * What a GAL or GWT file says, before it is matched to data rows: the ids it uses and its links,
 * each with the place in the file it came from, so that matching errors can point at lines.
 */
import type { Csr } from '../sparse/csr';
import { error, Problem, ProblemError, Range } from '../problems';
import { csrFromLinks } from '../weights/neighbours';
import { columnIndex } from './csv';
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
  if (/^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/.test(t)) {
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
  readonly rowOf: ReadonlyMap<string, number>;
  /** How to name the ids in messages, e.g. `column "id" of data.csv` or `row numbers 1..49`. */
  readonly describe: string;
}

/**
 * Row ids from `idColumn` (duplicates are errors pointing at the cell) or row numbers.
 * `specFile`/`specRange` locate the idColumn name for an unknown-column error.
 */
export function rowIds(table: Table, idColumn?: string, specFile?: string, specRange?: Range): RowIds {
  const n = table.nrows;
  const rowOf = new Map<string, number>();
  if (idColumn === undefined) {
    const labels: string[] = new Array<string>(n);
    for (let r = 0; r < n; r++) {
      labels[r] = String(r + 1);
      rowOf.set(labels[r], r);
    }
    return { labels, rowOf, describe: `row numbers 1..${n} of ${table.file}` };
  }
  const c = columnIndex(table, idColumn, specFile, specRange);
  const col = table.cells[c];
  const labels: string[] = new Array<string>(n);
  const problems: Problem[] = [];
  for (let r = 0; r < n; r++) {
    const label = col[r].trim();
    labels[r] = label;
    const key = idKey(label);
    const prev = rowOf.get(key);
    if (label === '') {
      if (problems.length < 20) problems.push(error(`id column "${idColumn}", row ${r + 1}: empty id`, table.file, cellLocation(table, r, c), 'id-empty'));
    } else if (prev !== undefined) {
      if (problems.length < 20) {
        problems.push(error(`id column "${idColumn}": id "${label}" appears twice (rows ${prev + 1} and ${r + 1}); ids must be unique`,
          table.file, cellLocation(table, r, c), 'id-duplicate'));
      }
    } else {
      rowOf.set(key, r);
    }
  }
  if (problems.length) throw new ProblemError(problems);
  return { labels, rowOf, describe: `column "${idColumn}" of ${table.file}` };
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
  const problems: Problem[] = [];
  for (let k = 0; k < m; k++) {
    from[k] = rowOfId[nf.from[k]];
    to[k] = rowOfId[nf.to[k]];
    if (from[k] === to[k] && problems.length < 20) {
      problems.push(error(`region "${nf.ids[nf.from[k]]}" is listed as its own neighbour`, nf.file,
        { line: nf.linkLine[k], column: nf.linkColumn[k] }, 'self-neighbour'));
    }
  }
  const csr = csrFromLinks(nrows, from, to, nf.weight, (d) => {
    if (problems.length < 20) {
      problems.push(error(`duplicate link: "${ids.labels[d.row]}" → "${ids.labels[d.col]}" is listed twice`, nf.file,
        { line: nf.linkLine[d.link], column: nf.linkColumn[d.link] }, 'duplicate-link'));
    }
  });
  if (problems.length) throw new ProblemError(problems);
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

/** Lines of a text (any of \n, \r\n, \r), BOM stripped. */
export function splitLines(text: string): string[] {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return text.split(/\r\n|\n|\r/);
}

/** Incrementally collects ids and links while a parser walks the file. */
export class NeighbourFileBuilder {
  readonly ids: string[] = [];
  private readonly index = new Map<string, number>();
  private idLine: number[] = [];
  private idCol: number[] = [];
  recordLine: number[] = [];
  from: number[] = [];
  to: number[] = [];
  weight: number[] = [];
  linkLine: number[] = [];
  linkColumn: number[] = [];

  /** Index of id (by idKey), registering its first location. */
  id(text: string, line: number, column: number): number {
    const key = idKey(text);
    let k = this.index.get(key);
    if (k === undefined) {
      k = this.ids.length;
      this.index.set(key, k);
      this.ids.push(text);
      this.idLine.push(line);
      this.idCol.push(column);
      this.recordLine.push(0);
    }
    return k;
  }

  idLineOf(k: number): number {
    return this.idLine[k];
  }

  idColumnOf(k: number): number {
    return this.idCol[k];
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
      from: Int32Array.from(this.from),
      to: Int32Array.from(this.to),
      weight: Float64Array.from(this.weight),
      linkLine: Int32Array.from(this.linkLine),
      linkColumn: Int32Array.from(this.linkColumn),
    };
  }
}

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
  if (!/^\d+$/.test(nTok.text) || Number(nTok.text) < 1) return bad(`the number of regions must be a positive integer, found "${nTok.text}"`, nTok.column);
  return { n: Number(nTok.text), layer, idVariable };
}
