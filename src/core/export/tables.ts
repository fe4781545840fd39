/**
 * The tables of a fit as rows of formatted cells, shared by the Markdown, LaTeX and CSV exports:
 * the source paper's (/work/shared/paper.md) Table 1 (coefficients), Table 2 (residual quantiles)
 * and Table 3 (model statistics, under the paper's labels), then impacts and the tests on the OLS
 * residuals. Every number is formatted as R prints it (report/format.ts: significant digits,
 * never a fixed number of decimals); the raw doubles travel alongside for the CSV.
 */
import type { FitResult } from '../result';
import type { ModelType } from '../spec/types';
import {
  formatNumber,
  formatPval,
  formatReal,
  formatSignif,
  roundDecimals,
  signifStars,
} from '../report/format';

/** spatialreg's `print.summary.Sarlm` digits. */
export const DIGITS = 5;

export interface CoefficientCells {
  name: string;
  estimate: string;
  stdError: string;
  statistic: string;
  p: string;
  /** `***`, `**`, `*`, `.` or '' (R's printCoefmat). */
  stars: string;
}

/**
 * The cells of R's `printCoefmat` (as `formatCoefTable` prints them, without the padding):
 * estimates and SEs rounded jointly so that the smallest keeps `digits` significant digits,
 * statistics to `digits − 1` decimals, p-values by `format.pval`. The paper's Table 1 is exactly
 * this with digits 5 (343733.063, 112418.825, 3.0576, 0.002231).
 */
export function coefficientCells(result: Pick<FitResult, 'coefficients'>, digits = DIGITS): CoefficientCells[] {
  const rows = result.coefficients;
  const digTst = Math.max(1, Math.min(5, digits - 1));
  const cs = rows.flatMap((r) => [r.estimate, r.stdError]);
  const acs = cs.map(Math.abs).filter((v) => Number.isFinite(v) && v !== 0);
  const digmin = acs.length ? 1 + Math.floor(Math.log10(Math.min(...acs))) : 1;
  const dec = Math.max(1, digits - digmin);
  const csText = formatReal(cs.map((v) => roundDecimals(v, dec)), digits).map((s) => s.trim());
  cs.forEach((v, i) => {
    if (v !== 0 && Number.isFinite(v) && Number(csText[i]) === 0) csText[i] = formatNumber(v, Math.max(1, digits - 1));
  });
  const tst = formatReal(rows.map((r) => roundDecimals(r.z, digTst)), digits).map((s) => s.trim());
  const pv = formatPval(rows.map((r) => r.p), digTst);
  return rows.map((r, i) => ({
    name: r.name,
    estimate: csText[2 * i],
    stdError: csText[2 * i + 1],
    statistic: tst[i],
    p: pv[i],
    stars: signifStars(r.p),
  }));
}

/** Column labels of Table 1: z for ML fits, t for OLS. */
export function coefficientHeader(result: Pick<FitResult, 'model'>): { statistic: string; p: string } {
  return result.model === 'ols' ? { statistic: 't value', p: 'Pr(>|t|)' } : { statistic: 'z value', p: 'Pr(>|z|)' };
}

export const QUANTILE_LABELS = ['Min', '1Q', 'Median', '3Q', 'Max'] as const;

/** Table 2 cells: the residual quantiles in one common format (R's print of summary()). */
export function quantileCells(result: Pick<FitResult, 'residuals'>, digits = DIGITS): string[] {
  return formatReal(result.residuals.quantiles, digits).map((s) => s.trim());
}

/** One row of Table 3. `key` is stable (CSV), `label` is the paper's wording. */
export interface StatisticRow {
  key: string;
  label: string;
  value: number;
  text: string;
}

const MODEL_SHORT: Record<ModelType, string> = { lag: 'SAR', error: 'SEM', durbin: 'SDM', ols: 'OLS' };

/** Name of the model's spatial parameter as the paper and spatialreg print it. */
export function spatialName(model: ModelType): 'Rho' | 'Lambda' {
  return model === 'error' ? 'Lambda' : 'Rho';
}

