import * as assert from 'assert';
import * as fs from 'fs';
import { parseCsv } from '../../src/core/io/csv';
import { parseGal, writeGal } from '../../src/core/io/gal';
import { parseGwt, writeGwt } from '../../src/core/io/gwt';
import { matchNeighbours, rowIds } from '../../src/core/io/neighbourFile';
import type { Csr } from '../../src/core/sparse/csr';
import { fixture } from '../helpers/fixtures';
import { problemsOf } from '../helpers/problems';

/** Rows of a CSR as arrays of [col, value], for deepStrictEqual. */
function rows(a: Csr): [number, number][][] {
  const out: [number, number][][] = [];
  for (let i = 0; i < a.nrows; i++) {
    const r: [number, number][] = [];
    for (let p = a.rowPtr[i]; p < a.rowPtr[i + 1]; p++) r.push([a.colIdx[p], a.values[p]]);
    out.push(r);
  }
  return out;
}

/** A table with an id column of the given ids. */
function idTable(ids: string[]): ReturnType<typeof parseCsv> {
  return parseCsv(`code,v\n${ids.map((id) => `${id},0`).join('\n')}\n`, 'data.csv');
}

suite('io: GAL files', () => {
  test('Columbus weights.gal (spdep col.gal.nb): 49 regions, 230 links, symmetric', () => {
    const text = fs.readFileSync(fixture('columbus', 'weights.gal'), 'utf8');
    const gal = parseGal(text, 'weights.gal');
    assert.strictEqual(gal.n, 49);
    assert.strictEqual(gal.layer, 'columbus');
    assert.strictEqual(gal.idVariable, 'id');
    const table = parseCsv(fs.readFileSync(fixture('columbus', 'data.csv'), 'utf8'), 'data.csv');
    const nb = matchNeighbours(gal, rowIds(table, 'id'), table.nrows);
    assert.strictEqual(nb.colIdx.length, 230);
    assert.deepStrictEqual(rows(nb)[0], [[1, 1], [2, 1]]); // region 1: neighbours 2 and 3
    const has = new Set<string>();
    for (let i = 0; i < 49; i++) for (let p = nb.rowPtr[i]; p < nb.rowPtr[i + 1]; p++) has.add(`${i},${nb.colIdx[p]}`);
    for (const key of has) {
      const [i, j] = key.split(',');
      assert.ok(has.has(`${j},${i}`), `link ${key} has no reverse`);
    }
  });

  test('old one-number header; ids default to row numbers 1..n', () => {
    const gal = parseGal('3\n1 1\n2\n2 2\n1 3\n3 1\n2\n', 'old.gal');
    assert.strictEqual(gal.layer, undefined);
    const nb = matchNeighbours(gal, rowIds(idTable(['a', 'b', 'c'])), 3);
    assert.deepStrictEqual(rows(nb), [[[1, 1]], [[0, 1], [2, 1]], [[1, 1]]]);
  });

  test('CRLF line ends and tabs between ids', () => {
    const gal = parseGal('0 3 x id\r\n1 2\r\n2\t3\r\n2 1\r\n1\r\n3 1\r\n1\r\n', 'crlf.gal');
    assert.deepStrictEqual(rows(matchNeighbours(gal, rowIds(idTable(['1', '2', '3'])), 3)), [[[1, 1], [2, 1]], [[0, 1]], [[0, 1]]]);
  });

  test('ids are matched to the id column in any record order; numbers match numerically (007 = 7)', () => {
    const gal = parseGal('0 3 layer code\n30 1\n7\n7 2\n30 12\n12 1\n7\n', 'ids.gal');
    const nb = matchNeighbours(gal, rowIds(idTable(['007', '12', '30']), 'code'), 3);
    assert.deepStrictEqual(rows(nb), [[[1, 1], [2, 1]], [[0, 1]], [[0, 1]]]);
  });

  test('an island has an empty neighbour line (or none)', () => {
    const withLine = parseGal('0 3 x id\n1 1\n2\n2 1\n1\n3 0\n\n', 'i.gal');
    const without = parseGal('0 3 x id\n1 1\n2\n3 0\n2 1\n1\n', 'i.gal');
    for (const g of [withLine, without]) {
      assert.deepStrictEqual(rows(matchNeighbours(g, rowIds(idTable(['1', '2', '3'])), 3)), [[[1, 1]], [[0, 1]], []]);
    }
  });

  test('round trip: writeGal then parseGal gives the same neighbours (new and old headers, custom ids)', () => {
    const nb: Csr = {
      nrows: 4, ncols: 4,
      rowPtr: Int32Array.from([0, 2, 3, 3, 5]),
      colIdx: Int32Array.from([1, 3, 0, 0, 1]),
      values: new Float64Array(5).fill(1),
    };
    const ids = ['A1', 'B2', 'C3', 'D4'];
    const text = writeGal(nb, { ids, layer: 'test', idVariable: 'code' });
    assert.strictEqual(text, '0 4 test code\nA1 2\nB2 D4\nB2 1\nA1\nC3 0\n\nD4 2\nA1 B2\n');
    const back = matchNeighbours(parseGal(text, 't.gal'), rowIds(idTable(ids), 'code'), 4);
    assert.deepStrictEqual(rows(back), rows(nb));
    const old = writeGal(nb, { oldStyle: true });
    assert.ok(old.startsWith('4\n1 2\n2 4\n'));
    assert.deepStrictEqual(rows(matchNeighbours(parseGal(old, 'o.gal'), rowIds(idTable(ids)), 4)), rows(nb));
  });

  test('malformed lines and wrong counts are errors with line and column', () => {
    assert.deepStrictEqual(problemsOf(() => parseGal('0 2 x id\n1 2\n2\n2 1\n1\n', 'c.gal')), [
      'c.gal:3:1: error: region "1": the record on line 2 says 2 neighbours but this line lists 1',
    ]);
    assert.deepStrictEqual(problemsOf(() => parseGal('0 2 x id\n1 1\n2\n', 'short.gal')), [
      'short.gal:1:1: error: the header declares 2 regions but the file has 1 record',
    ]);
    assert.deepStrictEqual(problemsOf(() => parseGal('0 1 x id\n1 1\n2\n2 1\n1\n', 'long.gal')), [
      'long.gal:4:1: error: more records than the 1 regions the header declares',
    ]);
    assert.deepStrictEqual(problemsOf(() => parseGal('zero two\n', 'h.gal')), [
      'h.gal:1:1: error: GAL header: expected "n" or "0 n layer idVariable", found "zero two"',
    ]);
    assert.deepStrictEqual(problemsOf(() => parseGal('0 2 x id\n1 x\n', 'n.gal')), [
      'n.gal:2:3: error: the neighbour count must be a non-negative integer, found "x"',
    ]);
  });

  test('ids not in the data are named with the line where they appear', () => {
    const gal = parseGal('0 3 x code\n1 2\n2 99\n2 1\n1\n3 1\n77\n', 'u.gal');
    assert.deepStrictEqual(problemsOf(() => matchNeighbours(gal, rowIds(idTable(['1', '2', '3']), 'code'), 3)), [
      'u.gal:3:3: error: 2 ids of the GAL file are not in the data (column "code" of data.csv): "99", "77"',
      'u.gal:7:1: error: id "77" is not in the data (column "code" of data.csv)',
    ]);
  });

  test('repeated records, a region count that differs from the data, unknown ids, self-links and duplicate links are errors', () => {
    assert.deepStrictEqual(problemsOf(() => parseGal('0 3 x code\n1 1\n2\n2 1\n1\n2 0\n\n', 'dup.gal')), [
      'dup.gal:6:1: error: second record for region "2" (the first is on line 4)',
    ]);
    const gal = parseGal('0 3 x code\n1 1\n2\n2 1\n1\n9 0\n\n', 'miss.gal');
    assert.deepStrictEqual(problemsOf(() => matchNeighbours(gal, rowIds(idTable(['1', '2', '3', '9']), 'code'), 4)), [
      'miss.gal:1:1: error: GAL header declares 3 regions but the data have 4 rows',
    ]);
    const gal3 = parseGal('0 3 x code\n1 1\n2\n2 1\n1\n9 0\n\n', 'miss.gal');
    assert.deepStrictEqual(problemsOf(() => matchNeighbours(gal3, rowIds(idTable(['1', '2', '3']), 'code'), 3)), [
      'miss.gal:6:1: error: 1 id of the GAL file is not in the data (column "code" of data.csv): "9"',
    ]);
    const self = parseGal('0 2 x id\n1 1\n1\n2 0\n\n', 'self.gal');
    assert.deepStrictEqual(problemsOf(() => matchNeighbours(self, rowIds(idTable(['1', '2'])), 2)), [
      'self.gal:3:1: error: region "1" is listed as its own neighbour',
    ]);
    const twice = parseGal('0 2 x id\n1 2\n2 2\n2 1\n1\n', 'twice.gal');
    assert.deepStrictEqual(problemsOf(() => matchNeighbours(twice, rowIds(idTable(['1', '2'])), 2)), [
      'twice.gal:3:3: error: duplicate link: "1" → "2" is listed twice',
    ]);
  });

  test('a duplicated id in the data column is an error at the cell', () => {
    const gal = parseGal('0 2 x code\n1 1\n2\n2 1\n1\n', 'd.gal');
    assert.deepStrictEqual(problemsOf(() => matchNeighbours(gal, rowIds(idTable(['1', '1']), 'code'), 2)), [
      'data.csv:3:1: error: id column "code": id "1" appears twice (rows 1 and 2); ids must be unique',
    ]);
  });
});

