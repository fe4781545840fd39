/**
 * The tables of a fit as formatted cells, the one source for every view of them: the results
 * panel draws `resultTables`, the Markdown export writes them, the LaTeX and CSV exports, the
 * spec's hovers and the CLI's text report take their cells from here. The source paper's
 * (/work/shared/paper.md) Table 1 (coefficients), Table 2 (residual quantiles) and Table 3 (model
 * statistics, under the paper's labels), then impacts and the tests on the OLS residuals. Every
 * number is formatted as R prints it (report/format.ts: significant digits, never a fixed number
 * of decimals); the raw doubles travel alongside for the CSV. Pure (no Node built-ins): the
 * results webview bundles this module for the browser.
 */
import type { Diagnostics, FitResult, ImpactRow, LmTests, SpatialParameter, TraceAccuracy } from '../result';
import type { ModelType } from '../spec/types';
import { MODELS } from '../spec/schema';
import { isLinear, MODEL_FORM, MODEL_NAMES as FAMILY_NAMES } from '../models/family';
import { pfUpper } from '../inference/distributions';
import { conditionNumberLine, DURBIN_LM_TESTS, heteroskedasticityTests, jarqueBeraLine, testCells, vifCells } from '../report/diagnostics';
import {
  coefTableCells,
  formatNumber,
  formatPval,
  formatReal,
  formatSignif,
  signifStars,
  zapsmall,
  SIGNIF_LEGEND,
  type CoefTableCells,
} from '../report/format';

/** spatialreg's `print.summary.Sarlm` digits. */
export const DIGITS = 5;

// ---------------------------------------------------------------------------------------------
// Names

/** Model names, for captions ("Spatial lag model (SAR) of CRIME"). */
export const MODEL_NAMES: Readonly<Record<ModelType, string>> = mapModels((m) => FAMILY_NAMES[m].name);

/** Titles: the model and how it was estimated. */
export const MODEL_TITLES: Readonly<Record<ModelType, string>> = mapModels((m) =>
  `${FAMILY_NAMES[m].name}, ${m === 'ols' ? 'ordinary least squares' : isLinear(m) ? 'least squares' : 'maximum likelihood'}`,
);

function mapModels(f: (m: ModelType) => string): Record<ModelType, string> {
  return Object.fromEntries(MODELS.map((m) => [m, f(m)])) as Record<ModelType, string>;
}

/** A fit's spatial parameters as spatialreg's summary names them: Rho (ρWy) first, then Lambda (λWu). */
export function spatialParameters(r: Pick<FitResult, 'rho' | 'lambda'>): { name: 'Rho' | 'Lambda'; parameter: SpatialParameter }[] {
  const out: { name: 'Rho' | 'Lambda'; parameter: SpatialParameter }[] = [];
  if (r.rho) out.push({ name: 'Rho', parameter: r.rho });
  if (r.lambda) out.push({ name: 'Lambda', parameter: r.lambda });
  return out;
}

/** Where the standard errors come from, as the labels of Table 3 say it. */
export function seLabel(r: Pick<FitResult, 'se'>): string {
  return r.se === 'hessian' ? 'numerical Hessian' : 'asymptotic';
}

/**
 * The coefficient table's title as spatialreg's summary gives it: the error model's β SEs are
 * always the GLS ones s²(X_λ'X_λ)⁻¹, "asymptotic", even when λ's comes from the Hessian.
 */
export function coefficientSeTitle(r: Pick<FitResult, 'se' | 'model'>): string {
  if (isLinear(r.model)) return 'OLS';
  return r.se === 'hessian' && !isErrorOnly(r.model) ? 'numerical Hessian approximate standard errors' : 'asymptotic standard errors';
}

/** "exact", or "Monte Carlo, 32 vectors, rel. SE ≈ 3.1e-4". */
export function traceAccuracyText(a: TraceAccuracy): string {
  return a.method === 'exact' ? 'exact' : `Monte Carlo, ${a.vectors} vectors, rel. SE ≈ ${formatSignif(a.relativeSE, 2)}`;
}

