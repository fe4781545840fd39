/**
 * One model fit on a prepared design: estimates, covariance, tests — everything of
 * spatialreg's `summary()` — mapped back from the design's internal scale to the data's units.
 */
import { dot } from '../dense/matrix';
import type { Csr } from '../sparse/csr';
import type { LogDet } from '../logdet/types';
import type { ModelType, SeMethod } from '../spec/types';
import { defined, type CoefficientRow, type SpatialParameter, type TestStatistic, type TraceAccuracy } from '../result';
import { error, info, ProblemError, warning, type Problem } from '../problems';
import { pTwoSidedT as studentTwoSidedP } from '../inference/distributions';
import { chisqTest, zTest } from '../inference/statistic';
import { inDataUnits, representable, type Design } from './design';
import { fitOls } from './ols';
import { fitLag, type SpatialFit } from './lag';
import { fitError, type ErrorFit } from './error';
import { errorAsymptotic, errorHessian, glsCovariance, lagAsymptotic, lagHessian, lmResidualAutocorrelation, type Covariance } from './covariance';
import { SeriesDivergedError, SpatialTraces } from './spatialTraces';
import { MODEL_FORM } from './family';
import { fitSac, sacAsymptotic, sacHessian, sacTraces, type SacOptimum } from './sac';

export interface ModelFit {
  model: ModelType;
  se: SeMethod;
  coefficients: CoefficientRow[];
  /** ρ (SAR, SDM, SAC, GNS) and λ (SEM, SDEM, SAC, GNS) with their inference. */
  rho?: SpatialParameter;
  lambda?: SpatialParameter;
  /** SAC / GNS: the optimum reached from each start (logLik in data units), best first. */
  optima?: SacOptimum[];
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
  /** Error model with Hessian SEs: the full (λ, β) Hessian's covariance, data units. */
  hessianCovariance?: { names: string[]; matrix: number[][] };
  /** Regression coefficients in data units (for impacts). */
  beta: Float64Array;
  /** β_j = coefficientScales[j] · β*_j: the data units of the internal (scaled) fit. */
  coefficientScales: Float64Array;
  /**
   * The covariance in the internal units (names as `covariance`): what draws of (ρ, β) are made
   * from, since its entries always fit in a double (the data-unit ones need not).
   */
  internalCovariance?: { names: string[]; matrix: number[][] };
  /** How the traces behind the asymptotic SEs and the LM test were obtained (absent: none needed). */
  traces?: TraceAccuracy;
  interval?: [number, number];
  evaluations: number;
  warnings: Problem[];
}

export function fitModel(d: Design, model: ModelType, se: SeMethod, w: Csr | undefined, logdet: LogDet | undefined): ModelFit {
  const form = MODEL_FORM[model];
  if (!form.rho && !form.lambda) return fitLinear(d, model, se);
  if (!w || !logdet) throw new Error(`fitModel: the ${model} model needs weights and a log-determinant`);
  return form.rho && form.lambda ? fitTwoParameters(d, model, se, w, logdet) : fitOneParameter(d, model, se, w, logdet);
}

/**
 * The comparison fit of the LR test and "AIC for lm", as spatialreg's summaries print them: lm on
 * the model's own regressors for SAR, SDM, SEM and SDEM (so an SDEM is compared with the SLX);
 * on the plain regressors, without WX, for SLX, SAC and GNS (spatialreg's `sacsarlm` LR for GNS).
 */
function baseline(d: Design, model: ModelType): { logLikScaled: number; logLik: number; aic: number; residuals: Float64Array; k: number } {
  const plain = model === 'slx' || model === 'gns' ? plainDesign(d) : d;
  const ols = fitOls(plain);
  const k = plain.cols.length;
  const logLik = ols.logLik - d.n * Math.log(d.yScale); // logLik = logLik* − n·ln s_y
  return { logLikScaled: ols.logLik, logLik, aic: -2 * logLik + 2 * (k + 1), residuals: ols.residuals, k };
}

/** The design without its Durbin lags. */
export function plainDesign(d: Design): Design {
  return { ...d, cols: d.cols.slice(0, d.nPlain), names: d.names.slice(0, d.nPlain), colScale: d.colScale.slice(0, d.nPlain) };
}