suite('io: GWT files', () => {
  test('reads origin/destination/weight lines; non-origins have no neighbours', () => {
    const gwt = parseGwt('0 3 layer id\n1 2 0.5\n1 3 1.5\n2 1 0.5\n', 'w.gwt');
    assert.deepStrictEqual(rows(matchNeighbours(gwt, rowIds(idTable(['1', '2', '3'])), 3)), [[[1, 0.5], [2, 1.5]], [[0, 0.5]], []]);
  });

  test('round trip: writeGwt then parseGwt gives the same weights to the last bit', () => {
    const w: Csr = {
      nrows: 3, ncols: 3,
      rowPtr: Int32Array.from([0, 2, 3, 4]),
      colIdx: Int32Array.from([1, 2, 0, 0]),
      values: Float64Array.from([0.1 + 0.2, 1 / 3, 2e-17, 123456789.125]),
    };
    const ids = ['x', 'y', 'z'];
    const text = writeGwt(w, { ids, layer: 'pts', idVariable: 'code' });
    assert.strictEqual(text.split('\n')[0], '0 3 pts code');
    const back = matchNeighbours(parseGwt(text, 'w.gwt'), rowIds(idTable(ids), 'code'), 3);
    assert.deepStrictEqual(rows(back), rows(w));
  });

  test('links out of order in the file come out sorted by column', () => {
    const gwt = parseGwt('0 3 l id\n2 3 1\n1 3 2\n2 1 3\n1 2 4\n', 'o.gwt');
    assert.deepStrictEqual(rows(matchNeighbours(gwt, rowIds(idTable(['1', '2', '3'])), 3)), [[[1, 4], [2, 2]], [[0, 3], [2, 1]], []]);
  });

  test('malformed lines, bad weights and too many ids are errors with line and column', () => {
    assert.deepStrictEqual(problemsOf(() => parseGwt('0 2 l id\n1 2\n2 1 abc\n', 'bad.gwt')), [
      'bad.gwt:2:1: error: expected "origin destination weight", found 2 values',
      'bad.gwt:3:5: error: the weight must be a number, found "abc"',
    ]);
    assert.deepStrictEqual(problemsOf(() => parseGwt('0 2 l id\n1 2 1\n2 3 1\n', 'many.gwt')), [
      'many.gwt:3:3: error: the header declares 2 regions but the file uses 3 distinct ids (id "3" is number 3)',
    ]);
  });
});