/** How a spatial fit was estimated: "Log-determinant: eigen (exact); standard errors: asymptotic; traces: exact". */
export function estimationLine(r: Pick<FitResult, 'logdet' | 'logdetExact' | 'se' | 'traces'>): string {
  const ld = r.logdet === 'none' ? 'none' : `${r.logdet} (${r.logdetExact ? 'exact' : 'approximation'})`;
  return `Log-determinant: ${ld}; standard errors: ${seLabel(r)}${r.traces ? `; traces: ${traceAccuracyText(r.traces)}` : ''}`;
}

/** SEM and SDEM: the spatial term is in the errors only; spatialreg's GLS β SEs and "Lambda" block. */
export const isErrorOnly = (model: ModelType): boolean => MODEL_FORM[model].lambda && !MODEL_FORM[model].rho;

/** Regressor names of the formula (no intercept, no Durbin lags). */
export function regressors(r: Pick<FitResult, 'coefficients' | 'model'>): string[] {
  return r.coefficients.map((c) => c.name).filter((n) => n !== '(Intercept)' && !(MODEL_FORM[r.model].wx && n.startsWith('lag.')));
}

/** `y ~ x1 + x2` as R writes it; Durbin's lag.X terms are implied by the model (names as they are; callers quote them for their target). */
export function formulaText(r: Pick<FitResult, 'coefficients' | 'model' | 'dependent'>): string {
  const xs = regressors(r);
  const intercept = r.coefficients.some((c) => c.name === '(Intercept)');
  if (!xs.length) return `${r.dependent} ~ ${intercept ? '1' : '0'}`;
  return `${r.dependent} ~ ${intercept ? '' : '0 + '}${xs.join(' + ')}`;
}

// ---------------------------------------------------------------------------------------------
// Cells

/** printCoefmat's digits: spatialreg's summary uses 5, R's `print.summary.lm` 4 (max(3, getOption("digits") − 3)). */
function coefficientDigits(model: ModelType): number {
  return isLinear(model) ? 4 : DIGITS;
}

export interface CoefficientCells extends CoefTableCells {
  name: string;
}

/**
 * Table 1 cells, R's `printCoefmat` (report/format.ts `coefTableCells`). The paper's Table 1 is
 * exactly this with digits 5 (343733.063, 112418.825, 3.0576, 0.002231).
 */
export function coefficientCells(result: Pick<FitResult, 'coefficients' | 'model'>, digits = coefficientDigits(result.model)): CoefficientCells[] {
  const rows = result.coefficients;
  const cells = coefTableCells(rows.map((c) => ({ name: c.name, estimate: c.estimate, stdError: c.stdError, statistic: c.z, p: c.p })), digits);
  return rows.map((r, i) => ({ name: r.name, ...cells[i] }));
}

/** Column labels of Table 1: z for ML fits, t for OLS. */
export function coefficientHeader(result: Pick<FitResult, 'model'>): { statistic: string; p: string } {
  return isLinear(result.model) ? { statistic: 't value', p: 'Pr(>|t|)' } : { statistic: 'z value', p: 'Pr(>|z|)' };
}

export const QUANTILE_LABELS = ['Min', '1Q', 'Median', '3Q', 'Max'] as const;

/**
 * Table 2 cells: the residual quantiles in one common format, as R prints them: spatialreg's
 * summary at 5 digits; `print.summary.lm` at 4 digits after `zapsmall(quantile(resid), digits + 1)`.
 */
export function quantileCells(result: Pick<FitResult, 'residuals' | 'model'>): string[] {
  const digits = coefficientDigits(result.model);
  const q = isLinear(result.model) ? zapsmall(result.residuals.quantiles, digits + 1) : result.residuals.quantiles;
  return formatReal(q, digits).map((s) => s.trim());
}

/** One row of Table 3. `key` is stable (CSV), `label` is the paper's wording. */
export interface StatisticRow {
  key: string;
  label: string;
  value: number;
  text: string;
}

/** R's `summary.lm`: the residual standard error on its degrees of freedom, and the F-test of the regressors (against the intercept alone). */
export function olsSummary(r: FitResult): { rse: number; df: number; f?: { value: number; numdf: number; p: number } } {
  const df = r.dfResidual ?? r.n - r.coefficients.length;
  const sse = r.residuals.values.length ? r.residuals.values.reduce((s, e) => s + e * e, 0) : r.sigma2 * r.n;
  const numdf = r.coefficients.length - (r.coefficients.some((c) => c.name === '(Intercept)') ? 1 : 0);
  if (r.rSquared === undefined || numdf <= 0 || df <= 0) return { rse: Math.sqrt(sse / df), df };
  const f = r.rSquared / numdf / ((1 - r.rSquared) / df);
  return { rse: Math.sqrt(sse / df), df, f: { value: f, numdf, p: pfUpper(f, numdf, df) } };
}

