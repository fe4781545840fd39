/**
 * The fast path of CSV reading: a file without a quote character, with one kind of line end and
 * as many fields in every row as in its header, is read as an index of where each cell starts —
 * one pass over the text, no string per cell. papaparse splits such a text at exactly these
 * delimiters and line ends, so the table is the one `parseCsv`'s full path would build; the cell
 * strings are made per column when something asks for them (the grid, the ids), and numeric
 * columns are read straight from the text (`numericCells`). Anything else — quotes, stray \r or
 * \n, a row with the wrong number of fields, duplicate header names, one column or thousands — is
 * left to the full path, which reads (and locates the problems of) every case.
 * At n = 10⁶ the cell strings were most of the reading time and, alive through the fit, most of
 * the garbage collector's work.
 */
import type { CsvSource, Table } from './table';

/** Most columns indexed: each gets a lazy property (cheap for model data, not for a header of a million names). */
const MAX_COLUMNS = 4096;
/** Largest number of cells indexed (4 bytes each): beyond, the full path. */
const MAX_INDEXED_CELLS = 2 ** 28;

/**
 * The table of a quote-free text, or undefined when the full path must read it. `delimiter` and
 * `newline` are the ones `parseCsv` chose; `text` has no BOM.
 */
export function indexCsv(text: string, file: string, delimiter: string, newline: string): Table | undefined {
  if (newline === '\r' || text.indexOf('"') >= 0) return undefined;
  const crlf = newline === '\r\n';
  // One kind of line end only: a \r in a \n file (or a lone \r or \n in a \r\n file) is where
  // papaparse's rows and the editor's lines differ, which the full path accounts for.
  if (!crlf && text.indexOf('\r') >= 0) return undefined;
  const d = delimiter.charCodeAt(0);
  const len = text.length;

  // Header: the first non-blank line.
  let line = 1;
  let p = 0;
  let headerEnd = lineEnd(text, 0, crlf);
  while (headerEnd >= 0 && text.slice(p, headerEnd).trim() === '') {
    p = headerEnd + (crlf ? 2 : 1);
    line++;
    headerEnd = p < len ? lineEnd(text, p, crlf) : -1;
  }
  if (headerEnd < 0) return undefined;
  const headerLine = line;
  const names = text.slice(p, headerEnd).split(delimiter);
  const ncols = names.length;
  if (ncols < 2 || ncols > MAX_COLUMNS || new Set(names.map((h) => h.trim())).size !== ncols) return undefined;
  const headerColumns = new Int32Array(ncols);
  for (let c = 0, col = 1; c < ncols; col += names[c].length + 1, c++) headerColumns[c] = col + names[c].length - names[c].trimStart().length;

  // Body: one pass, recording where each cell starts and each row ends. A row takes at least
  // ncols characters (its delimiters and line end), which bounds the rows of a wide header.
  p = headerEnd + (crlf ? 2 : 1);
  const maxRows = Math.ceil((len - p) / ncols) + 1;
  let capacity = Math.min(1024, maxRows);
  if (capacity * ncols > MAX_INDEXED_CELLS) return undefined;
  let starts = new Int32Array(capacity * ncols);
  let ends = new Int32Array(capacity);
  let lineOfRow = new Int32Array(capacity);
  let nrows = 0;
  line++;
  while (p < len) {
    if (nrows === capacity) {
      capacity = Math.min(2 * capacity, maxRows);
      if (capacity * ncols > MAX_INDEXED_CELLS) return undefined;
      starts = grown(starts, capacity * ncols);
      ends = grown(ends, capacity);
      lineOfRow = grown(lineOfRow, capacity);
    }
    const base = nrows * ncols;
    starts[base] = p;
    let fields = 1;
    let q = p;
    for (; q < len; q++) {
      const ch = text.charCodeAt(q);
      if (ch === d) {
        if (fields === ncols) return undefined; // too many fields
        starts[base + fields++] = q + 1;
      } else if (ch === 10 || ch === 13) break;
    }
    if (q < len && crlf && (text.charCodeAt(q) !== 13 || text.charCodeAt(q + 1) !== 10)) return undefined;
    if (q < len && !crlf && text.charCodeAt(q) !== 10) return undefined;
    if (fields === ncols) {
      ends[nrows] = q;
      lineOfRow[nrows++] = line;
    } else if (fields > 1 || text.slice(p, q).trim() !== '') {
      return undefined; // too few fields
    } // else a blank line: skipped, as R's read.csv skips them
    p = q + (crlf ? 2 : 1);
    line++;
  }
  const source: CsvSource = { text, starts, ends };
  return {
    file, columns: names.map((h) => h.trim()), cells: lazyColumns(source, ncols, nrows), lineOfRow: lineOfRow.slice(0, nrows), nrows,
    delimiter, headerLine, headerColumns, source,
  };
}

