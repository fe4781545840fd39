/**
 * Locality-preserving orders of observations, and permuting weights into them.
 *
 * Sparse mat-vecs with W read x[j] for the neighbours j of each row i; when neighbours sit close
 * in memory those reads hit cache. In input order (arbitrary for most data) they do not: the
 * project's measurements (performance-notes.md) show 2–5× faster mat-vecs in kd-tree order at
 * n = 1e5..1e6. Fit in the permuted order and map results back with the inverse permutation.
 */
import type { Csr } from '../sparse/csr';

/** Position along a Hilbert curve of order 16 of integer cell (x, y), 0 ≤ x, y < 65536. */
function hilbertIndex(x: number, y: number): number {
  let d = 0;
  for (let s = 1 << 15; s > 0; s >>>= 1) {
    const rx = (x & s) > 0 ? 1 : 0;
    const ry = (y & s) > 0 ? 1 : 0;
    d += s * s * ((3 * rx) ^ ry);
    // Rotate the quadrant so the curve stays continuous.
    if (ry === 0) {
      if (rx === 1) {
        x = 65535 - x;
        y = 65535 - y;
      }
      const t = x;
      x = y;
      y = t;
    }
  }
  return d;
}

/**
 * Rows sorted along a Hilbert curve through the points' bounding box (65536² cells): order[k] is
 * the row placed k-th. Non-finite points go last, in input order.
 */
export function hilbertOrder(x: Float64Array, y: Float64Array): Int32Array {
  const n = x.length;
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(x[i]) || !Number.isFinite(y[i])) continue;
    minX = Math.min(minX, x[i]);
    maxX = Math.max(maxX, x[i]);
    minY = Math.min(minY, y[i]);
    maxY = Math.max(maxY, y[i]);
  }
  const sx = maxX > minX ? 65535 / (maxX - minX) : 0;
  const sy = maxY > minY ? 65535 / (maxY - minY) : 0;
  // Sort keys key·2^21 + i as doubles (exact below 2^53) when n allows, else an index sort.
  const keys = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    keys[i] = Number.isFinite(x[i]) && Number.isFinite(y[i])
      ? hilbertIndex(Math.round((x[i] - minX) * sx), Math.round((y[i] - minY) * sy))
      : 2 ** 32;
  }
  if (n <= 1 << 20) {
    const packed = new Float64Array(n);
    for (let i = 0; i < n; i++) packed[i] = keys[i] * 2097152 + i;
    packed.sort();
    const order = new Int32Array(n);
    for (let k = 0; k < n; k++) order[k] = packed[k] % 2097152;
    return order;
  }
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  return order.sort((a, b) => keys[a] - keys[b] || a - b);
}

/**
 * A breadth-first (Cuthill–McKee) order of a neighbour graph for weights without coordinates
 * (GAL/GWT): each component from a low-degree row, neighbours visited by increasing degree.
 */
export function graphOrder(nb: Csr): Int32Array {
  const n = nb.nrows;
  const deg = new Int32Array(n);
  for (let i = 0; i < n; i++) deg[i] = nb.rowPtr[i + 1] - nb.rowPtr[i];
  const byDeg = Array.from({ length: n }, (_, i) => i).sort((a, b) => deg[a] - deg[b] || a - b);
  const seen = new Uint8Array(n);
  const order = new Int32Array(n);
  let head = 0;
  let tail = 0;
  const nbrs: number[] = [];
  for (const s of byDeg) {
    if (seen[s]) continue;
    seen[s] = 1;
    order[tail++] = s;
    while (head < tail) {
      const i = order[head++];
      nbrs.length = 0;
      for (let p = nb.rowPtr[i]; p < nb.rowPtr[i + 1]; p++) if (!seen[nb.colIdx[p]]) {
        seen[nb.colIdx[p]] = 1;
        nbrs.push(nb.colIdx[p]);
      }
      nbrs.sort((a, b) => deg[a] - deg[b] || a - b);
      for (const j of nbrs) order[tail++] = j;
    }
  }
  return order;
}

/** inverse[order[k]] = k. */
export function invertPermutation(order: Int32Array): Int32Array {
  const inv = new Int32Array(order.length);
  for (let k = 0; k < order.length; k++) inv[order[k]] = k;
  return inv;
}

/**
 * P A Pᵀ for the order: row k of the result is row order[k] of A, with columns renumbered by the
 * inverse permutation and sorted.
 */
export function permuteCsr(a: Csr, order: Int32Array): Csr {
  const n = a.nrows;
  const inv = invertPermutation(order);
  const rowPtr = new Int32Array(n + 1);
  for (let k = 0; k < n; k++) rowPtr[k + 1] = rowPtr[k] + a.rowPtr[order[k] + 1] - a.rowPtr[order[k]];
  const colIdx = new Int32Array(a.colIdx.length);
  const values = new Float64Array(a.values.length);
  for (let k = 0; k < n; k++) {
    const i = order[k];
    const base = rowPtr[k];
    const len = a.rowPtr[i + 1] - a.rowPtr[i];
    // Renumber, then insertion-sort the (short) row by new column.
    for (let t = 0; t < len; t++) {
      const c = inv[a.colIdx[a.rowPtr[i] + t]];
      const v = a.values[a.rowPtr[i] + t];
      let u = base + t - 1;
      while (u >= base && colIdx[u] > c) {
        colIdx[u + 1] = colIdx[u];
        values[u + 1] = values[u];
        u--;
      }
      colIdx[u + 1] = c;
      values[u + 1] = v;
    }
  }
  return { nrows: n, ncols: a.ncols, rowPtr, colIdx, values };
}
