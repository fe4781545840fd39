import * as assert from 'assert';
import {
  formatCoefTable,
  formatMatrix,
  formatNamedVector,
  formatNumber,
  formatPval,
  formatReal,
  formatSignif,
  signif,
  signifStars,
  zapsmall,
} from '../../src/core/report/format';
import { formatReport } from '../../src/core/report/text';
import { loadColumbus } from './inference-columbus.fixture';
import { columbusDurbin, columbusError, columbusLag, columbusOls, paperLag, rSummary } from './report-fixtures';

/** Lines of R's summary between two markers (inclusive), trailing spaces removed. */
function rLines(text: string, from: string, to: string): string[] {
  const lines = text.split('\n').map((l) => l.replace(/\s+$/, ''));
  const a = lines.findIndex((l) => l.startsWith(from));
  const b = lines.findIndex((l, i) => i >= a && l.startsWith(to));
  assert.ok(a >= 0 && b >= a, `markers ${from} / ${to}`);
  return lines.slice(a, b + 1);
}

function reportLines(text: string, from: string, to: string): string[] {
  return rLines(text, from, to);
}

suite('report: R-like number formatting', () => {
  test('significant digits, never fixed decimals', () => {
    assert.strictEqual(formatNumber(0.004189), '0.004189');
    assert.strictEqual(formatSignif(0.004189, 5), '0.004189');
    assert.strictEqual(formatSignif(1.1522e11, 5), '1.1522e+11');
    assert.strictEqual(formatSignif(115221234567.8, 5), '1.1522e+11');
    assert.strictEqual(formatSignif(339450.4, 5), '339450');
    assert.strictEqual(formatSignif(1144.66, 5), '1144.7');
    assert.strictEqual(formatNumber(-566.333), '-566.333');
    assert.strictEqual(formatNumber(-183.16828003635), '-183.1683');
    assert.strictEqual(formatSignif(0.403889687619813, 5), '0.40389');
    assert.strictEqual(formatSignif(0.00082026716320549, 5), '0.00082027');
    assert.strictEqual(formatNumber(1e-20), '1e-20');
    assert.strictEqual(formatNumber(123456789), '123456789');
    assert.strictEqual(formatNumber(0), '0');
    assert.strictEqual(formatNumber(-0.0), '0');
    assert.strictEqual(formatNumber(NaN), 'NA');
    assert.strictEqual(signif(343733.0634, 5), 343730);
    // 343733.063 keeps at least 5 significant digits in every context.
    assert.ok(/343733/.test(formatNumber(343733.063)));
    assert.ok(/343730|343733/.test(formatSignif(343733.063, 5)));
  });

  test('vectors share a format, as R format()', () => {
    assert.deepStrictEqual(formatReal([1, 10, 100]), ['  1', ' 10', '100']);
    assert.deepStrictEqual(formatReal([0.0005537825, 0.0027381], 4), ['0.0005538', '0.0027381']);
    assert.deepStrictEqual(formatReal([1.2549e-1, 2.536e-2, 1e-9], 5), ['1.2549e-01', '2.5360e-02', '1.0000e-09']);
    assert.deepStrictEqual(zapsmall([-34.418, -6.388, -1.58, 9.052, 28.649], 5), [-34.418, -6.388, -1.58, 9.052, 28.649]);
  });

  test('format.pval and stars', () => {
    assert.deepStrictEqual(formatPval([1.5031e-10, 0.000553782548362152, 0.0027381], 4), ['1.503e-10', '0.0005538', '0.0027381']);
    assert.deepStrictEqual(formatPval([1e-30, 0.0031398, 0.0008794], 4), ['< 2.2e-16', '0.0031398', '0.0008794']);
    assert.deepStrictEqual(formatPval([9e-19, 1.83e-5, 0.0109], 3), ['< 2e-16', '1.83e-05', '0.0109']);
    assert.deepStrictEqual(formatPval([0.0037154109938], 5), ['0.0037154']);
    assert.deepStrictEqual(formatPval([0.002231, 0.059891, 0.242784, 0.00107], 4), ['0.002231', '0.059891', '0.242784', '0.001070']);
    assert.deepStrictEqual(['***', '**', '*', '.', ''], [0.0001, 0.005, 0.03, 0.07, 0.5].map(signifStars));
  });

  test('printCoefmat layout: Columbus lag table identical to R', () => {
    const r = columbusLag();
    const table = formatCoefTable(r.coefficients.map((c) => ({ name: c.name, estimate: c.estimate, stdError: c.stdError, statistic: c.z, p: c.p })));
    const expected = rLines(rSummary('sar-eigen'), '             Estimate', 'HOVAL');
    assert.deepStrictEqual(table.split('\n'), expected);
  });

  test('printCoefmat keeps the paper table digits (343733.063, 0.001070)', () => {
    const p = paperLag();
    const table = formatCoefTable(p.coefficients.map((c) => ({ name: c.name, estimate: c.estimate, stdError: c.stdError, statistic: c.z, p: c.p })));
    for (const s of ['343733.063', '112418.825', '-248.925', '132.294', '-194.468', '166.489', '229.249', '70.073', '3.0576', '-1.8816', '-1.1681', '3.2716', '0.002231', '0.059891', '0.242784', '0.001070']) {
      assert.ok(table.includes(s), `${s} in\n${table}`);
    }
  });

  test('named vectors and matrices as R print()', () => {
    const r = columbusLag();
    const q = formatNamedVector(['Min', '1Q', 'Median', '3Q', 'Max'], r.residuals.quantiles, 5);
    assert.deepStrictEqual(q.split('\n'), rLines(rSummary('sar-eigen'), '        Min', '-37.4497093'));
    const m = formatMatrix(['INC', 'HOVAL'], ['Direct', 'Indirect', 'Total'], [r.impacts!.map((x) => x.direct), r.impacts!.map((x) => x.indirect), r.impacts!.map((x) => x.total)]);
    assert.deepStrictEqual(m.split('\n'), rLines(rSummary('impacts'), '          Direct', 'HOVAL'));
  });
});

