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
import { BLOCK, multiplyBlock } from '../sparse/block';
import { transpose } from '../sparse/build';
import { Xoshiro128 } from '../traces/random';
import { traceWtW, traceWW } from '../traces/exact';
import type { LogDet } from '../logdet/types';

/** Up to this n the traces come from a dense inverse (O(n³): ~1.5 s at n = 1000). */
export const DENSE_TRACE_LIMIT = { asymptotic: 1000, lm: 300 };
/**
 * Blocks of 8 Hutchinson vectors (sparse/block). The noise of a trace estimate falls as
 * 1/√(n·samples) (traces/moments), so small n takes more vectors: n·samples ≥ 3·10⁶ for the
 * asymptotic SEs, which need t3 well (32 to 256 vectors; at n = 1100, 32 vectors leave t3 ~3 %
 * off, 256 ~1 %), and ≥ 8·10⁵ for the LM test's variance correction (8 to 128 vectors).
 * Each costs one series of products with W: 256 vectors at n = 1100 take ~40 ms.
 */
function hutchinsonBlocks(purpose: 'asymptotic' | 'lm', n: number): number {
  const [budget, max] = purpose === 'asymptotic' ? [3e6, 32] : [8e5, 16];
  return Math.max(1, Math.min(max, Math.ceil(budget / n / BLOCK)));
}

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
  const wt = transpose(w);
  const rng = new Xoshiro128(seed);
  const u = new Float64Array(n * BLOCK);
  // Control variates: A = I + ρWA, so only the parts that vanish at ρ = 0 are estimated and
  // the exact tr(WᵀW), tr(WW + WᵀW) are added back — the noise shrinks with ρ.
  let s3 = 0; // Σ uᵀ(AᵀWᵀWA − WᵀW)u
  let s4 = 0; // Σ uᵀ(WW + WᵀW)(A − I)u
  const blocks = hutchinsonBlocks(purpose, n);
  for (let b = 0; b < blocks; b++) {
    rng.fillRademacher(u);
    const wu = multiplyBlock(w, u, BLOCK);
    const wtu = multiplyBlock(wt, u, BLOCK);
    // The Monte Carlo error (~1/√(n·samples)) dwarfs a 1e-7 truncation of the series.
    const wau = applyABlock(w, rho, wu, BLOCK, logdet, 1e-7); // A W u = W A u
    for (let q = 0; q < n * BLOCK; q++) {
      s3 += wau[q] * wau[q] - wu[q] * wu[q];
      s4 += (wtu[q] + wu[q]) * (wau[q] - wu[q]);
    }
  }
  const c = blocks * BLOCK;
  return { trAW, trAWAW, trAWtAW: traceWtW(w) + s3 / c, trTWA: trTW + s4 / c, trTW, exact: false };
}

/** The two traces of the LM test on lag-model residuals (spatialreg `lagsarlm`: T22 and T21A). */
export interface LmTraces {
  /** tr(WW + WᵀW). */
  trTW: number;
  /** tr((WW + WᵀW)A). */
  trTWA: number;
}

/**
 * LM-test traces from the log-determinant's trace series when it carries tr(W^k) and tr(WᵀW^k)
 * (mc on W without a symmetric similar matrix): with A = Σ_k ρᵏWᵏ,
 *   tr((WW + WᵀW)A) = Σ_k ρᵏ [tr(W^{k+2}) + tr(WᵀW^{k+1})],
 * no further products with W. Used while the dropped tail stays negligible (|ρ|^(m−1) < 1e-6
 * for m powers: |ρ| < 0.62 at m = 30); otherwise by Hutchinson's estimator (`spatialTraces`).
 */
export function lmTraces(w: Csr, rho: number, logdet: LogDet): LmTraces {
  const t = logdet.traces;
  const c = logdet.crossTraces;
  if (!t || !c || w.nrows <= DENSE_TRACE_LIMIT.lm || Math.abs(rho) ** (t.length - 1) >= 1e-6) return spatialTraces(w, rho, logdet, 'lm');
  let trTWA = 0;
  for (let k = t.length - 2; k >= 0; k--) trTWA = trTWA * rho + t[k + 1] + c[k]; // Horner in ρ
  return { trTW: t[1] + c[0], trTWA };
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
export function applyA(w: Csr, rho: number, v: Float64Array, logdet?: LogDet, tol = 1e-13): Float64Array {
  return applyABlock(w, rho, v, 1, logdet, tol);
}

/** A V for c vectors interleaved (sparse/block), as `applyA`. */
export function applyABlock(w: Csr, rho: number, v: Float64Array, c: number, logdet?: LogDet, tol = 1e-13, maxIter = 5000): Float64Array {
  const n = w.nrows;
  if (logdet?.solve) {
    if (c === 1) return logdet.solve(rho, v);
    const out = new Float64Array(n * c);
    const col = new Float64Array(n);
    for (let r = 0; r < c; r++) {
      for (let i = 0; i < n; i++) col[i] = v[i * c + r];
      const x = logdet.solve(rho, col);
      for (let i = 0; i < n; i++) out[i * c + r] = x[i];
    }
    return out;
  }
  const x = Float64Array.from(v);
  let term = Float64Array.from(v);
  let next = new Float64Array(n * c);
  const norm0 = Math.sqrt(v.reduce((s, t) => s + t * t, 0)) || 1;
  for (let it = 0; it < maxIter; it++) {
    if (c === 1) matVec(w, term, next);
    else multiplyBlock(w, term, c, next);
    let nt = 0;
    for (let q = 0; q < n * c; q++) {
      const t = rho * next[q];
      next[q] = t;
      x[q] += t;
      nt += t * t;
    }
    [term, next] = [next, term];
    if (Math.sqrt(nt) <= tol * norm0) return x;
  }
  throw new Error(`(I − ρW)⁻¹v did not converge at ρ = ${rho}`);
}
