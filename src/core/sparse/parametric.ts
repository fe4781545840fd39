/**
 * A family of sparse matrices A(ρ) = Σ_k ρᵏ C_k on one pattern — the union of the terms'
 * patterns and their transposes, with the diagonal — analysed once (nested dissection, supernodes)
 * and factorised numerically at each ρ asked: I − ρW for the log-determinant, or
 * (I − ρW)(I − ρW)ᵀ = I − ρ(W + Wᵀ) + ρ²WWᵀ for the traces of the asymptotic covariance.
 * Cholesky when the family is symmetric, LU without pivoting otherwise (the caller guarantees
 * that its ρ keep the pivots away from zero). A kept factor serves solves and the selected
 * inverse (sparse/selected-inverse).
 */
import type { Csr } from './csr';
import { dropDiagonal, linearCombination, symmetricPattern, type Pattern } from './build';
import { nestedDissection } from './nested-dissection';
import { analyse, type SymbolicFactor } from './symbolic';
import { choleskyFactor, createWorkspace, factorLength, luFactor, type Workspace } from './multifrontal';
import { factorSolve } from './factor-solve';
import { prepareTraceQueries, selectedInverseTraces, type TraceQueries } from './selected-inverse';

/**
 * What the factorisation and selected-inverse kernels sustain, measured on kNN-6 and distance
 * weights at n = 3,000–20,000: about 3·10⁸ multiply-adds a second. Budgets are set in these units.
 */
export const MULTIPLY_ADDS_PER_SECOND = 3e8;

export class ParametricMatrix {
  readonly n: number;
  readonly symbolic: SymbolicFactor;
  readonly pattern: Pattern;
  private readonly terms: Float64Array[];
  private readonly values: Float64Array;
  private readonly workspace: Workspace;
  private kept?: { rho: number; factor: Float64Array; logAbsDet: number };

  /** `terms[k]` = C_k; `symmetric`: every C_k is symmetric (Cholesky). */
  constructor(terms: readonly Csr[], readonly symmetric: boolean) {
    this.n = terms[0].nrows;
    const union = linearCombination(terms.map((matrix) => ({ matrix, scale: 1 })));
    this.pattern = symmetricPattern(union, true).pattern;
    this.terms = terms.map((c) => valuesOnPattern(c, this.pattern));
    this.values = new Float64Array(this.pattern.rowPtr[this.n]);
    this.symbolic = analyse(this.pattern, nestedDissection(dropDiagonal(this.pattern)), !symmetric);
    this.workspace = createWorkspace(this.symbolic);
  }

  /** Multiply-adds of one numeric factorisation and of one selected inversion (estimates, for budgets). */
  cost(): { factor: number; inverse: number } {
    const { nsuper, superStart, rowStart, lu } = this.symbolic;
    let factor = 0;
    let inverse = 0;
    for (let s = 0; s < nsuper; s++) {
      const k = superStart[s + 1] - superStart[s];
      const u = rowStart[s + 1] - rowStart[s] - k;
      // Partial factorisation of an m × m front (k pivots); selected inverse: Z_RK (and Z_KR),
      // L̂ (and Û), Z_KK and the k × k inverse.
      factor += (lu ? 2 : 1) * (k * k * k / 3 + k * k * u + (k * u * u) / 2);
      inverse += (lu ? 2 : 1) * (k * u * u + k * k * u) + k * k * u + k * k * k;
    }
    return { factor, inverse };
  }

  /** A(ρ)'s values on the pattern (Horner in ρ). */
  private at(rho: number): Float64Array {
    const v = this.values;
    const t = this.terms;
    v.set(t[t.length - 1]);
    for (let k = t.length - 2; k >= 0; k--) {
      const c = t[k];
      for (let q = 0; q < v.length; q++) v[q] = v[q] * rho + c[q];
    }
    return v;
  }

  /** ln |det A(ρ)|, factorising without keeping the factor. Throws PivotError (see the class note). */
  logAbsDet(rho: number): number {
    if (this.kept?.rho === rho) return this.kept.logAbsDet;
    return this.symmetric ? choleskyFactor(this.symbolic, this.at(rho), this.workspace) : luFactor(this.symbolic, this.at(rho), this.workspace);
  }

  /** The factor of A(ρ), kept for further solves and inversions at the same ρ. */
  private factorAt(rho: number): Float64Array {
    if (this.kept?.rho === rho) return this.kept.factor;
    const factor = this.kept?.factor ?? new Float64Array(factorLength(this.symbolic));
    this.kept = undefined; // until the factorisation succeeds
    const values = this.at(rho);
    const logAbsDet = this.symmetric ? choleskyFactor(this.symbolic, values, this.workspace, factor) : luFactor(this.symbolic, values, this.workspace, factor);
    this.kept = { rho, factor, logAbsDet };
    return factor;
  }

  /** x with A(ρ)x = b. */
  solve(rho: number, b: Float64Array): Float64Array {
    return factorSolve(this.symbolic, this.factorAt(rho), b);
  }

  /** Prepares tr(C A(ρ)⁻¹) for these C (their patterns must lie in the family's). */
  prepare(matrices: readonly Csr[]): TraceQueries {
    return prepareTraceQueries(this.symbolic, matrices);
  }

  /** tr(C_q A(ρ)⁻¹) for each prepared C_q; diag(A(ρ)⁻¹) into `diagonal` when given. */
  traces(rho: number, queries: TraceQueries, diagonal?: Float64Array): Float64Array {
    return selectedInverseTraces(this.symbolic, this.factorAt(rho), queries, diagonal);
  }
}

/** C's values at the positions of `pattern` (which holds C's pattern), 0 elsewhere. */
function valuesOnPattern(c: Csr, pattern: Pattern): Float64Array {
  const out = new Float64Array(pattern.rowPtr[pattern.nrows]);
  for (let i = 0; i < c.nrows; i++) {
    let q = pattern.rowPtr[i];
    for (let p = c.rowPtr[i]; p < c.rowPtr[i + 1]; p++) {
      const j = c.colIdx[p];
      while (pattern.colIdx[q] < j) q++; // both rows sorted
      out[q] += c.values[p];
    }
  }
  return out;
}
