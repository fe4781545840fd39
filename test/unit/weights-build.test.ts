import * as assert from 'assert';
import * as fs from 'fs';
import { parseCsv } from '../../src/core/io/csv';
import { parseGal } from '../../src/core/io/gal';
import { parseGeoJson } from '../../src/core/io/geojson';
import { parseGwt } from '../../src/core/io/gwt';
import { matVec, type Csr } from '../../src/core/sparse/csr';
import type { WeightsSpec, WeightsStyle } from '../../src/core/spec/types';
import { buildWeights } from '../../src/core/weights/build';
import { components, componentsVia, symmetrise } from '../../src/core/weights/neighbours';
import { adjacencyGraph, permuteSymmetric } from '../../src/core/sparse/build';
import { breadthFirstOrder } from '../../src/core/sparse/bfs';
import { chooseLocalityOrder, gather, isLocal, permuteWeights, scatter } from '../../src/core/weights/locality';
import { applyStyle, similarityDiagonal } from '../../src/core/weights/style';
import { fixture } from '../helpers/fixtures';
import { problemsOf } from '../helpers/problems';
import { formatProblem, ProblemError } from '../../src/core/problems';

function rowSums(a: Csr): number[] {
  const out: number[] = [];
  for (let i = 0; i < a.nrows; i++) {
    let s = 0;
    for (let p = a.rowPtr[i]; p < a.rowPtr[i + 1]; p++) s += a.values[p];
    out.push(s);
  }
  return out;
}

const total = (a: Csr): number => a.values.reduce((s, v) => s + v, 0);
const close = (a: number, b: number, tol = 1e-12): boolean => Math.abs(a - b) <= tol * Math.max(1, Math.abs(b));

/** Dense copy, for small checks. */
function dense(a: Csr): number[][] {
  const m = Array.from({ length: a.nrows }, () => new Array<number>(a.ncols).fill(0));
  for (let i = 0; i < a.nrows; i++) for (let p = a.rowPtr[i]; p < a.rowPtr[i + 1]; p++) m[i][a.colIdx[p]] = a.values[p];
  return m;
}

/** An asymmetric general-weights example with an empty row: 0→{1:2, 2:1}, 1→{0:3}, 2→{}, 3→{0:1, 1:1, 2:2}. */
const G: Csr = {
  nrows: 4, ncols: 4,
  rowPtr: Int32Array.from([0, 2, 3, 3, 6]),
  colIdx: Int32Array.from([1, 2, 0, 0, 1, 2]),
  values: Float64Array.from([2, 1, 3, 1, 1, 2]),
};

const columbus = {
  table: parseCsv(fs.readFileSync(fixture('columbus', 'data.csv'), 'utf8'), 'data.csv'),
  gal: parseGal(fs.readFileSync(fixture('columbus', 'weights.gal'), 'utf8'), 'weights.gal'),
};

const common = { style: 'W' as WeightsStyle, allowIslands: false };

