import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { parseCsv } from '../../src/core/io/csv';
import { parseGal } from '../../src/core/io/gal';
import { parseGeoJson } from '../../src/core/io/geojson';
import type { WeightsSpec } from '../../src/core/spec/types';
import { buildWeights } from '../../src/core/weights/build';
import { symmetrise } from '../../src/core/weights/neighbours';
import { applyStyle } from '../../src/core/weights/style';
import { formatWeightsSummary, spweightsConstants, summariseWeights, type WeightsSummary } from '../../src/core/weights/summary';
import { ceilSignif, connectivityFix, minimumThreshold } from '../../src/core/weights/connectivityFix';
import { COLUMBUS_DIR } from '../helpers/fixtures';
import { assertClose } from '../helpers/columbus';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const local: any = JSON.parse(fs.readFileSync(path.join(COLUMBUS_DIR, 'reference-local.json'), 'utf8'));
const printed = fs.readFileSync(path.join(COLUMBUS_DIR, 'summary-local.txt'), 'utf8');
const table = parseCsv(fs.readFileSync(path.join(COLUMBUS_DIR, 'data.csv'), 'utf8'), 'data.csv');
const gal = parseGal(fs.readFileSync(path.join(COLUMBUS_DIR, 'weights.gal'), 'utf8'), 'weights.gal');
const geometry = parseGeoJson(fs.readFileSync(path.join(COLUMBUS_DIR, 'geometry.geojson'), 'utf8'), 'geometry.geojson', { idProperty: 'id' });
const common = { style: 'W' as const, allowIslands: false };

const built = {
  gal: buildWeights({ ...common, type: 'gal', path: 'weights.gal', idColumn: 'id' }, table, { gal }),
  knn4: buildWeights({ ...common, type: 'knn', k: 4, coordinates: ['X', 'Y'], distance: 'euclidean' }, table),
  queen_geojson: buildWeights({ ...common, type: 'contiguity', geometry: 'geometry.geojson', criterion: 'queen', idProperty: 'id', idColumn: 'id' }, table, { geometry }),
};

/** The printed block of one R call in summary-local.txt (up to the first repeat of the constants table). */
function printedBlock(call: string): string {
  const start = printed.indexOf(`==== ${call} ====\n`);
  assert.ok(start >= 0, call);
  const body = printed.slice(start).split('\n').slice(1);
  const end = body.findIndex((l, i) => i > 0 && l.startsWith('W ') && body[i - 1].includes('S0'));
  return body.slice(0, end + 1).join('\n');
}

function checkAgainst(s: WeightsSummary, ref: Record<string, unknown> & { [k: string]: any }): void { // eslint-disable-line @typescript-eslint/no-explicit-any
  assert.strictEqual(s.n, ref.n);
  assert.strictEqual(s.nLinks, ref.n_links);
  assertClose(s.percentNonzero, ref.percent_nonzero, 1e-12, 'percent nonzero');
  assertClose(s.meanNeighbours, ref.mean_neighbours, 1e-12, 'mean neighbours');
  assert.strictEqual(s.minNeighbours, ref.min_neighbours);
  assert.strictEqual(s.maxNeighbours, ref.max_neighbours);
  assert.deepStrictEqual(s.histogram, ref.neighbour_histogram);
  assert.deepStrictEqual(s.leastConnected!.ids, ref.least_connected.map(String));
  assert.deepStrictEqual(s.mostConnected!.ids, ref.most_connected.map(String));
  assert.strictEqual(s.components.count, ref.n_components);
  assert.strictEqual(s.symmetric, ref.symmetric);
  assert.deepStrictEqual(Array.from(s.cardinalities), ref.cardinalities);
  assert.strictEqual(s.islands.rows.length, 0);
  for (const k of ['n', 'S0', 'S1', 'S2'] as const) assertClose(s.constants[k], ref.constants_W[k], 1e-9, `constants W ${k}`);
}

