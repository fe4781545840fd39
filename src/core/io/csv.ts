/**
 * CSV → Table, and numeric columns out of a Table, with `file:line:col` for every complaint.
 *
 * Parsing is papaparse's (RFC 4180 quoting, doubled quotes, quoted newlines). What we add:
 * - the delimiter is guessed on a small prefix among ',', ';', tab only (papaparse's own guess
 *   re-splits the whole input once per candidate: 3× the work on a 100 MB file);
 * - each row's 1-based starting line, counted from papaparse's cursor, so rows after a quoted
 *   field with embedded newlines still point at the right line;
 * - per-cell columns for rows that contain quotes (other rows: from the cell lengths);
 * - blank lines are skipped anywhere, as R's read.csv does (blank.lines.skip = TRUE);
 * - header checks (empty file, duplicate names) and ragged rows as Problems with locations.
 * Step mode keeps memory down: cells go straight into per-column arrays, never a row-array list.
 * Most files (no quotes, rows as long as the header) take a fast path instead (io/csvIndex): an
 * index of the cells in the text, the same table without a string per cell.
 */
import * as Papa from 'papaparse';
import { MAX_PROBLEMS } from '../limits';
import { error, nearestName, Problem, ProblemError, Range } from '../problems';
import { indexCsv, numericCells } from './csvIndex';
import { ProblemList } from './problemList';
import { cellLocation, headerLocation, Table } from './table';
import { TextPositions } from './textPosition';

export type CsvDelimiter = ',' | ';' | '\t';

export interface CsvOptions {
  /** Force the delimiter instead of guessing among comma, semicolon and tab. */
  delimiter?: CsvDelimiter;
}

const DELIMITER_NAMES: Record<string, string> = { ',': 'comma', ';': 'semicolon', '\t': 'tab' };

