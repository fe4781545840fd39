/**
 * FitResults built from R's reference.json (Columbus) and from the source paper's tables, so the
 * report and CLI tests do not wait for the engine.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { FitResult, ImpactRow } from '../../src/core/result';
import { COLUMBUS_DIR } from '../helpers/fixtures';


export const columbusDir = COLUMBUS_DIR;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const ref: any = JSON.parse(fs.readFileSync(path.join(columbusDir, 'reference.json'), 'utf8'));

export function rSummary(name: string): string {
  return fs.readFileSync(path.join(columbusDir, `summary-${name}.txt`), 'utf8');
}

const weightsSummary = { type: 'gal', style: 'W', nLinks: 230, averageNeighbours: 230 / 49, islands: [], components: 1, symmetric: true };

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function coefRows(rows: any[]): FitResult['coefficients'] {
  return rows.map((c) => ({ name: c.term, estimate: c.estimate, stdError: c.std_error, z: c.z ?? c.t, p: c.p_accurate ?? c.p }));
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function quantiles(q: any): [number, number, number, number, number] {
  return [q.min, q.q1, q.median, q.q3, q.max];
}

function olsPretests(): Pick<FitResult, 'moranOls' | 'lmTestsOls'> {
  const m = ref.ols.moran;
  const t = ref.ols.LMtests;
  const s = (x: { statistic: number; df: number; p: number }) => ({ statistic: x.statistic, df: x.df, p: x.p });
  return {
    moranOls: { I: m.I, expectation: m.expectation, variance: m.variance, z: m.z, p: m.p, pTwoSided: m.p_two_sided },
    lmTestsOls: { LMerr: s(t.LMerr), LMlag: s(t.LMlag), RLMerr: s(t.RLMerr), RLMlag: s(t.RLMlag), SARMA: s(t.SARMA) },
  };
}

function base(n: number): Omit<FitResult, 'model' | 'coefficients' | 'logLik' | 'logLikOls' | 'sigma2' | 'sigma' | 'aic' | 'aicOls' | 'residuals' | 'parameters' | 'covariance'> {
  return {
    dependent: 'CRIME',
    n,
    logdet: 'eigen',
    logdetExact: true,
    se: 'asymptotic',
    fitted: [],
    observed: [],
    ids: Array.from({ length: n }, (_, i) => String(i + 1)),
    warnings: [],
    weightsSummary,
    timings: { readMs: 1, weightsMs: 2, fitMs: 3, totalMs: 6 },
  };
}

export function columbusLag(): FitResult {
  const s = ref.sar_eigen;
  const sim = ref.impacts.simulated.impacts;
  const impacts: ImpactRow[] = ref.impacts.exact.impacts.map((x: { variable: string; direct: number; indirect: number; total: number }, i: number) => {
    const one = (e: { sim_mean: number; sim_se: number; z: number; p: number }) => ({ mean: e.sim_mean, stdError: e.sim_se, z: e.z, p: e.p });
    return {
      name: x.variable,
      direct: x.direct,
      indirect: x.indirect,
      total: x.total,
      simulated: { direct: one(sim[i].direct), indirect: one(sim[i].indirect), total: one(sim[i].total), draws: 1000, seed: 1 },
    };
  });
  return {
    ...base(s.n),
    model: 'lag',
    parameters: s.parameters,
    coefficients: coefRows(s.coefficients),
    rho: { estimate: s.rho.estimate, stdError: s.rho.std_error, z: s.rho.z, p: s.rho.p_accurate },
    interval: s.interval,
    lrTest: { statistic: s.LR.statistic, df: 1, p: s.LR.p },
    wald: { statistic: s.Wald.statistic, df: 1, p: s.Wald.p },
    logLik: s.loglik,
    logLikOls: s.loglik_lm,
    sigma2: s.sigma2,
    sigma: s.sigma,
    aic: s.AIC,
    aicOls: s.AIC_lm,
    residuals: { quantiles: quantiles(s.residual_quantiles), values: s.residuals },
    fitted: s.fitted_values,
    lmResidualAutocorrelation: { statistic: s.LM_residual_autocorrelation.statistic, df: 1, p: s.LM_residual_autocorrelation.p },
    impacts,
    ...olsPretests(),
    localSpillover: [{ name: 'INC', total: [1, 2], direct: [0.5, 1], indirect: [0.5, 1], diagonal: 'exact' }],
    covariance: { names: s.vcov_asymptotic.names, matrix: s.vcov_asymptotic.matrix },
  };
}

export function columbusError(): FitResult {
  const s = ref.sem_eigen;
  return {
    ...base(s.n),
    model: 'error',
    parameters: s.parameters,
    coefficients: coefRows(s.coefficients),
    lambda: { estimate: s.lambda.estimate, stdError: s.lambda.std_error, z: s.lambda.z, p: s.lambda.p_accurate },
    lrTest: { statistic: s.LR.statistic, df: 1, p: s.LR.p },
    wald: { statistic: s.Wald.statistic, df: 1, p: s.Wald.p },
    logLik: s.loglik,
    logLikOls: s.loglik_lm,
    sigma2: s.sigma2,
    sigma: s.sigma,
    aic: s.AIC,
    aicOls: s.AIC_lm,
    residuals: { quantiles: quantiles(s.residual_quantiles), values: [] },
    covariance: { names: s.vcov_asymptotic.names, matrix: s.vcov_asymptotic.matrix },
  };
}

export function columbusDurbin(): FitResult {
  const s = ref.sdm_eigen;
  return {
    ...base(s.n),
    model: 'durbin',
    parameters: s.parameters,
    coefficients: coefRows(s.coefficients),
    rho: { estimate: s.rho.estimate, stdError: s.rho.std_error, z: s.rho.z, p: s.rho.p_accurate },
    lrTest: { statistic: s.LR.statistic, df: 1, p: s.LR.p },
    wald: { statistic: s.Wald.statistic, df: 1, p: s.Wald.p },
    logLik: s.loglik,
    logLikOls: s.loglik_lm,
    sigma2: s.sigma2,
    sigma: s.sigma,
    aic: s.AIC,
    aicOls: s.AIC_lm,
    residuals: { quantiles: quantiles(s.residual_quantiles), values: [] },
    lmResidualAutocorrelation: { statistic: s.LM_residual_autocorrelation.statistic, df: 1, p: s.LM_residual_autocorrelation.p },
    impacts: s.impacts_exact.map((x: { variable: string; direct: number; indirect: number; total: number }) => ({ name: x.variable, direct: x.direct, indirect: x.indirect, total: x.total })),
    covariance: { names: s.vcov_asymptotic.names, matrix: s.vcov_asymptotic.matrix },
  };
}

export function columbusOls(residuals: number[]): FitResult {
  const s = ref.ols;
  const q = [...residuals].sort((a, b) => a - b);
  const qt = (p: number) => {
    const h = (q.length - 1) * p;
    const lo = Math.floor(h);
    return q[lo] + (h - lo) * ((q[Math.min(lo + 1, q.length - 1)] ?? q[lo]) - q[lo]);
  };
  const sse = residuals.reduce((a, e) => a + e * e, 0);
  return {
    ...base(s.n),
    model: 'ols',
    logdet: 'none',
    parameters: 4,
    coefficients: coefRows(s.coefficients),
    logLik: s.loglik,
    logLikOls: s.loglik,
    sigma2: sse / s.n,
    sigma: Math.sqrt(sse / s.n),
    aic: s.AIC,
    aicOls: s.AIC,
    dfResidual: s.df_residual,
    rSquared: s.r_squared,
    adjRSquared: s.adj_r_squared,
    residuals: { quantiles: [qt(0), qt(0.25), qt(0.5), qt(0.75), qt(1)], values: residuals },
    ...olsPretests(),
    covariance: { names: [], matrix: [] },
  };
}

/** The source paper's lag model (Tables 1–3) as a FitResult (numerical-Hessian SEs, as the paper). */
export function paperLag(): FitResult {
  return {
    ...base(40),
    dependent: 'Production',
    model: 'lag',
    se: 'hessian',
    logdet: 'eigen',
    parameters: 6,
    coefficients: [
      { name: '(Intercept)', estimate: 343733.063, stdError: 112418.825, z: 3.0576, p: 0.002231 },
      { name: 'Servers', estimate: -248.925, stdError: 132.294, z: -1.8816, p: 0.059891 },
      { name: 'CloudCompanies', estimate: -194.468, stdError: 166.489, z: -1.1681, p: 0.242784 },
      { name: 'EInvoiceCompanies', estimate: 229.249, stdError: 70.073, z: 3.2716, p: 0.00107 },
    ],
    rho: { estimate: -0.19328, stdError: 0.19333, z: -0.99973, p: 0.3174 },
    lrTest: { statistic: 0.99272, df: 1, p: 0.31908 },
    wald: { statistic: 0.99946, df: 1, p: 0.3175 },
    logLik: -566.333,
    logLikOls: -566.829,
    sigma2: 1.1522e11,
    sigma: 339450,
    aic: 1144.7,
    aicOls: 1143.7,
    residuals: { quantiles: [-308936, -223618, -145115, 85948, 1058702], values: [] },
    weightsSummary: { type: 'knn', style: 'W', nLinks: 160, averageNeighbours: 4, islands: [], components: 1, symmetric: false },
    covariance: { names: [], matrix: [] },
  };
}
