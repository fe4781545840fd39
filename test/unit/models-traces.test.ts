/**
 * The traces behind the asymptotic covariance and the LM residual test: above the dense limit
 * they are Monte Carlo estimates with control variates; they must stay close to the exact ones.
 */
import * as assert from 'assert';
import { denseTraces, spatialTraces } from '../../src/core/models/spatialTraces';
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

});
