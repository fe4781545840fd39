import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { parseCsv, numericColumn } from '../../src/core/io/csv';
import { parseGal } from '../../src/core/io/gal';
import { buildWeights } from '../../src/core/weights/build';
import { localMoran } from '../../src/core/local/localMoran';
import { quadrantName, QUADRANT_SCHEMES } from '../../src/core/local/quadrants';
import { moranI, moranMc } from '../../src/core/local/globalMoran';
import { spweightsConstants } from '../../src/core/weights/summary';
import { COLUMBUS_DIR } from '../helpers/fixtures';
import { assertClose } from '../helpers/columbus';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const local: any = JSON.parse(fs.readFileSync(path.join(COLUMBUS_DIR, 'reference-local.json'), 'utf8'));
const table = parseCsv(fs.readFileSync(path.join(COLUMBUS_DIR, 'data.csv'), 'utf8'), 'data.csv');
const gal = parseGal(fs.readFileSync(path.join(COLUMBUS_DIR, 'weights.gal'), 'utf8'), 'weights.gal');
const weights = buildWeights({ type: 'gal', path: 'weights.gal', idColumn: 'id', style: 'W', allowIslands: false }, table, { gal });
const crime = numericColumn(table, 'CRIME');
/** The OLS residuals as R gives them (z + mean). */
const residuals = Float64Array.from(local.local_moran.ols_residuals.z as number[], (z) => z + local.local_moran.ols_residuals.mean);

const TOL = 1e-9;

function assertAllClose(actual: ArrayLike<number>, expected: readonly number[], what: string, tol = TOL): void {
  assert.strictEqual(actual.length, expected.length, `${what}: length`);
  for (let i = 0; i < expected.length; i++) assertClose(actual[i], expected[i], tol, `${what}[${i + 1}]`);
}

suite('local Moran (spdep localmoran, Columbus, GAL style W)', () => {
  for (const [name, x] of [['CRIME', crime], ['ols_residuals', residuals]] as const) {
    const ref = local.local_moran[name];

    test(`${name}: centring moments and the lag`, () => {
      const lm = localMoran(x, weights.w);
      // The residuals' mean is 0 up to rounding: compare on the scale of the data.
      assert.ok(Math.abs(lm.mean - ref.mean) <= TOL * Math.sqrt(ref.m2), `mean ${lm.mean} vs ${ref.mean}`);
      assertClose(lm.m2, ref.m2, TOL, 'm2');
      assertClose(lm.b2, ref.b2, TOL, 'b2');
      assertAllClose(lm.lagZ, ref.lag_z, 'lag_z');
    });

    for (const [key, opts] of [
      ['two_sided', {}],
      ['greater', { alternative: 'greater' as const }],
      ['total_randomisation', { conditional: false }],
    ] as const) {
      test(`${name}: ${ref[key].call} — Ii, E, Var, Z, p to 1e-9`, () => {
        const lm = localMoran(x, weights.w, opts);
        assertAllClose(lm.Ii, ref[key].Ii, 'Ii');
        assertAllClose(lm.expectation, ref[key].E_Ii, 'E.Ii');
        assertAllClose(lm.variance, ref[key].Var_Ii, 'Var.Ii');
        assertAllClose(lm.zValue, ref[key].Z_Ii, 'Z.Ii');
        assertAllClose(lm.p, ref[key].p, ref[key].p_column);
      });
    }

    test(`${name}: quadrants (quadr mean, median, pysal) equal spdep's`, () => {
      const lm = localMoran(x, weights.w);
      for (const scheme of QUADRANT_SCHEMES) assert.deepStrictEqual(Array.from(lm.quadrants[scheme], quadrantName), ref.quadr[scheme], scheme);
    });

    test(`${name}: Σ Ii / S0 is the global Moran's I`, () => {
      const lm = localMoran(x, weights.w);
      const sum = lm.Ii.reduce((s, v) => s + v, 0);
      assertClose(sum, ref.check_sum_Ii.sum_Ii, TOL, 'sum Ii');
      assertClose(sum / spweightsConstants(weights.w).S0, moranI(x, weights.w).I, 1e-12, 'sum Ii / S0 vs I');
    });
  }

  test('a value equal to the cut point counts as Low', () => {
    // x = (1, 2, 3) on a path 1–2–3: x₂ = mean = median, (Wx)₂ = 2 = mean(Wx)?  Wx = (2, 2, 2).
    const w = { nrows: 3, ncols: 3, rowPtr: Int32Array.from([0, 1, 3, 4]), colIdx: Int32Array.from([1, 0, 2, 1]), values: Float64Array.from([1, 0.5, 0.5, 1]) };
    const q = localMoran([1, 2, 3], w).quadrants;
    assert.deepStrictEqual(Array.from(q.mean, quadrantName), ['Low-Low', 'Low-Low', 'High-Low']);
    assert.deepStrictEqual(Array.from(q.median, quadrantName), ['Low-Low', 'Low-Low', 'High-Low']);
    assert.deepStrictEqual(Array.from(q.pysal, quadrantName), ['Low-Low', 'Low-Low', 'High-Low']);
  });

  test('an observation without neighbours has I = 0 and undefined z and p', () => {
    const w = { nrows: 3, ncols: 3, rowPtr: Int32Array.from([0, 1, 2, 2]), colIdx: Int32Array.from([1, 0]), values: Float64Array.from([1, 1]) };
    const lm = localMoran([1, 5, 2], w);
    assert.ok(lm.Ii[2] === 0, `I = ${lm.Ii[2]}`);
    assert.ok(Number.isNaN(lm.zValue[2]) && Number.isNaN(lm.p[2]));
  });

  test('bad input: a NaN row and mismatched weights are named', () => {
    assert.throws(() => localMoran([1, NaN, 3], weights.w), /row 2 is NaN/);
    assert.throws(() => localMoran([1, 2, 3], weights.w), /49 × 49 but there are 3 observations/);
    assert.throws(() => localMoran(new Array(49).fill(2), weights.w), /constant \(every row is 2\)/);
  });

  test('alternative "less" is the other tail of "greater"', () => {
    const g = localMoran(crime, weights.w, { alternative: 'greater' });
    const l = localMoran(crime, weights.w, { alternative: 'less' });
    for (let i = 0; i < 49; i++) assertClose(g.p[i] + l.p[i], 1, 1e-12, `p[${i + 1}]`);
  });
});

