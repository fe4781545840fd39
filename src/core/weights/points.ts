/**
 * Point-based neighbours: k nearest neighbours and distance bands, euclidean or great-circle.
 *
 * Great circle (`distance: "greatCircle"`): coordinates are longitude, latitude in decimal
 * degrees — the FIRST coordinate is the LONGITUDE (x), as in GeoJSON and spdep's `longlat = TRUE`.
 * Distances are haversine on a sphere of radius 6371.01 km, the radius of the s2 geometry library
 * that spdep uses for lon/lat `sf` points (`s2::s2_earth_radius_meters()`); thresholds are in km.
 * spdep's older matrix path (`knearneigh(coords, longlat = TRUE)`, `dnearneigh`) uses an
 * ellipsoidal (WGS84, Andoyer–Lambert) correction instead, which differs by up to ~0.5 %.
 *
 * Searching in 3-D: each point becomes the unit vector (cos φ cos λ, cos φ sin λ, sin φ). The chord
 * between two unit vectors is c = 2 sin(θ/2) for central angle θ ∈ [0, π], an increasing function
 * of θ, so nearest by chord is nearest by great-circle distance, and a ball of radius
 * 2 sin(θ/2) in 3-D holds exactly the points within angle θ on the sphere: an ordinary euclidean
 * kd-tree answers both queries with no trigonometry in the inner loop, and no trouble at the
 * date line or the poles. Reported distances are recomputed with the haversine formula.
 *
 * Euclidean: the kd-tree holds the coordinates multiplied by one power of two that brings the
 * largest |coordinate| near 1. That scaling is exact, so squared distances rank exactly as the
 * true distances do, and they can neither overflow (coordinates × 1e300) nor underflow
 * (× 1e-300): the neighbours do not depend on the unit of the coordinates while they are finite.
 */
import { MAX_LINKS } from '../limits';
import { float64Like, int32Like, type Csr } from '../sparse/csr';
import { KdTree } from './kdtree';
import { TooManyLinksError } from './neighbours';
import { unitScale } from './style';

export type Metric = 'euclidean' | 'greatCircle';

/** Earth radius (km) used for great-circle distances: s2's mean radius, as spdep with sf/s2. */
export const EARTH_RADIUS_KM = 6371.01;

const DEG = Math.PI / 180;

