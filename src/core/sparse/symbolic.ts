/**
 * Symbolic analysis for a multifrontal factorisation (Duff & Reid 1983; Liu 1992) of a matrix
 * with symmetric pattern, done once per pattern and reused for every numeric factorisation:
 * elimination tree, postorder, column counts, relaxed supernodes (Ashcraft & Grimes 1989, with
 * CHOLMOD's amalgamation rules), the row structure of each front, and index maps that let the
 * numeric phase assemble A and the children's update matrices without searching.
 */
import { permuteSymmetricWithSource, transposeWithSource, type Pattern } from './build';

export interface SymbolicFactor {
  readonly n: number;
  /** perm[new] = old: the fill-reducing order given, postordered along the elimination tree. */
  readonly perm: Int32Array;
  /** Whether the maps cover both triangles (LU) or the lower one only (Cholesky). */
  readonly lu: boolean;
  readonly nsuper: number;
  /** Supernode s holds columns superStart[s] .. superStart[s + 1] - 1 (in the new order). */
  readonly superStart: Int32Array;
  /** Rows of front s: rowIdx[rowStart[s] ..], its own columns first, then the others ascending. */
  readonly rowStart: Int32Array;
  readonly rowIdx: Int32Array;
  /** Assembly of A into front s: value asmSrc[q] (position in the pattern) added at asmDst[q]. */
  readonly asmStart: Int32Array;
  readonly asmSrc: Int32Array;
  readonly asmDst: Int32Array;
  /** Number of children of each supernode; their update matrices lie on top of the stack. */
  readonly childCount: Int32Array;
  /** Parent supernode in the assembly tree (-1 for a root). */
  readonly superParent: Int32Array;
  /** Positions in the parent's front of the update rows of s: relIdx[relStart[s] ..]. */
  readonly relStart: Int32Array;
  readonly relIdx: Int32Array;
  /** Largest front order, and the doubles the update-matrix stack needs. */
  readonly maxFront: number;
  readonly stackSize: number;
  /** Where front s's factor columns start when the factor is kept (m × k, row-major). */
  readonly factorStart: Float64Array;
  /** Entries of L (lower, with diagonal) without the explicit zeros of relaxed supernodes. */
  readonly nnzL: number;
  /** Multiply-adds of a numeric Cholesky (Σ over columns of c(c - 1) / 2, c the column count). */
  readonly flops: number;
}

/**
 * Analyses the symmetric `pattern` (diagonal included) for the order `ordering` (perm[new] =
 * old). With `lu` the maps also place the strict upper triangle, for an LU of a matrix whose
 * values are unsymmetric on this symmetric pattern.
 */
export function analyse(pattern: Pattern, ordering: Int32Array, lu: boolean): SymbolicFactor {
  const n = pattern.nrows;
  const tree = eliminationTree(pattern, ordering);
  const post = postorder(tree);
  // Relabel in postorder: subtrees become contiguous, and supernodes runs of columns.
  const perm = new Int32Array(n);
  const newLabel = new Int32Array(n);
  for (let k = 0; k < n; k++) {
    perm[k] = ordering[post[k]];
    newLabel[post[k]] = k;
  }
  const parent = new Int32Array(n);
  for (let k = 0; k < n; k++) parent[k] = tree[post[k]] < 0 ? -1 : newLabel[tree[post[k]]];
  const { pattern: b, source } = permuteSymmetricWithSource(pattern, perm);
  const colCount = columnCounts(b, parent);
  let nnzL = 0;
  let flops = 0;
  for (let j = 0; j < n; j++) {
    nnzL += colCount[j];
    flops += (colCount[j] * (colCount[j] - 1)) / 2;
  }
  const superStart = relaxedSupernodes(parent, colCount);
  const nsuper = superStart.length - 1;
  const superOf = new Int32Array(n);
  for (let s = 0; s < nsuper; s++) superOf.fill(s, superStart[s], superStart[s + 1]);
  const superParent = new Int32Array(nsuper);
  const childCount = new Int32Array(nsuper);
  for (let s = 0; s < nsuper; s++) {
    const p = parent[superStart[s + 1] - 1];
    superParent[s] = p < 0 ? -1 : superOf[p];
    if (p >= 0) childCount[superOf[p]]++;
  }
  const fronts = frontStructures(b, colCount, superStart, superParent, childCount, lu);
  const maps = indexMaps(b, source, superStart, superParent, fronts, lu);
  return { n, perm, lu, nsuper, superStart, childCount, superParent, flops, nnzL, ...fronts, ...maps };
}

