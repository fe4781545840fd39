/**
 * Stochastic traces of matrix powers (Hutchinson 1989; Barry & Pace 1999; LeSage & Pace 2009
 * §4.4): tr(A^k) ≈ mean over random ±1 vectors u of uᵀA^k u. The vectors are processed in
 * blocks stored interleaved (row i of the block holds entry i of every vector), so one pass
 * over A serves the whole block and each gathered row of x is a contiguous run — the layout
 * the performance notes measure as fastest. For symmetric A only half the products are needed:
 * uᵀA^{2j-1}u = (A^{j-1}u)ᵀ(A^j u) and uᵀA^{2j}u = ‖A^j u‖².
 */
import type { Csr } from '../sparse/csr';
import { Xoshiro128 } from './random';

/** Vectors per block: enough to amortise each pass over A, few enough to keep blocks small. */
const BLOCK = 16;

/**
 * Per-vector estimates e[r·order + k − 1] = u_rᵀA^k u_r, k = 1..order, for `samples`
 * Rademacher vectors u_r (their mean estimates tr(A^k); the spread feeds control variates).
 */
export function hutchinsonSamples(a: Csr, order: number, samples: number, seed: number, symmetric: boolean): Float64Array {
  const n = a.nrows;
  const est = new Float64Array(samples * order);
  const rng = new Xoshiro128(seed);
  const width = Math.min(BLOCK, samples);
  const u = new Float64Array(n * width);
  let x = new Float64Array(n * width);
  let y = new Float64Array(n * width);
  const dots = new Float64Array(width);
  const squares = new Float64Array(width);
  for (let done = 0; done < samples; done += width) {
    const c = Math.min(width, samples - done);
    const block = u.subarray(0, n * c);
    rng.fillRademacher(block);
    const record = (k: number, values: Float64Array) => {
      for (let r = 0; r < c; r++) est[(done + r) * order + k - 1] = values[r];
    };
    if (symmetric) {
      x.set(block);
      for (let j = 1; 2 * j - 1 <= order; j++) {
        multiplyBlock(a, x, y, c, x, dots, squares);
        record(2 * j - 1, dots);
        if (2 * j <= order) record(2 * j, squares);
        [x, y] = [y, x];
      }
    } else {
      let from = block;
      for (let k = 1; k <= order; k++) {
        multiplyBlock(a, from, y, c, block, dots, squares);
        record(k, dots);
        [x, y] = [y, x];
        from = x;
      }
    }
  }
  return est;
}

/**
 * y = A x for c interleaved vectors, and per vector r: dots[r] = v_rᵀy_r, squares[r] = y_rᵀy_r
 * (fused into the same pass while row i of y is in cache).
 */
function multiplyBlock(
  a: Csr,
  x: Float64Array,
  y: Float64Array,
  c: number,
  v: Float64Array,
  dots: Float64Array,
  squares: Float64Array,
): void {
  const { rowPtr, colIdx, values } = a;
  dots.fill(0);
  squares.fill(0);
  for (let i = 0; i < a.nrows; i++) {
    const yi = i * c;
    for (let r = 0; r < c; r++) y[yi + r] = 0;
    for (let p = rowPtr[i]; p < rowPtr[i + 1]; p++) {
      const w = values[p];
      const xj = colIdx[p] * c;
      for (let r = 0; r < c; r++) y[yi + r] += w * x[xj + r];
    }
    for (let r = 0; r < c; r++) {
      const t = y[yi + r];
      dots[r] += v[yi + r] * t;
      squares[r] += t * t;
    }
  }
}