function p(x: number, digits = DIGITS): string {
  return formatPval([x], digits)[0];
}

/**
 * Table 3: the model statistics in the paper's order and with its labels ("Rho", "LR test value",
 * "p-value (LR)", "Std. error of rho (numerical Hessian)", "z-value (numerical Hessian)", "Wald
 * statistic", "Log likelihood", "Residual variance (sigma squared)", "Sigma", "Number of
 * observations", "Number of parameters estimated", "AIC (SAR)", "AIC (LM, i.e. OLS)"), plus the
 * p-values of z and Wald and the LM test for residual autocorrelation, which the paper left out.
 * Values as spatialreg's summary prints them (`format(signif(x, 5))`; log-likelihood with 7 digits).
 * For OLS, as `print.summary.lm` (4 digits): residual standard error and its degrees of freedom,
 * R², adjusted R², the F-statistic and its p-value; then log-likelihood, σ², σ, n, parameters, AIC.
 */
export function statisticRows(r: FitResult): StatisticRow[] {
  const rows: StatisticRow[] = [];
  const add = (key: string, label: string, value: number, text = formatSignif(value, DIGITS)) => rows.push({ key, label, value, text });
  const seKind = seLabel(r);
  if (isLinear(r.model)) {
    const { rse, df, f } = olsSummary(r);
    add('residual_standard_error', 'Residual standard error', rse, formatSignif(rse, 4));
    add('df_residual', 'Residual degrees of freedom', df, String(df));
    if (r.rSquared !== undefined) add('r_squared', 'Multiple R-squared', r.rSquared, formatSignif(r.rSquared, 4));
    if (r.adjRSquared !== undefined) add('adj_r_squared', 'Adjusted R-squared', r.adjRSquared, formatSignif(r.adjRSquared, 4));
    if (f) {
      add('f_statistic', `F-statistic on ${f.numdf} and ${df} DF`, f.value, formatSignif(f.value, 4));
      add('f_p', 'p-value (F)', f.p, p(f.p, 4));
    }
    add('log_likelihood', 'Log likelihood', r.logLik, formatNumber(r.logLik, 7));
    add('sigma2', 'Residual variance (sigma squared)', r.sigma2);
    add('sigma', 'Sigma', r.sigma);
    add('n', 'Number of observations', r.n, String(r.n));
    add('parameters', 'Number of parameters estimated', r.parameters, String(r.parameters));
    add('aic', `AIC (${FAMILY_NAMES[r.model].short})`, r.aic);
    if (r.model === 'slx') add('aic_ols', 'AIC (LM, i.e. OLS)', r.aicOls);
    if (r.lrTest) {
      add('lr_test', 'LR test value (WX terms)', r.lrTest.statistic);
      add('lr_p', 'p-value (LR)', r.lrTest.p, p(r.lrTest.p));
    }
    return rows;
  }
  // The paper's order for one spatial parameter (estimate, its LR test, SE, z); with two (SAC,
  // GNS) the LR test of both comes after them, as spatialreg prints it.
  const params = spatialParameters(r);
  const lr = () => {
    if (!r.lrTest) return;
    add('lr_test', 'LR test value', r.lrTest.statistic);
    add('lr_p', 'p-value (LR)', r.lrTest.p, p(r.lrTest.p));
  };
  for (const { name, parameter } of params) {
    const lower = name.toLowerCase();
    add(lower, name, parameter.estimate);
    if (params.length === 1) lr();
    add(`${lower}_std_error`, `Std. error of ${lower} (${seKind})`, parameter.stdError);
    add(`${lower}_z`, `z-value (${seKind})`, parameter.z);
    add(`${lower}_p`, 'p-value (z)', parameter.p, p(parameter.p));
  }
  if (params.length !== 1) lr();
  if (r.wald) {
    add('wald', 'Wald statistic', r.wald.statistic);
    add('wald_p', 'p-value (Wald)', r.wald.p, p(r.wald.p));
  }
  add('log_likelihood', 'Log likelihood', r.logLik, formatNumber(r.logLik, 7));
  add('sigma2', 'Residual variance (sigma squared)', r.sigma2);
  add('sigma', 'Sigma', r.sigma);
  add('n', 'Number of observations', r.n, String(r.n));
  add('parameters', 'Number of parameters estimated', r.parameters, String(r.parameters));
  add('aic', `AIC (${FAMILY_NAMES[r.model].short})`, r.aic);
  add('aic_ols', 'AIC (LM, i.e. OLS)', r.aicOls);
  if (r.lmResidualAutocorrelation) {
    add('lm_residual_autocorrelation', 'LM test for residual autocorrelation', r.lmResidualAutocorrelation.statistic);
    add('lm_residual_autocorrelation_p', 'p-value (LM residual autocorrelation)', r.lmResidualAutocorrelation.p, p(r.lmResidualAutocorrelation.p));
  }
  return rows;
}

