/**
 * A CSV too large for a VS Code text document (over 50 MB), read through the file system and
 * indexed by row: one pass over the bytes records where every data row starts and ends, and rows
 * are split into cells only when asked for (a page of the grid, a column scan). First paint of a
 * 1,000,000-row file needs the index and one page, not a parse of every cell.
 *
 * Same reading rules as the engine's `parseCsv`: UTF-8 (BOM skipped), delimiter guessed among
 * comma, semicolon and tab on the first lines, RFC 4180 quotes (a quoted field may hold line
 * breaks), blank lines skipped. Rows with the wrong number of fields are kept (padded or cut) and
 * counted, so the grid can still show the file.
 */
import * as Papa from 'papaparse';

export type Delimiter = ',' | ';' | '\t';

export interface CsvIndex {
  readonly bytes: Uint8Array;
  readonly columns: string[];
  readonly delimiter: Delimiter;
  readonly nrows: number;
  /** Byte range [starts[r], ends[r]) of data row r, without its line break. */
  readonly starts: Uint32Array;
  readonly ends: Uint32Array;
  /** 1-based line of the header. */
  readonly headerLine: number;
}

const QUOTE = 34;
const LF = 10;
const CR = 13;

export function isBlankBytes(bytes: Uint8Array, start: number, end: number): boolean {
  for (let p = start; p < end; p++) {
    const b = bytes[p];
    if (b !== 32 && b !== 9 && b !== CR) return false;
  }
  return true;
}

function decode(bytes: Uint8Array, start: number, end: number): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset + start, end - start).toString('utf8');
}

/** Delimiter guess on the first lines (the engine's rule: papaparse's guess among , ; tab). */
export function guessDelimiter(prefix: string): Delimiter {
  const r = Papa.parse<string[]>(prefix, { delimitersToGuess: [',', ';', '\t'], preview: 20, skipEmptyLines: true });
  const d = r.meta.delimiter;
  return d === ';' || d === '\t' ? d : ',';
}

/** Splits one row's text into fields (RFC 4180: quoted fields, doubled quotes). */
export function splitRow(line: string, delim: string): string[] {
  if (line.indexOf('"') < 0) return line.split(delim);
  const out: string[] = [];
  const n = line.length;
  let i = 0;
  for (;;) {
    if (line.charCodeAt(i) === QUOTE) {
      let s = '';
      i++;
      for (;;) {
        const q = line.indexOf('"', i);
        if (q < 0) {
          s += line.slice(i);
          i = n;
          break;
        }
        s += line.slice(i, q);
        if (line.charCodeAt(q + 1) === QUOTE) {
          s += '"';
          i = q + 2;
          continue;
        }
        i = q + 1;
        break;
      }
      const d = line.indexOf(delim, i);
      if (d < 0) {
        out.push(s + line.slice(i));
        return out;
      }
      out.push(s + line.slice(i, d));
      i = d + delim.length;
    } else {
      const d = line.indexOf(delim, i);
      if (d < 0) {
        out.push(line.slice(i));
        return out;
      }
      out.push(line.slice(i, d));
      i = d + delim.length;
    }
  }
}

function grow(a: Uint32Array<ArrayBuffer>): Uint32Array<ArrayBuffer> {
  const b = new Uint32Array(a.length * 2);
  b.set(a);
  return b;
}

export class CsvIndexError extends Error {}

/** Indexes the rows of a CSV file's bytes. Throws CsvIndexError for an empty file. */
export function indexCsv(bytes: Uint8Array): CsvIndex {
  if (bytes.length >= 2 ** 32 - 1) throw new CsvIndexError('the file is larger than 4 GiB');
  let pos = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const firstLf = bytes.indexOf(LF, pos);
  const firstCr = bytes.indexOf(CR, pos);
  // Old Mac files break lines with CR only.
  const nl = firstCr >= 0 && (firstLf < 0 || firstCr < firstLf) && bytes[firstCr + 1] !== LF ? CR : LF;
  const hasQuotes = bytes.indexOf(QUOTE, pos) >= 0;

  let starts = new Uint32Array(Math.max(1024, Math.ceil(bytes.length / 64)));
  let ends = new Uint32Array(starts.length);
  let count = 0; // lines kept (header included)
  let line = 1;
  let headerLine = 0;
  const n = bytes.length;

  const keep = (s: number, e: number, startLine: number) => {
    if (nl === LF && e > s && bytes[e - 1] === CR) e--;
    if (isBlankBytes(bytes, s, e)) return;
    if (count === starts.length) {
      starts = grow(starts);
      ends = grow(ends);
    }
    if (count === 0) headerLine = startLine;
    starts[count] = s;
    ends[count] = e;
    count++;
  };

  if (!hasQuotes) {
    while (pos < n) {
      let e = bytes.indexOf(nl, pos);
      if (e < 0) e = n;
      keep(pos, e, line);
      line++;
      pos = e + 1;
    }
  } else {
    // A line break inside quotes belongs to the field.
    while (pos < n) {
      const s = pos;
      const startLine = line;
      let inQuotes = false;
      let p = pos;
      for (; p < n; p++) {
        const b = bytes[p];
        if (b === QUOTE) inQuotes = !inQuotes; // a doubled quote toggles twice
        else if (b === nl) {
          if (!inQuotes) break;
          line++;
        }
      }
      keep(s, p, startLine);
      line++;
      pos = p + 1;
    }
  }
  if (count === 0) throw new CsvIndexError('empty file: expected a header row with column names');

  // Delimiter from the first lines, then the header.
  const probeEnd = ends[Math.min(count, 20) - 1];
  const delimiter = guessDelimiter(decode(bytes, starts[0], probeEnd));
  const columns = splitRow(decode(bytes, starts[0], ends[0]), delimiter).map((h) => h.trim());
  const nrows = count - 1;
  const index: CsvIndex = {
    bytes,
    columns,
    delimiter,
    nrows,
    starts: starts.subarray(1, count),
    ends: ends.subarray(1, count),
    headerLine,
  };
  return index;
}

/** The cells of data row r, padded with "" or cut to the header's width. */
export function readRow(index: CsvIndex, r: number, onRagged?: (r: number, fields: number) => void): string[] {
  const cells = splitRow(decode(index.bytes, index.starts[r], index.ends[r]), index.delimiter);
  const ncols = index.columns.length;
  if (cells.length !== ncols) {
    onRagged?.(r, cells.length);
    if (cells.length < ncols) while (cells.length < ncols) cells.push('');
    else cells.length = ncols;
  }
  return cells;
}
