/**
 * The results panel's tables as plain data (no DOM): the source paper's three tables laid out as
 * R prints them (spatialreg's `summary()`: coefficients, residual quantiles, model statistics),
 * then impacts, the tests on the OLS residuals, and per-observation values. Every number is
 * formatted by src/core/report/format.ts, exactly as the CLI's text report does, so the panel,
 * the report and R agree to the digit. Also: TSV and Markdown renderings for "Copy".
 */
import type { FitResult, ImpactRow, SimulatedImpact } from '../../src/core/result';
import {
  formatNumber,
  formatPval,
  formatReal,
  formatSignif,
  roundDecimals,
  signifStars,
  zapsmall,
  SIGNIF_LEGEND,
  type CoefTableRow,
} from '../../src/core/report/format';
import { pfUpper } from '../../src/core/inference/distributions';

export interface TableRow {
  /** Row headers (usually one; impacts: variable and effect). */
  heads: string[];
  cells: string[];
  /** The coefficient / regressor this row is about (hovers, highlighting). */
  term?: string;
}

export interface TableModel {
  /** DOM id and file-name stem. */
  id: string;
  /** Caption, e.g. "Table 1. Coefficients (asymptotic standard errors)". */
  title: string;
  /** Labels of the row-header columns (same length as each row's `heads`). */
  corner: string[];
  columns: string[];
  /** Accessible names of columns whose label is empty or terse (e.g. the stars column). */
  columnLabels?: string[];
  align: ('left' | 'right')[];
  rows: TableRow[];
  /** Lines printed under the table (legend, notes). */
  notes: string[];
}

// ---------------------------------------------------------------------------------------------
// Table 1: coefficients (R's printCoefmat)

export interface CoefCells {
  estimate: string;
  stdError: string;
  statistic: string;
  p: string;
  stars: string;
}

/**
 * The cells of R's `printCoefmat` (what `formatCoefTable` lays out as text): estimates and SEs
 * rounded jointly so the smallest keeps `digits` significant digits, test statistics to
 * `digits − 1` decimals, p-values by `format.pval`. Kept identical to formatCoefTable (tested).
 */
export function coefCells(rows: readonly CoefTableRow[], digits = 5): CoefCells[] {
  const digTst = Math.max(1, Math.min(5, digits - 1));
  const cs = rows.flatMap((r) => [r.estimate, r.stdError]);
  const acs = cs.map(Math.abs).filter((v) => Number.isFinite(v) && v !== 0);
  const digmin = acs.length ? 1 + Math.floor(Math.log10(Math.min(...acs))) : 1;
  const dec = Math.max(1, digits - digmin);
  const csText = formatReal(cs.map((v) => roundDecimals(v, dec)), digits).map((s) => s.trim());
  cs.forEach((v, i) => {
    if (v !== 0 && Number.isFinite(v) && Number(csText[i]) === 0) csText[i] = formatNumber(v, Math.max(1, digits - 1));
  });
  const tst = formatReal(rows.map((r) => roundDecimals(r.statistic, digTst)), digits).map((s) => s.trim());
  const pv = formatPval(rows.map((r) => r.p), digTst);
  return rows.map((r, i) => ({ estimate: csText[2 * i], stdError: csText[2 * i + 1], statistic: tst[i], p: pv[i], stars: signifStars(r.p) }));
}

export const MODEL_TITLES: Readonly<Record<FitResult['model'], string>> = {
  lag: 'Spatial lag model (SAR)',
  error: 'Spatial error model (SEM)',
  durbin: 'Spatial Durbin model (SDM)',
  ols: 'Ordinary least squares (OLS)',
};

const SHORT: Readonly<Record<FitResult['model'], string>> = { lag: 'SAR', error: 'SEM', durbin: 'SDM', ols: 'OLS' };

export const isOls = (r: FitResult) => r.model === 'ols';
/** printCoefmat digits: spatialreg's summary uses 5, lm's 4. */
export const coefDigits = (r: FitResult) => (isOls(r) ? 4 : 5);
export const seLabel = (r: FitResult) => (r.se === 'hessian' ? 'numerical Hessian' : 'asymptotic');

