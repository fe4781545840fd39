import type { Problem } from '../problems';
import type { Csr } from '../sparse/csr';
import type { WeightsStyle } from '../spec/types';

/**
 * Spatial weights for n observations in data-row order: the styled matrix W
 * (row i holds i's neighbours j with weight w_ij) plus what diagnostics need.
 */
export interface SpatialWeights {
  readonly n: number;
  readonly w: Csr;
  readonly style: WeightsStyle;
  /** True when the neighbour relation (not the weights) is symmetric: j ∈ N(i) ⇔ i ∈ N(j). */
  readonly symmetricNeighbours: boolean;
  /**
   * When W = D⁻¹B (style W) or B/c (B, C, U) for a symmetric B, W is similar to a symmetric matrix
   * S = D^{1/2} W D^{-1/2}; `similarity` holds the diagonal of D^{1/2} up to a constant factor,
   * which cancels (or undefined).
   * Eigen and sparse-Cholesky log-determinants use S (Ord 1975; spatialreg's `similar`).
   */
  readonly similarity?: Float64Array;
  /**
   * Rows with no usable neighbour (0-based): no links, all weights 0, or (style W) weights that
   * sum to ≤ 0; their rows of W are zero. Non-empty only when islands are allowed.
   */
  readonly islands: readonly number[];
  /** Connected components of the (symmetrised) neighbour graph, as a component id per row. */
  readonly componentOf: Int32Array;
  readonly componentCount: number;
  readonly nLinks: number;

  // ---- Added by buildWeights (optional so that other producers need not fill them). ----

  /**
   * The unstyled weights (1 for binary neighbours, distance-based or GWT weights otherwise). It
   * shares `rowPtr` and `colIdx` with `w` (same structure): treat both as read-only.
   */
  readonly raw?: Csr;
  /** True when the raw weights are symmetric too (w_ij = w_ji up to 1e-10 relative), not just the relation. */
  readonly symmetricWeights?: boolean;
  /** Each row's id for messages and reports: the id column's value, or the 1-based row number. */
  readonly ids?: readonly string[];
  /**
   * A locality-preserving order of the rows when one came for free (kd-tree order of the points
   * for kNN / distance weights): rows permuted into it make sparse mat-vecs 2–5× faster at large n.
   */
  readonly localityOrder?: Int32Array;
  /** `w` relabelled into `localityOrder` (P·W·Pᵀ, bit for bit), when that came for free too (kNN: from the tree's queries). */
  readonly localW?: Csr;
  /** What the build noticed without refusing (negative weights, how GAL/GWT ids were matched). */
  readonly warnings?: readonly Problem[];
}
