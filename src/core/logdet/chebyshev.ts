/**
 * Chebyshev log-determinant (Pace & LeSage 2004): approximate f(x) = ln(1 − ρ r x) on the
 * interval [−1, 1] that holds the eigenvalues of W/r (r = ‖W‖∞ ≥ spectral radius) by its
 * Chebyshev interpolant of degree q, so ln|I − ρW| = Σ_i f(λ_i/r) ≈ Σ_j c_j tr(T_j(W/r)) − n c_0/2.
 * Unlike the Taylor series (mc) the interpolant is near-best uniformly on [−1, 1], so the
 * truncation error stays small as |ρ| → 1. The traces tr(T_j(W/r)) come from tr(W^k) through
 * the power coefficients of T_j; those grow like (1 + √2)^j but the c_j decay geometrically,
 * so the rounding stays below 1e-9 relative for q ≤ 30 and |ρ| ≤ 0.95. With the nodes x_i = cos(π(i + ½)/N),
 * N = q + 1, the whole approximation collapses to a fixed quadrature Σ_i g_i f(x_i).
 * Asymmetric W with complex eigenvalues far off the real axis are approximated less well (the
 * interpolant is accurate in an ellipse around [−1, 1], not on the unit disc): prefer mc then.
 */
import type { SpatialWeights } from '../weights/types';
import { powerTraces, type TraceOptions } from '../traces/moments';
import { maxAbsRowSum } from './spectrum';
import type { LogDet } from './types';

/** As the Monte Carlo series and spatialreg's trW: its traces then serve impacts as they are. */
export const DEFAULT_CHEBYSHEV_ORDER = 30;

export function chebyshevLogDet(weights: SpatialWeights, order = DEFAULT_CHEBYSHEV_ORDER, options: TraceOptions = {}): LogDet {
  const { traces, samples } = powerTraces(weights, order, options);
  return { ...chebyshevFromTraces(traces, weights.n, maxAbsRowSum(weights.w)), traceSamples: samples, similarity: weights.similarity };
}

/** The approximation over given traces t[k-1] = tr(W^k), k = 1..q. */
export function chebyshevFromTraces(traces: Float64Array, n: number, radius: number): LogDet {
  const q = traces.length;
  const N = q + 1;
  const tau = chebyshevTraces(traces, n, radius);
  // g_i = (2/N) (n/2 + Σ_{j≥1} τ_j T_j(x_i)), T_j(x_i) = cos(j θ_i)
  const x = new Float64Array(N);
  const g = new Float64Array(N);
  for (let i = 0; i < N; i++) {
    const theta = (Math.PI * (i + 0.5)) / N;
    x[i] = radius * Math.cos(theta); // node in λ units
    let s = n / 2;
    for (let j = 1; j <= q; j++) s += tau[j] * Math.cos(j * theta);
    g[i] = (2 / N) * s;
  }
  return {
    method: 'chebyshev',
    exact: false,
    interval: [-1 / radius, 1 / radius],
    traces,
    value(rho) {
      let s = 0;
      for (let i = 0; i < N; i++) s += g[i] * Math.log(1 - rho * x[i]);
      return s;
    },
    derivative(rho) {
      let s = 0;
      for (let i = 0; i < N; i++) s -= (g[i] * x[i]) / (1 - rho * x[i]);
      return s;
    },
    secondDerivative(rho) {
      let s = 0;
      for (let i = 0; i < N; i++) {
        const z = x[i] / (1 - rho * x[i]);
        s -= g[i] * z * z;
      }
      return s;
    },
  };
}

/** τ_j = tr(T_j(W/r)), j = 0..q, from t_k = tr(W^k) (t_0 = n) and the power coefficients of T_j. */
function chebyshevTraces(traces: Float64Array, n: number, radius: number): Float64Array {
  const q = traces.length;
  const scaled = new Float64Array(q + 1); // tr((W/r)^k)
  scaled[0] = n;
  for (let k = 1; k <= q; k++) scaled[k] = traces[k - 1] / radius ** k;
  const tau = new Float64Array(q + 1);
  // Coefficients of T_{j-1}, T_j by T_{j+1} = 2x T_j − T_{j−1}.
  let prev = new Float64Array(q + 1);
  let cur = new Float64Array(q + 1);
  prev[0] = 1;
  cur[1] = 1;
  tau[0] = n;
  if (q >= 1) tau[1] = scaled[1];
  for (let j = 2; j <= q; j++) {
    const next = new Float64Array(q + 1);
    for (let k = 0; k <= j; k++) next[k] = (k > 0 ? 2 * cur[k - 1] : 0) - prev[k];
    prev = cur;
    cur = next;
    let s = 0;
    for (let k = 0; k <= j; k++) s += cur[k] * scaled[k];
    tau[j] = s;
  }
  return tau;
}
