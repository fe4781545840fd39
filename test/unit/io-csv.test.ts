import * as assert from 'assert';
import { columnIndex, numericColumn, parseCsv } from '../../src/core/io/csv';
import { decodeText, detectEncoding } from '../../src/core/io/readFile';
import { cellLocation } from '../../src/core/io/table';
import { formatProblem, ProblemError } from '../../src/core/problems';
import { problemsOf } from '../helpers/problems';

suite('io: parseCsv', () => {
  test('reads a header and columns of raw cells, each row with its line', () => {
    const t = parseCsv('id,x,y\n1,0.5,2\n2,1.5,3\n', 'd.csv');
    assert.deepStrictEqual(t.columns, ['id', 'x', 'y']);
    assert.strictEqual(t.nrows, 2);
    assert.deepStrictEqual(t.cells, [['1', '2'], ['0.5', '1.5'], ['2', '3']]);
    assert.deepStrictEqual(Array.from(t.lineOfRow), [2, 3]);
    assert.strictEqual(t.file, 'd.csv');
  });

  test('strips a UTF-8 byte order mark from the first column name', () => {
    const t = parseCsv('\ufeffid,x\n1,2\n', 'bom.csv');
    assert.deepStrictEqual(t.columns, ['id', 'x']);
  });

  test('detects semicolon and tab delimiters', () => {
    assert.deepStrictEqual(parseCsv('a;b;c\n1;2;3\n', 's.csv').columns, ['a', 'b', 'c']);
    assert.deepStrictEqual(parseCsv('a\tb\n1\t2\n', 't.tsv').columns, ['a', 'b']);
    // Commas inside a semicolon file are decimal commas, not delimiters.
    const t = parseCsv('x;y\n1,5;2,25\n3;4\n', 'eu.csv');
    assert.strictEqual(t.delimiter, ';');
    assert.deepStrictEqual(Array.from(numericColumn(t, 'x')), [1.5, 3]);
    assert.deepStrictEqual(Array.from(numericColumn(t, 'y')), [2.25, 4]);
  });

  test('a comma file whose text cells contain semicolons stays comma-separated', () => {
    const t = parseCsv('id,city,alt_names,lon\n1,Almaty,Alma-Ata,76.9\n5,Astana,Nur-Sultan; Akmola; Tselinograd,71.4\n', 'kz.csv');
    assert.strictEqual(t.delimiter, ',');
    assert.deepStrictEqual(t.cells[2], ['Alma-Ata', 'Nur-Sultan; Akmola; Tselinograd']);
  });

  test('handles CRLF line ends', () => {
    const t = parseCsv('a,b\r\n1,2\r\n3,4\r\n', 'crlf.csv');
    assert.deepStrictEqual(t.cells, [['1', '3'], ['2', '4']]);
    assert.deepStrictEqual(Array.from(t.lineOfRow), [2, 3]);
  });

  test('quoted fields may hold delimiters, doubled quotes and newlines; later line numbers stay right', () => {
    const text = 'id,name,v\n1,"Smith, J.",10\n2,"two\nline ""quoted""\nnote",20\n3,plain,x\n';
    const t = parseCsv(text, 'q.csv');
    assert.deepStrictEqual(t.cells[1], ['Smith, J.', 'two\nline "quoted"\nnote', 'plain']);
    assert.deepStrictEqual(Array.from(t.lineOfRow), [2, 3, 6]);
    // The cell after the embedded newlines is on line 5, column 7.
    assert.deepStrictEqual(cellLocation(t, 1, 2), { line: 5, column: 7 });
    assert.deepStrictEqual(problemsOf(() => numericColumn(t, 'v')), [
      'q.csv:6:9: error: column "v", row 3: "x" is not a number; a numeric column needs a number in every row',
    ]);
  });

  test('blank lines, including trailing ones, are skipped and do not shift line numbers', () => {
    const t = parseCsv('a,b\n1,2\n\n3,4\n\n\n', 'b.csv');
    assert.strictEqual(t.nrows, 2);
    assert.deepStrictEqual(Array.from(t.lineOfRow), [2, 4]);
  });

  test('leading blank lines: the header is the first non-blank line', () => {
    const t = parseCsv('\n\nid,v\n1,x\n', 'lead.csv');
    assert.deepStrictEqual(t.columns, ['id', 'v']);
    assert.strictEqual(t.headerLine, 3);
    assert.deepStrictEqual(problemsOf(() => numericColumn(t, 'v')), [
      'lead.csv:4:3: error: column "v", row 1: "x" is not a number; a numeric column needs a number in every row',
    ]);
  });

  test('a row with too few or too many fields is an error at its line', () => {
    assert.deepStrictEqual(problemsOf(() => parseCsv('a,b,c\n1,2,3\n4,5\n6,7,8,9\n', 'r.csv')), [
      'r.csv:3:4: error: row has 2 fields but the header has 3 (delimiter: comma)',
      'r.csv:4:7: error: row has 4 fields but the header has 3 (delimiter: comma)',
    ]);
  });

  test('an empty file or one with only blank lines is an error', () => {
    assert.deepStrictEqual(problemsOf(() => parseCsv('', 'e.csv')), ['e.csv:1:1: error: empty file: expected a header row with column names']);
    assert.deepStrictEqual(problemsOf(() => parseCsv('\n\r\n  \n', 'e.csv')), ['e.csv:1:1: error: empty file: expected a header row with column names']);
  });

  test('duplicate column names are an error pointing at the second one', () => {
    assert.deepStrictEqual(problemsOf(() => parseCsv('id,x,y,x\n1,2,3,4\n', 'd.csv')), [
      'd.csv:1:8: error: duplicate column name "x" (also column 2); column names must be unique',
    ]);
  });

  test('an unterminated quote is an error at the quote', () => {
    assert.deepStrictEqual(problemsOf(() => parseCsv('a,b\n1,"2\n3,4\n', 'u.csv')), [
      'u.csv:2:3: error: quoted field is never closed (a closing " is missing)',
    ]);
  });

  test('a header-only file is a table with no rows', () => {
    const t = parseCsv('a,b\n', 'h.csv');
    assert.strictEqual(t.nrows, 0);
    assert.deepStrictEqual(Array.from(numericColumn(t, 'a')), []);
  });
});