export function coefficientTable(r: FitResult): TableModel {
  const ols = isOls(r);
  const cells = coefCells(r.coefficients.map((c) => ({ name: c.name, estimate: c.estimate, stdError: c.stdError, statistic: c.z, p: c.p })), coefDigits(r));
  const anyStars = cells.some((c) => c.stars !== '');
  return {
    id: 'coefficients',
    title: ols ? 'Table 1. Coefficients' : `Table 1. Coefficients (${r.se === 'hessian' ? 'numerical Hessian approximate' : 'asymptotic'} standard errors)`,
    corner: [''],
    columns: ['Estimate', 'Std. Error', ols ? 't value' : 'z value', ols ? 'Pr(>|t|)' : 'Pr(>|z|)', ''],
    columnLabels: ['Estimate', 'Standard error', ols ? 't value' : 'z value', 'p-value', 'Significance'],
    align: ['right', 'right', 'right', 'right', 'left'],
    rows: r.coefficients.map((c, i) => ({ heads: [c.name], cells: [cells[i].estimate, cells[i].stdError, cells[i].statistic, cells[i].p, cells[i].stars], term: c.name })),
    notes: anyStars ? ['---', SIGNIF_LEGEND] : [],
  };
}

// ---------------------------------------------------------------------------------------------
// Table 2: residual quantiles (R's print of a named vector)

export function residualTable(r: FitResult): TableModel {
  const q = isOls(r) ? zapsmall(r.residuals.quantiles, 5) : r.residuals.quantiles;
  const text = formatReal(q, isOls(r) ? 4 : 5).map((s) => s.trim());
  return {
    id: 'residuals',
    title: 'Table 2. Residuals',
    corner: [],
    columns: ['Min', '1Q', 'Median', '3Q', 'Max'],
    columnLabels: ['Minimum', 'First quartile', 'Median', 'Third quartile', 'Maximum'],
    align: ['right', 'right', 'right', 'right', 'right'],
    rows: [{ heads: [], cells: text }],
    notes: [],
  };
}

// ---------------------------------------------------------------------------------------------
// Table 3: model statistics (spatialreg's summary block, one statistic per row as in the paper)

const pval = (p: number, digits = 5) => formatPval([p], digits)[0];

