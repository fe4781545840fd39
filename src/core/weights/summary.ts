/**
 * What spdep's `summary(nb)` / `summary(nb2listw(nb))` report about a weights matrix: number of
 * regions, links, % non-zero, average / least / most connected, the neighbour-count histogram,
 * islands, connected components, symmetry, and `spweights.constants` (n, S0, S1, S2) of the
 * styled weights. All O(n + nnz).
 */
import type { Csr } from '../sparse/csr';
import { transpose } from '../sparse/build';
import { weightsConstants } from '../inference/moran';
import { formatNumber } from '../report/format';
import type { WeightsStyle } from '../spec/types';
import { cardinalities, components, islandsOf, symmetry } from './neighbours';
import type { SpatialWeights } from './types';

/** spdep `spweights.constants(listw, adjust.n = TRUE)`. */
export interface SpWeightsConstants {
  /** Observations with at least one neighbour (spdep reduces n by the islands). */
  n: number;
  /** Σ_ij w_ij. */
  S0: number;
  /** ½ Σ_ij (w_ij + w_ji)² = Σ_ij w_ij² + Σ_ij w_ij w_ji. */
  S1: number;
  /** Σ_i (Σ_j w_ij + Σ_j w_ji)². */
  S2: number;
}

export function spweightsConstants(w: Csr, wt: Csr = transpose(w)): SpWeightsConstants {
  const c = weightsConstants(w, wt);
  let S2 = 0;
  for (let i = 0; i < w.nrows; i++) {
    let s = 0;
    for (let p = w.rowPtr[i]; p < w.rowPtr[i + 1]; p++) s += w.values[p];
    for (let p = wt.rowPtr[i]; p < wt.rowPtr[i + 1]; p++) s += wt.values[p];
    S2 += s * s;
  }
  return { n: c.n - c.islands, S0: c.S0, S1: c.S1, S2 };
}

export interface RowSet {
  /** 0-based rows, ascending. */
  rows: number[];
  /** Their ids (the weights' ids, or 1-based row numbers). */
  ids: string[];
}

export interface WeightsSummary {
  n: number;
  nLinks: number;
  /** 100 · links / n². */
  percentNonzero: number;
  meanNeighbours: number;
  minNeighbours: number;
  maxNeighbours: number;
  /** Neighbours of each row (spdep `card`). */
  cardinalities: Int32Array;
  /** `table(card(nb))`: one bar per neighbour count that occurs, ascending. */
  histogram: { neighbours: number; regions: number }[];
  /** Rows with the fewest neighbours among those with any (spdep ignores islands here); undefined when all are islands. */
  leastConnected?: RowSet & { neighbours: number };
  mostConnected?: RowSet & { neighbours: number };
  islands: RowSet;
  /** Connected components of the symmetrised graph (spdep `n.comp.nb`), numbered by first row. */
  components: { count: number; componentOf: Int32Array; sizes: number[] };
  /** The neighbour relation is symmetric (spdep `is.symmetric.nb`). */
  symmetric: boolean;
  style: WeightsStyle;
  /** Constants of the styled weights. */
  constants: SpWeightsConstants;
}

/** The parts of SpatialWeights the summary reads; derived ones are recomputed when absent. */
export type WeightsForSummary = Pick<SpatialWeights, 'w' | 'style'> &
  Partial<Pick<SpatialWeights, 'raw' | 'ids' | 'componentOf' | 'componentCount' | 'symmetricNeighbours'>>;

