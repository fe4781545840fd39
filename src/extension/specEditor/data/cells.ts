/**
 * What the engine makes of one CSV cell of a numeric column: a number, a missing value, or text.
 * The rules are the engine's (src/core/io/csv.ts `numericColumn`): a decimal number with optional
 * sign and exponent, spaces trimmed; in semicolon files also a decimal comma; empty and NA-like
 * cells are missing. test/unit/editorCells.test.ts checks that both agree cell by cell.
 */

import { DECIMAL_RE } from '../../../core/io/csv';

export type CellKind = 'number' | 'missing' | 'text';

const MISSING = new Set(['', 'na', 'n/a', '#n/a', 'nan', 'null', 'none', '.', '-', '?']);

/** A decimal number, spaces around it allowed (the engine's DECIMAL_RE: linear time on any input). */
const isDecimal = (s: string) => DECIMAL_RE.test(s.trim());
/** The same with a decimal comma instead of the point (semicolon files, as R's read.csv2). */
const isDecimalComma = (s: string) => !s.includes('.') && DECIMAL_RE.test(s.trim().replace(',', '.'));

/** The cell's value, or NaN when it is not a (finite) number. */
export function cellNumber(s: string, decimalComma: boolean): number {
  if (isDecimal(s)) {
    const v = Number(s);
    return Number.isFinite(v) ? v : NaN;
  }
  if (decimalComma && isDecimalComma(s)) {
    const v = Number(s.trim().replace(',', '.'));
    return Number.isFinite(v) ? v : NaN;
  }
  return NaN;
}

export function cellKind(s: string, decimalComma: boolean): CellKind {
  if (!Number.isNaN(cellNumber(s, decimalComma))) return 'number';
  return MISSING.has(s.trim().toLowerCase()) ? 'missing' : 'text';
}

/** Why a cell of a model column is invalid, in the engine's words (undefined: it is a number). */
export function cellProblem(s: string, decimalComma: boolean): string | undefined {
  if (!Number.isNaN(cellNumber(s, decimalComma))) return undefined;
  const t = s.trim();
  const show = JSON.stringify(t.length > 40 ? t.slice(0, 40) + '…' : t);
  if (t === '') return 'empty cell (missing value)';
  if (MISSING.has(t.toLowerCase())) return `${show} is a missing value`;
  if (isDecimal(s)) return `${show} is too large for a double`;
  if (/^[+-]?(inf|infinity)$/i.test(t)) return `${show} is not a finite number`;
  if (isDecimalComma(s)) return `${show} is not a number (decimal comma? write ${t.replace(',', '.')})`;
  return `${show} is not a number`;
}