suite('io: numericColumn', () => {
  test('accepts plain, signed, exponent and space-padded numbers', () => {
    const t = parseCsv('v\n1e5\n-3.2\n 4 \n+.5\n7.\n', 'n.csv');
    assert.deepStrictEqual(Array.from(numericColumn(t, 'v')), [1e5, -3.2, 4, 0.5, 7]);
  });

  test('NA, empty cells, text and decimal commas in a comma file are errors with file:line:col', () => {
    const t = parseCsv('id,v,w\n1,NA,1\n2,,2\n3,abc,3\n4,"1,5",4\n5,0x10,5\n6,Inf,6\n', 'm.csv');
    assert.deepStrictEqual(problemsOf(() => numericColumn(t, 'v')), [
      'm.csv:2:3: error: column "v", row 1: "NA" is a missing value; a numeric column needs a number in every row',
      'm.csv:3:3: error: column "v", row 2: empty cell (missing value); a numeric column needs a number in every row',
      'm.csv:4:3: error: column "v", row 3: "abc" is not a number; a numeric column needs a number in every row',
      'm.csv:5:3: error: column "v", row 4: "1,5" is not a number (decimal comma? write 1.5); a numeric column needs a number in every row',
      'm.csv:6:3: error: column "v", row 5: "0x10" is not a number; a numeric column needs a number in every row',
      'm.csv:7:3: error: column "v", row 6: "Inf" is not a finite number; a numeric column needs a number in every row',
    ]);
    assert.deepStrictEqual(Array.from(numericColumn(t, 'w')), [1, 2, 3, 4, 5, 6]);
  });

  test('the error column is the character column of the cell', () => {
    const t = parseCsv('name,value\nlong name here,oops\n', 'c.csv');
    assert.deepStrictEqual(problemsOf(() => numericColumn(t, 'value')), [
      'c.csv:2:16: error: column "value", row 1: "oops" is not a number; a numeric column needs a number in every row',
    ]);
  });

  test('many bad cells are capped with a count', () => {
    const rows = Array.from({ length: 30 }, () => 'x').join('\n');
    const problems = problemsOf(() => numericColumn(parseCsv(`v\n${rows}\n`, 'many.csv'), 'v'));
    assert.strictEqual(problems.length, 21);
    assert.match(problems[20], /… and 10 more cells that are not numbers \(30 of 30\)/);
  });

  test('an unknown column suggests the nearest name, at the spec location when given', () => {
    const t = parseCsv('CRIME,INC,HOVAL\n1,2,3\n', 'data.csv');
    assert.deepStrictEqual(problemsOf(() => numericColumn(t, 'INCOME')), [
      'data.csv:1:1: error: unknown column "INCOME" in data.csv; did you mean "INC"?',
    ]);
    try {
      columnIndex(t, 'HOVALL', 'model.sar.json', { line: 4, column: 20 });
      assert.fail('expected an error');
    } catch (e) {
      const p = (e as ProblemError).problems[0];
      assert.strictEqual(formatProblem(p), 'model.sar.json:4:20: error: unknown column "HOVALL" in data.csv; did you mean "HOVAL"?');
      assert.strictEqual(p.code, 'unknown-column');
      assert.strictEqual(p.suggestion, 'HOVAL');
    }
  });
});

