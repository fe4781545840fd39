/**
 * Neighbour lists as CSR matrices of raw (unstyled) weights: row i holds i's neighbours j,
 * columns sorted ascending and unique, no self-links, values the raw weight of the link
 * (1 for binary neighbours; a distance-derived weight or a GWT weight otherwise). This is spdep's
 * `nb` together with its `glist`, in one sparse layout.
 */
import { transpose } from '../sparse/build';
import type { Csr } from '../sparse/csr';

export type NeighbourList = Csr;

/** Thrown when neighbours would exceed the links allowed (MAX_LINKS: e.g. a threshold larger than the map). */
export class TooManyLinksError extends Error {
  constructor(readonly links: number) {
    super(`more than ${links} links`);
  }
}

/** A duplicated (i, j) pair found while building; `link` is the index of the second occurrence. */
export interface DuplicateLink {
  row: number;
  col: number;
  link: number;
}

/**
 * Build a CSR from links (from[k] → to[k] with weight[k]); rows sorted by column. Duplicates are
 * reported (first few) through `onDuplicate` and dropped (first occurrence kept).
 */
export function csrFromLinks(
  n: number,
  from: Int32Array | readonly number[],
  to: Int32Array | readonly number[],
  weight?: Float64Array | readonly number[],
  onDuplicate?: (d: DuplicateLink) => void,
): Csr {
  const m = from.length;
  const rowPtr = new Int32Array(n + 1);
  for (let k = 0; k < m; k++) rowPtr[from[k] + 1]++;
  for (let i = 0; i < n; i++) rowPtr[i + 1] += rowPtr[i];
  const fill = rowPtr.slice(0, n);
  const order = new Int32Array(m); // link indices grouped by row, in file order within a row
  for (let k = 0; k < m; k++) order[fill[from[k]]++] = k;
  const colIdx = new Int32Array(m);
  const values = new Float64Array(m);
  let nnz = 0;
  const outPtr = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) {
    const a = rowPtr[i];
    const b = rowPtr[i + 1];
    // Sort the row's links by column, stable on file order (so a duplicate is the later one):
    // insertion sort for the usual short rows, a comparison sort for long ones (a row of a
    // million links in reverse order would take 5·10¹¹ steps of insertion sort).
    if (b - a > 32) {
      order.subarray(a, b).sort((u, v) => to[u] - to[v] || u - v);
    } else {
      for (let t = a + 1; t < b; t++) {
        const k = order[t];
        const j = to[k];
        let u = t - 1;
        while (u >= a && (to[order[u]] > j || (to[order[u]] === j && order[u] > k))) {
          order[u + 1] = order[u];
          u--;
        }
        order[u + 1] = k;
      }
    }
    let last = -1;
    for (let t = a; t < b; t++) {
      const k = order[t];
      const j = to[k];
      if (j === last) {
        onDuplicate?.({ row: i, col: j, link: k });
        continue;
      }
      colIdx[nnz] = j;
      values[nnz] = weight ? weight[k] : 1;
      nnz++;
      last = j;
    }
    outPtr[i + 1] = nnz;
  }
  return { nrows: n, ncols: n, rowPtr: outPtr, colIdx: nnz === m ? colIdx : colIdx.slice(0, nnz), values: nnz === m ? values : values.slice(0, nnz) };
}

/** Number of neighbours of each row (spdep `card`). */
export function cardinalities(nb: Csr): Int32Array {
  const out = new Int32Array(nb.nrows);
  for (let i = 0; i < nb.nrows; i++) out[i] = nb.rowPtr[i + 1] - nb.rowPtr[i];
  return out;
}

/**
 * Whether the neighbour relation is symmetric (j ∈ N(i) ⇔ i ∈ N(j), spdep `is.symmetric.nb`), and
 * whether the weights are too (w_ij = w_ji within `relTol` relative, as spdep's
 * `is.symmetric.glist` uses all.equal).
 */
