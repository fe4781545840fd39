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

/** Cells of a statistic / df / p-value / stars table: the statistics in one format, p-values at 4 digits. */
export function testCells(tests: readonly TestStatistic[], digits = 5): string[][] {
  const stats = formatReal(tests.map((t) => t.statistic), digits).map((s) => s.trim());
  const ps = formatPval(tests.map((t) => t.p), 4);
  return tests.map((t, i) => [stats[i], String(t.df), ps[i], signifStars(t.p)]);
}

/** The tests of `tests` as one statistic / df / p-value table with stars. */
function testTable(names: readonly string[], tests: readonly TestStatistic[], digits: number): string {
  return layoutTable(names, ['statistic', 'df', 'p-value', ''], testCells(tests, digits), { leftAlign: [false, false, false, true] });
}

/** The heteroskedasticity tests on the OLS residuals, with the auxiliary regressors Z each uses. */
export function heteroskedasticityTests(o: Diagnostics['ols']): { names: string[]; tests: TestStatistic[] } {
  return {
    names: ['Breusch-Pagan (Z = X)', 'Koenker (Z = X)', 'Breusch-Pagan (Z = 1, x^2)', 'Koenker (Z = 1, x^2)'],
    tests: [o.breuschPagan, o.koenker, o.breuschPaganSquares, o.koenkerSquares],
  };
}

export const DURBIN_LM_TESTS = ['SDM_RSlag', 'SDM_adjRSlag', 'SDM_RSWX', 'SDM_adjRSWX', 'SDM_Joint', 'SDEM_RSerr', 'SDEM_RSWX', 'SDEM_Joint'] as const;

/** The VIFs in one format, as the text report prints them. */
export function vifCells(o: Diagnostics['ols'], digits = 5): string[] {
  return formatReal(o.vif.map((v) => v.vif), digits).map((s) => s.trim());
}

/** "Jarque-Bera normality test: 1.8363 on 2 DF, p-value: 0.3993 (skewness …, kurtosis …)", the text report's line. */
export function jarqueBeraLine(o: Diagnostics['ols'], digits = 5): string {
  return `Jarque-Bera normality test: ${formatSignif(o.jarqueBera.statistic, digits)} on ${o.jarqueBera.df} DF, p-value: ${formatPval([o.jarqueBera.p], 4)[0]}` +
    ` (skewness ${formatSignif(o.jarqueBera.skewness, 4)}, kurtosis ${formatSignif(o.jarqueBera.kurtosis, 4)})`;
}

/** "Multicollinearity condition number: 6.5414". */
export function conditionNumberLine(o: Diagnostics['ols'], digits = 5): string {
  return `Multicollinearity condition number: ${formatSignif(o.conditionNumber, digits)}`;
}

export function formatDiagnostics(d: Diagnostics, digits = 5): string[] {
  const o = d.ols;
  const lines = ['Regression diagnostics (OLS of the regressors):'];
  lines.push(conditionNumberLine(o, digits));
  if (o.vif.length) {
    lines.push('Variance inflation factors:', layoutTable(o.vif.map((v) => v.name), ['VIF'], vifCells(o, digits).map((v) => [v])));
  }
  lines.push(jarqueBeraLine(o, digits));
  const het = heteroskedasticityTests(o);
  lines.push('Heteroskedasticity:', testTable(het.names, het.tests, digits));
  if (o.durbinLm) {
    const k = o.durbinLm;
    lines.push('Rao score (LM) tests for the Durbin specifications (Koley & Bera 2024):', testTable(DURBIN_LM_TESTS, DURBIN_LM_TESTS.map((n) => k[n]), digits));
  }
  if (d.spatialBreuschPagan) {
    const b = d.spatialBreuschPagan;
    lines.push('Breusch-Pagan test on the spatial model\'s residuals:', testTable(['studentized', 'original'], [b.studentized, b.original], digits));
  }
  return lines;
}
