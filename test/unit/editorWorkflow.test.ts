/**
 * The spec editor's workflow pieces, host side: transforms from a column header (the spec text as
 * R formulas write terms), roles of transformed terms, summaries and chart numbers of the rows a
 * filter shows, and fit results appended to the CSV as columns.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { numericColumn, parseCsv } from '../../src/core/io/csv';
import { columnRoles, modelColumns, termText } from '../../src/core/spec/roles';
import { parseTerm } from '../../src/core/spec/terms';
import { validateEditorToHost, validateResultsToHost } from '../../src/protocol';
import { appendColumnInsertions, applyInsertions, freeColumnName } from '../../src/extension/specEditor/data/appendColumns';
import { buildView, chartValues, columnStats } from '../../src/extension/specEditor/data/scans';
import { TableSource } from '../../src/extension/specEditor/data/source';
import { setField, setRole, setTransform } from '../../src/extension/specEditor/specEdits';
import { specFormState } from '../../src/extension/specEditor/specState';
import { REPO_ROOT } from '../helpers/fixtures';

const COLUMBUS = fs.readFileSync(path.join(REPO_ROOT, 'examples/columbus/columbus.sar.json'), 'utf8');
const CSV = fs.readFileSync(path.join(REPO_ROOT, 'examples/columbus/data.csv'), 'utf8');
const COLUMNS = CSV.split('\n')[0].split(',');

function ok(r: { text: string } | { error: string }): string {
  if ('error' in r) assert.fail(r.error);
  return r.text;
}

suite('editor: transforms from a column header', () => {
  test('a regressor becomes log(HOVAL) in place; the engine reads it as R names it', () => {
    const after = ok(setTransform(COLUMBUS, 'HOVAL', 'log', COLUMNS));
    assert.match(after, /"independent": \["INC", "log\(HOVAL\)"\],/);
    assert.deepStrictEqual(parseTerm('log(HOVAL)', COLUMNS), { text: 'log(HOVAL)', column: 'HOVAL', transform: 'log', label: 'log(HOVAL)' });
  });

  test('each transform is written as R formulas write it, and back to the column with "none"', () => {
    assert.deepStrictEqual(['none', 'log', 'sqrt', 'square', 'scale'].map((t) => termText('INC', t as never)), ['INC', 'log(INC)', 'sqrt(INC)', 'INC^2', 'scale(INC)']);
    assert.strictEqual(termText('my col', 'log'), 'log(`my col`)');
    assert.strictEqual(parseTerm('log(`my col`)').column, 'my col');
    const squared = ok(setTransform(COLUMBUS, 'INC', 'square', COLUMNS));
    assert.deepStrictEqual(specFormState(squared).independent, ['INC^2', 'HOVAL']);
    assert.deepStrictEqual(specFormState(ok(setTransform(squared, 'INC', 'none', COLUMNS))).independent, ['INC', 'HOVAL']);
  });

  test('the dependent is transformed where it is; a column outside the model comes in as a new regressor', () => {
    assert.strictEqual(specFormState(ok(setTransform(COLUMBUS, 'CRIME', 'log', COLUMNS))).dependent, 'log(CRIME)');
    assert.deepStrictEqual(specFormState(ok(setTransform(COLUMBUS, 'OPEN', 'sqrt', COLUMNS))).independent, ['INC', 'HOVAL', 'sqrt(OPEN)']);
    assert.match((setTransform(COLUMBUS, 'NOPE', 'log', COLUMNS) as { error: string }).error, /not a column/);
  });

  test('a transformed term gives its column its role; removing the role removes the term', () => {
    const logged = ok(setTransform(COLUMBUS, 'HOVAL', 'log', COLUMNS));
    const form = specFormState(logged);
    assert.deepStrictEqual(columnRoles(form, 'HOVAL', COLUMNS), ['regressor']);
    assert.deepStrictEqual(modelColumns(form, COLUMNS), ['CRIME', 'INC', 'HOVAL']);
    assert.deepStrictEqual(specFormState(ok(setRole(logged, 'HOVAL', 'regressor', COLUMNS))).independent, ['INC', 'log(HOVAL)'], 'already a regressor');
    assert.deepStrictEqual(specFormState(ok(setRole(logged, 'HOVAL', 'none', COLUMNS))).independent, ['INC']);
    // Made the dependent, it leaves the regressors in every form.
    const y = specFormState(ok(setField(logged, 'dependent', 'HOVAL', COLUMNS)));
    assert.deepStrictEqual([y.dependent, y.independent], ['HOVAL', ['INC']]);
  });
});

suite('editor: summaries and charts of the rows a filter shows', () => {
  const table = parseCsv(CSV, 'data.csv');
  const src = new TableSource(table);
  const crime = COLUMNS.indexOf('CRIME');
  const inc = COLUMNS.indexOf('INC');

  test('the summary of a filtered view counts only its rows', async () => {
    const view = await buildView(src, null, { column: crime, op: '>', value: '40' });
    const expected = Array.from(numericColumn(table, 'CRIME')).filter((v) => v > 40);
    const stats = await columnStats(src, {}, undefined, view);
    assert.strictEqual(stats[crime].count, expected.length);
    assert.ok(expected.length > 0 && expected.length < 49);
    assert.strictEqual(stats[crime].min, Math.min(...expected));
    assert.strictEqual((await columnStats(src))[crime].count, 49);
  });

  test('chart numbers: the view\'s rows in view order, pairs only where both are numbers, an even sample above the limit', async () => {
    const view = await buildView(src, { column: inc, dir: 'asc' }, null);
    const all = await chartValues(src, [inc, crime], view, 1000);
    assert.strictEqual(all.values[0].length, 49);
    assert.deepStrictEqual(all.values[0], [...all.values[0]].sort((a, b) => a - b));
    assert.deepStrictEqual([all.skipped, all.sampled], [0, false]);
    const sample = await chartValues(src, [crime], null, 10);
    assert.deepStrictEqual([sample.values[0].length, sample.sampled], [10, true]);
    const text = new TableSource(parseCsv('a,b\n1,2\nx,3\n4,\n5,6\n', 't.csv'));
    assert.deepStrictEqual(await chartValues(text, [0, 1], null, 100), { values: [[1, 5], [2, 6]], skipped: 2, sampled: false });
  });

  test('the protocol takes a histogram of one column and a scatter of two, nothing else', () => {
    assert.strictEqual(validateEditorToHost({ type: 'chartData', gen: 1, kind: 'histogram', columns: [3] }), undefined);
    assert.strictEqual(validateEditorToHost({ type: 'chartData', gen: 1, kind: 'scatter', columns: [3, 4] }), undefined);
    assert.ok(validateEditorToHost({ type: 'chartData', gen: 1, kind: 'scatter', columns: [3] }));
    assert.ok(validateEditorToHost({ type: 'chartData', gen: 1, kind: 'pie', columns: [3] }));
    assert.ok(validateEditorToHost({ type: 'chartData', gen: 1, kind: 'histogram', columns: [-1] }));
    assert.strictEqual(validateEditorToHost({ type: 'setTransform', column: 'HOVAL', transform: 'log' }), undefined);
    assert.ok(validateEditorToHost({ type: 'setTransform', column: 'HOVAL', transform: 'exp' }));
    assert.strictEqual(validateResultsToHost({ type: 'addColumns' }), undefined);
    assert.ok(validateResultsToHost({ type: 'addColumns', file: '/etc/passwd' }));
  });
});

suite('editor: fit results appended to the CSV as columns', () => {
  test('one insertion at the end of the header and of each record; the result parses with the new columns', () => {
    const text = 'id,y\n1,2.5\n\n2,"a\nb"\n3,4\n';
    const table = parseCsv(text, 't.csv');
    const lines = text.split('\n');
    const ins = appendColumnInsertions(table, lines.length, (l) => lines[l], [{ name: 'fitted', values: [1.25, 2, null] }, { name: 'has,comma', values: [0.1, -3e-7, 5] }]);
    assert.deepStrictEqual(ins.map((i) => i.line), [0, 1, 4, 5], 'the quoted field spans lines 3–4; the blank line 2 is no record');
    const out = applyInsertions(lines, ins, '\n');
    assert.strictEqual(out, 'id,y,fitted,"has,comma"\n1,2.5,1.25,0.1\n\n2,"a\nb",2,-3e-7\n3,4,,5\n');
    const back = parseCsv(out, 't.csv');
    assert.deepStrictEqual(back.columns, ['id', 'y', 'fitted', 'has,comma']);
    assert.deepStrictEqual(back.cells[2], ['1.25', '2', '']);
  });

  test('a name already taken gets a suffix', () => {
    assert.strictEqual(freeColumnName('fitted', new Set(['fitted', 'fitted_2'])), 'fitted_3');
    assert.strictEqual(freeColumnName('residual', new Set(['fitted'])), 'residual');
  });
});