suite('weights: styles (spdep nb2listw)', () => {
  test('W: each row sums to 1; an empty row stays empty', () => {
    const w = applyStyle(G, 'W');
    assert.deepStrictEqual(rowSums(w), [1, 1, 0, 1]);
    assert.deepStrictEqual(Array.from(w.values), [2 / 3, 1 / 3, 1, 1 / 4, 1 / 4, 2 / 4]);
  });

  test('B: the raw weights', () => {
    assert.deepStrictEqual(Array.from(applyStyle(G, 'B').values), Array.from(G.values));
  });

  test('C: weights sum to n_eff (n minus empty rows); U: they sum to 1', () => {
    assert.ok(close(total(applyStyle(G, 'C')), 3));
    assert.ok(close(total(applyStyle(G, 'U')), 1));
    // As spdep: (1/D) · g.
    assert.deepStrictEqual(Array.from(applyStyle(G, 'U').values), [2, 1, 3, 1, 1, 2].map((g) => (1 / 10) * g));
  });

  test('S: rows scaled to unit norm, then globally to sum n_eff (Tiefelsdorf et al. 1999)', () => {
    const s = applyStyle(G, 'S');
    const q = [Math.sqrt(5), 3, 0, Math.sqrt(6)];
    const star = [2 / q[0], 1 / q[0], 3 / q[1], 1 / q[3], 1 / q[3], 2 / q[3]];
    const Q = star.reduce((a, b) => a + b, 0);
    star.forEach((v, p) => assert.ok(close(s.values[p], (3 * v) / Q), `value ${p}`));
    assert.ok(close(total(s), 3));
    // Every non-empty row has the same sum of squares: the variance-stabilising property.
    const ss = [0, 1, 3].map((i) => {
      let t = 0;
      for (let p = s.rowPtr[i]; p < s.rowPtr[i + 1]; p++) t += s.values[p] ** 2;
      return t;
    });
    assert.ok(close(ss[0], ss[1]) && close(ss[1], ss[2]));
  });

  test('a total that is not positive is an error for C, U and S at "weights.style", saying what to change', () => {
    const zero: Csr = { ...G, values: Float64Array.from([1, -1, 0, 0, 0, 0]) };
    const where = { file: 'm.sar.json', range: { line: 5, column: 60 }, source: 'w.gwt' };
    for (const style of ['C', 'U', 'S'] as const) {
      assert.deepStrictEqual(problemsOf(() => applyStyle(zero, style, where)), [
        `m.sar.json:5:60: error: style "${style}" divides by the sum of ${style === 'S' ? 'the row-normalised weights' : 'all weights'}, which is 0 here (negative weights cancel the positive ones); ` +
        'choose style "W" or "B" in "weights.style", or fix the weights in w.gwt',
      ]);
    }
  });

  test('sums never overflow: rows of weights 1e308 are styled as rows of ones; B refuses them at "weights.style"', () => {
    const big: Csr = { ...G, values: G.values.map((g) => g * 5e307) };
    for (const style of ['W', 'C', 'U', 'S'] as const) {
      const a = applyStyle(big, style);
      const b = applyStyle(G, style);
      a.values.forEach((v, p) => assert.ok(close(v, b.values[p], 1e-15), `${style}: value ${p}: ${v} vs ${b.values[p]}`));
    }
    // The similarity diagonal up to one constant factor (which cancels in D^{1/2} W D^{-1/2}); row 2 is empty.
    const ratio = [0, 1, 3].map((i) => similarityDiagonal(big, 'W', true)![i] / similarityDiagonal(G, 'W', true)![i]);
    ratio.forEach((r) => assert.ok(Number.isFinite(r) && r > 0 && close(r, ratio[0], 1e-15), `ratio ${r}`));
    assert.deepStrictEqual(problemsOf(() => applyStyle(big, 'B', { file: 'm.sar.json', range: { line: 5, column: 60 }, source: 'w.gwt' })), [
      'm.sar.json:5:60: error: style "B" uses the weights as they are, and those of row 4 sum to more than the largest double (1.8e308); ' +
      'choose style "W" in "weights.style" (it divides each row by its sum), or rescale the weights in w.gwt',
    ]);
  });

  test('similarity: D^{1/2} for W with symmetric B (then D^{1/2} W D^{-1/2} is symmetric), ones for B/C/U, none for S or asymmetric B', () => {
    const w = buildWeights({ ...common, type: 'gal', path: 'weights.gal', idColumn: 'id' }, columbus.table, { gal: columbus.gal });
    const d = w.similarity!;
    assert.ok(d);
    const W = dense(w.w);
    for (let i = 0; i < 49; i++) {
      assert.ok(close(d[i] * d[i], w.raw!.rowPtr[i + 1] - w.raw!.rowPtr[i]));
      for (let j = 0; j < 49; j++) assert.ok(close((d[i] * W[i][j]) / d[j], (d[j] * W[j][i]) / d[i], 1e-14));
    }
    assert.deepStrictEqual(Array.from(similarityDiagonal(w.raw!, 'C', true)!), new Array(49).fill(1));
    assert.strictEqual(similarityDiagonal(w.raw!, 'S', true), undefined);
    assert.strictEqual(similarityDiagonal(G, 'W', false), undefined);
  });
});

