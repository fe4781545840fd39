/**
 * The plain-text report of a fit, laid out like R's printed summaries so that it can be set
 * side by side with them: spatialreg's `print.summary.Sarlm` for the lag / error / Durbin models
 * (coefficients with "(asymptotic standard errors)" or "(numerical Hessian approximate standard
 * errors)", the Rho / Lambda block with LR, SE, z and Wald, log likelihood, σ² and σ, n,
 * parameters, AIC and AIC for lm, LM test for residual autocorrelation), `print.summary.lm` for
 * OLS, spatialreg's `print.summary.LagImpact` for impacts, and spdep's `lm.morantest` /
 * `lm.LMtests` for the tests on OLS residuals. It contains every statistic of the source paper's
 * Tables 1–3 (see /work/shared/paper.md), under R's labels. The cells are the exports' and the
 * results panel's: printCoefmat's from format.ts `coefTableCells`; the LM tests, the OLS summary
 * and the model names from export/tables.ts.
 */
import type { FitResult, ImpactRow, LmTests, MoranTest, SimulatedImpact, TraceAccuracy } from '../result';
import {
  formatCoefTable,
  formatMatrix,
  formatNamedVector,
  formatNumber,
  formatPval,
  formatSignif,
  layoutTable,
  zapsmall,
  SIGNIF_LEGEND,
} from './format';
import { coefficientSeTitle, estimationLine, formulaText, lmTestCells, MODEL_TITLES, olsSummary, spatialParameters, traceAccuracyText } from '../export/tables';
import { isLinear, MODEL_FORM, MODEL_NAMES } from '../models/family';
import { formatDiagnostics } from './diagnostics';

export interface ReportOptions {
  /** Digits as spatialreg's print.summary (default 5). */
  digits?: number;
  /** Append the model warnings at the end (the CLI prints them on stderr instead). */
  includeWarnings?: boolean;
}

/** spatialreg's `type` names, used in "Type:" and "for lag model". */
const rType = (model: FitResult['model']): string => MODEL_NAMES[model].rType;

function headerLines(r: FitResult): string[] {
  const lines = [`SAR Studio: ${MODEL_TITLES[r.model]}`, `Call: ${formulaText(r)}${MODEL_FORM[r.model].wx ? '  (with lag.X = WX)' : ''}`];
  const w = r.weightsSummary;
  if (w) {
    const parts = [
      `${w.type}, style ${w.style}`,
      `${r.n} observations`,
      `${w.nLinks} links`,
      `${formatNumber(w.averageNeighbours, 4)} neighbours on average`,
      w.symmetric ? 'symmetric neighbours' : 'asymmetric neighbours',
      `${w.components} connected component${w.components === 1 ? '' : 's'}`,
    ];
    if (w.islands.length) parts.push(`${w.islands.length} without neighbours (${w.islands.slice(0, 10).join(', ')}${w.islands.length > 10 ? ', ...' : ''})`);
    lines.push(`Weights: ${parts.join(', ')}`);
  }
  if (!isLinear(r.model)) lines.push(estimationLine(r));
  return lines;
}

function pvalLine(p: number, digits: number): string {
  return formatPval([p], digits)[0];
}

/**
 * The spatial parameters as `print.summary.Sarlm` prints them: one parameter with its LR test on
 * the first line ("Rho: …, LR test value: …"); SAC/GNS's two, each with its SE, then the LR test.
 */
function spatialBlock(r: FitResult, digits: number): string[] {
  const lines: string[] = [];
  const params = spatialParameters(r);
  const pref = r.se === 'hessian' ? 'Approximate (numerical Hessian)' : 'Asymptotic';
  const lr = r.lrTest ? `LR test value: ${formatSignif(r.lrTest.statistic, digits)}, p-value: ${pvalLine(r.lrTest.p, digits)}` : '';
  for (const { name, parameter: par } of params) {
    lines.push(`${name}: ${formatSignif(par.estimate, digits)}${params.length === 1 && lr ? `, ${lr}` : ''}`);
    lines.push(`${pref} standard error: ${formatSignif(par.stdError, digits)}`);
    lines.push(`    z-value: ${formatSignif(par.z, digits)}, p-value: ${pvalLine(par.p, digits)}`);
  }
  if (params.length > 1 && lr) lines.push('', lr);
  if (r.wald) lines.push(`Wald statistic: ${formatSignif(r.wald.statistic, digits)}, p-value: ${pvalLine(r.wald.p, digits)}`);
  const h = r.hessianCovariance;
  if (h) {
    const ses = h.names.slice(1).map((name, i) => `${name} ${formatSignif(Math.sqrt(h.matrix[i + 1][i + 1]), digits)}`);
    lines.push('Coefficient SEs above: GLS, s^2 (X_lambda\' X_lambda)^-1, as spatialreg; from the full (lambda, beta) numerical Hessian:');
    lines.push(`    ${ses.join(', ')}`);
  }
  if (r.optima && r.optima.length > 1) {
    const distinct = r.optima.filter((o, i) => r.optima!.findIndex((q) => Math.abs(q.rho - o.rho) < 1e-4 && Math.abs(q.lambda - o.lambda) < 1e-4) === i);
    if (distinct.length > 1) {
      lines.push(`Local maxima of the likelihood from ${r.optima.length} starts (the best is reported):`);
      for (const o of distinct) lines.push(`    rho ${formatSignif(o.rho, digits)}, lambda ${formatSignif(o.lambda, digits)}: log likelihood ${formatNumber(o.logLik, 7)}`);
    }
  }
  return lines;
}

