/**
 * What is known about the spectrum of W without computing it, for the admissible interval of ρ:
 * I − ρW is nonsingular with positive determinant while 1 − ρλ > 0 for every real eigenvalue λ,
 * i.e. for ρ in (1/λ_min, 1/λ_max).
 */
import type { Csr } from '../sparse/csr';

/**
 * Spectral radius bound: the largest absolute row sum (‖W‖∞ ≥ |λ| for every eigenvalue). For
 * row-standardised W it is 1 and attained (W1 = 1), so λ_max = 1 exactly.
 */
export function maxAbsRowSum(w: Csr): number {
  let max = 0;
  for (let i = 0; i < w.nrows; i++) {
    let s = 0;
    for (let p = w.rowPtr[i]; p < w.rowPtr[i + 1]; p++) s += Math.abs(w.values[p]);
    max = Math.max(max, s);
  }
  return max;
}

/**
 * Whether W is non-negative with every non-empty row summing to 1 (style W; islands give
 * empty rows). Then λ_max = 1 (Perron–Frobenius: ρ(W) ≤ ‖W‖∞ = 1 and W1 = 1 on any
 * non-empty row's component).
 */
export function isRowStandardised(w: Csr): boolean {
  let any = false;
  for (let i = 0; i < w.nrows; i++) {
    let s = 0;
    for (let p = w.rowPtr[i]; p < w.rowPtr[i + 1]; p++) {
      if (w.values[p] < 0) return false;
      s += w.values[p];
    }
    if (w.rowPtr[i + 1] === w.rowPtr[i]) continue;
    if (Math.abs(s - 1) > 1e-12) return false;
    any = true;
  }
  return any;
}
