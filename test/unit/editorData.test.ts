import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { numericColumn, parseCsv } from '../../src/core/io/csv';
import { cellLocation } from '../../src/core/io/table';
import { ProblemError } from '../../src/core/problems';
import { cellKind, cellNumber, cellProblem } from '../../src/extension/specEditor/data/cells';
import { quoteCell, rawFieldLength, unquoteField } from '../../src/extension/specEditor/data/csvEdit';
import { indexCsv, readRow, splitRow } from '../../src/extension/specEditor/data/csvIndex';
import { buildView, columnStats, invalidCells } from '../../src/extension/specEditor/data/scans';
import { IndexedSource, TableSource, type DataSource } from '../../src/extension/specEditor/data/source';

const ROOT = path.resolve(__dirname, '../../..');
const COLUMBUS_CSV = fs.readFileSync(path.join(ROOT, 'examples/columbus/data.csv'), 'utf8');
const bytes = (s: string) => new Uint8Array(Buffer.from(s, 'utf8'));

suite('editor: cells are judged as the engine judges them', () => {
  const cells = ['1', ' 2.5 ', '-3e4', '+.5', '1e999', '', '  ', 'NA', 'n/a', '.', '-', 'abc', '1,5', '12a', 'Inf', '0x10', '1_000'];
  for (const decimalComma of [false, true]) {
    test(`${decimalComma ? 'semicolon' : 'comma'} files: same numbers, same reasons as numericColumn`, () => {
      for (const s of cells) {
        const table = { file: 't.csv', columns: ['v'], cells: [[s]], lineOfRow: [2], nrows: 1, delimiter: decimalComma ? ';' : ',' };
        let engineValue: number | undefined;
        let engineReason: string | undefined;
        try {
          engineValue = numericColumn(table, 'v')[0];
        } catch (e) {
          assert.ok(e instanceof ProblemError);
          engineReason = e.problems[0].message;
        }
        if (engineValue !== undefined) {
          assert.strictEqual(cellNumber(s, decimalComma), engineValue, s);
          assert.strictEqual(cellProblem(s, decimalComma), undefined, s);
          assert.strictEqual(cellKind(s, decimalComma), 'number');
        } else {
          assert.ok(Number.isNaN(cellNumber(s, decimalComma)), s);
          const why = cellProblem(s, decimalComma);
          assert.ok(why && engineReason?.includes(why), `${JSON.stringify(s)}: "${why}" vs engine "${engineReason}"`);
        }
      }
    });
  }

  test('a cell of a million digits and a letter is text, judged in one pass (no regex backtracking)', () => {
    const s = `${'1'.repeat(1_000_000)}x`;
    for (const decimalComma of [false, true]) {
      assert.strictEqual(cellKind(s, decimalComma), 'text');
      assert.match(cellProblem(s, decimalComma)!, /is not a number$/);
    }
  });
});

suite('editor: CSV row index for large files', () => {
  test('indexes Columbus like parseCsv reads it', () => {
    const idx = indexCsv(bytes(COLUMBUS_CSV));
    const table = parseCsv(COLUMBUS_CSV, 'data.csv');
    assert.deepStrictEqual(idx.columns, table.columns);
    assert.strictEqual(idx.nrows, 49);
    assert.strictEqual(idx.delimiter, ',');
    for (const r of [0, 17, 48]) assert.deepStrictEqual(readRow(idx, r), table.columns.map((_, c) => table.cells[c][r]));
  });

  test('BOM, CRLF, blank lines, quotes with delimiters and line breaks, semicolons', () => {
    const text = '\uFEFFid;name;v\r\n\r\n1;"a;b";1,5\r\n2;"line\r\nbreak ""q""";2\r\n   \r\n3;plain;3\r\n';
    const idx = indexCsv(bytes(text));
    const table = parseCsv(text, 't.csv');
    assert.strictEqual(idx.delimiter, ';');
    assert.deepStrictEqual(idx.columns, ['id', 'name', 'v']);
    assert.strictEqual(idx.nrows, table.nrows);
    for (let r = 0; r < idx.nrows; r++) assert.deepStrictEqual(readRow(idx, r), table.columns.map((_, c) => table.cells[c][r]), `row ${r}`);
  });

  test('ragged rows are padded or cut and reported', () => {
    const idx = indexCsv(bytes('a,b,c\n1,2\n1,2,3,4\n'));
    const ragged: number[] = [];
    assert.deepStrictEqual(readRow(idx, 0, (r) => ragged.push(r)), ['1', '2', '']);
    assert.deepStrictEqual(readRow(idx, 1, (r) => ragged.push(r)), ['1', '2', '3']);
    assert.deepStrictEqual(ragged, [0, 1]);
  });

  test('an empty file is an error; splitRow handles edge cases', () => {
    assert.throws(() => indexCsv(bytes('  \n\n')), /empty file/);
    assert.deepStrictEqual(splitRow('a,,', ','), ['a', '', '']);
    assert.deepStrictEqual(splitRow('"",x', ','), ['', 'x']);
    assert.deepStrictEqual(splitRow('"a""b"', ','), ['a"b']);
  });
});

