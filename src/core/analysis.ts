/**
 * From a model fit to the full `FitResult`: impacts (LeSage & Pace 2009), the OLS pre-tests
 * of spatial dependence (Moran's I, LM tests: Anselin 1988; Anselin et al. 1996), the local
 * spillovers the map shows, and model warnings a careful analyst would want to see.
 */
import { matVec, type Csr } from './sparse/csr';
import { info, warning, type Problem } from './problems';
import type { Spec } from './spec/types';
import type { FitResult, ImpactRow, LmTests, MoranTest } from './result';
import type { SpatialWeights } from './weights/types';
import type { LogDet } from './logdet/types';
import type { Design } from './models/design';
import type { ModelFit } from './models/fitModel';
import { fitOls } from './models/ols';
import { computeImpacts, localImpacts, rowsSumToOne, rowSumMoments, type ImpactsSource } from './inference/impacts';
import { lmTestsResiduals } from './inference/lmTests';
import { moranTestResiduals, prepareOlsDiagnostics } from './inference/moran';
import { powerTraces, traceSeriesError, type PowerTraces } from './traces/moments';
import { isDefined, type CoefficientRow, type Diagnostics, type ImpactInference, type TraceAccuracy } from './result';
import { MODEL_FORM } from './models/family';
import { wxImpacts, type EstimateWithSe, type WxImpactRow } from './inference/wxImpacts';
import { breuschPagan, conditionNumber, jarqueBera, squaresOf, varianceInflation } from './inference/regressionDiagnostics';
import { durbinLmTests } from './inference/durbinLmTests';
import { qnorm, qtTwoSided } from './inference/distributions';
import { applyA } from './models/spatialTraces';
import { transpose } from './sparse/build';

/** Powers of W in the trace series for impacts (spatialreg's `trW` default m = 30). */
const TRACE_ORDER = 30;

export interface AnalysisInput {
  spec: Spec;
  design: Design;
  fit: ModelFit;
  weights: SpatialWeights;
  logdet?: LogDet;
  ids: string[];
  observed: Float64Array;
  draws: number;
  seed: number;
  /** The OLS pre-tests of the spec's inputs (`preTests`): the same for every model fitted to them. */
  preTests: PreTests;
}

/** Tests on the OLS of the plain regressors: they depend on the inputs, not on the model fitted. */
export interface PreTests {
  moranOls: MoranTest;
  lmTestsOls: LmTests;
  ols: Diagnostics['ols'];
}

/** tr(W), …, tr(W^30): the log-determinant's own when it has them, else computed (exact while affordable). */
function impactTraces(logdet: LogDet | undefined, weights: SpatialWeights, seed: number): PowerTraces {
  const t = logdet?.traces;
  if (t && t.length >= TRACE_ORDER) return { traces: t.subarray(0, TRACE_ORDER), samples: logdet?.traceSamples };
  return powerTraces(weights, TRACE_ORDER, { seed });
}

/**
 * How far Monte Carlo traces leave the impacts from the exact-trace ones: the relative SE of the
 * direct-impact multiplier Σ_j ρʲ tr(Wʲ)/n (and, for Durbin, of Σ_j ρʲ tr(W^{j+1})/n), the parts
 * that depend on the estimated traces (totals use none for row-standardised W).
 */
function directImpactAccuracy(p: PowerTraces, rho: number, n: number, durbin: boolean): TraceAccuracy {
  const s = p.samples;
  if (!s) return { method: 'exact' };
  const m = p.traces.length;
  const wBeta = new Float64Array(s.order);
  const wTheta = new Float64Array(s.order);
  let beta = 1;
  let theta = 0;
  for (let k = 0; k < m; k++) {
    // t_k = tr(W^{k+1}): ρ^{k+1}/n in the β multiplier (j = k + 1 < m), ρ^k/n in θ's.
    if (k + 1 < m) {
      wBeta[k] = rho ** (k + 1) / n;
      beta += wBeta[k] * p.traces[k];
    }
    wTheta[k] = rho ** k / n;
    theta += wTheta[k] * p.traces[k];
  }
  let relativeSE = traceSeriesError(s, wBeta) / Math.abs(beta);
  if (durbin) relativeSE = Math.max(relativeSE, traceSeriesError(s, wTheta) / Math.abs(theta));
  return { method: 'monte-carlo', vectors: s.vectors, relativeSE };
}

