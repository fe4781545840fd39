/**
 * What a fit produces: the CLI's `--json`, the results panel, hovers and diagnostics
 * all read this one shape. Numbers are plain doubles; vectors are plain arrays (JSON-safe).
 */
import type { LogDetMethod, ModelType, SeMethod } from './spec/types';
import type { Problem } from './problems';

/**
 * A statistic that is not defined — a test whose variance vanishes, a standard error at a bound
 * of ρ, a value too large for a double — is NaN in a result: `NA` in every report and table,
 * `null` in JSON, never ±Infinity and never a significance star. `defined` maps any non-finite
 * number to it; `isDefined` tells.
 */
export function defined(x: number): number {
  return Number.isFinite(x) ? x : NaN;
}

export function isDefined(x: number | undefined): x is number {
  return x !== undefined && Number.isFinite(x);
}

/** How traces of (I − ρW)⁻¹ or of powers of W were obtained: exactly, or by Monte Carlo with this error. */
export type TraceAccuracy = { method: 'exact' } | { method: 'monte-carlo'; vectors: number; relativeSE: number };

export interface TestStatistic {
  statistic: number;
  df: number;
  p: number;
}

export interface CoefficientRow {
  name: string;
  estimate: number;
  stdError: number;
  /** z for ML models, t for OLS (`dfResidual` set on the result). */
  z: number;
  p: number;
  /** 95 % confidence interval: estimate ± q·SE, q normal for ML fits, Student t for OLS/SLX (R's `confint`). */
  ci?: [number, number];
}

export interface SpatialParameter {
  estimate: number;
  stdError: number;
  z: number;
  p: number;
}

export interface SimulatedImpact {
  mean: number;
  stdError: number;
  z: number;
  p: number;
}

export interface ImpactRow {
  name: string;
  direct: number;
  indirect: number;
  total: number;
  /** From `draws` draws of (ρ, β) ~ N(estimate, covariance) (LeSage & Pace 2009 §2.7). */
  simulated?: { direct: SimulatedImpact; indirect: SimulatedImpact; total: SimulatedImpact; draws: number; seed: number };
  /** SLX and SDEM (direct = β, indirect = θ): standard errors from the coefficients' covariance. */
  analytic?: { direct: ImpactInference; indirect: ImpactInference; total: ImpactInference };
}

export interface ImpactInference {
  stdError: number;
  z: number;
  p: number;
}

/** Tests on the residuals and the design that help choose a specification. */
export interface Diagnostics {
  /** OLS of the plain regressors: Breusch–Pagan (original) and Koenker (studentized), on Z = X (lmtest) and Z = [1, x²] (GeoDa/spreg). */
  ols: {
    breuschPagan: TestStatistic;
    koenker: TestStatistic;
    breuschPaganSquares: TestStatistic;
    koenkerSquares: TestStatistic;
    jarqueBera: TestStatistic & { skewness: number; kurtosis: number };
    /** GeoDa/spreg multicollinearity condition number (X with the constant, columns scaled to unit length). */
    conditionNumber: number;
    vif: { name: string; rSquared: number; vif: number }[];
    /** Koley & Bera (2024) robust LM tests for the Durbin specifications (spdep SD.RStests). */
    durbinLm?: Record<'SDM_RSlag' | 'SDM_adjRSlag' | 'SDM_RSWX' | 'SDM_adjRSWX' | 'SDM_Joint' | 'SDEM_RSerr' | 'SDEM_RSWX' | 'SDEM_Joint', TestStatistic>;
  };
  /** ML fits: Breusch–Pagan on the model's residuals (spatialreg `bptest.Sarlm`, both studentize settings). */
  spatialBreuschPagan?: { studentized: TestStatistic; original: TestStatistic };
}

export interface MoranTest {
  I: number;
  expectation: number;
  variance: number;
  z: number;
  /** One-sided p (alternative "greater"), as spdep's default. */
  p: number;
  pTwoSided: number;
}

export interface LmTests {
  LMerr: TestStatistic;
  LMlag: TestStatistic;
  RLMerr: TestStatistic;
  RLMlag: TestStatistic;
  SARMA: TestStatistic;
}

