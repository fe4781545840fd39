/**
 * Contiguity neighbours from polygons (spdep `poly2nb`, GeoDa/PySAL queen and rook).
 *
 * - queen: two polygons are neighbours when they share at least one boundary point: a vertex of
 *   one lies within `snap` of a vertex of the other (spdep `poly2nb(queen = TRUE)`).
 * - rook: they share at least one edge: two consecutive vertices of a ring of one polygon match
 *   (within `snap`) two consecutive vertices of a ring of the other (GeoDa's and PySAL's rook).
 *   spdep's `queen = FALSE` instead asks for ≥ 2 shared boundary points anywhere, consecutive or
 *   not; the two agree unless polygons touch at two separate points only.
 * Vertex-based, like spdep, GeoDa and PySAL: a vertex of one polygon lying in the middle of
 * another's edge (a T-junction, boundaries not noded alike) does not count.
 *
 * Snapping: vertices within `snap` of each other are the same point (spdep's default for data
 * without a CRS is sqrt(.Machine$double.eps) ≈ 1.49e-8 coordinate units; 9e-8 degrees would be
 * its default for lon/lat, 0.01 m for projected metres). Points are grouped with a spatial hash
 * (cells a little larger than `snap`, so a match lies in the vertex's cell or an adjacent one)
 * and union-find, so the work is O(total vertices) for any sensible snap; grouping is
 * transitive, where spdep compares pairs (no difference unless vertices are spaced about `snap`
 * apart).
 * All rings count (outer and holes), as in spdep: an enclave inside a hole is a neighbour.
 */
import { MAX_LINKS } from '../limits';
import type { Csr } from '../sparse/csr';
import { TooManyLinksError } from './neighbours';

export interface ContiguityOptions {
  criterion: 'queen' | 'rook';
  /** Distance under which vertices are the same point; default sqrt(2^-52) ≈ 1.49e-8 (spdep, no CRS). */
  snap?: number;
  /** More links than this are a TooManyLinksError (default MAX_LINKS). */
  maxLinks?: number;
}

export const DEFAULT_SNAP = Math.sqrt(2 ** -52);

/**
 * Neighbours of polygons given as rings per row (flat [x0, y0, x1, y1, …], closing vertex
 * optional). Rows with no rings have no neighbours. Binary weights, symmetric by construction.
 */