/** OLS and SLX (OLS on [X, WX], spatialreg `lmSLX`): t-based inference with σ² = SSE/(n − k). */
function fitLinear(d: Design, model: ModelType, se: SeMethod): ModelFit {
  const n = d.n;
  const k = d.cols.length;
  const ols = fitOls(d);
  const base = baseline(d, model);
  const betaScale = Float64Array.from(d.colScale, (s) => d.yScale / s);
  const dfResidual = n - k;
  const s2u = ols.sse / dfResidual;
  const cov = Float64Array.from(ols.xtxInv, (v) => v * s2u);
  const ses = d.names.map((_, j) => Math.sqrt(cov[j * k + j]));
  assertRepresentable(d, s2u, ols.beta, ses, betaScale);
  const beta = ols.beta.map((b, j) => b * betaScale[j]);
  const coefficients = d.names.map((name, j) => {
    const t = ses[j] > 0 ? defined(ols.beta[j] / ses[j]) : NaN;
    return { name, estimate: beta[j], stdError: ses[j] * betaScale[j], z: t, p: studentTwoSidedP(t, dfResidual) };
  });
  const yMean = d.y.reduce((s, v) => s + v, 0) / n;
  const tss = d.y.reduce((s, v) => s + (v - yMean) ** 2, 0);
  const hasIntercept = d.names[0] === '(Intercept)';
  const tss0 = hasIntercept ? tss : dot(d.y, d.y);
  const rSquared = 1 - ols.sse / tss0;
  const covariance = toNested(d.names, cov, k, (i) => betaScale[i], (j) => betaScale[j]);
  const logLik = ols.logLik - n * Math.log(d.yScale);
  const lags = k - d.nPlain;
  return {
    model, se, coefficients, logLik, logLikOls: base.logLik, sigma2: s2u * d.yScale * d.yScale, aic: -2 * logLik + 2 * (k + 1), aicOls: base.aic,
    // SLX against OLS: the LR test of θ = 0.
    lrTest: lags > 0 ? chisqTest(2 * (ols.logLik - base.logLikScaled), lags) : undefined,
    parameters: k + 1, dfResidual, rSquared, adjRSquared: 1 - (1 - rSquared) * ((n - (hasIntercept ? 1 : 0)) / dfResidual),
    residuals: ols.residuals.map((r) => r * d.yScale), fitted: d.y.map((v, i) => (v - ols.residuals[i]) * d.yScale), olsResiduals: base.residuals.map((r) => r * d.yScale),
    covariance, beta, coefficientScales: betaScale, internalCovariance: toNested(d.names, cov, k, () => 1, () => 1), evaluations: 0, warnings: unrepresentable(covariance, cov, k),
  };
}