export function summariseWeights(weights: WeightsForSummary): WeightsSummary {
  const nb = weights.raw ?? weights.w;
  const n = nb.nrows;
  const idOf = (i: number): string => weights.ids?.[i] ?? String(i + 1);
  const set = (rows: number[]): RowSet => ({ rows, ids: rows.map(idOf) });
  const card = cardinalities(nb);
  const nLinks = nb.colIdx.length;
  let min = Infinity;
  let max = -Infinity;
  let minPositive = Infinity;
  let maxCard = 0;
  for (let i = 0; i < n; i++) {
    const k = card[i];
    if (k < min) min = k;
    if (k > max) max = k;
    if (k > 0 && k < minPositive) minPositive = k;
    if (k > maxCard) maxCard = k;
  }
  const counts = new Int32Array(maxCard + 1);
  for (let i = 0; i < n; i++) counts[card[i]]++;
  const histogram: WeightsSummary['histogram'] = [];
  for (let k = 0; k <= maxCard; k++) if (counts[k] > 0) histogram.push({ neighbours: k, regions: counts[k] });
  const rowsWith = (k: number): number[] => {
    const out: number[] = [];
    for (let i = 0; i < n; i++) if (card[i] === k) out.push(i);
    return out;
  };

  let componentOf = weights.componentOf;
  let count = weights.componentCount;
  if (!componentOf || count === undefined) ({ componentOf, count } = components(nb));
  const sizes = new Array<number>(count).fill(0);
  for (let i = 0; i < n; i++) sizes[componentOf[i]]++;

  return {
    n,
    nLinks,
    percentNonzero: (100 * nLinks) / (n * n),
    meanNeighbours: nLinks / n,
    minNeighbours: n ? min : 0,
    maxNeighbours: n ? max : 0,
    cardinalities: card,
    histogram,
    leastConnected: maxCard > 0 ? { neighbours: minPositive, ...set(rowsWith(minPositive)) } : undefined,
    mostConnected: maxCard > 0 ? { neighbours: maxCard, ...set(rowsWith(maxCard)) } : undefined,
    islands: set(islandsOf(nb)),
    components: { count, componentOf, sizes },
    symmetric: weights.symmetricNeighbours ?? symmetry(nb).neighbours,
    style: weights.style,
    constants: spweightsConstants(weights.w),
  };
}

const plural = (k: number, word: string): string => `${k} ${word}${k === 1 ? '' : 's'}`;

/**
 * The summary as spdep prints `summary(nb2listw(nb, style))` (spdep 1.2-7), plus the component
 * count (as later spdep versions print it) when the graph is not connected.
 */
export function formatWeightsSummary(s: WeightsSummary): string {
  const num = (x: number): string => formatNumber(x, 7);
  const lines = [
    'Characteristics of weights list object:',
    'Neighbour list object:',
    `Number of regions: ${s.n} `,
    `Number of nonzero links: ${s.nLinks} `,
    `Percentage nonzero weights: ${num(s.percentNonzero)} `,
    `Average number of links: ${num(s.meanNeighbours)} `,
  ];
  if (s.islands.rows.length) lines.push(`${s.islands.rows.length} region${s.islands.rows.length === 1 ? '' : 's'} with no links:`, wrap(s.islands.ids.join(' ')));
  if (s.components.count > 1) lines.push(`${s.components.count} disjoint connected subgraphs`);
  if (!s.symmetric) lines.push('Non-symmetric neighbours list');
  lines.push('Link number distribution:', '');
  // R prints the table (a named vector) with one width for every cell, each followed by a space.
  const names = s.histogram.map((h) => String(h.neighbours));
  const values = s.histogram.map((h) => String(h.regions));
  const width = Math.max(...names.map((t) => t.length), ...values.map((t) => t.length));
  lines.push(names.map((t) => t.padStart(width) + ' ').join(''), values.map((t) => t.padStart(width) + ' ').join(''));
  for (const [which, set] of [['least', s.leastConnected], ['most', s.mostConnected]] as const) {
    if (!set) continue;
    lines.push(`${set.rows.length} ${which} connected region${set.rows.length === 1 ? '' : 's'}:`,
      `${set.ids.join(' ')} with ${plural(set.neighbours, 'link')}`);
  }
  const c = s.constants;
  const cells = [String(c.n), String(c.n * c.n), num(c.S0), num(c.S1), num(c.S2)];
  const heads = ['n', 'nn', 'S0', 'S1', 'S2'];
  const w = heads.map((h, j) => Math.max(h.length, cells[j].length));
  lines.push('', `Weights style: ${s.style} `, 'Weights constants summary:',
    `  ${heads.map((h, j) => h.padStart(w[j])).join(' ')}`, `${s.style} ${cells.map((v, j) => v.padStart(w[j])).join(' ')}`);
  return lines.join('\n');
}

/** R's strwrap at width 80 (spdep wraps the island ids). */
function wrap(text: string, width = 79): string {
  const out: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + 1 + word.length > width) {
      out.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) out.push(line);
  return out.join('\n');
}
