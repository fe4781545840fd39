import * as assert from 'assert';
import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import {
  computeImpacts,
  diagonalPowers,
  impactMultipliers,
  localImpacts,
  rowSumMoments,
  rowsSumToOne,
  solveColumnSums,
  type ImpactsSource,
} from '../../src/core/inference/impacts';
import { pTwoSidedNormal } from '../../src/core/inference/distributions';
import type { Csr } from '../../src/core/sparse/csr';
import { assertRel, loadColumbus, type Columbus } from './inference-columbus.fixture';

/** Eigenvalues of W = D⁻¹B via the similar symmetric D^{-1/2} B D^{-1/2} (as spatialreg's `similar`). */
function eigenvalues(c: Columbus): Float64Array {
  const n = c.n;
  const deg = new Float64Array(n);
  for (let i = 0; i < n; i++) deg[i] = c.b.rowPtr[i + 1] - c.b.rowPtr[i];
  const s = new Matrix(n, n);
  for (let i = 0; i < n; i++) for (let p = c.b.rowPtr[i]; p < c.b.rowPtr[i + 1]; p++) s.set(i, c.b.colIdx[p], 1 / Math.sqrt(deg[i] * deg[c.b.colIdx[p]]));
  return Float64Array.from(new EigenvalueDecomposition(s, { assumeSymmetric: true }).realEigenvalues);
}

/** tr(W^j), j = 1..m from dense powers. */
function traces(c: Columbus, m: number): Float64Array {
  const n = c.n;
  const out = new Float64Array(m);
  let p = c.wDense.slice();
  for (let j = 1; j <= m; j++) {
    let t = 0;
    for (let i = 0; i < n; i++) t += p[i * n + i];
    out[j - 1] = t;
    const next = new Float64Array(n * n);
    for (let i = 0; i < n; i++)
      for (let k = 0; k < n; k++) {
        const a = p[i * n + k];
        if (a === 0) continue;
        for (let q = c.w.rowPtr[k]; q < c.w.rowPtr[k + 1]; q++) next[i * n + c.w.colIdx[q]] += a * c.w.values[q];
      }
    p = next;
  }
  return out;
}

function lagInput(c: Columbus, source: ImpactsSource) {
  const r = c.ref.sar_eigen;
  return {
    model: 'lag' as const,
    rho: r.rho.estimate,
    n: c.n,
    coefficientNames: r.coefficients.map((x: { term: string }) => x.term),
    coefficients: r.coefficients.map((x: { estimate: number }) => x.estimate),
    source,
  };
}