export function contiguityNeighbours(rows: readonly (readonly Float64Array[])[], opts: ContiguityOptions): Csr {
  const n = rows.length;
  const snap = Math.abs(opts.snap ?? DEFAULT_SNAP);
  // ---- gather vertices (dropping each ring's closing duplicate) ----
  let V = 0;
  let R = 0;
  for (const rings of rows) {
    for (const r of rings) {
      V += ringLength(r);
      R++;
    }
  }
  const vx = new Float64Array(V);
  const vy = new Float64Array(V);
  const vrow = new Int32Array(V);
  const ringOff = new Int32Array(R + 1);
  let v = 0;
  let ri = 0;
  rows.forEach((rings, row) => {
    for (const r of rings) {
      const m = ringLength(r);
      for (let t = 0; t < m; t++) {
        vx[v] = r[2 * t];
        vy[v] = r[2 * t + 1];
        vrow[v] = row;
        v++;
      }
      ringOff[++ri] = v;
    }
  });

  // ---- group coincident vertices ----
  const cluster = clusterPoints(vx, vy, snap);
  let C = 0;
  for (let t = 0; t < V; t++) if (cluster[t] + 1 > C) C = cluster[t] + 1;

  let pairs: number[] = []; // (a * n + b) keys, both directions
  const maxLinks = opts.maxLinks ?? MAX_LINKS;
  // Polygons that share many vertices list their pair many times: merge the duplicates when
  // the list grows, and stop when the distinct links alone are too many.
  const emit = (rows: readonly number[]) => {
    emitPairs(rows, n, pairs);
    if (pairs.length > 4 * maxLinks) {
      pairs = distinctKeys(pairs);
      if (pairs.length > maxLinks) throw new TooManyLinksError(maxLinks);
    }
  };
  if (opts.criterion === 'queen') {
    // Rows touching each cluster (counting sort by cluster).
    const start = new Int32Array(C + 1);
    for (let t = 0; t < V; t++) start[cluster[t] + 1]++;
    for (let c = 0; c < C; c++) start[c + 1] += start[c];
    const fill = start.slice(0, C);
    const rowsAt = new Int32Array(V);
    for (let t = 0; t < V; t++) rowsAt[fill[cluster[t]]++] = vrow[t];
    const stamp = new Int32Array(n).fill(-1);
    const distinct: number[] = [];
    for (let c = 0; c < C; c++) {
      if (start[c + 1] - start[c] < 2) continue;
      distinct.length = 0;
      for (let p = start[c]; p < start[c + 1]; p++) {
        const r = rowsAt[p];
        if (stamp[r] !== c) {
          stamp[r] = c;
          distinct.push(r);
        }
      }
      emit(distinct);
    }
  } else {
    // Edges as (lo, hi) cluster pairs with their row; counting sort by lo, then sort by hi.
    let E = 0;
    for (let k = 0; k < R; k++) E += ringOff[k + 1] - ringOff[k];
    const elo = new Int32Array(E);
    const ehi = new Int32Array(E);
    const erow = new Int32Array(E);
    let e = 0;
    for (let k = 0; k < R; k++) {
      const a = ringOff[k];
      const b = ringOff[k + 1];
      if (b - a < 2) continue;
      for (let t = a; t < b; t++) {
        const u = t + 1 < b ? t + 1 : a; // closing edge from the last vertex back to the first
        const c1 = cluster[t];
        const c2 = cluster[u];
        if (c1 === c2) continue; // degenerate edge (repeated vertex)
        elo[e] = Math.min(c1, c2);
        ehi[e] = Math.max(c1, c2);
        erow[e] = vrow[t];
        e++;
      }
    }
    const start = new Int32Array(C + 1);
    for (let t = 0; t < e; t++) start[elo[t] + 1]++;
    for (let c = 0; c < C; c++) start[c + 1] += start[c];
    const fill = start.slice(0, C);
    const order = new Int32Array(e);
    for (let t = 0; t < e; t++) order[fill[elo[t]]++] = t;
    const distinct: number[] = [];
    const group: number[] = [];
    for (let c = 0; c < C; c++) {
      const a = start[c];
      const b = start[c + 1];
      if (b - a < 2) continue;
      group.length = 0;
      for (let p = a; p < b; p++) group.push(order[p]);
      group.sort((x, y) => ehi[x] - ehi[y] || erow[x] - erow[y]);
      for (let s = 0; s < group.length; ) {
        let t = s + 1;
        while (t < group.length && ehi[group[t]] === ehi[group[s]]) t++;
        if (t - s >= 2) {
          distinct.length = 0;
          for (let q = s; q < t; q++) {
            const r = erow[group[q]];
            if (distinct[distinct.length - 1] !== r) distinct.push(r);
          }
          emit(distinct);
        }
        s = t;
      }
    }
  }
  const links = distinctKeys(pairs);
  if (links.length > maxLinks) throw new TooManyLinksError(maxLinks);
  return csrFromPairKeys(n, links);
}

/** The keys sorted, without repeats. */
function distinctKeys(keys: readonly number[]): number[] {
  const sorted = Float64Array.from(keys).sort();
  const out: number[] = [];
  for (let t = 0; t < sorted.length; t++) if (t === 0 || sorted[t] !== sorted[t - 1]) out.push(sorted[t]);
  return out;
}

/** Vertices of a ring without its closing duplicate. */
function ringLength(r: Float64Array): number {
  let m = r.length >> 1;
  if (m > 1 && r[0] === r[2 * m - 2] && r[1] === r[2 * m - 1]) m--;
  return m;
}

function emitPairs(rows: readonly number[], n: number, out: number[]): void {
  // (A vertex shared by r polygons links r(r − 1)/2 pairs: the caller bounds the list.)
  for (let s = 0; s < rows.length; s++) {
    for (let t = s + 1; t < rows.length; t++) {
      if (rows[s] === rows[t]) continue;
      out.push(rows[s] * n + rows[t], rows[t] * n + rows[s]);
    }
  }
}

/** CSR (binary) from sorted, distinct a*n+b keys. */
function csrFromPairKeys(n: number, sorted: readonly number[]): Csr {
  const rowPtr = new Int32Array(n + 1);
  const col: number[] = [];
  for (let t = 0; t < sorted.length; t++) {
    const key = sorted[t];
    const a = Math.floor(key / n);
    col.push(key - a * n);
    rowPtr[a + 1]++;
  }
  for (let i = 0; i < n; i++) rowPtr[i + 1] += rowPtr[i];
  const colIdx = Int32Array.from(col);
  return { nrows: n, ncols: n, rowPtr, colIdx, values: new Float64Array(colIdx.length).fill(1) };
}

/**
 * Cluster ids (0..C-1, in order of first vertex) grouping points within `snap` of each other
 * (transitively). snap = 0: exact equality only.
 */
