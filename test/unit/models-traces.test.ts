/**
 * The traces of A = (I − ρW)⁻¹ behind the asymptotic covariance and the LM residual test:
 * exact (sparse factorisations and selected inverses) against the dense inverse, whatever the
 * log-determinant; Monte Carlo estimates (forced with a zero budget) whose reported error covers
 * their actual error over seeds.
 */
import * as assert from 'assert';
import { SpatialTraces, type ATraces } from '../../src/core/models/spatialTraces';
import { chooseLogDet } from '../../src/core/logdet/choose';
import { mcLogDet } from '../../src/core/logdet/mc';
import { buildWeights } from '../../src/core/weights/build';
import { parseCsv } from '../../src/core/io/csv';
import { createRng } from '../../src/core/inference/random';
import type { SpatialWeights } from '../../src/core/weights/types';
import type { LogDetMethod } from '../../src/core/spec/types';
import { denseTraces, type DenseTraces } from '../helpers/denseTraces';

/** Random points in the unit square: kNN-6 (asymmetric) or a distance band (symmetric, similar to S). */
function points(n: number, seed: number, kind: 'knn' | 'distance'): SpatialWeights {
  const rng = createRng(seed);
  const rows = ['x,y', ...Array.from({ length: n }, () => `${rng.uniform()},${rng.uniform()}`)];
  const spec =
    kind === 'knn'
      ? { type: 'knn' as const, k: 6, coordinates: ['x', 'y'] as [string, string], distance: 'euclidean' as const, style: 'W' as const, allowIslands: false }
      : { type: 'distance' as const, threshold: Math.sqrt(8 / (Math.PI * n)), coordinates: ['x', 'y'] as [string, string], distance: 'euclidean' as const, inversePower: 0 as const, style: 'W' as const, allowIslands: true };
  return buildWeights(spec, parseCsv(rows.join('\n'), 'pts.csv'));
}

const KEYS = ['trAW', 'trAWAW', 'trAWtAW', 'trTWA'] as const;

/** Within `tol`; t2 (a central difference of the exact t1 unless from eigenvalues) within 1e-9. */
function assertTraces(got: ATraces, want: DenseTraces, tol: number, label: string): void {
  assert.strictEqual(got.accuracy.method, 'exact', label);
  for (const key of KEYS) {
    const rel = Math.abs(got[key] - want[key]) / Math.abs(want[key]);
    assert.ok(rel <= (key === 'trAWAW' ? Math.max(tol, 1e-9) : tol), `${label} ${key}: ${got[key]} vs dense ${want[key]} (${rel.toExponential(2)})`);
  }
}

suite('models: exact traces of (I − ρW)⁻¹ against the dense inverse', function () {
  this.timeout(120_000);
  const cases: [string, SpatialWeights, LogDetMethod, number[]][] = [
    ['kNN-6, n = 1200, LU of I − ρW, t2 by a difference of the exact t1 (mc log-det)', points(1200, 5, 'knn'), 'mc', [0.55]],
    ['distance band, n = 1200, Cholesky of I − ρS (sparse log-det)', points(1200, 6, 'distance'), 'sparse', [-0.45]],
    ['kNN-6, n = 600, analytic t2 (eigen log-det)', points(600, 7, 'knn'), 'eigen', [-0.6, 0.3, 0.9]],
    ['distance band, n = 600 (chebyshev log-det)', points(600, 8, 'distance'), 'chebyshev', [0.2, 0.8]],
  ];
  for (const [label, weights, method, rhos] of cases) {
    test(`${label}: every trace within 1e-10 (t2 1e-9)`, () => {
      const logdet = chooseLogDet(weights, method);
      for (const rho of rhos) {
        const want = denseTraces(weights.w, rho);
        const traces = new SpatialTraces(weights.w, logdet, rho);
        assert.ok(traces.exact('asymptotic'));
        assertTraces(traces.asymptotic(), want, 1e-10, `ρ = ${rho}`);
        const lm = traces.lm();
        assert.deepStrictEqual(lm.accuracy, { method: 'exact' });
        assert.ok(Math.abs(lm.trTWA - want.trTWA) <= 1e-10 * Math.abs(want.trTWA), `lm at ρ = ${rho}`);
        assert.ok(Math.abs(traces.secondDerivative() + want.trAWAW) <= 1e-9 * want.trAWAW, `ln|I − ρW|'' at ρ = ${rho}`);
        // A b by the factorisation: b = (I − ρW)x recovered.
        const x = Float64Array.from({ length: weights.n }, (_, i) => Math.sin(i));
        const b = x.map((v, i) => {
          let s = v;
          for (let p = weights.w.rowPtr[i]; p < weights.w.rowPtr[i + 1]; p++) s -= rho * weights.w.values[p] * x[weights.w.colIdx[p]];
          return s;
        });
        const back = traces.solve(b);
        for (let i = 0; i < weights.n; i++) assert.ok(Math.abs(back[i] - x[i]) < 1e-12, `solve at ${i}`);
      }
    });
  }

  test('ρ = 0: tr((WW + WᵀW)A) is tr(WW + WᵀW) itself', () => {
    const weights = points(300, 9, 'knn');
    const want = denseTraces(weights.w, 0);
    const lm = new SpatialTraces(weights.w, chooseLogDet(weights, 'eigen'), 0).lm();
    assert.ok(Math.abs(lm.trTWA - want.trTWA) <= 1e-12 * want.trTWA);
  });
});