suite('weights summary (spdep summary.nb, spweights.constants) on Columbus', () => {
  test('GAL: every number of summary(nb2listw(read.gal(...))) and the constants of styles W and B', () => {
    const s = summariseWeights(built.gal);
    checkAgainst(s, local.weights_summary.gal);
    const b = spweightsConstants(applyStyle(built.gal.raw!, 'B'));
    for (const k of ['n', 'S0', 'S1', 'S2'] as const) assertClose(b[k], local.weights_summary.gal.constants_B[k], 1e-12, `constants B ${k}`);
  });

  test('GAL: printed as spdep prints it', () => {
    assert.strictEqual(formatWeightsSummary(summariseWeights(built.gal)), printedBlock('summary(nb2listw(read.gal(weights.gal), style = "W"))'));
  });

  test('kNN-4 (knn2nb(knearneigh(cbind(X, Y), k = 4))): the neighbours (no distance ties at k) and the summary', () => {
    const ref = local.weights_summary.knn4;
    assert.deepStrictEqual(ref.distance_ties_at_k, []);
    const nb = built.knn4.raw!;
    const lists = Array.from({ length: 49 }, (_, i) => Array.from(nb.colIdx.subarray(nb.rowPtr[i], nb.rowPtr[i + 1]), (j) => j + 1));
    assert.deepStrictEqual(lists, ref.neighbours);
    checkAgainst(summariseWeights(built.knn4), ref);
    assert.strictEqual(formatWeightsSummary(summariseWeights(built.knn4)), printedBlock('summary(nb2listw(knn2nb(knearneigh(cbind(X, Y), k = 4)), style = "W"))'));
  });

  test('symmetrised kNN-4 (make.sym.nb; symmetrised here, the builder option comes later): the summary', () => {
    const ref = local.weights_summary.knn4_symmetric;
    const raw = symmetrise(built.knn4.raw!);
    const s = summariseWeights({ raw, w: applyStyle(raw, 'W'), style: 'W' });
    checkAgainst(s, ref);
    assert.strictEqual(s.nLinks - built.knn4.nLinks, ref.links_added);
    assert.strictEqual(formatWeightsSummary(s), printedBlock('summary(nb2listw(make.sym.nb(knn2nb(knearneigh(cbind(X, Y), k = 4))), style = "W"))'));
  });

  test('queen contiguity from geometry.geojson (poly2nb): the summary, and the 3 pairs it has that the GAL lacks', () => {
    const ref = local.weights_summary.queen_geojson;
    checkAgainst(summariseWeights(built.queen_geojson), ref);
    const pairs: number[][] = [];
    const q = built.queen_geojson.raw!;
    const g = built.gal.raw!;
    for (let i = 0; i < 49; i++) {
      const inGal = new Set(g.colIdx.subarray(g.rowPtr[i], g.rowPtr[i + 1]));
      for (let p = q.rowPtr[i]; p < q.rowPtr[i + 1]; p++) if (q.colIdx[p] > i && !inGal.has(q.colIdx[p])) pairs.push([i + 1, q.colIdx[p] + 1]);
    }
    assert.deepStrictEqual(pairs, ref.pairs_in_queen_not_gal);
  });

  test('islands and components are listed; the printed summary names them', () => {
    // 0–1, 2–3, 4 alone.
    const raw = { nrows: 5, ncols: 5, rowPtr: Int32Array.from([0, 1, 2, 3, 4, 4]), colIdx: Int32Array.from([1, 0, 3, 2]), values: Float64Array.from([1, 1, 1, 1]) };
    const s = summariseWeights({ raw, w: applyStyle(raw, 'W'), style: 'W', ids: ['a', 'b', 'c', 'd', 'e'] });
    assert.deepStrictEqual(s.islands, { rows: [4], ids: ['e'] });
    assert.deepStrictEqual(s.components.sizes, [2, 2, 1]);
    assert.strictEqual(s.minNeighbours, 0);
    assert.strictEqual(s.leastConnected!.neighbours, 1); // spdep: least connected among regions with links
    assert.strictEqual(s.constants.n, 4);
    const text = formatWeightsSummary(s);
    assert.ok(text.includes('1 region with no links:\ne\n'), text);
    assert.ok(text.includes('3 disjoint connected subgraphs'), text);
  });
});

function pointsTable(xs: number[], ys: number[] = xs.map(() => 0)): ReturnType<typeof parseCsv> {
  return parseCsv(['x,y', ...xs.map((x, i) => `${x},${ys[i]}`)].join('\n'), 'points.csv');
}

