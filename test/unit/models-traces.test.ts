/**
 * The traces behind the asymptotic covariance and the LM residual test: above the dense limit
 * they are Monte Carlo estimates with control variates; they must stay close to the exact ones.
 */
import * as assert from 'assert';
import { denseTraces, lmTraces, spatialTraces } from '../../src/core/models/spatialTraces';
import { mcLogDet } from '../../src/core/logdet/mc';
import { traceWtW, traceWW } from '../../src/core/traces/exact';
import { chooseLogDet } from '../../src/core/logdet/choose';
import { buildWeights } from '../../src/core/weights/build';
import { parseCsv } from '../../src/core/io/csv';
import { createRng } from '../../src/core/inference/random';

suite('models: traces of (I − ρW)⁻¹W for SEs and the LM test', () => {
  const n = 1100; // above both dense limits: the Monte Carlo path
  const rng = createRng(5);
  const rows = ['x,y', ...Array.from({ length: n }, () => `${rng.uniform()},${rng.uniform()}`)];
  const weights = buildWeights({ type: 'knn', k: 6, coordinates: ['x', 'y'], distance: 'euclidean', style: 'W', allowIslands: false }, parseCsv(rows.join('\n'), 'pts.csv'));
  const logdet = chooseLogDet(weights, 'sparse');

  for (const rho of [0.1, 0.5, 0.8]) {
    test(`at ρ = ${rho} the estimates are within 2 % of the exact traces`, () => {
      const exact = denseTraces(weights.w, rho);
      for (const purpose of ['asymptotic', 'lm'] as const) {
        const est = spatialTraces(weights.w, rho, logdet, purpose);
        assert.strictEqual(est.exact, false);
        for (const key of ['trAW', 'trAWAW', 'trAWtAW', 'trTWA'] as const) {
          const rel = Math.abs(est[key] - exact[key]) / Math.abs(exact[key]);
          assert.ok(rel < 0.02, `${purpose} ${key}: ${est[key]} vs exact ${exact[key]} (${rel.toExponential(2)})`);
        }
      }
    });
  }

  test('the LM test\'s tr((WW + WᵀW)A) from the log-determinant\'s series of tr(Wᵏ) and tr(WᵀWᵏ): exact traces give the exact value', () => {
    const mc = mcLogDet(weights); // n = 1100 ≤ 2000: every power (and cross power) exact
    assert.ok(mc.crossTraces, 'W has no symmetric similar matrix: cross traces come with the pass');
    for (const rho of [-0.3, 0.2, 0.5]) {
      const t = lmTraces(weights.w, rho, mc);
      const exact = denseTraces(weights.w, rho);
      assert.ok(Math.abs(t.trTW - (traceWW(weights.w) + traceWtW(weights.w))) < 1e-9 * t.trTW, 'T22');
      assert.ok(Math.abs(t.trTWA - exact.trTWA) < 1e-7 * Math.abs(exact.trTWA), `rho ${rho}: ${t.trTWA} vs exact ${exact.trTWA}`);
    }
  });

  test('… and Monte Carlo cross traces (exactUpTo 0) stay within 1 %; beyond |ρ| = 0.62 the series is not used', () => {
    const mc = mcLogDet(weights, { exactUpTo: 0, seed: 9 });
    const exact = denseTraces(weights.w, 0.5);
    const rel = Math.abs(lmTraces(weights.w, 0.5, mc).trTWA - exact.trTWA) / exact.trTWA;
    assert.ok(rel < 0.01, `relative error ${rel}`);
    const high = lmTraces(weights.w, 0.8, mc);
    assert.ok(Math.abs(high.trTWA - denseTraces(weights.w, 0.8).trTWA) / denseTraces(weights.w, 0.8).trTWA < 0.02, 'Hutchinson at ρ = 0.8');
  });
});
