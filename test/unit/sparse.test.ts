import * as assert from 'assert';
import { LuDecomposition, Matrix, CholeskyDecomposition, EigenvalueDecomposition } from 'ml-matrix';
import {
  adjacencyGraph,
  csrFromTriplets,
  permuteSymmetric,
  symmetricPattern,
  transpose,
  type Pattern,
} from '../../src/core/sparse/build';
import type { Csr } from '../../src/core/sparse/csr';
import { nestedDissection } from '../../src/core/sparse/nested-dissection';
import { breadthFirstOrder } from '../../src/core/sparse/bfs';
import { analyse } from '../../src/core/sparse/symbolic';
import { choleskyFactor, createWorkspace, factorLength, luFactor } from '../../src/core/sparse/multifrontal';
import { prepareTraceQueries, selectedInverseTraces } from '../../src/core/sparse/selected-inverse';
import { factorSolve } from '../../src/core/sparse/factor-solve';
import { PivotError } from '../../src/core/sparse/dense-front';
import { lanczosExtremes } from '../../src/core/sparse/lanczos';
import { matVec } from '../../src/core/sparse/csr';
import { Xoshiro128 } from '../../src/core/traces/random';

/** nx × ny grid, 8 neighbours (king moves); off-diagonal weights random in (0, 1). */
function gridMatrix(nx: number, ny: number, opts: { symmetric: boolean; diagonal: number; seed: number }): Csr {
  const rng = new Xoshiro128(opts.seed);
  const rows: number[] = [];
  const cols: number[] = [];
  const vals: number[] = [];
  const id = (x: number, y: number) => x * ny + y;
  for (let x = 0; x < nx; x++) {
    for (let y = 0; y < ny; y++) {
      rows.push(id(x, y));
      cols.push(id(x, y));
      vals.push(opts.diagonal);
      for (const [dx, dy] of [[1, 0], [0, 1], [1, 1], [1, -1]]) {
        const X = x + dx;
        const Y = y + dy;
        if (X >= nx || Y < 0 || Y >= ny) continue;
        const a = -rng.nextFloat();
        rows.push(id(x, y), id(X, Y));
        cols.push(id(X, Y), id(x, y));
        vals.push(a, opts.symmetric ? a : -rng.nextFloat());
      }
    }
  }
  return csrFromTriplets(nx * ny, nx * ny, rows, cols, vals);
}

function dense(a: Csr): Matrix {
  const m = Matrix.zeros(a.nrows, a.ncols);
  for (let i = 0; i < a.nrows; i++) for (let p = a.rowPtr[i]; p < a.rowPtr[i + 1]; p++) m.set(i, a.colIdx[p], a.values[p]);
  return m;
}

function denseLogAbsDet(a: Csr): number {
  const u = new LuDecomposition(dense(a)).upperTriangularMatrix;
  let s = 0;
  for (let i = 0; i < a.nrows; i++) s += Math.log(Math.abs(u.get(i, i)));
  return s;
}

/** The values of `a` on the pattern of a + aᵀ + I, as the factorisations take them. */
function onPattern(a: Csr): { pattern: Pattern; values: Float64Array } {
  const { pattern, fromA } = symmetricPattern(a, true);
  return { pattern, values: Float64Array.from(fromA, (p) => (p >= 0 ? a.values[p] : 0)) };
}

function identity(n: number): Int32Array {
  return Int32Array.from({ length: n }, (_, i) => i);
}

function isPermutation(p: Int32Array): boolean {
  const seen = new Uint8Array(p.length);
  for (const v of p) {
    if (v < 0 || v >= p.length || seen[v]) return false;
    seen[v] = 1;
  }
  return true;
}