/**
 * A file without quotes takes the fast path (io/csvIndex): the same table, numbers and problems
 * as papaparse's path, which any quote in the file forces — here a quoted last header name.
 */
suite('io: parseCsv fast path (quote-free files)', () => {
  const bothPaths = (body: string, nl = '\n') => {
    const lines = body.split('\n');
    const header = lines.findIndex((l) => l.trim() !== '');
    const withColumn = (name: string) => lines.map((l, i) => (i === header ? `${l},${name}` : i < header || l.trim() === '' ? l : `${l},0`)).join(nl);
    const fast = parseCsv(withColumn('q'), 'f.csv');
    const full = parseCsv(withColumn('"q"'), 'f.csv');
    assert.ok(fast.source, 'the quote-free file is indexed');
    assert.strictEqual(full.source, undefined);
    return { fast, full };
  };
  const outcome = (f: () => Float64Array) => {
    try {
      return Array.from(f());
    } catch (e) {
      if (e instanceof ProblemError) return e.problems;
      throw e;
    }
  };

  test('the same columns, cells, lines and header places as the full path, with CRLF, blank lines and padded names', () => {
    for (const nl of ['\n', '\r\n']) {
      const { fast, full } = bothPaths('\n  \n id , x,y\n1,2,3\n\n   \n4,5,6\n7, 8 ,9\n\n', nl);
      assert.deepStrictEqual(fast.columns, full.columns);
      assert.deepStrictEqual(fast.cells, full.cells);
      assert.deepStrictEqual(Array.from(fast.lineOfRow), Array.from(full.lineOfRow));
      assert.strictEqual(fast.headerLine, full.headerLine);
      assert.deepStrictEqual(Array.from(fast.headerColumns!).slice(0, 3), Array.from(full.headerColumns!).slice(0, 3));
      assert.strictEqual(fast.nrows, 3);
    }
  });

  test('numbers of every shape convert exactly as Number() does', () => {
    const rng = (() => { let s = 7; return () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31; })();
    const cells = ['0', '-0', '+5', '5.', '.5', '-.5', '007.25', '1e5', '1E+5', '2.5e-3', ' 4 ', '\t4.5\t', '1e22', '1e23', '123456789012345', '1234567890123456',
      '12345678901234567890', '0.1', '0.30000000000000004', '9007199254740993', '1e-400', '4.9e-324', '1.7976931348623157e308', '1e0000005', '\u00a03\u00a0'];
    for (let i = 0; i < 3000; i++) {
      const v = (rng() - 0.5) * 10 ** Math.floor(rng() * 40 - 20);
      cells.push(String(v), v.toFixed(Math.floor(rng() * 8)), v.toPrecision(1 + Math.floor(rng() * 17)), v.toExponential(Math.floor(rng() * 16)));
    }
    const { fast, full } = bothPaths(`id,v\n${cells.map((c, i) => `${i},${c}`).join('\n')}`);
    const values = numericColumn(fast, 'v');
    assert.deepStrictEqual(Array.from(values), Array.from(numericColumn(full, 'v')));
    cells.forEach((c, i) => assert.ok(Object.is(values[i], Number(c)), `${JSON.stringify(c)}: ${values[i]} vs ${Number(c)}`));
  });

  test('bad cells: the same problems at the same places (messages, lines, columns) as the full path', () => {
    const body = 'name,v,w\nalpha,1,NA\n\nbeta gamma, 2 ,\ndelta,1e999,x\nε,0x10, 3\n';
    for (const nl of ['\n', '\r\n']) {
      const { fast, full } = bothPaths(body, nl);
      for (const c of ['v', 'w', 'name']) assert.deepStrictEqual(outcome(() => numericColumn(fast, c)), outcome(() => numericColumn(full, c)));
    }
    const fast = parseCsv('a;b;q\n1,5;x;0\n2;1,,5;0\n', 'eu.csv');
    const full = parseCsv('a;b;"q"\n1,5;x;0\n2;1,,5;0\n', 'eu.csv');
    assert.ok(fast.source);
    assert.deepStrictEqual(outcome(() => numericColumn(fast, 'b')), outcome(() => numericColumn(full, 'b')));
    assert.deepStrictEqual(outcome(() => numericColumn(fast, 'a')), [1.5, 2]);
  });

  test('decimal commas in semicolon files, and files the fast path leaves to the full one', () => {
    const t = parseCsv('x;y\n1,5;2\n-3,25;4e1\n', 'eu.csv');
    assert.ok(t.source);
    assert.deepStrictEqual(Array.from(numericColumn(t, 'x')), [1.5, -3.25]);
    for (const text of ['a,b\n1,2,3\n', 'a,b\n1\n', 'a,a\n1,2\n', 'a\n1\n', 'a,b\n1,2\r\n3,4\n', 'a,b\r\n1,2\n3,4\r\n', 'a,b\r1,2\r']) {
      let table;
      try {
        table = parseCsv(text, 'x.csv');
      } catch (e) {
        if (!(e instanceof ProblemError)) throw e;
      }
      assert.strictEqual(table?.source, undefined, JSON.stringify(text));
    }
  });
});