export function clusterPoints(x: Float64Array, y: Float64Array, snap: number): Int32Array {
  const V = x.length;
  const parent = new Int32Array(V);
  for (let t = 0; t < V; t++) parent[t] = t;
  const find = (a: number): number => {
    while (parent[a] !== a) {
      parent[a] = parent[parent[a]];
      a = parent[a];
    }
    return a;
  };
  // Cells of side 64·snap: a vertex's matches lie in the cells that [x − snap, x + snap] ×
  // [y − snap, y + snap] overlaps, which is its own cell alone for ~94 % of vertices. Cells are
  // never smaller than 2^-50 of the largest |coordinate|: cell indices then stay below 2^51,
  // where doubles still count in steps of 1 (with coordinates near 1e10 and cells of 1e-6,
  // indices near 1e16 would make gx++ stand still), and a cell still spans only a few ulps.
  let extent = 0;
  for (let t = 0; t < V; t++) extent = Math.max(extent, Math.abs(x[t]), Math.abs(y[t]));
  const cell = snap > 0 ? Math.max(64 * snap, extent * 2 ** -50) : 1;
  const exact = !(snap > 0);
  // Open-addressing hash of cells → head of a linked list of vertices.
  let size = 16;
  while (size < 2 * V) size *= 2;
  const mask = size - 1;
  const keyX = new Float64Array(size);
  const keyY = new Float64Array(size);
  const head = new Int32Array(size).fill(-1);
  const next = new Int32Array(V).fill(-1);
  // Hash of the two doubles' bit patterns (cell indices, or the coordinates themselves).
  const f64 = new Float64Array(2);
  const i32 = new Int32Array(f64.buffer);
  const hash = (cx: number, cy: number): number => {
    f64[0] = cx === 0 ? 0 : cx; // -0 and 0 are the same cell
    f64[1] = cy === 0 ? 0 : cy;
    let h = Math.imul(i32[0] ^ Math.imul(i32[1], 0x27d4eb2d), 0x9e3779b1);
    h ^= Math.imul(i32[2] ^ Math.imul(i32[3], 0x165667b1), 0x85ebca77);
    h ^= h >>> 15;
    h = Math.imul(h, 0x2c1b3c6d);
    h ^= h >>> 13;
    return h & mask;
  };
  // Slot of cell (cx, cy), or -1 when absent (insert = true: create it).
  const slotOf = (cx: number, cy: number, insert: boolean): number => {
    let h = hash(cx, cy);
    for (;;) {
      if (head[h] < 0) {
        if (!insert) return -1;
        keyX[h] = cx;
        keyY[h] = cy;
        return h;
      }
      if (keyX[h] === cx && keyY[h] === cy) return h;
      h = (h + 1) & mask;
    }
  };
  const s2 = snap * snap;
  for (let v = 0; v < V; v++) {
    const px = x[v];
    const py = y[v];
    const cx = exact ? px : Math.floor(px / cell);
    const cy = exact ? py : Math.floor(py / cell);
    const x0 = exact ? cx : Math.floor((px - snap) / cell);
    const x1 = exact ? cx : Math.floor((px + snap) / cell);
    const y0 = exact ? cy : Math.floor((py - snap) / cell);
    const y1 = exact ? cy : Math.floor((py + snap) / cell);
    // A cell is at least 2·snap wide, so [x − snap, x + snap] overlaps at most 2 cells per axis.
    let duplicate = false;
    for (let gx = x0, ix = 0; ix < 2 && gx <= x1; gx++, ix++) {
      for (let gy = y0, iy = 0; iy < 2 && gy <= y1; gy++, iy++) {
        const h = slotOf(gx, gy, false);
        if (h < 0) continue;
        for (let u = head[h]; u >= 0; u = next[u]) {
          const dx = x[u] - px;
          const dy = y[u] - py;
          if (exact ? dx === 0 && dy === 0 : Math.abs(dx) <= snap && Math.abs(dy) <= snap && dx * dx + dy * dy <= s2) {
            const a = find(u);
            const b = find(v);
            if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
            if (dx === 0 && dy === 0) duplicate = true;
          }
        }
      }
    }
    // A vertex at exactly the place of a listed one adds nothing to later matches (they would
    // match that one too): listing it only once keeps shared vertices from making long lists.
    if (duplicate) continue;
    const h = slotOf(cx, cy, true);
    next[v] = head[h];
    head[h] = v;
  }
  const id = new Int32Array(V);
  const idOfRoot = new Int32Array(V).fill(-1);
  let C = 0;
  for (let v = 0; v < V; v++) {
    const r = find(v);
    if (idOfRoot[r] < 0) idOfRoot[r] = C++;
    id[v] = idOfRoot[r];
  }
  return id;
}