suite('models: Monte Carlo traces state their error', function () {
  this.timeout(120_000);
  const weights = points(1100, 10, 'knn');
  const rho = 0.5;
  const exact = denseTraces(weights.w, rho);
  const logdet = chooseLogDet(weights, 'sparse');
  const SEEDS = Array.from({ length: 40 }, (_, i) => i + 1);

  test('Hutchinson with control variates: vectors are added until the relative SE is 1e-3, and it is reported', () => {
    const t = new SpatialTraces(weights.w, logdet, rho, { budget: 0, seed: 3 }).asymptotic();
    assert.strictEqual(t.accuracy.method, 'monte-carlo');
    if (t.accuracy.method !== 'monte-carlo') return;
    assert.ok(t.accuracy.vectors >= 16 && t.accuracy.vectors % 8 === 0, `${t.accuracy.vectors} vectors`);
    assert.ok(t.accuracy.relativeSE <= 1e-3 || t.accuracy.vectors === 256, `relative SE ${t.accuracy.relativeSE}`);
    // t1 and t2 come from the (exact, sparse) log-determinant here.
    assert.ok(Math.abs(t.trAW - exact.trAW) <= 1e-9 * exact.trAW);
    for (const key of ['trAWtAW', 'trTWA'] as const) assert.ok(Math.abs(t[key] - exact[key]) <= 5 * t.accuracy.relativeSE * exact[key], key);
  });

  test('over 40 seeds the reported relative SE covers the error: the standardised errors have RMS ≈ 1 and are within ±3', () => {
    for (const purpose of ['lm', 'asymptotic'] as const) {
      const z: number[] = [];
      for (const seed of SEEDS) {
        const traces = new SpatialTraces(weights.w, logdet, rho, { budget: 0, seed });
        const t = purpose === 'lm' ? traces.lm() : traces.asymptotic();
        if (t.accuracy.method !== 'monte-carlo') throw new Error('expected Monte Carlo');
        // The lm estimate has one trace, whose SE is the reported one; asymptotic reports the larger of two.
        z.push((t.trTWA - exact.trTWA) / (t.accuracy.relativeSE * Math.abs(t.trTWA)));
      }
      const rms = Math.sqrt(z.reduce((s, v) => s + v * v, 0) / z.length);
      assert.ok(z.every((v) => Math.abs(v) <= 3.5), `${purpose}: ${z.map((v) => v.toFixed(2)).join(' ')}`);
      if (purpose === 'lm') assert.ok(rms > 0.6 && rms < 1.5, `lm: RMS of standardised errors ${rms}`);
      else assert.ok(rms < 1.5, `asymptotic: RMS ${rms}`);
    }
  });

  test('the LM test\'s series from the Monte Carlo log-determinant\'s traces (|ρ| < 0.62) states its SE too, and it covers the error', () => {
    const z: number[] = [];
    for (const seed of SEEDS.slice(0, 25)) {
      const mc = mcLogDet(weights, { exactUpTo: 0, seed });
      const lm = new SpatialTraces(weights.w, mc, rho, { budget: 0 }).lm();
      if (lm.accuracy.method !== 'monte-carlo') throw new Error('expected Monte Carlo');
      assert.strictEqual(lm.accuracy.vectors, mc.traceSamples?.vectors);
      z.push((lm.trTWA - exact.trTWA) / (lm.accuracy.relativeSE * Math.abs(lm.trTWA)));
    }
    const rms = Math.sqrt(z.reduce((s, v) => s + v * v, 0) / z.length);
    assert.ok(z.every((v) => Math.abs(v) <= 3.5) && rms > 0.5 && rms < 1.6, `${z.map((v) => v.toFixed(2)).join(' ')} (RMS ${rms})`);
  });
});
