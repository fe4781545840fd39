/**
 * The grid's view of a CSV, whichever way it was read: a `Table` parsed by the engine from a text
 * document (editable), or a row index over the file's bytes (large files, read-only).
 */
import type { Table } from '../../../core/io/table';
import { readRow, type CsvIndex } from './csvIndex';

export interface DataSource {
  readonly columns: readonly string[];
  readonly nrows: number;
  readonly delimiter: string;
  /** Cells of data row r (0-based, file order), one per column. */
  row(r: number): string[];
  cell(r: number, c: number): string;
  /** Called once per data row with a different number of fields than the header (during scans). */
  onRagged?: (r: number, fields: number) => void;
}

export class TableSource implements DataSource {
  onRagged?: (r: number, fields: number) => void;
  constructor(readonly table: Table) {}
  get columns(): readonly string[] {
    return this.table.columns;
  }
  get nrows(): number {
    return this.table.nrows;
  }
  get delimiter(): string {
    return this.table.delimiter ?? ',';
  }
  row(r: number): string[] {
    const cells = this.table.cells;
    const out = new Array<string>(cells.length);
    for (let c = 0; c < cells.length; c++) out[c] = cells[c][r];
    return out;
  }
  cell(r: number, c: number): string {
    return this.table.cells[c][r];
  }
}

export class IndexedSource implements DataSource {
  private lastRow = -1;
  private lastCells: string[] = [];
  onRagged?: (r: number, fields: number) => void;
  constructor(readonly index: CsvIndex) {}
  get columns(): readonly string[] {
    return this.index.columns;
  }
  get nrows(): number {
    return this.index.nrows;
  }
  get delimiter(): string {
    return this.index.delimiter;
  }
  row(r: number): string[] {
    if (r === this.lastRow) return this.lastCells;
    const cells = readRow(this.index, r, this.onRagged);
    this.lastRow = r;
    this.lastCells = cells;
    return cells;
  }
  cell(r: number, c: number): string {
    return this.row(r)[c];
  }
}

/** Lets the event loop breathe between chunks of a long scan (page requests are served meanwhile). */
export type Yield = () => Promise<void>;
export const yieldToEventLoop: Yield = () => new Promise((resolve) => setImmediate(resolve));

/** Thrown out of a scan that is no longer wanted (the data was re-read). */
export class ScanCancelled extends Error {}
