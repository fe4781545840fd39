/**
 * The cell tables of the new models and of the comparison (export/tables.ts, export/compareTables.ts):
 * the comparison panel shows exactly the CLI report's cells; SLX impacts carry their analytic SEs
 * (R: spatialreg `impacts(lmSLX(...))`); the diagnostics tables hold R's VIF, condition number,
 * Jarque–Bera and Breusch–Pagan values as the text report prints them; confidence intervals are
 * estimate ± q·SE; the Markdown export gets every new table.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { compareSpecFile } from '../../src/core/compare/run';
import type { FamilyComparison } from '../../src/core/compare/family';
import { comparisonTables, familyTable, nestedLrTable, preTestTables } from '../../src/core/export/compareTables';
import { confidenceTable, diagnosticsTables, impactsTable, resultTables, statisticsTable } from '../../src/core/export/tables';
import { tableMarkdown, toMarkdown } from '../../src/core/export/markdown';
import { formatComparison } from '../../src/core/report/compare';
import { formatReport } from '../../src/core/report/text';
import type { FitResult } from '../../src/core/result';
import { runSpecFile } from '../../src/core/run';
import type { ModelType } from '../../src/core/spec/types';
import { COLUMBUS_DIR } from '../helpers/fixtures';

const ROOT = path.resolve(__dirname, '../../..');
const SPEC = path.join(ROOT, 'examples/columbus/columbus.sar.json');
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const R: any = JSON.parse(fs.readFileSync(path.join(COLUMBUS_DIR, 'reference-extended.json'), 'utf8'));

async function fitModel(model: ModelType): Promise<FitResult> {
  const text = fs.readFileSync(SPEC, 'utf8').replace('"model": "lag"', `"model": "${model}"`);
  const out = await runSpecFile(SPEC, { overrides: new Map([[SPEC, text]]) });
  assert.ok(out.result, JSON.stringify(out.problems));
  return out.result;
}

const rowOf = (t: { rows: { heads: string[]; cells: string[] }[] }, ...heads: string[]) => {
  const r = t.rows.find((x) => heads.every((h, i) => x.heads[i] === h));
  assert.ok(r, heads.join(' / '));
  return r.cells;
};
/** A printed number equals R's value to the digits it shows. */
const printedAs = (text: string, value: number, digits = 5) => assert.ok(Math.abs(Number(text) - value) <= 0.5 * 10 ** (Math.floor(Math.log10(Math.abs(value))) - digits + 1) * 1.0001, `${text} vs R ${value}`);

suite('comparison tables: the panel shows the CLI report\'s cells', () => {
  let c: FamilyComparison;
  suiteSetup(async function () {
    this.timeout(60_000);
    const out = await compareSpecFile(SPEC);
    assert.ok(out.comparison, JSON.stringify(out.problems));
    c = out.comparison;
  });

  test('the family table: one row per model with logLik, df, AIC, BIC, ρ, λ, converged and the min AIC/BIC note, as the text report prints them', () => {
    const t = familyTable(c);
    assert.deepStrictEqual(t.rows.map((r) => r.term), ['ols', 'slx', 'lag', 'error', 'durbin', 'sdem', 'sac', 'gns']);
    assert.deepStrictEqual(t.columns, ['logLik', 'df', 'AIC', 'BIC', 'ρ', 'λ', 'Converged', '']);
    assert.deepStrictEqual(rowOf(t, 'SAR'), ['-183.1683', '5', '376.34', '385.80', '0.40389', '', 'yes', 'min AIC, min BIC']);
    assert.deepStrictEqual(rowOf(t, 'GNS').slice(0, 6), ['-181.9994', '8', '380.00', '395.13', '0.31731', '0.090483']);
    const text = formatComparison(c);
    for (const r of t.rows) {
      // Every row of the CLI's table holds exactly these cells, in this order.
      const line = text.split('\n').find((l) => new RegExp(`^${r.heads[0]} +-?\\d`).test(l));
      assert.ok(line, r.heads[0]);
      const printed = r.cells.filter((x, j) => x !== '' && j !== 6).join(' ').replace(/, /g, ',');
      assert.strictEqual(line.slice(r.heads[0].length).trim().replace(/\s+/g, ' ').replace(/, /g, ','), printed.replace(/\s+/g, ' '));
    }
    R.model_comparison.forEach((ref: { loglik: number }, i: number) => printedAs(t.rows[i].cells[0], ref.loglik, 7));
  });

  test('the LR tests: the fourteen nested pairs with H0, LR, df and p-value; the common-factor pair among them', () => {
    const t = nestedLrTable(c);
    assert.strictEqual(t.rows.length, 14);
    assert.deepStrictEqual(rowOf(t, 'SDM').slice(0, 2), ['SAR', 'θ = 0']);
    const cf = t.rows.find((r) => r.term === 'durbin/error');
    assert.deepStrictEqual(cf?.cells.slice(1, 5), ['common factor θ = −ρβ', '4.278176', '2', '0.117762']);
    assert.ok(formatComparison(c).includes('SDM  SEM  common factor θ = −ρβ 4.278176  2 0.117762'));
  });

  test('the pre-tests: spdep\'s five LM tests and the eight Koley–Bera tests; all tables go to Markdown', () => {
    const pre = preTestTables(c);
    assert.deepStrictEqual(pre.map((t) => t.id), ['lmtests', 'durbinlm']);
    assert.deepStrictEqual(rowOf(pre[0], 'LMlag').slice(0, 3), ['7.855675', '1', '0.005066']);
    assert.strictEqual(pre[1].rows.length, 8);
    const md = comparisonTables(c).map((t) => tableMarkdown(t)).join('\n');
    assert.ok(md.includes('| SAR | -183.1683 | 5 | 376.34 | 385.80 | 0.40389 |  | yes | min AIC, min BIC |'), md);
  });
});

