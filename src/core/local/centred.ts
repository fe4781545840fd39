/**
 * What the local and global autocorrelation statistics share: the centred variable and its
 * moments (spdep `localmoran`, `moran`: z = x − x̄, m2 = Σz²/n, b2 = (Σz⁴/n)/m2²), and the
 * row sums W_i = Σ_j w_ij and W2_i = Σ_j w_ij² of the weights.
 */
import type { Csr } from '../sparse/csr';

export interface Centred {
  readonly n: number;
  readonly mean: number;
  /** z = x − mean. */
  readonly z: Float64Array;
  /** Σ z² / n (spdep's `s2` with `mlvar = TRUE`). */
  readonly m2: number;
  /** (Σ z⁴ / n) / m2², the sample kurtosis (spdep's `b2`; `K` of `moran`). */
  readonly b2: number;
}

/** Throws a RangeError naming the first row that is not a finite number (spdep: na.fail). */
export function checkFinite(x: ArrayLike<number>, what = 'x'): void {
  for (let i = 0; i < x.length; i++) {
    if (!Number.isFinite(x[i])) throw new RangeError(`${what}: row ${i + 1} is ${x[i]}, not a finite number`);
  }
}

/** Throws a RangeError when every value is the same (the statistics divide by the variance). */
export function checkNotConstant(x: ArrayLike<number>, what = 'x'): void {
  for (let i = 1; i < x.length; i++) if (x[i] !== x[0]) return;
  throw new RangeError(`${what} is constant (every row is ${x[0]}): spatial autocorrelation is undefined`);
}

/** z = x − x̄ and its moments; throws for fewer than 2 rows, non-finite or constant values. */
export function centre(x: ArrayLike<number>): Centred {
  const n = x.length;
  if (n < 2) throw new RangeError(`need at least 2 observations, got ${n}`);
  checkFinite(x);
  checkNotConstant(x);
  let s = 0;
  for (let i = 0; i < n; i++) s += x[i];
  const mean = s / n;
  const z = new Float64Array(n);
  let s2 = 0;
  let s4 = 0;
  for (let i = 0; i < n; i++) {
    const d = x[i] - mean;
    z[i] = d;
    const d2 = d * d;
    s2 += d2;
    s4 += d2 * d2;
  }
  const m2 = s2 / n;
  return { n, mean, z, m2, b2: s4 / n / (m2 * m2) };
}

/** Per row: W_i = Σ_j w_ij and W2_i = Σ_j w_ij². */
export function rowSums(w: Csr): { sum: Float64Array; sumSq: Float64Array } {
  const sum = new Float64Array(w.nrows);
  const sumSq = new Float64Array(w.nrows);
  for (let i = 0; i < w.nrows; i++) {
    let a = 0;
    let b = 0;
    for (let p = w.rowPtr[i]; p < w.rowPtr[i + 1]; p++) {
      const v = w.values[p];
      a += v;
      b += v * v;
    }
    sum[i] = a;
    sumSq[i] = b;
  }
  return { sum, sumSq };
}

/** Checks that W is square with one row per observation. */
export function checkWeights(w: Csr, n: number): void {
  if (w.nrows !== n || w.ncols !== n) throw new RangeError(`the weights are ${w.nrows} × ${w.ncols} but there are ${n} observations`);
}
