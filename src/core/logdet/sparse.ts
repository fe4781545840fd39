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
import { PivotError } from '../sparse/dense-front';
import { lanczosExtremes } from '../sparse/lanczos';
import { Resolvent } from '../sparse/resolvent';
import { MULTIPLY_ADDS_PER_SECOND } from '../sparse/parametric';
import type { SymbolicFactor } from '../sparse/symbolic';
import { similarMatrix } from '../traces/moments';
import { isRowStandardised, maxAbsRowSum } from './spectrum';
import type { LogDet } from './types';

/** Recently evaluated ρ → value; line searches revisit points. */
const CACHE_SIZE = 32;

export interface SparseLogDet extends LogDet {
  /** The symbolic factorisation (order, supernodes, |L|, flops), for diagnostics and benchmarks. */
  readonly symbolic: SymbolicFactor;
  /** (I − ρW)⁻¹ through the same factorisation: solves and traces for the covariance. */
  readonly resolvent: Resolvent;
}

export function sparseLogDet(weights: SpatialWeights): SparseLogDet {
  return weights.similarity ? choleskyLogDet(weights.w, weights.similarity) : luLogDet(weights.w);
}

/**
 * A derivative (one factorisation and one selected inversion) is offered while it takes at most
 * about half a second: the line search's Newton steps call it a few times. Beyond, derivatives
 * are differences of values (models/spatialTraces `logdetDerivative`).
 */
const DERIVATIVE_SECONDS = 0.5;

/**
 * The log-determinant, its exact derivative −tr((I − ρW)⁻¹W) from the selected inverse, and
 * solves, over a resolvent whose factorisation is valid inside `interval`; `guarded` runs a
 * step and refuses a ρ outside with a RangeError.
 */
function fromResolvent(resolvent: Resolvent, interval: [number, number], guarded: <T>(rho: number, step: () => T) => T): SparseLogDet {
  const cost = resolvent.family.cost();
  const affordable = cost.factor + cost.inverse <= DERIVATIVE_SECONDS * MULTIPLY_ADDS_PER_SECOND;
  return {
    method: 'sparse',
    exact: true,
    interval,
    symbolic: resolvent.family.symbolic,
    resolvent,
    similarity: resolvent.similarity,
    value: cached((rho) => guarded(rho, () => resolvent.logDet(rho))),
    derivative: affordable ? (rho) => guarded(rho, () => -resolvent.traceAW(rho)) : undefined,
    solve: (rho, b) => guarded(rho, () => resolvent.solve(rho, b)),
  };
}

function choleskyLogDet(w: Csr, similarity: Float64Array): SparseLogDet {
  const resolvent = new Resolvent(w, similarity);
  const guarded = <T>(rho: number, step: () => T): T => {
    try {
      return step();
    } catch (e) {
      if (e instanceof PivotError) throw new RangeError(`I − ρW is not positive definite at ρ = ${rho}: ρ is outside the admissible interval`);
      throw e;
    }
  };
  const admissible = (rho: number) => {
    try {
      resolvent.logDet(rho);
      return true;
    } catch (e) {
      if (e instanceof PivotError) return false;
      throw e;
    }
  };
  return fromResolvent(resolvent, symmetricInterval(w, similarMatrix(w, similarity), admissible), guarded);
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
  const radius = maxAbsRowSum(w);
  const guarded = <T>(rho: number, step: () => T): T => {
    if (!(Math.abs(rho) * radius < 1)) {
      throw new RangeError(`ρ = ${rho} is outside (−1/‖W‖∞, 1/‖W‖∞), where LU without pivoting is safe for an asymmetric W`);
    }
    return step();
  };
  return fromResolvent(new Resolvent(w), [-1 / radius, 1 / radius], guarded);
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
