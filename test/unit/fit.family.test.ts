/**
 * The rest of the model family end to end (spec → runSpecFile → FitResult → report / JSON) on
 * Columbus, against R spatialreg (test/fixtures/columbus/reference-extended.json; its README says
 * which R call made each field): SLX (`lmSLX`), SDEM (`errorsarlm(Durbin = TRUE)`), SAC
 * (`sacsarlm`) and GNS (`sacsarlm(Durbin = TRUE)`), with their impacts, LR tests and AIC; the
 * regression diagnostics of the OLS design and of the lag model's residuals; and the lag model's
 * in-sample predictions (`predict.Sarlm`). Exact statistics to 1e-6 relative.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { runSpecFile } from '../../src/core/run';
import { resultToJson } from '../../src/cli/json';
import { formatReport } from '../../src/core/report/text';
import { toRScript } from '../../src/core/export/rscript';
import { parseSpec } from '../../src/core/spec/parse';
import type { FitResult, ImpactInference } from '../../src/core/result';
import { assertClose, COLUMBUS_DIR, columbusSpec } from '../helpers/columbus';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const X: any = JSON.parse(fs.readFileSync(path.join(COLUMBUS_DIR, 'reference-extended.json'), 'utf8'));
const TOL = 1e-6;

async function fit(model: string, overrides: Record<string, unknown> = {}): Promise<FitResult> {
  const out = await runSpecFile(columbusSpec({ model, ...overrides }), { draws: 0 });
  assert.deepStrictEqual(out.problems.filter((p) => p.severity === 'error'), []);
  assert.ok(out.result);
  return out.result;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function assertCoefficients(r: FitResult, ref: any[], stat: 'z' | 't') {
  assert.deepStrictEqual(r.coefficients.map((c) => c.name), ref.map((c) => c.term));
  r.coefficients.forEach((c, j) => {
    assertClose(c.estimate, ref[j].estimate, TOL, `${c.name} estimate`);
    assertClose(c.stdError, ref[j].std_error, TOL, `${c.name} SE`);
    assertClose(c.z, ref[j][stat], TOL, `${c.name} ${stat}`);
    assertClose(c.p, ref[j].p_accurate ?? ref[j].p, TOL, `${c.name} p`);
  });
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function assertParameter(p: FitResult['rho'], ref: any, what: string) {
  assert.ok(p, what);
  assertClose(p.estimate, ref.estimate, TOL, `${what} estimate`);
  assertClose(p.stdError, ref.std_error, TOL, `${what} SE`);
  assertClose(p.z, ref.z, TOL, `${what} z`);
  assertClose(p.p, ref.p_accurate, TOL, `${what} p`);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function assertFitStatistics(r: FitResult, ref: any) {
  assertClose(r.logLik, ref.loglik, 1e-9, 'logLik');
  assertClose(r.sigma2, ref.sigma2, TOL, 'sigma2');
  assertClose(r.aic, ref.AIC, 1e-9, 'AIC');
  assert.strictEqual(r.parameters, ref.parameters);
  if (ref.LR) {
    assert.ok(r.lrTest);
    assertClose(r.lrTest.statistic, ref.LR.statistic, TOL, 'LR');
    assert.strictEqual(r.lrTest.df, ref.LR.df);
    assertClose(r.lrTest.p, ref.LR.p, TOL, 'LR p');
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function assertAnalyticImpacts(r: FitResult, ref: any[]) {
  assert.strictEqual(r.impactsMethod, 'coefficients');
  assert.deepStrictEqual(r.impacts?.map((i) => i.name), ref.map((i) => i.variable));
  r.impacts!.forEach((row, j) => {
    for (const e of ['direct', 'indirect', 'total'] as const) {
      assertClose(row[e], ref[j][e].estimate, TOL, `${row.name} ${e}`);
      const a: ImpactInference = row.analytic![e];
      assertClose(a.stdError, ref[j][e].std_error, TOL, `${row.name} ${e} SE`);
      assertClose(a.z, ref[j][e].z, TOL, `${row.name} ${e} z`);
      assertClose(a.p, ref[j][e].p_accurate, TOL, `${row.name} ${e} p`);
    }
  });
}

suite('fit: the model family on Columbus vs R spatialreg', () => {
  test('SLX (lmSLX): OLS on [X, WX] with t tests, R², AIC, the LR test of θ = 0, and β/θ as the impacts', async () => {
    const r = await fit('slx');
    const R = X.slx;
    assertCoefficients(r, R.coefficients, 't');
    assert.strictEqual(r.dfResidual, R.df_residual);
    assertClose(r.rSquared!, R.r_squared, TOL, 'R²');
    assertClose(r.adjRSquared!, R.adj_r_squared, TOL, 'adjusted R²');
    assertClose(r.logLik, R.loglik, 1e-9, 'logLik');
    assertClose(r.aic, R.AIC, 1e-9, 'AIC');
    assert.strictEqual(r.parameters, R.parameters);
    assertClose(r.lrTest!.statistic, X.lr_tests.slx_vs_ols.statistic, TOL, 'LR SLX vs OLS');
    assert.strictEqual(r.lrTest!.df, X.lr_tests.slx_vs_ols.df);
    assertAnalyticImpacts(r, R.impacts.impacts);
    const text = formatReport(r);
    assert.match(text, /Spatial lag of X model \(SLX\), least squares/);
    assert.match(text, /Impact measures \(SlX, analytic\):/);
    assert.match(text, /Multiple R-squared: {2}0\.6085/);
  });

  test('SDEM (errorsarlm, Durbin = TRUE): λ, β, θ with asymptotic SEs, the LR test against SLX, analytic impacts', async () => {
    const r = await fit('sdem');
    const R = X.sdem;
    assertCoefficients(r, R.coefficients, 'z');
    assertParameter(r.lambda, R.lambda, 'lambda');
    assert.strictEqual(r.rho, undefined);
    assertFitStatistics(r, R);
    assertClose(r.wald!.statistic, R.Wald.statistic, TOL, 'Wald');
    assertAnalyticImpacts(r, R.impacts.impacts);
    assert.match(formatReport(r), /Type: error \(spatial Durbin error\)/);
  });

  for (const model of ['sac', 'gns'] as const) {
    test(`${model.toUpperCase()} (sacsarlm${model === 'gns' ? ', Durbin = TRUE' : ''}): ρ and λ with SEs, β, the LR test against OLS, as R prints them`, async () => {
      const r = await fit(model);
      const R = X[model];
      assertCoefficients(r, R.coefficients, 'z');
      assertParameter(r.rho, R.rho, 'rho');
      assertParameter(r.lambda, R.lambda, 'lambda');
      assertFitStatistics(r, R);
      assert.ok(r.optima && r.optima.length >= 4, 'the optimum from every start is reported');
      const text = formatReport(r);
      assert.match(text, new RegExp(`Type: ${R.type}\\n`));
      // spatialreg's layout: Rho and Lambda each with its SE, then one LR line.
      assert.match(text, /\nRho: [-0-9.]+\nAsymptotic standard error: [0-9.]+\n {4}z-value: .*\nLambda: [-0-9.]+\nAsymptotic standard error: .*\n {4}z-value: .*\n\nLR test value: /);
      const json = resultToJson(r);
      assert.ok(json.rho && json.lambda && json.optima);
    });
  }

  test('GNS impacts are the Durbin impacts at (ρ, β, θ): the λWu error term does not change them', async () => {
    const r = await fit('gns');
    assert.strictEqual(r.impactsMethod, 'eigen');
    const rho = r.rho!.estimate;
    // With row-standardised W the total impact is (β + θ)/(1 − ρ) (LeSage & Pace 2009, eq. 2.22).
    for (const row of r.impacts!) {
      const b = r.coefficients.find((c) => c.name === row.name)!.estimate;
      const t = r.coefficients.find((c) => c.name === `lag.${row.name}`)!.estimate;
      assertClose(row.total, (b + t) / (1 - rho), 1e-10, `${row.name} total`);
    }
  });

  test('lagX restricts the WX terms to the named regressors (R: Durbin = ~ INC)', async () => {
    const r = await fit('sdem', { lagX: ['INC'] });
    assert.deepStrictEqual(r.coefficients.map((c) => c.name), ['(Intercept)', 'INC', 'HOVAL', 'lag.INC']);
    assert.deepStrictEqual(r.impacts?.map((i) => i.name), ['INC']);
    const spec = parseSpec(fs.readFileSync(columbusSpec({ model: 'sdem', lagX: ['INC'] }), 'utf8'), 'model.sar.json').spec!;
    assert.match(toRScript(spec, '/x/model.sar.json', r), /errorsarlm\(CRIME ~ INC \+ HOVAL, .*Durbin = ~ INC/);
  });

  test('a style other than W lags the intercept too, as spatialreg create_WX (lag.(Intercept))', async () => {
    const r = await fit('slx', { weights: { type: 'gal', path: path.join(COLUMBUS_DIR, 'weights.gal'), idColumn: 'id', style: 'B' } });
    assert.deepStrictEqual(r.coefficients.map((c) => c.name), ['(Intercept)', 'INC', 'HOVAL', 'lag.(Intercept)', 'lag.INC', 'lag.HOVAL']);
  });

  test('the R script refits each model with its spatialreg function', async () => {
    const calls: Record<string, RegExp> = { slx: /lmSLX\(/, sdem: /errorsarlm\(.*Durbin = TRUE/, sac: /sacsarlm\(/, gns: /sacsarlm\(.*Durbin = TRUE/ };
    for (const [model, call] of Object.entries(calls)) {
      const spec = parseSpec(fs.readFileSync(columbusSpec({ model }), 'utf8'), 'model.sar.json').spec!;
      assert.match(toRScript(spec, '/x/model.sar.json'), call, model);
    }
  });
});

suite('fit: regression diagnostics and predictions on Columbus vs R', () => {
  let lag: FitResult;
  suiteSetup(async () => {
    lag = await fit('lag');
  });

  test('OLS design: Breusch–Pagan and Koenker on Z = X (lmtest) and Z = [1, x²] (spreg), Jarque–Bera, condition number, VIF', () => {
    const R = X.diagnostics.ols;
    const d = lag.diagnostics!.ols;
    const pairs: [keyof typeof d, string][] = [['breuschPagan', 'bptest_breusch_pagan'], ['koenker', 'bptest_koenker'], ['breuschPaganSquares', 'bptest_breusch_pagan_xsq'], ['koenkerSquares', 'bptest_koenker_xsq'], ['jarqueBera', 'jarque_bera']];
    for (const [ours, theirs] of pairs) {
      const t = d[ours] as { statistic: number; df: number; p: number };
      assertClose(t.statistic, R[theirs].statistic, TOL, ours);
      assert.strictEqual(t.df, R[theirs].df);
      assertClose(t.p, R[theirs].p_accurate ?? R[theirs].p, TOL, `${ours} p`);
    }
    assertClose(d.conditionNumber, R.condition_number.value, TOL, 'condition number');
    d.vif.forEach((v, j) => assertClose(v.vif, R.vif[j].vif, TOL, `VIF ${v.name}`));
  });

  test('Breusch–Pagan on the lag model\'s residuals (spatialreg bptest.Sarlm, studentized and not)', () => {
    const R = X.diagnostics.bptest_sar;
    const b = lag.diagnostics!.spatialBreuschPagan!;
    assertClose(b.studentized.statistic, R.studentized.statistic, TOL, 'studentized');
    assertClose(b.original.statistic, R.breusch_pagan.statistic, TOL, 'original');
    assertClose(b.original.p, R.breusch_pagan.p_accurate, TOL, 'original p');
  });

  test('in-sample predictions: TS = ρWy + Xβ (the fitted values), trend = Xβ, TC = (I − ρW)⁻¹Xβ', () => {
    const R = X.predictions_sar;
    const p = lag.prediction!;
    R.TS.values.forEach((v: number, i: number) => assertClose(lag.fitted[i], v, TOL, `fitted ${i}`));
    R.trend.values.forEach((v: number, i: number) => assertClose(p.trend[i], v, TOL, `trend ${i}`));
    R.TS.signal.forEach((v: number, i: number) => assertClose(p.signal[i], v, TOL, `signal ${i}`));
    R.TC.values.forEach((v: number, i: number) => assertClose(p.reducedForm![i], v, TOL, `TC ${i}`));
  });
});