export const EFFECTS = ['direct', 'indirect', 'total'] as const;
export type Effect = (typeof EFFECTS)[number];
const EFFECT_LABELS: Readonly<Record<Effect, string>> = { direct: 'Direct', indirect: 'Indirect', total: 'Total' };

export interface ImpactCells {
  name: string;
  effect: Effect;
  estimate: string;
  /**
   * SE, z and p: simulated (z = simulated mean / simulated SE, as spatialreg) for the models with
   * ρ, analytic (from the covariance of β and θ, spatialreg's `impacts.SlX`) for SLX and SDEM; ''
   * when neither was computed.
   */
  stdError: string;
  z: string;
  p: string;
  stars: string;
}

/** Where the impacts' SE, z and p come from: every row's simulation, every row's analytic inference, or none. */
export function impactInference(r: Pick<FitResult, 'impacts'>): 'simulated' | 'analytic' | undefined {
  const rows = r.impacts ?? [];
  if (rows.length === 0) return undefined;
  if (rows.every((x) => x.simulated)) return 'simulated';
  if (rows.every((x) => x.analytic)) return 'analytic';
  return undefined;
}

/** Impacts, one row per variable and effect; numbers as R prints the impacts matrices. */
export function impactCells(r: Pick<FitResult, 'impacts'>): ImpactCells[] {
  const rows = r.impacts ?? [];
  const kind = impactInference(r);
  const inf = (x: ImpactRow, e: Effect) => (kind === 'simulated' ? x.simulated![e] : x.analytic![e]);
  // Each effect's values share one format across the variables, as R prints each column of the
  // impacts matrix; the result is laid out variable by variable (index 3i + j).
  const col = (f: (e: Effect, i: number) => number) => {
    const byEffect = EFFECTS.map((e) => formatReal(rows.map((_, i) => f(e, i)), 7).map((s) => s.trim()));
    return rows.flatMap((_, i) => EFFECTS.map((_e, j) => byEffect[j][i]));
  };
  const est = col((e, i) => rows[i][e]);
  const se = kind ? col((e, i) => inf(rows[i], e).stdError) : [];
  const z = kind ? col((e, i) => inf(rows[i], e).z) : [];
  const psByEffect = kind ? EFFECTS.map((e) => formatPval(rows.map((x) => inf(x, e).p), DIGITS)) : [];
  const ps = kind ? rows.flatMap((_, i) => EFFECTS.map((_e, j) => psByEffect[j][i])) : [];
  return rows.flatMap((x, i) =>
    EFFECTS.map((e, j) => {
      const k = 3 * i + j;
      return {
        name: x.name,
        effect: e,
        estimate: est[k],
        stdError: kind ? se[k] : '',
        z: kind ? z[k] : '',
        p: kind ? ps[k] : '',
        stars: kind ? signifStars(inf(x, e).p) : '',
      };
    }),
  );
}

export const LM_TESTS = ['LMerr', 'LMlag', 'RLMerr', 'RLMlag', 'SARMA'] as const;

export interface LmTestCells {
  name: (typeof LM_TESTS)[number];
  statistic: string;
  df: string;
  p: string;
  stars: string;
}