suite('connectivity fixes', () => {
  test('kNN: the smallest k that connects two far clusters, and that k indeed connects them', () => {
    const t = pointsTable([0, 1, 0, 10, 11, 10], [0, 0, 1, 0, 0, 1]);
    const spec: WeightsSpec = { ...common, type: 'knn', k: 2, coordinates: ['x', 'y'], distance: 'euclidean' };
    const w = buildWeights(spec, t);
    const s = summariseWeights(w);
    assert.strictEqual(s.components.count, 2);
    const x = Float64Array.from([0, 1, 0, 10, 11, 10]);
    const y = Float64Array.from([0, 0, 1, 0, 0, 1]);
    const fix = connectivityFix(s, { type: 'knn', k: 2, x, y, metric: 'euclidean' });
    assert.deepStrictEqual(fix.connectingK, { k: 3 });
    assert.deepStrictEqual(fix.suggestions, ['raise k to 3 to connect all 2 components']);
    assert.strictEqual(buildWeights({ ...spec, k: 3 }, t).componentCount, 1);
    // Each component's nearest point outside: (1,0) ↔ (10,0), distance 9.
    assert.deepStrictEqual(fix.components.map((c) => c.nearestOutside), [{ row: 1, to: 3, distance: 9 }, { row: 3, to: 1, distance: 9 }]);
  });

  test('distance band: the threshold that gives every observation a neighbour and the one that connects the graph, both working as printed', () => {
    const xs = [0, 1, 2, 10, 11, 30, 31.5];
    const t = pointsTable(xs);
    const spec: WeightsSpec = { ...common, allowIslands: true, type: 'distance', threshold: 1.2, coordinates: ['x', 'y'], distance: 'euclidean', inversePower: 0 };
    const w = buildWeights(spec, t);
    const s = summariseWeights(w);
    assert.deepStrictEqual(s.islands.rows, [5, 6]);
    const x = Float64Array.from(xs);
    const y = new Float64Array(xs.length);
    const fix = connectivityFix(s, { type: 'distance', threshold: 1.2, x, y, metric: 'euclidean' });
    assert.strictEqual(fix.thresholdNoIslands, 1.5); // 30 ↔ 31.5
    assert.strictEqual(fix.thresholdConnected, 19); // 11 ↔ 30, the longest edge of the spanning tree of the components
    assert.deepStrictEqual(fix.islands.map((i) => i.nearest), [{ row: 5, to: 6, distance: 1.5 }, { row: 6, to: 5, distance: 1.5 }]);
    assert.deepStrictEqual(fix.suggestions, [
      'raise the threshold to 1.5 so that every observation has a neighbour',
      'raise the threshold to 19 to connect all 4 components',
      'set "allowIslands": true to keep the 2 islands (6, 7) with zero weights',
    ]);
    assert.strictEqual(buildWeights({ ...spec, threshold: fix.thresholdNoIslands! }, t).islands.length, 0);
    assert.strictEqual(buildWeights({ ...spec, threshold: fix.thresholdConnected! }, t).componentCount, 1);
  });

  test('thresholds are rounded up, so that the printed value still reaches the point', () => {
    assert.strictEqual(ceilSignif(Math.SQRT2), 1.41422);
    assert.strictEqual(ceilSignif(19), 19);
    assert.strictEqual(ceilSignif(0.000123456789), 0.000123457);
    const t = pointsTable([0, 1], [0, 1]);
    const x = Float64Array.from([0, 1]);
    const d = minimumThreshold(x, x, 'euclidean');
    assert.strictEqual(buildWeights({ ...common, type: 'distance', threshold: ceilSignif(d), coordinates: ['x', 'y'], distance: 'euclidean', inversePower: 0 }, t).islands.length, 0);
  });

  test('contiguity islands: check the snapping, or allow them', () => {
    const raw = { nrows: 3, ncols: 3, rowPtr: Int32Array.from([0, 1, 2, 2]), colIdx: Int32Array.from([1, 0]), values: Float64Array.from([1, 1]) };
    const fix = connectivityFix(summariseWeights({ raw, w: raw, style: 'B' }), { type: 'contiguity' });
    assert.strictEqual(fix.suggestions.length, 2);
    assert.match(fix.suggestions[0], /larger snap/);
    assert.match(fix.suggestions[1], /"allowIslands": true to keep the island \(3\)/);
  });
});