export function statisticsTable(r: FitResult): TableModel {
  const rows: TableRow[] = [];
  const add = (label: string, value: string) => rows.push({ heads: [label], cells: [value] });
  if (isOls(r)) {
    const df = r.dfResidual ?? r.n - r.coefficients.length;
    const sse = r.residuals.values.length ? r.residuals.values.reduce((s, e) => s + e * e, 0) : r.sigma2 * r.n;
    add('Residual standard error', `${formatSignif(Math.sqrt(sse / df), 4)} on ${df} degrees of freedom`);
    if (r.rSquared !== undefined) add('Multiple R-squared', formatSignif(r.rSquared, 4));
    if (r.adjRSquared !== undefined) add('Adjusted R-squared', formatSignif(r.adjRSquared, 4));
    const hasIntercept = r.coefficients.some((c) => c.name === '(Intercept)');
    const numdf = r.coefficients.length - (hasIntercept ? 1 : 0);
    if (r.rSquared !== undefined && numdf > 0 && df > 0) {
      const f = r.rSquared / numdf / ((1 - r.rSquared) / df);
      add('F-statistic', `${formatSignif(f, 4)} on ${numdf} and ${df} DF`);
      add('p-value (F)', pval(pfUpper(f, numdf, df), 4));
    }
    add('Log likelihood', formatNumber(r.logLik, 7));
    add('Residual variance (sigma squared, ML)', formatSignif(r.sigma2, 5));
    add('Number of observations', String(r.n));
    add('Number of parameters estimated', String(r.parameters));
    add('AIC', formatSignif(r.aic, 5));
  } else {
    const isError = r.model === 'error';
    const par = isError ? r.lambda : r.rho;
    const name = isError ? 'Lambda' : 'Rho';
    const se = seLabel(r);
    if (par) add(name, formatSignif(par.estimate, 5));
    if (r.lrTest) {
      add('LR test value', formatSignif(r.lrTest.statistic, 5));
      add('p-value (LR)', pval(r.lrTest.p));
    }
    if (par && Number.isFinite(par.stdError)) {
      add(`Std. error of ${name.toLowerCase()} (${se})`, formatSignif(par.stdError, 5));
      add(`z-value (${se})`, formatSignif(par.z, 5));
      add('p-value (z)', pval(par.p));
    }
    if (r.wald) {
      add('Wald statistic', formatSignif(r.wald.statistic, 5));
      add('p-value (Wald)', pval(r.wald.p));
    }
    add('Log likelihood', formatNumber(r.logLik, 7));
    add('Residual variance (sigma squared)', formatSignif(r.sigma2, 5));
    add('Sigma', formatSignif(r.sigma, 5));
    add('Number of observations', String(r.n));
    add('Number of parameters estimated', String(r.parameters));
    add(`AIC (${SHORT[r.model]})`, formatSignif(r.aic, 5));
    add('AIC (LM, i.e. OLS)', formatSignif(r.aicOls, 5));
    if (!isError && r.lmResidualAutocorrelation) {
      add('LM test for residual autocorrelation', formatSignif(r.lmResidualAutocorrelation.statistic, 5));
      add('p-value (LM test)', pval(r.lmResidualAutocorrelation.p));
    }
  }
  return {
    id: 'statistics',
    title: 'Table 3. Model statistics',
    corner: ['Statistic'],
    columns: ['Value'],
    align: ['right'],
    rows,
    notes: [],
  };
}

// ---------------------------------------------------------------------------------------------
// Impacts (spatialreg's summary(impacts(...), zstats = TRUE)), one row per variable and effect

export const EFFECTS = ['direct', 'indirect', 'total'] as const;
export type Effect = (typeof EFFECTS)[number];
export const EFFECT_LABELS: Readonly<Record<Effect, string>> = { direct: 'Direct', indirect: 'Indirect', total: 'Total' };

/** Impact cells per variable and effect, each (effect, statistic) column formatted as R prints that matrix column. */
export function impactCells(rows: readonly ImpactRow[]): Record<Effect, { estimate: string; se?: string; z?: string; p?: string; stars?: string }[]> {
  const simulated = rows.length > 0 && rows.every((r) => r.simulated);
  const out = {} as Record<Effect, { estimate: string; se?: string; z?: string; p?: string; stars?: string }[]>;
  for (const e of EFFECTS) {
    const est = formatReal(rows.map((r) => r[e]), 7).map((s) => s.trim());
    if (!simulated) {
      out[e] = est.map((estimate) => ({ estimate }));
      continue;
    }
    const sim = (f: (s: SimulatedImpact) => number) => rows.map((r) => f(r.simulated![e]));
    const se = formatReal(sim((s) => s.stdError), 7).map((s) => s.trim());
    const z = formatReal(sim((s) => s.z), 7).map((s) => s.trim());
    const ps = sim((s) => s.p);
    const p = formatPval(ps, 5);
    out[e] = est.map((estimate, i) => ({ estimate, se: se[i], z: z[i], p: p[i], stars: signifStars(ps[i]) }));
  }
  return out;
}