export interface ResidualSummary {
  /** min, 1Q, median, 3Q, max (R quantile type 7). */
  quantiles: [number, number, number, number, number];
  values: number[];
}

export interface FitResult {
  model: ModelType;
  /** Dependent variable name. */
  dependent: string;
  n: number;
  /** Number of parameters estimated (betas + spatial parameter + σ²), as spatialreg counts. */
  parameters: number;
  logdet: LogDetMethod | 'none';
  /** Whether the log-determinant was exact (eigen / sparse) or an approximation. */
  logdetExact: boolean;
  se: SeMethod;
  coefficients: CoefficientRow[];
  /** SAR, SDM, SAC, GNS. */
  rho?: SpatialParameter;
  /** SEM, SDEM, SAC, GNS. */
  lambda?: SpatialParameter;
  /** SAC / GNS: the optimum each start reached (logLik in data units), best first. */
  optima?: { start: [number, number]; rho: number; lambda: number; logLik: number; iterations: number; converged: boolean }[];
  /** Admissible interval of the spatial parameter used in the search. */
  interval?: [number, number];
  lrTest?: TestStatistic;
  wald?: TestStatistic;
  logLik: number;
  logLikOls: number;
  sigma2: number;
  sigma: number;
  aic: number;
  aicOls: number;
  /** OLS only: residual degrees of freedom (t tests), R², adjusted R². */
  dfResidual?: number;
  rSquared?: number;
  adjRSquared?: number;
  residuals: ResidualSummary;
  fitted: number[];
  /** Observed y, in data-row order. */
  observed: number[];
  /**
   * Lag-type models: the parts of the in-sample prediction (spatialreg `predict.Sarlm`): fitted =
   * "TS" = trend + signal, trend = Xβ, signal = ρWy, and "TC" = (I − ρW)⁻¹Xβ (n ≤ 20,000). Data-row order.
   */
  prediction?: { trend: number[]; signal: number[]; reducedForm?: number[] };
  diagnostics?: Diagnostics;
  /** LM test for residual autocorrelation (lag / Durbin), as spatialreg's summary. */
  lmResidualAutocorrelation?: TestStatistic;
  impacts?: ImpactRow[];
  /** Where the impacts' spectral information came from: eigenvalues (exact) or traces of powers of W. */
  impactsMethod?: 'eigen' | 'traces' | 'coefficients';
  /** For impacts from traces: exact traces, or Monte Carlo ones and the relative SE they leave in the direct impact. */
  impactsAccuracy?: TraceAccuracy;
  /**
   * The traces of (I − ρW)⁻¹ behind the asymptotic standard errors and the LM test on the
   * residuals (absent when none were needed): exact, or Monte Carlo with their relative SE.
   */
  traces?: TraceAccuracy;
  /** Moran's I and LM tests on OLS residuals (computed for every model: the pre-test). */
  moranOls?: MoranTest;
  lmTestsOls?: LmTests;
  /**
   * Per observation: for each regressor with impacts, the total effect on all units of a unit
   * change of that regressor at this unit (column sum of S_k(W) = (I − ρW)⁻¹β_k), and its
   * spillover part (column sum minus diagonal). In data-row order.
   */
  localSpillover?: { name: string; total: number[]; direct: number[]; indirect: number[]; diagonal: 'exact' | 'approximate' }[];
  /** Row labels (idColumn values, or 1..n). */
  ids: string[];
  /** Covariance of the estimates (names in order), as used for SEs. */
  covariance: { names: string[]; matrix: number[][] };
  /**
   * Error model with numerical-Hessian SEs: the inverse of the full (λ, β) Hessian. The printed
   * β SEs are the GLS ones, s²(X_λ'X_λ)⁻¹, as spatialreg prints them; these are the alternative.
   */
  hessianCovariance?: { names: string[]; matrix: number[][] };
  /** Model warnings (ρ at the boundary, disconnected graph, islands, collinearity, ...). */
  warnings: Problem[];
  weightsSummary: { type: string; style: string; nLinks: number; averageNeighbours: number; islands: string[]; components: number; symmetric: boolean };
  timings: { readMs: number; weightsMs: number; fitMs: number; totalMs: number };
}