suite('report: text report', () => {
  test('lag model reads like spatialreg summary (Columbus): identical body lines', () => {
    const text = formatReport({ ...columbusLag(), impactsMethod: 'eigen' });
    const r = rSummary('sar-eigen');
    assert.deepStrictEqual(reportLines(text, 'Residuals:', 'HOVAL'), rLines(r, 'Residuals:', 'HOVAL'));
    assert.deepStrictEqual(reportLines(text, 'Rho:', 'test value:'), rLines(r, 'Rho:', 'test value:'));
    assert.ok(text.includes('Impact measures (lag, exact):'));
    assert.ok(text.includes('Simulated standard errors'));
    assert.ok(text.includes('0.32468274'), text);
    assert.ok(text.includes('Global Moran I for regression residuals'));
    assert.ok(text.includes('Moran I statistic standard deviate = 2.681, p-value = 0.00367'), text);
    assert.ok(/LMerr\s+4\.6111\d*\s+1\s+0\.031765 \*/.test(text), text);
    assert.ok(text.includes('Call: CRIME ~ INC + HOVAL'));
    assert.ok(text.includes('Log-determinant: eigen (exact); standard errors: asymptotic'));
  });

  test('numerical-Hessian labels', () => {
    const lag = columbusLag();
    const text = formatReport({ ...lag, se: 'hessian', lmResidualAutocorrelation: undefined });
    assert.ok(text.includes('Coefficients: (numerical Hessian approximate standard errors)'));
    assert.ok(text.includes('Approximate (numerical Hessian) standard error: 0.12071'));
    assert.ok(!text.includes('LM test for residual autocorrelation'));
    assert.ok(text.includes('Simulation results (numerical Hessian approximation variance matrix)'));
  });

  test('how the traces were found: "traces: exact" or "traces: Monte Carlo, m vectors, rel. SE ≈ …", impacts likewise', () => {
    const lag = columbusLag();
    assert.ok(formatReport({ ...lag, traces: { method: 'exact' } }).includes('Log-determinant: eigen (exact); standard errors: asymptotic; traces: exact'));
    const mc = formatReport({ ...lag, traces: { method: 'monte-carlo', vectors: 32, relativeSE: 3.14159e-4 }, impactsMethod: 'traces', impactsAccuracy: { method: 'monte-carlo', vectors: 24, relativeSE: 1.2e-5 } });
    assert.ok(mc.includes('; traces: Monte Carlo, 32 vectors, rel. SE ≈ 0.00031'), mc);
    assert.ok(mc.includes('Impact measures (lag, trace):\n(traces of powers of W: Monte Carlo, 24 vectors, rel. SE ≈ 1.2e-05)'), mc);
    assert.ok(formatReport({ ...lag, impactsMethod: 'traces', impactsAccuracy: { method: 'exact' } }).includes('(traces of powers of W: exact)'));
  });

  test('error model with Hessian SEs: β SEs titled as spatialreg ("asymptotic", GLS), the full Hessian\'s alongside', () => {
    const e = columbusError();
    const text = formatReport({ ...e, se: 'hessian', hessianCovariance: { names: ['lambda', '(Intercept)', 'INC', 'HOVAL'], matrix: [[0.01, 0, 0, 0], [0, 25, 0, 0], [0, 0, 0.1, 0], [0, 0, 0, 0.0081]] } });
    assert.ok(text.includes('Coefficients: (asymptotic standard errors)'));
    assert.ok(text.includes('Approximate (numerical Hessian) standard error:'));
    assert.ok(text.includes("Coefficient SEs above: GLS, s^2 (X_lambda' X_lambda)^-1, as spatialreg; from the full (lambda, beta) numerical Hessian:\n    (Intercept) 5, INC 0.31623, HOVAL 0.09"), text);
  });

  test('error model: Lambda block as R', () => {
    const text = formatReport(columbusError());
    const r = rSummary('sem');
    assert.deepStrictEqual(reportLines(text, 'Residuals:', 'HOVAL'), rLines(r, 'Residuals:', 'HOVAL'));
    assert.deepStrictEqual(reportLines(text, 'Lambda:', 'AIC:'), rLines(r, 'Lambda:', 'AIC:'));
    assert.ok(!text.includes('Impact measures'));
  });

  test('Durbin model: lag.X coefficients and mixed impacts', () => {
    const text = formatReport(columbusDurbin());
    const r = rSummary('sdm');
    assert.deepStrictEqual(reportLines(text, 'Residuals:', 'lag.HOVAL'), rLines(r, 'Residuals:', 'lag.HOVAL').map((l) => l.replace('Type: mixed', 'Type: mixed (spatial Durbin)')));
    assert.deepStrictEqual(reportLines(text, 'Rho:', 'test value:'), rLines(r, 'Rho:', 'test value:'));
    assert.deepStrictEqual(reportLines(text, 'Impact measures', 'HOVAL'), rLines(r, 'Impact measures', 'HOVAL').map((l) => l.replace('(mixed, exact)', '(mixed)')));
  });

  test('OLS reads like summary.lm, with Moran I and LM tests', () => {
    const c = loadColumbus();
    const text = formatReport(columbusOls(Array.from(c.ols.residuals)));
    const r = rSummary('ols');
    assert.deepStrictEqual(reportLines(text, 'Residuals:', 'HOVAL'), rLines(r, 'Residuals:', 'HOVAL'));
    assert.deepStrictEqual(reportLines(text, '---', 'F-statistic'), rLines(r, '---', 'F-statistic').map((l) => l.replace(/[‘’]/g, "'")));
    assert.ok(text.includes('Lagrange multiplier diagnostics for spatial dependence'));
    for (const name of ['LMerr', 'LMlag', 'RLMerr', 'RLMlag', 'SARMA']) assert.ok(new RegExp(`^${name}\\s`, 'm').test(text), name);
    assert.ok(text.includes('Observed Moran I'));
    assert.ok(!text.includes('Rho:'));
  });

  test('every statistic of the paper (Tables 1–3) appears with a recognisable label', () => {
    const text = formatReport(paperLag());
    // Table 1
    for (const s of ['(Intercept)', 'Servers', 'CloudCompanies', 'EInvoiceCompanies', 'Estimate', 'Std. Error', 'z value', 'Pr(>|z|)']) assert.ok(text.includes(s), s);
    for (const s of ['343733.063', '112418.825', '3.0576', '0.002231', '-248.925', '132.294', '-1.8816', '0.059891', '-194.468', '166.489', '-1.1681', '0.242784', '229.249', '70.073', '3.2716', '0.001070']) {
      assert.ok(text.includes(s), `Table 1 value ${s}`);
    }
    // Table 2: residual quantiles with their labels
    assert.ok(/Min\s+1Q\s+Median\s+3Q\s+Max/.test(text));
    assert.ok(/-308936\s+-223618\s+-145115\s+85948\s+1058702/.test(text), text);
    // Table 3
    const t3: [string, string][] = [
      ['Rho: -0.19328', 'Rho'],
      ['LR test value: 0.99272', 'LR test value'],
      ['p-value: 0.31908', 'p-value (LR)'],
      ['Approximate (numerical Hessian) standard error: 0.19333', 'Std. error of rho (numerical Hessian)'],
      ['z-value: -0.99973', 'z-value'],
      ['Wald statistic: 0.99946', 'Wald statistic'],
      ['Log likelihood: -566.333', 'Log likelihood'],
      ['ML residual variance (sigma squared): 1.1522e+11', 'Residual variance (sigma squared)'],
      ['(sigma: 339450)', 'Sigma'],
      ['Number of observations: 40', 'Number of observations'],
      ['Number of parameters estimated: 6', 'Number of parameters estimated'],
      ['AIC: 1144.7', 'AIC (SAR)'],
      ['(AIC for lm: 1143.7)', 'AIC (LM)'],
    ];
    for (const [s, label] of t3) assert.ok(text.includes(s), `Table 3 ${label}: '${s}' in\n${text}`);
    assert.ok(text.includes('Coefficients: (numerical Hessian approximate standard errors)'));
  });

  test('every Columbus reference statistic appears at R precision', () => {
    const lag = columbusLag();
    const text = formatReport(lag);
    for (const s of ['46.851431', '7.314754', '6.4051', '1.503e-10', '0.40389', '8.4179', '0.0037154', '0.12071', '3.3459', '11.195', '-183.1683', '99.164', '9.9581', '376.34', '382.75', '0.19184', '0.66139']) {
      assert.ok(text.includes(s), s);
    }
  });
});