/**
 * Elimination tree of the lower triangle of P b Pᵀ for perm[new] = old (Liu 1986; cs_etree),
 * read through the permutation rather than from a permuted copy.
 */
function eliminationTree(b: Pattern, perm: Int32Array): Int32Array {
  const n = b.nrows;
  const inv = new Int32Array(n);
  for (let k = 0; k < n; k++) inv[perm[k]] = k;
  const parent = new Int32Array(n).fill(-1);
  const ancestor = new Int32Array(n).fill(-1);
  for (let i = 0; i < n; i++) {
    const old = perm[i];
    for (let p = b.rowPtr[old]; p < b.rowPtr[old + 1]; p++) {
      let k = inv[b.colIdx[p]];
      while (k !== -1 && k < i) {
        const next = ancestor[k];
        ancestor[k] = i; // path compression
        if (next === -1) parent[k] = i;
        k = next;
      }
    }
  }
  return parent;
}

/** post[k] = the k-th vertex in a depth-first postorder of the forest. */
function postorder(parent: Int32Array): Int32Array {
  const n = parent.length;
  const head = new Int32Array(n).fill(-1);
  const next = new Int32Array(n);
  for (let j = n - 1; j >= 0; j--) {
    if (parent[j] < 0) continue;
    next[j] = head[parent[j]];
    head[parent[j]] = j;
  }
  const post = new Int32Array(n);
  const stack = new Int32Array(n);
  let k = 0;
  for (let root = 0; root < n; root++) {
    if (parent[root] >= 0) continue;
    let top = 0;
    stack[0] = root;
    while (top >= 0) {
      const v = stack[top];
      const child = head[v];
      if (child === -1) {
        top--;
        post[k++] = v;
      } else {
        head[v] = next[child];
        stack[++top] = child;
      }
    }
  }
  return post;
}

/**
 * Entries per column of L, diagonal included, by walking each row's subtree of the elimination
 * tree (row i of L is the union of the paths from the columns of row i of A up to i): O(|L|).
 */
function columnCounts(b: Pattern, parent: Int32Array): Int32Array {
  const n = b.nrows;
  const count = new Int32Array(n).fill(1);
  const mark = new Int32Array(n).fill(-1);
  for (let i = 0; i < n; i++) {
    mark[i] = i;
    for (let p = b.rowPtr[i]; p < b.rowPtr[i + 1]; p++) {
      let k = b.colIdx[p];
      if (k >= i) break;
      while (mark[k] !== i) {
        count[k]++;
        mark[k] = i;
        k = parent[k];
      }
    }
  }
  return count;
}

/**
 * Supernodes: runs of columns j, j+1 where j+1 is j's parent and column j's structure is
 * column j+1's plus j+1 itself; then a child supernode is merged into its parent when that
 * adds few explicit zeros (CHOLMOD's defaults: always up to 4 columns, up to 16 columns with
 * < 80 % zeros, up to 48 with < 10 %, any size with < 5 %). Bigger fronts mean fewer, denser
 * kernels, which is where a multifrontal code gets its speed. Returns the start columns.
 */
