/**
 * Kernel weights w_ij = K(d_ij / h_i) (libpysal `Kernel`; GeoDa's kernel weights; the functions
 * as Anselin & Rey 2014, *Modern Spatial Econometrics in Practice*, p. 78), with z = d/h:
 *   triangular 1 − z, uniform ½, quadratic (Epanechnikov) ¾(1 − z²), quartic (15/16)(1 − z²)²,
 *   gaussian exp(−z²/2)/√(2π) (truncated at the bandwidth, as libpysal).
 * Bandwidths, as libpysal:
 *   a number h: every observation's neighbours are the points within h (d ≤ h), itself included;
 *   "fixed" with k: h = the largest distance of any observation to its k-th nearest neighbour,
 *     times libpysal's eps = 1.0000001 (so the farthest k-th neighbour keeps a weight > 0);
 *   "adaptive" with k: h_i = i's own k-th-neighbour distance × eps, and i's neighbours are its k
 *     nearest (ties to the lower index) and itself.
 * The diagonal is K(0) (libpysal's default) or 1 (libpysal diagonal = True, GeoDa's option).
 */
import type { Csr } from '../sparse/csr';
import type { KernelFunction, KernelWeightsSpec } from '../spec/types';
import { distanceBandNeighbours, knnNeighbours, pointDistance } from './points';

/** libpysal's widening of computed bandwidths. */
export const KERNEL_EPS = 1.0000001;

export function kernelValue(fn: KernelFunction, z: number): number {
  switch (fn) {
    case 'triangular': return 1 - z;
    case 'uniform': return 0.5;
    case 'quadratic': return 0.75 * (1 - z * z);
    case 'quartic': return (15 / 16) * (1 - z * z) ** 2;
    case 'gaussian': return Math.exp(-(z * z) / 2) / Math.sqrt(2 * Math.PI);
  }
}

export interface KernelResult {
  /** Rows with the diagonal, columns ascending; values the kernel weights. */
  w: Csr;
  /** h_i of each row. */
  bandwidth: Float64Array;
}

export function kernelWeights(x: Float64Array, y: Float64Array, spec: Pick<KernelWeightsSpec, 'function' | 'bandwidth' | 'k' | 'distance' | 'diagonal'>, maxLinks: number): KernelResult {
  const n = x.length;
  const metric = spec.distance;
  const rows: { cols: number[]; d: number[] }[] = [];
  const bandwidth = new Float64Array(n);
  if (spec.bandwidth === 'adaptive') {
    const k = spec.k!;
    const { nn } = knnNeighbours(x, y, k, metric);
    for (let i = 0; i < n; i++) {
      const cols = [i];
      const d = [0];
      for (let r = 0; r < k; r++) {
        cols.push(nn[i * k + r]);
        d.push(pointDistance(x, y, i, nn[i * k + r], metric));
      }
      bandwidth[i] = d[k] * KERNEL_EPS;
      rows.push({ cols, d });
    }
  } else {
    let h: number;
    if (spec.bandwidth === 'fixed') {
      const k = spec.k!;
      const { nn } = knnNeighbours(x, y, k, metric);
      let max = 0;
      for (let i = 0; i < n; i++) max = Math.max(max, pointDistance(x, y, i, nn[i * k + k - 1], metric));
      h = max * KERNEL_EPS;
    } else h = spec.bandwidth;
    bandwidth.fill(h);
    const band = distanceBandNeighbours(x, y, h, metric, 0, Math.max(0, maxLinks - n));
    for (let i = 0; i < n; i++) {
      const cols = [i];
      const d = [0];
      for (let p = band.nb.rowPtr[i]; p < band.nb.rowPtr[i + 1]; p++) {
        cols.push(band.nb.colIdx[p]);
        d.push(band.dist[p]);
      }
      rows.push({ cols, d });
    }
  }
  const rowPtr = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) rowPtr[i + 1] = rowPtr[i] + rows[i].cols.length;
  const colIdx = new Int32Array(rowPtr[n]);
  const values = new Float64Array(rowPtr[n]);
  for (let i = 0; i < n; i++) {
    const { cols, d } = rows[i];
    const order = cols.map((_, t) => t).sort((a, b) => cols[a] - cols[b]);
    order.forEach((t, q) => {
      const p = rowPtr[i] + q;
      colIdx[p] = cols[t];
      values[p] = cols[t] === i && spec.diagonal === 'one' ? 1 : kernelValue(spec.function, d[t] / bandwidth[i]);
    });
  }
  return { w: { nrows: n, ncols: n, rowPtr, colIdx, values }, bandwidth };
}