/** SAR and SDM (ρ), SEM and SDEM (λ): one spatial parameter, concentrated likelihood. */
function fitOneParameter(d: Design, model: ModelType, se: SeMethod, w: Csr, logdet: LogDet): ModelFit {
  const n = d.n;
  const k = d.cols.length;
  const base = baseline(d, model);
  const betaScale = Float64Array.from(d.colScale, (s) => d.yScale / s);
  const isError = MODEL_FORM[model].lambda;
  const fit: SpatialFit = isError ? fitError(d, w, logdet) : fitLag(d, w, logdet);
  const paramName = isError ? 'lambda' : 'rho';
  const symbol = isError ? 'λ' : 'ρ';
  const s2 = fit.sse / n;
  const warnings: Problem[] = [];
  if (!fit.converged) {
    warnings.push(warning(`the search for ${symbol} stopped after ${fit.evaluations} evaluations without reaching its tolerance; ${symbol} = ${fit.param.toPrecision(6)} is the best point found`, undefined, undefined, 'maximiser-cap'));
  }
  const logLik = fit.logLik - n * Math.log(d.yScale);
  const lr = 2 * (fit.logLik - base.logLikScaled); // in the internal units: free of the units' rounding
  const parameters = k + 2;
  let inference: Inference | undefined;
  if (fit.atBoundary) {
    warnings.push(boundaryWarning(symbol, fit.param, logdet.interval));
  } else {
    inference = covarianceOf(d, w, logdet, fit, se, isError, warnings);
  }
  const mapped = mapCovariance(d, fit.beta, s2, betaScale, inference?.covariance, [paramName], warnings);
  const paramSe = mapped.seOf(paramName);
  const spatial = { estimate: fit.param, stdError: paramSe, ...zTest(fit.param, paramSe) };
  const hessian = inference?.hessian;
  const hf = hessian && unitFactor(d, hessian.names, 1, betaScale);
  return {
    model, se: inference?.se ?? se, coefficients: mapped.coefficients,
    [paramName]: spatial,
    lrTest: chisqTest(lr, 1),
    wald: chisqTest(spatial.z * spatial.z, 1),
    lmResidualAutocorrelation: isError ? undefined : inference?.lm ?? chisqTest(NaN, 1),
    logLik, logLikOls: base.logLik, sigma2: s2 * d.yScale * d.yScale, aic: -2 * logLik + 2 * parameters, aicOls: base.aic, parameters,
    residuals: fit.residuals.map((r) => r * d.yScale), fitted: fit.fitted.map((v) => v * d.yScale), olsResiduals: base.residuals.map((r) => r * d.yScale),
    covariance: mapped.covariance, hessianCovariance: hessian && hf && toNested(hessian.names, hessian.matrix, hessian.size, hf, hf), internalCovariance: mapped.internal,
    coefficientScales: betaScale, beta: mapped.beta, traces: inference?.traces, interval: logdet.interval, evaluations: fit.evaluations, warnings,
  };
}

/**
 * SAC and GNS (ρ and λ): the 2-D concentrated likelihood from several starts (models/sac). The
 * asymptotic covariance as spatialreg's method "eigen" where its traces are exact and affordable
 * (models/sac), else the analytic Hessian, as spatialreg's other methods (fdHess).
 */
function fitTwoParameters(d: Design, model: ModelType, se: SeMethod, w: Csr, logdet: LogDet): ModelFit {
  const n = d.n;
  const k = d.cols.length;
  const base = baseline(d, model);
  const betaScale = Float64Array.from(d.colScale, (s) => d.yScale / s);
  const fit = fitSac(d, w, logdet);
  const warnings: Problem[] = [];
  const label = model === 'gns' ? 'GNS' : 'SAC';
  if (fit.otherMaxima.length) {
    const toData = n * Math.log(d.yScale);
    const others = fit.otherMaxima.map((o) => `logLik ${(o.logLik - toData).toPrecision(8)} at ρ = ${o.rho.toPrecision(4)}, λ = ${o.lambda.toPrecision(4)} (from the start (${o.start.map((v) => v.toPrecision(3)).join(', ')}))`);
    warnings.push(warning(`the ${label} likelihood has ${fit.otherMaxima.length + 1} local maxima among the ${fit.optima.length} starts: the best, logLik ${(fit.logLik - toData).toPrecision(8)} at ρ = ${fit.rho.toPrecision(4)}, λ = ${fit.lambda.toPrecision(4)}, is reported; also ${others.join('; ')}`, undefined, undefined, 'local-maxima'));
  }
  if (!fit.optima[0].converged) warnings.push(warning(`the ${label} search stopped at its iteration cap before converging`, undefined, undefined, 'maximiser-cap'));
  const logLik = fit.logLik - n * Math.log(d.yScale);
  const parameters = k + 3;
  const s2 = fit.sse / n;
  let cov: Covariance | undefined;
  let usedSe: SeMethod = se;
  let traces: TraceAccuracy | undefined;
  if (fit.atBoundary.rho || fit.atBoundary.lambda) {
    warnings.push(boundaryWarning(fit.atBoundary.rho ? 'ρ' : 'λ', fit.atBoundary.rho ? fit.rho : fit.lambda, logdet.interval));
  } else {
    const tr = se === 'asymptotic' ? sacTraces(w, fit.rho, fit.lambda) : undefined;
    cov = tr && sacAsymptotic(d, w, fit, logdet, tr);
    if (se === 'asymptotic' && !cov) {
      warnings.push(info(tr ? 'the asymptotic information matrix could not be inverted; standard errors come from the analytic Hessian instead' : `the ${label} model's asymptotic standard errors need exact traces of (I − ρW)⁻¹ and (I − λW)⁻¹, beyond reach at n = ${n}: standard errors come from the analytic Hessian (as spatialreg's methods other than "eigen")`, undefined, undefined, 'asymptotic-failed'));
    }
    if (cov) traces = { method: 'exact' };
    else {
      cov = sacHessian(d, w, fit, logdet);
      usedSe = 'hessian';
    }
    if (!cov) warnings.push(warning('neither the information matrix nor the Hessian can be inverted at the estimate: standard errors are not defined (NA)', undefined, undefined, 'covariance-undefined'));
  }
  const mapped = mapCovariance(d, fit.beta, s2, betaScale, cov, ['rho', 'lambda'], warnings);
  const param = (name: 'rho' | 'lambda', v: number) => {
    const stdError = mapped.seOf(name);
    return { estimate: v, stdError, ...zTest(v, stdError) };
  };
  const df = 2 + (k - d.nPlain);
  return {
    model, se: usedSe, coefficients: mapped.coefficients,
    rho: param('rho', fit.rho), lambda: param('lambda', fit.lambda),
    lrTest: chisqTest(2 * (fit.logLik - base.logLikScaled), df),
    logLik, logLikOls: base.logLik, sigma2: s2 * d.yScale * d.yScale, aic: -2 * logLik + 2 * parameters, aicOls: base.aic, parameters,
    residuals: fit.residuals.map((r) => r * d.yScale), fitted: fit.fitted.map((v) => v * d.yScale), olsResiduals: base.residuals.map((r) => r * d.yScale),
    covariance: mapped.covariance, internalCovariance: mapped.internal, coefficientScales: betaScale, beta: mapped.beta, traces,
    interval: logdet.interval, evaluations: fit.evaluations, warnings,
    optima: fit.optima.map((o) => ({ ...o, logLik: o.logLik - n * Math.log(d.yScale) })),
  };
}

