/**
 * Moran's I of OLS residuals with its mean and variance under normality, as spdep's
 * `lm.morantest` (Cliff & Ord 1981, p. 203; Anselin 1988 ch. 8).
 *
 * spdep works with the symmetrised weights U = (W + Wᵀ)/2 (`listw2U`); e'We = e'Ue, so I is the
 * same, and the moments of the ratio of quadratic forms e'Ue / e'e (e = My, M = I − X(X'X)⁻¹X') are
 *   E[I]   = (N/S0) · tr(MU) / (N − p)
 *   Var[I] = (N/S0)² · [S1 + 2 tr((Q'UQ)²) − 4 ‖UQ‖²_F − 2 tr(MU)²/(N − p)] / ((N − p)(N − p + 2))
 * with Q an orthonormal basis of X (so tr(HU) = tr(Q'UQ) = spdep's tr((X'X)⁻¹X'UX) and
 * ‖UQ‖²_F = tr((X'X)⁻¹(UX)'(UX)) = spdep's trB / 4), S0 = Σ w_ij, S1 = ½ Σ (w_ij + w_ji)²,
 * tr(MU) = tr(W) − tr(Q'UQ) (spdep assumes tr(W) = 0; the general form is kept here).
 * Everything is O(nnz·p + n·p²): no dense n×n matrix, so it runs at n = 1,000,000.
 */
import { matVec, type Csr } from '../sparse/csr';
import { transpose } from '../sparse/build';
import { defined, type MoranTest } from '../result';
import { pnorm, pTwoSidedNormal } from './distributions';
import { designColumns, dot, orthonormalBasis, type DesignInput } from './linalg';

/** Scalar summaries of W used by the tests (spdep's `spweights.constants` and `tracew`). */
export interface WeightsConstants {
  n: number;
  /** Σ_ij w_ij. */
  S0: number;
  /** ½ Σ_ij (w_ij + w_ji)². */
  S1: number;
  /** tr(W) = Σ_i w_ii. */
  trW: number;
  /** tr(WᵀW) = Σ_ij w_ij². */
  trWtW: number;
  /** tr(WW) = Σ_ij w_ij w_ji. */
  trWW: number;
  /** T = tr(WᵀW + WW), spdep's `tracew` (the LM tests' variance term). */
  T: number;
  /** Rows without neighbours (all-zero rows of W). */
  islands: number;
}

/** O(nnz) summaries of W; pass `wt` = Wᵀ if already built. */
export function weightsConstants(w: Csr, wt: Csr = transpose(w)): WeightsConstants {
  const n = w.nrows;
  let S0 = 0;
  let trW = 0;
  let trWtW = 0;
  let trWW = 0;
  let islands = 0;
  for (let i = 0; i < n; i++) {
    const a0 = w.rowPtr[i];
    const a1 = w.rowPtr[i + 1];
    if (a1 === a0) islands++;
    // Merge row i of W (w_ij) with row i of Wᵀ (w_ji): both sorted by column.
    let b = wt.rowPtr[i];
    const b1 = wt.rowPtr[i + 1];
    for (let p = a0; p < a1; p++) {
      const j = w.colIdx[p];
      const v = w.values[p];
      S0 += v;
      trWtW += v * v;
      if (j === i) trW += v;
      while (b < b1 && wt.colIdx[b] < j) b++;
      if (b < b1 && wt.colIdx[b] === j) trWW += v * wt.values[b];
    }
  }
  return { n, S0, S1: trWtW + trWW, trW, trWtW, trWW, T: trWtW + trWW, islands };
}

/**
 * What the OLS diagnostics share: Wᵀ, the constants of W, an orthonormal basis Q of X and
 * U Q (U = (W + Wᵀ)/2). Build once, then call `moranTestResiduals` and `lmTestsResiduals`.
 */