/** Haversine great-circle distance in km between (lon1, lat1) and (lon2, lat2) in degrees. */
export function haversineKm(lon1: number, lat1: number, lon2: number, lat2: number): number {
  const s1 = Math.sin(((lat2 - lat1) * DEG) / 2);
  const s2 = Math.sin(((lon2 - lon1) * DEG) / 2);
  const h = s1 * s1 + Math.cos(lat1 * DEG) * Math.cos(lat2 * DEG) * s2 * s2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Points for the kd-tree: unit vectors for lon/lat; for euclidean, (x, y) × `scale`. */
interface TreePoints {
  pts: Float64Array;
  dim: 2 | 3;
  /** The power of two the euclidean coordinates were multiplied by (1 for great circle). */
  scale: number;
}

function treePoints(x: Float64Array, y: Float64Array, metric: Metric): TreePoints {
  const n = x.length;
  if (metric === 'euclidean') {
    let m = 0;
    for (let i = 0; i < n; i++) m = Math.max(m, Math.abs(x[i]), Math.abs(y[i]));
    // (Subnormal coordinates get 2^1022, which lifts their differences to ≥ 2^-52: still safe.)
    const scale = unitScale(m);
    const pts = new Float64Array(2 * n);
    for (let i = 0; i < n; i++) {
      pts[2 * i] = x[i] * scale;
      pts[2 * i + 1] = y[i] * scale;
    }
    return { pts, dim: 2, scale };
  }
  const pts = new Float64Array(3 * n);
  for (let i = 0; i < n; i++) {
    const lon = x[i] * DEG;
    const lat = y[i] * DEG;
    const c = Math.cos(lat);
    pts[3 * i] = c * Math.cos(lon);
    pts[3 * i + 1] = c * Math.sin(lon);
    pts[3 * i + 2] = Math.sin(lat);
  }
  return { pts, dim: 3, scale: 1 };
}

/**
 * Distance between points i and j in the metric's units (coordinate units or km), for any finite
 * coordinates, and as distanceBandNeighbours measures it (so that a band of exactly this
 * threshold includes the pair).
 */
export function pointDistance(x: Float64Array, y: Float64Array, i: number, j: number, metric: Metric): number {
  if (metric === 'greatCircle') return haversineKm(x[i], y[i], x[j], y[j]);
  const dx = x[i] - x[j];
  const dy = y[i] - y[j];
  const d2 = dx * dx + dy * dy;
  if (d2 > 2 ** -1000 && d2 < 2 ** 1000) return Math.sqrt(d2);
  // Squares beyond the doubles (coordinates near 1e300, or points 1e-200 apart): scaled first.
  const c = unitScale(Math.max(Math.abs(x[i]), Math.abs(x[j]), Math.abs(y[i]), Math.abs(y[j])));
  const sx = x[i] * c - x[j] * c;
  const sy = y[i] * c - y[j] * c;
  const s2 = sx * sx + sy * sy;
  return (s2 > 2 ** -1000 ? Math.sqrt(s2) : Math.hypot(sx, sy)) / c;
}

export interface KnnResult {
  /** Neighbour list, binary weights, columns sorted. */
  nb: Csr;
  /** nn[i*k + r]: i's (r+1)-th nearest neighbour (ties → lower index), as spdep `knearneigh`'s `nn`. */
  nn: Int32Array;
  /** The tree's point order (locality preserving), usable as a row permutation. */
  treeOrder: Int32Array;
  /** `nb` relabelled by `treeOrder` (P·nb·Pᵀ, perm[new] = old): the fit's W without a permutation pass. */
  treeNb: Csr;
}

/**
 * k nearest neighbours of each point (spdep `knn2nb(knearneigh(x, k))`): asymmetric in general.
 * Points at identical coordinates are each other's nearest (distance 0), not errors.
 */
export function knnNeighbours(x: Float64Array, y: Float64Array, k: number, metric: Metric = 'euclidean'): KnnResult {
  const n = x.length;
  if (!(Number.isInteger(k) && k >= 1 && k < n)) throw new RangeError(`k must be an integer in 1..${n - 1} (n = ${n}), got ${k}`);
  const { pts, dim } = treePoints(x, y, metric);
  const tree = new KdTree(pts, dim);
  const { nn, nnTree } = tree.allKnn(k);
  return { nb: fixedDegreeCsr(Int32Array.from(nn), n, k), nn, treeOrder: tree.ids, treeNb: fixedDegreeCsr(nnTree, n, k) };
}

/** k neighbours per row as a binary CSR; `cols` (n·k, row by row) is sorted in place, as CSR wants; on shared memory when `cols` is. */
function fixedDegreeCsr(cols: Int32Array, n: number, k: number): Csr {
  const rowPtr = int32Like(cols, n + 1);
  for (let i = 0; i <= n; i++) rowPtr[i] = i * k;
  // A small insertion sort per row.
  for (let i = 0; i < n; i++) {
    const a = i * k;
    for (let p = a + 1; p < a + k; p++) {
      const v = cols[p];
      let q = p - 1;
      while (q >= a && cols[q] > v) {
        cols[q + 1] = cols[q];
        q--;
      }
      cols[q + 1] = v;
    }
  }
  return { nrows: n, ncols: n, rowPtr, colIdx: cols, values: float64Like(cols, n * k).fill(1) };
}

export interface DistanceBandResult {
  /** Neighbour list; values are the raw weights (1, 1/d or 1/d²). */
  nb: Csr;
  /** Distance of each link (same layout as nb.values). */
  dist: Float64Array;
}

/**
 * Thrown when an inverse-distance weight is not a usable number: 1/0 for coincident points, an
 * overflow to Infinity for nearly coincident ones, or an underflow below the normal doubles for
 * points far apart. The caller names the two observations.
 */
export class WeightValueError extends Error {
  constructor(readonly i: number, readonly j: number, readonly distance: number, readonly weight: number) {
    super(`points ${i} and ${j} at distance ${distance}: the inverse-distance weight ${weight} is not a usable number`);
  }
}

/** Whether a raw weight can be computed with: finite, and 0 or a normal double (≥ 2^-1022 in size). */
export function isUsableWeight(v: number): boolean {
  const a = Math.abs(v);
  return a === 0 || (a >= 2 ** -1022 && a < Infinity);
}

/**
 * Neighbours within `threshold` (inclusive, d ≤ threshold, as spdep `dnearneigh(x, 0, d)` with
 * bounds GE/LE), in coordinate units or km for great circle. `inversePower` 0/1/2 gives raw
 * weights 1, 1/d, 1/d² (GeoDa's inverse-distance weights; spdep `nb2listwdist` type "idw" with
 * alpha = 1, 2) before any style is applied. Coincident points are neighbours at distance 0,
 * fine for binary weights; an inverse weight that is not a usable number (1/0, an overflow or an
 * underflow) is a WeightValueError, more than MAX_LINKS links a TooManyLinksError.
 */
export function distanceBandNeighbours(x: Float64Array, y: Float64Array, threshold: number, metric: Metric = 'euclidean',
  inversePower: 0 | 1 | 2 = 0, maxLinks = MAX_LINKS): DistanceBandResult {
  const n = x.length;
  if (!(threshold >= 0 && Number.isFinite(threshold))) throw new RangeError(`threshold must be a finite number ≥ 0, got ${threshold}`);
  const { pts, dim, scale } = treePoints(x, y, metric);
  const tree = new KdTree(pts, dim);
  let r2: number;
  /** The threshold in the tree's units (euclidean: scaled like the coordinates). */
  let limit = threshold;
  if (metric === 'euclidean') {
    limit = threshold * scale;
    // A little wider than limit² (whose rounding could drop a point at exactly the threshold),
    // then filtered by the distance itself.
    r2 = limit * limit * (1 + 2 ** -48);
  } else {
    const theta = threshold / EARTH_RADIUS_KM;
    // Slightly larger chord, then filter by the haversine distance itself.
    const chord = theta >= Math.PI ? 2 : 2 * Math.sin(theta / 2);
    r2 = chord * chord * (1 + 1e-9) + 1e-18;
  }
  // Per original row: collect neighbours (tree-order queries, results written per row).
  const counts = new Int32Array(n);
  const lists: Int32Array[] = new Array<Int32Array>(n);
  const dists: Float64Array[] = new Array<Float64Array>(n);
  const bufI: number[] = [];
  const bufD: number[] = [];
  const stack = new Int32Array(2 * 64 + 8);
  let total = 0;
  for (let qt = 0; qt < n; qt++) {
    const i = tree.ids[qt];
    bufI.length = 0;
    bufD.length = 0;
    tree.withinOf(qt, r2, (j, d2) => {
      // Euclidean: the scaled distance, and the true one by the exact inverse scaling. A square
      // this small may have underflowed (points 1e-200 apart beside coordinates near 1): hypot.
      const d = metric === 'euclidean'
        ? (d2 > 2 ** -900 ? Math.sqrt(d2) : Math.hypot(x[i] * scale - x[j] * scale, y[i] * scale - y[j] * scale))
        : haversineKm(x[i], y[i], x[j], y[j]);
      if (d <= limit) {
        if (++total > maxLinks) throw new TooManyLinksError(maxLinks);
        bufI.push(j);
        bufD.push(metric === 'euclidean' ? d / scale : d);
      }
    }, stack);
    const order = bufI.map((_, t) => t).sort((a, b) => bufI[a] - bufI[b]);
    lists[i] = Int32Array.from(order, (t) => bufI[t]);
    dists[i] = Float64Array.from(order, (t) => bufD[t]);
    counts[i] = order.length;
  }
  const rowPtr = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) rowPtr[i + 1] = rowPtr[i] + counts[i];
  const nnz = rowPtr[n];
  const colIdx = new Int32Array(nnz);
  const dist = new Float64Array(nnz);
  const values = new Float64Array(nnz);
  for (let i = 0; i < n; i++) {
    colIdx.set(lists[i], rowPtr[i]);
    dist.set(dists[i], rowPtr[i]);
  }
  for (let i = 0; i < n; i++) {
    for (let p = rowPtr[i]; p < rowPtr[i + 1]; p++) {
      const d = dist[p];
      if (inversePower === 0) values[p] = 1;
      else {
        const v = inversePower === 1 ? 1 / d : 1 / (d * d);
        if (!(v > 0 && isUsableWeight(v))) throw new WeightValueError(i, colIdx[p], d, v);
        values[p] = v;
      }
    }
  }
  return { nb: { nrows: n, ncols: n, rowPtr, colIdx, values }, dist };
}