export function impactsTable(r: FitResult): TableModel | undefined {
  const rows = r.impacts;
  if (!rows || rows.length === 0) return undefined;
  const cells = impactCells(rows);
  const simulated = rows.every((x) => x.simulated);
  const method = r.impactsMethod === 'traces' ? 'trace' : r.impactsMethod === 'eigen' ? 'exact' : undefined;
  const s0 = rows[0].simulated;
  const notes: string[] = [];
  if (simulated && s0) {
    notes.push(`Std. Error, z and p from ${s0.draws} simulated draws (seed ${s0.seed}) of the estimates from their ${seLabel(r)} covariance; z = simulated mean / simulated standard error.`);
    if (rows.some((x) => EFFECTS.some((e) => x.simulated![e].p < 0.1))) notes.push(SIGNIF_LEGEND);
  }
  return {
    id: 'impacts',
    title: `Impacts (${SHORT[r.model]}${method ? `, ${method}` : ''})`,
    corner: ['Variable', 'Effect'],
    columns: simulated ? ['Impact', 'Std. Error', 'z value', 'Pr(>|z|)', ''] : ['Impact'],
    columnLabels: simulated ? ['Impact', 'Simulated standard error', 'Simulated z value', 'p-value', 'Significance'] : ['Impact'],
    align: simulated ? ['right', 'right', 'right', 'right', 'left'] : ['right'],
    rows: rows.flatMap((x, i) =>
      EFFECTS.map((e) => {
        const c = cells[e][i];
        return { heads: [x.name, EFFECT_LABELS[e]], cells: simulated ? [c.estimate, c.se!, c.z!, c.p!, c.stars!] : [c.estimate], term: x.name };
      }),
    ),
    notes,
  };
}

// ---------------------------------------------------------------------------------------------
// Tests on the OLS residuals (spdep lm.morantest, lm.LMtests)

export function moranTable(r: FitResult): TableModel | undefined {
  const m = r.moranOls;
  if (!m) return undefined;
  const est = formatReal([m.I, m.expectation, m.variance], 7).map((s) => s.trim());
  return {
    id: 'moran',
    title: "Moran's I test for spatial autocorrelation in the OLS residuals",
    corner: ['Statistic'],
    columns: ['Value'],
    align: ['right'],
    rows: [
      { heads: ['Observed Moran I'], cells: [est[0]] },
      { heads: ['Expectation'], cells: [est[1]] },
      { heads: ['Variance'], cells: [est[2]] },
      { heads: ['Standard deviate (z)'], cells: [formatNumber(m.z, 5)] },
      { heads: ['p-value (alternative: greater)'], cells: [pval(m.p, 4)] },
    ],
    notes: [],
  };
}

export const LM_TESTS = ['LMerr', 'LMlag', 'RLMerr', 'RLMlag', 'SARMA'] as const;

export function lmTestsTable(r: FitResult): TableModel | undefined {
  const t = r.lmTestsOls;
  if (!t) return undefined;
  const stats = formatReal(LM_TESTS.map((n) => t[n].statistic), 5).map((s) => s.trim());
  const ps = formatPval(LM_TESTS.map((n) => t[n].p), 4);
  const stars = LM_TESTS.map((n) => signifStars(t[n].p));
  return {
    id: 'lmtests',
    title: 'Lagrange multiplier diagnostics for spatial dependence (OLS residuals)',
    corner: ['Test'],
    columns: ['statistic', 'df', 'p-value', ''],
    columnLabels: ['Statistic', 'Degrees of freedom', 'p-value', 'Significance'],
    align: ['right', 'right', 'right', 'left'],
    rows: LM_TESTS.map((n, i) => ({ heads: [n], cells: [stats[i], String(t[n].df), ps[i], stars[i]] })),
    notes: stars.some((s) => s) ? ['---', SIGNIF_LEGEND] : [],
  };
}

// ---------------------------------------------------------------------------------------------
// Per-observation values (CSV export): full precision, as R's write.csv would write them

export function observationColumns(r: FitResult, laggedResiduals?: readonly number[]): { name: string; values: readonly (number | string)[] }[] {
  const cols: { name: string; values: readonly (number | string)[] }[] = [
    { name: 'id', values: r.ids },
    { name: `observed_${r.dependent}`, values: r.observed },
    { name: 'fitted', values: r.fitted },
    { name: 'residual', values: r.residuals.values },
  ];
  if (laggedResiduals && laggedResiduals.length === r.n) cols.push({ name: 'W_residual', values: laggedResiduals });
  for (const s of r.localSpillover ?? []) {
    cols.push({ name: `${s.name}_local_direct`, values: s.direct });
    cols.push({ name: `${s.name}_local_indirect`, values: s.indirect });
    cols.push({ name: `${s.name}_local_total`, values: s.total });
  }
  return cols;
}