/** The LM tests as spdep's `summary(lm.LMtests(...))` prints them: statistics at 5 digits, p-values at 4. */
export function lmTestCells(t: LmTests): LmTestCells[] {
  const stats = formatReal(LM_TESTS.map((n) => t[n].statistic), 5).map((s) => s.trim());
  const ps = formatPval(LM_TESTS.map((n) => t[n].p), 4);
  return LM_TESTS.map((name, i) => ({ name, statistic: stats[i], df: String(t[name].df), p: ps[i], stars: signifStars(t[name].p) }));
}

// ---------------------------------------------------------------------------------------------
// Tables

export interface CellRow {
  /** Row headers (usually one; impacts: variable and effect). */
  heads: string[];
  cells: string[];
  /** The coefficient / regressor this row is about (the panel's hovers). */
  term?: string;
}

/** A table as the panel draws it and the Markdown export writes it. */
export interface CellTable {
  /** Stable id (the panel's DOM ids). */
  id: 'coefficients' | 'confint' | 'residuals' | 'statistics' | 'impacts' | 'moran' | 'lmtests' | 'vif' | 'heteroskedasticity' | 'durbinlm' | 'spatialbp' | 'models' | 'lrtests';
  /** Caption, e.g. "Table 1. Coefficients (asymptotic standard errors)". */
  title: string;
  /** Labels of the row-header columns (as many as each row's `heads`). */
  corner: string[];
  columns: string[];
  /** Accessible name of each column (its label spelled out; the stars column's is "Significance"). */
  columnLabels: string[];
  align: ('left' | 'right')[];
  rows: CellRow[];
  /** Lines printed under the table (notes, the signif. legend). */
  notes: string[];
}

/** Table 1 — the paper's caption, with the source of the standard errors (spatialreg's summary says which). */
export function coefficientTable(r: FitResult): CellTable {
  const head = coefficientHeader(r);
  const cells = coefficientCells(r);
  const se = isErrorOnly(r.model) && r.se === 'hessian' ? 'asymptotic (GLS) standard errors; lambda\'s from the numerical Hessian' : coefficientSeTitle(r);
  return {
    id: 'coefficients',
    title: `Table 1 — Coefficients (${se})`,
    corner: ['Term'],
    columns: ['Estimate', 'Std. Error', head.statistic, head.p, ''],
    columnLabels: ['Estimate', 'Standard error', head.statistic, 'p-value', 'Significance'],
    align: ['right', 'right', 'right', 'right', 'left'],
    rows: cells.map((c) => ({ heads: [c.name], cells: [c.estimate, c.stdError, c.statistic, c.p, c.stars], term: c.name })),
    notes: cells.some((c) => c.stars) ? [SIGNIF_LEGEND] : [],
  };
}

export function residualTable(r: FitResult): CellTable {
  return {
    id: 'residuals',
    title: 'Table 2 — Residual quantiles',
    corner: [],
    columns: [...QUANTILE_LABELS],
    columnLabels: ['Minimum', 'First quartile', 'Median', 'Third quartile', 'Maximum'],
    align: ['right', 'right', 'right', 'right', 'right'],
    rows: [{ heads: [], cells: quantileCells(r) }],
    notes: [],
  };
}

export function statisticsTable(r: FitResult): CellTable {
  return {
    id: 'statistics',
    title: 'Table 3 — Model statistics',
    corner: ['Statistic'],
    columns: ['Value'],
    columnLabels: ['Value'],
    align: ['right'],
    rows: statisticRows(r).map((s) => ({ heads: [s.label], cells: [s.text] })),
    notes: [],
  };
}