function relaxedSupernodes(parent: Int32Array, colCount: Int32Array): Int32Array {
  const n = parent.length;
  const starts: number[] = [];
  for (let j = 0; j < n; j++) {
    const continues = j > 0 && parent[j - 1] === j && colCount[j - 1] === colCount[j] + 1;
    if (!continues) starts.push(j);
  }
  const ns = starts.length;
  starts.push(n);
  const ncols = new Float64Array(ns);
  const nrows = new Float64Array(ns);
  const zeros = new Float64Array(ns);
  const absorbed = new Uint8Array(ns);
  for (let s = 0; s < ns; s++) {
    ncols[s] = starts[s + 1] - starts[s];
    nrows[s] = colCount[starts[s]];
  }
  // From the last supernode down, so a parent that already absorbed its own child is seen
  // with its merged size (supernodes are contiguous in postorder: s + 1 is s's parent
  // exactly when s is the last child).
  for (let s = ns - 2; s >= 0; s--) {
    const lastCol = starts[s + 1] - 1;
    if (parent[lastCol] !== starts[s + 1]) continue;
    const p = s + 1;
    const mergedRows = ncols[s] + nrows[p];
    const addedZeros = ncols[s] * (mergedRows - nrows[s]);
    const totalZeros = zeros[s] + zeros[p] + addedZeros;
    const cols = ncols[s] + ncols[p];
    const entries = cols * mergedRows - (cols * (cols - 1)) / 2;
    const z = totalZeros / entries;
    const merge = cols <= 4 || (cols <= 16 && z < 0.8) || (cols <= 48 && z < 0.1) || z < 0.05;
    if (!merge) continue;
    ncols[s] = cols;
    nrows[s] = mergedRows;
    zeros[s] = totalZeros;
    absorbed[p] = 1;
  }
  const out: number[] = [];
  for (let s = 0; s < ns; s++) if (!absorbed[s]) out.push(starts[s]);
  out.push(n);
  return Int32Array.from(out);
}

interface Fronts {
  rowStart: Int32Array;
  rowIdx: Int32Array;
  maxFront: number;
  stackSize: number;
  factorStart: Float64Array;
}

/**
 * Rows of each front: its columns, the rows of A below them, and the children's update rows
 * (Liu 1992). Also sizes the update stack by replaying the postorder.
 */
function frontStructures(
  b: Pattern,
  colCount: Int32Array,
  superStart: Int32Array,
  superParent: Int32Array,
  childCount: Int32Array,
  lu: boolean,
): Fronts {
  const nsuper = superStart.length - 1;
  const n = b.nrows;
  // Children lists (ascending) to union their structures.
  const childHead = new Int32Array(nsuper).fill(-1);
  const childNext = new Int32Array(nsuper);
  for (let s = nsuper - 1; s >= 0; s--) {
    const p = superParent[s];
    if (p < 0) continue;
    childNext[s] = childHead[p];
    childHead[p] = s;
  }
  // A front's rows beyond its columns are those of its last column (the merged children's
  // structures lie inside their parents'), so the sizes are known before the unions.
  const rowStart = new Int32Array(nsuper + 1);
  for (let s = 0; s < nsuper; s++) {
    const l = superStart[s + 1];
    rowStart[s + 1] = rowStart[s] + (l - superStart[s]) + colCount[l - 1] - 1;
  }
  const rowIdx = new Int32Array(rowStart[nsuper]);
  const mark = new Int32Array(n).fill(-1);
  let maxFront = 0;
  for (let s = 0; s < nsuper; s++) {
    const f = superStart[s];
    const l = superStart[s + 1];
    let used = rowStart[s];
    for (let j = f; j < l; j++) {
      rowIdx[used++] = j;
      mark[j] = s;
    }
    const restStart = used;
    for (let j = f; j < l; j++) {
      for (let p = b.rowPtr[j]; p < b.rowPtr[j + 1]; p++) {
        const i = b.colIdx[p];
        if (i >= l && mark[i] !== s) {
          mark[i] = s;
          rowIdx[used++] = i;
        }
      }
    }
    for (let c = childHead[s]; c !== -1; c = childNext[c]) {
      for (let q = rowStart[c] + superStart[c + 1] - superStart[c]; q < rowStart[c + 1]; q++) {
        const i = rowIdx[q];
        if (i >= l && mark[i] !== s) {
          mark[i] = s;
          rowIdx[used++] = i;
        }
      }
    }
    if (used !== rowStart[s + 1]) throw new Error(`symbolic analysis: front ${s} has ${used - rowStart[s]} rows, expected ${rowStart[s + 1] - rowStart[s]}`);
    rowIdx.subarray(restStart, used).sort();
    maxFront = Math.max(maxFront, used - rowStart[s]);
  }
  // Replay the postorder: each supernode pops its children's updates and pushes its own
  // (both triangles for LU).
  const triangles = lu ? 2 : 1;
  const factorStart = new Float64Array(nsuper + 1);
  const pending: number[] = [];
  let top = 0;
  let stackSize = 0;
  for (let s = 0; s < nsuper; s++) {
    const k = superStart[s + 1] - superStart[s];
    const m = rowStart[s + 1] - rowStart[s];
    for (let c = 0; c < childCount[s]; c++) top = pending.pop() as number;
    pending.push(top);
    top += triangles * (m - k) * (m - k);
    stackSize = Math.max(stackSize, top);
    factorStart[s + 1] = factorStart[s] + m * k;
  }
  return { rowStart, rowIdx, maxFront, stackSize, factorStart };
}

