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
import { maximiseProfile, type Profile } from './maximise';
import type { Design } from './design';
import { fitOls, gaussianLogLik, residualsOf } from './ols';

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
 * ℓ(ρ) = ln|I − ρW| − n/2·ln SSE(ρ) + const and, with the log-determinant's derivative,
 * ℓ'(ρ) = −tr((I − ρW)⁻¹W) − n·(ρ e_L'e_L − e_L'e₀)/SSE(ρ).
 */
export function concentratedLag(n: number, logdet: LogDet, ea: number, eb: number, ec: number): Profile {
  const sse = (rho: number) => ea - 2 * rho * eb + rho * rho * ec;
  const derivative = logdet.derivative?.bind(logdet);
  return {
    value: (rho) => logdet.value(rho) + gaussianLogLik(n, sse(rho)),
    gradient: derivative && ((rho) => derivative(rho) - (n * (rho * ec - eb)) / sse(rho)),
  };
}

export function fitLag(d: Design, w: Csr, logdet: LogDet): SpatialFit {
  const wy = matVec(w, d.y);
  const e0 = fitOls(d, d.y);
  const eL = fitOls(d, wy);
  const ea = dot(e0.residuals, e0.residuals);
  const eb = dot(eL.residuals, e0.residuals);
  const ec = dot(eL.residuals, eL.residuals);
  const [lo, hi] = logdet.interval;
  const opt = maximiseProfile(concentratedLag(d.n, logdet, ea, eb, ec), lo, hi, (rho) => nearBound(rho, lo, hi));
  const rho = opt.x;
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
    atBoundary: nearBound(rho, lo, hi),
  };
}

/** As R's `isTRUE(all.equal(rho, bound))`: within 1.5e-8 relative of an end of the interval. */
export function nearBound(x: number, lo: number, hi: number): boolean {
  const close = (a: number, b: number) => Math.abs(a - b) <= 1.5e-8 * Math.max(Math.abs(b), 1) * 10;
  return close(x, lo) || close(x, hi);
}
