import * as assert from 'assert';
import { scanJson } from '../../src/core/io/jsonScan';
import { capEachKind, ProblemList } from '../../src/core/io/problemList';
import { TextPositions } from '../../src/core/io/textPosition';
import { parseGeoJson } from '../../src/core/io/geojson';
import { error, formatProblem } from '../../src/core/problems';
import { rng } from '../corpus/generate';
import { problemsOf } from '../helpers/problems';

suite('io: the iterative JSON scanner', () => {
  test('accepts exactly what JSON.parse accepts (200,000 seeded mutations of JSON texts)', () => {
    const samples = ['{"a":[1,2,{"b":null}],"c":"x\\u0041\\n","d":-0.5e+3,"e":true,"f":false}', '[]', '{}', '"s"', '0', '[1,[2,[3]]]', '{"k":{"k":{"k":[]}}}'];
    const chars = '{}[],:"\\ \n\t0123456789-+.eEtrufalsnx\u0001';
    const r = rng(5);
    let checked = 0;
    for (let it = 0; it < 200_000; it++) {
      let s = samples[Math.floor(r() * samples.length)];
      for (let m = 1 + Math.floor(r() * 3); m > 0; m--) {
        const i = Math.floor(r() * (s.length + 1));
        const c = chars[Math.floor(r() * chars.length)];
        const op = r();
        s = op < 0.4 ? s.slice(0, i) + c + s.slice(i) : op < 0.7 ? s.slice(0, i) + s.slice(i + 1) : s.slice(0, i) + c + s.slice(i + 1);
      }
      let ok = true;
      try {
        JSON.parse(s);
      } catch {
        ok = false;
      }
      assert.strictEqual(!scanJson(s).fault, ok, JSON.stringify(s));
      checked++;
    }
    assert.strictEqual(checked, 200_000);
  });

  test('100,000 nested or unclosed brackets: a fault with its offset, not a stack overflow', () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    assert.strictEqual(scanJson(deep).fault, undefined, 'no limit given: fine');
    assert.deepStrictEqual(scanJson(deep, { maxDepth: 64 }).fault, { offset: 64, length: 1, message: 'arrays and objects nest deeper than 64 levels here', code: 'json-depth' });
    assert.deepStrictEqual(scanJson('['.repeat(100_000)).fault, { offset: 99_999, length: 1, message: 'the [ here is never closed (the text ends first)', code: 'json-syntax' });
    assert.strictEqual(scanJson('{"a": [1, 2}').fault?.message, 'expected "," or "]"');
    assert.strictEqual(scanJson('[1,]').fault?.message, 'trailing comma before the closing bracket');
    assert.strictEqual(scanJson('{"a":1,}').fault?.message, 'trailing comma before "}"');
    assert.strictEqual(scanJson('').fault?.message, 'empty text: expected a JSON value');
  });

  test('finds the value at a path, or its deepest existing ancestor, by offset and length', () => {
    const doc = '{"features": [ {"a": 1}, {"geometry": {"coordinates": [[1,2],[3, 4]]}, "p\\u0051": 5} ]}';
    const at = (path: (string | number)[]) => {
      const f = scanJson(doc, { path }).found!;
      return [doc.slice(f.offset, f.offset + f.length), f.depth];
    };
    assert.deepStrictEqual(at(['features', 1, 'geometry', 'coordinates', 1]), ['[3, 4]', 5]);
    assert.deepStrictEqual(at(['features', 0, 'a']), ['1', 3]);
    assert.deepStrictEqual(at(['features', 1, 'pQ']), ['5', 3], 'keys are compared unescaped');
    assert.deepStrictEqual(at(['features', 0, 'properties', 'id']), ['{"a": 1}', 2], 'missing: the nearest ancestor');
    assert.deepStrictEqual(at([]), [doc, 0]);
  });
});

suite('io: text positions', () => {
  test('lines end at \\n, \\r\\n or a lone \\r; columns count UTF-16 code units', () => {
    const t = new TextPositions('ab\ncd\r\nef\rgh');
    assert.deepStrictEqual([0, 2, 3, 5, 7, 9, 10, 11].map((o) => t.at(o)), [
      { line: 1, column: 1 }, { line: 1, column: 3 }, { line: 2, column: 1 }, { line: 2, column: 3 },
      { line: 3, column: 1 }, { line: 3, column: 3 }, { line: 4, column: 1 }, { line: 4, column: 2 },
    ]);
    assert.deepStrictEqual(t.range(7, 2), { line: 3, column: 1, endLine: 3, endColumn: 3 });
    assert.deepStrictEqual(t.range(1, 4), { line: 1, column: 2 }, 'a range over a line end has no end');
  });

  test('a GeoJSON with CR-only line ends points at the right line', () => {
    const text = '{\r"type": "FeatureCollection",\r"features": [\r{"type": "Feature", "properties": {}, "geometry": {"type": "Point", "coordinates": [1]}}\r]}';
    assert.deepStrictEqual(problemsOf(() => parseGeoJson(text, 'cr.geojson')), [
      'cr.geojson:4:84: error: feature 0: a Point needs coordinates [x, y] with finite numbers',
    ]);
  });
});

suite('io: problem lists', () => {
  test('the first 20 problems of a kind, then one "… and N more" at the first one left out', () => {
    const list = new ProblemList();
    for (let i = 1; i <= 500_000; i++) list.add('dup', () => error(`duplicate ${i}`, 'a.csv', { line: 1, column: i }, 'dup'), (n) => `${n} more duplicates`);
    list.add('other', () => error('another kind', 'a.csv', { line: 2, column: 1 }, 'other'));
    const out = list.finish().map(formatProblem);
    assert.strictEqual(out.length, 22);
    assert.strictEqual(out[19], 'a.csv:1:20: error: duplicate 20');
    assert.strictEqual(out[20], 'a.csv:1:21: error: … and 499980 more duplicates');
    assert.strictEqual(out[21], 'a.csv:2:1: error: another kind');
    assert.strictEqual(list.count('dup'), 500_000);
  });

  test('capEachKind does the same to a finished list', () => {
    const many = Array.from({ length: 100 }, (_, i) => error(`p${i}`, 's.json', { line: i + 1, column: 1 }, 'spec-duplicate-key'));
    const out = capEachKind(many);
    assert.strictEqual(out.length, 21);
    assert.strictEqual(formatProblem(out[20]), 's.json:21:1: error: … and 80 more problems like the ones above (spec-duplicate-key)');
  });
});