function p(x: number): string {
  return formatPval([x], DIGITS)[0];
}

/**
 * Table 3: the model statistics in the paper's order and with its labels ("Rho", "LR test value",
 * "p-value (LR)", "Std. error of rho (numerical Hessian)", "z-value (numerical Hessian)", "Wald
 * statistic", "Log likelihood", "Residual variance (sigma squared)", "Sigma", "Number of
 * observations", "Number of parameters estimated", "AIC (SAR)", "AIC (LM, i.e. OLS)"), plus the
 * p-values of z and Wald and the LM test for residual autocorrelation, which the paper left out.
 * Values as spatialreg's summary prints them (`format(signif(x, 5))`; log-likelihood with 7 digits).
 * For OLS: residual standard error, R², adjusted R², log-likelihood, σ², n, parameters, AIC.
 */
export function statisticRows(r: FitResult): StatisticRow[] {
  const rows: StatisticRow[] = [];
  const add = (key: string, label: string, value: number, text = formatSignif(value, DIGITS)) => rows.push({ key, label, value, text });
  const seKind = r.se === 'hessian' ? 'numerical Hessian' : 'asymptotic';
  if (r.model === 'ols') {
    const df = r.dfResidual ?? r.n - r.coefficients.length;
    const sse = r.residuals.values.length ? r.residuals.values.reduce((s, e) => s + e * e, 0) : r.sigma2 * r.n;
    add('residual_standard_error', 'Residual standard error', Math.sqrt(sse / df), formatSignif(Math.sqrt(sse / df), 4));
    add('df_residual', 'Residual degrees of freedom', df, String(df));
    if (r.rSquared !== undefined) add('r_squared', 'Multiple R-squared', r.rSquared, formatSignif(r.rSquared, 4));
    if (r.adjRSquared !== undefined) add('adj_r_squared', 'Adjusted R-squared', r.adjRSquared, formatSignif(r.adjRSquared, 4));
    add('log_likelihood', 'Log likelihood', r.logLik, formatNumber(r.logLik, 7));
    add('sigma2', 'Residual variance (sigma squared)', r.sigma2);
    add('sigma', 'Sigma', r.sigma);
    add('n', 'Number of observations', r.n, String(r.n));
    add('parameters', 'Number of parameters estimated', r.parameters, String(r.parameters));
    add('aic', 'AIC (LM, i.e. OLS)', r.aic);
    return rows;
  }
  const name = spatialName(r.model);
  const par = r.model === 'error' ? r.lambda : r.rho;
  const lower = name.toLowerCase();
  if (par) add(lower, name, par.estimate);
  if (r.lrTest) {
    add('lr_test', 'LR test value', r.lrTest.statistic);
    add('lr_p', 'p-value (LR)', r.lrTest.p, p(r.lrTest.p));
  }
  if (par && Number.isFinite(par.stdError)) {
    add(`${lower}_std_error`, `Std. error of ${lower} (${seKind})`, par.stdError);
    add(`${lower}_z`, `z-value (${seKind})`, par.z);
    add(`${lower}_p`, 'p-value (z)', par.p, p(par.p));
  }
  if (r.wald) {
    add('wald', 'Wald statistic', r.wald.statistic);
    add('wald_p', 'p-value (Wald)', r.wald.p, p(r.wald.p));
  }
  add('log_likelihood', 'Log likelihood', r.logLik, formatNumber(r.logLik, 7));
  add('sigma2', 'Residual variance (sigma squared)', r.sigma2);
  add('sigma', 'Sigma', r.sigma);
  add('n', 'Number of observations', r.n, String(r.n));
  add('parameters', 'Number of parameters estimated', r.parameters, String(r.parameters));
  add('aic', `AIC (${MODEL_SHORT[r.model]})`, r.aic);
  add('aic_ols', 'AIC (LM, i.e. OLS)', r.aicOls);
  if (r.model !== 'error' && r.lmResidualAutocorrelation) {
    add('lm_residual_autocorrelation', 'LM test for residual autocorrelation', r.lmResidualAutocorrelation.statistic);
    add('lm_residual_autocorrelation_p', 'p-value (LM residual autocorrelation)', r.lmResidualAutocorrelation.p, p(r.lmResidualAutocorrelation.p));
  }
  return rows;
}

