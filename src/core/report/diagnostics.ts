/**
 * The regression diagnostics block of the text report, in the order a specification search reads
 * them (GeoDa's and spreg's "REGRESSION DIAGNOSTICS"): multicollinearity (condition number, VIF),
 * normality of the errors (Jarque–Bera), heteroskedasticity (Breusch–Pagan and Koenker, on Z = X as
 * lmtest's `bptest` and on Z = [1, x²] as spreg), the Koley & Bera (2024) robust LM tests for the
 * Durbin specifications (spdep `SD.RStests`), and Breusch–Pagan on the spatial model's residuals
 * (spatialreg `bptest.Sarlm`). Pure: the CLI's text report and the Markdown export share it.
 */
import type { Diagnostics, TestStatistic } from '../result';
import { formatPval, formatReal, formatSignif, layoutTable, signifStars } from './format';

/** The tests of `tests` as one statistic / df / p-value table with stars. */
function testTable(names: readonly string[], tests: readonly TestStatistic[], digits: number): string {
  const stats = formatReal(tests.map((t) => t.statistic), digits).map((s) => s.trim());
  const ps = formatPval(tests.map((t) => t.p), 4);
  const cells = tests.map((t, i) => [stats[i], String(t.df), ps[i], signifStars(t.p)]);
  return layoutTable(names, ['statistic', 'df', 'p-value', ''], cells, { leftAlign: [false, false, false, true] });
}

export function formatDiagnostics(d: Diagnostics, digits = 5): string[] {
  const o = d.ols;
  const lines = ['Regression diagnostics (OLS of the regressors):'];
  lines.push(`Multicollinearity condition number: ${formatSignif(o.conditionNumber, digits)}`);
  if (o.vif.length) {
    const vifs = formatReal(o.vif.map((v) => v.vif), digits).map((s) => s.trim());
    lines.push('Variance inflation factors:', layoutTable(o.vif.map((v) => v.name), ['VIF'], vifs.map((v) => [v])));
  }
  lines.push(
    `Jarque-Bera normality test: ${formatSignif(o.jarqueBera.statistic, digits)} on ${o.jarqueBera.df} DF, p-value: ${formatPval([o.jarqueBera.p], 4)[0]}` +
      ` (skewness ${formatSignif(o.jarqueBera.skewness, 4)}, kurtosis ${formatSignif(o.jarqueBera.kurtosis, 4)})`,
  );
  lines.push(
    'Heteroskedasticity:',
    testTable(
      ['Breusch-Pagan (Z = X)', 'Koenker (Z = X)', 'Breusch-Pagan (Z = 1, x^2)', 'Koenker (Z = 1, x^2)'],
      [o.breuschPagan, o.koenker, o.breuschPaganSquares, o.koenkerSquares],
      digits,
    ),
  );
  if (o.durbinLm) {
    const k = o.durbinLm;
    const names = ['SDM_RSlag', 'SDM_adjRSlag', 'SDM_RSWX', 'SDM_adjRSWX', 'SDM_Joint', 'SDEM_RSerr', 'SDEM_RSWX', 'SDEM_Joint'] as const;
    lines.push('Rao score (LM) tests for the Durbin specifications (Koley & Bera 2024):', testTable(names, names.map((n) => k[n]), digits));
  }
  if (d.spatialBreuschPagan) {
    const b = d.spatialBreuschPagan;
    lines.push('Breusch-Pagan test on the spatial model\'s residuals:', testTable(['studentized', 'original'], [b.studentized, b.original], digits));
  }
  return lines;
}