function boundaryWarning(symbol: string, value: number, interval: [number, number]): Problem {
  return warning(`${symbol} = ${value.toPrecision(6)} is at its bound (the edge of its interval [${interval.map((v) => v.toPrecision(6)).join(', ')}]): the likelihood has no interior maximum, the estimate should not be used, and standard errors, z-values, the Wald test and the LM test are not defined (NA)`, undefined, undefined, 'boundary');
}

/** Data units of each covariance row: σ² by s_y², ρ/λ not at all, β_j by s_y/s_j. */
function unitFactor(d: Design, names: readonly string[], first: number, betaScale: Float64Array): (i: number) => number {
  return (i) => (names[i] === 'sigma2' ? d.yScale * d.yScale : names[i] === 'rho' || names[i] === 'lambda' ? 1 : betaScale[i - first]);
}

/**
 * The coefficients and covariance in data units. Standard errors and z-values are formed in the
 * internal units and then scaled, so that no variance (a square of an SE) has to fit in a double.
 */
function mapCovariance(d: Design, betaInternal: Float64Array, s2: number, betaScale: Float64Array, cov: Covariance | undefined, params: readonly string[], warnings: Problem[]) {
  const k = d.cols.length;
  const offset = cov ? cov.names.length - k : 0;
  const seAt = (i: number) => (cov && i >= 0 ? Math.sqrt(cov.matrix[i * (cov.size + 1)]) : NaN);
  const ses = d.names.map((_, j) => seAt(offset + j));
  assertRepresentable(d, s2, betaInternal, ses, betaScale);
  const beta = betaInternal.map((b, j) => b * betaScale[j]);
  const coefficients = d.names.map((name, j) => ({
    name,
    estimate: beta[j],
    stdError: defined(ses[j] * betaScale[j]),
    ...zTest(betaInternal[j], ses[j]), // scale-free: z from the internal units
  }));
  let covariance = undefinedCovariance([...params, ...d.names]);
  let internal: ModelFit['internalCovariance'];
  if (cov) {
    const f = unitFactor(d, cov.names, offset, betaScale);
    covariance = toNested(cov.names, cov.matrix, cov.size, f, f);
    internal = toNested(cov.names, cov.matrix, cov.size, () => 1, () => 1);
    warnings.push(...unrepresentable(covariance, cov.matrix, cov.size));
  }
  return { beta, coefficients, covariance, internal, seOf: (name: string) => defined(seAt(cov ? cov.names.indexOf(name) : -1)) };
}