suite('io: decodeText (every file the engine reads)', () => {
  const utf16be = (t: string) => Buffer.from(t, 'utf16le').swap16();

  test('UTF-8 with or without BOM; UTF-16 LE and BE with BOM, or without one when every other byte is zero', () => {
    const text = 'x,é\n1,2\n';
    assert.strictEqual(decodeText(Buffer.from(text, 'utf8'), 'a.csv'), text);
    assert.strictEqual(decodeText(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]), 'a.csv'), text);
    assert.strictEqual(decodeText(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]), 'b.csv'), text);
    assert.strictEqual(decodeText(Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(text)]), 'c.csv'), text);
    assert.strictEqual(decodeText(Buffer.from(text, 'utf16le'), 'd.csv'), text);
    assert.strictEqual(decodeText(utf16be(text), 'e.csv'), text);
    assert.deepStrictEqual(detectEncoding(Buffer.from('id,x\n1,2\n')), { encoding: 'utf8', bom: 0 });
  });

  test('an odd trailing byte of UTF-16 is dropped, not an error', () => {
    assert.strictEqual(decodeText(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('ab', 'utf16le'), Buffer.from([0x41])]), 'f.csv'), 'ab');
  });
});

suite('io: parseCsv on hostile input', () => {
  test('a header of a million fields is read, and a row that does not match it located', () => {
    const header = Array.from({ length: 1_000_000 }, (_, i) => `c${i}`).join(',');
    assert.deepStrictEqual(problemsOf(() => parseCsv(`${header}\n1,2\n`, 'wide.csv')), ['wide.csv:2:4: error: row has 2 fields but the header has 1000000 (delimiter: comma)']);
    const t = parseCsv(`${header}\n${header}\n`, 'wide.csv');
    assert.strictEqual(t.columns.length, 1_000_000);
    assert.strictEqual(t.cells[999_999][0], 'c999999');
  });

  test('500,000 duplicate names: 20 problems and one "… and N more"', () => {
    const out = problemsOf(() => parseCsv(`a,${new Array<string>(500_000).fill('a').join(',')}\n`, 'dup.csv'));
    assert.strictEqual(out.length, 21);
    assert.strictEqual(out[20], 'dup.csv:1:43: error: … and 499980 more duplicate column names');
  });

  test('CR-only line ends: bad cells at their line; a quoted cell with line breaks moves later rows down', () => {
    assert.deepStrictEqual(problemsOf(() => numericColumn(parseCsv('a,b\r1,2\r3,x\r5,6\r', 'cr.csv'), 'b')), [
      'cr.csv:3:3: error: column "b", row 2: "x" is not a number; a numeric column needs a number in every row',
    ]);
    assert.deepStrictEqual(problemsOf(() => numericColumn(parseCsv('a,b\n"x\ny\nz",2\n3,q\n', 'q.csv'), 'b')), [
      'q.csv:5:3: error: column "b", row 2: "q" is not a number; a numeric column needs a number in every row',
    ]);
  });

  test('a lone \\r inside a \\n file ends a line for the editor: later rows and cells are located as the editor counts', () => {
    const t = parseCsv('a,b,c\n1,x\ry,3\n4,5,q\n', 'stray.csv');
    assert.deepStrictEqual(t.cells[1], ['x\ry', '5']);
    assert.deepStrictEqual(Array.from(t.lineOfRow), [2, 4]);
    assert.deepStrictEqual(cellLocation(t, 0, 2), { line: 3, column: 3 });
    assert.deepStrictEqual(problemsOf(() => numericColumn(t, 'c')), ['stray.csv:4:5: error: column "c", row 2: "q" is not a number; a numeric column needs a number in every row']);
    // And a \r\n inside a \r file is one line end.
    const cr = parseCsv('a,b\r1,2\r\n3,x\r', 'cr.csv');
    assert.deepStrictEqual(problemsOf(() => numericColumn(cr, 'b')), ['cr.csv:3:3: error: column "b", row 2: "x" is not a number; a numeric column needs a number in every row']);
  });

  test('a quote that is never closed: the short row is located at the end of its last field, not past the end of a line', () => {
    const out = problemsOf(() => parseCsv('a,b,c\n1,"2,3\n4,5,6\n', 'open.csv'));
    assert.deepStrictEqual(out, [
      'open.csv:2:3: error: quoted field is never closed (a closing " is missing)',
      'open.csv:4:1: error: row has 2 fields but the header has 3 (delimiter: comma)',
    ]);
  });

  test('a megabyte of digits that is not a number fails fast (no quadratic backtracking)', () => {
    const cell = '1'.repeat(1_000_000) + 'x';
    const [p] = problemsOf(() => numericColumn(parseCsv(`v\n${cell}\n`, 'big.csv'), 'v'));
    assert.match(p, /^big\.csv:2:1: error: column "v", row 1: "1{40}…" is not a number/);
  });
});