suite('weights: buildWeights', () => {
  test('Columbus GAL, style W: 49 regions, 230 links, symmetric, rows sum to 1, one component', () => {
    const w = buildWeights({ ...common, type: 'gal', path: 'weights.gal', idColumn: 'id' }, columbus.table, { gal: columbus.gal });
    assert.strictEqual(w.n, 49);
    assert.strictEqual(w.nLinks, 230);
    assert.strictEqual(w.symmetricNeighbours, true);
    assert.strictEqual(w.symmetricWeights, true);
    assert.ok(rowSums(w.w).every((s) => close(s, 1)));
    assert.deepStrictEqual(w.islands, []);
    assert.strictEqual(w.componentCount, 1);
    assert.strictEqual(w.style, 'W');
    // spdep: S0 = n for style W; S0 = n_links for B.
    assert.ok(close(total(w.w), 49));
    const b = buildWeights({ ...common, style: 'B', type: 'gal', path: 'weights.gal' }, columbus.table, { gal: columbus.gal });
    assert.strictEqual(total(b.w), 230);
  });

  test('Columbus queen contiguity from the geometry', () => {
    const geometry = parseGeoJson(fs.readFileSync(fixture('columbus', 'geometry.geojson'), 'utf8'), 'geometry.geojson', { idProperty: 'id' });
    const w = buildWeights({ ...common, type: 'contiguity', geometry: 'geometry.geojson', criterion: 'queen', idProperty: 'id', idColumn: 'id' }, columbus.table, { geometry });
    assert.strictEqual(w.nLinks, 236);
    assert.ok(w.symmetricNeighbours);
    assert.strictEqual(w.componentCount, 1);
  });

  test('kNN with great-circle distances on lon/lat columns; asymmetric, so no similarity transform', () => {
    const table = parseCsv('city,lon,lat\nAlmaty,76.91309,43.326936\nAstana,71.427774,51.181125\nShymkent,69.595018,42.320012\nKaraganda,73.11501,49.884977\nTaraz,71.364987,42.899977\n', 'kz.csv');
    const w = buildWeights({ ...common, type: 'knn', k: 1, coordinates: ['lon', 'lat'], distance: 'greatCircle' }, table);
    // Almaty → Taraz (453 km), Astana ↔ Karaganda (187 km), Shymkent ↔ Taraz (159 km).
    assert.deepStrictEqual(Array.from(w.w.colIdx), [4, 3, 4, 1, 2]);
    assert.strictEqual(w.symmetricNeighbours, false);
    assert.strictEqual(w.similarity, undefined);
    assert.ok(w.localityOrder && w.localityOrder.length === 5);
  });

  test('great circle with swapped columns: a latitude outside −90..90 is an error at the cell', () => {
    const table = parseCsv('city,lon,lat\nTokyo,139.69,35.69\nAlmaty,76.91309,43.326936\n', 'pts.csv');
    assert.deepStrictEqual(problemsOf(() => buildWeights({ ...common, type: 'knn', k: 1, coordinates: ['lat', 'lon'], distance: 'greatCircle' }, table)), [
      'pts.csv:2:7: error: latitude 139.69 (column "lon") is outside −90..90: greatCircle coordinates are [longitude, latitude] in degrees',
    ]);
  });

  test('spec mistakes point at the spec: unknown coordinate column, k too large', () => {
    const table = parseCsv('x,y\n0,0\n1,0\n', 'pts.csv');
    const rangeOf = (p: string) => (p === 'weights.coordinates[1]' ? { line: 7, column: 30 } : p === 'weights.k' ? { line: 6, column: 10 } : undefined);
    assert.deepStrictEqual(problemsOf(() => buildWeights({ ...common, type: 'knn', k: 1, coordinates: ['x', 'yy'], distance: 'euclidean' }, table, { specFile: 'm.sar.json', rangeOf })), [
      'm.sar.json:7:30: error: unknown column "yy" in pts.csv; did you mean "y"?',
    ]);
    assert.deepStrictEqual(problemsOf(() => buildWeights({ ...common, type: 'knn', k: 2, coordinates: ['x', 'y'], distance: 'euclidean' }, table, { specFile: 'm.sar.json', rangeOf })), [
      'm.sar.json:6:10: error: k = 2 nearest neighbours need more than 2 observations; the data have 2',
    ]);
  });

  test('islands are an error naming them, unless allowIslands: then zero rows (spdep zero.policy = TRUE)', () => {
    const table = parseCsv('x,y\n0,0\n1,0\n2,0\n10,0\n', 'pts.csv');
    const spec: WeightsSpec = { ...common, type: 'distance', threshold: 1.5, coordinates: ['x', 'y'], distance: 'euclidean', inversePower: 0 };
    assert.deepStrictEqual(problemsOf(() => buildWeights(spec, table)), [
      'pts.csv:1:1: error: threshold 1.5 leaves 1 observation without neighbours: row 4; raise "weights.threshold" to 8, the smallest value that gives every observation a neighbour, ' +
      'or set "allowIslands": true to keep it with zero weights (spdep zero.policy = TRUE)',
      'pts.csv:5:1: error: row 4 has no neighbours',
    ]);
    const w = buildWeights({ ...spec, allowIslands: true }, table);
    assert.deepStrictEqual(w.islands, [3]);
    assert.deepStrictEqual(rowSums(w.w), [1, 1, 1, 0]);
    assert.strictEqual(w.componentCount, 2);
    const c = buildWeights({ ...spec, style: 'C', allowIslands: true }, table);
    assert.ok(close(total(c.w), 3)); // n_eff = 4 − 1 island
  });

  test('a GAL island is named by its id at its record line', () => {
    const table = parseCsv('code,v\n10,1\n20,2\n30,3\n', 'd.csv');
    const gal = parseGal('0 3 x code\n10 1\n20\n20 1\n10\n30 0\n\n', 'i.gal');
    assert.deepStrictEqual(problemsOf(() => buildWeights({ ...common, type: 'gal', path: 'i.gal', idColumn: 'code' }, table, { gal })), [
      'i.gal:6:1: error: 1 observation has no neighbours: id "30" (row 3); set "allowIslands": true to keep it with zero weights (spdep zero.policy = TRUE)',
    ]);
  });

  test('GWT weights are styled as given (nb2listw with glist)', () => {
    const table = parseCsv('id\n1\n2\n3\n', 'd.csv');
    const gwt = parseGwt('0 3 l id\n1 2 2\n1 3 6\n2 1 2\n3 1 6\n', 'w.gwt');
    const w = buildWeights({ ...common, type: 'gwt', path: 'w.gwt' }, table, { gwt });
    assert.deepStrictEqual(Array.from(w.w.values), [0.25, 0.75, 1, 1]);
    assert.ok(w.symmetricWeights);
    assert.deepStrictEqual(Array.from(w.similarity!), [Math.sqrt(8), Math.sqrt(2), Math.sqrt(6)]);
  });

  test('inverse distance with coincident points is an error at the duplicate row', () => {
    const table = parseCsv('x,y\n0,0\n1,0\n0,0\n', 'dup.csv');
    assert.deepStrictEqual(problemsOf(() => buildWeights({ ...common, type: 'distance', threshold: 2, coordinates: ['x', 'y'], distance: 'euclidean', inversePower: 1 }, table)), [
      'dup.csv:4:1: error: row 1 (line 2) and row 3 (line 4) of dup.csv have the same coordinates: the inverse-distance weight 1/d (inversePower 1) would divide by zero; ' +
      'merge or remove the coincident points, or use "inversePower": 0',
    ]);
  });
});

