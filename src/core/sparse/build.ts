/**
 * Building and rearranging CSR matrices: from triplets, transpose, symmetric permutation and
 * the symmetric pattern A + Aᵀ + I that fill-reducing orderings and factorisations work on.
 */
import { float64Like, int32Like, type Csr } from './csr';

/** The structure of a CSR matrix without its values (a graph when square). */
export type Pattern = Pick<Csr, 'nrows' | 'ncols' | 'rowPtr' | 'colIdx'>;

/** CSR from (row, col, value) triplets; duplicates are summed, columns sorted within rows. */
export function csrFromTriplets(
  nrows: number,
  ncols: number,
  rows: ArrayLike<number>,
  cols: ArrayLike<number>,
  vals: ArrayLike<number>,
): Csr {
  const m = rows.length;
  const count = new Int32Array(nrows + 1);
  for (let t = 0; t < m; t++) {
    const i = rows[t];
    const j = cols[t];
    if (!(Number.isInteger(i) && Number.isInteger(j) && i >= 0 && i < nrows && j >= 0 && j < ncols)) {
      throw new RangeError(`triplet ${t} (${i}, ${j}) is not an entry of a ${nrows}×${ncols} matrix`);
    }
    count[i + 1]++;
  }
  for (let i = 0; i < nrows; i++) count[i + 1] += count[i];
  // Bucket by row, then by column within the row (a counting sort through the transpose would
  // need another pass; rows are short, so insertion order plus a per-row sort is cheaper).
  const next = count.slice(0, nrows);
  const ci = new Int32Array(m);
  const cv = new Float64Array(m);
  for (let t = 0; t < m; t++) {
    const at = next[rows[t]]++;
    ci[at] = cols[t];
    cv[at] = vals[t];
  }
  const rowPtr = new Int32Array(nrows + 1);
  let nnz = 0;
  for (let i = 0; i < nrows; i++) {
    const lo = count[i];
    const hi = count[i + 1];
    sortRow(ci, cv, lo, hi);
    for (let p = lo; p < hi; p++) {
      if (nnz > rowPtr[i] && ci[nnz - 1] === ci[p]) cv[nnz - 1] += cv[p];
      else {
        ci[nnz] = ci[p];
        cv[nnz] = cv[p];
        nnz++;
      }
    }
    rowPtr[i + 1] = nnz;
  }
  return { nrows, ncols, rowPtr, colIdx: ci.slice(0, nnz), values: cv.slice(0, nnz) };
}

/** Insertion sort of one row by column (rows of spatial weights hold a handful of entries). */
function sortRow(ci: Int32Array, cv: Float64Array, lo: number, hi: number): void {
  for (let p = lo + 1; p < hi; p++) {
    const c = ci[p];
    const v = cv[p];
    let q = p - 1;
    while (q >= lo && ci[q] > c) {
      ci[q + 1] = ci[q];
      cv[q + 1] = cv[q];
      q--;
    }
    ci[q + 1] = c;
    cv[q + 1] = v;
  }
}

/** Aᵀ; `source[q]` is the position in A of the q-th entry of Aᵀ. Rows come out sorted. */
export function transposeWithSource(a: Pattern): { pattern: Pattern; source: Int32Array } {
  const nnz = a.rowPtr[a.nrows];
  const rowPtr = int32Like(a.colIdx, a.ncols + 1);
  for (let p = 0; p < nnz; p++) rowPtr[a.colIdx[p] + 1]++;
  for (let j = 0; j < a.ncols; j++) rowPtr[j + 1] += rowPtr[j];
  const next = rowPtr.slice(0, a.ncols);
  const colIdx = int32Like(a.colIdx, nnz);
  const source = new Int32Array(nnz);
  for (let i = 0; i < a.nrows; i++) {
    for (let p = a.rowPtr[i]; p < a.rowPtr[i + 1]; p++) {
      const at = next[a.colIdx[p]]++;
      colIdx[at] = i;
      source[at] = p;
    }
  }
  return { pattern: { nrows: a.ncols, ncols: a.nrows, rowPtr, colIdx }, source };
}

const transposes = new WeakMap<Csr, Csr>();

/**
 * Aᵀ, rows sorted. Kept per matrix: the tests, traces and impacts of one fit all ask for Wᵀ
 * (matrices are never modified once built, so the cached copy stays valid).
 */
