import * as assert from 'assert';
import { lgamma, pchisq, pchisqUpper, pfUpper, pnorm, pTwoSidedNormal, pTwoSidedT, qnorm } from '../../src/core/inference/distributions';
import { createRng } from '../../src/core/inference/random';
import { assertRel } from './inference-columbus.fixture';

suite('inference: distributions', () => {
  test('pnorm matches R / high-precision values in both tails', () => {
    // Reference values: mpmath ncdf at 40 digits (= R's pnorm to its last digit).
    const cases: [number, number][] = [
      [0.1, 0.46017216272297101633],
      [0.5, 0.30853753872598689636],
      [0.67, 0.25142889509531010155],
      [1, 0.15865525393145705141],
      [2, 0.0227501319481792072],
      [5, 2.8665157187919391167e-7],
      [5.7, 5.9903714010635281878e-9],
      [8, 6.2209605742717841235e-16],
      [10, 7.619853024160526066e-24],
      [20, 2.7536241186062336951e-89],
      [30, 4.9067139271481870595e-198],
      [37, 5.7255712225245768227e-300],
    ];
    for (const [z, upper] of cases) {
      assertRel(pnorm(-z), upper, 2e-15, `pnorm(-${z})`);
      assertRel(pnorm(z, false), upper, 2e-15, `pnorm(${z}, upper)`);
      assertRel(pnorm(z), 1 - upper, 1e-15, `pnorm(${z})`);
    }
    assert.strictEqual(pnorm(0), 0.5);
    assert.strictEqual(pnorm(-Infinity), 0);
    assert.strictEqual(pnorm(Infinity), 1);
    assert.ok(Number.isNaN(pnorm(NaN)));
  });

  test('two-sided normal p-value is R p_accurate', () => {
    // R: pnorm(-3.45329523744247) * 2. reference.json rounds z to 15 digits, which moves p by
    // ~|z|·5e-15 relative (the exact value for the rounded z is 5.5378254836214180e-4, mpmath).
    assertRel(pTwoSidedNormal(-3.45329523744247), 0.000553782548362152, 5e-14, 'INC p');
    assertRel(pTwoSidedNormal(3.45329523744247), 5.5378254836214179794e-4, 2e-15, 'INC p (exact)');
    // SEM intercept: R prints p = 0 (2*(1-pnorm)); the accurate value is 1.5e-30.
    assertRel(pTwoSidedNormal(11.4873106666205), 1.52794787978115e-30, 1e-12, 'SEM intercept p');
  });

  test('pchisq upper tail (df 1, 2, general)', () => {
    assertRel(pchisqUpper(8.41791755159818, 1), 0.00371541099386896, 1e-14, 'LR df1');
    assertRel(pchisqUpper(7.88918951416965, 2), 0.0193590599021721, 1e-14, 'SARMA df2');
    const general: [number, number, number][] = [
      [3.5, 3, 0.32076212080563903222],
      [10, 5, 0.075235246146512178722],
      [50, 7, 1.4444852779215405411e-8],
      [0.5, 4, 0.97350097883925608531],
      [100, 3, 1.5541594313896049214e-21],
      [30, 40, 0.8752187849674751773],
      [200.5, 150, 0.0037009971111442305741],
      [0.001, 3, 0.99999159208094195384],
      [30, 2.5, 0],
    ];
    for (const [x, df, expected] of general.slice(0, -1)) assertRel(pchisqUpper(x, df), expected, 1e-13, `pchisq(${x}, ${df})`);
    // non-integer df goes through the incomplete gamma; check against the integer neighbours' ordering
    const mid = pchisqUpper(30, 2.5);
    assert.ok(mid > pchisqUpper(30, 2) && mid < pchisqUpper(30, 3));
    assertRel(pchisq(3.5, 3), 1 - 0.32076212080563903222, 1e-14, 'lower tail');
    assert.strictEqual(pchisqUpper(0, 1), 1);
    assert.strictEqual(pchisqUpper(Infinity, 1), 0);
  });

  test('F and t tails', () => {
    // pf(28.39, 2, 46, lower = FALSE), mpmath betainc
    assertRel(pfUpper(28.39, 2, 46), 9.3224920493170557049e-9, 1e-11, 'F');
    // OLS Columbus INC t = -4.78049619129659, df 46, R p = 1.82895950708421e-05
    assertRel(pTwoSidedT(-4.78049619129659, 46), 1.82895950708421e-5, 1e-9, 't');
    assertRel(pTwoSidedT(14.4903731436891, 46), 9.21088998891681e-19, 1e-8, 't far tail');
  });

  test('qnorm inverts pnorm (AS 241)', () => {
    const cases: [number, number][] = [
      [1e-20, -9.2623400897984075796],
      [1e-10, -6.3613409024040561991],
      [0.01, -2.3263478740408410931],
      [0.075, -1.4395314709384559349],
      [0.3, -0.52440051270804081597],
      [0.9, 1.2815515655446005935],
      [0.999999, 4.7534243088170877657],
    ];
    for (const [p, q] of cases) assertRel(qnorm(p), q, 1e-14, `qnorm(${p})`);
    assert.strictEqual(qnorm(0.5), 0);
    assert.strictEqual(qnorm(0), -Infinity);
    assert.strictEqual(qnorm(1), Infinity);
    assertRel(qnorm(1e-20, false), 9.2623400897984075796, 1e-14, 'upper');
  });

  test('lgamma', () => {
    const cases: [number, number][] = [
      [0.3, 1.0957979948180755606],
      [1.5, -0.12078223763524522235],
      [2.5, 0.28468287047291915963],
      [7.3, 7.1478925230222486921],
      [20.5, 40.83150097453079811],
      [100.25, 360.28455963776423497],
      [1000.5, 5908.6741758486774887],
    ];
    for (const [x, v] of cases) assertRel(lgamma(x), v, 1e-14, `lgamma(${x})`);
    assert.strictEqual(lgamma(1), 0);
    assert.strictEqual(lgamma(2), 0);
  });

  test('seeded RNG: same seed, same stream; normals look standard', () => {
    const a = createRng(1);
    const b = createRng(1);
    const c = createRng(2);
    const sa = Array.from({ length: 5 }, () => a.uniform());
    const sb = Array.from({ length: 5 }, () => b.uniform());
    const sc = Array.from({ length: 5 }, () => c.uniform());
    assert.deepStrictEqual(sa, sb);
    assert.notDeepStrictEqual(sa, sc);
    const r = createRng(12345);
    let s = 0;
    let s2 = 0;
    const m = 200000;
    for (let i = 0; i < m; i++) {
      const z = r.normal();
      s += z;
      s2 += z * z;
    }
    const mean = s / m;
    const v = s2 / m - mean * mean;
    assert.ok(Math.abs(mean) < 0.01, `mean ${mean}`);
    assert.ok(Math.abs(v - 1) < 0.01, `var ${v}`);
    for (let i = 0; i < 1000; i++) {
      const u = r.uniform();
      assert.ok(u > 0 && u < 1);
    }
  });
});