suite('inference: impacts (LeSage & Pace 2009; spatialreg impacts)', () => {
  test('lag model, exact from eigenvalues, matches impacts(fit, listw) to 1e-9', () => {
    const c = loadColumbus();
    const out = computeImpacts(lagInput(c, { kind: 'eigen', re: eigenvalues(c) }));
    assert.strictEqual(out.method, 'eigen');
    assert.deepStrictEqual(out.rows.map((r) => r.name), ['INC', 'HOVAL']);
    c.ref.impacts.exact.impacts.forEach((ref: { variable: string; direct: number; indirect: number; total: number }, i: number) => {
      const row = out.rows[i];
      assert.strictEqual(row.name, ref.variable);
      assertRel(row.direct, ref.direct, 1e-9, `${ref.variable} direct`);
      assertRel(row.indirect, ref.indirect, 1e-9, `${ref.variable} indirect`);
      assertRel(row.total, ref.total, 1e-9, `${ref.variable} total`);
    });
  });

  test('lag model from traces (m = 30) matches trace_mult_m30 to 1e-10', () => {
    const c = loadColumbus();
    const out = computeImpacts(lagInput(c, { kind: 'traces', traces: traces(c, 30) }));
    assert.strictEqual(out.method, 'traces');
    c.ref.impacts.trace_mult_m30.impacts.forEach((ref: { direct: number; indirect: number; total: number }, i: number) => {
      assertRel(out.rows[i].direct, ref.direct, 1e-10, 'direct');
      assertRel(out.rows[i].indirect, ref.indirect, 1e-10, 'indirect');
      assertRel(out.rows[i].total, ref.total, 1e-10, 'total');
    });
  });

  test('Durbin model, exact from eigenvalues, matches sdm_eigen.impacts_exact', () => {
    const c = loadColumbus();
    const r = c.ref.sdm_eigen;
    const out = computeImpacts({
      model: 'durbin',
      rho: r.rho.estimate,
      n: c.n,
      coefficientNames: r.coefficients.map((x: { term: string }) => x.term),
      coefficients: r.coefficients.map((x: { estimate: number }) => x.estimate),
      source: { kind: 'eigen', re: eigenvalues(c) },
    });
    assert.deepStrictEqual(out.rows.map((x) => x.name), ['INC', 'HOVAL']);
    r.impacts_exact.forEach((ref: { direct: number; indirect: number; total: number }, i: number) => {
      assertRel(out.rows[i].direct, ref.direct, 1e-9, 'direct');
      assertRel(out.rows[i].indirect, ref.indirect, 1e-9, 'indirect');
      assertRel(out.rows[i].total, ref.total, 1e-9, 'total');
    });
    // The trace route (shifted by one power for θ) agrees with the eigen route.
    const tr = computeImpacts({
      model: 'durbin',
      rho: r.rho.estimate,
      n: c.n,
      coefficientNames: r.coefficients.map((x: { term: string }) => x.term),
      coefficients: r.coefficients.map((x: { estimate: number }) => x.estimate),
      source: { kind: 'traces', traces: traces(c, 40) },
    });
    tr.rows.forEach((row, i) => assertRel(row.direct, out.rows[i].direct, 1e-12, 'durbin traces direct'));
  });

  test('complex eigenvalues (asymmetric W) give the same multipliers as the dense inverse', () => {
    // 3-cycle: W = permutation matrix, eigenvalues 1, e^{±2πi/3}.
    const w: Csr = { nrows: 3, ncols: 3, rowPtr: Int32Array.from([0, 1, 2, 3]), colIdx: Int32Array.from([1, 2, 0]), values: Float64Array.from([1, 1, 1]) };
    const rho = 0.6;
    const a = -0.5;
    const b = Math.sqrt(3) / 2;
    const m = impactMultipliers(rho, { kind: 'eigen', re: [1, a, a], im: [0, b, -b] }, 3);
    const loc = localImpacts({ w, rho, terms: [{ name: 'x', beta: 1, theta: 1 }] });
    const meanDirect = loc.effects[0].direct.reduce((s, v) => s + v, 0) / 3;
    assertRel(m.directBeta + m.directTheta, meanDirect, 1e-13, 'complex direct');
  });

  test('simulated inference: R-like SEs, z = mean/SE, reproducible with a seed', function () {
    this.timeout(20000);
    const c = loadColumbus();
    const r = c.ref.sar_eigen;
    const cov = r.vcov_asymptotic;
    const ev = eigenvalues(c);
    const run = (seed: number, draws = 1000) =>
      computeImpacts({
        ...lagInput(c, { kind: 'eigen', re: ev }),
        simulation: { covariance: { names: cov.names, matrix: cov.matrix }, draws, seed, interval: r.interval },
      });
    const a = run(1);
    const b = run(1);
    const d = run(2);
    assert.deepStrictEqual(a, b, 'same seed, same result');
    assert.notDeepStrictEqual(a.rows[0].simulated, d.rows[0].simulated);
    assert.strictEqual(a.simulation?.requested, 1000);
    // R's draws come from its own RNG (MASS::mvrnorm). With 1000 draws the SE of the heavy-tailed
    // indirect / total effects (ρ near 1 in a few draws) scatters by about ±10 %: an independent
    // numpy simulation gives 5–95 % ranges 0.347–0.415 (INC indirect) and 0.542–0.603 (INC total),
    // and R's seed-1 values (0.431, 0.626) sit near the top of them. Hence 10 % for the direct SEs
    // and 15 % for indirect / total here, and a tight check against a 2-million-draw reference below.
    const refs = c.ref.impacts.simulated.impacts;
    a.rows.forEach((row, i) => {
      for (const eff of ['direct', 'indirect', 'total'] as const) {
        const s = row.simulated![eff];
        const ref = refs[i][eff];
        const relSe = Math.abs(s.stdError - ref.sim_se) / ref.sim_se;
        assert.ok(relSe < (eff === 'direct' ? 0.1 : 0.15), `${row.name} ${eff} SE ${s.stdError} vs R ${ref.sim_se}`);
        assert.ok(Math.abs(s.mean - ref.sim_mean) < 0.05 * Math.abs(ref.estimate), `${row.name} ${eff} mean ${s.mean} vs R ${ref.sim_mean}`);
        // spatialreg's summary(zstats = TRUE): z = simulated mean / simulated SE.
        assertRel(s.z, s.mean / s.stdError, 1e-15, 'z = mean / SE');
        assertRel(s.p, pTwoSidedNormal(s.z), 1e-15, 'p');
      }
      assert.strictEqual(row.simulated!.seed, 1);
      assert.strictEqual(row.simulated!.draws, 1000);
    });
    // R's own z and p follow the same definition: z = sim_mean / sim_se.
    refs.forEach((ref: Record<string, { sim_mean: number; sim_se: number; z: number }>) => {
      for (const eff of ['direct', 'indirect', 'total']) assertRel(ref[eff].z, ref[eff].sim_mean / ref[eff].sim_se, 1e-12, 'R z definition');
    });
    // 50,000 draws against a 2,000,000-draw numpy Monte Carlo of the same distribution.
    const big = run(1, 50000);
    const pop: Record<string, [number, number, number]> = {
      INC: [0.3171424989159988, 0.3794584906928182, 0.573205794766959],
      HOVAL: [0.09488918495813957, 0.12044634875944674, 0.19066421436231404],
    };
    big.rows.forEach((row) => {
      (['direct', 'indirect', 'total'] as const).forEach((eff, k) => {
        const se = row.simulated![eff].stdError;
        assert.ok(Math.abs(se - pop[row.name][k]) / pop[row.name][k] < 0.03, `${row.name} ${eff} SE ${se} vs ${pop[row.name][k]}`);
      });
    });
  });

  test('row-sum moments reproduce 1/(1 − ρ) for style W and the dense total for style B', () => {
    const c = loadColumbus();
    assert.ok(rowsSumToOne(c.w));
    assert.ok(!rowsSumToOne(c.b));
    const mW = rowSumMoments(c.w, 5);
    mW.forEach((v) => assertRel(v, 1, 1e-14, 's_j'));
    // Binary B scaled to spectral radius < 1: compare with dense column sums.
    const rho = 0.1;
    const mom = rowSumMoments(c.b, 200);
    const mult = impactMultipliers(rho, { kind: 'eigen', re: [0] }, c.n, mom);
    const loc = localImpacts({ w: c.b, rho, terms: [{ name: 'x', beta: 1 }] });
    const meanTotal = loc.effects[0].total.reduce((s, v) => s + v, 0) / c.n;
    assertRel(mult.totalBeta, meanTotal, 1e-12, 'B total');
  });

  test('local impacts on Columbus: means equal the average impacts; exact vs approximate diagonal', () => {
    const c = loadColumbus();
    const r = c.ref.sar_eigen;
    const rho = r.rho.estimate;
    const beta = r.coefficients[1].estimate; // INC
    const ev = eigenvalues(c);
    const exact = localImpacts({ w: c.w, rho, terms: [{ name: 'INC', beta }], source: { kind: 'eigen', re: ev } });
    assert.strictEqual(exact.diagonal, 'exact');
    const e = exact.effects[0];
    const mean = (v: number[]) => v.reduce((s, x) => s + x, 0) / v.length;
    const ref = c.ref.impacts.exact.impacts[0];
    assertRel(mean(e.total), ref.total, 1e-12, 'mean total = total impact');
    assertRel(mean(e.direct), ref.direct, 1e-12, 'mean diagonal = direct impact');
    assertRel(mean(e.indirect), ref.indirect, 1e-12, 'mean spillover = indirect impact');
    // Approximate route (forced): same column sums (iterative solve), diagonal close, same means.
    const approx = localImpacts({ w: c.w, rho, terms: [{ name: 'INC', beta }], source: { kind: 'eigen', re: ev }, exactMaxN: 0 });
    assert.strictEqual(approx.diagonal, 'approximate');
    assert.strictEqual(approx.solver.method, 'neumann');
    assert.ok(approx.solver.converged);
    const a = approx.effects[0];
    e.total.forEach((v, i) => assertRel(a.total[i], v, 1e-10, 'column sum'));
    assertRel(mean(a.direct), ref.direct, 1e-12, 'approx mean diagonal');
    const maxErr = Math.max(...e.direct.map((v, i) => Math.abs(a.direct[i] - v) / Math.abs(v)));
    assert.ok(maxErr < 0.01, `approximate diagonal within 1 % (got ${maxErr})`);
    // Durbin: mean of per-unit effects equals the SDM impacts.
    const s = c.ref.sdm_eigen;
    const coefs = Object.fromEntries(s.coefficients.map((x: { term: string; estimate: number }) => [x.term, x.estimate]));
    const d = localImpacts({ w: c.w, rho: s.rho.estimate, terms: [{ name: 'INC', beta: coefs.INC, theta: coefs['lag.INC'] }] });
    assertRel(mean(d.effects[0].direct), s.impacts_exact[0].direct, 1e-10, 'SDM direct');
    assertRel(mean(d.effects[0].total), s.impacts_exact[0].total, 1e-10, 'SDM total');
  });

  test('diagonal powers and column-sum solver (BiCGSTAB when the Neumann bound fails)', () => {
    const c = loadColumbus();
    const [d1, d2, d3] = diagonalPowers(c.w);
    const n = c.n;
    const w2 = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let k = 0; k < n; k++) for (let j = 0; j < n; j++) w2[i * n + j] += c.wDense[i * n + k] * c.wDense[k * n + j];
    for (let i = 0; i < n; i++) {
      assert.strictEqual(d1[i], 0);
      assertRel(d2[i], w2[i * n + i], 1e-13, 'diag W2');
      let t = 0;
      for (let k = 0; k < n; k++) t += w2[i * n + k] * c.wDense[k * n + i];
      assertRel(d3[i] + 1e-300, t + 1e-300, 1e-12, 'diag W3');
    }
    // ρ = −1.2 is admissible (interval −1.53..1) but the Neumann series diverges.
    const sol = solveColumnSums(c.w, -1.2);
    assert.strictEqual(sol.method, 'bicgstab');
    assert.ok(sol.converged, `residual ${sol.relativeResidual}`);
    const exact = localImpacts({ w: c.w, rho: -1.2, terms: [{ name: 'x', beta: 1 }] }).effects[0].total;
    exact.forEach((v, i) => assertRel(sol.c[i], v, 1e-9, 'bicgstab column sums'));
  });

  test('local impacts at n = 100,000 (sparse, iterative) keep the mean identities', function () {
    this.timeout(30000);
    const n = 100000;
    const k = 4;
    const rowPtr = new Int32Array(n + 1);
    const colIdx = new Int32Array(n * k);
    const values = new Float64Array(n * k).fill(1 / k);
    for (let i = 0; i < n; i++) {
      rowPtr[i + 1] = (i + 1) * k;
      [(i - 2 + n) % n, (i - 1 + n) % n, (i + 1) % n, (i + 2) % n].sort((a, b) => a - b).forEach((j, t) => (colIdx[i * k + t] = j));
    }
    const w: Csr = { nrows: n, ncols: n, rowPtr, colIdx, values };
    // Exact traces of this circulant W from its eigenvalues λ_m = (2cos(2πm/n) + 2cos(4πm/n))/4.
    const tr = new Float64Array(40);
    for (let m = 0; m < n; m++) {
      const lam = (2 * Math.cos((2 * Math.PI * m) / n) + 2 * Math.cos((4 * Math.PI * m) / n)) / 4;
      let p = 1;
      for (let j = 0; j < 40; j++) {
        p *= lam;
        tr[j] += p;
      }
    }
    const rho = 0.5;
    const t0 = Date.now();
    const out = localImpacts({ w, rho, terms: [{ name: 'x', beta: 2 }], source: { kind: 'traces', traces: tr } });
    const ms = Date.now() - t0;
    assert.strictEqual(out.diagonal, 'approximate');
    const e = out.effects[0];
    const mean = (v: number[]) => v.reduce((s, x) => s + x, 0) / v.length;
    const imp = computeImpacts({ model: 'lag', rho, n, coefficientNames: ['x'], coefficients: [2], source: { kind: 'traces', traces: tr } }).rows[0];
    assertRel(mean(e.total), 2 / (1 - rho), 1e-10, 'total');
    assertRel(mean(e.direct), imp.direct, 1e-10, 'direct');
    assert.ok(ms < 10000, `took ${ms} ms`);
  });
});
