/**
 * Monte Carlo log-determinant (Barry & Pace 1999; LeSage & Pace 2009 §4.4): the Taylor series
 * ln|I − ρW| = −Σ_k ρ^k tr(W^k)/k, truncated at `order`, with tr(W) and tr(W²) exact and the
 * higher traces estimated by uᵀW^k u over random vectors (exact for small n). Putting the
 * first two in exactly cuts the error 40× (performance notes: 9.8e-3 → 2.6e-4 at ρ = 0.5).
 * The series needs |ρ|·ρ(W) < 1; the interval uses ‖W‖∞ ≥ ρ(W): (−1, 1) for row-standardised W.
 */
import type { SpatialWeights } from '../weights/types';
import { powerTraces, type TraceOptions } from '../traces/moments';
import { maxAbsRowSum } from './spectrum';
import type { LogDet } from './types';

export interface McOptions extends TraceOptions {
  /** Highest power in the series (default 30). */
  order?: number;
}

export function mcLogDet(weights: SpatialWeights, options: McOptions = {}): LogDet {
  const order = options.order ?? 30;
  const { traces, crossTraces, samples } = powerTraces(weights, order, options);
  return { ...mcFromTraces(traces, maxAbsRowSum(weights.w), crossTraces), traceSamples: samples, similarity: weights.similarity };
}

/** The series over given traces t[k-1] = tr(W^k); `radius` bounds the spectral radius. */
export function mcFromTraces(traces: Float64Array, radius: number, crossTraces?: Float64Array): LogDet {
  const p = traces.length;
  return {
    method: 'mc',
    exact: false,
    interval: [-1 / radius, 1 / radius],
    traces,
    crossTraces,
    value(rho) {
      // −Σ ρ^k t_k / k by Horner
      let s = 0;
      for (let k = p; k >= 1; k--) s = s * rho + traces[k - 1] / k;
      return -s * rho;
    },
    derivative(rho) {
      let s = 0;
      for (let k = p; k >= 1; k--) s = s * rho + traces[k - 1];
      return -s;
    },
    secondDerivative(rho) {
      let s = 0;
      for (let k = p; k >= 2; k--) s = s * rho + (k - 1) * traces[k - 1];
      return -s;
    },
  };
}
