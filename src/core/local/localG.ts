/**
 * Getis–Ord local G_i and G*_i z-values (Getis & Ord 1992, Geographical Analysis 24, 189–206;
 * Ord & Getis 1995, 27, 286–306), as spdep `localG(x, listw)`:
 *
 *   G_i  (i not among its neighbours): x̄_i = (Σx − x_i)/(n − 1), s_i² = (Σx² − x_i²)/(n − 1) − x̄_i²,
 *        E = W_i x̄_i, V = s_i² ((n − 1) W2_i − W_i²)/(n − 2), G_i = (Wx)_i / (Σx − x_i);
 *   G*_i (weights that include i itself, spdep `include.self`): x̄ = mean(x), s² = Σ(x − x̄)²/n,
 *        E = W_i x̄, V = s² (n W2_i − W_i²)/(n − 1), G*_i = (Wx)_i / Σx;
 *   z_i = ((Wx)_i − E)/√V, p normal (two-sided by default),
 * W_i = Σ_j w_ij, W2_i = Σ_j w_ij² (j = i included for G*).
 */
import { matVec, type Csr } from '../sparse/csr';
import { applyStyle } from '../weights/style';
import type { WeightsStyle } from '../spec/types';
import type { Alternative } from '../inference/moran';
import { checkFinite, checkNotConstant, checkWeights, rowSums } from './centred';
import { normalP } from './localMoran';

export interface LocalG {
  readonly star: boolean;
  readonly alternative: Alternative;
  readonly G: Float64Array;
  readonly expectation: Float64Array;
  readonly variance: Float64Array;
  readonly zValue: Float64Array;
  readonly p: Float64Array;
  /** x above its mean (spdep's `cluster` attribute: "High", else "Low"). */
  readonly high: Uint8Array;
}

/**
 * Local G (star = false, w without self-links) or G* (star = true, w from `gStarWeights`, each row
 * holding its own observation). E(G), Var(G) are on the scale of G.
 */
export function localG(x: ArrayLike<number>, w: Csr, opts: { star: boolean; alternative?: Alternative }): LocalG {
  const n = x.length;
  checkFinite(x);
  checkNotConstant(x);
  checkWeights(w, n);
  if (n < 3) throw new RangeError(`local G needs at least 3 observations, got ${n}`);
  const star = opts.star;
  const alternative = opts.alternative ?? 'two.sided';
  checkSelf(w, star);
  const xv = Float64Array.from(x);
  const lx = matVec(w, xv);
  const { sum: Wi, sumSq: S1i } = rowSums(w);
  let sx = 0;
  let sxx = 0;
  for (let i = 0; i < n; i++) {
    sx += xv[i];
    sxx += xv[i] * xv[i];
  }
  const mean = sx / n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (xv[i] - mean) ** 2;
  const G = new Float64Array(n);
  const E = new Float64Array(n);
  const V = new Float64Array(n);
  const Z = new Float64Array(n);
  const P = new Float64Array(n);
  const high = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    let eg: number;
    let vg: number;
    let denom: number;
    if (star) {
      eg = Wi[i] * mean;
      vg = (ss / n) * ((n * S1i[i] - Wi[i] * Wi[i]) / (n - 1));
      denom = sx;
    } else {
      const xb = (sx - xv[i]) / (n - 1);
      const s2 = (sxx - xv[i] * xv[i]) / (n - 1) - xb * xb;
      eg = Wi[i] * xb;
      vg = s2 * (((n - 1) * S1i[i] - Wi[i] * Wi[i]) / (n - 2));
      denom = sx - xv[i];
    }
    Z[i] = (lx[i] - eg) / Math.sqrt(vg);
    P[i] = normalP(Z[i], alternative);
    G[i] = lx[i] / denom;
    E[i] = eg / denom;
    V[i] = vg / (denom * denom);
    high[i] = xv[i] > mean ? 1 : 0;
  }
  return { star, alternative, G, expectation: E, variance: V, zValue: Z, p: P, high };
}

/** G needs rows without self-links; G* rows with them (an empty row stays empty). */
function checkSelf(w: Csr, star: boolean): void {
  for (let i = 0; i < w.nrows; i++) {
    let self = false;
    for (let p = w.rowPtr[i]; p < w.rowPtr[i + 1]; p++) if (w.colIdx[p] === i) self = true;
    if (star && !self && w.rowPtr[i + 1] > w.rowPtr[i]) throw new RangeError(`G*: row ${i + 1} does not include itself; build the weights with gStarWeights`);
    if (!star && self) throw new RangeError(`G: row ${i + 1} includes itself; use G* (star: true) for weights with self-links`);
  }
}

/**
 * The neighbour list with each observation added to its own neighbours at raw weight
 * `selfWeight` (spdep `include.self`, binary: 1), styled again (G* weights, `nb2listw(include.self(nb))`).
 */
export function gStarWeights(raw: Csr, style: WeightsStyle, selfWeight = 1): Csr {
  const n = raw.nrows;
  const rowPtr = new Int32Array(n + 1);
  const colIdx = new Int32Array(raw.colIdx.length + n);
  const values = new Float64Array(raw.colIdx.length + n);
  let q = 0;
  for (let i = 0; i < n; i++) {
    let placed = false;
    for (let p = raw.rowPtr[i]; p < raw.rowPtr[i + 1]; p++) {
      const j = raw.colIdx[p];
      if (j === i) throw new RangeError(`row ${i + 1} already includes itself`);
      if (!placed && j > i) {
        colIdx[q] = i;
        values[q++] = selfWeight;
        placed = true;
      }
      colIdx[q] = j;
      values[q++] = raw.values[p];
    }
    if (!placed) {
      colIdx[q] = i;
      values[q++] = selfWeight;
    }
    rowPtr[i + 1] = q;
  }
  return applyStyle({ nrows: n, ncols: n, rowPtr, colIdx, values }, style);
}