export function observationsCsv(r: FitResult, laggedResiduals?: readonly number[]): string {
  const cols = observationColumns(r, laggedResiduals);
  const cell = (v: number | string) => (typeof v === 'number' ? (Number.isFinite(v) ? String(v) : 'NA') : csvQuote(v));
  const lines = [cols.map((c) => csvQuote(c.name)).join(',')];
  for (let i = 0; i < r.n; i++) lines.push(cols.map((c) => cell(c.values[i] ?? NaN)).join(','));
  return lines.join('\n') + '\n';
}

function csvQuote(s: string): string {
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

// ---------------------------------------------------------------------------------------------
// Copy formats

export function tableToTsv(t: TableModel): string {
  const clean = (s: string) => s.replace(/[\t\r\n]+/g, ' ');
  const header = [...t.corner, ...t.columns.map((c, j) => c || t.columnLabels?.[j] || '')];
  const lines = [header, ...t.rows.map((r) => [...r.heads, ...r.cells])].map((cells) => cells.map(clean).join('\t'));
  return lines.join('\n') + '\n';
}

export function tableToMarkdown(t: TableModel): string {
  // Escape what Markdown would read as markup: backslash, pipe, emphasis (the stars column), code.
  const esc = (s: string) => s.replace(/[\\|*_`]/g, (c) => `\\${c}`).replace(/[\r\n]+/g, ' ');
  const header = [...t.corner.map((c) => c || ' '), ...t.columns.map((c) => c || ' ')];
  const align = [...t.corner.map(() => ':---'), ...t.align.map((a) => (a === 'right' ? '---:' : ':---'))];
  const lines = [`**${esc(t.title)}**`, '', `| ${header.map(esc).join(' | ')} |`, `|${align.join('|')}|`];
  for (const r of t.rows) lines.push(`| ${[...r.heads, ...r.cells].map((c) => (c === '' ? ' ' : esc(c))).join(' | ')} |`);
  if (t.notes.length) lines.push('', ...t.notes.filter((n) => n !== '---').map(esc));
  return lines.join('\n') + '\n';
}

/** Every table of the result, in panel order. */
export function allTables(r: FitResult): TableModel[] {
  return [coefficientTable(r), residualTable(r), statisticsTable(r), impactsTable(r), moranTable(r), lmTestsTable(r)].filter((t): t is TableModel => t !== undefined);
}

/** The model's formula as R writes it (Durbin's lag.X terms are implied by the model). */
export function formula(r: FitResult): string {
  const xs = r.coefficients.map((c) => c.name).filter((n) => n !== '(Intercept)' && !(r.model === 'durbin' && n.startsWith('lag.')));
  const hasIntercept = r.coefficients.some((c) => c.name === '(Intercept)');
  return `${r.dependent} ~ ${xs.length ? (hasIntercept ? '' : '0 + ') + xs.join(' + ') : hasIntercept ? '1' : '0'}`;
}

/** Every table as Markdown, with a heading, the impacts' reading guide and the warnings ("Copy report", "Export Markdown"). */
export function reportMarkdown(title: string, r: FitResult, explanation: readonly string[] = []): string {
  const md = (s: string) => s.replace(/[\\|*_`]/g, (c) => `\\${c}`);
  const parts = [`# ${md(title)}`, '', `${MODEL_TITLES[r.model]}${r.model === 'ols' ? '' : ', maximum likelihood'}: \`${formula(r)}\`, n = ${r.n}`, ''];
  for (const t of allTables(r)) parts.push(tableToMarkdown(t));
  if (explanation.length) parts.push(...explanation.map(md), '');
  if (r.warnings.length) parts.push('**Warnings**', '', ...r.warnings.map((w) => `- ${md(w.message)}`), '');
  return parts.join('\n');
}
