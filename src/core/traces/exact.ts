/**
 * Traces computed exactly: the low-order ones every method puts in as they are (Barry & Pace
 * 1999: tr(W) = Σ w_ii, tr(W²) = Σ w_ij w_ji), tr(WᵀW) for the LM tests (Anselin 1988:
 * T = tr(WᵀW + WW)), and all powers for small n from dense powers or from eigenvalues.
 */
import type { Csr } from '../sparse/csr';
import { transpose } from '../sparse/build';

/** tr(W) = Σ w_ii. */
export function traceW(w: Csr): number {
  let s = 0;
  for (let i = 0; i < w.nrows; i++) {
    for (let p = w.rowPtr[i]; p < w.rowPtr[i + 1]; p++) if (w.colIdx[p] === i) s += w.values[p];
  }
  return s;
}

/** tr(WᵀW) = Σ_ij w_ij². */
export function traceWtW(w: Csr): number {
  let s = 0;
  for (let p = 0; p < w.values.length; p++) s += w.values[p] * w.values[p];
  return s;
}

/** tr(WW) = Σ_ij w_ij w_ji: row i of W merged with row i of Wᵀ (both sorted by column). */
export function traceWW(w: Csr): number {
  const t = transpose(w);
  let s = 0;
  for (let i = 0; i < w.nrows; i++) {
    let p = w.rowPtr[i];
    let q = t.rowPtr[i];
    const pe = w.rowPtr[i + 1];
    const qe = t.rowPtr[i + 1];
    while (p < pe && q < qe) {
      const cp = w.colIdx[p];
      const cq = t.colIdx[q];
      if (cp === cq) s += w.values[p++] * t.values[q++];
      else if (cp < cq) p++;
      else q++;
    }
  }
  return s;
}

/** t[k-1] = Σ Re(λ^k), k = 1..order, from eigenvalues (complex pairs included). */
export function tracesFromEigenvalues(eig: { re: Float64Array; im: Float64Array }, order: number): Float64Array {
  const t = new Float64Array(order);
  for (let i = 0; i < eig.re.length; i++) {
    const a = eig.re[i];
    const b = eig.im[i];
    let pr = 1;
    let pi = 0;
    for (let k = 0; k < order; k++) {
      const r = pr * a - pi * b;
      pi = pr * b + pi * a;
      pr = r;
      t[k] += pr;
    }
  }
  return t;
}

/**
 * t[k-1] = tr(A^k) exactly from dense powers, O(order · nnz · n) time and 2n² memory. For
 * symmetric A half the powers suffice: tr(A^{2j}) = ‖A^j‖²_F, tr(A^{2j+1}) = ⟨A^j, A^{j+1}⟩_F.
 * For non-symmetric A, `cross` (if given) receives cross[k-1] = tr(AᵀA^k) = ⟨A, A^k⟩_F.
 */
export function densePowerTraces(a: Csr, order: number, symmetric: boolean, cross?: Float64Array): Float64Array {
  const n = a.nrows;
  const t = new Float64Array(order);
  let cur = new Float64Array(n * n);
  let next = new Float64Array(n * n);
  for (let i = 0; i < n; i++) cur[i * n + i] = 1;
  const steps = symmetric ? Math.ceil(order / 2) : order;
  for (let j = 1; j <= steps; j++) {
    multiplySparseDense(a, cur, next, n);
    if (symmetric) {
      let odd = 0;
      let even = 0;
      for (let q = 0; q < n * n; q++) {
        odd += cur[q] * next[q];
        even += next[q] * next[q];
      }
      t[2 * j - 2] = odd;
      if (2 * j <= order) t[2 * j - 1] = even;
    } else {
      let tr = 0;
      for (let i = 0; i < n; i++) tr += next[i * n + i];
      t[j - 1] = tr;
      if (cross) {
        let c = 0;
        for (let i = 0; i < n; i++) {
          for (let p = a.rowPtr[i]; p < a.rowPtr[i + 1]; p++) c += a.values[p] * next[i * n + a.colIdx[p]];
        }
        cross[j - 1] = c;
      }
    }
    const swap = cur;
    cur = next;
    next = swap;
  }
  return t;
}

/** out = A·M for sparse A and dense row-major n × n M (row i of out = Σ_p a_ip · row col_p of M). */
function multiplySparseDense(a: Csr, m: Float64Array, out: Float64Array, n: number): void {
  out.fill(0);
  for (let i = 0; i < n; i++) {
    const oi = i * n;
    for (let p = a.rowPtr[i]; p < a.rowPtr[i + 1]; p++) {
      const v = a.values[p];
      const mj = a.colIdx[p] * n;
      for (let c = 0; c < n; c++) out[oi + c] += v * m[mj + c];
    }
  }
}