/** spatialreg's `summary(impacts(...), zstats = TRUE)` as one table: a row per variable and effect. */
export function impactsTable(r: FitResult): CellTable | undefined {
  const rows = r.impacts;
  if (!rows || rows.length === 0) return undefined;
  const cells = impactCells(r);
  const kind = impactInference(r);
  const s0 = kind === 'simulated' ? rows[0].simulated : undefined;
  const method = r.impactsMethod === 'coefficients'
    ? 'direct = β, indirect = θ (the WX coefficients), total = β + θ'
    : r.impactsMethod === 'traces' ? `impacts from traces of powers of W (${traceAccuracyText(r.impactsAccuracy ?? { method: 'exact' })})` : 'exact impacts from the eigenvalues of W';
  const notes = s0
    ? [`Simulated standard errors, z-values (simulated mean / simulated SE) and p-values from ${s0.draws} draws (seed ${s0.seed}) of the ${seLabel(r)} covariance; ${method}.`]
    : kind === 'analytic'
      ? [`Standard errors, z- and p-values from the ${seLabel(r)} covariance of the coefficients (spatialreg impacts.SlX); ${method}.`]
      : [`${method[0].toUpperCase()}${method.slice(1)}.`];
  if (cells.some((c) => c.stars)) notes.push(SIGNIF_LEGEND);
  const se = kind === 'simulated' ? 'Simulated SE' : 'Std. Error';
  const seName = kind === 'simulated' ? 'Simulated standard error' : 'Standard error';
  const zName = kind === 'simulated' ? 'Simulated z value' : 'z value';
  const pName = kind === 'simulated' ? 'Simulated p-value' : 'p-value';
  return {
    id: 'impacts',
    title: 'Impacts (LeSage & Pace 2009)',
    corner: ['Variable', 'Effect'],
    columns: kind ? ['Estimate', se, 'z', 'p', ''] : ['Estimate'],
    columnLabels: kind ? ['Estimate', seName, zName, pName, 'Significance'] : ['Estimate'],
    align: kind ? ['right', 'right', 'right', 'right', 'left'] : ['right'],
    rows: cells.map((c) => ({ heads: [c.name, EFFECT_LABELS[c.effect]], cells: kind ? [c.estimate, c.stdError, c.z, c.p, c.stars] : [c.estimate], term: c.name })),
    notes,
  };
}

/** Heading over the Moran and LM tables. */
export function residualTestsHeading(r: Pick<FitResult, 'model'>): string {
  return `Spatial dependence in the OLS residuals${r.model === 'ols' ? '' : ' (the pre-test)'}`;
}

/** spdep's `lm.morantest` on the OLS residuals: sample estimates as R prints them (7 digits), the deviate at 5, p at 4. */
export function moranTable(r: FitResult): CellTable | undefined {
  const m = r.moranOls;
  if (!m) return undefined;
  const est = formatReal([m.I, m.expectation, m.variance], 7).map((s) => s.trim());
  return {
    id: 'moran',
    title: "Moran's I for regression residuals (alternative: greater)",
    corner: [],
    columns: ["Moran's I", 'Expectation', 'Variance', 'Standard deviate', 'p-value'],
    columnLabels: ["Observed Moran's I", 'Expectation', 'Variance', 'Standard deviate (z)', 'p-value'],
    align: ['right', 'right', 'right', 'right', 'right'],
    rows: [{ heads: [], cells: [...est, formatNumber(m.z, 5), p(m.p, 4)] }],
    notes: [],
  };
}

/** spdep's `lm.LMtests` on the OLS residuals. */
export function lmTestsTable(r: FitResult): CellTable | undefined {
  return r.lmTestsOls && lmTestsCellTable(r.lmTestsOls);
}

/** The five LM tests as a table (`lmTestsTable`; the comparison's pre-tests). */
export function lmTestsCellTable(t: LmTests): CellTable {
  const cells = lmTestCells(t);
  return {
    id: 'lmtests',
    title: 'Lagrange multiplier diagnostics for spatial dependence',
    corner: ['Test'],
    columns: ['Statistic', 'df', 'p-value', ''],
    columnLabels: ['Statistic', 'Degrees of freedom', 'p-value', 'Significance'],
    align: ['right', 'right', 'right', 'left'],
    rows: cells.map((c) => ({ heads: [c.name], cells: [c.statistic, c.df, c.p, c.stars] })),
    notes: cells.some((c) => c.stars) ? [SIGNIF_LEGEND] : [],
  };
}

/**
 * R's `confint` of the coefficients: estimate ± q·SE at 95 %, q normal for the ML fits and
 * Student t for OLS/SLX; each bound column in one format, as R prints the matrix (7 digits).
 */
