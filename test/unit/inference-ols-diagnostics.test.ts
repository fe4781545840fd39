import * as assert from 'assert';
import { Matrix } from 'ml-matrix';
import { lmTests, lmTestsResiduals } from '../../src/core/inference/lmTests';
import { moranTest, moranTestResiduals, prepareOlsDiagnostics, weightsConstants } from '../../src/core/inference/moran';
import type { Csr } from '../../src/core/sparse/csr';
import { assertRel, loadColumbus } from './inference-columbus.fixture';

suite('inference: Moran I and LM tests on OLS residuals (spdep)', () => {
  test('OLS fit of the fixture matches R lm()', () => {
    const c = loadColumbus();
    c.ref.ols.coefficients.forEach((row: { estimate: number }, j: number) => assertRel(c.ols.coef[j], row.estimate, 1e-12, 'ols coef'));
  });

  test('weights constants', () => {
    const c = loadColumbus();
    const k = weightsConstants(c.w);
    assertRel(k.S0, 49, 1e-14, 'S0');
    assert.strictEqual(k.trW, 0);
    assert.strictEqual(k.islands, 0);
    // T = tr(W'W + WW) from the dense matrix
    let t = 0;
    for (let i = 0; i < c.n; i++) for (let j = 0; j < c.n; j++) t += c.wDense[i * c.n + j] * (c.wDense[i * c.n + j] + c.wDense[j * c.n + i]);
    assertRel(k.T, t, 1e-13, 'T');
  });

  test('Moran I matches lm.morantest to 1e-8', () => {
    const c = loadColumbus();
    const m = moranTest(c.x, c.w, c.ols.residuals);
    const r = c.ref.ols.moran;
    assertRel(m.I, r.I, 1e-8, 'I');
    assertRel(m.expectation, r.expectation, 1e-8, 'E');
    assertRel(m.variance, r.variance, 1e-8, 'Var');
    assertRel(m.z, r.z, 1e-8, 'z');
    assertRel(m.p, r.p, 1e-8, 'p');
    assertRel(m.pTwoSided, r.p_two_sided, 1e-8, 'p two-sided');
  });

  test('LM tests match lm.LMtests to 1e-8', () => {
    const c = loadColumbus();
    const t = lmTests(c.x, c.w, c.ols.residuals, c.ols.fitted);
    for (const name of ['LMerr', 'LMlag', 'RLMerr', 'RLMlag', 'SARMA'] as const) {
      const r = c.ref.ols.LMtests[name];
      assertRel(t[name].statistic, r.statistic, 1e-8, `${name} statistic`);
      assert.strictEqual(t[name].df, r.df);
      assertRel(t[name].p, r.p, 1e-8, `${name} p`);
    }
  });

  test('accepts ml-matrix and column arrays; invariant to regressor scale', () => {
    const c = loadColumbus();
    const mx = new Matrix(c.n, 3);
    for (let i = 0; i < c.n; i++) {
      mx.set(i, 0, 1);
      mx.set(i, 1, c.columns.INC[i]);
      mx.set(i, 2, c.columns.HOVAL[i]);
    }
    const a = moranTest(mx, c.w, c.ols.residuals);
    // Rescale the regressors and residuals by 1e6 (the paper's data are in millions).
    const big = [new Float64Array(c.n).fill(1e6), c.columns.INC.map((v) => v * 1e6), c.columns.HOVAL.map((v) => v * 1e-3)];
    const e = c.ols.residuals.map((v) => v * 1e6);
    const f = c.ols.fitted.map((v) => v * 1e6);
    const ctx = prepareOlsDiagnostics(big, c.w);
    const b = moranTestResiduals(ctx, e);
    assertRel(b.z, a.z, 1e-10, 'z scaled');
    const l1 = lmTests(c.x, c.w, c.ols.residuals, c.ols.fitted);
    const l2 = lmTestsResiduals(ctx, e, f);
    assertRel(l2.RLMerr.statistic, l1.RLMerr.statistic, 1e-9, 'RLMerr scaled');
    assertRel(l2.LMlag.statistic, l1.LMlag.statistic, 1e-10, 'LMlag scaled');
  });

  test('runs sparse at n = 200,000 (no dense n×n)', function () {
    this.timeout(20000);
    // Ring lattice with 4 neighbours, row-standardised; y = x + noise.
    const n = 200000;
    const k = 4;
    const rowPtr = new Int32Array(n + 1);
    const colIdx = new Int32Array(n * k);
    const values = new Float64Array(n * k).fill(1 / k);
    for (let i = 0; i < n; i++) {
      rowPtr[i + 1] = (i + 1) * k;
      const nb = [(i - 2 + n) % n, (i - 1 + n) % n, (i + 1) % n, (i + 2) % n].sort((a, b) => a - b);
      nb.forEach((j, t) => (colIdx[i * k + t] = j));
    }
    const w: Csr = { nrows: n, ncols: n, rowPtr, colIdx, values };
    let seed = 7;
    const rnd = () => ((seed = (seed * 16807) % 2147483647) / 2147483647) - 0.5;
    const x1 = new Float64Array(n).map(() => rnd());
    const e = new Float64Array(n).map(() => rnd());
    const ones = new Float64Array(n).fill(1);
    const t0 = Date.now();
    const ctx = prepareOlsDiagnostics([ones, x1], w);
    const m = moranTestResiduals(ctx, e);
    const fitted = x1.slice();
    const l = lmTestsResiduals(ctx, e, fitted);
    const ms = Date.now() - t0;
    assert.ok(Math.abs(m.z) < 5, `independent noise: z = ${m.z}`);
    assert.ok(Number.isFinite(l.SARMA.statistic));
    assert.ok(ms < 5000, `took ${ms} ms`);
  });
});