/** Parse CSV text (a whole file) into a Table. Throws ProblemError with locations in `file`. */
export function parseCsv(text: string, file: string, opts: CsvOptions = {}): Table {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1); // UTF-8 BOM (Excel writes one)
  if (text.trim() === '') {
    throw new ProblemError(error('empty file: expected a header row with column names', file, { line: 1, column: 1 }, 'csv-empty'));
  }
  const delimiter = opts.delimiter ?? guessDelimiter(text);
  const newline = guessNewline(text);
  const indexed = indexCsv(text, file, delimiter, newline);
  if (indexed) return indexed;
  const nlChar = newline === '\r' ? '\r' : '\n'; // the character to count lines by

  let columns: string[] | undefined;
  let headerColumns: Int32Array | undefined;
  let headerLine = 1;
  let ncols = 0;
  let cells: string[][] = [];
  let capacity = 0;
  let lineOfRow = new Int32Array(1024);
  let nrows = 0;
  let cellColumn: Int32Array | undefined;
  const cellLineDelta = new Map<number, number>();
  const problems = new ProblemList();
  const positions = new TextPositions(text);
  /** The first quote at or after the current row (cached: one scan of the text in all). */
  let nextQuote = text.indexOf('"');
  const hasQuotes = nextQuote >= 0;
  // Lines are counted as editors count them — \n, \r\n and a lone \r each end one — also where
  // papaparse's rows end otherwise (a lone \r inside a cell of a \n file). The next of each,
  // cached: one scan of the text in all.
  let nextCr = text.indexOf('\r');
  let nextLf = text.indexOf('\n');
  const strayBreaks = nlChar === '\n' ? hasLoneCr(text) : nextLf >= 0;
  const countBreaks = (start: number, end: number): number => {
    let k = 0;
    while (nextCr >= 0 && nextCr < end) {
      if (nextCr >= start) k++;
      nextCr = text.indexOf('\r', nextCr + 1);
    }
    while (nextLf >= 0 && nextLf < end) {
      if (nextLf >= start && (nextLf === 0 || text.charCodeAt(nextLf - 1) !== 13)) k++;
      nextLf = text.indexOf('\n', nextLf + 1);
    }
    return k;
  };

  // Running position: `rowStart` is where the current row begins, `line` its 1-based line.
  let rowStart = 0;
  let line = 1;

  Papa.parse<string[]>(text, {
    delimiter,
    newline,
    header: false,
    skipEmptyLines: false, // we skip them ourselves so that line counting stays exact
    dynamicTyping: false,
    step: (res) => {
      const row = res.data;
      const rowEnd = res.meta.cursor;
      const start = rowStart;
      const startLine = line;
      // Advance the line counter over this row's text. Without quotes or stray line ends a row
      // is one line; else count the line ends inside it (in quoted fields, or a lone \r).
      const breaks = hasQuotes || strayBreaks ? countBreaks(start, rowEnd) : 1;
      line += breaks;
      // (In a \r file, a row after a \r\n starts with the \n: its cells' columns are shifted.)
      const irregular = breaks > 1 || (strayBreaks && text.charCodeAt(start) === 10);
      rowStart = rowEnd;

      for (const e of res.errors) {
        problems.add('csv-quotes', () => {
          let at = typeof (e as { index?: number }).index === 'number' ? (e as { index: number }).index : start;
          // papaparse reports an unterminated field just after its opening quote: point at the quote.
          if (e.code === 'MissingQuotes' && text[at - 1] === '"') at--;
          const msg = e.code === 'MissingQuotes' ? 'quoted field is never closed (a closing " is missing)' : `malformed quoting: ${e.message}`;
          return error(msg, file, positions.range(at, 1), 'csv-quotes');
        }, (n) => `${n} more quoting problems`);
      }
      if (isBlankRow(row)) return;

      if (columns === undefined) {
        // Header row.
        const pos = cellPositions(text, start, row.length, delimiter, nlChar);
        columns = row.map((h) => h.trim());
        headerLine = startLine;
        headerColumns = new Int32Array(row.length);
        for (let c = 0; c < row.length; c++) {
          const lead = row[c].length - row[c].trimStart().length;
          headerColumns[c] = pos.columns[c] + (text[pos.offsets[c]] === '"' ? 1 : 0) + lead;
        }
        ncols = columns.length;
        // Pre-size the columns (one count of line breaks is cheaper than repeated array growth).
        // A data row is at least ncols characters long (its delimiters and line end), which
        // bounds the rows of a file with a very wide header.
        capacity = Math.min(countLines(text, nlChar), Math.ceil(text.length / ncols) + 1);
        lineOfRow = new Int32Array(capacity + 1);
        const seen = new Map<string, number>();
        columns.forEach((name, c) => {
          const first = seen.get(name);
          // An empty name is allowed once (R's write.csv(row.names = TRUE) writes "" first).
          if (first !== undefined) {
            problems.add('csv-duplicate-column', () => error(`duplicate column name "${name}" (also column ${first + 1}); column names must be unique`, file,
              { line: startLine + pos.lineDeltas[c], column: headerColumns![c], endColumn: headerColumns![c] + name.length }, 'csv-duplicate-column'),
            (n) => `${n} more duplicate column names`);
          } else {
            seen.set(name, c);
          }
        });
        return;
      }

      if (row.length !== ncols) {
        problems.add('csv-ragged', () => {
          const pos = cellPositions(text, start, Math.min(row.length, ncols + 1), delimiter, nlChar);
          let where: Range;
          if (row.length > ncols) {
            where = { line: startLine + pos.lineDeltas[ncols], column: pos.columns[ncols] };
          } else {
            // Just after the last field (which may span lines: a quote that is never closed).
            const last = row.length - 1;
            where = { line: startLine + pos.endLineDeltas[last], column: pos.endColumns[last] };
          }
          return error(`row has ${row.length} field${row.length === 1 ? '' : 's'} but the header has ${ncols} (delimiter: ${DELIMITER_NAMES[delimiter]})`,
            file, where, 'csv-ragged');
        }, (n) => `${n} more rows with the wrong number of fields`);
        return;
      }

      if (nrows === lineOfRow.length) lineOfRow = grow(lineOfRow);
      lineOfRow[nrows] = startLine;
      // The column arrays come with the first row (a header of millions of names and no
      // matching row, as in a file that is not a CSV, needs none).
      if (nrows === 0) cells = columns.map(() => new Array<string>(capacity));
      for (let c = 0; c < ncols; c++) {
        if (nrows >= cells[c].length) cells[c].length = nrows * 2 + 1;
        cells[c][nrows] = row[c];
      }

      // Rows with quotes or over several lines: raw lengths no longer give columns, so record
      // where each cell starts.
      if (hasQuotes || irregular) {
        if (nextQuote >= 0 && nextQuote < start) nextQuote = text.indexOf('"', start); // −1: no quote from here on
        const q = nextQuote;
        if ((q >= 0 && q < rowEnd) || irregular) {
          if (cellColumn === undefined) cellColumn = new Int32Array(Math.min(Math.max(1024, (nrows + 1) * 2) * ncols, text.length + ncols));
          while (cellColumn.length < (nrows + 1) * ncols) cellColumn = grow(cellColumn);
          const pos = cellPositions(text, start, ncols, delimiter, nlChar);
          for (let c = 0; c < ncols; c++) {
            cellColumn[nrows * ncols + c] = pos.columns[c];
            if (pos.lineDeltas[c] > 0) cellLineDelta.set(nrows * ncols + c, pos.lineDeltas[c]);
          }
        }
      }
      nrows++;
    },
  });

  if (columns === undefined) {
    throw new ProblemError(problems.any ? problems.finish() : error('no header row found', file, { line: 1, column: 1 }, 'csv-no-header'));
  }
  problems.throwIfAny();

  if (nrows === 0) cells = columns.map(() => []);
  for (const col of cells) col.length = nrows;
  const table: Table = {
    file,
    columns,
    cells,
    lineOfRow: lineOfRow.slice(0, nrows),
    nrows,
    delimiter,
    headerLine,
    headerColumns,
    cellColumn: cellColumn?.slice(0, nrows * ncols),
    cellLineDelta: cellLineDelta.size ? cellLineDelta : undefined,
  };
  return table;
}

