/**
 * Exact ln|I − ρW| by sparse factorisation (Pace & Barry 1997; spatialreg methods "Matrix" and
 * "LU"): a fill-reducing order and symbolic analysis once, a numeric factorisation per ρ.
 *
 * - W similar to a symmetric S (Ord 1975): |I − ρW| = |I − ρS|, and I − ρS is symmetric positive
 *   definite on the admissible interval, so ln|I − ρS| = 2 Σ ln L_jj by Cholesky.
 * - Otherwise LU without pivoting of I − ρW. Safe here because for |ρ|·‖W‖∞ < 1 the matrix is
 *   strictly diagonally dominant by rows (|1 − ρw_ii| = 1 > |ρ| Σ_j |w_ij|, w_ii = 0), which
 *   Gaussian elimination preserves in every Schur complement, so no pivot can vanish and
 *   growth stays bounded (Golub & Van Loan 2013 §3.4.10, applied to the transpose). The
 *   interval is therefore (−1/‖W‖∞, 1/‖W‖∞) = (−1, 1) for row-standardised W, and `value`
 *   refuses ρ outside it.
 */
import type { SpatialWeights } from '../weights/types';
import type { Csr } from '../sparse/csr';
import { matVec } from '../sparse/csr';
import { dropDiagonal, symmetricPattern, type Pattern } from '../sparse/build';
import { nestedDissection } from '../sparse/nested-dissection';
import { analyse, type SymbolicFactor } from '../sparse/symbolic';
import { choleskyFactor, createWorkspace, luLogAbsDet, type Workspace } from '../sparse/multifrontal';
import { choleskySolve } from '../sparse/cholesky-solve';
import { PivotError } from '../sparse/dense-front';
import { lanczosExtremes } from '../sparse/lanczos';
import { similarMatrix } from '../traces/moments';
import { isRowStandardised, maxAbsRowSum } from './spectrum';
import type { LogDet } from './types';

/** Recently evaluated ρ → value; line searches revisit points. */
const CACHE_SIZE = 32;

export interface SparseLogDet extends LogDet {
  /** The symbolic factorisation (order, supernodes, |L|, flops), for diagnostics and benchmarks. */
  readonly symbolic: SymbolicFactor;
}

export function sparseLogDet(weights: SpatialWeights): SparseLogDet {
  return weights.similarity ? choleskyLogDet(weights.w, weights.similarity) : luLogDet(weights.w);
}

/** A − ρM on the pattern of M + Mᵀ + I: the values each factorisation starts from. */
class ShiftedValues {
  readonly pattern: Pattern;
  private readonly m: Float64Array;
  private readonly diag: Float64Array;
  readonly values: Float64Array;

  constructor(matrix: Csr) {
    const { pattern, fromA } = symmetricPattern(matrix, true);
    this.pattern = pattern;
    const nnz = fromA.length;
    this.m = new Float64Array(nnz);
    this.diag = new Float64Array(nnz);
    for (let q = 0; q < nnz; q++) if (fromA[q] >= 0) this.m[q] = matrix.values[fromA[q]];
    for (let i = 0; i < pattern.nrows; i++) {
      for (let q = pattern.rowPtr[i]; q < pattern.rowPtr[i + 1]; q++) if (pattern.colIdx[q] === i) this.diag[q] = 1;
    }
    this.values = new Float64Array(nnz);
  }

  /** values = I − ρM */
  at(rho: number): Float64Array {
    for (let q = 0; q < this.values.length; q++) this.values[q] = this.diag[q] - rho * this.m[q];
    return this.values;
  }
}

