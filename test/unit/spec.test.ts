import * as assert from 'assert';
import { checkColumns, parseSpec } from '../../src/core/spec/parse';

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
});
