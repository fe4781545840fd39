import * as assert from 'assert';
import { Matrix } from 'ml-matrix';
import { transpose } from '../../src/core/sparse/build';
import type { Csr } from '../../src/core/sparse/csr';
import type { SpatialWeights } from '../../src/core/weights/types';
import { similarMatrix, traceMoments } from '../../src/core/traces/moments';
import { traceW, traceWtW, traceWW, tracesFromEigenvalues, densePowerTraces } from '../../src/core/traces/exact';
import { localTraces } from '../../src/core/traces/local';
import { startOnHelper, warmHelper } from '../../src/core/traces/helperThread';
import { runHelperTask, type HelperReply } from '../../src/core/traces/helperTasks';
import { knnNeighbours } from '../../src/core/weights/points';
import { KdTree, knnRange, PARALLEL_KNN_MIN_N } from '../../src/core/weights/kdtree';
import { applyStyle } from '../../src/core/weights/style';
import { Xoshiro128 } from '../../src/core/traces/random';
import { eigenLogDet } from '../../src/core/logdet/eigen';
import { columbusStyleW, styleW } from '../helpers/weights';

/** Each cell of an nx × ny grid linked to its right, upper and upper-right cells only: asymmetric. */
function directedGrid(nx: number, ny: number): SpatialWeights {
  const from: number[] = [];
  const to: number[] = [];
  for (let x = 0; x < nx; x++) {
    for (let y = 0; y < ny; y++) {
      for (const [dx, dy] of [[1, 0], [0, 1], [1, 1], [-1, -1]]) {
        const X = (x + dx + nx) % nx;
        const Y = (y + dy + ny) % ny;
        from.push(x * ny + y);
        to.push(X * ny + Y);
      }
    }
  }
  return styleW(nx * ny, from, to, false);
}

/** Queen-contiguity grid (symmetric, not bipartite), with the node labels shuffled. */
function shuffledQueenGrid(nx: number, ny: number, seed: number): SpatialWeights {
  const rng = new Xoshiro128(seed);
  const label = Int32Array.from({ length: nx * ny }, (_, i) => i);
  for (let i = label.length - 1; i > 0; i--) {
    const j = rng.nextUint32() % (i + 1);
    [label[i], label[j]] = [label[j], label[i]];
  }
  const from: number[] = [];
  const to: number[] = [];
  for (let x = 0; x < nx; x++) {
    for (let y = 0; y < ny; y++) {
      for (const [dx, dy] of [[1, 0], [-1, 0], [0, 1], [0, -1], [1, 1], [-1, -1], [1, -1], [-1, 1]]) {
        const X = x + dx;
        const Y = y + dy;
        if (X < 0 || Y < 0 || X >= nx || Y >= ny) continue;
        from.push(label[x * ny + y]);
        to.push(label[X * ny + Y]);
      }
    }
  }
  return styleW(nx * ny, from, to, true);
}

function dense(w: Csr): Matrix {
  const m = Matrix.zeros(w.nrows, w.ncols);
  for (let i = 0; i < w.nrows; i++) for (let p = w.rowPtr[i]; p < w.rowPtr[i + 1]; p++) m.set(i, w.colIdx[p], w.values[p]);
  return m;
}

/** tr(W^k), k = 1..order, from dense powers (ml-matrix). */
function densePowers(w: Csr, order: number): number[] {
  const m = dense(w);
  const out: number[] = [];
  let power = m.clone();
  for (let k = 1; k <= order; k++) {
    out.push(power.trace());
    power = power.mmul(m);
  }
  return out;
}

function assertAllClose(got: ArrayLike<number>, want: ArrayLike<number>, tol: number, what: string): void {
  assert.strictEqual(got.length, want.length, `${what}: length`);
  for (let k = 0; k < want.length; k++) {
    assert.ok(Math.abs(got[k] - want[k]) <= tol * Math.max(1, Math.abs(want[k])), `${what}, k = ${k + 1}: ${got[k]} vs ${want[k]}`);
  }
}