export function analyseFit(a: AnalysisInput): FitResult {
  const { spec, design, fit, weights } = a;
  const n = design.n;
  const warnings: Problem[] = [...design.warnings, ...fit.warnings];

  const { moranOls, lmTestsOls } = a.preTests;

  let impacts: ImpactRow[] | undefined;
  let impactsMethod: FitResult['impactsMethod'];
  let impactsAccuracy: FitResult['impactsAccuracy'];
  let localSpillover: FitResult['localSpillover'];
  const form = MODEL_FORM[fit.model];
  const rho = fit.rho?.estimate;
  const names = design.names;
  if (rho !== undefined) {
    const impactModel = form.wx ? 'durbin' : 'lag';
    const powers = a.logdet?.eigenvalues ? undefined : impactTraces(a.logdet, weights, a.seed);
    const source: ImpactsSource = a.logdet?.eigenvalues ? { kind: 'eigen', re: a.logdet.eigenvalues.re, im: a.logdet.eigenvalues.im } : { kind: 'traces', traces: powers!.traces };
    const totalMoments = rowsSumToOne(weights.w) ? undefined : rowSumMoments(weights.w, TRACE_ORDER);
    // Draws need a covariance: none when the SEs are undefined (ρ at its bound).
    const simulate = a.draws > 0 && isDefined(fit.rho?.stdError);
    const out = computeImpacts({
      model: impactModel, rho, n, coefficientNames: names, coefficients: fit.beta, source, totalMoments,
      simulation: simulate && fit.internalCovariance ? { covariance: fit.internalCovariance, scales: fit.coefficientScales, draws: a.draws, seed: a.seed, interval: fit.interval } : undefined,
    });
    impacts = out.rows;
    impactsMethod = out.method;
    if (powers) impactsAccuracy = directImpactAccuracy(powers, rho, n, form.wx);
    const terms = out.rows.map((r) => {
      const b = names.indexOf(r.name);
      const t = names.indexOf(`lag.${r.name}`);
      return { name: r.name, beta: fit.beta[b], theta: t >= 0 ? fit.beta[t] : undefined };
    });
    const local = localImpacts({ w: weights.w, rho, terms, source });
    localSpillover = local.effects.map((e) => ({ name: e.name, total: e.total, direct: e.direct, indirect: e.indirect, diagonal: local.diagonal }));
  } else if (form.wx) {
    // SLX, SDEM: direct = β, indirect = θ (no feedback through ρWy).
    const rows = wxImpacts(names, fit.beta, covarianceOfCoefficients(fit.covariance, names));
    impacts = rows.map((r) => ({
      name: r.name, direct: r.direct.estimate, indirect: r.indirect.estimate, total: r.total.estimate,
      analytic: { direct: inferenceOf(r.direct), indirect: inferenceOf(r.indirect), total: inferenceOf(r.total) },
    }));
    impactsMethod = 'coefficients';
    localSpillover = wxLocalSpillovers(weights, rows);
  }
  const islands = weights.islands.map((i) => a.ids[i]);
  if (islands.length) {
    warnings.push(warning(`${islands.length} observation${islands.length > 1 ? 's have' : ' has'} no neighbours (islands; their spatial lag is 0): ${islands.slice(0, 10).join(', ')}${islands.length > 10 ? ', …' : ''}`, undefined, undefined, 'islands'));
  }
  if (weights.componentCount > 1) {
    warnings.push(warning(`the weights graph is disconnected: ${weights.componentCount} separate groups of observations never influence each other`, undefined, undefined, 'disconnected'));
  }
  const lmr = fit.lmResidualAutocorrelation;
  if (lmr && lmr.p < 0.05) {
    warnings.push(warning(`spatial autocorrelation is left in the ${fit.model} model's residuals (LM = ${lmr.statistic.toPrecision(5)}, p = ${lmr.p.toPrecision(4)}): consider an error or Durbin specification, or other weights`, undefined, undefined, 'residual-autocorrelation'));
  }
  for (const [sym, par] of [['ρ', fit.rho], ['λ', fit.lambda]] as const) {
    if (par && par.p >= 0.05) {
      warnings.push(info(`${sym} = ${par.estimate.toPrecision(5)} is not significant (p = ${par.p.toPrecision(4)}); the LR test against OLS has p = ${fit.lrTest?.p.toPrecision(4)}`, undefined, undefined, 'insignificant-spatial'));
    }
  }
  if (fit.traces?.method === 'monte-carlo') {
    const t = fit.traces;
    warnings.push(info(`n is large: the traces of (I − ρW)⁻¹ behind the ${fit.se === 'asymptotic' ? 'asymptotic standard errors and ' : ''}LM test are Monte Carlo estimates (${t.vectors} vectors, relative SE ≈ ${t.relativeSE.toPrecision(2)})${fit.se === 'asymptotic' ? '; use "se": "hessian" for the numerical Hessian' : ''}`, undefined, undefined, 'approximate-traces'));
  }

  const nLinks = weights.nLinks;
  return {
    model: fit.model,
    dependent: spec.dependent,
    n,
    parameters: fit.parameters,
    logdet: a.logdet ? a.logdet.method : 'none',
    logdetExact: a.logdet ? a.logdet.exact : true,
    se: fit.se,
    coefficients: withIntervals(fit.coefficients, fit.dfResidual),
    rho: fit.rho,
    lambda: fit.lambda,
    optima: fit.optima,
    interval: fit.interval,
    lrTest: fit.lrTest,
    wald: fit.wald,
    logLik: fit.logLik,
    logLikOls: fit.logLikOls,
    sigma2: fit.sigma2,
    sigma: Math.sqrt(fit.sigma2),
    aic: fit.aic,
    aicOls: fit.aicOls,
    dfResidual: fit.dfResidual,
    rSquared: fit.rSquared,
    adjRSquared: fit.adjRSquared,
    residuals: { quantiles: [0, 0, 0, 0, 0], values: Array.from(fit.residuals) },
    fitted: Array.from(fit.fitted),
    observed: Array.from(a.observed),
    prediction: rho !== undefined ? prediction(design, fit, weights, a.logdet) : undefined,
    diagnostics: { ols: a.preTests.ols, spatialBreuschPagan: spatialBreuschPagan(design, fit) },
    lmResidualAutocorrelation: fit.lmResidualAutocorrelation,
    impacts,
    impactsMethod,
    impactsAccuracy,
    traces: fit.traces,
    moranOls,
    lmTestsOls,
    localSpillover,
    ids: a.ids,
    covariance: fit.covariance,
    hessianCovariance: fit.hessianCovariance,
    warnings,
    weightsSummary: {
      type: spec.weights.type,
      style: weights.style,
      nLinks,
      averageNeighbours: nLinks / n,
      islands,
      components: weights.componentCount,
      symmetric: weights.symmetricNeighbours,
    },
    timings: { readMs: 0, weightsMs: 0, fitMs: 0, totalMs: 0 },
  };
}

