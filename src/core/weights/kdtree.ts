/**
 * A static kd-tree over 2-D or 3-D points, for k-nearest-neighbour and fixed-radius queries.
 *
 * Why not the `kdbush` package: it is 2-D only (great-circle kNN needs 3-D unit vectors, below),
 * has no kNN query, and v4 is ESM-only through its `exports` map, which plain `require()` cannot
 * load on Node < 20.19 (e.g. the Electron of older VS Code hosts) without a bundler. The layout
 * is kdbush's: points sorted in place into an implicit balanced tree (median of each range at its
 * middle index, Floyd–Rivest selection), leaves of `nodeSize` points. Unlike kdbush, each node
 * splits on its widest axis, which keeps cells compact for clustered or anisotropic data.
 *
 * Ties: queries rank neighbours by (distance, original index), so equal distances resolve to
 * the lower index, as spdep's `knearneigh` does (strict `<` while scanning j in increasing order).
 */
import { startOnHelper } from '../traces/helperThread';
export class KdTree {
  readonly n: number;
  readonly dim: 2 | 3;
  /** ids[t] = original index of the point at tree position t (a locality-preserving order). */
  readonly ids: Int32Array;
  /** Coordinates in tree order, dim per point. */
  readonly coords: Float64Array;
  /** Split axis of the node whose median is at position t. */
  readonly axis: Uint8Array;
  /**
   * Smallest original index in the range of the node whose median is at position t: a range at
   * the same distance as the current k-th neighbour can only hold a winner (ties go to the lower
   * index) if it holds a lower index. Without this, n points at one place cost n² steps.
   */
  readonly minId: Int32Array;
  readonly nodeSize: number;

  /** `points`: dim coordinates per point, in original order (copied). */
  constructor(points: Float64Array, dim: 2 | 3, nodeSize = 8) {
    this.dim = dim;
    this.n = points.length / dim;
    this.nodeSize = Math.max(1, nodeSize);
    // On shared memory, so that the helper thread can query the tree too (allKnn).
    this.ids = new Int32Array(new SharedArrayBuffer(4 * this.n));
    for (let i = 0; i < this.n; i++) this.ids[i] = i;
    this.coords = new Float64Array(new SharedArrayBuffer(8 * points.length));
    this.coords.set(points);
    this.axis = new Uint8Array(new SharedArrayBuffer(this.n));
    this.build();
    this.minId = this.rangeMinima();
  }

  /** minId of every internal node, children before parents (an explicit stack, no recursion). */
  private rangeMinima(): Int32Array {
    const { n, ids, nodeSize } = this;
    const out = new Int32Array(new SharedArrayBuffer(4 * n));
    const nodes: number[] = []; // (left, right) of internal nodes, parents first
    const stack: number[] = [0, n - 1];
    while (stack.length) {
      const right = stack.pop()!;
      const left = stack.pop()!;
      if (right - left <= nodeSize) continue;
      nodes.push(left, right);
      const m = (left + right) >> 1;
      stack.push(left, m - 1, m + 1, right);
    }
    const minOf = (left: number, right: number): number => {
      if (left > right) return 0x7fffffff;
      if (right - left > nodeSize) return out[(left + right) >> 1];
      let v = 0x7fffffff;
      for (let t = left; t <= right; t++) if (ids[t] < v) v = ids[t];
      return v;
    };
    for (let k = nodes.length - 2; k >= 0; k -= 2) {
      const left = nodes[k];
      const right = nodes[k + 1];
      const m = (left + right) >> 1;
      out[m] = Math.min(ids[m], minOf(left, m - 1), minOf(m + 1, right));
    }
    return out;
  }