export interface OlsDiagnosticsContext {
  readonly w: Csr;
  readonly wt: Csr;
  readonly constants: WeightsConstants;
  readonly q: Float64Array[];
  /** Rank of X (columns that are linear combinations of earlier ones are dropped, as R's QR). */
  readonly rank: number;
  /** Lazily computed U Q columns. */
  uq?: Float64Array[];
}

export function prepareOlsDiagnostics(x: DesignInput, w: Csr, constants?: WeightsConstants): OlsDiagnosticsContext {
  const wt = transpose(w);
  const cols = designColumns(x);
  if (cols.length > 0 && cols[0].length !== w.nrows) {
    throw new Error(`design has ${cols[0].length} rows but W has ${w.nrows}`);
  }
  // Scale-invariant: Q depends only on the column space of X.
  const { q, rank } = orthonormalBasis(cols);
  return { w, wt, constants: constants ?? weightsConstants(w, wt), q, rank };
}

function symmetrisedProducts(ctx: OlsDiagnosticsContext): Float64Array[] {
  if (!ctx.uq) {
    const n = ctx.w.nrows;
    const tmp = new Float64Array(n);
    ctx.uq = ctx.q.map((qj) => {
      const a = matVec(ctx.w, qj, new Float64Array(n));
      matVec(ctx.wt, qj, tmp);
      for (let i = 0; i < n; i++) a[i] = 0.5 * (a[i] + tmp[i]);
      return a;
    });
  }
  return ctx.uq;
}

export type Alternative = 'greater' | 'less' | 'two.sided';

/**
 * Moran's I test for OLS residuals `e` (spdep `lm.morantest`, normality assumption).
 * `p` follows `alternative` (default "greater", as spdep); `pTwoSided` is always 2·Φ(−|z|).
 */
export function moranTestResiduals(ctx: OlsDiagnosticsContext, residuals: ArrayLike<number>, alternative: Alternative = 'greater'): MoranTest {
  const { constants: c, q } = ctx;
  const n = ctx.w.nrows;
  if (residuals.length !== n) throw new Error(`residuals have length ${residuals.length}, W has ${n} rows`);
  const p = ctx.rank;
  // spdep (zero.policy = TRUE) counts only observations with neighbours in N.
  const N = n - c.islands;
  const we = matVec(ctx.w, Float64Array.from(residuals), new Float64Array(n));
  const I = (N / c.S0) * (dot(residuals, we) / dot(residuals, residuals));

  const uq = symmetrisedProducts(ctx);
  let trHU = 0; // tr(Q'UQ)
  let trA2 = 0; // tr((Q'UQ)²) = Σ_ij (q_i'Uq_j)² (symmetric)
  let normUQ = 0; // ‖UQ‖²_F
  for (let i = 0; i < p; i++) {
    normUQ += dot(uq[i], uq[i]);
    for (let j = 0; j < p; j++) {
      const cij = dot(q[i], uq[j]);
      if (i === j) trHU += cij;
      trA2 += cij * cij;
    }
  }
  const trMU = c.trW - trHU;
  const df = N - p;
  const expectation = ((N / c.S0) * trMU) / df;
  const variance = (((N * N) / (c.S0 * c.S0 * df * (df + 2))) * (c.S1 + 2 * trA2 - 4 * normUQ - (2 * trMU * trMU) / df));
  // A variance that is not positive (a degenerate W or design) leaves z undefined.
  const z = variance > 0 ? defined((I - expectation) / Math.sqrt(variance)) : NaN;
  const pv = alternative === 'greater' ? pnorm(z, false) : alternative === 'less' ? pnorm(z, true) : pTwoSidedNormal(z);
  return { I, expectation, variance, z, p: pv, pTwoSided: pTwoSidedNormal(z) };
}

/** One-call form: Moran's I of OLS residuals for design X and weights W. */
export function moranTest(x: DesignInput, w: Csr, residuals: ArrayLike<number>, alternative: Alternative = 'greater'): MoranTest {
  return moranTestResiduals(prepareOlsDiagnostics(x, w), residuals, alternative);
}
