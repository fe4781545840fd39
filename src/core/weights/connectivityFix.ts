/**
 * What to change when the weights have islands or several connected components: for each island
 * its nearest observation, for each component the nearest observation outside it, and the
 * smallest change of the spec that fixes it —
 *   kNN       the smallest k whose (symmetrised) graph is connected;
 *   distance  the smallest threshold that gives every observation a neighbour (the largest
 *             nearest-neighbour distance, GeoDa's default band) and the smallest that connects
 *             the graph (the longest edge of the minimum spanning tree of the components);
 *   any type  "allowIslands": true (spdep zero.policy = TRUE).
 * Thresholds are rounded up to 6 significant digits, so the printed number works as written.
 */
import { formatSignif } from '../report/format';
import { components } from './neighbours';
import { knnNeighbours, pointDistance, type Metric } from './points';
import type { WeightsSummary } from './summary';

/** How the weights were made, as far as a fix needs to know. */
export type WeightsSource =
  | { type: 'knn'; k: number; x: Float64Array; y: Float64Array; metric: Metric }
  | { type: 'distance'; threshold: number; x: Float64Array; y: Float64Array; metric: Metric }
  | { type: 'contiguity' | 'gal' | 'gwt' | 'other' };

export interface NearestLink {
  /** The row inside (the island or the component) and its nearest row outside. */
  row: number;
  to: number;
  distance: number;
}

export interface ComponentInfo {
  component: number;
  size: number;
  /** Its rows, when the component is not the largest (the largest is everything else). */
  rows?: number[];
  nearestOutside?: NearestLink;
}

export interface ConnectivityFix {
  islands: { row: number; nearest?: NearestLink }[];
  /** All components when there are several (empty when connected). */
  components: ComponentInfo[];
  /** kNN: the smallest k that connects the graph, or `atLeast` when none up to `searchedUpTo` does. */
  connectingK?: { k: number } | { atLeast: number };
  /** Point weights: the smallest threshold that leaves no observation without a neighbour. */
  thresholdNoIslands?: number;
  /** Point weights: the smallest threshold that connects the graph (undefined when too costly to compute, see `note`). */
  thresholdConnected?: number;
  /** What to change, in words, most specific first. */
  suggestions: string[];
  note?: string;
}

/** Work bound of the exact component distances (pairs of points compared). */
const MAX_PAIRS = 50_000_000;
const MAX_COMPONENTS = 2000;

/** x rounded up at 6 significant digits. */
export function ceilSignif(x: number, digits = 6): number {
  if (!(x > 0) || !Number.isFinite(x)) return x;
  const e = Math.floor(Math.log10(x)) - digits + 1;
  const f = 10 ** -e;
  let r = Math.ceil(x * f - 1e-9) / f;
  if (r < x) r = Math.ceil(x * f) / f;
  return Number(r.toPrecision(digits));
}

/** The smallest distance band (inclusive) that gives every point a neighbour: max_i d(i, nearest). */
export function minimumThreshold(x: Float64Array, y: Float64Array, metric: Metric): number {
  const { nn } = knnNeighbours(x, y, 1, metric);
  let max = 0;
  for (let i = 0; i < x.length; i++) max = Math.max(max, pointDistance(x, y, i, nn[i], metric));
  return max;
}

export function connectivityFix(summary: WeightsSummary, source: WeightsSource): ConnectivityFix {
  const { componentOf, count, sizes } = summary.components;
  const n = summary.n;
  const islands: ConnectivityFix['islands'] = summary.islands.rows.map((row) => ({ row }));
  let largest = 0;
  for (let c = 1; c < count; c++) if (sizes[c] > sizes[largest]) largest = c;
  const components: ComponentInfo[] = [];
  if (count > 1) {
    const rowsOf: number[][] = sizes.map(() => []);
    for (let i = 0; i < n; i++) if (componentOf[i] !== largest) rowsOf[componentOf[i]].push(i);
    for (let c = 0; c < count; c++) components.push({ component: c, size: sizes[c], rows: c === largest ? undefined : rowsOf[c] });
  }
  const fix: ConnectivityFix = { islands, components, suggestions: [] };
  const id = (i: number): string => summary.islands.ids[summary.islands.rows.indexOf(i)] ?? String(i + 1);

  if (source.type === 'knn' || source.type === 'distance') {
    const { x, y, metric } = source;
    if (islands.length) {
      const { nn } = knnNeighbours(x, y, 1, metric);
      for (const isl of islands) isl.nearest = { row: isl.row, to: nn[isl.row], distance: pointDistance(x, y, isl.row, nn[isl.row], metric) };
    }
    if (count > 1) componentDistances(fix, componentOf, count, largest, x, y, metric);
    if (source.type === 'knn' && count > 1) fix.connectingK = connectingK(x, y, metric, source.k, n);
    if (source.type === 'distance') {
      if (islands.length) fix.thresholdNoIslands = ceilSignif(minimumThreshold(x, y, metric));
      const unit = metric === 'greatCircle' ? ' km' : '';
      if (fix.thresholdNoIslands !== undefined) {
        fix.suggestions.push(`raise the threshold to ${formatSignif(fix.thresholdNoIslands, 6)}${unit} so that every observation has a neighbour`);
      }
      if (fix.thresholdConnected !== undefined && count > 1) {
        fix.suggestions.push(`raise the threshold to ${formatSignif(fix.thresholdConnected, 6)}${unit} to connect all ${count} components`);
      }
    } else if (fix.connectingK) {
      fix.suggestions.push('k' in fix.connectingK
        ? `raise k to ${fix.connectingK.k} to connect all ${count} components`
        : `no k up to ${fix.connectingK.atLeast - 1} connects the ${count} components: use distance weights or accept the components`);
    }
  } else if (islands.length && source.type === 'contiguity') {
    fix.suggestions.push('polygons without a neighbour may not share vertices exactly with their neighbours: try a larger snap, or use kNN weights');
  }
  if (islands.length) {
    const list = islands.slice(0, 5).map((s) => id(s.row)).join(', ') + (islands.length > 5 ? ', …' : '');
    fix.suggestions.push(`set "allowIslands": true to keep the ${islands.length === 1 ? 'island' : `${islands.length} islands`} (${list}) with zero weights`);
  }
  return fix;
}

