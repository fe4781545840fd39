import * as assert from 'assert';
import * as fs from 'fs';
import { parseCsv } from '../../src/core/io/csv';
import { featureShape, featureShapes, joinFeatures, parseGeoJson } from '../../src/core/io/geojson';
import { fixture } from '../helpers/fixtures';
import { problemsOf } from '../helpers/problems';

const square = (x: number, y: number, s = 1): number[][] => [[x, y], [x + s, y], [x + s, y + s], [x, y + s], [x, y]];

function collection(features: unknown[]): string {
  return JSON.stringify({ type: 'FeatureCollection', features }, null, 1);
}

suite('io: GeoJSON', () => {
  test('reads Polygon, MultiPolygon and Point features with ids from a property', () => {
    const text = collection([
      { type: 'Feature', properties: { code: 'A' }, geometry: { type: 'Polygon', coordinates: [square(0, 0, 4), square(1, 1, 1)] } },
      { type: 'Feature', properties: { code: 7 }, geometry: { type: 'MultiPolygon', coordinates: [[square(5, 0)], [square(7, 0)]] } },
      { type: 'Feature', properties: { code: 'P' }, geometry: { type: 'Point', coordinates: [3, 4, 100] } },
    ]);
    const geo = parseGeoJson(text, 'g.geojson', { idProperty: 'code' });
    assert.deepStrictEqual(geo.features.map((f) => [f.id, f.kind, f.rings.length]), [['A', 'polygon', 2], ['7', 'polygon', 2], ['P', 'point', 0]]);
    assert.deepStrictEqual(Array.from(geo.features[1].ringPart), [0, 1]);
    assert.deepStrictEqual(geo.features[2].point, [3, 4]);
    assert.deepStrictEqual(Array.from(geo.features[0].rings[1]), [1, 1, 2, 1, 2, 2, 1, 2, 1, 1]);
  });

  test('without idProperty the id is the 1-based feature number; a Feature-level "id" serves idProperty "id"', () => {
    const feats = [
      { type: 'Feature', id: 10, properties: {}, geometry: { type: 'Point', coordinates: [0, 0] } },
      { type: 'Feature', id: 20, properties: {}, geometry: { type: 'Point', coordinates: [1, 0] } },
    ];
    assert.deepStrictEqual(parseGeoJson(collection(feats), 'g').features.map((f) => f.id), ['1', '2']);
    assert.deepStrictEqual(parseGeoJson(collection(feats), 'g', { idProperty: 'id' }).features.map((f) => f.id), ['10', '20']);
  });

  test('invalid JSON is an error at the offending character', () => {
    assert.deepStrictEqual(problemsOf(() => parseGeoJson('{\n  "type": "FeatureCollection",\n  "features": [}\n', 'bad.geojson')), [
      'bad.geojson:3:16: error: invalid JSON: expected a value',
    ]);
  });

  test('errors name the feature and point at its JSON value', () => {
    const text = collection([
      { type: 'Feature', properties: { id: 1 }, geometry: { type: 'Polygon', coordinates: [square(0, 0)] } },
      { type: 'Feature', properties: { id: 2 }, geometry: { type: 'LineString', coordinates: [[0, 0], [1, 1]] } },
      { type: 'Feature', properties: { name: 'x' }, geometry: { type: 'Polygon', coordinates: [[[0, 0], [1, 'a'], [1, 1], [0, 0]]] } },
      { type: 'Feature', properties: { id: 1 }, geometry: null },
    ]);
    const problems = problemsOf(() => parseGeoJson(text, 'f.geojson', { idProperty: 'id' }));
    assert.strictEqual(problems.length, 4);
    assert.match(problems[0], /^f\.geojson:\d+:\d+: error: feature 1: geometry type "LineString" is not supported/);
    assert.match(problems[1], /^f\.geojson:\d+:\d+: error: feature 2: property "id" is missing$/);
    assert.match(problems[2], /^f\.geojson:\d+:\d+: error: feature 2: position 1 of ring 0 is not \[x, y\]/);
    assert.match(problems[3], /^f\.geojson:\d+:\d+: error: feature 3: id 1 \(property "id"\) is also the id of feature 0/);
    // The LineString error points at its "type" value.
    const [, line, col] = /^f\.geojson:(\d+):(\d+)/.exec(problems[0])!;
    assert.strictEqual(text.split('\n')[Number(line) - 1].slice(Number(col) - 1, Number(col) + 11), '"LineString"');
  });

  test('not a FeatureCollection', () => {
    assert.deepStrictEqual(problemsOf(() => parseGeoJson('{"type": "Feature"}', 'x.json')), [
      'x.json:1:1: error: expected a GeoJSON FeatureCollection ({"type": "FeatureCollection", "features": [...]})',
    ]);
  });

  test('joins features to rows by id, in any order, and reports unmatched ids both ways', () => {
    const table = parseCsv('code,v\nB,1\nA,2\nC,3\n', 'data.csv');
    const geo = parseGeoJson(collection(['A', 'B', 'C'].map((code, k) => ({
      type: 'Feature', properties: { code }, geometry: { type: 'Polygon', coordinates: [square(k, 0)] },
    }))), 'g.geojson', { idProperty: 'code' });
    assert.deepStrictEqual(Array.from(joinFeatures(geo, table, { idColumn: 'code' })), [1, 0, 2]);

    const fewer = parseCsv('code,v\nB,1\nZ,2\n', 'data.csv');
    assert.deepStrictEqual(problemsOf(() => joinFeatures(geo, fewer, { idColumn: 'code' })), [
      'g.geojson:1:1: error: 2 features of g.geojson (ids from property "code") have no row in the data (column "code" of data.csv): "A", "C"',
      'data.csv:3:1: error: 1 row of the data (column "code" of data.csv) has no feature in g.geojson (ids from property "code"): "Z"',
    ]);
    // A map may cover more than the data.
    const sub = parseCsv('code,v\nC,1\n', 'data.csv');
    assert.deepStrictEqual(Array.from(joinFeatures(geo, sub, { idColumn: 'code', extraFeatures: 'ignore' })), [2]);
  });

  test('with only idColumn given, a property of the same name holds the feature ids', () => {
    const table = parseCsv('id,v\n20,1\n10,2\n', 'data.csv');
    const geo = parseGeoJson(collection([10, 20].map((id) => ({ type: 'Feature', properties: { id }, geometry: { type: 'Point', coordinates: [id, 0] } }))), 'p.geojson');
    assert.deepStrictEqual(Array.from(joinFeatures(geo, table, { idColumn: 'id' })), [1, 0]);
  });

  test('without ids on either side, feature k matches row k', () => {
    const table = parseCsv('v\n1\n2\n', 'data.csv');
    const geo = parseGeoJson(collection([0, 1].map((k) => ({ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [k, k] } }))), 'p.geojson');
    assert.deepStrictEqual(Array.from(joinFeatures(geo, table)), [0, 1]);
  });

  test('centroid, bbox and area: holes subtract, whatever the ring orientation', () => {
    const geo = parseGeoJson(collection([
      { type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [square(0, 0, 4), square(0, 0, 2).reverse()] } },
      { type: 'Feature', properties: {}, geometry: { type: 'MultiPolygon', coordinates: [[square(0, 0, 2)], [square(10, 0, 2)]] } },
      { type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [5, 6] } },
    ]), 'c.geojson');
    const [holed, multi, point] = featureShapes(geo);
    assert.strictEqual(holed.area, 12);
    // (16·(2,2) − 4·(1,1)) / 12
    assert.deepStrictEqual(holed.centroid, [28 / 12, 28 / 12]);
    assert.deepStrictEqual(holed.bbox, [0, 0, 4, 4]);
    assert.strictEqual(multi.area, 8);
    assert.deepStrictEqual(multi.centroid, [6, 1]);
    assert.deepStrictEqual(point.centroid, [5, 6]);
    assert.deepStrictEqual(point.bbox, [5, 6, 5, 6]);
  });

  test('the label point of a C-shaped polygon lies inside it, not at its centroid', () => {
    // A "C": 3×3 square minus the middle-right cell block.
    const ring = [[0, 0], [3, 0], [3, 1], [1, 1], [1, 2], [3, 2], [3, 3], [0, 3], [0, 0]];
    const geo = parseGeoJson(collection([{ type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [ring] } }]), 'c.geojson');
    const s = featureShape(geo.features[0]);
    const [lx, ly] = s.labelPoint;
    const inside = (lx > 0 && lx < 1 && ly > 0 && ly < 3) || (ly > 0 && ly < 1 && lx < 3) || (ly > 2 && ly < 3 && lx < 3);
    assert.ok(inside, `label point ${lx},${ly} is outside the C`);
  });

  test('Columbus geometry: 49 polygons joined to data.csv by id', () => {
    const geo = parseGeoJson(fs.readFileSync(fixture('columbus', 'geometry.geojson'), 'utf8'), 'geometry.geojson', { idProperty: 'id' });
    const table = parseCsv(fs.readFileSync(fixture('columbus', 'data.csv'), 'utf8'), 'data.csv');
    const featureOfRow = joinFeatures(geo, table, { idColumn: 'id' });
    assert.strictEqual(featureOfRow.length, 49);
    assert.ok(geo.features.every((f) => f.kind === 'polygon'));
    // The data's x, y columns are sf::st_centroid of the same polygons.
    const x = table.cells[table.columns.indexOf('x')].map(Number);
    const y = table.cells[table.columns.indexOf('y')].map(Number);
    featureOfRow.forEach((f, r) => {
      const c = featureShape(geo.features[f]).centroid;
      assert.ok(Math.abs(c[0] - x[r]) < 1e-9 && Math.abs(c[1] - y[r]) < 1e-9, `row ${r + 1}: centroid ${c} vs ${x[r]},${y[r]}`);
    });
  });
});