/**
 * Throws a located problem when σ² (internal `s2`), a coefficient or its SE does not fit in a
 * double once mapped to the data's units (models/design: the fit itself never overflows).
 */
function assertRepresentable(d: Design, s2: number, beta: ArrayLike<number>, ses: readonly number[], betaScale: Float64Array): void {
  const at = (name: string) => d.locate?.(name.replace(/^lag\./, '')) ?? {};
  const log10 = (x: number) => Math.log10(Math.abs(x));
  const problems: Problem[] = [];
  if (!representable(s2 * d.yScale, d.yScale)) {
    const e = log10(s2) + 2 * log10(d.yScale);
    const fix = e > 0 ? `divide it by 1e${Math.ceil(e / 2)}` : `multiply it by 1e${Math.ceil(-e / 2)}`;
    const w = at(d.yName);
    let max = 0;
    for (let i = 0; i < d.n; i++) max = Math.max(max, Math.abs(d.y[i]));
    problems.push(error(`the residual variance of "${d.yName}" (σ² ≈ 1e${Math.round(e)}) does not fit in double precision (2.2e-308 to 1.8e308): its values (largest |value| ${(max * d.yScale).toExponential(2)}) are too ${e > 0 ? 'large' : 'small'} to square; express "${d.yName}" in other units (${fix})`, w.file, w.range, 'not-representable'));
  }
  d.names.forEach((name, j) => {
    if (representable(beta[j], betaScale[j]) && (!(ses[j] > 0) || representable(ses[j], betaScale[j]))) return;
    const e = log10(beta[j] !== 0 ? beta[j] : ses[j]) + log10(d.yScale) - log10(d.colScale[j]);
    const w = at(name === '(Intercept)' ? d.yName : name);
    const apart = Math.round(log10(d.yScale) - log10(d.colScale[j]));
    problems.push(error(`the coefficient of "${name}" (≈ 1e${Math.round(e)}) or its standard error does not fit in double precision: the scales of "${d.yName}" and "${name}" are 1e${apart} apart; express one of them in other units`, w.file, w.range, 'not-representable'));
  });
  if (problems.length) throw new ProblemError(problems);
}

/** In data units (entry (i, j) times fi(i)·fj(j)); an entry that is not a normal double there is undefined (NaN). */
function toNested(names: string[], m: Float64Array, size: number, fi: (i: number) => number, fj: (j: number) => number): { names: string[]; matrix: number[][] } {
  const matrix = names.map((_, i) => names.map((__, j) => inDataUnits(m[i * size + j] * fi(i), fj(j))));
  return { names, matrix };
}

/** A warning when covariance entries (variances: squares of SEs) cannot be written in the data's units. */
function unrepresentable(nested: { matrix: number[][] }, m: Float64Array, size: number): Problem[] {
  let count = 0;
  nested.matrix.forEach((row, i) => row.forEach((v, j) => {
    if (Number.isNaN(v) && Number.isFinite(m[i * size + j])) count++;
  }));
  return count ? [warning(`${count} entr${count === 1 ? 'y' : 'ies'} of the covariance matrix do not fit in double precision in the data's units (variances of values far from 1): shown as NA; the standard errors are exact`, undefined, undefined, 'not-representable')] : [];
}

/** The covariance behind the SEs (internal units), the LM test on lag residuals, and how the traces were found. */
interface Inference {
  covariance: Covariance;
  se: SeMethod;
  lm?: TestStatistic;
  traces?: TraceAccuracy;
  /** Error model with Hessian SEs: the full (λ, β) Hessian's covariance (the printed β SEs are GLS). */
  hessian?: Covariance;
}

