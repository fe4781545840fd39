/**
 * "New model from CSV…" (src/core/spec/create.ts): the guesses on the Columbus and Kazakhstan
 * CSVs, and that every created spec parses without problems and fits.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseCsv } from '../../src/core/io/csv';
import { ProblemError } from '../../src/core/problems';
import { runSpecFile } from '../../src/core/run';
import { createSpecFromCsv, guessSpec, isIdName, prettyJson } from '../../src/core/spec/create';
import { parseSpec } from '../../src/core/spec/parse';
import { reference } from '../helpers/columbus';

const ROOT = path.resolve(__dirname, '../../..');
const COLUMBUS_DIR = path.join(ROOT, 'examples/columbus');
const KAZ_CSV = path.join(ROOT, 'examples/kazakhstan-smart-cities/cities-illustrative.csv');

function table(file: string) {
  return parseCsv(fs.readFileSync(file, 'utf8'), file);
}

/** Writes the spec beside copies of `files` in a temp folder, checks it parses, fits it. */
async function fitCreated(specText: string, files: Record<string, string>) {
  const parsed = parseSpec(specText, 'created.sar.json');
  assert.deepStrictEqual(parsed.problems, [], 'the created spec parses without problems');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sar-create-'));
  for (const [name, src] of Object.entries(files)) fs.copyFileSync(src, path.join(dir, name));
  const file = path.join(dir, 'created.sar.json');
  fs.writeFileSync(file, specText);
  const out = await runSpecFile(file, { draws: 0 });
  assert.deepStrictEqual(out.problems.filter((p) => p.severity === 'error'), []);
  assert.ok(out.result);
  return out.result;
}