suite('traces: exact low-order traces', () => {
  test('tr(W), tr(WW) = Σ w_ij w_ji and tr(WᵀW) = Σ w_ij² match dense products', () => {
    for (const weights of [columbusStyleW(), directedGrid(6, 5)]) {
      const w = weights.w;
      const m = dense(w);
      assert.ok(Math.abs(traceW(w) - m.trace()) < 1e-12);
      assert.ok(Math.abs(traceWW(w) - m.mmul(m).trace()) < 1e-12);
      assert.ok(Math.abs(traceWtW(w) - m.transpose().mmul(m).trace()) < 1e-12);
    }
  });

  test('row expansions give tr(W) … tr(W⁶) exactly, symmetric or not', () => {
    const sym = columbusStyleW().w;
    assertAllClose(localTraces(sym, transpose(sym), 6, 3), densePowers(sym, 6), 1e-12, 'columbus');
    const asym = directedGrid(7, 6).w;
    assertAllClose(localTraces(asym, transpose(asym), 6, 3), densePowers(asym, 6), 1e-12, 'directed grid');
    assertAllClose(localTraces(asym, transpose(asym), 3, 3), densePowers(asym, 3), 1e-12, 'fewer orders than hops allow');
  });
});

suite('traces: all powers exact for small n', function () {
  this.timeout(30_000);
  test('traceMoments matches dense powers on columbus (symmetric similar S) to 1e-10', () => {
    const weights = columbusStyleW();
    assertAllClose(traceMoments(weights, 20), densePowers(weights.w, 20), 1e-10, 'columbus');
  });

  test('traceMoments matches dense powers on an asymmetric W to 1e-10', () => {
    const weights = directedGrid(8, 7);
    assertAllClose(traceMoments(weights, 15), densePowers(weights.w, 15), 1e-10, 'directed grid');
  });

  test('dense powers of the symmetric S (half the products) give the traces of W', () => {
    const weights = columbusStyleW();
    const s = similarMatrix(weights.w, weights.similarity as Float64Array);
    const want = densePowers(weights.w, 9);
    assertAllClose(densePowerTraces(s, 9, true), want, 1e-12, 'symmetric path');
    assertAllClose(densePowerTraces(weights.w, 9, false), want, 1e-12, 'general path');
  });

  test('eigenvalues give the same traces: t_k = Σ Re(λ^k)', () => {
    const weights = directedGrid(6, 6);
    const eig = eigenLogDet(weights).eigenvalues;
    assertAllClose(tracesFromEigenvalues(eig, 12), densePowers(weights.w, 12), 1e-9, 'complex eigenvalues');
  });
});

suite('traces: Monte Carlo for large n', function () {
  this.timeout(30_000);
  test('powers up to 4 stay exact (exactHops = 2) and the higher ones are within 3 % (45 × 45 queen grid, shuffled)', () => {
    const weights = shuffledQueenGrid(45, 45, 1);
    const exact = traceMoments(weights, 12, { exactUpTo: Infinity });
    const mc = traceMoments(weights, 12, { exactUpTo: 0, seed: 3 });
    assertAllClose(mc.subarray(0, 4), exact.subarray(0, 4), 1e-10, 'exact orders');
    assertAllClose(mc.subarray(4), exact.subarray(4), 0.03, 'estimated orders');
    const six = traceMoments(weights, 12, { exactUpTo: 0, seed: 3, exactHops: 3 });
    assertAllClose(six.subarray(0, 6), exact.subarray(0, 6), 1e-10, 'exactHops = 3: six exact orders');
  });

  test('asymmetric W: the same, with products by W and Wᵀ', () => {
    const weights = directedGrid(40, 40);
    const exact = traceMoments(weights, 10, { exactUpTo: Infinity });
    const mc = traceMoments(weights, 10, { exactUpTo: 0, seed: 4 });
    assertAllClose(mc.subarray(0, 4), exact.subarray(0, 4), 1e-10, 'exact orders');
    assertAllClose(mc.subarray(4), exact.subarray(4), 0.05, 'estimated orders');
  });

  test('a seed reproduces the estimate exactly; another seed changes it', () => {
    const weights = shuffledQueenGrid(30, 30, 2);
    const a = traceMoments(weights, 10, { exactUpTo: 0, seed: 7 });
    const b = traceMoments(weights, 10, { exactUpTo: 0, seed: 7 });
    const c = traceMoments(weights, 10, { exactUpTo: 0, seed: 8 });
    assert.deepStrictEqual(Array.from(a), Array.from(b));
    assert.notDeepStrictEqual(Array.from(a), Array.from(c));
  });
});