suite('weights: graph facts and orders', () => {
  test('components of a two-cluster map', () => {
    // Two 2×2 blocks of unit squares far apart.
    const table = parseCsv('x,y\n0,0\n1,0\n0,1\n1,1\n10,10\n11,10\n10,11\n11,11\n', 'two.csv');
    const w = buildWeights({ ...common, type: 'distance', threshold: 1, coordinates: ['x', 'y'], distance: 'euclidean', inversePower: 0 }, table);
    assert.strictEqual(w.componentCount, 2);
    assert.deepStrictEqual(Array.from(w.componentOf), [0, 0, 0, 0, 1, 1, 1, 1]);
  });

  test('components found on the relabelled graph are numbered as on the graph itself', () => {
    const table = parseCsv('x,y\n10,10\n0,0\n11,10\n1,0\n0,1\n10,11\n1,1\n11,11\n50,50\n', 'three.csv');
    const w = buildWeights({ ...common, type: 'distance', threshold: 1, coordinates: ['x', 'y'], distance: 'euclidean', inversePower: 0, allowIslands: true }, table);
    const perm = Int32Array.from([8, 3, 6, 0, 1, 5, 2, 7, 4]);
    assert.deepStrictEqual(componentsVia(permuteSymmetric(w.w, perm), perm), components(w.w));
    assert.deepStrictEqual(Array.from(components(w.w).componentOf), [0, 1, 0, 1, 1, 0, 1, 0, 2]);
  });

  test('components use the symmetrised graph: a one-way link joins two rows', () => {
    const oneWay: Csr = { nrows: 3, ncols: 3, rowPtr: Int32Array.from([0, 1, 1, 2]), colIdx: Int32Array.from([1, 1]), values: Float64Array.from([1, 1]) };
    assert.deepStrictEqual(components(oneWay), { componentOf: Int32Array.from([0, 0, 0]), count: 1 });
    assert.deepStrictEqual(Array.from(symmetrise(oneWay).colIdx), [1, 0, 2, 1]);
  });

  test('relabelling into the kd-tree or a graph order commutes with mat-vecs, and scatter undoes gather', () => {
    const gal = buildWeights({ ...common, type: 'gal', path: 'weights.gal', idColumn: 'id' }, columbus.table, { gal: columbus.gal });
    const knn = buildWeights({ ...common, type: 'knn', k: 4, coordinates: ['x', 'y'], distance: 'euclidean' }, columbus.table);
    const x = Float64Array.from({ length: 49 }, (_, i) => Math.sin(i + 1));
    for (const [weights, order] of [[knn, knn.localityOrder!], [gal, breadthFirstOrder(adjacencyGraph(gal.w))]] as const) {
      assert.deepStrictEqual(Array.from(order).sort((a, b) => a - b), Array.from({ length: 49 }, (_, i) => i));
      const relabelled = permuteWeights(weights, order);
      const y = matVec(weights.w, x);
      const back = scatter(matVec(relabelled.w, gather(x, order)), order);
      for (let i = 0; i < 49; i++) assert.ok(close(back[i], y[i], 1e-14));
      assert.deepStrictEqual(scatter(relabelled.componentOf, order), Array.from(weights.componentOf));
    }
  });

  test('kNN weights come relabelled into the tree order as well: bit for bit P·W·Pᵀ, for every style but S and for symmetrised kNN', () => {
    for (const style of ['W', 'B', 'C', 'U', 'S'] as const) {
      for (const symmetric of [false, true]) {
        const knn = buildWeights({ ...common, style, symmetric, type: 'knn', k: 4, coordinates: ['x', 'y'], distance: 'euclidean' }, columbus.table);
        if (style === 'S') {
          assert.strictEqual(knn.localW, undefined);
          continue;
        }
        const expected = permuteSymmetric(knn.w, knn.localityOrder!);
        assert.deepStrictEqual(knn.localW, expected, `style ${style}${symmetric ? ', symmetrised' : ''}`);
        assert.strictEqual(permuteWeights(knn, knn.localityOrder!).w, knn.localW);
        assert.deepStrictEqual(componentsVia(knn.localW!, knn.localityOrder!), components(knn.w));
      }
    }
    const second = buildWeights({ ...common, type: 'knn', k: 4, order: 2, coordinates: ['x', 'y'], distance: 'euclidean' }, columbus.table);
    assert.strictEqual(second.localW, undefined, 'higher orders are relabelled by a permutation');
  });

  test('only large weights in a scattered order are relabelled; islands follow their rows', () => {
    // A ring of n rows in a scrambled order: row i's neighbours sit n/2 rows away.
    const n = 30_000;
    const label = (i: number) => (i % 2 === 0 ? i / 2 : n / 2 + (i - 1) / 2);
    const links: [number, number][] = [];
    for (let i = 0; i < n - 1; i++) links.push([label(i), label(i + 1)], [label(i + 1), label(i)]);
    links.push([label(0), label(n - 1)], [label(n - 1), label(0)]);
    links.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    const rowPtr = new Int32Array(n + 1);
    for (const [i] of links) rowPtr[i + 1]++;
    for (let i = 0; i < n; i++) rowPtr[i + 1] += rowPtr[i];
    const w: Csr = { nrows: n, ncols: n, rowPtr, colIdx: Int32Array.from(links, (l) => l[1]), values: new Float64Array(links.length).fill(0.5) };
    const weights = { n, w, style: 'W' as const, symmetricNeighbours: true, islands: [7], componentOf: new Int32Array(n), componentCount: 1, nLinks: links.length };
    assert.ok(!isLocal(w));
    const order = chooseLocalityOrder(weights)!;
    assert.ok(order, 'a scattered graph gets a locality order');
    const relabelled = permuteWeights(weights, order);
    assert.ok(isLocal(relabelled.w));
    assert.strictEqual(order[relabelled.islands[0]], 7);
    assert.strictEqual(chooseLocalityOrder(relabelled), undefined, 'already local');
    assert.strictEqual(chooseLocalityOrder(weights, n + 1), undefined, 'small');
  });
});