suite('create: spec from a CSV', () => {
  test('Columbus: x/y coordinates (euclidean), id, and a spec that fits', async () => {
    const t = table(path.join(COLUMBUS_DIR, 'data.csv'));
    const g = guessSpec(t, 'data.csv');
    assert.deepStrictEqual(g.coordinates, { x: 'x', y: 'y', distance: 'euclidean' });
    assert.strictEqual(g.idColumn, 'id');
    assert.strictEqual(g.weightsType, 'knn');
    assert.strictEqual(g.dependent, 'AREA');
    const excluded = new Map(g.excluded.map((e) => [e.column, e.reason]));
    for (const c of ['id', 'POLYID', 'NEIG', 'NEIGNO', 'X', 'Y', 'THOUS']) assert.ok(excluded.has(c), `${c} left out`);
    for (const c of ['x', 'y', 'id', 'X', 'Y', 'POLYID', 'THOUS']) assert.ok(!g.independent.includes(c), c);
    assert.ok(g.independent.includes('CRIME') && g.independent.includes('INC'));
    const text = createSpecFromCsv(t, 'data.csv');
    const spec = JSON.parse(text);
    assert.deepStrictEqual(spec.weights, { type: 'knn', k: 6, coordinates: ['x', 'y'], distance: 'euclidean', style: 'W' });
    assert.ok(spec.description.includes('"x", "y"') && spec.description.includes('"id"'), 'each guess documented');
    const r = await fitCreated(text, { 'data.csv': path.join(COLUMBUS_DIR, 'data.csv') });
    assert.strictEqual(r.n, 49);
    assert.strictEqual(r.weightsSummary.type, 'knn');
  });

  test('Columbus with the chosen variables and its GAL file reproduces R spatialreg', async () => {
    const t = table(path.join(COLUMBUS_DIR, 'data.csv'));
    const text = createSpecFromCsv(t, 'data.csv', { dependent: 'CRIME', independent: ['INC', 'HOVAL'], weightsFile: 'weights.gal' });
    const spec = JSON.parse(text);
    assert.deepStrictEqual(spec.weights, { type: 'gal', path: 'weights.gal', idColumn: 'id', style: 'W' });
    const r = await fitCreated(text, { 'data.csv': path.join(COLUMBUS_DIR, 'data.csv'), 'weights.gal': path.join(COLUMBUS_DIR, 'weights.gal') });
    assert.ok(Math.abs(r.rho!.estimate - reference.sar_eigen.rho.estimate) < 1e-6);
    assert.deepStrictEqual(r.coefficients.map((c) => c.name), ['(Intercept)', 'INC', 'HOVAL']);
  });

  test('Columbus with its GeoJSON: queen contiguity and the map', async () => {
    const t = table(path.join(COLUMBUS_DIR, 'data.csv'));
    const text = createSpecFromCsv(t, 'data.csv', { dependent: 'CRIME', independent: ['INC', 'HOVAL'], geometryFile: 'geometry.geojson' });
    const spec = JSON.parse(text);
    assert.strictEqual(spec.weights.type, 'contiguity');
    assert.deepStrictEqual(spec.geometry, { path: 'geometry.geojson', idColumn: 'id' });
    const r = await fitCreated(text, { 'data.csv': path.join(COLUMBUS_DIR, 'data.csv'), 'geometry.geojson': path.join(COLUMBUS_DIR, 'geometry.geojson') });
    assert.strictEqual(r.n, 49);
  });

  test('Kazakhstan: lon/lat in degrees → great-circle kNN, and it fits', async () => {
    const t = table(KAZ_CSV);
    const g = guessSpec(t, 'cities-illustrative.csv');
    assert.deepStrictEqual(g.coordinates, { x: 'lon', y: 'lat', distance: 'greatCircle' });
    assert.strictEqual(g.idColumn, 'id');
    assert.strictEqual(g.dependent, 'industrial_output');
    assert.deepStrictEqual(g.independent, ['servers', 'cloud_companies', 'einvoice_companies']);
    assert.ok(g.excluded.some((e) => e.column === 'source_id' && e.reason === 'identifier'));
    const text = createSpecFromCsv(t, 'cities-illustrative.csv');
    assert.deepStrictEqual(JSON.parse(text).weights, { type: 'knn', k: 6, coordinates: ['lon', 'lat'], distance: 'greatCircle', style: 'W' });
    assert.ok(/great-circle/.test(JSON.parse(text).description));
    const r = await fitCreated(text, { 'cities-illustrative.csv': KAZ_CSV });
    assert.strictEqual(r.n, 40);
  });

  test('name variants, projected lon/lat, semicolons with decimal commas', async () => {
    const rows = (header: string, f: (i: number) => string, n = 12) => [header, ...Array.from({ length: n }, (_, i) => f(i))].join('\n');
    const wave = (i: number) => (Math.sin(i * 1.7) * 10 + i).toFixed(3);
    // Longitude/Latitude in capitals, a text id column.
    const a = parseCsv(rows('Name,Longitude,Latitude,Y1,X1', (i) => `c${i},${10 + i * 0.7},${40 + (i % 4)},${wave(i)},${(i * 1.3) % 5}`), 'a.csv');
    const ga = guessSpec(a, 'a.csv');
    assert.deepStrictEqual(ga.coordinates, { x: 'Longitude', y: 'Latitude', distance: 'greatCircle' });
    assert.strictEqual(ga.idColumn, 'Name');
    assert.strictEqual(ga.dependent, 'Y1');
    // lng/lat in metres: euclidean.
    const b = parseCsv(rows('lng,lat,v,w', (i) => `${500000 + i * 1000},${4400000 + (i % 3) * 900},${wave(i)},${(i * 7) % 11}`), 'b.csv');
    assert.strictEqual(guessSpec(b, 'b.csv').coordinates!.distance, 'euclidean');
    // Upper-case X/Y only.
    const c = parseCsv(rows('X,Y,v,w', (i) => `${i * 2},${(i * 3) % 7},${wave(i)},${(i * 7) % 11}`), 'c.csv');
    assert.deepStrictEqual(guessSpec(c, 'c.csv').coordinates, { x: 'X', y: 'Y', distance: 'euclidean' });
    // A column chosen as the dependent is not a coordinate.
    const gc = guessSpec(c, 'c.csv', { dependent: 'Y' });
    assert.strictEqual(gc.coordinates, undefined);
    assert.strictEqual(gc.dependent, 'Y');
    assert.deepStrictEqual(gc.independent, ['X', 'v', 'w']);
    // Semicolons and decimal commas; the created spec fits.
    const semi = rows('id;lon;lat;y;x1;x2', (i) => `${i + 1};${(60 + i * 1.1).toFixed(2).replace('.', ',')};${(45 + (i % 5) * 0.8).toFixed(2).replace('.', ',')};${wave(i).replace('.', ',')};${(i * 7) % 11};${((i * 5) % 9) + 0.5}`.replace(/\.5$/, ',5'), 15);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sar-create-'));
    const csvFile = path.join(dir, 'semi.csv');
    fs.writeFileSync(csvFile, semi);
    const d = parseCsv(semi, csvFile);
    const gd = guessSpec(d, 'semi.csv');
    assert.deepStrictEqual(gd.coordinates, { x: 'lon', y: 'lat', distance: 'greatCircle' });
    assert.deepStrictEqual([gd.dependent, ...gd.independent], ['y', 'x1', 'x2']);
    const r = await fitCreated(createSpecFromCsv(d, 'semi.csv'), { 'semi.csv': csvFile });
    assert.strictEqual(r.n, 15);
  });

  test('no coordinates: a GAL placeholder that still parses', () => {
    const t = parseCsv('code,out,inp\nA,1,3\nB,2,1\nC,4,4\nD,3,2\n', 'p.csv');
    const g = guessSpec(t, 'p.csv');
    assert.strictEqual(g.weightsPlaceholder, true);
    assert.strictEqual(g.idColumn, 'code');
    const spec = JSON.parse(createSpecFromCsv(t, 'p.csv'));
    assert.deepStrictEqual(spec.weights, { type: 'gal', path: 'p.gal', idColumn: 'code', style: 'W' });
    assert.deepStrictEqual(parseSpec(createSpecFromCsv(t, 'p.csv'), 'p.sar.json').problems, []);
    assert.ok(/p\.gal, which does not exist yet/.test(spec.description));
  });

  test('collinear and constant columns are left out; bad requests are problems', () => {
    const lines = ['id,x,y,a,b,c,k'];
    for (let i = 0; i < 10; i++) lines.push(`${i + 1},${i % 4},${Math.floor(i / 4)},${(i * 7) % 5},${i * i},${2 * ((i * 7) % 5) + 3},1`);
    const t = parseCsv(lines.join('\n'), 'col.csv');
    const g = guessSpec(t, 'col.csv');
    assert.strictEqual(g.dependent, 'a');
    assert.deepStrictEqual(g.independent, ['b']);
    assert.ok(g.excluded.some((e) => e.column === 'c' && /linear combination of the dependent/.test(e.reason)));
    assert.ok(g.excluded.some((e) => e.column === 'k' && e.reason === 'constant'));
    assert.throws(() => guessSpec(t, 'col.csv', { dependent: 'aa' }), (e: unknown) => e instanceof ProblemError && e.problems[0].suggestion === 'a');
    assert.throws(() => guessSpec(parseCsv('a,b\n1,2\n', 'tiny.csv'), 'tiny.csv'), /at least 3/);
    assert.throws(() => guessSpec(parseCsv('name,x,y\na,1,2\nb,2,3\nc,3,1\n', 'n.csv'), 'n.csv'), /no numeric column/);
  });

  test('id names and the JSON layout', () => {
    for (const n of ['id', 'ID', 'fid', 'POLYID', 'city_id', 'regionId', 'GEOID', 'kato_code']) assert.ok(isIdName(n), n);
    for (const n of ['valid', 'paid_amount', 'income', 'INC', 'android']) assert.ok(!isIdName(n), n);
    assert.strictEqual(prettyJson({ a: 1, b: ['x', 'y'], c: { d: true } }), '{\n  "a": 1,\n  "b": ["x", "y"],\n  "c": { "d": true }\n}');
  });
});