/** Number of lines (an upper bound on the number of rows). */
function countLines(text: string, nlChar: string): number {
  let n = 1;
  for (let p = text.indexOf(nlChar); p >= 0; p = text.indexOf(nlChar, p + 1)) n++;
  return n;
}

/** A row papaparse returns for a blank or whitespace-only line. */
function isBlankRow(row: string[]): boolean {
  return row.length === 0 || (row.length === 1 && row[0].trim() === '');
}

function grow(a: Int32Array): Int32Array<ArrayBuffer> {
  const b = new Int32Array(a.length * 2);
  b.set(a);
  return b;
}

/**
 * Delimiter guess on the first lines only: the candidate giving the most consistent field count
 * (> 1 field) wins, ties to more fields (papaparse's rule, run on a prefix).
 */
function guessDelimiter(text: string): CsvDelimiter {
  let end = 0;
  for (let lines = 0; lines < 20 && end >= 0; lines++) {
    end = text.indexOf('\n', end + 1);
  }
  const prefix = end < 0 ? text : text.slice(0, end);
  const r = Papa.parse<string[]>(prefix, { delimitersToGuess: [',', ';', '\t'], preview: 20, skipEmptyLines: true });
  const d = r.meta.delimiter;
  return d === ';' || d === '\t' ? d : ',';
}

/** '\r\n' if the first line break is one, '\r' for old Mac files, else '\n'. */
function guessNewline(text: string): '\n' | '\r\n' | '\r' {
  const n = text.indexOf('\n');
  const r = text.indexOf('\r');
  if (r >= 0 && (n < 0 || r < n)) return text[r + 1] === '\n' ? '\r\n' : '\r';
  return '\n';
}

interface CellPositions {
  offsets: number[];
  columns: number[];
  lineDeltas: number[];
  /** Where each field's raw text ends (quotes included, line end excluded): lines after the row's first, 1-based column. */
  endLineDeltas: number[];
  endColumns: number[];
}

