/**
 * One model fit on a prepared design: estimates, covariance, tests — everything of
 * spatialreg's `summary()` — mapped back from the design's internal scale to the data's units.
 */
import { dot } from '../dense/matrix';
import type { Csr } from '../sparse/csr';
import type { LogDet } from '../logdet/types';
import type { ModelType, SeMethod } from '../spec/types';
import type { CoefficientRow, SpatialParameter, TestStatistic } from '../result';
import { warning, type Problem } from '../problems';
import { pchisqUpper as chisqUpperP, pTwoSidedNormal as normalTwoSidedP, pTwoSidedT as studentTwoSidedP } from '../inference/distributions';
import type { Design } from './design';
import { fitOls } from './ols';
import { fitLag, type SpatialFit } from './lag';
import { fitError } from './error';
import { errorAsymptotic, errorHessian, lagAsymptotic, lagHessian, lmResidualAutocorrelation } from './covariance';
import { DENSE_TRACE_LIMIT, lmTraces, spatialTraces } from './spatialTraces';

export interface ModelFit {
  model: ModelType;
  se: SeMethod;
  coefficients: CoefficientRow[];
  /** ρ (lag, Durbin) or λ (error) with its inference. */
  spatial?: { name: 'rho' | 'lambda'; value: SpatialParameter };
  lrTest?: TestStatistic;
  wald?: TestStatistic;
  lmResidualAutocorrelation?: TestStatistic;
  logLik: number;
  logLikOls: number;
  sigma2: number;
  aic: number;
  aicOls: number;
  parameters: number;
  dfResidual?: number;
  rSquared?: number;
  adjRSquared?: number;
  /** In data units, data-row order. */
  residuals: Float64Array;
  fitted: Float64Array;
  /** OLS residuals of the same design (for Moran's I / LM tests), data units. */
  olsResiduals: Float64Array;
  /** Covariance in data units; names 'sigma2'?, 'rho'|'lambda'?, then regressors. */
  covariance: { names: string[]; matrix: number[][] };
  /** Regression coefficients in data units (for impacts). */
  beta: Float64Array;
  /** Whether the traces behind the asymptotic SEs were exact. */
  tracesExact: boolean;
  interval?: [number, number];
  evaluations: number;
  warnings: Problem[];
}

