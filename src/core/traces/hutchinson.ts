/**
 * Stochastic traces of matrix powers (Hutchinson 1989; Barry & Pace 1999; LeSage & Pace 2009
 * §4.4): tr(A^k) ≈ mean over random ±1 vectors u of uᵀA^k u. The vectors are processed in
 * blocks stored interleaved (row i of the block holds entry i of every vector), so one pass
 * over A serves the whole block and each gathered row of x is a contiguous run — the layout
 * the performance notes measure as fastest. For symmetric A only half the products are needed:
 * uᵀA^{2j-1}u = (A^{j-1}u)ᵀ(A^j u) and uᵀA^{2j}u = ‖A^j u‖².
 */
import { multiplyBlockRow } from '../sparse/block';
import type { Csr } from '../sparse/csr';
import { Xoshiro128 } from './random';

/**
 * Vectors per block: up to 32 amortise each pass over A, within a memory budget for the two
 * blocks (2²⁵ doubles = 256 MB: 16 vectors at n = 10⁶, where 30 per block measured 0–15 %
 * faster for twice the memory).
 */
const MAX_BLOCK = 32;
const BLOCK_BUDGET = 2 ** 25;

/**
 * Per-vector estimates e[r·order + k − 1] = u_rᵀA^k u_r, k = 1..order, for `samples`
 * Rademacher vectors u_r (their mean estimates tr(A^k); the spread feeds control variates).
 */
export function hutchinsonSamples(a: Csr, order: number, samples: number, seed: number, symmetric: boolean): Float64Array {
  const n = a.nrows;
  const est = new Float64Array(samples * order);
  const rng = new Xoshiro128(seed);
  const width = Math.max(1, Math.min(MAX_BLOCK, samples, Math.floor(BLOCK_BUDGET / (2 * n))));
  let x = new Float64Array(n * width);
  let y = new Float64Array(n * width);
  // u itself is only read for uᵀy: as ±1 bytes it costs 1/8 of the memory traffic.
  const signs = symmetric ? new Int8Array(0) : new Int8Array(n * width);
  const dots = new Float64Array(width);
  const squares = new Float64Array(width);
  for (let done = 0; done < samples; done += width) {
    const c = Math.min(width, samples - done);
    const record = (k: number, values: Float64Array) => {
      for (let r = 0; r < c; r++) est[(done + r) * order + k - 1] = values[r];
    };
    rng.fillRademacher(x.subarray(0, n * c));
    if (symmetric) {
      for (let j = 1; 2 * j - 1 <= order; j++) {
        multiplySymmetric(a, x, y, c, dots, squares);
        record(2 * j - 1, dots);
        if (2 * j <= order) record(2 * j, squares);
        [x, y] = [y, x];
      }
    } else {
      for (let q = 0; q < n * c; q++) signs[q] = x[q];
      for (let k = 1; k <= order; k++) {
        multiplyGeneral(a, x, y, c, signs, dots);
        record(k, dots);
        [x, y] = [y, x];
      }
    }
  }
  return est;
}

/** y = A x for c interleaved vectors; per vector r: dots[r] = x_rᵀy_r, squares[r] = y_rᵀy_r. */
function multiplySymmetric(a: Csr, x: Float64Array, y: Float64Array, c: number, dots: Float64Array, squares: Float64Array): void {
  dots.fill(0);
  squares.fill(0);
  for (let i = 0; i < a.nrows; i++) {
    multiplyBlockRow(a, x, y, c, i);
    const yi = i * c;
    for (let r = 0; r < c; r++) {
      const t = y[yi + r];
      dots[r] += x[yi + r] * t;
      squares[r] += t * t;
    }
  }
}

/** y = A x for c interleaved vectors; per vector r: dots[r] = u_rᵀy_r with u_r the ±1 signs. */
function multiplyGeneral(a: Csr, x: Float64Array, y: Float64Array, c: number, signs: Int8Array, dots: Float64Array): void {
  dots.fill(0);
  for (let i = 0; i < a.nrows; i++) {
    multiplyBlockRow(a, x, y, c, i);
    const yi = i * c;
    for (let r = 0; r < c; r++) dots[r] += signs[yi + r] * y[yi + r];
  }
}
