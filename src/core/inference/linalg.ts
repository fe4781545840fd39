/**
 * Small numeric helpers for the inference code: sparse transpose and transposed products on the
 * CSR W, and an orthonormal basis of the regressors (so that projections M = I − X(X'X)⁻¹X' are
 * applied as x − Q(Q'x), stable even for badly scaled regressors, and never as a dense n×n matrix).
 */
import type { Csr } from '../sparse/csr';

/** A dense n×k matrix stored column-major (column j occupies data[j*nrows .. (j+1)*nrows)). */
export interface ColumnMajor {
  readonly nrows: number;
  readonly ncols: number;
  readonly data: Float64Array;
}

/** Anything with `rows`, `columns` and `get(i, j)` (ml-matrix's Matrix and friends). */
export interface MatrixLike {
  readonly rows: number;
  readonly columns: number;
  get(row: number, column: number): number;
}

/** Regressors: column-major block, ml-matrix-like matrix, or an array of columns. */
export type DesignInput = ColumnMajor | MatrixLike | readonly ArrayLike<number>[];

function isColumnMajor(x: DesignInput): x is ColumnMajor {
  return (x as ColumnMajor).data instanceof Float64Array && typeof (x as ColumnMajor).nrows === 'number';
}
function isMatrixLike(x: DesignInput): x is MatrixLike {
  return typeof (x as MatrixLike).get === 'function' && typeof (x as MatrixLike).rows === 'number';
}

/** The design's columns as separate Float64Arrays (copies; callers may modify them). */
export function designColumns(x: DesignInput): Float64Array[] {
  if (isColumnMajor(x)) {
    const cols: Float64Array[] = [];
    for (let j = 0; j < x.ncols; j++) cols.push(x.data.slice(j * x.nrows, (j + 1) * x.nrows));
    return cols;
  }
  if (isMatrixLike(x)) {
    const cols: Float64Array[] = [];
    for (let j = 0; j < x.columns; j++) {
      const c = new Float64Array(x.rows);
      for (let i = 0; i < x.rows; i++) c[i] = x.get(i, j);
      cols.push(c);
    }
    return cols;
  }
  return (x as readonly ArrayLike<number>[]).map((c) => Float64Array.from(c));
}

/** out = Aᵀx without forming Aᵀ (scatter over rows). */
export function matTVec(a: Csr, x: ArrayLike<number>, out: Float64Array = new Float64Array(a.ncols)): Float64Array {
  out.fill(0);
  const { rowPtr, colIdx, values } = a;
  for (let i = 0; i < a.nrows; i++) {
    const xi = x[i];
    if (xi === 0) continue;
    for (let p = rowPtr[i]; p < rowPtr[i + 1]; p++) out[colIdx[p]] += values[p] * xi;
  }
  return out;
}

export function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

export interface OrthonormalBasis {
  /** Orthonormal columns spanning the regressors (length = rank). */
  q: Float64Array[];
  rank: number;
  /** Indices of input columns dropped as linearly dependent on earlier ones. */
  dropped: number[];
}

/**
 * Orthonormal basis of the columns by modified Gram–Schmidt with one re-orthogonalisation pass
 * ("twice is enough", Giraud et al. 2005); a column whose remainder is below `tol` times its
 * norm is dropped, as R's pivoting QR drops aliased columns (rank < k).
 */
export function orthonormalBasis(columns: readonly Float64Array[], tol = 1e-10): OrthonormalBasis {
  const q: Float64Array[] = [];
  const dropped: number[] = [];
  columns.forEach((col, j) => {
    const v = Float64Array.from(col);
    const norm0 = Math.sqrt(dot(v, v));
    if (!(norm0 > 0)) {
      dropped.push(j);
      return;
    }
    for (let pass = 0; pass < 2; pass++) {
      for (const u of q) {
        const c = dot(u, v);
        for (let i = 0; i < v.length; i++) v[i] -= c * u[i];
      }
    }
    const norm = Math.sqrt(dot(v, v));
    if (!(norm > tol * norm0)) {
      dropped.push(j);
      return;
    }
    for (let i = 0; i < v.length; i++) v[i] /= norm;
    q.push(v);
  });
  return { q, rank: q.length, dropped };
}

/** x − Q(Qᵀx): the residual of x after projection on the span of Q. */
export function residualize(q: readonly Float64Array[], x: ArrayLike<number>): Float64Array {
  const r = Float64Array.from(x);
  for (let pass = 0; pass < 2; pass++) {
    for (const u of q) {
      const c = dot(u, r);
      for (let i = 0; i < r.length; i++) r[i] -= c * u[i];
    }
  }
  return r;
}