suite('results tables of the new models and diagnostics', () => {
  let slx: FitResult;
  let lag: FitResult;
  let sac: FitResult;
  suiteSetup(async function () {
    this.timeout(60_000);
    [slx, lag, sac] = [await fitModel('slx'), await fitModel('lag'), await fitModel('sac')];
  });

  test('SLX impacts: direct = β, indirect = θ with their analytic standard errors, z and p (R impacts.SlX)', () => {
    const t = impactsTable(slx);
    assert.ok(t);
    assert.deepStrictEqual(t.columns, ['Estimate', 'Std. Error', 'z', 'p', '']);
    assert.match(t.notes[0], /covariance of the coefficients/);
    for (const ref of R.slx.impacts.impacts as { variable: string; [e: string]: unknown }[]) {
      for (const [effect, label] of [['direct', 'Direct'], ['indirect', 'Indirect'], ['total', 'Total']] as const) {
        const r = ref[effect] as { estimate: number; std_error: number; z: number; p: number };
        const cells = rowOf(t, ref.variable, label);
        printedAs(cells[0], r.estimate, 7);
        printedAs(cells[1], r.std_error, 7);
        printedAs(cells[2], r.z, 7);
        assert.ok(Math.abs(Number(cells[3]) - r.p) / r.p < 1e-4 || cells[3].startsWith('<'), `${ref.variable} ${effect} p ${cells[3]} vs R ${r.p}`);
      }
    }
  });

  test('SAC: Rho and Lambda each with SE, z and p, then the LR test of both', () => {
    const labels = statisticsTable(sac).rows.map((r) => r.heads[0]);
    const i = (l: string) => labels.indexOf(l);
    assert.ok(i('Rho') >= 0 && i('Lambda') > i('Rho') && i('LR test value') > i('Lambda'), labels.join(' | '));
  });

  test('confidence intervals: estimate ± 1.959964·SE for an ML fit, each bound column in one format', () => {
    const t = confidenceTable(lag);
    assert.ok(t);
    assert.deepStrictEqual(t.columns, ['2.5 %', '97.5 %']);
    for (const c of lag.coefficients) {
      const [lo, hi] = rowOf(t, c.name).map(Number);
      assert.ok(Math.abs(lo - (c.estimate - 1.959963984540054 * c.stdError)) < 1e-5 * Math.max(1, Math.abs(lo)), `${c.name} lower ${lo}`);
      assert.ok(Math.abs(hi - (c.estimate + 1.959963984540054 * c.stdError)) < 1e-5 * Math.max(1, Math.abs(hi)), `${c.name} upper ${hi}`);
    }
  });

  test('diagnostics: VIF and the condition number, Jarque–Bera and the four Breusch–Pagan forms, spatial BP — R\'s values as the text report prints them', () => {
    const d = R.diagnostics;
    const tables = diagnosticsTables(lag);
    assert.deepStrictEqual(tables.map((t) => t.id), ['vif', 'heteroskedasticity', 'durbinlm', 'spatialbp']);
    const [vif, het, , bp] = tables;
    for (const v of d.ols.vif as { variable: string; vif: number }[]) printedAs(rowOf(vif, v.variable)[0], v.vif);
    assert.strictEqual(vif.notes[0], `Multicollinearity condition number: ${'6.5418'}`);
    printedAs(rowOf(het, 'Jarque-Bera')[0], d.ols.jarque_bera.statistic);
    printedAs(rowOf(het, 'Breusch-Pagan (Z = X)')[0], d.ols.bptest_breusch_pagan.statistic);
    printedAs(rowOf(het, 'Koenker (Z = X)')[0], d.ols.bptest_koenker.statistic);
    printedAs(rowOf(het, 'Breusch-Pagan (Z = 1, x^2)')[0], d.ols.bptest_breusch_pagan_xsq.statistic);
    printedAs(rowOf(het, 'Koenker (Z = 1, x^2)')[0], d.ols.bptest_koenker_xsq.statistic);
    printedAs(rowOf(bp, 'studentized')[0], d.bptest_sar.studentized.statistic);
    printedAs(rowOf(bp, 'original')[0], d.bptest_sar.breusch_pagan.statistic);
    // The text report shows the same cells.
    const text = formatReport(lag);
    for (const t of [het, bp]) for (const r of t.rows.filter((x) => x.heads[0] !== 'Jarque-Bera')) assert.ok(text.includes(`${r.heads[0]} `) && text.includes(r.cells[0]), `${r.heads[0]} ${r.cells[0]}`);
  });

  test('the Markdown export has every table of the panel, the new ones too', () => {
    const md = toMarkdown(lag);
    const ids = resultTables(lag).map((t) => t.id);
    for (const id of ['confint', 'vif', 'heteroskedasticity', 'durbinlm', 'spatialbp'] as const) assert.ok(ids.includes(id), id);
    for (const t of resultTables(lag).filter((x) => x.id !== 'moran' && x.id !== 'lmtests')) assert.ok(md.includes(tableMarkdown(t)), t.title);
  });
});
