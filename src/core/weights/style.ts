/**
 * Weight styles exactly as spdep's `nb2listw(neighbours, glist, style, zero.policy)`, applied to
 * the raw weights of a neighbour list (1 for binary neighbours, the `glist` values otherwise):
 *
 *   W  row-standardised: w_ij = g_ij / Σ_j g_ij (rows whose sum is not > 0 stay zero);
 *   B  the raw weights unchanged ("binary" for binary neighbours);
 *   C  globally standardised: w_ij = n_eff · g_ij / Σ_ij g_ij, so Σ w = n_eff;
 *   U  w_ij = g_ij / Σ_ij g_ij (= C / n_eff), so Σ w = 1;
 *   S  variance-stabilising (Tiefelsdorf, Griffith & Boots 1999, Environment and Planning A 31,
 *      165–180): first each row scaled to unit Euclidean norm, g*_ij = g_ij / sqrt(Σ_j g_ij²),
 *      then globally: w_ij = n_eff · g*_ij / Σ_ij g*_ij.
 *
 * n_eff = n minus the rows without neighbours (spdep's `eff.n` under zero.policy = TRUE; without
 * islands it is n). U divides by the sum only, as spdep does.
 */
import type { Csr } from '../sparse/csr';
import type { WeightsStyle } from '../spec/types';
import { ProblemError, error } from '../problems';

export function applyStyle(raw: Csr, style: WeightsStyle): Csr {
  const n = raw.nrows;
  const { rowPtr, colIdx } = raw;
  const g = raw.values;
  const values = new Float64Array(g.length);
  let effN = 0;
  for (let i = 0; i < n; i++) if (rowPtr[i + 1] > rowPtr[i]) effN++;
  switch (style) {
    case 'B':
      values.set(g);
      break;
    case 'W':
      for (let i = 0; i < n; i++) {
        let d = 0;
        for (let p = rowPtr[i]; p < rowPtr[i + 1]; p++) d += g[p];
        const s = d > 0 ? 1 / d : 0;
        for (let p = rowPtr[i]; p < rowPtr[i + 1]; p++) values[p] = s * g[p];
      }
      break;
    case 'C':
    case 'U': {
      let D = 0;
      for (let p = 0; p < g.length; p++) D += g[p];
      if (!(D > 0)) throw new ProblemError(error(`style ${style}: the sum of all weights is ${D}; it must be positive`, undefined, undefined, 'weights-sum'));
      const s = style === 'C' ? effN / D : 1 / D;
      for (let p = 0; p < g.length; p++) values[p] = s * g[p];
      break;
    }
    case 'S': {
      let Q = 0;
      for (let i = 0; i < n; i++) {
        let q = 0;
        for (let p = rowPtr[i]; p < rowPtr[i + 1]; p++) q += g[p] * g[p];
        q = Math.sqrt(q);
        const s = q > 0 ? 1 / q : 0;
        for (let p = rowPtr[i]; p < rowPtr[i + 1]; p++) {
          values[p] = s * g[p];
          Q += values[p];
        }
      }
      if (!(Q > 0)) throw new ProblemError(error(`style S: the sum of the row-normalised weights is ${Q}; it must be positive`, undefined, undefined, 'weights-sum'));
      const s = effN / Q;
      for (let p = 0; p < values.length; p++) values[p] *= s;
      break;
    }
    default: {
      const never: never = style;
      throw new Error(`unknown weights style ${String(never)}`);
    }
  }
  // The styled matrix shares the raw one's structure (the arrays are never written after this).
  return { nrows: n, ncols: raw.ncols, rowPtr, colIdx, values };
}

/**
 * The similarity transform for symmetric raw weights B (Ord 1975; spatialreg's `similar.listw`):
 * W = D⁻¹B is similar to the symmetric D^{-1/2} B D^{-1/2} = D^{1/2} W D^{-1/2}; returns the
 * diagonal of D^{1/2} (sqrt of the raw row sums; 1 for empty rows, whose row and column are zero).
 * B, C and U are scalar multiples of B, symmetric themselves: all ones. For S, or when B is not
 * symmetric, undefined.
 */
export function similarityDiagonal(raw: Csr, style: WeightsStyle, symmetricWeights: boolean): Float64Array | undefined {
  if (!symmetricWeights) return undefined;
  const n = raw.nrows;
  if (style === 'B' || style === 'C' || style === 'U') return new Float64Array(n).fill(1);
  if (style !== 'W') return undefined;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let d = 0;
    for (let p = raw.rowPtr[i]; p < raw.rowPtr[i + 1]; p++) d += raw.values[p];
    out[i] = d > 0 ? Math.sqrt(d) : 1;
  }
  return out;
}
