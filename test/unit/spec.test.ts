import * as assert from 'assert';
import { checkColumns, parseSpec } from '../../src/core/spec/parse';
import { MAX_JSON_DEPTH, parseLooseJson } from '../../src/core/spec/json';
import { specFiles } from '../../src/extension/specData';
import { applyTransform, parseTerm } from '../../src/core/spec/terms';
import { nearestName } from '../../src/core/problems';

const FILE = 'model.sar.json';
const base = {
  data: 'data.csv',
  dependent: 'CRIME',
  independent: ['INC', 'HOVAL'],
  weights: { type: 'gal', path: 'w.gal' },
};

suite('spec: parsing .sar.json', () => {
  test('a minimal spec gets the documented defaults', () => {
    const { spec, problems } = parseSpec(JSON.stringify(base), FILE);
    assert.deepStrictEqual(problems, []);
    assert.ok(spec);
    assert.strictEqual(spec.model, 'lag');
    assert.strictEqual(spec.logdet, 'auto');
    assert.strictEqual(spec.se, 'asymptotic');
    assert.strictEqual(spec.intercept, true);
    assert.deepStrictEqual(spec.weights, { type: 'gal', path: 'w.gal', idColumn: undefined, style: 'W', allowIslands: false });
    assert.deepStrictEqual(spec.impacts, { draws: 1000, seed: 1 });
  });

  test('every weights type is accepted with its parameters', () => {
    const cases = [
      { type: 'gwt', path: 'w.gwt', idColumn: 'id', style: 'B' },
      { type: 'knn', k: 6, coordinates: ['lon', 'lat'], distance: 'greatCircle' },
      { type: 'distance', threshold: 50, coordinates: ['x', 'y'], inversePower: 2, style: 'C' },
      { type: 'contiguity', geometry: 'map.geojson', criterion: 'rook', idProperty: 'id', idColumn: 'id', allowIslands: true },
    ];
    for (const weights of cases) {
      const { spec, problems } = parseSpec(JSON.stringify({ ...base, weights }), FILE);
      assert.deepStrictEqual(problems, [], JSON.stringify(weights));
      assert.strictEqual(spec?.weights.type, weights.type);
    }
  });

  test('a JSON syntax error is reported at its line and column', () => {
    const text = '{\n  "data": "a.csv",\n  "dependent": \n}';
    const { spec, problems } = parseSpec(text, FILE);
    assert.strictEqual(spec, undefined);
    assert.strictEqual(problems[0].severity, 'error');
    assert.match(problems[0].message, /invalid JSON/);
    assert.strictEqual(problems[0].range?.line, 4);
    assert.strictEqual(problems[0].file, FILE);
  });

  test('a wrong value is reported at the exact range of that value', () => {
    const text = JSON.stringify({ ...base, model: 'lagg' }, null, 2);
    const { problems } = parseSpec(text, FILE);
    assert.strictEqual(problems.length, 1);
    assert.match(problems[0].message, /"model" must be one of .*did you mean "lag"\?/);
    const line = text.split('\n').findIndex((l) => l.includes('"lagg"')) + 1;
    assert.strictEqual(problems[0].range?.line, line);
    assert.strictEqual(problems[0].range?.column, text.split('\n')[line - 1].indexOf('"lagg"') + 1);
    assert.strictEqual(problems[0].suggestion, 'lag');
  });

  test('missing fields and bad weights parameters are named', () => {
    const { problems } = parseSpec(JSON.stringify({ data: 'd.csv', independent: 'INC', weights: { type: 'knn', k: 0 } }), FILE);
    const messages = problems.map((p) => p.message).join('\n');
    assert.match(messages, /missing field "dependent"/);
    assert.match(messages, /"independent" must be an array/);
    assert.match(messages, /"weights.k" must be a positive integer/);
    assert.match(messages, /missing field "weights.coordinates"/);
  });

  test('unknown top-level fields are errors with a suggestion', () => {
    const { problems } = parseSpec(JSON.stringify({ ...base, indepedent: [] }), FILE);
    assert.strictEqual(problems.length, 1);
    assert.match(problems[0].message, /unknown field "indepedent"; did you mean "independent"\?/);
  });

  test('the dependent variable cannot also be a regressor', () => {
    const { problems } = parseSpec(JSON.stringify({ ...base, independent: ['INC', 'CRIME'] }), FILE);
    assert.match(problems[0].message, /"CRIME" is the dependent variable/);
  });

  test('unknown columns are reported where the spec names them, with the nearest column', () => {
    const text = JSON.stringify({ ...base, independent: ['INC', 'HOVL'] }, null, 2);
    const parsed = parseSpec(text, FILE);
    assert.ok(parsed.spec);
    const problems = checkColumns(parsed.spec, parsed, ['id', 'CRIME', 'INC', 'HOVAL'], FILE);
    assert.strictEqual(problems.length, 1);
    assert.match(problems[0].message, /unknown column "HOVL" \(regressor\).*did you mean "HOVAL"\?/);
    assert.strictEqual(problems[0].suggestion, 'HOVAL');
    const line = text.split('\n').findIndex((l) => l.includes('"HOVL"')) + 1;
    assert.strictEqual(problems[0].range?.line, line);
  });

  const lineOf = (text: string, needle: string, nth = 0) => {
    let at = -1;
    for (let i = 0; i <= nth; i++) at = text.indexOf(needle, at + 1);
    return text.slice(0, at).split('\n').length;
  };

  test('a duplicate key is an error at its second occurrence, at any level', () => {
    const text = '{\n "data": "d.csv",\n "dependent": "CRIME",\n "independent": ["INC"],\n "model": "lag",\n "weights": {"type": "gal", "path": "w.gal",\n   "path": "x.gal"},\n "model": "error"\n}';
    const { spec, problems } = parseSpec(text, FILE);
    assert.strictEqual(spec, undefined);
    assert.deepStrictEqual(problems.map((p) => [p.range?.line, p.code]), [[7, 'json-duplicate-key'], [8, 'json-duplicate-key']]);
    assert.match(problems[1].message, /duplicate key "model" \(first at line 5, column 2\)/);
  });

  test('unknown keys inside nested objects are errors with the nearest field, as at the top level', () => {
    const cases: [Record<string, unknown>, RegExp, string][] = [
      [{ ...base, weights: { type: 'knn', k: 4, coordinates: ['x', 'y'], distanse: 'euclidean' } }, /unknown field "weights.distanse"; did you mean "weights.distance"\?/, 'distance'],
      [{ ...base, impacts: { draw: 10 } }, /unknown field "impacts.draw"; did you mean "impacts.draws"\?/, 'draws'],
      [{ ...base, geometry: { path: 'm.geojson', idProp: 'id' } }, /unknown field "geometry.idProp"; did you mean "geometry.idProperty"\?/, 'idProperty'],
    ];
    for (const [spec, re, suggestion] of cases) {
      const { problems } = parseSpec(JSON.stringify(spec), FILE);
      assert.strictEqual(problems.length, 1, JSON.stringify(problems));
      assert.match(problems[0].message, re);
      assert.strictEqual(problems[0].code, 'spec-unknown-field');
      assert.strictEqual(problems[0].suggestion, suggestion);
    }
  });

  test('a parameter of another weights type is named as such', () => {
    const { problems } = parseSpec(JSON.stringify({ ...base, weights: { type: 'gal', path: 'w.gal', k: 4 } }), FILE);
    assert.strictEqual(problems.length, 1);
    assert.match(problems[0].message, /"weights.k" is not a parameter of "gal" weights \(it belongs to "knn", "kernel"\)/);
  });

  test('the weights options: symmetric kNN, higher orders, the minimum threshold, kernels', () => {
    const ok = [
      { type: 'knn', k: 4, coordinates: ['x', 'y'], symmetric: true, order: 2, cumulative: true },
      { type: 'distance', threshold: 'minimum', coordinates: ['x', 'y'] },
      { type: 'kernel', coordinates: ['x', 'y'], function: 'quartic', bandwidth: 'fixed', k: 6, diagonal: 'one' },
      { type: 'kernel', coordinates: ['x', 'y'], bandwidth: 2.5 },
      { type: 'contiguity', geometry: 'm.geojson', order: 2 },
    ];
    for (const weights of ok) assert.deepStrictEqual(parseSpec(JSON.stringify({ ...base, weights }), FILE).problems, [], JSON.stringify(weights));
    const spec = parseSpec(JSON.stringify({ ...base, weights: { type: 'kernel', coordinates: ['x', 'y'], k: 6 } }), FILE).spec!;
    assert.deepStrictEqual(spec.weights, { type: 'kernel', coordinates: ['x', 'y'], distance: 'euclidean', function: 'triangular', bandwidth: 'adaptive', k: 6, diagonal: 'kernel', style: 'W', allowIslands: false, idColumn: undefined });
    const bad: [unknown, RegExp][] = [
      [{ type: 'kernel', coordinates: ['x', 'y'] }, /kernel weights need a "bandwidth"/],
      [{ type: 'kernel', coordinates: ['x', 'y'], bandwidth: 'fixed' }, /a "fixed" bandwidth is set by the k-th neighbour's distance: add "k"/],
      [{ type: 'distance', threshold: 'minimal', coordinates: ['x', 'y'] }, /"weights.threshold" must be a positive number or "minimum"; did you mean "minimum"\?/],
      [{ type: 'distance', threshold: 2, coordinates: ['x', 'y'], inversePower: 1, order: 2 }, /higher-order neighbours are defined for binary neighbours/],
      [{ type: 'gwt', path: 'w.gwt', order: 2 }, /"weights.order" is not a parameter of "gwt" weights/],
      [{ type: 'kernel', coordinates: ['x', 'y'], bandwidth: 1, function: 'epanechnikov' }, /"weights.function" must be one of/],
    ];
    for (const [weights, re] of bad) assert.match(parseSpec(JSON.stringify({ ...base, weights }), FILE).problems.map((p) => p.message).join('\n'), re);
  });

  test('wrong-typed nested fields are errors at the value', () => {
    const cases = [[5, /"impacts" must be an object/, '"impacts"'], ['none', /"impacts" must be an object/, '"impacts"'],
      [{ draws: -1 }, /"impacts.draws" must be an integer from 0 to 100000/, '"draws"'], [{ seed: 1.5 }, /"impacts.seed" must be an integer/, '"seed"']] as const;
    for (const [impacts, re, at] of cases) {
      const text = JSON.stringify({ ...base, impacts }, null, 2);
      const { spec, problems } = parseSpec(text, FILE);
      assert.strictEqual(spec, undefined, JSON.stringify(impacts));
      assert.match(problems[0].message, re);
      assert.strictEqual(problems[0].range?.line, lineOf(text, at));
    }
    const { problems } = parseSpec(JSON.stringify({ ...base, geometry: 7 }), FILE);
    assert.match(problems[0].message, /"geometry" must be a GeoJSON path or \{"path", "idProperty", "idColumn"\}/);
  });

  test(`nesting deeper than ${MAX_JSON_DEPTH} levels is refused where it happens, without recursion`, () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    for (const text of [`{"title": ${deep}}`, '{\n"data": ' + '['.repeat(100_000), `{"weights": ${'{"a":'.repeat(50_000)}1${'}'.repeat(50_000)}}`]) {
      const t0 = Date.now();
      const { spec, problems } = parseSpec(text, FILE);
      assert.ok(Date.now() - t0 < 5000, "linear time");
      assert.strictEqual(spec, undefined);
      assert.strictEqual(problems.length, 1);
      assert.strictEqual(problems[0].code, 'json-too-deep');
      assert.match(problems[0].message, /deeper than 64 levels/);
      assert.ok(problems[0].range!.column > 1);
    }
    // Brackets inside strings and comments do not count.
    const ok = JSON.stringify({ ...base, title: '['.repeat(1000) }).replace('{', '{ /* [[[[ */ ');
    assert.ok(parseSpec(ok, FILE).spec);
  });

  test('the editor\'s tolerant reads of a spec (files it names, title, hovers) give up beyond the depth limit instead of overflowing the stack', () => {
    const deep = `{"title": ${'['.repeat(100_000)}${']'.repeat(100_000)}, "data": "d.csv"}`;
    assert.strictEqual(parseLooseJson(deep), undefined);
    assert.deepStrictEqual(specFiles(deep, '/w/m.sar.json'), {});
    // Within the limit, half-typed text with a BOM, comments and a trailing comma reads as far as it goes.
    assert.deepStrictEqual(parseLooseJson('\uFEFF{"data": "d.csv", // the data\n "weights": {"path": "w.gal",}, "model": '), { data: 'd.csv', weights: { path: 'w.gal' } });
    assert.deepStrictEqual(specFiles(`{"title": ${'['.repeat(MAX_JSON_DEPTH - 1)}${']'.repeat(MAX_JSON_DEPTH - 1)}, "data": "d.csv"}`, '/w/m.sar.json').data, '/w/d.csv');
  });

  test('a flood of syntax errors is a few problems and a count', () => {
    const { problems } = parseSpec('{' + ' ,'.repeat(100_000) + '}', FILE);
    assert.strictEqual(problems.length, 21, 'the first 20 and a count');
    assert.match(problems[20].message, /^… and \d+ more JSON syntax errors$/);
    assert.strictEqual(problems[20].code, 'json-syntax');
  });

  test('lines end at LF, CRLF or a lone CR (as the editor counts them)', () => {
    for (const eol of ['\n', '\r\n', '\r']) {
      const text = ['{', '"data": "d.csv",', '"dependent": "CRIME",', '"independent": ["INC"],', '"model": "lagg",', '"weights": {"type": "gal", "path": "w.gal"}', '}'].join(eol);
      const { problems } = parseSpec(text, FILE);
      assert.deepStrictEqual(problems.map((p) => [p.range?.line, p.range?.column]), [[5, 10]], JSON.stringify(eol));
    }
  });

  test('"did you mean" does bounded work against huge names and millions of candidates', () => {
    const huge = 'x'.repeat(50 * 2 ** 20);
    const many = Array.from({ length: 2_000_000 }, (_, i) => `c${i}`.padEnd(40, 'z'));
    const t0 = Date.now();
    assert.strictEqual(nearestName('HOVALL', [huge, 'HOVAL']), 'HOVAL');
    assert.strictEqual(nearestName(huge, ['HOVAL']), undefined);
    nearestName('q'.repeat(40), many);
    assert.ok(Date.now() - t0 < 5000, `${Date.now() - t0} ms`);
  });

  test('transforms in the dependent and independent variables: parsed, named as R names them', () => {
    assert.deepStrictEqual(parseTerm('log(HOVAL)'), { text: 'log(HOVAL)', column: 'HOVAL', transform: 'log', label: 'log(HOVAL)' });
    assert.deepStrictEqual(parseTerm(' sqrt( HOVAL ) '), { text: ' sqrt( HOVAL ) ', column: 'HOVAL', transform: 'sqrt', label: 'sqrt(HOVAL)' });
    assert.strictEqual(parseTerm('HOVAL^2').label, 'I(HOVAL^2)');
    assert.strictEqual(parseTerm('I(HOVAL^2)').column, 'HOVAL');
    assert.strictEqual(parseTerm('scale(INC)').transform, 'scale');
    assert.strictEqual(parseTerm('log(median income)').label, 'log(`median income`)');
    assert.deepStrictEqual(parseTerm('log(x)', ['log(x)', 'x']), { text: 'log(x)', column: 'log(x)', label: 'log(x)' }, 'a column of that name wins');
    assert.strictEqual(parseTerm('exp(x)').column, 'exp(x)', 'not a transform: a column name');
    const { spec, problems } = parseSpec(JSON.stringify({ ...base, dependent: 'log(CRIME)', independent: ['INC', 'log(HOVAL)', 'HOVAL^2'] }), FILE);
    assert.deepStrictEqual(problems, []);
    assert.deepStrictEqual(spec?.independent, ['INC', 'log(HOVAL)', 'HOVAL^2']);
  });

  test('the same term twice, or a term of the dependent variable, is an error', () => {
    let { problems } = parseSpec(JSON.stringify({ ...base, independent: ['HOVAL^2', 'I(HOVAL^2)'] }), FILE);
    assert.match(problems[0].message, /regressor "I\(HOVAL\^2\)" is listed twice/);
    ({ problems } = parseSpec(JSON.stringify({ ...base, independent: ['INC', 'log(CRIME)'] }), FILE));
    assert.match(problems[0].message, /computed from the dependent variable's column "CRIME"/);
  });

  test('an unknown column inside a transform is reported with the corrected term as the fix', () => {
    const parsed = parseSpec(JSON.stringify({ ...base, independent: ['INC', 'log(HOVL)'] }), FILE);
    const problems = checkColumns(parsed.spec!, parsed, ['CRIME', 'INC', 'HOVAL'], FILE);
    assert.strictEqual(problems.length, 1);
    assert.match(problems[0].message, /unknown column "HOVL" \(regressor "log\(HOVL\)"\)/);
    assert.strictEqual(problems[0].suggestion, 'log(HOVAL)');
  });

  test('transforms of values: log and sqrt refuse values outside their domain, scale is R\'s', () => {
    assert.deepStrictEqual(applyTransform(Float64Array.of(1, 0, 2), 'log'), { badRow: 1 });
    assert.deepStrictEqual(applyTransform(Float64Array.of(1, -1), 'sqrt'), { badRow: 1 });
    assert.deepStrictEqual(applyTransform(Float64Array.of(1e200), 'square'), { badRow: 0 });
    assert.deepStrictEqual(applyTransform(Float64Array.of(3, 3), 'scale'), { badRow: 0 });
    const r = applyTransform(Float64Array.of(1, 2, 3, 10), 'scale') as { values: Float64Array };
    // R: scale(c(1, 2, 3, 10)) = (x − 4) / sd, sd = sqrt(50/3)
    const sd = Math.sqrt(50 / 3);
    [1, 2, 3, 10].forEach((x, i) => assert.ok(Math.abs(r.values[i] - (x - 4) / sd) < 1e-15));
    const big = applyTransform(Float64Array.of(1e308, -1e308, 5e307), 'scale') as { values: Float64Array };
    assert.ok(big.values.every(Number.isFinite), 'no overflow near the largest doubles');
  });
});