  private build(): void {
    const stack: number[] = [0, this.n - 1];
    const { coords, dim } = this;
    while (stack.length) {
      const right = stack.pop()!;
      const left = stack.pop()!;
      if (right - left <= this.nodeSize) continue;
      // Widest axis of this range.
      let best = 0;
      let bestSpread = -1;
      for (let a = 0; a < dim; a++) {
        let lo = Infinity;
        let hi = -Infinity;
        for (let t = left; t <= right; t++) {
          const v = coords[t * dim + a];
          if (v < lo) lo = v;
          if (v > hi) hi = v;
        }
        if (hi - lo > bestSpread) {
          bestSpread = hi - lo;
          best = a;
        }
      }
      const m = (left + right) >> 1;
      this.select(m, left, right, best);
      this.axis[m] = best;
      stack.push(left, m - 1, m + 1, right);
    }
  }

  /** Floyd–Rivest selection: put the k-th smallest (on axis) of [left, right] at k (as kdbush). */
  private select(k: number, left: number, right: number, axis: number): void {
    const { coords, dim } = this;
    while (right > left) {
      if (right - left > 600) {
        const n = right - left + 1;
        const m = k - left + 1;
        const z = Math.log(n);
        const s = 0.5 * Math.exp((2 * z) / 3);
        const sd = 0.5 * Math.sqrt((z * s * (n - s)) / n) * (m - n / 2 < 0 ? -1 : 1);
        const newLeft = Math.max(left, Math.floor(k - (m * s) / n + sd));
        const newRight = Math.min(right, Math.floor(k + ((n - m) * s) / n + sd));
        this.select(k, newLeft, newRight, axis);
      }
      const t = coords[k * dim + axis];
      let i = left;
      let j = right;
      this.swap(left, k);
      if (coords[right * dim + axis] > t) this.swap(left, right);
      while (i < j) {
        this.swap(i, j);
        i++;
        j--;
        while (coords[i * dim + axis] < t) i++;
        while (coords[j * dim + axis] > t) j--;
      }
      if (coords[left * dim + axis] === t) this.swap(left, j);
      else {
        j++;
        this.swap(j, right);
      }
      if (j <= k) left = j + 1;
      if (k <= j) right = j - 1;
    }
  }

  private swap(i: number, j: number): void {
    const { ids, coords, dim } = this;
    const ti = ids[i];
    ids[i] = ids[j];
    ids[j] = ti;
    const p = i * dim;
    const q = j * dim;
    let tc = coords[p];
    coords[p] = coords[q];
    coords[q] = tc;
    tc = coords[p + 1];
    coords[p + 1] = coords[q + 1];
    coords[q + 1] = tc;
    if (dim === 3) {
      tc = coords[p + 2];
      coords[p + 2] = coords[q + 2];
      coords[q + 2] = tc;
    }
  }

  /**
   * The k nearest neighbours of every point, excluding the point itself (but not other points at
   * the same place). Returns original indices: nn[i*k + r] is i's (r+1)-th nearest, with its
   * squared distance in d2[i*k + r]. Requires k < n. nnTree[t*k + r] is the same list in tree
   * order: the tree position of the (r+1)-th nearest of the point at position t (the neighbours
   * relabelled by `ids`, at no cost: the query knows where each candidate sits).
   *
   * Queries run in tree order, so consecutive queries are spatial neighbours and the nodes they
   * visit stay in cache. Each query first scans the points next to it in tree order (a seed that
   * makes the bound tight at once), then descends from the root skipping them. Each stacked range
   * carries a lower bound on its squared distance to the query, built from per-axis gaps (Arya &
   * Mount's incremental distance); a range is dropped at pop time if the list has meanwhile
   * filled with closer points.
   */
  allKnn(k: number): { nn: Int32Array; d2: Float64Array; nnTree: Int32Array } {
    if (!(k >= 1 && k < this.n)) throw new RangeError(`k must be in 1..${this.n - 1}`);
    const n = this.n;
    const nn = new Int32Array(new SharedArrayBuffer(4 * n * k));
    const d2 = new Float64Array(new SharedArrayBuffer(8 * n * k));
    const nnTree = new Int32Array(new SharedArrayBuffer(4 * n * k));
    // Queries are independent: the second half of the tree order on the helper thread for large n.
    const half = n >= PARALLEL_KNN_MIN_N ? n >> 1 : n;
    const task: KnnTask = { tree: this.data(), k, from: half, to: n, nn, d2, nnTree };
    const pending = half < n ? startOnHelper({ kind: 'knn', ...task }) : undefined;
    knnRange({ ...task, from: 0, to: half });
    pending?.wait();
    return { nn, d2, nnTree };
  }

