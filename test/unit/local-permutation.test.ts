import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { numericColumn, parseCsv } from '../../src/core/io/csv';
import { parseGal } from '../../src/core/io/gal';
import type { Csr } from '../../src/core/sparse/csr';
import { buildWeights } from '../../src/core/weights/build';
import { applyStyle } from '../../src/core/weights/style';
import { localMoran } from '../../src/core/local/localMoran';
import { localMoranPerm, type DrawMode, type LocalMoranPerm } from '../../src/core/local/permutation';
import { COLUMBUS_DIR } from '../helpers/fixtures';
import { assertClose } from '../helpers/columbus';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const local: any = JSON.parse(fs.readFileSync(path.join(COLUMBUS_DIR, 'reference-local.json'), 'utf8'));
const ref = local.local_moran_perm.CRIME;
const table = parseCsv(fs.readFileSync(path.join(COLUMBUS_DIR, 'data.csv'), 'utf8'), 'data.csv');
const gal = parseGal(fs.readFileSync(path.join(COLUMBUS_DIR, 'weights.gal'), 'utf8'), 'weights.gal');
const weights = buildWeights({ type: 'gal', path: 'weights.gal', idColumn: 'id', style: 'W', allowIslands: false }, table, { gal });
const crime = numericColumn(table, 'CRIME');
const NSIM: number = ref.nsim;
const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

/**
 * Exact moments of the simulated I_i: sims = (z_i/m2) Σ_t w_t v_t with v_t iid uniform on z[−i]
 * (spdep's draw with replacement): cumulants add, κ_r(S) = κ_r(v) Σ_t w_tʳ.
 */
function drawMoments(x: ArrayLike<number>, w: Csr, i: number): { mean: number; variance: number; skewness: number; kurtosis: number } {
  const n = x.length;
  let sx = 0;
  for (let j = 0; j < n; j++) sx += x[j];
  const mx = sx / n;
  const z = Array.from(x, (v) => v - mx);
  const m2 = z.reduce((s, v) => s + v * v, 0) / n;
  const others = z.filter((_, j) => j !== i);
  const mu = others.reduce((s, v) => s + v, 0) / others.length;
  const c = (r: number): number => others.reduce((s, v) => s + (v - mu) ** r, 0) / others.length;
  const [k2, k3] = [c(2), c(3)];
  const k4 = c(4) - 3 * k2 * k2;
  const ws = Array.from(w.values.subarray(w.rowPtr[i], w.rowPtr[i + 1]));
  const pw = (r: number): number => ws.reduce((s, v) => s + v ** r, 0);
  const a = z[i] / m2;
  const varS = k2 * pw(2);
  return {
    mean: a * mu * pw(1),
    variance: a * a * varS,
    skewness: Math.sign(a) * (k3 * pw(3)) / varS ** 1.5,
    kurtosis: (k4 * pw(4)) / (varS * varS),
  };
}

/** Standardised differences pooled: their mean and mean square (≈ 0 and ≈ 1 when the spread is right). */
function pooled(zs: number[]): { mean: number; meanSquare: number; maxAbs: number } {
  const m = zs.reduce((s, v) => s + v, 0) / zs.length;
  return { mean: m, meanSquare: zs.reduce((s, v) => s + v * v, 0) / zs.length, maxAbs: Math.max(...zs.map(Math.abs)) };
}

const runs = new Map<DrawMode, LocalMoranPerm[]>();
function runsOf(mode: DrawMode): LocalMoranPerm[] {
  if (!runs.has(mode)) runs.set(mode, SEEDS.map((seed) => localMoranPerm(crime, weights.w, { nsim: NSIM, seed, draws: mode })));
  return runs.get(mode)!;
}