export function fitModel(d: Design, model: ModelType, se: SeMethod, w: Csr | undefined, logdet: LogDet | undefined): ModelFit {
  const n = d.n;
  const k = d.cols.length;
  const ols = fitOls(d);
  const logLikOlsScaled = ols.logLik;
  const toData = n * Math.log(d.yScale); // logLik = logLik* − n·ln s_y
  const logLikOls = logLikOlsScaled - toData;
  const aicOls = -2 * logLikOls + 2 * (k + 1);
  const olsResiduals = ols.residuals.map((r) => r * d.yScale);
  const betaScale = Float64Array.from(d.colScale, (s) => d.yScale / s);

  if (model === 'ols' || !w || !logdet) {
    const dfResidual = n - k;
    const s2u = ols.sse / dfResidual;
    const cov = Float64Array.from(ols.xtxInv, (v) => v * s2u);
    const beta = ols.beta.map((b, j) => b * betaScale[j]);
    const coefficients = d.names.map((name, j) => {
      const stdError = Math.sqrt(cov[j * k + j]) * betaScale[j];
      const t = beta[j] / stdError;
      return { name, estimate: beta[j], stdError, z: t, p: studentTwoSidedP(t, dfResidual) };
    });
    const yMean = d.y.reduce((s, v) => s + v, 0) / n;
    const tss = d.y.reduce((s, v) => s + (v - yMean) ** 2, 0);
    const hasIntercept = d.names[0] === '(Intercept)';
    const tss0 = hasIntercept ? tss : dot(d.y, d.y);
    const rSquared = 1 - ols.sse / tss0;
    return {
      model: 'ols', se, coefficients, logLik: logLikOls, logLikOls, sigma2: s2u * d.yScale ** 2, aic: aicOls, aicOls,
      parameters: k + 1, dfResidual, rSquared, adjRSquared: 1 - (1 - rSquared) * ((n - (hasIntercept ? 1 : 0)) / dfResidual),
      residuals: olsResiduals, fitted: d.y.map((v, i) => (v - ols.residuals[i]) * d.yScale), olsResiduals,
      covariance: toNested(d.names, cov, k, (i, j) => betaScale[i] * betaScale[j]), beta, tracesExact: true, evaluations: 0, warnings: [],
    };
  }

  const isError = model === 'error';
  const fit: SpatialFit = isError ? fitError(d, w, logdet) : fitLag(d, w, logdet);
  const paramName = isError ? 'lambda' : 'rho';
  const s2 = fit.sse / n;
  const warnings: Problem[] = [];
  // The information matrix needs traces of A = (I − ρW)⁻¹ that are costly at large n: exact
  // (dense) for small n, Monte Carlo beyond (models/spatialTraces). With Hessian SEs it is still
  // formed for small n, where the LM test below uses its var(ρ̂) as spatialreg does.
  const small = n <= DENSE_TRACE_LIMIT.lm;
  const traces = se === 'asymptotic' || (small && !isError) ? spatialTraces(w, fit.param, logdet, se === 'asymptotic' ? 'asymptotic' : 'lm') : undefined;
  const asymptotic = traces && (isError ? errorAsymptotic(d, fit as ReturnType<typeof fitError>, traces) : lagAsymptotic(d, w, fit, traces, logdet));
  if (se === 'asymptotic' && !asymptotic) {
    warnings.push(warning('the asymptotic information matrix could not be inverted; standard errors come from the numerical Hessian instead', undefined, undefined, 'asymptotic-failed'));
  }
  let cov = se === 'asymptotic' ? asymptotic : undefined;
  const usedSe: SeMethod = cov ? 'asymptotic' : 'hessian';
  cov ??= isError ? errorHessian(d, fit as ReturnType<typeof fitError>, logdet) : lagHessian(d, fit, logdet);
  if (!cov) throw new Error('neither the information matrix nor the Hessian could be inverted: the model is not identified');

  // Map the covariance to data units: σ² scales by s_y², ρ/λ not at all, β_j by s_y/s_j.
  const unitScale = (name: string, idx: number): number =>
    name === 'sigma2' ? d.yScale ** 2 : name === paramName ? 1 : betaScale[idx - (cov!.names.length - k)];
  const factors = cov.names.map(unitScale);
  const covariance = toNested(cov.names, cov.matrix, cov.size, (i, j) => factors[i] * factors[j]);
  const at = (name: string) => cov!.names.indexOf(name);
  const varOf = (name: string) => covariance.matrix[at(name)][at(name)];

  const beta = fit.beta.map((b, j) => b * betaScale[j]);
  const coefficients = d.names.map((name, j) => {
    const stdError = Math.sqrt(covariance.matrix[cov!.names.length - k + j][cov!.names.length - k + j]);
    const z = beta[j] / stdError;
    return { name, estimate: beta[j], stdError, z, p: normalTwoSidedP(z) };
  });
  const paramSe = Math.sqrt(varOf(paramName));
  const z = fit.param / paramSe;
  const logLik = fit.logLik - toData;
  const lr = 2 * (logLik - logLikOls);
  const parameters = k + 2;
  if (fit.atBoundary) {
    warnings.push(warning(`${paramName === 'rho' ? 'ρ' : 'λ'} = ${fit.param.toPrecision(6)} is at the edge of its interval [${logdet.interval.map((v) => v.toPrecision(6)).join(', ')}]: the estimate should not be used`, undefined, undefined, 'boundary'));
  }
  let lmResid: TestStatistic | undefined;
  if (!isError) {
    // spatialreg reports this test only with the information matrix, using its var(ρ̂); without
    // one (Hessian SEs at large n) the Hessian's var(ρ̂) takes its place.
    const rhoVar = asymptotic ? asymptotic.matrix[asymptotic.size + 1] : cov.matrix[cov.names.indexOf('rho') * (cov.size + 1)];
    const stat = lmResidualAutocorrelation(w, fit.residuals, s2, rhoVar, traces ?? lmTraces(w, fit.param, logdet));
    if (stat >= 0) lmResid = { statistic: stat, df: 1, p: chisqUpperP(stat, 1) };
  }
  return {
    model, se: usedSe, coefficients,
    spatial: { name: paramName, value: { estimate: fit.param, stdError: paramSe, z, p: normalTwoSidedP(z) } },
    lrTest: { statistic: lr, df: 1, p: chisqUpperP(lr, 1) },
    wald: { statistic: z * z, df: 1, p: chisqUpperP(z * z, 1) },
    lmResidualAutocorrelation: lmResid,
    logLik, logLikOls, sigma2: s2 * d.yScale ** 2, aic: -2 * logLik + 2 * parameters, aicOls, parameters,
    residuals: fit.residuals.map((r) => r * d.yScale), fitted: fit.fitted.map((v) => v * d.yScale), olsResiduals,
    covariance, beta, tracesExact: traces?.exact ?? true, interval: logdet.interval, evaluations: fit.evaluations, warnings,
  };
}

function toNested(names: string[], m: Float64Array, size: number, factor: (i: number, j: number) => number): { names: string[]; matrix: number[][] } {
  const matrix = names.map((_, i) => names.map((__, j) => m[i * size + j] * factor(i, j)));
  return { names, matrix };
}
