/**
 * The diagnostics that decide between specifications, against R on Columbus
 * (test/fixtures/columbus/reference-extended.json `diagnostics`): Breusch–Pagan and Koenker
 * (lmtest::bptest with Z = X, and with Z = [1, x²] as GeoDa/spreg), Jarque–Bera, the condition
 * number and VIF; and the Koley & Bera (2024) robust LM tests for Durbin specifications against
 * spdep's published SD.RStests output (its documentation's example on the standardised Columbus
 * model, which reproduces the paper's Table 3 method).
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { durbinLmTests } from '../../src/core/inference/durbinLmTests';
import { orthonormalBasis, residualize } from '../../src/core/inference/linalg';
import { prepareOlsDiagnostics } from '../../src/core/inference/moran';
import { breuschPagan, conditionNumber, jarqueBera, squaresOf, varianceInflation } from '../../src/core/inference/regressionDiagnostics';
import { applyTransform } from '../../src/core/spec/terms';
import { COLUMBUS_DIR } from '../helpers/fixtures';
import { assertClose } from '../helpers/columbus';
import { columbusStyleW } from '../helpers/weights';
import { fixture } from '../helpers/fixtures';
import { lmTests } from '../../src/core/inference/lmTests';
import type { Csr } from '../../src/core/sparse/csr';
import { loadColumbus } from './inference-columbus.fixture';
import type { TestStatistic } from '../../src/core/result';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const ref: any = JSON.parse(fs.readFileSync(path.join(COLUMBUS_DIR, 'reference-extended.json'), 'utf8')).diagnostics.ols;

suite('inference: OLS diagnostics (lmtest, GeoDa/spreg)', () => {
  const c = loadColumbus();
  const one = new Float64Array(c.n).fill(1);
  const x = [one, c.columns.INC, c.columns.HOVAL];

  test('Breusch–Pagan and Koenker with Z = X equal lmtest::bptest', () => {
    const bp = breuschPagan(c.ols.residuals, x);
    for (const [ours, theirs] of [[bp.studentized, ref.bptest_koenker], [bp.original, ref.bptest_breusch_pagan]] as const) {
      assertClose(ours.statistic, theirs.statistic, 1e-10, 'statistic');
      assert.strictEqual(ours.df, theirs.df);
      assertClose(ours.p, theirs.p_accurate, 1e-9, 'p');
    }
  });

  test('with Z = [1, x²] they equal what GeoDa and spreg print', () => {
    const bp = breuschPagan(c.ols.residuals, squaresOf([c.columns.INC, c.columns.HOVAL], one));
    assertClose(bp.studentized.statistic, ref.bptest_koenker_xsq.statistic, 1e-10, 'Koenker–Bassett');
    assertClose(bp.original.statistic, ref.bptest_breusch_pagan_xsq.statistic, 1e-10, 'Breusch–Pagan');
  });

  test('Jarque–Bera, the condition number and VIF', () => {
    const jb = jarqueBera(c.ols.residuals);
    assertClose(jb.statistic, ref.jarque_bera.statistic, 1e-10, 'JB');
    assertClose(jb.skewness, ref.jarque_bera.skewness, 1e-10, 'skewness');
    assertClose(jb.kurtosis, ref.jarque_bera.kurtosis, 1e-10, 'kurtosis');
    assertClose(jb.p, ref.jarque_bera.p_accurate ?? ref.jarque_bera.p, 1e-9, 'p');
    assertClose(conditionNumber(x), ref.condition_number.value, 1e-10, 'condition number');
    const vif = varianceInflation(x, ['(Intercept)', 'INC', 'HOVAL']);
    ref.vif.forEach((v: { variable: string; vif: number; r_squared: number }, j: number) => {
      assert.strictEqual(vif[j].name, v.variable);
      assertClose(vif[j].vif, v.vif, 1e-10, `VIF ${v.variable}`);
      assertClose(vif[j].rSquared, v.r_squared, 1e-10, `R² ${v.variable}`);
    });
  });
});

suite('inference: Koley & Bera (2024) LM tests for Durbin specifications (spdep SD.RStests)', () => {
  test('the standardised Columbus model of SD.RStests\' documentation, as spdep prints it', () => {
    const c = loadColumbus();
    const scale = (v: Float64Array) => (applyTransform(v, 'scale') as { values: Float64Array }).values;
    const y = scale(c.columns.CRIME);
    const x = [scale(c.columns.INC), scale(c.columns.HOVAL)];
    const u = residualize(orthonormalBasis(x).q, y);
    const t = durbinLmTests(prepareOlsDiagnostics(x, columbusStyleW().w), u, y.map((v, i) => v - u[i]), x);
    // spdep 1.3 docs/reference/SD.RStests.md: lm(I(scale(CRIME)) ~ 0 + I(scale(INC)) + I(scale(HOVAL)))
    const printed: [keyof typeof t, number, number][] = [
      ['SDM_RSlag', 7.8250, 1], ['SDM_adjRSlag', 4.6111, 1], ['SDM_RSWX', 6.0609, 2], ['SDM_adjRSWX', 2.8470, 2],
      ['SDM_Joint', 10.6720, 3], ['SDEM_RSerr', 4.6111, 1], ['SDEM_RSWX', 6.0609, 2], ['SDEM_Joint', 10.6720, 3],
    ];
    for (const [name, value, df] of printed) {
      assert.ok(Math.abs(t[name].statistic - value) <= 0.5e-4, `${name}: ${t[name].statistic} vs printed ${value}`);
      assert.strictEqual(t[name].df, df, name);
    }
    assert.ok(Math.abs(t.SDM_Joint.statistic - (t.SDM_adjRSlag.statistic + t.SDM_RSWX.statistic)) < 1e-10, 'joint = adjusted lag + unadjusted WX');
  });
});

suite('inference: Koley & Bera (2024) Table 3 — the factor model of SD.RStests\' documentation', () => {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const published: any = JSON.parse(fs.readFileSync(fixture('koley-bera', 'published.json'), 'utf8'));
  const lines = fs.readFileSync(fixture('koley-bera', 'data.csv'), 'utf8').trim().split(/\r?\n/);
  const header = lines[0].split(',');
  const col = (name: string) => Float64Array.from(lines.slice(1), (l) => Number(l.split(',')[header.indexOf(name)]));
  const n = lines.length - 1;
  const y = col('CRIME').map(Math.log);
  const regressors = ['INC', 'HOVAL', 'fDISCBD_L', 'fDISCBD_Q', 'fDISCBD_C', 'fEW1'].map(col);
  const x = [new Float64Array(n).fill(1), ...regressors];
  const u = residualize(orthonormalBasis(x).q, y);
  const fitted = y.map((v, i) => v - u[i]);
  const w = columbusStyleW().w;
  /** Style C: n·B/Σb_ij (spdep nb2listw style "C"). */
  const c: Csr = (() => {
    const links = w.values.length;
    return { ...w, values: new Float64Array(links).fill(n / links) };
  })();
  const check = (t: Record<string, TestStatistic>, expected: Record<string, [number, number]>) => {
    for (const [name, [value, df]] of Object.entries(expected)) {
      const printed = String(value).split('.')[1]?.length ?? 0;
      assert.ok(Math.abs(t[name].statistic - value) <= 0.5 * 10 ** -Math.max(4, printed), `${name}: ${t[name].statistic} vs printed ${value}`);
      assert.strictEqual(t[name].df, df, name);
    }
  };

  test('the LM tests of the OLS residuals (lm.RStests) are spdep\'s', () => {
    const t = lmTests(x, w, u, fitted);
    check({ RSerr: t.LMerr, RSlag: t.LMlag, adjRSerr: t.RLMerr, adjRSlag: t.RLMlag, SARMA: t.SARMA }, published.lm_RStests_style_W);
  });

  test('SDM and SDEM tests with all regressors lagged (style W), with the constant lagged too for style C', () => {
    check(durbinLmTests(prepareOlsDiagnostics(x, w), u, fitted, regressors) as unknown as Record<string, TestStatistic>, published.SD_RStests_style_W);
    check(durbinLmTests(prepareOlsDiagnostics(x, c), u, fitted, [x[0], ...regressors]) as unknown as Record<string, TestStatistic>, published.SD_RStests_style_C);
  });

  test('with only INC lagged (Durbin = ~ INC)', () => {
    check(durbinLmTests(prepareOlsDiagnostics(x, w), u, fitted, [regressors[0]]) as unknown as Record<string, TestStatistic>, published.SD_RStests_style_W_Durbin_INC);
  });
});