suite('editor: writing a cell back', () => {
  test('quoting only when needed; raw field lengths; unquoting', () => {
    assert.strictEqual(quoteCell('12.5', ','), '12.5');
    assert.strictEqual(quoteCell('a,b', ','), '"a,b"');
    assert.strictEqual(quoteCell('a,b', ';'), 'a,b');
    assert.strictEqual(quoteCell('say "hi"', ','), '"say ""hi"""');
    assert.strictEqual(quoteCell('two\nlines', ','), '"two\nlines"');
    assert.strictEqual(rawFieldLength('abc,def', 0, ','), 3);
    assert.strictEqual(rawFieldLength('abc\r\nx', 0, ','), 3);
    assert.strictEqual(rawFieldLength('"a,""b"",c",x', 0, ','), 11);
    assert.strictEqual(rawFieldLength('last', 0, ','), 4);
    assert.strictEqual(unquoteField('"a,""b"",c"'), 'a,"b",c');
    assert.strictEqual(unquoteField('plain'), 'plain');
  });

  test('cellLocation + rawFieldLength find every Columbus cell exactly', () => {
    const table = parseCsv(COLUMBUS_CSV, 'data.csv');
    const lines = COLUMBUS_CSV.split('\n');
    for (let r = 0; r < table.nrows; r += 7) {
      for (let c = 0; c < table.columns.length; c += 5) {
        const loc = cellLocation(table, r, c);
        const line = lines[loc.line - 1];
        const len = rawFieldLength(line, loc.column - 1, ',');
        assert.strictEqual(line.substr(loc.column - 1, len), table.cells[c][r]);
      }
    }
  });
});

suite('editor: column summaries, invalid cells, views', () => {
  const text = 'id,v,w,name\n1,3,x,b\n2,1,,a\n3,NA,2,c\n4,2,1e3,a\n5,,5,d\n';
  const sources = (): [string, DataSource][] => [
    ['document (Table)', new TableSource(parseCsv(text, 't.csv'))],
    ['file (row index)', new IndexedSource(indexCsv(bytes(text)))],
  ];
  for (const [kind, make] of [0, 1].map((i) => [sources()[i][0], () => sources()[i][1]] as const)) {
    test(`${kind}: count, missing, text, mean, sd, min, max`, async () => {
      const stats = await columnStats(make(), { chunkRows: 2, yieldFn: async () => undefined });
      assert.deepStrictEqual(stats[1], { count: 3, missing: 2, text: 0, mean: 2, sd: 1, min: 1, max: 3 });
      assert.strictEqual(stats[2].text, 1);
      assert.strictEqual(stats[2].missing, 1);
      assert.strictEqual(stats[2].max, 1000);
      assert.strictEqual(stats[3].count, 0);
      assert.strictEqual(stats[3].mean, null);
    });
    test(`${kind}: invalid cells of model columns, in row order`, async () => {
      const scan = await invalidCells(make(), [1, 2], 10, { chunkRows: 2 });
      assert.strictEqual(scan.total, 4);
      assert.deepStrictEqual(scan.items.map((i) => [i.row, i.column]), [[0, 2], [1, 2], [2, 1], [4, 1]]);
      assert.match(scan.items[0].reason, /"x" is not a number/);
      assert.match(scan.items[1].reason, /empty cell/);
      const capped = await invalidCells(make(), [1, 2], 1);
      assert.strictEqual(capped.total, 4);
      assert.strictEqual(capped.items.length, 1);
    });
    test(`${kind}: sort (numbers, then text, empties last) and filter as views`, async () => {
      const src = make();
      assert.strictEqual(await buildView(src, null, null), null);
      const asc = await buildView(src, { column: 1, dir: 'asc' }, null);
      assert.deepStrictEqual(Array.from(asc!), [1, 3, 0, 2, 4]);
      const desc = await buildView(src, { column: 1, dir: 'desc' }, null);
      assert.deepStrictEqual(Array.from(desc!), [0, 3, 1, 2, 4]);
      const byName = await buildView(src, { column: 3, dir: 'asc' }, null);
      assert.deepStrictEqual(Array.from(byName!), [1, 3, 0, 2, 4]);
      assert.deepStrictEqual(Array.from((await buildView(src, null, { column: 1, op: '>=', value: '2' }))!), [0, 3]);
      assert.deepStrictEqual(Array.from((await buildView(src, null, { column: 3, op: '=', value: 'a' }))!), [1, 3]);
      assert.deepStrictEqual(Array.from((await buildView(src, null, { column: 3, op: 'contains', value: 'A' }))!), [1, 3]);
      assert.deepStrictEqual(Array.from((await buildView(src, null, { column: 2, op: 'invalid', value: '' }))!), [0, 1]);
      assert.deepStrictEqual(Array.from((await buildView(src, null, { column: 2, op: 'empty', value: '' }))!), [1]);
      assert.deepStrictEqual(Array.from((await buildView(src, { column: 0, dir: 'desc' }, { column: 3, op: '=', value: 'a' }))!), [3, 1]);
    });
  }

  test('a large column: Welford mean and sd match the two-pass values', async () => {
    const n = 50_000;
    const rows = ['v'];
    let sum = 0;
    const vals: number[] = [];
    for (let i = 0; i < n; i++) {
      const v = 1e9 + Math.sin(i) * 100;
      vals.push(v);
      sum += v;
      rows.push(String(v));
    }
    const mean = sum / n;
    const sd = Math.sqrt(vals.reduce((s, v) => s + (v - mean) ** 2, 0) / (n - 1));
    const [st] = await columnStats(new IndexedSource(indexCsv(bytes(rows.join('\n')))));
    assert.ok(Math.abs(st.mean! - mean) / mean < 1e-12);
    assert.ok(Math.abs(st.sd! - sd) / sd < 1e-8);
  });
});
