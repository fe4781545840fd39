/**
 * `compare`: the eight models on one spec's data and weights, side by side. On Columbus every
 * number of the table and every LR test equals R's (reference-extended.json: `model_comparison`
 * from logLik/AIC/BIC of each fit, `lr_tests` from spatialreg `LR.Sarlm`); on data simulated from a
 * known model the recommendation finds that model in most seeds, and a simulated GNS is recovered.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { compareSpecFile } from '../../src/core/compare/run';
import { formatComparison } from '../../src/core/report/compare';
import { main } from '../../src/cli/main';
import type { FamilyComparison } from '../../src/core/compare/family';
import type { ModelType } from '../../src/core/spec/types';
import { assertClose, COLUMBUS_DIR, columbusSpec } from '../helpers/columbus';
import { simulateSpec, type TrueModel } from '../helpers/simulate';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const X: any = JSON.parse(fs.readFileSync(path.join(COLUMBUS_DIR, 'reference-extended.json'), 'utf8'));
const R_NAME: Record<ModelType, string> = { ols: 'ols', slx: 'slx', lag: 'sar', error: 'sem', durbin: 'sdm', sdem: 'sdem', sac: 'sac', gns: 'gns' };

async function compare(spec: string): Promise<FamilyComparison> {
  const out = await compareSpecFile(spec);
  assert.deepStrictEqual(out.problems.filter((p) => p.severity === 'error'), []);
  assert.ok(out.comparison);
  return out.comparison;
}

suite('compare: the model family on Columbus vs R', () => {
  let c: FamilyComparison;
  suiteSetup(async () => {
    c = await compare(columbusSpec());
  });

  test('one row per model: logLik, parameters, AIC and BIC as R\'s logLik(), AIC(), BIC()', () => {
    assert.deepStrictEqual(c.models.map((m) => m.model), ['ols', 'slx', 'lag', 'error', 'durbin', 'sdem', 'sac', 'gns']);
    for (const m of c.models) {
      const R = X.model_comparison.find((r: { model: string }) => r.model === R_NAME[m.model]);
      assertClose(m.logLik, R.loglik, 1e-9, `${m.model} logLik`);
      assert.strictEqual(m.parameters, R.parameters, `${m.model} parameters`);
      assertClose(m.aic, R.AIC_R, 1e-9, `${m.model} AIC`);
      assertClose(m.bic, R.BIC_R, 1e-9, `${m.model} BIC`);
      assert.ok(m.converged);
    }
    assert.strictEqual(c.bestAic, 'lag');
    assert.strictEqual(c.bestBic, 'lag');
  });

  test('the LR test of every nested pair equals spatialreg LR.Sarlm; the common-factor test is SDM vs SEM', () => {
    assert.strictEqual(c.lrTests.length, Object.keys(X.lr_tests).length);
    for (const t of c.lrTests) {
      const R = X.lr_tests[`${R_NAME[t.general]}_vs_${R_NAME[t.restricted]}`];
      assert.ok(R, `${t.general} vs ${t.restricted} in the reference`);
      // LR is a difference of two logLik of ~183: 1e-6 relative of LR ~ 1e-9 of each logLik.
      assertClose(t.statistic, R.statistic, 1e-6, `LR ${t.general} vs ${t.restricted}`);
      assert.strictEqual(t.df, R.df);
      assertClose(t.p, R.p_accurate, 1e-6, `p ${t.general} vs ${t.restricted}`);
    }
    assertClose(c.commonFactor!.statistic, X.lr_tests.sdm_vs_sem.statistic, 1e-6, 'common factor');
    assert.strictEqual(c.commonFactor!.df, 2);
  });

  test('the recommendation is SAR, by the general-to-specific path from GNS, and the other paths agree', () => {
    assert.strictEqual(c.recommendation.model, 'lag');
    assert.match(c.recommendation.procedure, /general to specific from GNS/);
    assert.deepStrictEqual(c.recommendation.paths.map((p) => p.model), ['lag', 'lag', 'lag', 'lag']);
    const text = formatComparison(c);
    assert.match(text, /\nSAR +-183\.1683 +5 +376\.34 +385\.80 +0\.40389 +min AIC, min BIC\n/);
    assert.match(text, /Recommendation \(alpha = 0\.05\): Spatial lag model \(SAR\)/);
    assert.match(text, /LR SAR vs OLS \(ρ = 0\): 8\.4179 on 1 DF/);
  });

  test('sar-studio compare --json: the table, the tests, the recommendation, and every fit as fit --json', async () => {
    let stdout = '';
    let stderr = '';
    const code = await main(['compare', columbusSpec(), '--json'], { stdout: (t) => { stdout += t; }, stderr: (t) => { stderr += t; } });
    assert.strictEqual(code, 0, stderr);
    const j = JSON.parse(stdout);
    assert.deepStrictEqual(Object.keys(j.models[0]).sort(), ['aic', 'bic', 'converged', 'logLik', 'model', 'parameters']);
    assert.deepStrictEqual(Object.keys(j.lrTests[0]).sort(), ['df', 'general', 'p', 'restricted', 'restriction', 'statistic']);
    assert.deepStrictEqual(Object.keys(j.commonFactor).sort(), ['df', 'p', 'statistic']);
    assert.strictEqual(j.recommendation.model, 'lag');
    assert.ok(j.recommendation.steps.length > 0 && j.recommendation.procedure);
    assert.deepStrictEqual(Object.keys(j.fits), ['ols', 'slx', 'lag', 'error', 'durbin', 'sdem', 'sac', 'gns']);
    assertClose(j.fits.gns.lambda.estimate, X.gns.lambda.estimate, 1e-6, 'fits.gns.lambda');
    assert.match(stderr, /info: SAC: ρ = 0\.35326 is not significant/);
  });

  test('--alpha must lie in (0, 1); compare takes no --column', async () => {
    let stderr = '';
    const io = { stdout: () => undefined, stderr: (t: string) => { stderr += t; } };
    assert.strictEqual(await main(['compare', columbusSpec(), '--alpha', '1.5'], io), 2);
    assert.match(stderr, /--alpha must be a number between 0 and 1/);
    assert.strictEqual(await main(['compare', columbusSpec(), '--column', 'INC'], io), 2);
    assert.match(stderr, /--column is not an option of compare/);
  });
});

suite('compare: simulated data of n = 1000 from a known model', () => {
  const base = { alpha: 1, beta: [1, -1] as [number, number], sigma: 1 };
  const TRUTHS: Record<'lag' | 'error' | 'durbin', TrueModel> = {
    lag: { ...base, rho: 0.5, lambda: 0, theta: [0, 0] },
    error: { ...base, rho: 0, lambda: 0.5, theta: [0, 0] },
    // θ far from the common factor −ρβ = (−0.4, 0.4), so the SDM is not an SEM in disguise.
    durbin: { ...base, rho: 0.4, lambda: 0, theta: [0.8, 0.5] },
  };
  const SEEDS = [11, 12, 13];

  for (const [model, truth] of Object.entries(TRUTHS)) {
    test(`the recommendation picks the true ${model === 'lag' ? 'SAR' : model === 'error' ? 'SEM' : 'SDM'} in most of ${SEEDS.length} seeds`, async function () {
      this.timeout(300_000);
      const picked: ModelType[] = [];
      for (const seed of SEEDS) picked.push((await compare(simulateSpec(truth, 1000, seed, 'lag'))).recommendation.model);
      const hits = picked.filter((m) => m === model).length;
      assert.ok(hits * 2 > SEEDS.length, `picked ${picked.join(', ')}`);
    });
  }

  test('a GNS with known (ρ, λ, β, θ) is recovered: every estimate within 3 standard errors of the truth', async function () {
    this.timeout(300_000);
    const truth: TrueModel = { alpha: 1, beta: [1, -1], theta: [0.8, 0.5], rho: 0.4, lambda: 0.3, sigma: 1 };
    const { runSpecFile } = await import('../../src/core/run');
    const out = await runSpecFile(simulateSpec(truth, 1000, 7, 'gns'));
    const r = out.result!;
    const within = (est: { estimate: number; stdError: number }, value: number, what: string) =>
      assert.ok(Math.abs(est.estimate - value) < 3 * est.stdError, `${what}: ${est.estimate} ± ${est.stdError} vs ${value}`);
    within(r.rho!, truth.rho, 'ρ');
    within(r.lambda!, truth.lambda, 'λ');
    const coef = (name: string) => r.coefficients.find((c) => c.name === name)!;
    within(coef('(Intercept)'), truth.alpha, 'α');
    within(coef('x1'), truth.beta[0], 'β1');
    within(coef('x2'), truth.beta[1], 'β2');
    within(coef('lag.x1'), truth.theta[0], 'θ1');
    within(coef('lag.x2'), truth.theta[1], 'θ2');
    assert.ok(r.rho!.stdError < 0.2 && r.lambda!.stdError < 0.2, 'identified: the SEs are informative');
  });
});