suite('weights: what cannot be fitted with is refused where it is fixed (issue 12, classes 2, 5, 6, 9)', () => {
  /** A spec whose fields sit on lines of their own: weights.path on 3, weights.style on 4, weights.threshold on 5, weights.geometry on 6. */
  const FIELD_LINE: Record<string, number> = { weights: 2, 'weights.path': 3, 'weights.style': 4, 'weights.threshold': 5, 'weights.geometry': 6, 'weights.k': 7 };
  const rangeOf = (p: string) => (FIELD_LINE[p] ? { line: FIELD_LINE[p], column: 5 } : undefined);
  const at = { specFile: 'm.sar.json', rangeOf };
  const ids3 = parseCsv('id,x,y\n1,0,0\n2,1,0\n3,5,0\n', 'd.csv');

  /** The one problem fn throws, checked to be at `where` and to name `names` (what to change). */
  function refusal(fn: () => unknown, where: string, ...names: RegExp[]): string {
    const [p, ...rest] = problemsOf(fn);
    assert.ok(p.startsWith(`${where}: error: `), p);
    for (const re of names) assert.match(p, re);
    return [p, ...rest].join('\n');
  }

  test('class 2: no links at all — a GAL of islands, GWT weights all 0, a threshold below every distance, polygons that touch nowhere — even with allowIslands', () => {
    for (const allowIslands of [false, true]) {
      const gal = parseGal('0 3 x id\n1 0\n\n2 0\n\n3 0\n\n', 'i.gal');
      refusal(() => buildWeights({ ...common, allowIslands, type: 'gal', path: 'i.gal', idColumn: 'id' }, ids3, { ...at, gal }),
        'm.sar.json:3:5', /i\.gal: none of its 3 regions has a neighbour/, /no spatial model to fit/, /give the regions neighbours in i\.gal/);
      const gwt = parseGwt('0 3 x id\n1 2 0\n2 1 0\n3 2 0\n', 'z.gwt');
      refusal(() => buildWeights({ ...common, allowIslands, type: 'gwt', path: 'z.gwt', idColumn: 'id' }, ids3, { ...at, gwt }),
        'm.sar.json:3:5', /z\.gwt: all its 3 weights are 0/);
      // Nearest-neighbour distances 1, 1 and 4: the smallest connecting threshold is 4.
      refusal(() => buildWeights({ ...common, allowIslands, type: 'distance', threshold: 0.5, coordinates: ['x', 'y'], distance: 'euclidean', inversePower: 0 }, ids3, at),
        'm.sar.json:5:5', /threshold 0\.5 is shorter than the distance between any two observations/, /set "weights\.threshold" to at least 4, the smallest value that gives every observation a neighbour/);
      const geometry = parseGeoJson(JSON.stringify({ type: 'FeatureCollection', features: [0, 1, 2].map((k) => ({ type: 'Feature', properties: { id: k + 1 }, geometry: { type: 'Polygon', coordinates: [[[3 * k, 0], [3 * k + 1, 0], [3 * k + 1, 1], [3 * k, 0]]] } })) }), 'far.geojson', { idProperty: 'id' });
      refusal(() => buildWeights({ ...common, allowIslands, type: 'contiguity', geometry: 'far.geojson', criterion: 'queen', idProperty: 'id', idColumn: 'id' }, ids3, { ...at, geometry }),
        'm.sar.json:6:5', /no two polygons of far\.geojson share a boundary point/);
    }
  });

  test('class 2: a threshold that leaves some islands says the smallest threshold that connects everyone (spdep: max of the 1-NN distances)', () => {
    // Columbus x, y: spdep gives max(unlist(nbdists(knn2nb(knearneigh(xy, 1)), xy))) = 0.61886415807684525.
    const spec: WeightsSpec = { ...common, type: 'distance', threshold: 0.45, coordinates: ['x', 'y'], distance: 'euclidean', inversePower: 0 };
    const all = refusal(() => buildWeights(spec, columbus.table, at), 'm.sar.json:5:5', /threshold 0\.45 leaves 8 observations without neighbours/, /raise "weights\.threshold" to 0\.618865/);
    assert.match(all, /data\.csv:2:1: error: row 1 has no neighbours/);
    assert.strictEqual(buildWeights({ ...spec, threshold: 0.618865 }, columbus.table).islands.length, 0);
    assert.throws(() => buildWeights({ ...spec, threshold: 0.618864 }, columbus.table), ProblemError);
  });

  test('class 5: an inverse-distance weight of (nearly) coincident points names both observations, rows and lines', () => {
    const table = parseCsv('id,x,y\na,0,0\nb,1,0\nc,1e-200,0\n', 'near.csv');
    const spec: WeightsSpec = { ...common, type: 'distance', threshold: 2, coordinates: ['x', 'y'], distance: 'euclidean', inversePower: 2, idColumn: 'id' };
    refusal(() => buildWeights(spec, table, at), 'near.csv:4:3',
      /id "a", row 1 \(line 2\) and id "c", row 3 \(line 4\) of near\.csv are only 1e-200 apart: the inverse-distance weight 1\/d² \(inversePower 2\) is too large for a double/,
      /merge or remove the nearly coincident points, or use "inversePower": 0/);
    const far = parseCsv('x,y\n0,0\n1e300,0\n2e300,0\n', 'far.csv');
    refusal(() => buildWeights({ ...spec, idColumn: undefined, threshold: 1e301 }, far, at), 'far.csv:3:1', /row 1 \(line 2\) and row 2 \(line 3\) of far\.csv are 1e\+300 apart: .* too small for a double/, /rescale the coordinates/);
  });

  test('class 5: GWT weights that are subnormal name the link, at its line', () => {
    const gwt = parseGwt('0 3 x id\n1 2 1\n2 1 1e-320\n3 1 1\n', 's.gwt');
    refusal(() => buildWeights({ ...common, type: 'gwt', path: 's.gwt', idColumn: 'id' }, ids3, { ...at, gwt }), 's.gwt:3:3',
      /the weight 1e-320 of id "2" \(row 2\) → id "1" \(row 1\) is below the smallest normal double/, /multiply all weights in s\.gwt by one constant/);
  });

  test('class 6: a style that cannot be applied is an error at "weights.style"', () => {
    const gwt = parseGwt('0 3 x id\n1 2 1\n2 1 -1\n3 1 1\n1 3 -1\n', 'c.gwt');
    for (const style of ['C', 'U'] as const) {
      refusal(() => buildWeights({ ...common, style, type: 'gwt', path: 'c.gwt', idColumn: 'id' }, ids3, { ...at, gwt }), 'm.sar.json:4:5',
        new RegExp(`style "${style}" divides by the sum of all weights, which is 0 here`), /choose style "W" or "B" in "weights\.style", or fix the weights in c\.gwt/);
    }
    refusal(() => buildWeights({ ...common, style: 'S', type: 'gwt', path: 'c.gwt', idColumn: 'id' }, ids3, { ...at, gwt }), 'm.sar.json:4:5',
      /style "S" divides by the sum of the row-normalised weights, which is 0 here/, /choose style "W" or "B" in "weights\.style", or fix the weights in c\.gwt/);
    const big = parseGwt('0 3 x id\n1 2 1e308\n1 3 1e308\n2 1 1\n3 1 1\n', 'b.gwt');
    refusal(() => buildWeights({ ...common, style: 'B', type: 'gwt', path: 'b.gwt', idColumn: 'id' }, ids3, { ...at, gwt: big }), 'm.sar.json:4:5', /style "B" uses the weights as they are/, /"weights\.style"/);
    // Style W divides each row by its sum without overflow: 1e308 + 1e308 is no obstacle.
    assert.deepStrictEqual(Array.from(buildWeights({ ...common, type: 'gwt', path: 'b.gwt', idColumn: 'id' }, ids3, { gwt: big }).w.values), [0.5, 0.5, 1, 1]);
  });

  test('class 9: a GWT row whose weights sum to 0 (1 and −1) or less is an island in all but name; negative weights are a warning', () => {
    const gwt = parseGwt('0 3 x id\n1 2 1\n1 3 -1\n2 1 1\n3 1 2\n', 'n.gwt');
    const spec: WeightsSpec = { ...common, type: 'gwt', path: 'n.gwt', idColumn: 'id' };
    refusal(() => buildWeights(spec, ids3, { ...at, gwt }), 'n.gwt:2:1',
      /1 observation has no neighbours: id "1" \(row 1\) \(its weights 1, -1 sum to ≤ 0, and style "W" divides each row by its sum\)/, /"allowIslands": true/);
    const w = buildWeights({ ...spec, allowIslands: true }, ids3, { gwt });
    assert.deepStrictEqual(w.islands, [0]);
    assert.deepStrictEqual(rowSums(w.w), [0, 1, 1]);
    assert.deepStrictEqual(w.warnings!.map(formatProblem), ['n.gwt:3:3: warning: 1 of the 4 weights in n.gwt is negative (the first: id "1" (row 1) → id "3" (row 3)); spatial weights are normally ≥ 0: check that the file holds weights']);
    // Style B keeps the row as it is: it is not an island there.
    assert.deepStrictEqual(buildWeights({ ...spec, style: 'B' }, ids3, { gwt }).islands, []);
    const zeros = parseGwt('0 3 x id\n1 2 0\n1 3 0\n2 1 1\n3 1 2\n', 'z.gwt');
    refusal(() => buildWeights({ ...spec, style: 'B' }, ids3, { ...at, gwt: zeros }), 'z.gwt:2:1', /its 2 weights are 0/);
  });

  test('a GAL header naming an id variable that is a data column: its ids are matched to that column (said), or to row numbers when they are not its values (warned)', () => {
    const table = parseCsv('code,v\n30,1\n10,2\n20,3\n', 'd.csv');
    const gal = parseGal('0 3 x code\n10 1\n20\n20 2\n10 30\n30 1\n20\n', 'h.gal');
    const w = buildWeights({ ...common, type: 'gal', path: 'h.gal' }, table, { ...at, gal });
    // Row 0 is code 30, whose neighbour is 20 (row 2); row 1 (10) → row 2; row 2 (20) → rows 0, 1.
    assert.deepStrictEqual(rowsOf(w.w), [[2], [2], [0, 1]]);
    assert.deepStrictEqual(w.ids, ['30', '10', '20']);
    assert.deepStrictEqual(w.warnings!.map(formatProblem), ['m.sar.json:3:5: info: the header of h.gal names the id variable "code", a column of d.csv: its ids are matched to that column (set "weights.idColumn" to match another)']);
    const byNumber = parseGal('0 3 x v\n1 1\n2\n2 2\n1 3\n3 1\n2\n', 'r.gal');
    const table2 = parseCsv('code,v\n30,7\n10,8\n20,9\n', 'd.csv');
    const r = buildWeights({ ...common, type: 'gal', path: 'r.gal' }, table2, { ...at, gal: byNumber });
    assert.deepStrictEqual(rowsOf(r.w), [[1], [0, 2], [1]]);
    assert.match(formatProblem(r.warnings![0]), /^m\.sar\.json:3:5: warning: the header of r\.gal names the id variable "v", a column of d\.csv, but the file's ids are not its values: they are matched to row numbers 1\.\.3/);
  });
});

function rowsOf(a: Csr): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < a.nrows; i++) out.push(Array.from(a.colIdx.subarray(a.rowPtr[i], a.rowPtr[i + 1])));
  return out;
}