/** Whether the text has a \r that is not part of \r\n. */
function hasLoneCr(text: string): boolean {
  for (let p = text.indexOf('\r'); p >= 0; p = text.indexOf('\r', p + 1)) if (text.charCodeAt(p + 1) !== 10) return true;
  return false;
}

/**
 * Where the first `count` fields of the row starting at `start` begin: offset, 1-based column,
 * lines after the row's first line, and where each ends. Follows RFC 4180 quoting as papaparse
 * does, with the row ending at `nlChar`; lines are counted as editors count them (\n, \r\n, \r).
 * One pass over the row's characters (a header of a million fields stays linear).
 */
function cellPositions(text: string, start: number, count: number, delim: string, nlChar: string): CellPositions {
  const offsets: number[] = [];
  const columns: number[] = [];
  const lineDeltas: number[] = [];
  const endLineDeltas: number[] = [];
  const endColumns: number[] = [];
  const len = text.length;
  const d = delim.charCodeAt(0);
  const crOnly = nlChar === '\r';
  let pos = start;
  // A row after a \r\n in a \r file starts with the \n: its line starts after it.
  let lineStart = text.charCodeAt(start) === 10 && text.charCodeAt(start - 1) === 13 ? start + 1 : start;
  let delta = 0;
  /** Length of the line end at q (0: none); a \n after \r belongs to the \r. */
  const lineEnd = (q: number): number => {
    const ch = text.charCodeAt(q);
    if (ch === 13) return text.charCodeAt(q + 1) === 10 ? 2 : 1;
    return ch === 10 && text.charCodeAt(q - 1) !== 13 ? 1 : 0;
  };
  /** Whether q is where papaparse ends the row. */
  const rowEnds = (q: number): boolean => {
    const ch = text.charCodeAt(q);
    return crOnly ? ch === 13 : ch === 10 || (ch === 13 && text.charCodeAt(q + 1) === 10);
  };
  /** The offset after the character (or line end, counted) at q. */
  const step = (q: number): number => {
    const e = lineEnd(q);
    if (!e) return q + 1;
    delta++;
    lineStart = q + e;
    return lineStart;
  };
  for (let c = 0; c < count; c++) {
    offsets.push(pos);
    columns.push(pos - lineStart + 1);
    lineDeltas.push(delta);
    let q = pos;
    if (text.charCodeAt(q) === 34) {
      // Quoted: to the closing quote ("" is an escaped quote), counting embedded line ends.
      q++;
      while (q < len) {
        const ch = text.charCodeAt(q);
        if (ch === 34) {
          if (text.charCodeAt(q + 1) === 34) {
            q += 2;
            continue;
          }
          q++;
          break;
        }
        q = step(q);
      }
    }
    // Unquoted (or after the closing quote): to the delimiter or the end of the row.
    while (q < len && text.charCodeAt(q) !== d && !rowEnds(q)) q = step(q);
    endLineDeltas.push(delta);
    endColumns.push(q - lineStart + 1);
    // The row ends here; any further fields (should not happen) get this position.
    pos = q < len && text.charCodeAt(q) === d ? q + 1 : len;
  }
  return { offsets, columns, lineDeltas, endLineDeltas, endColumns };
}

// ---------------------------------------------------------------------------------------------
// Columns

/**
 * Index of column `name`, or a ProblemError suggesting the nearest name. The error points at
 * `specFile`/`specRange` (where the name was written) when given, else at the CSV header.
 */
export function columnIndex(table: Table, name: string, specFile?: string, specRange?: Range): number {
  const c = table.columns.indexOf(name);
  if (c >= 0) return c;
  const near = nearestName(name, table.columns);
  const list = table.columns.length <= 12 ? table.columns.join(', ') : `${table.columns.slice(0, 12).join(', ')}, …`;
  const msg = `unknown column "${name}" in ${table.file}` + (near ? `; did you mean "${near}"?` : `; columns are: ${list}`);
  const where = specFile ? specRange ?? { line: 1, column: 1 } : { line: table.headerLine ?? 1, column: 1 };
  throw new ProblemError(error(msg, specFile ?? table.file, where, 'unknown-column', near));
}

