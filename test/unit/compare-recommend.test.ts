/**
 * The specification searches, fed with R's own test results on Columbus (reference.json's LM tests
 * of the OLS residuals, reference-extended.json's LR tests of every nested pair): each path's
 * steps and its end, and synthetic evidence that exercises the branches R's data do not reach.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { recommend, specificToGeneral, generalToSpecificGns, generalToSpecificSdm, FAMILY_LABEL, type Evidence, type FamilyModel } from '../../src/core/compare/recommend';
import type { LmTests, TestStatistic } from '../../src/core/result';
import { COLUMBUS_DIR } from '../helpers/fixtures';
import { reference } from '../helpers/columbus';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const extended: any = JSON.parse(fs.readFileSync(path.join(COLUMBUS_DIR, 'reference-extended.json'), 'utf8'));
const R_NAME: Record<FamilyModel, string> = { ols: 'ols', slx: 'slx', lag: 'sar', error: 'sem', durbin: 'sdm', sdem: 'sdem', sac: 'sac', gns: 'gns' };

function columbusEvidence(alpha = 0.05): Evidence {
  const lm = Object.fromEntries(Object.entries(reference.ols.LMtests).map(([k, v]) => [k, v as TestStatistic])) as unknown as LmTests;
  return {
    alpha, lm,
    lr: (g, r) => {
      const t = extended.lr_tests[`${R_NAME[g]}_vs_${R_NAME[r]}`];
      return t && { statistic: t.statistic, df: t.df, p: t.p_accurate };
    },
  };
}

const stat = (p: number): TestStatistic => ({ statistic: 10, df: 1, p });

suite('compare: which model? (specification searches)', () => {
  test('Columbus: every path ends at SAR, through the tests a careful analyst would read', () => {
    const r = recommend(columbusEvidence());
    assert.strictEqual(r.model, 'lag');
    assert.strictEqual(r.disagreement, undefined);
    assert.deepStrictEqual(r.paths.map((p) => p.model), ['lag', 'lag', 'lag']);
    const gns = generalToSpecificGns(columbusEvidence());
    // GNS: λ (p 0.855) goes first, then θ in the SDM (p 0.316); ρ stays (SAR vs OLS p 0.0037)
    assert.deepStrictEqual(gns.steps.filter((s) => !s.test).map((s) => s.decision), ['drop λ, the least significant: SDM', 'drop θ, the least significant: SAR']);
    const last = gns.steps[gns.steps.length - 1];
    assert.strictEqual(last.test, 'LR SAR vs OLS (ρ = 0)');
    assert.ok(Math.abs(last.p - extended.lr_tests.sar_vs_ols.p_accurate) < 1e-15 && last.significant);
    const classic = specificToGeneral(columbusEvidence());
    assert.deepStrictEqual(classic.steps.map((s) => s.significant), [true, true, false, false, false]);
    assert.match(classic.steps[classic.steps.length - 1].decision, /SAR: the larger robust statistic/);
  });

  test('the common-factor test turns an SDM into SEM when θ = −ρβ is not rejected', () => {
    const lr = (g: FamilyModel, r: FamilyModel) => stat(g === 'durbin' && r === 'error' ? 0.4 : (g === 'gns' && r === 'durbin') ? 0.9 : 0.001);
    const e: Evidence = { alpha: 0.05, lm: columbusEvidence().lm, lr };
    assert.strictEqual(generalToSpecificGns(e).model, 'error');
    assert.strictEqual(generalToSpecificSdm(e).model, 'error');
  });

  test('nothing significant ends at OLS; the paths\' disagreement is named', () => {
    const none: Evidence = { alpha: 0.05, lm: { LMerr: stat(0.5), LMlag: stat(0.6), RLMerr: stat(0.5), RLMlag: stat(0.5), SARMA: stat(0.5) }, lr: () => stat(0.7) };
    assert.deepStrictEqual(recommend(none).paths.map((p) => p.model), ['ols', 'ols', 'ols']);
    const split: Evidence = { ...none, lm: { ...none.lm, LMlag: stat(0.001) }, lr: () => stat(0.7) };
    const r = recommend(split);
    assert.strictEqual(r.model, 'ols');
    assert.match(r.disagreement ?? '', /specific to general \(classic LM decision rules\) ends at SAR, not OLS/);
    assert.strictEqual(FAMILY_LABEL[r.paths[2].model], 'SAR');
  });
});
