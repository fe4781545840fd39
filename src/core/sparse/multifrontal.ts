/**
 * Numeric multifrontal factorisation over a `SymbolicFactor`: for each supernode in postorder,
 * assemble A's entries and the children's update matrices into a dense front, eliminate its
 * columns with the dense kernels, push the Schur complement for the parent. One workspace
 * per symbolic factor is reused for every factorisation (no allocation per ρ).
 */
import { frontCholesky, frontLU } from './dense-front';
import type { SymbolicFactor } from './symbolic';

export interface Workspace {
  readonly front: Float64Array;
  readonly stack: Float64Array;
  /** The supernodes whose update matrices wait on the stack, in push order. */
  readonly pending: Int32Array;
  /** Where each pending update starts on the stack. */
  readonly pendingAt: Float64Array;
}

export function createWorkspace(sym: SymbolicFactor): Workspace {
  const triangles = sym.lu ? 2 : 1;
  return {
    front: new Float64Array(triangles * sym.maxFront * sym.maxFront),
    stack: new Float64Array(sym.stackSize),
    pending: new Int32Array(sym.nsuper),
    pendingAt: new Float64Array(sym.nsuper),
  };
}

/**
 * Doubles a kept factor takes: per front an m × k block of L's columns, and for LU a second one
 * at offset factorStart[nsuper] holding U's rows transposed (strict upper part; U's diagonal
 * sits on L's, whose own unit diagonal is implied).
 */
export function factorLength(sym: SymbolicFactor): number {
  return (sym.lu ? 2 : 1) * sym.factorStart[sym.nsuper];
}

/**
 * Cholesky factorisation A = LLᵀ (in the symbolic order) of the symmetric matrix whose entries
 * are `values`, in the positions of the pattern that was analysed. Returns ln det A. Keeps the
 * factor in `factor` (length `factorLength(sym)`) when given, for `factorSolve` and the
 * selected inverse. Throws PivotError when A is not positive definite.
 */
export function choleskyFactor(sym: SymbolicFactor, values: Float64Array, ws: Workspace, factor?: Float64Array): number {
  if (sym.lu) throw new Error('choleskyFactor needs a symbolic factor analysed for Cholesky');
  return 2 * factorise(sym, values, ws, factor);
}

/**
 * ln |det A| by LU without pivoting (sym analysed with lu = true); keeps L and U in `factor`
 * (length `factorLength(sym)`) when given. Throws PivotError on a zero pivot.
 */
export function luFactor(sym: SymbolicFactor, values: Float64Array, ws: Workspace, factor?: Float64Array): number {
  if (!sym.lu) throw new Error('luFactor needs a symbolic factor analysed for LU');
  return factorise(sym, values, ws, factor);
}

function factorise(sym: SymbolicFactor, values: Float64Array, ws: Workspace, factor: Float64Array | undefined): number {
  const { superStart, rowStart, asmStart, asmSrc, asmDst, childCount, relStart, relIdx, factorStart, lu, nsuper } = sym;
  const { front, stack, pending, pendingAt } = ws;
  let npending = 0;
  let top = 0;
  let logDiag = 0;
  for (let s = 0; s < nsuper; s++) {
    const k = superStart[s + 1] - superStart[s];
    const m = rowStart[s + 1] - rowStart[s];
    clearFront(front, m, lu);
    for (let q = asmStart[s]; q < asmStart[s + 1]; q++) front[asmDst[q]] += values[asmSrc[q]];
    // In postorder the children's updates are the last childCount[s] pushed.
    const nc = childCount[s];
    for (let c = npending - nc; c < npending; c++) {
      const child = pending[c];
      extendAdd(front, m, stack, pendingAt[c], relIdx, relStart[child], relStart[child + 1] - relStart[child], lu);
    }
    if (nc > 0) {
      npending -= nc;
      top = pendingAt[npending];
    }
    logDiag += lu ? frontLU(front, m, k) : frontCholesky(front, m, k);
    if (factor) {
      copyFactor(front, m, k, factor, factorStart[s], 0);
      if (lu) copyFactor(front, m, k, factor, factorStart[nsuper] + factorStart[s], m * m);
    }
    if (m > k) {
      pending[npending] = s;
      pendingAt[npending++] = top;
      top = pushUpdate(front, m, k, stack, top, lu);
    }
  }
  return logDiag;
}

/** Zeroes the lower triangle of an m × m front (and the transposed upper one for LU). */
function clearFront(front: Float64Array, m: number, lu: boolean): void {
  const mm = m * m;
  for (let r = 0; r < m; r++) {
    const rr = r * m;
    front.fill(0, rr, rr + r + 1);
    if (lu) front.fill(0, mm + rr, mm + rr + r);
  }
}

/** Adds a child's u × u update (row-major, lower; then the transposed upper for LU) into the front. */
function extendAdd(
  front: Float64Array,
  m: number,
  stack: Float64Array,
  at: number,
  relIdx: Int32Array,
  rel0: number,
  u: number,
  lu: boolean,
): void {
  const uu = u * u;
  const mm = m * m;
  for (let a = 0; a < u; a++) {
    const ra = relIdx[rel0 + a] * m;
    const src = at + a * u;
    for (let b = 0; b <= a; b++) front[ra + relIdx[rel0 + b]] += stack[src + b];
    if (lu) for (let b = 0; b < a; b++) front[mm + ra + relIdx[rel0 + b]] += stack[uu + src + b];
  }
}

/** Copies the front's Schur complement (rows and columns k..m-1) onto the stack; returns the new top. */
function pushUpdate(front: Float64Array, m: number, k: number, stack: Float64Array, top: number, lu: boolean): number {
  const u = m - k;
  const uu = u * u;
  const mm = m * m;
  for (let a = 0; a < u; a++) {
    const from = (k + a) * m + k;
    stack.set(front.subarray(from, from + a + 1), top + a * u);
    if (lu) stack.set(front.subarray(mm + from, mm + from + a), top + uu + a * u);
  }
  return top + (lu ? 2 : 1) * uu;
}

/**
 * Keeps the first k columns (all m rows) of the front's triangle at `offset` (0: L with U's
 * diagonal; m²: U transposed, strict) as an m × k row-major block.
 */
function copyFactor(front: Float64Array, m: number, k: number, factor: Float64Array, at: number, offset: number): void {
  const diagonal = offset === 0 ? 1 : 0;
  for (let r = 0; r < m; r++) {
    const from = offset + r * m;
    factor.set(front.subarray(from, from + (r < k ? r + diagonal : k)), at + r * k);
  }
}