  /** The arrays of the tree, which another thread can query (`knnRange`). */
  data(): KdTreeData {
    return { n: this.n, dim: this.dim, nodeSize: this.nodeSize, ids: this.ids, coords: this.coords, axis: this.axis, minId: this.minId };
  }
  /**
   * Points within squared distance r2 (inclusive) of the point at tree position qt, excluding
   * itself; calls visit(originalIndex, squaredDistance).
   */
  withinOf(qt: number, r2: number, visit: (id: number, d2: number) => void, stack: Int32Array = new Int32Array(2 * 64 + 8)): void {
    const { n, dim, coords, ids, axis, nodeSize } = this;
    const self = ids[qt];
    const qx = coords[qt * dim];
    const qy = coords[qt * dim + 1];
    const qz = dim === 3 ? coords[qt * dim + 2] : 0;
    let sp = 0;
    stack[sp++] = 0;
    stack[sp++] = n - 1;
    while (sp > 0) {
      const right = stack[--sp];
      const left = stack[--sp];
      if (right - left <= nodeSize) {
        for (let t = left; t <= right; t++) {
          if (ids[t] === self) continue;
          const dx = coords[t * dim] - qx;
          const dy = coords[t * dim + 1] - qy;
          let d = dx * dx + dy * dy;
          if (dim === 3) {
            const dz = coords[t * dim + 2] - qz;
            d += dz * dz;
          }
          if (d <= r2) visit(ids[t], d);
        }
        continue;
      }
      const m = (left + right) >> 1;
      if (ids[m] !== self) {
        const dx = coords[m * dim] - qx;
        const dy = coords[m * dim + 1] - qy;
        let d = dx * dx + dy * dy;
        if (dim === 3) {
          const dz = coords[m * dim + 2] - qz;
          d += dz * dz;
        }
        if (d <= r2) visit(ids[m], d);
      }
      const ax = axis[m];
      const q = ax === 0 ? qx : ax === 1 ? qy : qz;
      const diff = q - coords[m * dim + ax];
      if (diff <= 0 || diff * diff <= r2) { stack[sp++] = left; stack[sp++] = m - 1; }
      if (diff >= 0 || diff * diff <= r2) { stack[sp++] = m + 1; stack[sp++] = right; }
    }
  }
}

/** From this n, allKnn shares its queries with the helper thread (traces/helperThread). */
export const PARALLEL_KNN_MIN_N = 100_000;

/** What the kNN queries read of a tree. */
export interface KdTreeData {
  n: number;
  dim: 2 | 3;
  nodeSize: number;
  ids: Int32Array;
  coords: Float64Array;
  axis: Uint8Array;
  minId: Int32Array;
}

/** The queries of tree positions from..to−1, written into nn, d2 (rows of original index) and nnTree (rows of tree position). */
export interface KnnTask {
  tree: KdTreeData;
  k: number;
  from: number;
  to: number;
  nn: Int32Array;
  d2: Float64Array;
  nnTree: Int32Array;
}

export function knnRange(t: KnnTask): void {
  if (t.tree.dim === 2) knn2(t.tree, t.k, t.nn, t.d2, t.nnTree, t.from, t.to);
  else knn3(t.tree, t.k, t.nn, t.d2, t.nnTree, t.from, t.to);
}

