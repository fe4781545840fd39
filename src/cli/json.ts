/**
 * The `--json` output: one object mapped field by field from FitResult, so that its keys are a
 * stable, documented interface (the list first, then the rest). Non-finite numbers
 * become null (as JSON.stringify would do silently).
 */
import type { Diagnostics, FitResult, ImpactInference, TestStatistic, TraceAccuracy } from '../core/result';
import type { Problem } from '../core/problems';

function num(x: number | undefined): number | null | undefined {
  if (x === undefined) return undefined;
  return Number.isFinite(x) ? x : null;
}

function nums(xs: readonly number[] | undefined): (number | null)[] | undefined {
  return xs ? xs.map((x) => (Number.isFinite(x) ? x : null)) : undefined;
}

function problemJson(p: Problem) {
  return { severity: p.severity, message: p.message, file: p.file, line: p.range?.line, column: p.range?.column, code: p.code, suggestion: p.suggestion };
}

function param(p: FitResult['rho']) {
  return p ? { estimate: num(p.estimate), stdError: num(p.stdError), z: num(p.z), p: num(p.p) } : undefined;
}

function test(t: FitResult['lrTest']) {
  return t ? { statistic: num(t.statistic), df: t.df, p: num(t.p) } : undefined;
}

/** {"method": "exact"} or {"method": "monte-carlo", "vectors": m, "relativeSE": e}. */
function accuracy(a: TraceAccuracy | undefined) {
  return a && (a.method === 'exact' ? { method: a.method } : { method: a.method, vectors: a.vectors, relativeSE: num(a.relativeSE) });
}

function matrix(m: { names: string[]; matrix: number[][] } | undefined) {
  return m && { names: m.names, matrix: m.matrix.map((row) => nums(row)) };
}

function inference(x: ImpactInference) {
  return { stdError: num(x.stdError), z: num(x.z), p: num(x.p) };
}

function analytic(a: NonNullable<FitResult['impacts']>[number]['analytic']) {
  return a && { direct: inference(a.direct), indirect: inference(a.indirect), total: inference(a.total) };
}

function tests<K extends string>(t: Record<K, TestStatistic>) {
  return Object.fromEntries(Object.entries<TestStatistic>(t).map(([k, v]) => [k, test(v)])) as Record<K, ReturnType<typeof test>>;
}

function diagnostics(d: Diagnostics) {
  const o = d.ols;
  return {
    ols: {
      breuschPagan: test(o.breuschPagan),
      koenker: test(o.koenker),
      breuschPaganSquares: test(o.breuschPaganSquares),
      koenkerSquares: test(o.koenkerSquares),
      jarqueBera: { ...test(o.jarqueBera), skewness: num(o.jarqueBera.skewness), kurtosis: num(o.jarqueBera.kurtosis) },
      conditionNumber: num(o.conditionNumber),
      vif: o.vif.map((v) => ({ name: v.name, rSquared: num(v.rSquared), vif: num(v.vif) })),
      durbinLm: o.durbinLm && tests(o.durbinLm),
    },
    spatialBreuschPagan: d.spatialBreuschPagan && tests(d.spatialBreuschPagan),
  };
}

/** The JSON document for a result (plain object; `JSON.stringify` it). `warnings` defaults to the result's. */
export function resultToJson(r: FitResult, warnings: readonly Problem[] = r.warnings) {
  const sim = (s: NonNullable<FitResult['impacts']>[number]['simulated']) =>
    s && {
      draws: s.draws,
      seed: s.seed,
      direct: { mean: num(s.direct.mean), stdError: num(s.direct.stdError), z: num(s.direct.z), p: num(s.direct.p) },
      indirect: { mean: num(s.indirect.mean), stdError: num(s.indirect.stdError), z: num(s.indirect.z), p: num(s.indirect.p) },
      total: { mean: num(s.total.mean), stdError: num(s.total.stdError), z: num(s.total.z), p: num(s.total.p) },
    };
  const lm = r.lmTestsOls;
  return {
    model: r.model,
    dependent: r.dependent,
    n: r.n,
    parameters: r.parameters,
    logdet: r.logdet,
    logdetExact: r.logdetExact,
    se: r.se,
    traces: accuracy(r.traces),
    coefficients: r.coefficients.map((c) => ({ name: c.name, estimate: num(c.estimate), stdError: num(c.stdError), z: num(c.z), p: num(c.p), ci: nums(c.ci) })),
    rho: param(r.rho),
    lambda: param(r.lambda),
    interval: nums(r.interval),
    optima: r.optima?.map((o) => ({ start: o.start, rho: num(o.rho), lambda: num(o.lambda), logLik: num(o.logLik), iterations: o.iterations, converged: o.converged })),
    lrTest: test(r.lrTest),
    wald: test(r.wald),
    logLik: num(r.logLik),
    logLikOls: num(r.logLikOls),
    sigma2: num(r.sigma2),
    sigma: num(r.sigma),
    aic: num(r.aic),
    aicOls: num(r.aicOls),
    dfResidual: r.dfResidual,
    rSquared: num(r.rSquared),
    adjRSquared: num(r.adjRSquared),
    residuals: { quantiles: nums(r.residuals.quantiles), values: nums(r.residuals.values) },
    fitted: nums(r.fitted),
    observed: nums(r.observed),
    lmResidualAutocorrelation: test(r.lmResidualAutocorrelation),
    impactsMethod: r.impactsMethod,
    impactsAccuracy: accuracy(r.impactsAccuracy),
    impacts: r.impacts?.map((i) => ({ name: i.name, direct: num(i.direct), indirect: num(i.indirect), total: num(i.total), simulated: sim(i.simulated), analytic: analytic(i.analytic) })),
    moranOls: r.moranOls && {
      I: num(r.moranOls.I),
      expectation: num(r.moranOls.expectation),
      variance: num(r.moranOls.variance),
      z: num(r.moranOls.z),
      p: num(r.moranOls.p),
      pTwoSided: num(r.moranOls.pTwoSided),
    },
    lmTestsOls: lm && { LMerr: test(lm.LMerr), LMlag: test(lm.LMlag), RLMerr: test(lm.RLMerr), RLMlag: test(lm.RLMlag), SARMA: test(lm.SARMA) },
    prediction: r.prediction && { trend: nums(r.prediction.trend), signal: nums(r.prediction.signal), reducedForm: nums(r.prediction.reducedForm) },
    diagnostics: r.diagnostics && diagnostics(r.diagnostics),
    localSpillover: r.localSpillover?.map((l) => ({ name: l.name, total: nums(l.total), direct: nums(l.direct), indirect: nums(l.indirect), diagonal: l.diagonal })),
    ids: r.ids,
    covariance: matrix(r.covariance),
    hessianCovariance: matrix(r.hessianCovariance),
    weights: r.weightsSummary,
    warnings: warnings.map(problemJson),
    timings: { readMs: r.timings.readMs, weightsMs: r.timings.weightsMs, fitMs: r.timings.fitMs, totalMs: r.timings.totalMs },
  };
}
