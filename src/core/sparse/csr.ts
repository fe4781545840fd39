/**
 * Compressed sparse row matrix, the one sparse layout of the engine.
 * Column indices within a row are sorted ascending and unique.
 */
export interface Csr {
  readonly nrows: number;
  readonly ncols: number;
  readonly rowPtr: Int32Array; // length nrows + 1
  readonly colIdx: Int32Array; // length nnz
  readonly values: Float64Array; // length nnz
}

/**
 * Zeros on the same kind of buffer as `like`: a matrix built on shared memory (weights/kdtree's
 * kNN) keeps its derived matrices (styled, transposed, scaled) shared, so that a helper thread
 * (traces/helperThread) reads them without a copy.
 */
export function float64Like(like: ArrayBufferView, length: number): Float64Array {
  return like.buffer instanceof SharedArrayBuffer ? new Float64Array(new SharedArrayBuffer(8 * length)) : new Float64Array(length);
}

export function int32Like(like: ArrayBufferView, length: number): Int32Array {
  return like.buffer instanceof SharedArrayBuffer ? new Int32Array(new SharedArrayBuffer(4 * length)) : new Int32Array(length);
}

/** out = A x */
export function matVec(a: Csr, x: Float64Array, out: Float64Array = new Float64Array(a.nrows)): Float64Array {
  const { rowPtr, colIdx, values } = a;
  for (let i = 0; i < a.nrows; i++) {
    let s = 0;
    for (let p = rowPtr[i]; p < rowPtr[i + 1]; p++) s += values[p] * x[colIdx[p]];
    out[i] = s;
  }
  return out;
}