export function confidenceTable(r: FitResult): CellTable | undefined {
  const rows = r.coefficients.filter((c) => c.ci);
  if (rows.length === 0) return undefined;
  const lower = formatReal(rows.map((c) => c.ci![0]), 7).map((s) => s.trim());
  const upper = formatReal(rows.map((c) => c.ci![1]), 7).map((s) => s.trim());
  return {
    id: 'confint',
    title: `Confidence intervals of the coefficients (95 %, ${isLinear(r.model) ? 'Student t' : 'normal'} quantiles)`,
    corner: ['Term'],
    columns: ['2.5 %', '97.5 %'],
    columnLabels: ['Lower bound (2.5 %)', 'Upper bound (97.5 %)'],
    align: ['right', 'right'],
    rows: rows.map((c, i) => ({ heads: [c.name], cells: [lower[i], upper[i]], term: c.name })),
    notes: [],
  };
}

/** A statistic / df / p-value table of named tests (report/diagnostics.ts `testCells`). */
function testsTable(id: CellTable['id'], title: string, names: readonly string[], tests: readonly { statistic: number; df: number; p: number }[], notes: string[] = []): CellTable {
  const cells = testCells(tests, DIGITS);
  return {
    id,
    title,
    corner: ['Test'],
    columns: ['Statistic', 'df', 'p-value', ''],
    columnLabels: ['Statistic', 'Degrees of freedom', 'p-value', 'Significance'],
    align: ['right', 'right', 'right', 'left'],
    rows: cells.map((c, i) => ({ heads: [names[i]], cells: c })),
    notes: [...notes, ...(cells.some((c) => c[3]) ? [SIGNIF_LEGEND] : [])],
  };
}

/** GeoDa's and spreg's multicollinearity block: the condition number, and the VIF of each regressor. */
export function vifTable(r: FitResult): CellTable | undefined {
  const o = r.diagnostics?.ols;
  if (!o) return undefined;
  const vifs = vifCells(o, DIGITS);
  return {
    id: 'vif',
    title: 'Multicollinearity (OLS of the regressors)',
    corner: ['Regressor'],
    columns: ['VIF'],
    columnLabels: ['Variance inflation factor'],
    align: ['right'],
    rows: o.vif.map((v, i) => ({ heads: [v.name], cells: [vifs[i]], term: v.name })),
    notes: [conditionNumberLine(o, DIGITS)],
  };
}

/** Jarque–Bera and the four Breusch–Pagan / Koenker forms on the OLS residuals. */
export function normalityTable(r: FitResult): CellTable | undefined {
  const o = r.diagnostics?.ols;
  if (!o) return undefined;
  const het = heteroskedasticityTests(o);
  return testsTable('heteroskedasticity', 'Normality and heteroskedasticity of the OLS residuals', ['Jarque-Bera', ...het.names], [o.jarqueBera, ...het.tests], [jarqueBeraLine(o, DIGITS)]);
}

/** Koley & Bera (2024) Rao score tests for the Durbin specifications (spdep `SD.RStests`). */
export function durbinLmTable(r: FitResult): CellTable | undefined {
  const k = r.diagnostics?.ols.durbinLm;
  return k && durbinLmCellTable(k);
}

export function durbinLmCellTable(k: NonNullable<Diagnostics['ols']['durbinLm']>): CellTable {
  return testsTable('durbinlm', 'Rao score (LM) tests for the Durbin specifications (Koley & Bera 2024)', DURBIN_LM_TESTS, DURBIN_LM_TESTS.map((n) => k[n]));
}

/** spatialreg's `bptest.Sarlm` on the spatial model's residuals, both studentize settings. */
export function spatialBreuschPaganTable(r: FitResult): CellTable | undefined {
  const b = r.diagnostics?.spatialBreuschPagan;
  if (!b) return undefined;
  return testsTable('spatialbp', "Breusch-Pagan test on the spatial model's residuals", ['studentized', 'original'], [b.studentized, b.original]);
}

/** The regression diagnostics, in the text report's order (report/diagnostics.ts). */
export function diagnosticsTables(r: FitResult): CellTable[] {
  return [vifTable(r), normalityTable(r), durbinLmTable(r), spatialBreuschPaganTable(r)].filter((t): t is CellTable => t !== undefined);
}

/** Every table of a fit, in the order the panel and the Markdown export show them. */
export function resultTables(r: FitResult): CellTable[] {
  return [coefficientTable(r), confidenceTable(r), residualTable(r), statisticsTable(r), impactsTable(r), moranTable(r), lmTestsTable(r), ...diagnosticsTables(r)].filter((t): t is CellTable => t !== undefined);
}