/** Cells R would read as NA, or that people use for missing data. */
const MISSING = new Set(['na', 'n/a', '#n/a', 'nan', 'null', 'none', '.', '-', '?']);
/** A decimal number (io/decimal.ts). */
export { DECIMAL_RE } from './decimal';
/** The same with surrounding spaces. */
const NUMBER_RE = /^\s*[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?\s*$/;
/** The same with a decimal comma, accepted in semicolon-separated files (R's read.csv2, dec = ","). */
const DECIMAL_COMMA_RE = /^\s*[+-]?(?:\d+(?:,\d*)?|,\d+)(?:[eE][+-]?\d+)?\s*$/;

/** A cell's text for a message: quoted, escapes for newlines and tabs, long text cut. */
function show(s: string): string {
  return JSON.stringify(s.length > 40 ? s.slice(0, 40) + '…' : s);
}

/** Why a cell is not a number, or undefined with the value in `out[0]`. */
function parseCell(s: string, decimalComma: boolean, out: Float64Array): string | undefined {
  if (NUMBER_RE.test(s)) {
    const v = Number(s);
    if (Number.isFinite(v)) {
      out[0] = v;
      return undefined;
    }
    return `${show(s.trim())} is too large for a double`;
  }
  const t = s.trim();
  if (decimalComma && DECIMAL_COMMA_RE.test(s)) {
    const v = Number(t.replace(',', '.'));
    if (Number.isFinite(v)) {
      out[0] = v;
      return undefined;
    }
  }
  if (t === '') return 'empty cell (missing value)';
  if (MISSING.has(t.toLowerCase())) return `${show(t)} is a missing value`;
  if (/^[+-]?(inf|infinity)$/i.test(t)) return `${show(t)} is not a finite number`;
  if (DECIMAL_COMMA_RE.test(s)) return `${show(t)} is not a number (decimal comma? write ${t.replace(',', '.')})`;
  return `${show(t)} is not a number`;
}

/**
 * Column `name` as doubles. Accepts `1e5`, `-3.2`, ` 4 ` (spaces trimmed); in semicolon files
 * also a decimal comma (`1,5`). Empty cells, NA-like cells and text are errors, one Problem per
 * cell (`file:line:col`, col = the cell's 1-based character column) up to a cap.
 */
export function numericColumn(table: Table, name: string, specFile?: string, specRange?: Range): Float64Array {
  const c = columnIndex(table, name, specFile, specRange);
  const n = table.nrows;
  const out = new Float64Array(n);
  const tmp = new Float64Array(1);
  const decimalComma = table.delimiter === ';';
  // From the text when the table has it; at the first bad cell, the cell strings below locate all of them.
  if (table.source && numericCells(table.source, table.columns.length, n, c, out, (s) => parseCell(s, decimalComma, tmp) === undefined ? tmp[0] : undefined)) return out;
  const col = table.cells[c];
  const problems: Problem[] = [];
  let bad = 0;
  for (let r = 0; r < n; r++) {
    const why = parseCell(col[r], decimalComma, tmp);
    if (why === undefined) {
      out[r] = tmp[0];
      continue;
    }
    bad++;
    if (bad <= MAX_PROBLEMS) {
      problems.push(error(`column "${name}", row ${r + 1}: ${why}; a numeric column needs a number in every row`,
        table.file, cellLocation(table, r, c), 'not-numeric'));
    }
  }
  if (bad) {
    if (bad > MAX_PROBLEMS) {
      problems.push(error(`column "${name}": … and ${bad - MAX_PROBLEMS} more cells that are not numbers (${bad} of ${n})`,
        table.file, headerLocation(table, c), 'not-numeric'));
    }
    throw new ProblemError(problems);
  }
  return out;
}
