/**
 * Spatial lag (SAR) model y = ρWy + Xβ + ε by maximum likelihood, concentrating β and σ²
 * out of the likelihood (Anselin 1988 ch. 12; spatialreg `lagsarlm`): with e₀ and e_L the OLS
 * residuals of y and Wy on X, SSE(ρ) = e₀'e₀ − 2ρ e_L'e₀ + ρ² e_L'e_L and
 * ℓ(ρ) = ln|I − ρW| − n/2·(ln 2π + ln(SSE(ρ)/n) + 1), maximised over the log-determinant's
 * interval (models/maximise). The Durbin model is the same fit with WX among the regressors.
 */
import { dot } from '../dense/matrix';
import { matVec, type Csr } from '../sparse/csr';
import type { LogDet } from '../logdet/types';
import { maximiseProfile, nearBound, type Profile } from './maximise';
import type { Design } from './design';
import { fitOls, gaussianLogLik, residualsOf } from './ols';
import { error, ProblemError } from '../problems';

export interface SpatialFit {
  /** ρ (lag, Durbin) or λ (error). */
  param: number;
  beta: Float64Array;
  sse: number;
  logLik: number;
  /** Scaled residuals and fitted values (fitted = y − residuals, as spatialreg). */
  residuals: Float64Array;
  fitted: Float64Array;
  /** W y* (scaled), for the lag model's covariance and tests. */
  wy: Float64Array;
  evaluations: number;
  /** Whether the line search ended within its tolerance (not at its evaluation cap). */
  converged: boolean;
  atBoundary: boolean;
}

/**
 * SSE(ρ) = ‖e₀ − ρe_L‖² as m + c(ρ − ρ*)² with c = e_L'e_L, ρ* = e_L'e₀/c and m = ‖e₀ − ρ*e_L‖²
 * formed from the vectors, so SSE keeps its relative accuracy where it is small: the expanded
 * quadratic e₀'e₀ − 2ρe_L'e₀ + ρ²e_L'e_L loses all of it when e_L ∥ e₀ (e.g. weights linking
 * every pair: Wy is then a combination of y and the intercept).
 */
export interface LagSse {
  m: number;
  c: number;
  rhoStar: number;
  /** e₀'e₀, the scale against which SSE counts as zero. */
  scale: number;
}

export function lagSse(e0: Float64Array, eL: Float64Array): LagSse {
  const c = dot(eL, eL);
  const rhoStar = c > 0 ? dot(eL, e0) / c : 0;
  let m = 0;
  for (let i = 0; i < e0.length; i++) m += (e0[i] - rhoStar * eL[i]) ** 2;
  return { m, c, rhoStar, scale: dot(e0, e0) };
}

/** SSE at or below this share of e₀'e₀ is zero to rounding: an exact fit, where ℓ is unbounded. */
export const ZERO_SSE = 1e-20;

/**
 * ℓ(ρ) = ln|I − ρW| − n/2·ln SSE(ρ) + const and, with the log-determinant's derivative,
 * ℓ'(ρ) = −tr((I − ρW)⁻¹W) − n·c(ρ − ρ*)/SSE(ρ).
 */
export function concentratedLag(n: number, logdet: LogDet, s: LagSse): Profile {
  const sse = (rho: number) => s.m + s.c * (rho - s.rhoStar) ** 2;
  const derivative = logdet.derivative?.bind(logdet);
  return {
    value: (rho) => logdet.value(rho) + gaussianLogLik(n, sse(rho)),
    gradient: derivative && ((rho) => derivative(rho) - (n * s.c * (rho - s.rhoStar)) / sse(rho)),
  };
}

export function fitLag(d: Design, w: Csr, logdet: LogDet): SpatialFit {
  const wy = matVec(w, d.y);
  const e0 = fitOls(d, d.y);
  const eL = fitOls(d, wy);
  const s = lagSse(e0.residuals, eL.residuals);
  const [lo, hi] = logdet.interval;
  const opt = maximiseProfile(concentratedLag(d.n, logdet, s), lo, hi);
  const rho = opt.x;
  // SSE vanishes at ρ* when e_L ∥ e₀ (m = 0): ℓ grows without limit towards ρ*. At a bound of
  // the interval (weights linking every pair: ρ* = 1/λ_min) that is where the maximum is; inside
  // it, y = ρ*Wy + Xβ exactly and there is no maximum at all.
  const vanishes = s.m <= ZERO_SSE * s.scale;
  const unboundedAtBound = vanishes && nearBound(s.rhoStar, lo, hi);
  if (vanishes && !unboundedAtBound && s.rhoStar > lo && s.rhoStar < hi) throw perfectFit('ρ', s.rhoStar);
  const beta = e0.beta.map((b, j) => b - rho * eL.beta[j]);
  const yStar = d.y.map((v, i) => v - rho * wy[i]);
  const residuals = residualsOf(d.cols, yStar, beta);
  const fitted = d.y.map((v, i) => v - residuals[i]);
  return {
    param: rho,
    beta,
    sse: dot(residuals, residuals),
    logLik: opt.value,
    residuals,
    fitted,
    wy,
    evaluations: opt.evaluations,
    converged: opt.converged,
    atBoundary: opt.atBound || unboundedAtBound,
  };
}

/** y = θWy + Xβ (or its error-model form) holds exactly: σ² = 0 and the likelihood has no maximum. */
export function perfectFit(symbol: string, theta: number): ProblemError {
  return new ProblemError(error(`the model fits the dependent variable exactly at ${symbol} = ${theta.toPrecision(6)} (the residual variance is 0 to rounding), so its likelihood has no maximum: is the dependent variable computed from the regressors and its own spatial lag?`, undefined, undefined, 'perfect-fit'));
}