/**
 * - `asymptotic`: the information matrix, from traces of (I − ρ̂W)⁻¹ (models/spatialTraces);
 *   if it cannot be inverted, the Hessian.
 * - `hessian`: the profile Hessian of (ρ|λ, β) (models/covariance). For the error model β's SEs
 *   are then the GLS ones s²(X_λ'X_λ)⁻¹ and only λ's comes from the Hessian, as spatialreg's
 *   `errorsarlm` reports them; the full Hessian is kept alongside.
 * The LM test on lag-model residuals uses var(ρ̂) of the information matrix, as spatialreg; with
 * Hessian SEs it is formed for that with eigenvalues (as spatialreg's method "eigen"), else the
 * Hessian's var(ρ̂) takes its place (spatialreg then reports no LM test). Undefined (a warning, SEs NA) where neither matrix can be inverted or
 * (I − ρ̂W)⁻¹ cannot be applied.
 */
function covarianceOf(d: Design, w: Csr, logdet: LogDet, fit: SpatialFit, se: SeMethod, isError: boolean, warnings: Problem[]): Inference | undefined {
  const traces = new SpatialTraces(w, logdet, fit.param);
  try {
    // With Hessian SEs the information matrix is still formed for the LM test's var(ρ̂) when the
    // eigenvalues make it cheap, as spatialreg's method "eigen" always forms it.
    const forLm = !isError && logdet.method === 'eigen' && traces.exact('asymptotic');
    const tr = se === 'asymptotic' || forLm ? traces.asymptotic() : undefined;
    const asymptotic = tr && (isError ? errorAsymptotic(d, fit as ErrorFit, tr) : lagAsymptotic(d, w, fit, tr, (b) => traces.solve(b)));
    if (se === 'asymptotic' && !asymptotic) {
      warnings.push(warning('the asymptotic information matrix could not be inverted; standard errors come from the numerical Hessian instead', undefined, undefined, 'asymptotic-failed'));
    }
    let covariance = se === 'asymptotic' ? asymptotic : undefined;
    let hessian: Covariance | undefined;
    if (!covariance) {
      const ldet2 = traces.secondDerivative();
      if (isError) {
        hessian = errorHessian(d, fit as ErrorFit, ldet2);
        covariance = hessian && withGlsCoefficients(hessian, glsCovariance(d, fit as ErrorFit));
      } else {
        covariance = lagHessian(d, fit, ldet2);
      }
    }
    if (!covariance) {
      warnings.push(warning('neither the information matrix nor the Hessian can be inverted at the estimate (the model is not identified there): standard errors are not defined (NA)', undefined, undefined, 'covariance-undefined'));
      return undefined;
    }
    const usedSe: SeMethod = covariance === asymptotic ? 'asymptotic' : 'hessian';
    if (isError) return { covariance, se: usedSe, traces: tr?.accuracy, hessian };
    // LM test for residual autocorrelation (spatialreg `lagsarlm`): (e'We/σ²)² / (T22 − T21A²·var(ρ̂)).
    const rhoVar = asymptotic ? asymptotic.matrix[asymptotic.size + 1] : covariance.matrix[0];
    const lmTr = tr ?? traces.lm();
    const lm = chisqTest(lmResidualAutocorrelation(w, fit.residuals, fit.sse / d.n, rhoVar, lmTr), 1);
    return { covariance, se: usedSe, lm, traces: lmTr.accuracy };
  } catch (e) {
    if (!(e instanceof SeriesDivergedError)) throw e;
    warnings.push(warning(`(I − ρW)⁻¹ cannot be applied at ρ = ${fit.param.toPrecision(6)} (its series diverges near the bound of the interval): standard errors are not defined (NA)`, undefined, undefined, 'covariance-undefined'));
    return undefined;
  }
}

/** The Hessian's covariance with the β block replaced by GLS and λ–β terms 0 (block-diagonal information). */
function withGlsCoefficients(h: Covariance, gls: Float64Array | undefined): Covariance | undefined {
  if (!gls) return undefined;
  const p = h.size;
  const k = p - 1;
  const m = new Float64Array(p * p);
  m[0] = h.matrix[0];
  for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) m[(1 + i) * p + 1 + j] = gls[i * k + j];
  return { names: h.names, matrix: m, size: p };
}

/** A covariance with every entry undefined (NaN), for fits whose SEs are not defined. */
function undefinedCovariance(names: string[]): { names: string[]; matrix: number[][] } {
  return { names, matrix: names.map(() => names.map(() => NaN)) };
}