export function transpose(a: Csr): Csr {
  const cached = transposes.get(a);
  if (cached) return cached;
  const { pattern, source } = transposeWithSource(a);
  const values = float64Like(a.values, source.length);
  for (let q = 0; q < source.length; q++) values[q] = a.values[source[q]];
  const t = { ...pattern, values };
  transposes.set(a, t);
  transposes.set(t, a);
  return t;
}

/**
 * The pattern of A + Aᵀ (+ I when `diagonal`) for square A, sorted, without duplicates.
 * `fromA[q]` is the position in A of entry q of the result, or -1 where only Aᵀ (or I) has it.
 */
export function symmetricPattern(a: Pattern, diagonal: boolean): { pattern: Pattern; fromA: Int32Array } {
  const n = a.nrows;
  if (a.ncols !== n) throw new RangeError('symmetricPattern needs a square matrix');
  const t = transposeWithSource(a).pattern;
  const rowPtr = new Int32Array(n + 1);
  mergeWithTranspose(a, t, diagonal, rowPtr);
  const colIdx = new Int32Array(rowPtr[n]);
  const fromA = new Int32Array(rowPtr[n]);
  mergeWithTranspose(a, t, diagonal, rowPtr, colIdx, fromA);
  return { pattern: { nrows: n, ncols: n, rowPtr, colIdx }, fromA };
}

/** Merges sorted row i of A, of Aᵀ (and i itself): counts into rowPtr, or fills colIdx/fromA. */
function mergeWithTranspose(
  a: Pattern,
  t: Pattern,
  diagonal: boolean,
  rowPtr: Int32Array,
  colIdx?: Int32Array,
  fromA?: Int32Array,
): void {
  const n = a.nrows;
  let nnz = 0;
  for (let i = 0; i < n; i++) {
    let p = a.rowPtr[i];
    const pe = a.rowPtr[i + 1];
    let q = t.rowPtr[i];
    const qe = t.rowPtr[i + 1];
    let diagPending = diagonal;
    for (;;) {
      const ca = p < pe ? a.colIdx[p] : n;
      const ct = q < qe ? t.colIdx[q] : n;
      let c = ca < ct ? ca : ct;
      if (diagPending && i <= c) c = i;
      if (c === n) break;
      if (colIdx && fromA) {
        colIdx[nnz] = c;
        fromA[nnz] = ca === c ? p : -1;
      }
      nnz++;
      if (ca === c) p++;
      if (ct === c) q++;
      if (c === i) diagPending = false;
    }
    if (!colIdx) rowPtr[i + 1] = nnz;
  }
}

/** Adjacency of the symmetrised graph of A: pattern of A + Aᵀ without the diagonal. */
export function adjacencyGraph(a: Pattern): Pattern {
  return dropDiagonal(symmetricPattern(a, false).pattern);
}

/** The pattern without its diagonal entries. */
export function dropDiagonal(a: Pattern): Pattern {
  const rowPtr = new Int32Array(a.nrows + 1);
  const colIdx = new Int32Array(a.rowPtr[a.nrows]);
  let nnz = 0;
  for (let i = 0; i < a.nrows; i++) {
    for (let p = a.rowPtr[i]; p < a.rowPtr[i + 1]; p++) if (a.colIdx[p] !== i) colIdx[nnz++] = a.colIdx[p];
    rowPtr[i + 1] = nnz;
  }
  return { nrows: a.nrows, ncols: a.ncols, rowPtr, colIdx: colIdx.slice(0, nnz) };
}

/** The inverse of a permutation given as perm[new] = old. */
export function invertPermutation(perm: Int32Array): Int32Array {
  const inv = new Int32Array(perm.length);
  for (let k = 0; k < perm.length; k++) inv[perm[k]] = k;
  return inv;
}

/**
 * B = P A Pᵀ for perm[new] = old, i.e. B[i][j] = A[perm[i]][perm[j]], rows sorted;
 * `source[q]` is the position in A of entry q of B.
 */
export function permuteSymmetricWithSource(a: Pattern, perm: Int32Array): { pattern: Pattern; source: Int32Array } {
  const n = a.nrows;
  const inv = invertPermutation(perm);
  const rowPtr = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) rowPtr[i + 1] = rowPtr[i] + a.rowPtr[perm[i] + 1] - a.rowPtr[perm[i]];
  const colIdx = new Int32Array(rowPtr[n]);
  const source = new Int32Array(rowPtr[n]);
  for (let i = 0; i < n; i++) {
    const old = perm[i];
    let at = rowPtr[i];
    for (let p = a.rowPtr[old]; p < a.rowPtr[old + 1]; p++) {
      const c = inv[a.colIdx[p]];
      // insertion into the sorted row
      let q = at++;
      while (q > rowPtr[i] && colIdx[q - 1] > c) {
        colIdx[q] = colIdx[q - 1];
        source[q] = source[q - 1];
        q--;
      }
      colIdx[q] = c;
      source[q] = p;
    }
  }
  return { pattern: { nrows: n, ncols: n, rowPtr, colIdx }, source };
}