suite('sparse: building CSR matrices', () => {
  test('triplets are summed when repeated and sorted by column within rows', () => {
    const a = csrFromTriplets(2, 3, [1, 0, 1, 0], [2, 1, 0, 1], [5, 1, 7, 2]);
    assert.deepStrictEqual(Array.from(a.rowPtr), [0, 1, 3]);
    assert.deepStrictEqual(Array.from(a.colIdx), [1, 0, 2]);
    assert.deepStrictEqual(Array.from(a.values), [3, 7, 5]);
  });

  test('a triplet outside the matrix is refused', () => {
    assert.throws(() => csrFromTriplets(2, 2, [0], [2], [1]), RangeError);
  });

  test('transposing twice gives the matrix back, and Aᵀ matches the dense transpose', () => {
    const a = gridMatrix(5, 4, { symmetric: false, diagonal: 3, seed: 1 });
    const t = transpose(a);
    assert.deepStrictEqual(dense(t).to2DArray(), dense(a).transpose().to2DArray());
    const tt = transpose(t);
    assert.deepStrictEqual(Array.from(tt.colIdx), Array.from(a.colIdx));
    assert.deepStrictEqual(Array.from(tt.values), Array.from(a.values));
  });

  test('the symmetric pattern holds A + Aᵀ + I and maps back to the entries of A', () => {
    const a = csrFromTriplets(3, 3, [0, 2], [1, 0], [4, 5]);
    const { pattern, fromA } = symmetricPattern(a, true);
    assert.deepStrictEqual(Array.from(pattern.rowPtr), [0, 3, 5, 7]);
    assert.deepStrictEqual(Array.from(pattern.colIdx), [0, 1, 2, 0, 1, 0, 2]);
    assert.deepStrictEqual(Array.from(fromA), [-1, 0, -1, -1, -1, 1, -1]);
  });

  test('P A Pᵀ equals the dense symmetric permutation', () => {
    const a = gridMatrix(4, 4, { symmetric: false, diagonal: 2, seed: 2 });
    const perm = Int32Array.from([5, 3, 0, 15, 1, 2, 4, 6, 7, 8, 9, 10, 11, 12, 13, 14]);
    const b = dense(permuteSymmetric(a, perm));
    const d = dense(a);
    for (let i = 0; i < 16; i++) for (let j = 0; j < 16; j++) assert.strictEqual(b.get(i, j), d.get(perm[i], perm[j]));
  });
});

suite('sparse: orderings', function () {
  this.timeout(30_000);
  test('nested dissection cuts the fill of a 100 × 100 grid to well under half of the natural order', () => {
    const a = gridMatrix(100, 100, { symmetric: true, diagonal: 10, seed: 3 });
    const { pattern } = symmetricPattern(a, true);
    const nd = nestedDissection(adjacencyGraph(a));
    assert.ok(isPermutation(nd));
    const natural = analyse(pattern, identity(a.nrows), false).nnzL;
    const dissected = analyse(pattern, nd, false).nnzL;
    assert.ok(dissected < 0.5 * natural, `nnz(L): nested dissection ${dissected}, natural ${natural}`);
  });

  test('disconnected graphs and isolated vertices are ordered too', () => {
    const a = csrFromTriplets(7, 7, [0, 1, 3, 4, 5, 6], [1, 0, 4, 5, 6, 3], [1, 1, 1, 1, 1, 1]);
    assert.ok(isPermutation(nestedDissection(adjacencyGraph(a))));
    assert.ok(isPermutation(breadthFirstOrder(adjacencyGraph(a))));
  });

  test('the breadth-first order keeps neighbours close in index', () => {
    const a = gridMatrix(30, 30, { symmetric: true, diagonal: 10, seed: 4 });
    const shuffled = identity(a.nrows);
    const rng = new Xoshiro128(5);
    for (let i = shuffled.length - 1; i > 0; i--) {
      const j = rng.nextUint32() % (i + 1);
      [shuffled[i], shuffled[j]] = [shuffled[j], shuffled[i]];
    }
    const scrambled = permuteSymmetric(a, shuffled);
    const bandwidth = (m: Csr) => {
      let b = 0;
      for (let i = 0; i < m.nrows; i++) for (let p = m.rowPtr[i]; p < m.rowPtr[i + 1]; p++) b = Math.max(b, Math.abs(m.colIdx[p] - i));
      return b;
    };
    const ordered = permuteSymmetric(scrambled, breadthFirstOrder(adjacencyGraph(scrambled)));
    assert.ok(bandwidth(ordered) <= 2 * 31, `bandwidth ${bandwidth(ordered)}`);
  });
});