/** allKnn for 2-D points (the dimension is fixed in the code, which keeps the loops tight). */
function knn2(tree: KdTreeData, k: number, nn: Int32Array, d2out: Float64Array, nnTree: Int32Array, from: number, to: number): void {
  const { n, coords, ids, axis, nodeSize, minId } = tree;
  const D = 2;
  const bestD = new Float64Array(k);
  const bestI = new Int32Array(k);
  const bestT = new Int32Array(k);
  const stack = new Int32Array(2 * 68);
  const bound = new Float64Array(68);
  const gap = new Float64Array(D * 68);
  const half = Math.max(k, nodeSize);
  for (let qt = from; qt < to; qt++) {
    const self = ids[qt];
    const qx = coords[D * qt], qy = coords[D * qt + 1];
    let count = 0;
    let worst = Infinity;
    let worstI = 0x7fffffff;
    // Seed: the positions around qt in tree order (near qt in space).
    const wlo = qt - half < 0 ? 0 : qt - half;
    const whi = qt + half > n - 1 ? n - 1 : qt + half;
    for (let t = wlo; t <= whi; t++) {
      const id = ids[t];
      if (id === self) continue;
      const dx = coords[D * t] - qx, dy = coords[D * t + 1] - qy;
      const d = dx * dx + dy * dy;
      if (d < worst || (d === worst && id < worstI)) {
        let r = count < k ? count++ : k - 1;
        while (r > 0 && (bestD[r - 1] > d || (bestD[r - 1] === d && bestI[r - 1] > id))) {
          bestD[r] = bestD[r - 1];
          bestI[r] = bestI[r - 1];
          bestT[r] = bestT[r - 1];
          r--;
        }
        bestD[r] = d;
        bestI[r] = id;
        bestT[r] = t;
        if (count === k) {
          worst = bestD[k - 1];
          worstI = bestI[k - 1];
        }
      }
    }
    // Descent, skipping the seed window.
    let sp = 1;
    stack[0] = 0;
    stack[1] = n - 1;
    bound[0] = 0;
    gap.fill(0, 0, D);
    while (sp > 0) {
      sp--;
      const left = stack[2 * sp];
      const right = stack[2 * sp + 1];
      if (left > right || bound[sp] > worst) continue;
      // An equal bound may still hold a lower index: only when the range has one.
      if (bound[sp] === worst && right - left > nodeSize && minId[(left + right) >> 1] > worstI) continue;
      if (right - left <= nodeSize) {
        for (let t = left; t <= right; t++) {
          if (t >= wlo && t <= whi) continue;
          const id = ids[t];
          const dx = coords[D * t] - qx, dy = coords[D * t + 1] - qy;
          const d = dx * dx + dy * dy;
          if (d < worst || (d === worst && id < worstI)) {
            let r = count < k ? count++ : k - 1;
            while (r > 0 && (bestD[r - 1] > d || (bestD[r - 1] === d && bestI[r - 1] > id))) {
              bestD[r] = bestD[r - 1];
              bestI[r] = bestI[r - 1];
              bestT[r] = bestT[r - 1];
              r--;
            }
            bestD[r] = d;
            bestI[r] = id;
            bestT[r] = t;
            if (count === k) {
              worst = bestD[k - 1];
              worstI = bestI[k - 1];
            }
          }
        }
        continue;
      }
      const m = (left + right) >> 1;
      if (m < wlo || m > whi) {
        const id = ids[m];
        const dx = coords[D * m] - qx, dy = coords[D * m + 1] - qy;
        const d = dx * dx + dy * dy;
        if (d < worst || (d === worst && id < worstI)) {
          let r = count < k ? count++ : k - 1;
          while (r > 0 && (bestD[r - 1] > d || (bestD[r - 1] === d && bestI[r - 1] > id))) {
            bestD[r] = bestD[r - 1];
            bestI[r] = bestI[r - 1];
            bestT[r] = bestT[r - 1];
            r--;
          }
          bestD[r] = d;
          bestI[r] = id;
          bestT[r] = m;
          if (count === k) {
            worst = bestD[k - 1];
            worstI = bestI[k - 1];
          }
        }
      }
      const ax = axis[m];
      const near = bound[sp];
      const g0 = gap[D * sp], g1 = gap[D * sp + 1];
      const diff = (ax === 0 ? qx : qy) - coords[D * m + ax];
      // Σ gap² recomputed, in the order distances are summed, so that rounding never lifts
      // it above a true distance: exact ties must not be pruned.
      const n0 = ax === 0 ? diff : g0, n1 = ax === 1 ? diff : g1;
      const far = n0 * n0 + n1 * n1;
      // Far side first on the stack, so that the near side is searched first.
      if (far <= worst) {
        if (diff <= 0) {
          stack[2 * sp] = m + 1;
          stack[2 * sp + 1] = right;
        } else {
          stack[2 * sp] = left;
          stack[2 * sp + 1] = m - 1;
        }
        bound[sp] = far;
        gap[D * sp] = n0;
        gap[D * sp + 1] = n1;
        sp++;
      }
      if (diff <= 0) {
        stack[2 * sp] = left;
        stack[2 * sp + 1] = m - 1;
      } else {
        stack[2 * sp] = m + 1;
        stack[2 * sp + 1] = right;
      }
      bound[sp] = near;
      gap[D * sp] = g0;
      gap[D * sp + 1] = g1;
      sp++;
    }
    const base = self * k;
    for (let r = 0; r < k; r++) {
      nn[base + r] = bestI[r];
      nnTree[qt * k + r] = bestT[r];
      d2out[base + r] = bestD[r];
    }
  }
}