export function permuteSymmetric(a: Csr, perm: Int32Array): Csr {
  const { pattern, source } = permuteSymmetricWithSource(a, perm);
  const values = new Float64Array(source.length);
  for (let q = 0; q < source.length; q++) values[q] = a.values[source[q]];
  return { ...pattern, values };
}

/** diag(left) · A · diag(right), e.g. the similar matrix S = D^{1/2} W D^{-1/2}. */
export function scaleRowsCols(a: Csr, left: Float64Array, right: Float64Array): Csr {
  const values = float64Like(a.values, a.values.length);
  for (let i = 0; i < a.nrows; i++) {
    for (let p = a.rowPtr[i]; p < a.rowPtr[i + 1]; p++) values[p] = left[i] * a.values[p] * right[a.colIdx[p]];
  }
  return { nrows: a.nrows, ncols: a.ncols, rowPtr: a.rowPtr, colIdx: a.colIdx, values };
}

/** A·B by Gustavson's row-by-row product with a dense accumulator; rows sorted. */
export function multiply(a: Csr, b: Csr): Csr {
  if (a.ncols !== b.nrows) throw new RangeError(`cannot multiply ${a.nrows}×${a.ncols} by ${b.nrows}×${b.ncols}`);
  const m = b.ncols;
  const acc = new Float64Array(m);
  const mark = new Int32Array(m).fill(-1);
  const cols: number[] = [];
  const rowPtr = new Int32Array(a.nrows + 1);
  let colIdx = new Int32Array(Math.max(16, a.rowPtr[a.nrows] * 4));
  let values = new Float64Array(colIdx.length);
  let nnz = 0;
  for (let i = 0; i < a.nrows; i++) {
    cols.length = 0;
    for (let p = a.rowPtr[i]; p < a.rowPtr[i + 1]; p++) {
      const k = a.colIdx[p];
      const v = a.values[p];
      for (let q = b.rowPtr[k]; q < b.rowPtr[k + 1]; q++) {
        const j = b.colIdx[q];
        if (mark[j] !== i) {
          mark[j] = i;
          acc[j] = 0;
          cols.push(j);
        }
        acc[j] += v * b.values[q];
      }
    }
    cols.sort((x, y) => x - y);
    if (nnz + cols.length > colIdx.length) {
      const size = Math.max(2 * colIdx.length, nnz + cols.length);
      const ci = new Int32Array(size);
      ci.set(colIdx.subarray(0, nnz));
      const cv = new Float64Array(size);
      cv.set(values.subarray(0, nnz));
      colIdx = ci;
      values = cv;
    }
    for (const j of cols) {
      colIdx[nnz] = j;
      values[nnz++] = acc[j];
    }
    rowPtr[i + 1] = nnz;
  }
  return { nrows: a.nrows, ncols: m, rowPtr, colIdx: colIdx.slice(0, nnz), values: values.slice(0, nnz) };
}

/** Σ scale_t · A_t over matrices of one shape (entries of equal position summed). */
export function linearCombination(terms: readonly { matrix: Csr; scale: number }[]): Csr {
  const { nrows, ncols } = terms[0].matrix;
  const size = terms.reduce((s, t) => s + t.matrix.rowPtr[t.matrix.nrows], 0);
  const rows = new Int32Array(size);
  const cols = new Int32Array(size);
  const vals = new Float64Array(size);
  let e = 0;
  for (const { matrix, scale } of terms) {
    for (let i = 0; i < matrix.nrows; i++) {
      for (let p = matrix.rowPtr[i]; p < matrix.rowPtr[i + 1]; p++) {
        rows[e] = i;
        cols[e] = matrix.colIdx[p];
        vals[e++] = scale * matrix.values[p];
      }
    }
  }
  return csrFromTriplets(nrows, ncols, rows, cols, vals);
}

/** The n × n identity. */
export function identity(n: number): Csr {
  return { nrows: n, ncols: n, rowPtr: Int32Array.from({ length: n + 1 }, (_, i) => i), colIdx: Int32Array.from({ length: n }, (_, i) => i), values: new Float64Array(n).fill(1) };
}
