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
import { loadColumbus } from './inference-columbus.fixture';

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
