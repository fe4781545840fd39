/**
 * From a model fit to the full `FitResult`: impacts (LeSage & Pace 2009), the OLS pre-tests
 * of spatial dependence (Moran's I, LM tests: Anselin 1988; Anselin et al. 1996), the local
 * spillovers the map shows, and model warnings a careful analyst would want to see.
 */
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
import { isDefined, type TraceAccuracy } from './result';

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

  // Pre-tests on the OLS residuals of the plain regressors (without Durbin lags).
  const plain = { ...design, cols: design.cols.slice(0, design.nPlain), names: design.names.slice(0, design.nPlain) };
  const ols = fitOls(plain);
  const ctx = prepareOlsDiagnostics(plain.cols, weights.w);
  const olsFitted = plain.y.map((v, i) => v - ols.residuals[i]);
  const moranOls: MoranTest = moranTestResiduals(ctx, ols.residuals);
  const lmTestsOls: LmTests = lmTestsResiduals(ctx, ols.residuals, olsFitted);

  let impacts: ImpactRow[] | undefined;
  let impactsMethod: FitResult['impactsMethod'];
  let impactsAccuracy: FitResult['impactsAccuracy'];
  let localSpillover: FitResult['localSpillover'];
  const rho = fit.spatial?.name === 'rho' ? fit.spatial.value.estimate : undefined;
  if (rho !== undefined && (fit.model === 'lag' || fit.model === 'durbin')) {
    const powers = a.logdet?.eigenvalues ? undefined : impactTraces(a.logdet, weights, a.seed);
    const source: ImpactsSource = a.logdet?.eigenvalues ? { kind: 'eigen', re: a.logdet.eigenvalues.re, im: a.logdet.eigenvalues.im } : { kind: 'traces', traces: powers!.traces };
    const totalMoments = rowsSumToOne(weights.w) ? undefined : rowSumMoments(weights.w, TRACE_ORDER);
    const names = design.names;
    // Draws need a covariance: none when the SEs are undefined (ρ at its bound).
    const simulate = a.draws > 0 && isDefined(fit.spatial?.value.stdError);
    const out = computeImpacts({
      model: fit.model, rho, n, coefficientNames: names, coefficients: fit.beta, source, totalMoments,
      simulation: simulate && fit.internalCovariance ? { covariance: fit.internalCovariance, scales: fit.coefficientScales, draws: a.draws, seed: a.seed, interval: fit.interval } : undefined,
    });
    impacts = out.rows;
    impactsMethod = out.method;
    if (powers) impactsAccuracy = directImpactAccuracy(powers, rho, n, fit.model === 'durbin');
    const terms = out.rows.map((r) => {
      const b = names.indexOf(r.name);
      const t = names.indexOf(`lag.${r.name}`);
      return { name: r.name, beta: fit.beta[b], theta: t >= 0 ? fit.beta[t] : undefined };
    });
    const local = localImpacts({ w: weights.w, rho, terms, source });
    localSpillover = local.effects.map((e) => ({ name: e.name, total: e.total, direct: e.direct, indirect: e.indirect, diagonal: local.diagonal }));
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
  if (fit.spatial && fit.spatial.value.p >= 0.05) {
    const sym = fit.spatial.name === 'rho' ? 'ρ' : 'λ';
    warnings.push(info(`${sym} = ${fit.spatial.value.estimate.toPrecision(5)} is not significant (p = ${fit.spatial.value.p.toPrecision(4)}); the LR test against OLS has p = ${fit.lrTest?.p.toPrecision(4)}`, undefined, undefined, 'insignificant-spatial'));
  }
  if (fit.traces?.method === 'monte-carlo') {
    const t = fit.traces;
    warnings.push(info(`n is large: the traces of (I − ρW)⁻¹ behind the ${fit.se === 'asymptotic' ? 'asymptotic standard errors and ' : ''}LM test are Monte Carlo estimates (${t.vectors} vectors, relative SE ≈ ${t.relativeSE.toPrecision(2)})${fit.se === 'asymptotic' ? '; use "se": "hessian" for the numerical Hessian' : ''}`, undefined, undefined, 'approximate-traces'));
  }

  const nLinks = weights.nLinks;
  const spatial = fit.spatial?.value;
  return {
    model: fit.model,
    dependent: spec.dependent,
    n,
    parameters: fit.parameters,
    logdet: a.logdet ? a.logdet.method : 'none',
    logdetExact: a.logdet ? a.logdet.exact : true,
    se: fit.se,
    coefficients: fit.coefficients,
    rho: fit.spatial?.name === 'rho' ? spatial : undefined,
    lambda: fit.spatial?.name === 'lambda' ? spatial : undefined,
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