suite('global Moran (spdep moran.test, moran.mc)', () => {
  const ref = local.moran_CRIME;
  for (const [key, randomisation] of [['randomisation', true], ['normality', false]] as const) {
    test(`moran.test under ${key}: I, E, Var, z, p to 1e-9`, () => {
      const t = moranI(crime, weights.w, { randomisation });
      assertClose(t.I, ref[key].I, TOL, 'I');
      assertClose(t.expectation, ref[key].expectation, TOL, 'E');
      assertClose(t.variance, ref[key].variance, TOL, 'Var');
      assertClose(t.z, ref[key].z, TOL, 'z');
      assertClose(t.p, ref[key].p, TOL, 'p (greater)');
      assertClose(t.pTwoSided, ref[key].p_two_sided, TOL, 'p two-sided');
    });
  }

  test('moran.mc: the statistic is I; the observed rank and p equal spdep\'s for every seed; the simulated mean and variance agree within Monte Carlo error', () => {
    const mc = ref.mc;
    for (const seed of [1, 2, 3, 4, 5]) {
      const r = moranMc(crime, weights.w, { nsim: mc.nsim, seed });
      assertClose(r.statistic, mc.statistic, 1e-12, 'statistic');
      assert.strictEqual(r.rank, mc.observed_rank);
      assert.strictEqual(r.p, mc.p);
      // Mean of 999 draws: SE √(Var/999) each; two independent runs differ by √2 of that.
      const se = Math.sqrt((2 * mc.sim_variance) / mc.nsim);
      assert.ok(Math.abs(r.simMean - mc.sim_mean) < 4 * se, `seed ${seed}: simulated mean ${r.simMean} vs R ${mc.sim_mean}`);
      // Variance of a sample variance ≈ 2σ⁴/(n − 1) for near-normal draws.
      const seV = mc.sim_variance * Math.sqrt(2 * 2 / (mc.nsim - 1));
      assert.ok(Math.abs(r.simVariance - mc.sim_variance) < 4 * seV, `seed ${seed}: simulated variance ${r.simVariance} vs R ${mc.sim_variance}`);
    }
  });

  test('moran.mc: the permutation mean approaches E(I) = −1/(n − 1) and its variance the randomisation variance', () => {
    const r = moranMc(crime, weights.w, { nsim: 20000, seed: 7 });
    const t = moranI(crime, weights.w);
    assert.ok(Math.abs(r.simMean - t.expectation) < 4 * Math.sqrt(t.variance / 20000), `mean ${r.simMean}`);
    assert.ok(Math.abs(r.simVariance / t.variance - 1) < 0.05, `variance ratio ${r.simVariance / t.variance}`);
  });

  test('moran.mc p for the other alternatives follows spdep\'s rank formulas', () => {
    const g = moranMc(crime, weights.w, { nsim: 99, seed: 3, alternative: 'greater' });
    const l = moranMc(crime, weights.w, { nsim: 99, seed: 3, alternative: 'less' });
    const t = moranMc(crime, weights.w, { nsim: 99, seed: 3, alternative: 'two.sided' });
    assert.strictEqual(g.rank, 100);
    assert.strictEqual(g.p, 0.01);
    assert.strictEqual(l.p, 1 - 0.01);
    assert.strictEqual(t.p, 1 - Math.abs(100 - 50) / 100 / 0.5);
  });
});
