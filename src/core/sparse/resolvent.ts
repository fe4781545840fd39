/**
 * A = (I − ρW)⁻¹ for a sparse W without forming it: a factorisation of I − ρW (LU without
 * pivoting) or, when W = Q⁻¹SQ with S symmetric (Q = diag(similarity), Ord 1975), a Cholesky of
 * I − ρS, since then A = Q⁻¹(I − ρS)⁻¹Q. It gives ln|I − ρW|, solves with I − ρW, and traces
 * tr(CA) for sparse C on W's pattern from the selected inverse — e.g. tr(AW) = −d/dρ ln|I − ρW|
 * exactly, at about the cost of a few factorisations.
 */
import type { Csr } from './csr';
import { identity, scaleRowsCols } from './build';
import { ParametricMatrix } from './parametric';
import type { TraceQueries } from './selected-inverse';

export class Resolvent {
  readonly family: ParametricMatrix;
  private readonly wQuery: TraceQueries;

  constructor(readonly w: Csr, readonly similarity?: Float64Array) {
    const m = similarity ? scaleRowsCols(w, similarity, similarity.map((d) => 1 / d)) : w;
    this.family = new ParametricMatrix([identity(w.nrows), { ...m, values: m.values.map((v) => -v) }], similarity !== undefined);
    this.wQuery = this.prepare([w]);
  }

  /** ln |det(I − ρW)|. Throws PivotError where the factorisation fails (ρ outside its safe range). */
  logDet(rho: number): number {
    return this.family.logAbsDet(rho);
  }

  /** A b = (I − ρW)⁻¹b. */
  solve(rho: number, b: Float64Array): Float64Array {
    const q = this.similarity;
    if (!q) return this.family.solve(rho, b);
    const x = this.family.solve(rho, b.map((v, i) => v * q[i]));
    for (let i = 0; i < x.length; i++) x[i] /= q[i];
    return x;
  }

  /** Prepares tr(CA) for these C (patterns within W + Wᵀ + I). With S: tr(CA) = tr(QCQ⁻¹ (I − ρS)⁻¹). */
  prepare(matrices: readonly Csr[]): TraceQueries {
    const q = this.similarity;
    const inv = q?.map((d) => 1 / d);
    return this.family.prepare(q && inv ? matrices.map((c) => scaleRowsCols(c, q, inv)) : matrices);
  }

  /** tr(C_q A) for each prepared C_q; diag(A) into `diagonal` when given (similarity keeps it). */
  traces(rho: number, queries: TraceQueries, diagonal?: Float64Array): Float64Array {
    return this.family.traces(rho, queries, diagonal);
  }

  /** tr(AW) = −d/dρ ln|I − ρW|. */
  traceAW(rho: number): number {
    return this.traces(rho, this.wQuery)[0];
  }
}
