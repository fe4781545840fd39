/**
 * A model term's values from the table: the column it reads, transformed (spec/terms), with a
 * value the transform cannot take reported at its cell and naming the spec entry to change.
 */
import { error, ProblemError, type Range } from '../problems';
import { applyTransform, parseTerm, TRANSFORM_NEEDS, type Term } from '../spec/terms';
import { columnIndex, numericColumn } from './csv';
import { cellLocation, type Table } from './table';

export function termColumn(table: Table, text: string, specFile: string | undefined, specRange: Range | undefined, field: string): { term: Term; values: Float64Array } {
  const term = parseTerm(text, table.columns);
  const raw = numericColumn(table, term.column, specFile, specRange);
  const out = applyTransform(raw, term.transform);
  if ('values' in out) return { term, values: out.values };
  const c = columnIndex(table, term.column);
  const r = out.badRow;
  const needs = TRANSFORM_NEEDS[term.transform!];
  const message = term.transform === 'scale'
    ? `"${text}" (${field}): column "${term.column}" has no spread to scale by; ${term.transform} needs ${needs}`
    : `"${text}" (${field}) needs ${needs}; column "${term.column}" is ${table.cells[c][r]} in row ${r + 1}`;
  throw new ProblemError(error(message, table.file, term.transform === 'scale' ? { line: table.lineOfRow[0] ?? 1, column: 1 } : cellLocation(table, r, c), 'bad-transform'));
}
