/**
 * The traces that the asymptotic covariance and the LM residual test need, for
 * A = (I − ρW)⁻¹ (Anselin 1988 ch. 6; spatialreg `lagsarlm`, `errorsarlm`):
 *   t1 = tr(AW), t2 = tr((AW)²), t3 = tr((AW)ᵀ(AW)), and tr((WW + WᵀW)A).
 * Exact through a dense inverse for small n; for large n t1, t2 come from derivatives of
 * the log-determinant (d/dρ ln|I − ρW| = −tr(AW), d²/dρ² = −tr((AW)²)) and the others from
 * Hutchinson's estimator tr(M) ≈ mean uᵀMu over random ±1 vectors u, applying A by the
 * Neumann series Σ ρᵏWᵏv (convergent for |ρ|·spectral radius < 1).
 */
import { invert } from '../dense/matrix';
import { matVec, type Csr } from '../sparse/csr';
import { transpose } from '../sparse/build';
import { traceWtW, traceWW } from '../traces/exact';
import type { LogDet } from '../logdet/types';

/** Up to this n the traces come from a dense inverse (O(n³): ~1.5 s at n = 1000). */
export const DENSE_TRACE_LIMIT = { asymptotic: 1000, lm: 300 };
/** Hutchinson samples: the asymptotic SEs need t3 well; the LM test's variance correction less. */
const HUTCHINSON_SAMPLES = { asymptotic: 30, lm: 12 };

export interface ATraces {
  trAW: number;
  trAWAW: number;
  trAWtAW: number;
  /** tr((WW + WᵀW)A), for the LM test on lag-model residuals. */
  trTWA: number;
  /** tr(WW + WᵀW). */
  trTW: number;
  exact: boolean;
}

/**
 * `purpose`: 'asymptotic' for the information matrix behind the SEs, 'lm' when only the LM test
 * on lag-model residuals needs them (cheaper: smaller dense limit, fewer samples).
 */
export function spatialTraces(w: Csr, rho: number, logdet: LogDet, purpose: 'asymptotic' | 'lm', seed = 12345): ATraces {
  const trTW = traceWW(w) + traceWtW(w);
  if (w.nrows <= DENSE_TRACE_LIMIT[purpose]) return { ...denseTraces(w, rho), trTW, exact: true };
  const trAW = -logdetDerivative(logdet, rho, 1);
  const trAWAW = -logdetDerivative(logdet, rho, 2);
  const n = w.nrows;
  const samples = HUTCHINSON_SAMPLES[purpose];
  const rand = rademacher(seed);
  const u = new Float64Array(n);
  let s3 = 0;
  let s4 = 0;
  // Control variates: A = I + ρWA, so only the parts that vanish at ρ = 0 are estimated and
  // the exact tr(WᵀW), tr(WW + WᵀW) are added back — the noise shrinks with ρ.
  for (let s = 0; s < samples; s++) {
    for (let i = 0; i < n; i++) u[i] = rand();
    // The Monte Carlo error (~1/√samples) dwarfs a 1e-9 truncation of the series.
    const au = applyA(w, rho, u, logdet, 1e-9);
    const wau = matVec(w, au);
    const wu = matVec(w, u);
    const wtu = matVecT(w, u);
    let q3 = 0;
    let q4 = 0;
    for (let i = 0; i < n; i++) {
      q3 += wau[i] * wau[i] - wu[i] * wu[i]; // uᵀ(AᵀWᵀWA − WᵀW)u
      q4 += (wtu[i] + wu[i]) * (wau[i] - wu[i]); // uᵀ(WW + WᵀW)(A − I)u
    }
    s3 += q3;
    s4 += q4;
  }
  const trWtW = traceWtW(w);
  return { trAW, trAWAW, trAWtAW: trWtW + s3 / samples, trTWA: trTW + s4 / samples, trTW, exact: false };
}

