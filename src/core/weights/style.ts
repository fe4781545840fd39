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
 *
 * Sums never overflow: each row (W, S) or the whole matrix (C, U) is first multiplied by a power
 * of two that brings its largest |g| near 1. The scaling is exact and cancels, so the results
 * are bitwise those of the plain formulas wherever those are finite, and finite wherever the raw
 * weights are (e.g. a row of weights 1e308, whose plain sum is Infinity).
 */
import { float64Like, type Csr } from '../sparse/csr';
import type { WeightsStyle } from '../spec/types';
import { ProblemError, error, type Range } from '../problems';

/** Where a style problem is fixed: the spec field (file and range) and the weights' source, for the message. */
export interface StyleWhere {
  file?: string;
  range?: Range;
  /** The weights' source as the user knows it, e.g. `weights.gwt` or `the distance band`. */
  source?: string;
}

/** 2^−e for the exponent e of m (> 0), so that m · 2^−e lies in [1, 2); 1 for m = 0 or non-finite m. */
export function unitScale(m: number, even = false): number {
  if (!(m > 0 && m < Infinity)) return 1;
  let e = Math.floor(Math.log2(m));
  if (even && e % 2 !== 0) e++;
  // 2^-e is representable for e in [-1022, 1023]; beyond (subnormal m) two steps are needed,
  // which callers avoid by refusing subnormal weights.
  return Math.pow(2, -Math.max(-1022, Math.min(1023, e)));
}

function maxAbs(g: Float64Array, a: number, b: number): number {
  let m = 0;
  for (let p = a; p < b; p++) {
    const v = Math.abs(g[p]);
    if (v > m) m = v;
  }
  return m;
}

/** Rows with at least one non-zero weight (spdep's eff.n: islands do not count). */
function effectiveN(raw: Csr): number {
  let effN = 0;
  for (let i = 0; i < raw.nrows; i++) {
    for (let p = raw.rowPtr[i]; p < raw.rowPtr[i + 1]; p++) {
      if (raw.values[p] !== 0) {
        effN++;
        break;
      }
    }
  }
  return effN;
}

/**
 * The styled weights. A style that cannot be applied (C, U or S with a total that is not
 * positive; B with a row sum beyond the doubles) is an error at `where`, the spec field to change.
 */
export function applyStyle(raw: Csr, style: WeightsStyle, where: StyleWhere = {}): Csr {
  const n = raw.nrows;
  const { rowPtr, colIdx } = raw;
  const g = raw.values;
  const values = float64Like(g, g.length);
  const source = where.source ? ` in ${where.source}` : '';
  const refuse = (message: string, code: string): never => {
    throw new ProblemError(error(message, where.file, where.range, code));
  };
  switch (style) {
    case 'B':
      for (let i = 0; i < n; i++) {
        let d = 0;
        for (let p = rowPtr[i]; p < rowPtr[i + 1]; p++) d += Math.abs(g[p]);
        if (d === Infinity) {
          refuse(`style "B" uses the weights as they are, and those of row ${i + 1} sum to more than the largest double (1.8e308); ` +
            `choose style "W" in "weights.style" (it divides each row by its sum), or rescale the weights${source}`, 'weights-overflow');
        }
      }
      values.set(g);
      break;
    case 'W':
      for (let i = 0; i < n; i++) {
        const a = rowPtr[i];
        const b = rowPtr[i + 1];
        const c = unitScale(maxAbs(g, a, b));
        let d = 0;
        for (let p = a; p < b; p++) d += c * g[p];
        const s = d > 0 ? 1 / d : 0;
        for (let p = a; p < b; p++) values[p] = s * (c * g[p]);
      }
      break;
    case 'C':
    case 'U': {
      const c = unitScale(maxAbs(g, 0, g.length));
      let D = 0;
      for (let p = 0; p < g.length; p++) D += c * g[p];
      if (!(D > 0)) {
        refuse(`style "${style}" divides by the sum of all weights, which is ${D === 0 ? '0' : 'negative'} here (negative weights cancel the positive ones); ` +
          `choose style "W" or "B" in "weights.style", or fix the weights${source}`, 'weights-sum');
      }
      const s = style === 'C' ? effectiveN(raw) / D : 1 / D;
      for (let p = 0; p < g.length; p++) values[p] = s * (c * g[p]);
      break;
    }
    case 'S': {
      let Q = 0;
      for (let i = 0; i < n; i++) {
        const a = rowPtr[i];
        const b = rowPtr[i + 1];
        const c = unitScale(maxAbs(g, a, b));
        let q = 0;
        for (let p = a; p < b; p++) q += (c * g[p]) * (c * g[p]);
        q = Math.sqrt(q);
        const s = q > 0 ? 1 / q : 0;
        for (let p = a; p < b; p++) {
          values[p] = s * (c * g[p]);
          Q += values[p];
        }
      }
      if (!(Q > 0)) {
        refuse(`style "S" divides by the sum of the row-normalised weights, which is ${Q === 0 ? '0' : 'negative'} here (negative weights cancel the positive ones); ` +
          `choose style "W" or "B" in "weights.style", or fix the weights${source}`, 'weights-sum');
      }
      const s = effectiveN(raw) / Q;
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
 * diagonal of D^{1/2} (sqrt of the raw row sums; 1 for empty rows, whose row and column are
 * zero), up to a power of two when the raw weights are so large or small that sums could overflow.
 * B, C and U are scalar multiples of B, symmetric themselves: all ones. For S, or when B is not
 * symmetric, undefined.
 */
export function similarityDiagonal(raw: Csr, style: WeightsStyle, symmetricWeights: boolean): Float64Array | undefined {
  if (!symmetricWeights) return undefined;
  const n = raw.nrows;
  if (style === 'B' || style === 'C' || style === 'U') return new Float64Array(n).fill(1);
  if (style !== 'W') return undefined;
  // A constant factor cancels in D^{1/2} W D^{-1/2}: extreme raw weights are scaled by a power
  // of four (exact, also under the square root) so that no sum overflows or underflows.
  const m = maxAbs(raw.values, 0, raw.values.length);
  const c = m > 2 ** 500 || m < 2 ** -500 ? unitScale(m, true) : 1;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let d = 0;
    for (let p = raw.rowPtr[i]; p < raw.rowPtr[i + 1]; p++) d += c * raw.values[p];
    out[i] = d > 0 ? Math.sqrt(d) : 1;
  }
  return out;
}