suite('traces: seedable generator', () => {
  test('is reproducible and gives balanced ±1 entries', () => {
    const a = new Float64Array(10_000);
    const b = new Float64Array(10_000);
    new Xoshiro128(42).fillRademacher(a);
    new Xoshiro128(42).fillRademacher(b);
    assert.deepStrictEqual(a, b);
    assert.ok(a.every((v) => v === 1 || v === -1));
    const sum = a.reduce((s, v) => s + v, 0);
    assert.ok(Math.abs(sum) < 4 * Math.sqrt(a.length), `sum ${sum}`);
  });

  test('uniforms lie in [0, 1) with mean near 1/2', () => {
    const g = new Xoshiro128(7);
    let s = 0;
    for (let i = 0; i < 100_000; i++) {
      const u = g.nextFloat();
      assert.ok(u >= 0 && u < 1);
      s += u;
    }
    assert.ok(Math.abs(s / 100_000 - 0.5) < 0.005);
  });
});

suite('traces: the helper thread', () => {
  test('a task run on the helper thread gives what it gives here, bit for bit; a second task while it is busy runs here', async () => {
    warmHelper();
    await new Promise((resolve) => setTimeout(resolve, 1500)); // started, so that it takes the task up
    const n = 3000;
    const x = Float64Array.from({ length: n }, (_, i) => Math.sin(i * 12.9898) * 43758.5453 % 1);
    const y = Float64Array.from({ length: n }, (_, i) => Math.sin(i * 78.233) * 12345.6789 % 1);
    const nb = knnNeighbours(x, y, 6).nb;
    const a = applyStyle(nb, 'W');
    const task = { kind: 'localTraces' as const, a, at: transpose(a), order: 8, maxHops: 3 };
    const first = startOnHelper<HelperReply>(task);
    const second = startOnHelper<HelperReply>(task);
    const here = runHelperTask(task).traces;
    assert.ok(first.onHelper && !second.onHelper);
    assert.deepStrictEqual(Array.from(second.wait().traces), Array.from(here));
    assert.deepStrictEqual(Array.from(first.wait().traces), Array.from(here));
    assert.strictEqual(here.length, 6);
  });

  test('kNN queries shared with the helper thread (large n) give the neighbours all queries made here give', () => {
    const n = PARALLEL_KNN_MIN_N + 20_000;
    const pts = Float64Array.from({ length: 2 * n }, (_, i) => (Math.sin(i * 12.9898 + 1) * 43758.5453) % 1);
    const tree = new KdTree(pts, 2);
    const shared = tree.allKnn(5);
    const here = { nn: new Int32Array(5 * n), d2: new Float64Array(5 * n), nnTree: new Int32Array(5 * n) };
    knnRange({ tree: tree.data(), k: 5, from: 0, to: n, ...here });
    assert.ok(Buffer.from(shared.nn.buffer).equals(Buffer.from(here.nn.buffer)));
    assert.ok(Buffer.from(shared.nnTree.buffer).equals(Buffer.from(here.nnTree.buffer)));
    assert.ok(Buffer.from(shared.d2.buffer).equals(Buffer.from(here.d2.buffer)));
  });
});