suite('local Moran permutation inference (spdep localmoran_perm)', () => {
  test('the exact moments of spdep\'s draw (with replacement from z[−i]) are the reference\'s E_Ii_draw and Var_Ii_draw', () => {
    for (let i = 0; i < crime.length; i++) {
      const m = drawMoments(crime, weights.w, i);
      assertClose(m.mean, ref.E_Ii_draw[i], 1e-9, `E_Ii_draw[${i + 1}]`);
      assertClose(m.variance, ref.Var_Ii_draw[i], 1e-9, `Var_Ii_draw[${i + 1}]`);
    }
  });

  for (const mode of ['shared', 'independent'] as const) {
    test(`${mode} draws: Ii is localmoran's; over ${SEEDS.length} seeds the simulated mean, variance, skewness and kurtosis scatter around the exact draw moments by their Monte Carlo error`, () => {
      const Ii = localMoran(crime, weights.w).Ii;
      const zMean: number[] = [];
      const zVar: number[] = [];
      const zSkew: number[] = [];
      const zKurt: number[] = [];
      for (const r of runsOf(mode)) {
        assert.strictEqual(r.draws, mode);
        for (let i = 0; i < crime.length; i++) {
          assertClose(r.Ii[i], Ii[i], 1e-12, 'Ii');
          assertClose(r.Ii[i], ref.Ii[i], 1e-9, 'Ii vs spdep');
          const m = drawMoments(crime, weights.w, i);
          zMean.push((r.simMean[i] - m.mean) / Math.sqrt(m.variance / NSIM));
          zVar.push((r.simVariance[i] - m.variance) / (m.variance * Math.sqrt((m.kurtosis + 2) / NSIM)));
          // Large-sample SEs of sample skewness and kurtosis (normal-theory; the draws are close to normal).
          zSkew.push((r.skewness[i] - m.skewness) / Math.sqrt(6 / NSIM));
          zKurt.push((r.kurtosis[i] - m.kurtosis) / Math.sqrt(24 / NSIM));
        }
      }
      for (const [what, zs, msMax] of [['mean', zMean, 1.3], ['variance', zVar, 1.4], ['skewness', zSkew, 2], ['kurtosis', zKurt, 2]] as const) {
        const p = pooled(zs);
        assert.ok(Math.abs(p.mean) < 0.2, `${what}: mean standardised difference ${p.mean.toFixed(3)} (a bias)`);
        assert.ok(p.meanSquare > 0.5 && p.meanSquare < msMax, `${what}: mean square ${p.meanSquare.toFixed(3)} (wrong spread)`);
      }
    });

    test(`${mode} draws: the p-values (z, rank, folded), skewness and kurtosis agree with spdep's run within Monte Carlo error`, () => {
      const all = runsOf(mode);
      for (const [field, refField] of [['pZ', 'p_z_sim'], ['pRank', 'p_rank_sim'], ['pFolded', 'p_folded_sim']] as const) {
        const zs: number[] = [];
        for (let i = 0; i < crime.length; i++) {
          const mean = all.reduce((s, r) => s + r[field][i], 0) / all.length;
          const p = ref[refField][i];
          // Binomial error of the smaller tail frequency p₁ (the folded p is p₁, the two-sided ones
          // about 2p₁; p_z varies less), for spdep's one run plus the mean of ours; a floor near 0.
          const folded = refField === 'p_folded_sim';
          const p1 = folded ? p : p / 2;
          const se = (folded ? 1 : 2) * Math.sqrt((Math.max(p1 * (1 - p1), 1 / NSIM) / NSIM) * (1 + 1 / all.length));
          zs.push((mean - p) / se);
        }
        const pl = pooled(zs);
        assert.ok(pl.maxAbs < 4.5, `${field}: an observation differs by ${pl.maxAbs.toFixed(2)} SE`);
        assert.ok(pl.meanSquare < 2, `${field}: mean square ${pl.meanSquare.toFixed(3)}`);
      }
      for (const [field, refField, se] of [['skewness', 'skewness', Math.sqrt(6 / NSIM)], ['kurtosis', 'kurtosis', Math.sqrt(24 / NSIM)]] as const) {
        const zs = Array.from({ length: crime.length }, (_, i) => (all.reduce((s, r) => s + r[field][i], 0) / all.length - ref[refField][i]) / (se * Math.sqrt(1 + 1 / all.length)));
        const pl = pooled(zs);
        assert.ok(pl.maxAbs < 4.5 && pl.meanSquare < 2.5, `${field}: max ${pl.maxAbs.toFixed(2)}, mean square ${pl.meanSquare.toFixed(3)}`);
      }
    });
  }

  test('the z-value and its p follow from the simulated mean and variance; the folded p from the count of sims ≥ Ii', () => {
    const r = runsOf('shared')[0];
    for (let i = 0; i < crime.length; i++) {
      assertClose(r.zValue[i], (r.Ii[i] - r.simMean[i]) / Math.sqrt(r.simVariance[i]), 1e-12, 'z');
      const k = r.nAtLeast[i];
      assert.strictEqual(r.pFolded[i], (Math.min(k, NSIM - k) + 1) / (NSIM + 1));
    }
  });

  test('the same seed gives the same results; another seed other draws', () => {
    const a = localMoranPerm(crime, weights.w, { nsim: 99, seed: 42 });
    const b = localMoranPerm(crime, weights.w, { nsim: 99, seed: 42 });
    const c = localMoranPerm(crime, weights.w, { nsim: 99, seed: 43 });
    assert.deepStrictEqual(Array.from(a.simMean), Array.from(b.simMean));
    assert.notDeepStrictEqual(Array.from(a.simMean), Array.from(c.simMean));
  });

  test('ties: with two observations every draw equals Ii — rank p 1, folded p 1/(nsim + 1), z undefined (as spdep)', () => {
    const w: Csr = { nrows: 2, ncols: 2, rowPtr: Int32Array.from([0, 1, 2]), colIdx: Int32Array.from([1, 0]), values: Float64Array.from([1, 1]) };
    for (const draws of ['shared', 'independent'] as const) {
      const r = localMoranPerm([1, 3], w, { nsim: 999, draws });
      assert.deepStrictEqual(Array.from(r.pRank), [1, 1], draws);
      assert.deepStrictEqual(Array.from(r.pFolded), [0.001, 0.001], draws);
      assert.deepStrictEqual(Array.from(r.nAtLeast), [999, 999], draws);
      assert.ok(r.zValue.every(Number.isNaN), draws);
    }
  });

  test('one-sided alternatives: p_z from the normal tail, rank p = (#sims beyond Ii + 1)/(nsim + 1)', () => {
    const g = localMoranPerm(crime, weights.w, { nsim: 499, seed: 5, alternative: 'greater' });
    const l = localMoranPerm(crime, weights.w, { nsim: 499, seed: 5, alternative: 'less' });
    for (let i = 0; i < crime.length; i++) {
      assert.strictEqual(g.pRank[i], (g.nAtLeast[i] + 1) / 500);
      assertClose(g.pZ[i] + l.pZ[i], 1, 1e-12, 'greater + less');
      assert.ok(l.pRank[i] >= (499 - g.nAtLeast[i] + 1) / 500 - 1e-15);
    }
  });

  test('rows with unequal weights (inverse distance) are drawn independently and match their exact moments', () => {
    const X = numericColumn(table, 'X');
    const Y = numericColumn(table, 'Y');
    const raw = weights.raw!;
    const inv = Float64Array.from(raw.values, (_, p) => {
      const i = rowOf(raw, p);
      const j = raw.colIdx[p];
      return 1 / Math.hypot(X[i] - X[j], Y[i] - Y[j]);
    });
    const w = applyStyle({ ...raw, values: inv }, 'W');
    const zs: number[] = [];
    for (const seed of SEEDS) {
      const r = localMoranPerm(crime, w, { nsim: NSIM, seed });
      for (let i = 0; i < crime.length; i++) {
        const m = drawMoments(crime, w, i);
        zs.push((r.simMean[i] - m.mean) / Math.sqrt(m.variance / NSIM));
      }
    }
    const p = pooled(zs);
    assert.ok(Math.abs(p.mean) < 0.2 && p.meanSquare > 0.7 && p.meanSquare < 1.3, `mean ${p.mean}, mean square ${p.meanSquare}`);
  });

  test('an island gets undefined results', () => {
    const w: Csr = { nrows: 3, ncols: 3, rowPtr: Int32Array.from([0, 1, 2, 2]), colIdx: Int32Array.from([1, 0]), values: Float64Array.from([1, 1]) };
    const r = localMoranPerm([1, 4, 2], w, { nsim: 99 });
    assert.ok(Number.isNaN(r.simMean[2]) && Number.isNaN(r.pFolded[2]) && r.nAtLeast[2] === -1);
    assert.ok(Number.isFinite(r.pFolded[0]));
  });

  test('bad options are named', () => {
    assert.throws(() => localMoranPerm(crime, weights.w, { nsim: 0 }), /nsim must be an integer/);
    assert.throws(() => localMoranPerm(crime, weights.w, { nsim: 9.5 }), /nsim must be an integer/);
  });
});

function rowOf(a: Csr, p: number): number {
  let lo = 0;
  let hi = a.nrows - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (a.rowPtr[mid] <= p) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