interface Maps {
  asmStart: Int32Array;
  asmSrc: Int32Array;
  asmDst: Int32Array;
  relStart: Int32Array;
  relIdx: Int32Array;
}

/**
 * Where each entry of A goes in its front and where each child's update rows go in the parent's
 * front. Fronts are row-major m × m: the lower triangle (L and, for LU, U's diagonal) at offset
 * 0, for LU the strict upper triangle stored transposed at offset m² (so U's columns are
 * contiguous rows there, as the dense kernels want).
 */
function indexMaps(
  b: Pattern,
  source: Int32Array,
  superStart: Int32Array,
  superParent: Int32Array,
  fronts: Fronts,
  lu: boolean,
): Maps {
  const n = b.nrows;
  const nsuper = superStart.length - 1;
  const { rowStart, rowIdx } = fronts;
  const transposed = transposeWithSource(b).source; // b is symmetric: position of (j, i) for (i, j)
  const nnzB = b.rowPtr[n];
  const asmCount = lu ? nnzB : (nnzB + n) / 2;
  const asmStart = new Int32Array(nsuper + 1);
  const asmSrc = new Int32Array(asmCount);
  const asmDst = new Int32Array(asmCount);
  const relStart = new Int32Array(nsuper + 1);
  for (let s = 0; s < nsuper; s++) {
    const k = superStart[s + 1] - superStart[s];
    relStart[s + 1] = relStart[s] + (rowStart[s + 1] - rowStart[s] - k);
  }
  const relIdx = new Int32Array(relStart[nsuper]);
  const pos = new Int32Array(n);
  let q = 0;
  for (let s = 0; s < nsuper; s++) {
    const f = superStart[s];
    const l = superStart[s + 1];
    const r0 = rowStart[s];
    const m = rowStart[s + 1] - r0;
    for (let a = 0; a < m; a++) pos[rowIdx[r0 + a]] = a;
    asmStart[s] = q;
    for (let j = f; j < l; j++) {
      const col = j - f;
      // Row j of b, entries (j, i) with i >= j: A[i][j] is lower, A[j][i] (i > j) upper.
      for (let p = b.rowPtr[j]; p < b.rowPtr[j + 1]; p++) {
        const i = b.colIdx[p];
        if (i < j) continue;
        asmSrc[q] = source[transposed[p]];
        asmDst[q++] = pos[i] * m + col;
        if (lu && i > j) {
          asmSrc[q] = source[p];
          asmDst[q++] = m * m + pos[i] * m + col;
        }
      }
    }
  }
  asmStart[nsuper] = q;
  // Relative indices of each child's update rows in its parent's front.
  for (let s = 0; s < nsuper; s++) {
    const p = superParent[s];
    if (p < 0) continue;
    const k = superStart[s + 1] - superStart[s];
    const pr0 = rowStart[p];
    // Parent rows are its columns (contiguous) then ascending rows: binary search by row.
    const pf = superStart[p];
    const pk = superStart[p + 1] - pf;
    const pm = rowStart[p + 1] - pr0;
    let at = relStart[s];
    for (let a = rowStart[s] + k; a < rowStart[s + 1]; a++) {
      const i = rowIdx[a];
      relIdx[at++] = i < pf + pk ? i - pf : pk + lowerBound(rowIdx, pr0 + pk, pr0 + pm, i) - (pr0 + pk);
    }
  }
  return { asmStart, asmSrc, asmDst, relStart, relIdx };
}

function lowerBound(a: Int32Array, lo: number, hi: number, x: number): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