suite('sparse: multifrontal Cholesky and LU', function () {
  this.timeout(30_000);
  test('the symbolic count of L matches a dense factorisation of the reordered matrix', () => {
    const a = gridMatrix(9, 7, { symmetric: true, diagonal: 10, seed: 6 });
    const { pattern } = symmetricPattern(a, true);
    const sym = analyse(pattern, nestedDissection(adjacencyGraph(a)), false);
    const l = new CholeskyDecomposition(dense(permuteSymmetric(a, sym.perm))).lowerTriangularMatrix;
    let nnz = 0;
    for (let i = 0; i < a.nrows; i++) for (let j = 0; j <= i; j++) if (l.get(i, j) !== 0) nnz++;
    assert.strictEqual(sym.nnzL, nnz);
  });

  test('ln det A of a symmetric positive definite matrix equals the dense value', () => {
    const a = gridMatrix(23, 17, { symmetric: true, diagonal: 4.5, seed: 7 });
    const { pattern, values } = onPattern(a);
    const sym = analyse(pattern, nestedDissection(adjacencyGraph(a)), false);
    const got = choleskyFactor(sym, values, createWorkspace(sym));
    const want = denseLogAbsDet(a);
    assert.ok(Math.abs(got - want) <= 1e-10 * Math.abs(want), `${got} vs ${want}`);
  });

  test('solving with the factor leaves a residual ‖Ax − b‖∞ at rounding level (≤ 1e-13 ‖b‖∞)', () => {
    const a = gridMatrix(31, 29, { symmetric: true, diagonal: 4.5, seed: 8 });
    const { pattern, values } = onPattern(a);
    const sym = analyse(pattern, nestedDissection(adjacencyGraph(a)), false);
    const factor = new Float64Array(factorLength(sym));
    choleskyFactor(sym, values, createWorkspace(sym), factor);
    const b = Float64Array.from({ length: a.nrows }, (_, i) => Math.sin(i) + 1); // ‖b‖∞ ≤ 2
    const x = factorSolve(sym, factor, b);
    const ax = matVec(a, x);
    let residual = 0;
    for (let i = 0; i < b.length; i++) residual = Math.max(residual, Math.abs(ax[i] - b[i]));
    assert.ok(residual < 2e-13, `residual ${residual}`);
  });

  test('a matrix that is not positive definite is reported by the pivot that fails', () => {
    const a = gridMatrix(6, 6, { symmetric: true, diagonal: 0.5, seed: 9 });
    const { pattern, values } = onPattern(a);
    const sym = analyse(pattern, nestedDissection(adjacencyGraph(a)), false);
    assert.throws(() => choleskyFactor(sym, values, createWorkspace(sym)), PivotError);
  });

  test('LU without pivoting gives ln |det A| of a diagonally dominant asymmetric matrix', () => {
    const a = gridMatrix(21, 19, { symmetric: false, diagonal: 8.5, seed: 10 });
    const { pattern, values } = onPattern(a);
    const sym = analyse(pattern, nestedDissection(adjacencyGraph(a)), true);
    const got = luFactor(sym, values, createWorkspace(sym));
    const want = denseLogAbsDet(a);
    assert.ok(Math.abs(got - want) <= 1e-10 * Math.abs(want), `${got} vs ${want}`);
  });

  test('solving with a kept LU factor leaves a residual at rounding level', () => {
    const a = gridMatrix(27, 25, { symmetric: false, diagonal: 8.5, seed: 13 });
    const { pattern, values } = onPattern(a);
    const sym = analyse(pattern, nestedDissection(adjacencyGraph(a)), true);
    const factor = new Float64Array(factorLength(sym));
    luFactor(sym, values, createWorkspace(sym), factor);
    const b = Float64Array.from({ length: a.nrows }, (_, i) => Math.cos(i) - 0.5);
    const x = factorSolve(sym, factor, b);
    const ax = matVec(a, x);
    let residual = 0;
    for (let i = 0; i < b.length; i++) residual = Math.max(residual, Math.abs(ax[i] - b[i]));
    assert.ok(residual < 1e-13, `residual ${residual}`);
  });

  test('one workspace serves repeated factorisations with different values', () => {
    const a = gridMatrix(12, 12, { symmetric: true, diagonal: 9, seed: 11 });
    const { pattern, values } = onPattern(a);
    const sym = analyse(pattern, nestedDissection(adjacencyGraph(a)), false);
    const ws = createWorkspace(sym);
    const first = choleskyFactor(sym, values, ws);
    choleskyFactor(sym, values.map((v) => 2 * v), ws);
    assert.strictEqual(choleskyFactor(sym, values, ws), first);
  });
});