function inferenceOf(e: EstimateWithSe): ImpactInference {
  return { stdError: e.stdError, z: e.z, p: e.p };
}

/** The coefficients' block of a covariance (rows named as the design's columns). */
function covarianceOfCoefficients(cov: { names: string[]; matrix: number[][] }, names: readonly string[]): number[][] {
  const at = names.map((n) => cov.names.indexOf(n));
  return at.map((i) => at.map((j) => (i >= 0 && j >= 0 ? cov.matrix[i][j] : NaN)));
}

/** 95 % intervals (R's `confint`: normal quantiles for ML fits, t with the residual df for lm). */
function withIntervals(rows: CoefficientRow[], dfResidual: number | undefined): CoefficientRow[] {
  const q = dfResidual !== undefined ? qtTwoSided(0.05, dfResidual) : qnorm(0.975);
  return rows.map((r) => ({ ...r, ci: [r.estimate - q * r.stdError, r.estimate + q * r.stdError] }));
}

/**
 * SLX/SDEM per observation: a unit change of x at j moves y_j by β (plus θ w_jj) and its
 * neighbours i by θ w_ij, so the spillover is θ times W's column sum at j.
 */
function wxLocalSpillovers(weights: SpatialWeights, rows: readonly WxImpactRow[]): FitResult['localSpillover'] {
  const wt = transpose(weights.w);
  const n = weights.n;
  const colSum = new Float64Array(n);
  const diag = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    for (let q = wt.rowPtr[j]; q < wt.rowPtr[j + 1]; q++) {
      if (wt.colIdx[q] === j) diag[j] += wt.values[q];
      else colSum[j] += wt.values[q];
    }
  }
  return rows.map((r) => {
    const b = r.direct.estimate;
    const t = r.indirect.estimate;
    const direct = Array.from(diag, (d) => b + t * d);
    const indirect = Array.from(colSum, (c) => t * c);
    return { name: r.name, direct, indirect, total: direct.map((v, i) => v + indirect[i]), diagonal: 'exact' as const };
  });
}