/**
 * Nearest pair between each component and the rest, exact by brute force from the points of all
 * components but the largest (bounded by MAX_PAIRS), and the longest edge of the minimum
 * spanning tree of the components (Prim on the component distance matrix): the smallest
 * distance band that connects the graph.
 */
function componentDistances(fix: ConnectivityFix, componentOf: Int32Array, count: number, largest: number,
  x: Float64Array, y: Float64Array, metric: Metric): void {
  const n = x.length;
  const sources = n - fix.components[largest].size;
  if (count > MAX_COMPONENTS || sources * n > MAX_PAIRS) {
    fix.note = `${count} components with ${sources} observations outside the largest: their distances were not computed (over ${MAX_PAIRS.toExponential(0)} pairs)`;
    return;
  }
  const best = new Float64Array(count * count).fill(Infinity);
  const pairFrom = new Int32Array(count * count).fill(-1);
  const pairTo = new Int32Array(count * count).fill(-1);
  for (const comp of fix.components) {
    if (!comp.rows) continue;
    const c = comp.component;
    for (const i of comp.rows) {
      for (let j = 0; j < n; j++) {
        const d = componentOf[j];
        if (d === c) continue;
        const dist = pointDistance(x, y, i, j, metric);
        const a = Math.min(c, d) * count + Math.max(c, d);
        if (dist < best[a]) {
          best[a] = dist;
          pairFrom[a] = c < d ? i : j;
          pairTo[a] = c < d ? j : i;
        }
      }
    }
  }
  for (const comp of fix.components) {
    let bestD = Infinity;
    let link: NearestLink | undefined;
    for (let d = 0; d < count; d++) {
      if (d === comp.component) continue;
      const a = Math.min(comp.component, d) * count + Math.max(comp.component, d);
      if (best[a] < bestD) {
        bestD = best[a];
        const inside = comp.component < d ? pairFrom[a] : pairTo[a];
        const outside = comp.component < d ? pairTo[a] : pairFrom[a];
        link = { row: inside, to: outside, distance: bestD };
      }
    }
    comp.nearestOutside = link;
  }
  // Prim: the bottleneck (longest MST edge) is the smallest band connecting all components.
  const inTree = new Uint8Array(count);
  const key = new Float64Array(count).fill(Infinity);
  key[0] = 0;
  let bottleneck = 0;
  for (let step = 0; step < count; step++) {
    let u = -1;
    for (let v = 0; v < count; v++) if (!inTree[v] && (u < 0 || key[v] < key[u])) u = v;
    inTree[u] = 1;
    bottleneck = Math.max(bottleneck, key[u]);
    for (let v = 0; v < count; v++) {
      if (inTree[v]) continue;
      const d = best[Math.min(u, v) * count + Math.max(u, v)];
      if (d < key[v]) key[v] = d;
    }
  }
  fix.thresholdConnected = ceilSignif(bottleneck);
}

/**
 * The smallest k' ≤ k_max whose kNN graph (i ~ j if either lists the other) is connected: one
 * search for the k_max nearest, then a binary search over k' (connectivity only grows with k').
 */
function connectingK(x: Float64Array, y: Float64Array, metric: Metric, k: number, n: number): { k: number } | { atLeast: number } {
  const kMax = Math.min(n - 1, Math.max(2 * k, k + 16));
  const { nn } = knnNeighbours(x, y, kMax, metric);
  const connected = (kk: number): boolean => {
    const colIdx = new Int32Array(n * kk);
    for (let i = 0; i < n; i++) for (let r = 0; r < kk; r++) colIdx[i * kk + r] = nn[i * kMax + r];
    const rowPtr = Int32Array.from({ length: n + 1 }, (_, i) => i * kk);
    return components({ nrows: n, ncols: n, rowPtr, colIdx, values: new Float64Array(0) }).count === 1;
  };
  if (!connected(kMax)) return { atLeast: kMax + 1 };
  let lo = k + 1;
  let hi = kMax;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (connected(mid)) hi = mid;
    else lo = mid + 1;
  }
  return { k: lo };
}