suite('sparse: selected inverse', function () {
  this.timeout(30_000);
  /** tr(C A⁻¹) and diag(A⁻¹) against a dense inverse, for C on A's pattern. */
  function check(a: Csr, lu: boolean, label: string): void {
    const { pattern, values } = onPattern(a);
    const sym = analyse(pattern, nestedDissection(adjacencyGraph(a)), lu);
    const factor = new Float64Array(factorLength(sym));
    (lu ? luFactor : choleskyFactor)(sym, values, createWorkspace(sym), factor);
    const inv = new LuDecomposition(dense(a)).solve(Matrix.eye(a.nrows));
    // C: A's own pattern with random values, and its transpose (so both triangles of A⁻¹ count).
    const rng = new Xoshiro128(21);
    const c = { ...a, values: a.values.map(() => rng.nextFloat() - 0.5) };
    const queries = prepareTraceQueries(sym, [c, transpose(c)]);
    const diagonal = new Float64Array(a.nrows);
    const got = selectedInverseTraces(sym, factor, queries, diagonal);
    [c, transpose(c)].forEach((m, q) => {
      let want = 0;
      let scale = 0;
      for (let i = 0; i < m.nrows; i++) {
        for (let p = m.rowPtr[i]; p < m.rowPtr[i + 1]; p++) {
          want += m.values[p] * inv.get(m.colIdx[p], i);
          scale += Math.abs(m.values[p] * inv.get(m.colIdx[p], i));
        }
      }
      assert.ok(Math.abs(got[q] - want) <= 1e-13 * scale, `${label} query ${q}: ${got[q]} vs ${want}`);
    });
    for (let i = 0; i < a.nrows; i++) assert.ok(Math.abs(diagonal[i] - inv.get(i, i)) <= 1e-13 * Math.abs(inv.get(i, i)), `${label} diagonal ${i}`);
  }

  test('Cholesky: tr(CA⁻¹) for C on the pattern of A, and diag(A⁻¹), equal the dense inverse\'s', () => {
    check(gridMatrix(23, 19, { symmetric: true, diagonal: 4.5, seed: 14 }), false, 'Cholesky');
  });

  test('LU: the same for an asymmetric matrix (both triangles of A⁻¹)', () => {
    check(gridMatrix(21, 18, { symmetric: false, diagonal: 8.5, seed: 15 }), true, 'LU');
  });

  test('a query outside the factor\'s pattern is refused', () => {
    const a = gridMatrix(6, 6, { symmetric: true, diagonal: 9, seed: 16 });
    const sym = analyse(onPattern(a).pattern, nestedDissection(adjacencyGraph(a)), false);
    const far = csrFromTriplets(36, 36, [0], [35], [1]);
    assert.throws(() => prepareTraceQueries(sym, [far]), /not in the pattern/);
  });
});

suite('sparse: Lanczos extreme eigenvalues', function () {
  this.timeout(30_000);
  test('agree with a dense symmetric eigensolver', () => {
    const a = gridMatrix(15, 14, { symmetric: true, diagonal: 0, seed: 12 });
    const eig = new EigenvalueDecomposition(dense(a), { assumeSymmetric: true }).realEigenvalues;
    const r = lanczosExtremes(a.nrows, (x, y) => matVec(a, x, y), { tolerance: 1e-13 });
    assert.ok(r.converged);
    assert.ok(Math.abs(r.min - Math.min(...eig)) < 1e-9, `${r.min} vs ${Math.min(...eig)}`);
    assert.ok(Math.abs(r.max - Math.max(...eig)) < 1e-9, `${r.max} vs ${Math.max(...eig)}`);
  });
});
