/**
 * One notion of an undefined statistic: NaN in the result, NA in every report and table, null in
 * JSON — never Inf, never a significance star.
 */
import * as assert from 'assert';
import { runSpecFile } from '../../src/core/run';
import { formatReport } from '../../src/core/report/text';
import { coefTableCells, formatNumber, formatPval, formatReal, signifStars } from '../../src/core/report/format';
import { lmTestCells, statisticRows } from '../../src/core/export/tables';
import { resultToJson } from '../../src/cli/json';
import { chisqTest, zTest } from '../../src/core/inference/statistic';
import type { FitResult } from '../../src/core/result';
import { columbusSpec } from '../helpers/columbus';

/** Every number reachable from a value. */
function numbers(v: unknown, out: number[] = []): number[] {
  if (typeof v === 'number') out.push(v);
  else if (Array.isArray(v) || ArrayBuffer.isView(v)) for (const x of Array.from(v as ArrayLike<unknown>)) numbers(x, out);
  else if (v && typeof v === 'object') for (const x of Object.values(v)) numbers(x, out);
  return out;
}

suite('undefined statistics', () => {
  test('a test whose variance vanishes is undefined, not infinite; so is z over a zero SE', () => {
    for (const s of [Infinity, -Infinity, NaN, -1]) assert.deepStrictEqual(chisqTest(s, 1), { statistic: NaN, df: 1, p: NaN }, String(s));
    assert.deepStrictEqual(chisqTest(0, 1), { statistic: 0, df: 1, p: 1 });
    assert.ok(Number.isNaN(zTest(1, 0).z) && Number.isNaN(zTest(1, 0).p) && Number.isNaN(zTest(1, NaN).z));
  });

  test('formatters print NA for any non-finite number and give it no star', () => {
    for (const x of [NaN, Infinity, -Infinity]) {
      assert.strictEqual(formatNumber(x), 'NA');
      assert.strictEqual(signifStars(x), '');
    }
    assert.deepStrictEqual(formatPval([NaN, 0.5]), ['NA', '0.5']);
    assert.deepStrictEqual(formatReal([1.5, NaN]).map((s) => s.trim()), ['1.5', 'NA']);
    const cells = coefTableCells([{ name: 'x', estimate: 2, stdError: NaN, statistic: NaN, p: NaN }]);
    assert.deepStrictEqual([cells[0].stdError, cells[0].statistic, cells[0].p, cells[0].stars], ['NA', 'NA', 'NA', '']);
  });

  suite('a lag model with no regressors (Columbus, intercept only)', () => {
    let r: FitResult;
    suiteSetup(async () => {
      const out = await runSpecFile(columbusSpec({ independent: [] }), { draws: 0 });
      assert.ok(out.result, JSON.stringify(out.problems));
      r = out.result;
    });

    test('the robust LM tests of the OLS residuals are undefined (Wŷ = ȳ1 lies in the span of X), LMerr and LMlag are not', () => {
      const t = r.lmTestsOls!;
      for (const name of ['RLMerr', 'RLMlag', 'SARMA'] as const) assert.ok(Number.isNaN(t[name].statistic) && Number.isNaN(t[name].p), name);
      assert.ok(t.LMerr.statistic > 0 && t.LMlag.statistic > 0);
    });

    test('the report prints them as NA without stars; no Inf anywhere', () => {
      const text = formatReport(r);
      assert.ok(/^RLMerr\s+NA\s+1\s+NA\s*$/m.test(text), text);
      assert.ok(/^SARMA\s+NA\s+2\s+NA\s*$/m.test(text), text);
      assert.ok(!/\bInf\b/.test(text), text);
      for (const c of lmTestCells(r.lmTestsOls!)) if (c.name.startsWith('R') || c.name === 'SARMA') assert.strictEqual(c.stars, '');
    });

    test('JSON has null for them and no non-finite number; the result holds no ±Infinity', () => {
      const json = resultToJson(r);
      assert.deepStrictEqual(json.lmTestsOls?.RLMerr, { statistic: null, df: 1, p: null });
      assert.ok(numbers(json).every(Number.isFinite));
      assert.ok(numbers(r).every((x) => !Number.isNaN(x) ? Number.isFinite(x) : true), 'no ±Infinity in the result');
      assert.ok(statisticRows(r).every((s) => !/Inf/.test(s.text)));
    });
  });
});