function choleskyLogDet(w: Csr, similarity: Float64Array): SparseLogDet {
  const s = similarMatrix(w, similarity);
  const shifted = new ShiftedValues(s);
  const symbolic = analyse(shifted.pattern, nestedDissection(dropDiagonal(shifted.pattern)), false);
  const ws = createWorkspace(symbolic);
  const factorAt = (rho: number, keep?: Float64Array) => {
    try {
      return choleskyFactor(symbolic, shifted.at(rho), ws, keep);
    } catch (e) {
      if (e instanceof PivotError) throw new RangeError(`I − ρW is not positive definite at ρ = ${rho}: ρ is outside the admissible interval`);
      throw e;
    }
  };
  const interval = symmetricInterval(w, s, (rho) => {
    try {
      factorAt(rho);
      return true;
    } catch {
      return false;
    }
  });
  let kept: { rho: number; factor: Float64Array } | undefined;
  return {
    method: 'sparse',
    exact: true,
    interval,
    symbolic,
    value: cached(factorAt),
    solve(rho, b) {
      // I − ρW = D^{-1/2}(I − ρS)D^{1/2}, so x = D^{-1/2}(I − ρS)⁻¹D^{1/2}b.
      if (kept?.rho !== rho) {
        const factor = kept?.factor ?? new Float64Array(symbolic.factorStart[symbolic.nsuper]);
        kept = undefined; // until the factorisation succeeds
        factorAt(rho, factor);
        kept = { rho, factor };
      }
      const x = choleskySolve(symbolic, kept.factor, b.map((v, i) => v * similarity[i]));
      for (let i = 0; i < x.length; i++) x[i] /= similarity[i];
      return x;
    },
  };
}

/**
 * (1/λ_min, 1/λ_max) of S. λ_max = 1 exactly for row-standardised W; otherwise, and for λ_min,
 * Lanczos Ritz values, which lie inside the spectrum: each end is pushed outwards by a margin
 * and accepted only once I − ρS factorises there (positive definite ⇔ ρ strictly inside),
 * widening the margin otherwise. If that fails, ±1/‖W‖∞, always inside.
 */
function symmetricInterval(w: Csr, s: Csr, admissible: (rho: number) => boolean): [number, number] {
  const radius = maxAbsRowSum(w);
  const rowStandardised = isRowStandardised(w);
  const ritz = lanczosExtremes(s.nrows, (x, y) => matVec(s, x, y), {
    maxIterations: 500,
    tolerance: 1e-10,
    ends: rowStandardised ? 'min' : 'both',
  });
  const end = (theta: number, sign: 1 | -1): number => {
    if (!(sign * theta > 0)) return sign / radius;
    // Ritz values settled to 1e-10 may still be ~1e-8 inside on slowly converging spectra.
    for (let margin = 1e-7; margin <= 1e-3; margin *= 100) {
      const rho = 1 / (theta + sign * margin * Math.abs(theta));
      if (admissible(rho)) return rho;
    }
    return sign / radius;
  };
  const upper = rowStandardised ? 1 : end(ritz.max, 1);
  return [end(ritz.min, -1), upper];
}

function luLogDet(w: Csr): SparseLogDet {
  const shifted = new ShiftedValues(w);
  const symbolic = analyse(shifted.pattern, nestedDissection(dropDiagonal(shifted.pattern)), true);
  const ws: Workspace = createWorkspace(symbolic);
  const radius = maxAbsRowSum(w);
  return {
    method: 'sparse',
    exact: true,
    interval: [-1 / radius, 1 / radius],
    symbolic,
    value: cached((rho) => {
      if (!(Math.abs(rho) * radius < 1)) {
        throw new RangeError(`ρ = ${rho} is outside (−1/‖W‖∞, 1/‖W‖∞), where LU without pivoting is safe for an asymmetric W`);
      }
      return luLogAbsDet(symbolic, shifted.at(rho), ws);
    }),
  };
}

/** Memoises the latest CACHE_SIZE values. */
function cached(f: (rho: number) => number): (rho: number) => number {
  const memo = new Map<number, number>();
  return (rho) => {
    const hit = memo.get(rho);
    if (hit !== undefined) return hit;
    const v = f(rho);
    if (memo.size >= CACHE_SIZE) memo.delete(memo.keys().next().value as number);
    memo.set(rho, v);
    return v;
  };
}