export function denseTraces(w: Csr, rho: number): Omit<ATraces, 'trTW' | 'exact'> {
  const n = w.nrows;
  const m = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    m[i * n + i] = 1;
    for (let p = w.rowPtr[i]; p < w.rowPtr[i + 1]; p++) m[i * n + w.colIdx[p]] -= rho * w.values[p];
  }
  const a = invert(m, n);
  if (!a) throw new Error(`I − ρW is singular at ρ = ${rho}`);
  // AW = A·W: row i of AW = Σ_k A_ik W_k·
  const aw = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < n; k++) {
      const aik = a[i * n + k];
      if (aik === 0) continue;
      for (let p = w.rowPtr[k]; p < w.rowPtr[k + 1]; p++) aw[i * n + w.colIdx[p]] += aik * w.values[p];
    }
  }
  let trAW = 0;
  let trAWAW = 0;
  let trAWtAW = 0;
  for (let i = 0; i < n; i++) {
    trAW += aw[i * n + i];
    for (let j = 0; j < n; j++) {
      trAWAW += aw[i * n + j] * aw[j * n + i];
      trAWtAW += aw[i * n + j] * aw[i * n + j];
    }
  }
  // tr((WW + WᵀW)A) = Σ_i (row i of WW + WᵀW) · (column i of A)
  let trTWA = 0;
  const row = new Float64Array(n);
  const wt = transpose(w);
  for (let i = 0; i < n; i++) {
    row.fill(0);
    for (let p = w.rowPtr[i]; p < w.rowPtr[i + 1]; p++) {
      const k = w.colIdx[p];
      const v = w.values[p];
      for (let q = w.rowPtr[k]; q < w.rowPtr[k + 1]; q++) row[w.colIdx[q]] += v * w.values[q]; // (WW)_i·
    }
    for (let p = wt.rowPtr[i]; p < wt.rowPtr[i + 1]; p++) {
      const k = wt.colIdx[p];
      const v = wt.values[p]; // (Wᵀ)_ik = W_ki
      for (let q = w.rowPtr[k]; q < w.rowPtr[k + 1]; q++) row[w.colIdx[q]] += v * w.values[q]; // (WᵀW)_i·
    }
    for (let j = 0; j < n; j++) if (row[j] !== 0) trTWA += row[j] * a[j * n + i];
  }
  return { trAW, trAWAW, trAWtAW, trTWA };
}

/**
 * First or second derivative of ln|I − ρW| in ρ: analytic when the method has it, else a
 * central difference with a step kept inside the admissible interval.
 */
export function logdetDerivative(logdet: LogDet, rho: number, order: 1 | 2): number {
  if (order === 1 && logdet.derivative) return logdet.derivative(rho);
  if (order === 2 && logdet.secondDerivative) return logdet.secondDerivative(rho);
  const [lo, hi] = logdet.interval;
  const h = Math.min(1e-4, (rho - lo) / 2, (hi - rho) / 2);
  const fp = logdet.value(rho + h);
  const fm = logdet.value(rho - h);
  return order === 1 ? (fp - fm) / (2 * h) : (fp - 2 * logdet.value(rho) + fm) / (h * h);
}

/**
 * A v = (I − ρW)⁻¹ v: by the log-determinant's factorisation when it holds one, else by the
 * Neumann series Σ (ρW)ᵏ v to `tol` relative.
 */
export function applyA(w: Csr, rho: number, v: Float64Array, logdet?: LogDet, tol = 1e-13, maxIter = 5000): Float64Array {
  if (logdet?.solve) return logdet.solve(rho, v);
  const x = Float64Array.from(v);
  let term: Float64Array = Float64Array.from(v);
  const norm0 = Math.sqrt(v.reduce((s, t) => s + t * t, 0)) || 1;
  for (let it = 0; it < maxIter; it++) {
    term = matVec(w, term);
    let nt = 0;
    for (let i = 0; i < x.length; i++) {
      term[i] *= rho;
      x[i] += term[i];
      nt += term[i] * term[i];
    }
    if (Math.sqrt(nt) <= tol * norm0) return x;
  }
  throw new Error(`(I − ρW)⁻¹v did not converge at ρ = ${rho}`);
}

/** out = Wᵀx */
export function matVecT(w: Csr, x: Float64Array): Float64Array {
  const out = new Float64Array(w.ncols);
  for (let i = 0; i < w.nrows; i++) {
    const xi = x[i];
    if (xi === 0) continue;
    for (let p = w.rowPtr[i]; p < w.rowPtr[i + 1]; p++) out[w.colIdx[p]] += w.values[p] * xi;
  }
  return out;
}

/** Deterministic ±1 stream (xorshift32). */
function rademacher(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s & 1 ? 1 : -1;
  };
}
