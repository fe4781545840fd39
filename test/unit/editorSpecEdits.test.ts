import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { minimalEdit, setField, setPath, setRole, appendToArray, removeFromArray, guessCoordinates } from '../../src/extension/specEditor/specEdits';
import { fieldAt, parseSpecObject, specFormState } from '../../src/extension/specEditor/specState';
import { columnRoles, modelColumns } from '../../src/core/spec/roles';

const ROOT = path.resolve(__dirname, '../../..');
const COLUMBUS = fs.readFileSync(path.join(ROOT, 'examples/columbus/columbus.sar.json'), 'utf8');
const COLUMNS = fs.readFileSync(path.join(ROOT, 'examples/columbus/data.csv'), 'utf8').split('\n')[0].split(',');

function ok(r: { text: string } | { error: string }): string {
  if ('error' in r) assert.fail(r.error);
  return r.text;
}

/** Everything outside the one changed span is byte-identical. */
function assertMinimal(before: string, after: string, expectedContent: RegExp): void {
  const e = minimalEdit(before, after);
  assert.ok(e, 'expected a change');
  assert.match(e.content, expectedContent);
  assert.strictEqual(before.slice(0, e.offset) + e.content + before.slice(e.offset + e.length), after);
}

suite('editor: spec edits keep the user\'s formatting', () => {
  test('a regressor is appended inside a one-line array', () => {
    const after = ok(setRole(COLUMBUS, 'OPEN', 'regressor', COLUMNS));
    assert.match(after, /"independent": \["INC", "HOVAL", "OPEN"\],/);
    assertMinimal(COLUMBUS, after, /^, "OPEN"$/);
    assert.deepStrictEqual(specFormState(after).independent, ['INC', 'HOVAL', 'OPEN']);
  });

  test('a regressor is appended on its own line in a multi-line array, with the same indentation', () => {
    const text = '{\n  "data": "d.csv",\n  "independent": [\n    "A",\n    "B"\n  ]\n}\n';
    const after = appendToArray(text, ['independent'], 'C');
    assert.strictEqual(after, '{\n  "data": "d.csv",\n  "independent": [\n    "A",\n    "B",\n    "C"\n  ]\n}\n');
  });

  test('removing a regressor removes it and its comma only (first, middle, last, only)', () => {
    const t = '{ "independent": ["A", "B", "C"] }';
    assert.strictEqual(removeFromArray(t, ['independent'], 'A'), '{ "independent": ["B", "C"] }');
    assert.strictEqual(removeFromArray(t, ['independent'], 'B'), '{ "independent": ["A", "C"] }');
    assert.strictEqual(removeFromArray(t, ['independent'], 'C'), '{ "independent": ["A", "B"] }');
    assert.strictEqual(removeFromArray('{ "independent": ["A"] }', ['independent'], 'A'), '{ "independent": [] }');
    const multi = '{\n  "independent": [\n    "A",\n    "B"\n  ]\n}';
    assert.strictEqual(removeFromArray(multi, ['independent'], 'A'), '{\n  "independent": [\n    "B"\n  ]\n}');
  });

  test('"none" on a regressor removes it; on the dependent or a needed coordinate it is refused', () => {
    const after = ok(setRole(COLUMBUS, 'HOVAL', 'none', COLUMNS));
    assert.match(after, /"independent": \["INC"\],/);
    const r = setRole(COLUMBUS, 'CRIME', 'none', COLUMNS);
    assert.ok('error' in r && /dependent/.test(r.error));
    const knn = '{ "dependent": "y", "independent": [], "weights": { "type": "knn", "k": 4, "coordinates": ["x", "y2"] } }';
    const r2 = setRole(knn, 'x', 'none', ['x', 'y', 'y2']);
    assert.ok('error' in r2 && /coordinate/.test(r2.error));
  });

  test('making a regressor the dependent moves it out of the regressors', () => {
    const after = ok(setRole(COLUMBUS, 'INC', 'dependent', COLUMNS));
    const f = specFormState(after);
    assert.strictEqual(f.dependent, 'INC');
    assert.deepStrictEqual(f.independent, ['HOVAL']);
  });

  test('the dependent cannot also be a regressor; an unknown column is refused', () => {
    const r = setRole(COLUMBUS, 'CRIME', 'regressor', COLUMNS);
    assert.ok('error' in r && /dependent/.test(r.error));
    const r2 = setRole(COLUMBUS, 'NOPE', 'regressor', COLUMNS);
    assert.ok('error' in r2 && /not a column/.test(r2.error));
  });

  test('id role sets weights.idColumn and geometry.idColumn in place', () => {
    const after = ok(setRole(COLUMBUS, 'POLYID', 'id', COLUMNS));
    assert.match(after, /"weights": \{ "type": "gal", "path": "weights.gal", "idColumn": "POLYID", "style": "W" \},/);
    assert.match(after, /"geometry": \{ "path": "geometry.geojson", "idProperty": "POLYID", "idColumn": "POLYID" \}/);
    assert.strictEqual(after.split('\n').length, COLUMBUS.split('\n').length);
  });

  test('coordinates are refused for GAL weights and set for kNN', () => {
    const r = setRole(COLUMBUS, 'x', 'coordX', COLUMNS);
    assert.ok('error' in r && /kNN/.test(r.error));
    const knn = ok(setField(COLUMBUS, 'weights.type', 'knn', COLUMNS));
    assert.match(knn, /"weights": \{ "type": "knn", "idColumn": "id", "style": "W", "k": 6, "coordinates": \["x", "y"\] \},/);
    const swapped = ok(setRole(knn, 'X', 'coordX', COLUMNS));
    assert.deepStrictEqual(specFormState(swapped).weights.coordinates, ['X', 'y']);
    assert.deepStrictEqual(columnRoles(specFormState(swapped), 'X'), ['coordX']);
    assert.deepStrictEqual(modelColumns(specFormState(swapped)), ['CRIME', 'INC', 'HOVAL', 'X', 'y']);
  });

  test('scalar fields are replaced where they are; missing ones are added at the end of their object', () => {
    const after = ok(setField(COLUMBUS, 'model', 'error', COLUMNS));
    assertMinimal(COLUMBUS, after, /^error$/);
    const withIntercept = ok(setField(COLUMBUS, 'intercept', false, COLUMNS));
    assert.match(withIntercept, /"geometry": \{[^\n]*\},\n  "intercept": false\n\}/);
    const islands = ok(setField(COLUMBUS, 'weights.allowIslands', true, COLUMNS));
    assert.match(islands, /"style": "W", "allowIslands": true \},/);
  });

  test('removing an optional field (null) and nested creation', () => {
    const noId = ok(setField(COLUMBUS, 'weights.idColumn', null, COLUMNS));
    assert.match(noId, /"weights": \{ "type": "gal", "path": "weights.gal", "style": "W" \},/);
    assert.strictEqual(setPath('{}', ['weights', 'k'], 3), '{ "weights": { "k": 3 } }');
    assert.strictEqual(setPath('{\n  "a": 1\n}', ['b'], 'x'), '{\n  "a": 1,\n  "b": "x"\n}');
  });

  test('switching the weights type drops parameters of the old type and adds the new required ones', () => {
    const knn = ok(setField(COLUMBUS, 'weights.type', 'knn', COLUMNS));
    const f = specFormState(knn);
    assert.strictEqual(f.weights.type, 'knn');
    assert.strictEqual(f.weights.path, undefined);
    assert.strictEqual(f.weights.idColumn, 'id', 'the id column stays: it labels the observations');
    const back = ok(setField(knn, 'weights.type', 'gal', COLUMNS));
    assert.strictEqual(specFormState(back).weights.path, 'weights.gal');
    assert.strictEqual(specFormState(back).weights.k, undefined);
    const contiguity = ok(setField(COLUMBUS, 'weights.type', 'contiguity', COLUMNS));
    assert.strictEqual(specFormState(contiguity).weights.geometry, 'map.geojson');
    assert.strictEqual(specFormState(contiguity).weights.idColumn, 'id');
  });

  test('comments and layout elsewhere survive; a syntax error refuses edits', () => {
    const text = '// my model\n{\n  "dependent": "y", // the outcome\n  "model": "lag"\n}\n';
    const after = ok(setField(text, 'model', 'ols', ['y']));
    assert.strictEqual(after, text.replace('"lag"', '"ols"'));
    const r = setField('{ "model": ', 'model', 'ols', []);
    assert.ok('error' in r && /Invalid JSON/.test(r.error));
  });

  test('guessCoordinates and fieldAt', () => {
    assert.deepStrictEqual(guessCoordinates(['id', 'Lon', 'Lat']), ['Lon', 'Lat']);
    assert.strictEqual(guessCoordinates(['a', 'b']), undefined);
    assert.strictEqual(fieldAt(COLUMBUS, 5, 20), 'independent');
    assert.strictEqual(fieldAt(COLUMBUS, 4, 18), 'dependent');
  });
});

suite('spec editor: a spec nested deeper than any spec is read without recursion', () => {
  test('the form state and a field lookup of a 100,000-level spec return (no stack overflow)', () => {
    const deep = '{"model": "lag", "x": ' + '['.repeat(100_000) + ']'.repeat(100_000) + '}';
    assert.match(parseSpecObject(deep).error ?? '', /nests deeper than 64 levels/);
    assert.strictEqual(specFormState(deep).syntaxError, parseSpecObject(deep).error);
    assert.strictEqual(fieldAt(deep, 1, 3), undefined);
  });
});
