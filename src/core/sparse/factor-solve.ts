/**
 * Solves A x = b with a supernodal factor kept by `choleskyFactor` (A = LLᵀ) or `luFactor`
 * (A = LU, L unit lower): permute, forward substitution with L, backward with U (Lᵀ for
 * Cholesky; for LU its rows are kept transposed, so both sweeps read contiguous rows), permute back.
 */
import type { SymbolicFactor } from './symbolic';

export function factorSolve(sym: SymbolicFactor, factor: Float64Array, b: Float64Array): Float64Array {
  const { n, perm, superStart, rowStart, rowIdx, factorStart, lu } = sym;
  const upperAt = lu ? factorStart[sym.nsuper] : 0;
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) y[i] = b[perm[i]];
  for (let s = 0; s < sym.nsuper; s++) {
    const f = superStart[s];
    const k = superStart[s + 1] - f;
    const m = rowStart[s + 1] - rowStart[s];
    const at = factorStart[s];
    for (let a = 0; a < k; a++) {
      const row = at + a * k;
      let t = y[f + a];
      for (let p = 0; p < a; p++) t -= factor[row + p] * y[f + p];
      y[f + a] = lu ? t : t / factor[row + a];
    }
    for (let a = k; a < m; a++) {
      const row = at + a * k;
      let t = 0;
      for (let p = 0; p < k; p++) t += factor[row + p] * y[f + p];
      y[rowIdx[rowStart[s] + a]] -= t;
    }
  }
  for (let s = sym.nsuper - 1; s >= 0; s--) {
    const f = superStart[s];
    const k = superStart[s + 1] - f;
    const m = rowStart[s + 1] - rowStart[s];
    const at = factorStart[s];
    const up = upperAt + at; // rows of Uᵀ (= L for Cholesky)
    for (let a = k; a < m; a++) {
      const row = up + a * k;
      const ya = y[rowIdx[rowStart[s] + a]];
      for (let p = 0; p < k; p++) y[f + p] -= factor[row + p] * ya;
    }
    for (let a = k - 1; a >= 0; a--) {
      const row = up + a * k;
      const ya = (y[f + a] /= factor[at + a * k + a]);
      for (let p = 0; p < a; p++) y[f + p] -= factor[row + p] * ya;
    }
  }
  const x = new Float64Array(n);
  for (let i = 0; i < n; i++) x[perm[i]] = y[i];
  return x;
}