/** allKnn for 3-D points (the dimension is fixed in the code, which keeps the loops tight). */
function knn3(tree: KdTreeData, k: number, nn: Int32Array, d2out: Float64Array, nnTree: Int32Array, from: number, to: number): void {
const { n, coords, ids, axis, nodeSize, minId } = tree;
  const D = 3;
  const bestD = new Float64Array(k);
  const bestI = new Int32Array(k);
  const bestT = new Int32Array(k);
  const stack = new Int32Array(2 * 68);
  const bound = new Float64Array(68);
  const gap = new Float64Array(D * 68);
  const half = Math.max(k, nodeSize);
  for (let qt = from; qt < to; qt++) {
    const self = ids[qt];
    const qx = coords[D * qt], qy = coords[D * qt + 1], qz = coords[D * qt + 2];
    let count = 0;
    let worst = Infinity;
    let worstI = 0x7fffffff;
    // Seed: the positions around qt in tree order (near qt in space).
    const wlo = qt - half < 0 ? 0 : qt - half;
    const whi = qt + half > n - 1 ? n - 1 : qt + half;
    for (let t = wlo; t <= whi; t++) {
      const id = ids[t];
      if (id === self) continue;
      const dx = coords[D * t] - qx, dy = coords[D * t + 1] - qy, dz = coords[D * t + 2] - qz;
      const d = dx * dx + dy * dy + dz * dz;
      if (d < worst || (d === worst && id < worstI)) {
        let r = count < k ? count++ : k - 1;
        while (r > 0 && (bestD[r - 1] > d || (bestD[r - 1] === d && bestI[r - 1] > id))) {
          bestD[r] = bestD[r - 1];
          bestI[r] = bestI[r - 1];
          bestT[r] = bestT[r - 1];
          r--;
        }
        bestD[r] = d;
        bestI[r] = id;
        bestT[r] = t;
        if (count === k) {
          worst = bestD[k - 1];
          worstI = bestI[k - 1];
        }
      }
    }
    // Descent, skipping the seed window.
    let sp = 1;
    stack[0] = 0;
    stack[1] = n - 1;
    bound[0] = 0;
    gap.fill(0, 0, D);
    while (sp > 0) {
      sp--;
      const left = stack[2 * sp];
      const right = stack[2 * sp + 1];
      if (left > right || bound[sp] > worst) continue;
      // An equal bound may still hold a lower index: only when the range has one.
      if (bound[sp] === worst && right - left > nodeSize && minId[(left + right) >> 1] > worstI) continue;
      if (right - left <= nodeSize) {
        for (let t = left; t <= right; t++) {
          if (t >= wlo && t <= whi) continue;
          const id = ids[t];
          const dx = coords[D * t] - qx, dy = coords[D * t + 1] - qy, dz = coords[D * t + 2] - qz;
          const d = dx * dx + dy * dy + dz * dz;
          if (d < worst || (d === worst && id < worstI)) {
            let r = count < k ? count++ : k - 1;
            while (r > 0 && (bestD[r - 1] > d || (bestD[r - 1] === d && bestI[r - 1] > id))) {
              bestD[r] = bestD[r - 1];
              bestI[r] = bestI[r - 1];
              bestT[r] = bestT[r - 1];
              r--;
            }
            bestD[r] = d;
            bestI[r] = id;
            bestT[r] = t;
            if (count === k) {
              worst = bestD[k - 1];
              worstI = bestI[k - 1];
            }
          }
        }
        continue;
      }
      const m = (left + right) >> 1;
      if (m < wlo || m > whi) {
        const id = ids[m];
        const dx = coords[D * m] - qx, dy = coords[D * m + 1] - qy, dz = coords[D * m + 2] - qz;
        const d = dx * dx + dy * dy + dz * dz;
        if (d < worst || (d === worst && id < worstI)) {
          let r = count < k ? count++ : k - 1;
          while (r > 0 && (bestD[r - 1] > d || (bestD[r - 1] === d && bestI[r - 1] > id))) {
            bestD[r] = bestD[r - 1];
            bestI[r] = bestI[r - 1];
            bestT[r] = bestT[r - 1];
            r--;
          }
          bestD[r] = d;
          bestI[r] = id;
          bestT[r] = m;
          if (count === k) {
            worst = bestD[k - 1];
            worstI = bestI[k - 1];
          }
        }
      }
      const ax = axis[m];
      const near = bound[sp];
      const g0 = gap[D * sp], g1 = gap[D * sp + 1], g2 = gap[D * sp + 2];
      const diff = (ax === 0 ? qx : ax === 1 ? qy : qz) - coords[D * m + ax];
      // Σ gap² recomputed, in the order distances are summed, so that rounding never lifts
      // it above a true distance: exact ties must not be pruned.
      const n0 = ax === 0 ? diff : g0, n1 = ax === 1 ? diff : g1, n2 = ax === 2 ? diff : g2;
      const far = n0 * n0 + n1 * n1 + n2 * n2;
      // Far side first on the stack, so that the near side is searched first.
      if (far <= worst) {
        if (diff <= 0) {
          stack[2 * sp] = m + 1;
          stack[2 * sp + 1] = right;
        } else {
          stack[2 * sp] = left;
          stack[2 * sp + 1] = m - 1;
        }
        bound[sp] = far;
        gap[D * sp] = n0;
        gap[D * sp + 1] = n1;
        gap[D * sp + 2] = n2;
        sp++;
      }
      if (diff <= 0) {
        stack[2 * sp] = left;
        stack[2 * sp + 1] = m - 1;
      } else {
        stack[2 * sp] = m + 1;
        stack[2 * sp + 1] = right;
      }
      bound[sp] = near;
      gap[D * sp] = g0;
      gap[D * sp + 1] = g1;
      gap[D * sp + 2] = g2;
      sp++;
    }
    const base = self * k;
    for (let r = 0; r < k; r++) {
      nn[base + r] = bestI[r];
      nnTree[qt * k + r] = bestT[r];
      d2out[base + r] = bestD[r];
    }
  }
}