/** Where the line from `from` ends (the \n, or the \r of \r\n), the text's end if it has none, −1 from past the end. */
function lineEnd(text: string, from: number, crlf: boolean): number {
  if (from >= text.length) return -1;
  const q = text.indexOf(crlf ? '\r\n' : '\n', from);
  return q < 0 ? text.length : q;
}

function grown(a: Int32Array, size: number): Int32Array<ArrayBuffer> {
  const b = new Int32Array(size);
  b.set(a);
  return b;
}

/** The text of cell (r, c). */
export function cellText(s: CsvSource, ncols: number, r: number, c: number): string {
  const k = r * ncols + c;
  return s.text.slice(s.starts[k], c + 1 < ncols ? s.starts[k + 1] - 1 : s.ends[r]);
}

/** Per-column arrays of cell strings, each made on first use and kept. */
function lazyColumns(source: CsvSource, ncols: number, nrows: number): string[][] {
  const cells: string[][] = new Array<string[]>(ncols);
  for (let c = 0; c < ncols; c++) {
    Object.defineProperty(cells, c, {
      configurable: true,
      enumerable: true,
      get() {
        const col = new Array<string>(nrows);
        for (let r = 0; r < nrows; r++) col[r] = cellText(source, ncols, r, c);
        Object.defineProperty(cells, c, { value: col, writable: false, enumerable: true, configurable: false });
        return col;
      },
    });
  }
  return cells;
}

/** Powers of ten that are exact doubles (10^22 is the last). */
const POW10 = Array.from({ length: 23 }, (_, k) => Number(`1e${k}`));

/**
 * Column c as doubles, straight from the text: cells of the usual shape (sign, digits, point,
 * exponent, surrounding spaces) are converted here — exactly, by Clinger's fast path (a mantissa
 * of ≤ 15 digits and a power of ten ≤ 10^22 are exact doubles, so one multiplication or division
 * rounds correctly; Clinger 1990), else by `Number` on the cell's text; any other cell goes to
 * `other`, which returns its value or undefined. Returns false at the first cell `other` refuses.
 */
export function numericCells(s: CsvSource, ncols: number, nrows: number, c: number, out: Float64Array,
  other: (text: string) => number | undefined): boolean {
  const { text, starts, ends } = s;
  const last = c + 1 === ncols;
  for (let r = 0; r < nrows; r++) {
    const k = r * ncols + c;
    let a = starts[k];
    let b = last ? ends[r] : starts[k + 1] - 1;
    while (a < b && isSpace(text.charCodeAt(a))) a++;
    while (b > a && isSpace(text.charCodeAt(b - 1))) b--;
    let q = a;
    let ch = text.charCodeAt(q);
    const negative = ch === 45;
    if (negative || ch === 43) ch = text.charCodeAt(++q);
    let mantissa = 0;
    let digits = 0; // significant digits (after leading zeros)
    let scale = 0; // digits after the point
    let any = false;
    while (ch >= 48 && ch <= 57) {
      mantissa = mantissa * 10 + (ch - 48);
      if (mantissa !== 0) digits++;
      any = true;
      ch = text.charCodeAt(++q);
    }
    if (ch === 46) {
      ch = text.charCodeAt(++q);
      while (ch >= 48 && ch <= 57) {
        mantissa = mantissa * 10 + (ch - 48);
        if (mantissa !== 0) digits++;
        scale++;
        any = true;
        ch = text.charCodeAt(++q);
      }
    }
    let exponent = 0;
    if (any && (ch === 101 || ch === 69) && q + 1 < b) {
      ch = text.charCodeAt(++q);
      const negExp = ch === 45;
      if (negExp || ch === 43) ch = text.charCodeAt(++q);
      let expDigits = 0;
      while (ch >= 48 && ch <= 57 && expDigits < 6) {
        exponent = exponent * 10 + (ch - 48);
        expDigits++;
        ch = text.charCodeAt(++q);
      }
      if (expDigits === 0 || (ch >= 48 && ch <= 57)) any = false; // no exponent digits, or too many for this path
      if (negExp) exponent = -exponent;
    }
    if (!any || q !== b) {
      const v = other(text.slice(starts[k], last ? ends[r] : starts[k + 1] - 1));
      if (v === undefined) return false;
      out[r] = v;
      continue;
    }
    const e = exponent - scale;
    let v: number;
    if (digits <= 15 && e >= -22 && e <= 22) {
      v = e < 0 ? mantissa / POW10[-e] : mantissa * POW10[e];
      if (negative) v = -v;
    } else {
      v = Number(text.slice(a, b));
      if (!Number.isFinite(v)) {
        const w = other(text.slice(starts[k], last ? ends[r] : starts[k + 1] - 1));
        if (w === undefined) return false;
        v = w;
      }
    }
    out[r] = v;
  }
  return true;
}

/** The spaces `parseCell` trims that a cell of a quote-free row can hold (\s, ASCII part, without line ends). */
function isSpace(ch: number): boolean {
  return ch === 32 || ch === 9 || ch === 11 || ch === 12;
}