export function symmetry(a: Csr, relTol = 1e-10): { neighbours: boolean; weights: boolean } {
  // Each link looked up in its reverse row (sorted, so by bisection) rather than a transpose:
  // no allocation, and a kNN relation is found asymmetric at its first one-sided pair.
  const { rowPtr, colIdx, values } = a;
  let weights = true;
  for (let i = 0; i < a.nrows; i++) {
    for (let p = rowPtr[i]; p < rowPtr[i + 1]; p++) {
      const q = findInRow(a, colIdx[p], i);
      if (q < 0) return { neighbours: false, weights: false };
      const x = values[p];
      const y = values[q];
      if (weights && x !== y && Math.abs(x - y) > relTol * Math.max(Math.abs(x), Math.abs(y))) weights = false;
    }
  }
  return { neighbours: true, weights };
}

/** Position of column j in row i of a (rows sorted), or −1. */
function findInRow(a: Csr, i: number, j: number): number {
  let lo = a.rowPtr[i];
  let hi = a.rowPtr[i + 1] - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const c = a.colIdx[mid];
    if (c === j) return mid;
    if (c < j) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** Rows with no neighbour (0-based). */
export function islandsOf(nb: Csr): number[] {
  const out: number[] = [];
  for (let i = 0; i < nb.nrows; i++) if (nb.rowPtr[i + 1] === nb.rowPtr[i]) out.push(i);
  return out;
}

/**
 * Connected components of the symmetrised neighbour graph (i ~ j if j ∈ N(i) or i ∈ N(j)),
 * as spdep's `n.comp.nb`; ids numbered in order of each component's first row. A link of weight
 * 0 (a GWT zero, a row that style W cannot standardise) joins nothing.
 */
export function components(nb: Csr): { componentOf: Int32Array; count: number } {
  const n = nb.nrows;
  const parent = new Int32Array(n);
  for (let i = 0; i < n; i++) parent[i] = i;
  const find = (x: number): number => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]];
      x = parent[x];
    }
    return x;
  };
  for (let i = 0; i < n; i++) {
    for (let p = nb.rowPtr[i]; p < nb.rowPtr[i + 1]; p++) {
      if (nb.values[p] === 0) continue;
      const a = find(i);
      const b = find(nb.colIdx[p]);
      if (a !== b) {
        if (a < b) parent[b] = a;
        else parent[a] = b;
      }
    }
  }
  const componentOf = new Int32Array(n);
  const idOfRoot = new Int32Array(n).fill(-1);
  let count = 0;
  for (let i = 0; i < n; i++) {
    const r = find(i);
    if (idOfRoot[r] < 0) idOfRoot[r] = count++;
    componentOf[i] = idOfRoot[r];
  }
  return { componentOf, count };
}

/**
 * `components(W)` computed on W relabelled (`local` = P·W·Pᵀ, perm[new] = old) and mapped back,
 * numbered as `components` numbers them: union–find over a graph in locality order touches
 * memory in order, over one in a scattered order it misses cache at nearly every link.
 */
export function componentsVia(local: Csr, perm: Int32Array): { componentOf: Int32Array; count: number } {
  const n = local.nrows;
  const { componentOf: inLocal, count } = components(local);
  const componentOf = new Int32Array(n);
  for (let t = 0; t < n; t++) componentOf[perm[t]] = inLocal[t];
  const id = new Int32Array(count).fill(-1);
  let next = 0;
  for (let i = 0; i < n; i++) {
    const c = componentOf[i];
    if (id[c] < 0) id[c] = next++;
    componentOf[i] = id[c];
  }
  return { componentOf, count };
}

/** The neighbour relation made symmetric (union of N(i) and the rows listing i), binary weights. */
export function symmetrise(nb: Csr): Csr {
  const t = transpose(nb);
  const n = nb.nrows;
  const rowPtr = new Int32Array(n + 1);
  const col: number[] = [];
  for (let i = 0; i < n; i++) {
    let p = nb.rowPtr[i];
    let q = t.rowPtr[i];
    const pe = nb.rowPtr[i + 1];
    const qe = t.rowPtr[i + 1];
    while (p < pe || q < qe) {
      const a = p < pe ? nb.colIdx[p] : Infinity;
      const b = q < qe ? t.colIdx[q] : Infinity;
      const j = Math.min(a, b);
      col.push(j);
      if (a === j) p++;
      if (b === j) q++;
    }
    rowPtr[i + 1] = col.length;
  }
  const colIdx = Int32Array.from(col);
  return { nrows: n, ncols: n, rowPtr, colIdx, values: new Float64Array(colIdx.length).fill(1) };
}