/** The reduced form costs a solve with I − ρW (tens of mat-vecs): above this n it is left out, as R computes it only on request. */
const REDUCED_FORM_MAX_N = 20_000;

/**
 * The in-sample prediction's parts for lag-type models, in data units, as spatialreg's
 * `predict.Sarlm(newdata = NULL)`: "TS" = trend + signal = Xβ + ρWy (the fitted values), and
 * "TC" = (I − ρW)⁻¹Xβ (the reduced form); X holds the WX terms of an SDM/GNS.
 */
function prediction(d: Design, fit: ModelFit, weights: SpatialWeights, logdet: LogDet | undefined): FitResult['prediction'] {
  const rho = fit.rho!.estimate;
  const n = d.n;
  const trend = new Float64Array(n);
  d.cols.forEach((c, j) => {
    const b = fit.beta[j] / fit.coefficientScales[j]; // internal units: no overflow
    for (let i = 0; i < n; i++) trend[i] += b * c[i];
  });
  let reduced: Float64Array | undefined;
  if (d.n <= REDUCED_FORM_MAX_N) {
    try {
      reduced = applyA(weights.w, rho, trend, logdet);
    } catch {
      reduced = new Float64Array(n).fill(NaN); // ρ at its bound: the series diverges
    }
  }
  const y = d.y;
  const wy = matVec(weights.w, y);
  const s = d.yScale;
  return { trend: Array.from(trend, (v) => v * s), signal: Array.from(wy, (v) => rho * v * s), reducedForm: reduced && Array.from(reduced, (v) => v * s) };
}

/**
 * The pre-tests on the OLS residuals of the plain regressors (Moran's I, the LM tests) and the
 * diagnostics that help choose a specification: heteroskedasticity (lmtest and GeoDa/spreg forms),
 * normality, collinearity and the Koley–Bera tests for the Durbin terms — WX of the regressors
 * `lagX` names (all when absent), the constant too when `lagIntercept`, as spatialreg's
 * create_WX lags it for every style but W. `design` is the plain one (no WX columns).
 */
export function preTests(design: Design, w: Csr, lagX: readonly string[] | undefined, lagIntercept: boolean): PreTests {
  const ols = fitOls(design);
  const ctx = prepareOlsDiagnostics(design.cols, w);
  const olsResiduals = ols.residuals;
  const olsFitted = design.y.map((v, i) => v - olsResiduals[i]);
  const plainCols = design.cols;
  const hasIntercept = design.names[0] === '(Intercept)';
  const one = hasIntercept ? plainCols[0] : new Float64Array(design.n).fill(1);
  const z = hasIntercept ? plainCols : [one, ...plainCols];
  const first = hasIntercept ? 1 : 0;
  const regressors = plainCols.slice(first);
  const bp = breuschPagan(olsResiduals, z);
  const bpSq = breuschPagan(olsResiduals, squaresOf(regressors, one));
  const jb = jarqueBera(olsResiduals);
  const lagged = regressors.filter((_, j) => !lagX || lagX.includes(design.names[first + j]));
  const x0 = [...(lagIntercept && hasIntercept ? [one] : []), ...lagged];
  return {
    moranOls: moranTestResiduals(ctx, olsResiduals),
    lmTestsOls: lmTestsResiduals(ctx, olsResiduals, olsFitted),
    ols: {
      breuschPagan: bp.original, koenker: bp.studentized, breuschPaganSquares: bpSq.original, koenkerSquares: bpSq.studentized,
      jarqueBera: { statistic: jb.statistic, df: jb.df, p: jb.p, skewness: jb.skewness, kurtosis: jb.kurtosis },
      conditionNumber: conditionNumber(z),
      vif: varianceInflation(z, ['(Intercept)', ...design.names.slice(first)]),
      durbinLm: x0.length ? durbinLmTests(ctx, olsResiduals, olsFitted, x0) : undefined,
    },
  };
}

/** ML fits: Breusch–Pagan on the model's residuals (spatialreg bptest.Sarlm, Z = the model's X). */
function spatialBreuschPagan(d: Design, fit: ModelFit): Diagnostics['spatialBreuschPagan'] {
  if (!(MODEL_FORM[fit.model].rho || MODEL_FORM[fit.model].lambda)) return undefined;
  const hasIntercept = d.names[0] === '(Intercept)';
  return breuschPagan(fit.residuals, hasIntercept ? d.cols : [new Float64Array(d.n).fill(1), ...d.cols]);
}
