/**
 * A fit as tidy CSV (RFC 4180, comma-separated, `\n` line ends, UTF-8):
 * - `coefficientsCsv`: one row per table cell — `table,row,column,value` — for the coefficients,
 *   residual quantiles, model statistics, impacts (with simulated SE / z / p), Moran's I and the
 *   LM tests; stable snake_case keys, the paper's labels are in the Markdown export;
 * - `observationsCsv`: one row per observation — id, observed, fitted, residual, optionally W·e
 *   (the results panel has it), and, per regressor, the local direct / indirect / total effects
 *   of a unit change at that observation (what the panel's "Export CSV…" writes, too);
 * - `tableTsv`: one table of export/tables.ts as the panel's "Copy" puts it on the clipboard.
 * Values keep full double precision (the shortest text that reads back to the same double);
 * NaN and ±Infinity are written `NA`, `Inf`, `-Inf` as R reads them.
 */
import { DECIMAL_RE } from '../io/decimal';
import type { FitResult } from '../result';
import { EFFECTS, LM_TESTS, QUANTILE_LABELS, statisticRows, type CellTable } from './tables';

/** A number for CSV: exact round-trip text (JavaScript's shortest representation). */
export function csvNumber(x: number | undefined): string {
  if (x === undefined || Number.isNaN(x)) return 'NA';
  if (x === Infinity) return 'Inf';
  if (x === -Infinity) return '-Inf';
  return String(x);
}

/**
 * A text field: quoted when it holds a comma, quote or line break (quotes doubled), and, against
 * formula injection when the file is opened in a spreadsheet, prefixed with `'` when it starts with
 * `=`, `+`, `-`, `@`, tab or carriage return and is not a number.
 */
export function csvText(s: string): string {
  let t = s;
  if (/^[=+\-@\t\r]/.test(t) && !DECIMAL_RE.test(t)) t = `'${t}`;
  return /[",\r\n]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t;
}

function csv(header: string[], rows: string[][]): string {
  return [header.map(csvText).join(','), ...rows.map((r) => r.join(','))].join('\n') + '\n';
}

/** The tables of a fit, one row per cell: `table,row,column,value`. */
export function coefficientsCsv(r: FitResult): string {
  const rows: string[][] = [];
  const cell = (table: string, row: string, column: string, value: number) => rows.push([table, csvText(row), column, csvNumber(value)]);
  const stat = r.model === 'ols' ? 't_value' : 'z_value';
  for (const c of r.coefficients) {
    cell('coefficients', c.name, 'estimate', c.estimate);
    cell('coefficients', c.name, 'std_error', c.stdError);
    cell('coefficients', c.name, stat, c.z);
    cell('coefficients', c.name, 'p_value', c.p);
  }
  const qKeys = ['min', 'q1', 'median', 'q3', 'max'];
  QUANTILE_LABELS.forEach((_, i) => cell('residual_quantiles', 'residuals', qKeys[i], r.residuals.quantiles[i]));
  for (const s of statisticRows(r)) cell('model_statistics', s.key, 'value', s.value);
  for (const imp of r.impacts ?? []) {
    for (const e of EFFECTS) {
      cell('impacts', imp.name, `${e}`, imp[e]);
      const sim = imp.simulated?.[e];
      if (sim) {
        cell('impacts', imp.name, `${e}_simulated_mean`, sim.mean);
        cell('impacts', imp.name, `${e}_simulated_std_error`, sim.stdError);
        cell('impacts', imp.name, `${e}_z_value`, sim.z);
        cell('impacts', imp.name, `${e}_p_value`, sim.p);
      }
    }
  }
  if (r.moranOls) {
    const m = r.moranOls;
    cell('moran_ols_residuals', 'moran_i', 'statistic', m.I);
    cell('moran_ols_residuals', 'moran_i', 'expectation', m.expectation);
    cell('moran_ols_residuals', 'moran_i', 'variance', m.variance);
    cell('moran_ols_residuals', 'moran_i', 'standard_deviate', m.z);
    cell('moran_ols_residuals', 'moran_i', 'p_value', m.p);
    cell('moran_ols_residuals', 'moran_i', 'p_value_two_sided', m.pTwoSided);
  }
  if (r.lmTestsOls) {
    for (const n of LM_TESTS) {
      const t = r.lmTestsOls[n];
      cell('lm_tests_ols_residuals', n, 'statistic', t.statistic);
      cell('lm_tests_ols_residuals', n, 'df', t.df);
      cell('lm_tests_ols_residuals', n, 'p_value', t.p);
    }
  }
  return csv(['table', 'row', 'column', 'value'], rows);
}

/** Per observation, in data-row order: id, observed, fitted, residual, W·e when given (`laggedResiduals`, n values), local effects. */
export function observationsCsv(r: FitResult, laggedResiduals?: readonly number[]): string {
  const header = ['id', 'observed', 'fitted', 'residual'];
  const cols: (readonly number[])[] = [];
  if (laggedResiduals && laggedResiduals.length === r.n) {
    header.push('W_residual');
    cols.push(laggedResiduals);
  }
  for (const s of r.localSpillover ?? []) {
    for (const e of EFFECTS) {
      const values = s[e];
      if (!values || values.length !== r.n) continue;
      header.push(`local_${e}_${s.name}`);
      cols.push(values);
    }
  }
  const rows = Array.from({ length: r.n }, (_, i) => [
    csvText(r.ids[i] ?? String(i + 1)),
    csvNumber(r.observed[i]),
    csvNumber(r.fitted[i]),
    csvNumber(r.residuals.values[i]),
    ...cols.map((c) => csvNumber(c[i])),
  ]);
  return csv(header, rows);
}

/** A table as tab-separated text: header (an empty label replaced by its accessible name), then the rows as shown. */
export function tableTsv(t: CellTable): string {
  const clean = (s: string) => s.replace(/[\t\r\n]+/g, ' ');
  const header = [...t.corner, ...t.columns.map((c, j) => c || t.columnLabels[j])];
  return [header, ...t.rows.map((r) => [...r.heads, ...r.cells])].map((cells) => cells.map(clean).join('\t')).join('\n') + '\n';
}

/** Both CSV files of a fit. */
export function toCsv(r: FitResult): { coefficients: string; observations: string } {
  return { coefficients: coefficientsCsv(r), observations: observationsCsv(r) };
}
