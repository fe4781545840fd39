/**
 * Appending columns to CSV text (a fit's fitted values, residuals, local spillovers): one
 * insertion at the end of the header record and of every data record, so that as an edit of the
 * CSV's document it touches nothing else (and is one undo step). Pure.
 */
import type { Table } from '../../../core/io/table';
import { quoteCell } from './csvEdit';

export interface NewColumn {
  name: string;
  /** One per data row, in file order; null is written as an empty cell (missing). */
  values: readonly (number | null)[];
}

/** Insert `text` at the end of 0-based line `line` (before its line break). */
export interface LineInsertion {
  line: number;
  text: string;
}

/** `name`, or `name_2`, `name_3`, … when a column already has it. */
export function freeColumnName(name: string, taken: ReadonlySet<string>): string {
  if (!taken.has(name)) return name;
  for (let k = 2; ; k++) if (!taken.has(`${name}_${k}`)) return `${name}_${k}`;
}

/**
 * The insertions that append `columns` to `table` (parsed from the text whose lines are
 * `lineText(0..lineCount-1)`). A record ends on the last non-blank line before the next record
 * starts (quoted fields may span lines); the header is the record before the first data row.
 */
export function appendColumnInsertions(table: Table, lineCount: number, lineText: (line: number) => string, columns: readonly NewColumn[]): LineInsertion[] {
  const delim = table.delimiter ?? ',';
  const starts = [table.headerLine ?? 1, ...Array.from(table.lineOfRow)];
  const out: LineInsertion[] = [];
  for (let k = 0; k < starts.length; k++) {
    const start = starts[k] - 1;
    let end = (k + 1 < starts.length ? starts[k + 1] - 1 : lineCount) - 1;
    while (end > start && lineText(end).trim() === '') end--;
    const cells = k === 0
      ? columns.map((c) => quoteCell(c.name, delim))
      : columns.map((c) => {
        const v = c.values[k - 1];
        return v === null || v === undefined || !Number.isFinite(v) ? '' : String(v);
      });
    out.push({ line: end, text: cells.map((c) => `${delim}${c}`).join('') });
  }
  return out;
}

/** The text with the insertions applied (for a new CSV file). */
export function applyInsertions(lines: readonly string[], insertions: readonly LineInsertion[], eol: string): string {
  const out = [...lines];
  for (const ins of insertions) out[ins.line] += ins.text;
  return out.join(eol);
}
