/**
 * The traces of A = (I − ρW)⁻¹ by brute force, as spatialreg's method "eigen" forms them: the
 * dense inverse, AW, and sums over all n² entries. O(n³): a reference for tests only.
 */
import { invert } from '../../src/core/dense/matrix';
import { linearCombination, multiply, transpose } from '../../src/core/sparse/build';
import type { Csr } from '../../src/core/sparse/csr';

export interface DenseTraces {
  trAW: number;
  trAWAW: number;
  trAWtAW: number;
  /** tr((WW + WᵀW)A). */
  trTWA: number;
  /** tr(A), for the direct impacts. */
  trA: number;
}

export function denseTraces(w: Csr, rho: number): DenseTraces {
  const n = w.nrows;
  const m = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    m[i * n + i] += 1;
    for (let p = w.rowPtr[i]; p < w.rowPtr[i + 1]; p++) m[i * n + w.colIdx[p]] -= rho * w.values[p];
  }
  const a = invert(m, n);
  if (!a) throw new Error(`I − ρW is singular at ρ = ${rho}`);
  // AW: row i of AW = Σ_k A_ik · row k of W.
  const aw = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < n; k++) {
      const v = a[i * n + k];
      for (let p = w.rowPtr[k]; p < w.rowPtr[k + 1]; p++) aw[i * n + w.colIdx[p]] += v * w.values[p];
    }
  }
  let trA = 0;
  let trAW = 0;
  let trAWAW = 0;
  let trAWtAW = 0;
  for (let i = 0; i < n; i++) {
    trA += a[i * n + i];
    trAW += aw[i * n + i];
    for (let j = 0; j < n; j++) {
      trAWAW += aw[i * n + j] * aw[j * n + i];
      trAWtAW += aw[i * n + j] * aw[i * n + j];
    }
  }
  const t = linearCombination([{ matrix: multiply(w, w), scale: 1 }, { matrix: multiply(transpose(w), w), scale: 1 }]);
  let trTWA = 0;
  for (let i = 0; i < n; i++) for (let p = t.rowPtr[i]; p < t.rowPtr[i + 1]; p++) trTWA += t.values[p] * a[t.colIdx[p] * n + i];
  return { trAW, trAWAW, trAWtAW, trTWA, trA };
}