function fitStatLines(r: FitResult, digits: number): string[] {
  const lines = [
    `Log likelihood: ${formatNumber(r.logLik, 7)} for ${rType(r.model)} model`,
    `ML residual variance (sigma squared): ${formatSignif(r.sigma2, digits)}, (sigma: ${formatSignif(r.sigma, digits)})`,
    `Number of observations: ${r.n}`,
    `Number of parameters estimated: ${r.parameters}`,
    `AIC: ${formatSignif(r.aic, digits)}, (AIC for lm: ${formatSignif(r.aicOls, digits)})`,
  ];
  if (r.lmResidualAutocorrelation) {
    lines.push('LM test for residual autocorrelation');
    lines.push(`test value: ${formatSignif(r.lmResidualAutocorrelation.statistic, digits)}, p-value: ${pvalLine(r.lmResidualAutocorrelation.p, digits)}`);
  }
  return lines;
}

function leftAlignedPvalMatrix(rowNames: string[], colNames: string[], columns: number[][], digits: number): string {
  const cols = columns.map((c) => formatPval(c, digits));
  const cells = rowNames.map((_, i) => cols.map((c) => c[i]));
  return layoutTable(rowNames, colNames, cells, { leftAlign: colNames.map(() => true) });
}

/** The impacts block (spatialreg `summary(impacts(...), zstats = TRUE, short = TRUE)` layout). */
export function formatImpacts(rows: readonly ImpactRow[], model: FitResult['model'], method?: FitResult['impactsMethod'], se?: FitResult['se'], accuracy?: TraceAccuracy): string {
  const names = rows.map((r) => r.name);
  const head = ['Direct', 'Indirect', 'Total'];
  const m = method === 'eigen' ? 'exact' : method === 'traces' ? 'trace' : method === 'coefficients' ? 'analytic' : undefined;
  const lines = [`Impact measures (${rType(model)}${m ? `, ${m}` : ''}):`];
  if (method === 'traces') lines.push(`(traces of powers of W: ${traceAccuracyText(accuracy ?? { method: 'exact' })})`);
  lines.push(formatMatrix(names, head, [rows.map((r) => r.direct), rows.map((r) => r.indirect), rows.map((r) => r.total)]));
  const matrices = (f: (x: ImpactRow, e: 'direct' | 'indirect' | 'total') => number) => [
    rows.map((r) => f(r, 'direct')),
    rows.map((r) => f(r, 'indirect')),
    rows.map((r) => f(r, 'total')),
  ];
  if (rows.length > 0 && rows.every((r) => r.analytic)) {
    // SLX / SDEM: direct = β, indirect = θ, total = β + θ, with SEs from their covariance (spatialreg's impacts.SlX).
    lines.push('========================================================');
    lines.push(`Standard errors (${se === 'hessian' ? 'numerical Hessian approximation' : 'asymptotic'} covariance of the coefficients):`);
    lines.push(formatMatrix(names, head, matrices((x, e) => x.analytic![e].stdError)));
    lines.push('');
    lines.push('z-values:');
    lines.push(formatMatrix(names, head, matrices((x, e) => x.analytic![e].z)));
    lines.push('');
    lines.push('p-values:');
    lines.push(leftAlignedPvalMatrix(names, head, matrices((x, e) => x.analytic![e].p), 5));
  }
  const sim = rows.filter((r) => r.simulated);
  if (sim.length === rows.length && rows.length > 0) {
    const s0 = rows[0].simulated!;
    const pick = (f: (s: SimulatedImpact) => number) => matrices((x, e) => f(x.simulated![e]));
    lines.push('========================================================');
    const cov = se === 'hessian' ? 'numerical Hessian approximation' : 'asymptotic';
    lines.push(`Simulation results (${cov} variance matrix): ${s0.draws} draws, seed ${s0.seed}`);
    lines.push('Simulated standard errors');
    lines.push(formatMatrix(names, head, pick((s) => s.stdError)));
    lines.push('');
    lines.push('Simulated z-values (simulated mean / simulated standard error):');
    lines.push(formatMatrix(names, head, pick((s) => s.z)));
    lines.push('');
    lines.push('Simulated p-values:');
    lines.push(leftAlignedPvalMatrix(names, head, pick((s) => s.p), 5));
  }
  if (MODEL_FORM[model].rho) {
    lines.push('');
    lines.push('Note: with a spatial lag of y the coefficients are not marginal effects. A change of x at one');
    lines.push('location changes y there (direct) and, through the spatial multiplier (I - rho W)^-1, at the');
    lines.push('other locations (indirect: the spillover); total = direct + indirect (LeSage & Pace 2009).');
  }
  return lines.join('\n');
}

