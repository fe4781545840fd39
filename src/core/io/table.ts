import type { Range } from '../problems';

/**
 * A CSV read into memory: header names and the raw cell strings per column,
 * with each data row's 1-based line in the file so errors can point at cells.
 */
export interface Table {
  readonly file: string;
  readonly columns: readonly string[];
  /** cells[c][r]: raw text of column c, data row r. */
  readonly cells: readonly (readonly string[])[];
  /** 1-based line in the file where data row r starts. */
  readonly lineOfRow: Int32Array | readonly number[];
  readonly nrows: number;

  // ---- Optional, filled by parseCsv: where cells are, for precise error columns. ----

  /** Field delimiter of the file (',', ';' or '\t'). Lets `cellLocation` compute columns from cell lengths. */
  readonly delimiter?: string;
  /** 1-based line of the header row (1 unless the file starts with blank lines). */
  readonly headerLine?: number;
  /** 1-based character column of each header name on the header line. */
  readonly headerColumns?: Int32Array;
  /**
   * Only for files containing a quote character: cellColumn[r * ncols + c] is the 1-based
   * column where cell (r, c) starts, or 0 when row r had no quote (then lengths give it).
   */
  readonly cellColumn?: Int32Array;
  /** Cells that start on a later line than their row (after an embedded newline): flat index → extra lines. */
  readonly cellLineDelta?: ReadonlyMap<number, number>;
  /** The text and where its cells are, for a table read by the quote-free fast path (io/csvIndex). */
  readonly source?: CsvSource;
}

/** Where the cells of a quote-free CSV are in its text (io/csvIndex). */
export interface CsvSource {
  readonly text: string;
  /** starts[r · ncols + c]: offset of cell (r, c); a cell ends one before the next starts. */
  readonly starts: Int32Array;
  /** ends[r]: offset of row r's line end (where its last cell ends). */
  readonly ends: Int32Array;
}

/**
 * 1-based line/column of cell (row r, column c), with `endColumn` when cheap.
 * Columns count UTF-16 code units, as VS Code does. Without the optional position fields
 * (a Table not made by parseCsv) the column is the field's index + 1.
 */
export function cellLocation(table: Table, r: number, c: number): Range {
  const line = table.lineOfRow[r] ?? 1;
  const raw = table.cells[c]?.[r] ?? '';
  const ncols = table.columns.length;
  const flat = r * ncols + c;
  const known = table.cellColumn?.[flat] ?? 0;
  if (known > 0) {
    return { line: line + (table.cellLineDelta?.get(flat) ?? 0), column: known };
  }
  if (table.delimiter === undefined) return { line, column: c + 1 };
  if (table.source) {
    // A row of a quote-free text starts its line.
    const column = table.source.starts[flat] - table.source.starts[r * ncols] + 1;
    return { line, column, endLine: line, endColumn: column + raw.length };
  }
  // No quotes in this row: each field is its raw text followed by one delimiter.
  let column = 1;
  for (let k = 0; k < c; k++) column += table.cells[k][r].length + table.delimiter.length;
  return { line, column, endLine: line, endColumn: column + raw.length };
}

/** 1-based location of a header name. */
export function headerLocation(table: Table, c: number): Range {
  const line = table.headerLine ?? 1;
  const column = table.headerColumns?.[c] ?? c + 1;
  return { line, column, endLine: line, endColumn: column + (table.columns[c]?.length ?? 0) };
}