suite('io: GAL and GWT on hostile input', () => {
  test('CR-only line ends: problems at the right line', () => {
    assert.deepStrictEqual(problemsOf(() => parseGal('0 2 x id\r1 1\r2\r2 1\r1 3\r', 'cr.gal')), [
      'cr.gal:5:3: error: region "2": the record on line 4 says 1 neighbour but this line lists 2',
    ]);
    assert.deepStrictEqual(problemsOf(() => parseGwt('0 2 x id\r1 2 1\r2 1 x\r', 'cr.gwt')), ['cr.gwt:3:5: error: the weight must be a number, found "x"']);
  });

  test('a header count beyond any data is refused; a huge count that no file could fill costs nothing', () => {
    assert.deepStrictEqual(problemsOf(() => parseGal('0 999999999999999999999 x id\n', 'h.gal')), [
      'h.gal:1:3: error: GAL header: the number of regions must be an integer from 1 to 2147483647, found "999999999999999999999"',
    ]);
    assert.deepStrictEqual(problemsOf(() => parseGal('0 2000000000 x id\n1 0\n\n', 'h.gal')), ['h.gal:1:1: error: the header declares 2000000000 regions but the file has 1 record']);
  });

  test('weights beyond the doubles and megabyte tokens', () => {
    assert.deepStrictEqual(problemsOf(() => parseGwt('0 2 x id\n1 2 1e309\n', 'w.gwt')), ['w.gwt:2:5: error: the weight 1e309 is too large for a double (at most 1.8e308)']);
    const [p] = problemsOf(() => parseGwt(`0 2 x id\n1 2 ${'1'.repeat(1_000_000)}x\n`, 'w.gwt'));
    assert.match(p, /^w\.gwt:2:5: error: the weight must be a number, found "1{40}…"$/);
    // An id of a megabyte of digits and a letter: matched (or not) without quadratic backtracking.
    const gal = parseGal(`0 1 x id\n${'7'.repeat(1_000_000)}x 0\n\n`, 'big.gal');
    assert.throws(() => matchNeighbours(gal, rowIds(idTable(['1']), 'code'), 1), /not in the data/);
  });
});