/** spdep's printed `lm.morantest` result. */
export function formatMoran(m: MoranTest): string {
  const p = formatPval([m.p], 4)[0];
  return [
    'Global Moran I for regression residuals',
    `Moran I statistic standard deviate = ${formatNumber(m.z, 5)}, p-value ${p.startsWith('<') ? p : `= ${p}`}`,
    'alternative hypothesis: greater',
    'sample estimates:',
    formatNamedVector(['Observed Moran I', 'Expectation', 'Variance'], [m.I, m.expectation, m.variance], 7),
  ].join('\n');
}

/** The five LM tests as one table (spdep `summary(lm.LMtests(...))`). */
export function formatLmTests(t: LmTests): string {
  const rows = lmTestCells(t);
  const sw = Math.max(...rows.map((c) => c.stars.length));
  const cells = rows.map((c) => [c.statistic, c.df, c.p, c.stars.padEnd(sw)]);
  const table = layoutTable(rows.map((c) => c.name), ['statistic', 'df', 'p-value', ''], cells, { leftAlign: [false, false, false, true] });
  return ['Lagrange multiplier diagnostics for spatial dependence', table, ...(sw ? ['---', SIGNIF_LEGEND] : [])].join('\n');
}

function olsDiagnostics(r: FitResult): string[] {
  if (!r.moranOls && !r.lmTestsOls) return [];
  const out = ['', `Tests for spatial dependence in the OLS residuals${r.model === 'ols' ? '' : ' (the pre-test)'}:`];
  if (r.moranOls) out.push(formatMoran(r.moranOls));
  if (r.lmTestsOls) {
    if (r.moranOls) out.push('');
    out.push(formatLmTests(r.lmTestsOls));
  }
  return out;
}

function olsBody(r: FitResult): string[] {
  const lines: string[] = [];
  const q = zapsmall(r.residuals.quantiles, 5);
  lines.push('Residuals:');
  lines.push(formatNamedVector(['Min', '1Q', 'Median', '3Q', 'Max'], q, 4));
  lines.push('');
  lines.push('Coefficients:');
  lines.push(formatCoefTable(r.coefficients.map((c) => ({ name: c.name, estimate: c.estimate, stdError: c.stdError, statistic: c.z, p: c.p })), { digits: 4, statLabel: 't value', pLabel: 'Pr(>|t|)', stars: true }));
  lines.push('');
  const { rse, df, f } = olsSummary(r);
  lines.push(`Residual standard error: ${formatSignif(rse, 4)} on ${df} degrees of freedom`);
  if (r.rSquared !== undefined) {
    let l = `Multiple R-squared:  ${formatSignif(r.rSquared, 4)}`;
    if (r.adjRSquared !== undefined) l += `,\tAdjusted R-squared:  ${formatSignif(r.adjRSquared, 4)}`;
    lines.push(l);
    if (f) lines.push(`F-statistic: ${formatSignif(f.value, 4)} on ${f.numdf} and ${df} DF,  p-value: ${formatPval([f.p], 4)[0]}`);
  }
  lines.push(`Log likelihood: ${formatNumber(r.logLik, 7)}, AIC: ${formatSignif(r.aic, 5)}`);
  return lines;
}

/** The full text report of a fit. */
export function formatReport(result: FitResult, options: ReportOptions = {}): string {
  const digits = options.digits ?? 5;
  const r = result;
  const lines: string[] = [...headerLines(r), ''];
  if (isLinear(r.model)) {
    lines.push(...olsBody(r));
    if (r.lrTest) lines.push(`LR test of the WX terms (against OLS): ${formatSignif(r.lrTest.statistic, digits)} on ${r.lrTest.df} DF, p-value: ${pvalLine(r.lrTest.p, digits)}`);
  } else {
    lines.push('Residuals:');
    lines.push(formatNamedVector(['Min', '1Q', 'Median', '3Q', 'Max'], r.residuals.quantiles, digits));
    lines.push('');
    lines.push(`Type: ${rType(r.model)}${r.model === 'durbin' ? ' (spatial Durbin)' : r.model === 'sdem' ? ' (spatial Durbin error)' : ''}`);
    lines.push(`Coefficients: (${coefficientSeTitle(r)})`);
    lines.push(formatCoefTable(r.coefficients.map((c) => ({ name: c.name, estimate: c.estimate, stdError: c.stdError, statistic: c.z, p: c.p })), { digits }));
    lines.push('');
    lines.push(...spatialBlock(r, digits));
    lines.push('');
    lines.push(...fitStatLines(r, digits));
  }
  if (r.impacts && r.impacts.length) {
    lines.push('');
    lines.push(formatImpacts(r.impacts, r.model, r.impactsMethod, r.se, r.impactsAccuracy));
  }
  lines.push(...olsDiagnostics(r));
  if (r.diagnostics) lines.push('', ...formatDiagnostics(r.diagnostics, digits));
  if (options.includeWarnings && r.warnings.length) {
    lines.push('', 'Warnings:');
    for (const w of r.warnings) lines.push(`  ${w.message}`);
  }
  return lines.join('\n').replace(/[ \t]+$/gm, '') + '\n';
}