export const EFFECTS = ['direct', 'indirect', 'total'] as const;
export type Effect = (typeof EFFECTS)[number];

export interface ImpactCells {
  name: string;
  effect: Effect;
  estimate: string;
  /** Simulated SE, z (simulated mean / simulated SE, as spatialreg) and p; '' without simulation. */
  stdError: string;
  z: string;
  p: string;
  stars: string;
}

/** Impacts, one row per variable and effect; numbers as R prints the impacts matrices. */
export function impactCells(r: FitResult): ImpactCells[] {
  const rows = r.impacts ?? [];
  const out: ImpactCells[] = [];
  const sim = rows.length > 0 && rows.every((x) => x.simulated);
  // Each effect's values share one format across the variables, as R prints each column of the
  // impacts matrix; the result is laid out variable by variable (index 3i + j).
  const col = (f: (e: Effect, i: number) => number) => {
    const byEffect = EFFECTS.map((e) => formatReal(rows.map((_, i) => f(e, i)), 7).map((s) => s.trim()));
    return rows.flatMap((_, i) => EFFECTS.map((_e, j) => byEffect[j][i]));
  };
  const est = col((e, i) => rows[i][e]);
  const se = sim ? col((e, i) => rows[i].simulated![e].stdError) : [];
  const z = sim ? col((e, i) => rows[i].simulated![e].z) : [];
  const psByEffect = sim ? EFFECTS.map((e) => formatPval(rows.map((x) => x.simulated![e].p), DIGITS)) : [];
  const ps = sim ? rows.flatMap((_, i) => EFFECTS.map((_e, j) => psByEffect[j][i])) : [];
  rows.forEach((x, i) =>
    EFFECTS.forEach((e, j) => {
      const k = 3 * i + j;
      out.push({
        name: x.name,
        effect: e,
        estimate: est[k],
        stdError: sim ? se[k] : '',
        z: sim ? z[k] : '',
        p: sim ? ps[k] : '',
        stars: sim ? signifStars(x.simulated![e].p) : '',
      });
    }),
  );
  return out;
}

export const LM_TESTS = ['LMerr', 'LMlag', 'RLMerr', 'RLMlag', 'SARMA'] as const;

export const SIGNIF_CODES = "Signif. codes: 0 '***' 0.001 '**' 0.01 '*' 0.05 '.' 0.1 ' ' 1";

/** Short model names, for captions ("Spatial lag model (SAR) of CRIME"). */
export const MODEL_NAMES: Record<ModelType, string> = {
  lag: 'Spatial lag model (SAR)',
  error: 'Spatial error model (SEM)',
  durbin: 'Spatial Durbin model (SDM)',
  ols: 'Linear regression (OLS)',
};

export const MODEL_TITLES: Record<ModelType, string> = {
  lag: 'Spatial lag model (SAR), maximum likelihood',
  error: 'Spatial error model (SEM), maximum likelihood',
  durbin: 'Spatial Durbin model (SDM), maximum likelihood',
  ols: 'Ordinary least squares (OLS)',
};

/** Regressor names of the formula (no intercept, no Durbin lags). */
export function regressors(r: Pick<FitResult, 'coefficients' | 'model'>): string[] {
  return r.coefficients.map((c) => c.name).filter((n) => n !== '(Intercept)' && !(r.model === 'durbin' && n.startsWith('lag.')));
}

/** `y ~ x1 + x2` (names as they are; callers quote them for their target). */
export function formulaText(r: Pick<FitResult, 'coefficients' | 'model' | 'dependent'>): string {
  const xs = regressors(r);
  const intercept = r.coefficients.some((c) => c.name === '(Intercept)');
  if (!xs.length) return `${r.dependent} ~ ${intercept ? '1' : '0'}`;
  return `${r.dependent} ~ ${intercept ? '' : '0 + '}${xs.join(' + ')}`;
}
