import * as assert from 'assert';
import * as fs from 'fs';
import { parseCsv } from '../../src/core/io/csv';
import { parseGal } from '../../src/core/io/gal';
import { joinFeatures, parseGeoJson } from '../../src/core/io/geojson';
import { matchNeighbours, rowIds } from '../../src/core/io/neighbourFile';
import type { Csr } from '../../src/core/sparse/csr';
import { clusterPoints, contiguityNeighbours } from '../../src/core/weights/contiguity';
import { TooManyLinksError } from '../../src/core/weights/neighbours';
import { fixture } from '../helpers/fixtures';

function rowsOf(a: Csr): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < a.nrows; i++) out.push(Array.from(a.colIdx.subarray(a.rowPtr[i], a.rowPtr[i + 1])));
  return out;
}

function links(a: Csr): Set<string> {
  const s = new Set<string>();
  for (let i = 0; i < a.nrows; i++) for (let p = a.rowPtr[i]; p < a.rowPtr[i + 1]; p++) s.add(`${i + 1}-${a.colIdx[p] + 1}`);
  return s;
}

/** A closed square ring with lower-left corner (x, y). */
function square(x: number, y: number, s = 1): Float64Array {
  return Float64Array.from([x, y, x + s, y, x + s, y + s, x, y + s, x, y]);
}

/** 3×3 grid of unit squares, row-major from the lower left: cell 4 is the centre. */
const GRID = Array.from({ length: 9 }, (_, k) => [square(k % 3, Math.floor(k / 3))]);

suite('weights: contiguity', () => {
  test('queen on a 3×3 grid: the centre has 8 neighbours, corners 3, edges 5', () => {
    const nb = contiguityNeighbours(GRID, { criterion: 'queen' });
    const rows = rowsOf(nb);
    assert.deepStrictEqual(rows[4], [0, 1, 2, 3, 5, 6, 7, 8]);
    assert.deepStrictEqual(rows[0], [1, 3, 4]);
    assert.deepStrictEqual(rows[1], [0, 2, 3, 4, 5]);
    assert.strictEqual(nb.colIdx.length, 4 * 3 + 4 * 5 + 8);
  });

  test('rook on a 3×3 grid: the centre has 4 neighbours, corners 2, edges 3', () => {
    const rows = rowsOf(contiguityNeighbours(GRID, { criterion: 'rook' }));
    assert.deepStrictEqual(rows[4], [1, 3, 5, 7]);
    assert.deepStrictEqual(rows[0], [1, 3]);
    assert.deepStrictEqual(rows[1], [0, 2, 4]);
  });

  test('vertices within the snap distance are the same point; beyond it they are not', () => {
    const a = [square(0, 0)];
    const b = [square(1 + 1e-9, 0)]; // a gap of 1e-9
    const c = [square(1 + 1e-3, 0)];
    assert.deepStrictEqual(rowsOf(contiguityNeighbours([a, b], { criterion: 'rook' })), [[1], [0]]);
    assert.deepStrictEqual(rowsOf(contiguityNeighbours([a, c], { criterion: 'rook' })), [[], []]);
    assert.deepStrictEqual(rowsOf(contiguityNeighbours([a, c], { criterion: 'rook', snap: 0.01 })), [[1], [0]]);
    assert.deepStrictEqual(rowsOf(contiguityNeighbours([a, b], { criterion: 'queen', snap: 0 })), [[], []]);
  });

  test('rings without a closing vertex, holes and multi-part polygons', () => {
    const open = Float64Array.from([0, 0, 1, 0, 1, 1, 0, 1]); // not closed
    const holed = [square(-1, -1, 3), square(0, 0, 1)]; // a 3×3 square with a 1×1 hole at (0,0)
    const enclave = [open]; // fills the hole
    // Two parts; the second touches the hole's corner (1,1) and the outer corner (2,2) only.
    const far = [square(10, 10), square(1, 1)];
    const q = rowsOf(contiguityNeighbours([holed, enclave, far], { criterion: 'queen' }));
    assert.deepStrictEqual(q, [[1, 2], [0, 2], [0, 1]]);
    // Rook needs a shared edge: two points in common that are not an edge of both do not make
    // rook neighbours (spdep's queen = FALSE, which counts shared points, would link 0 and 2).
    const r = rowsOf(contiguityNeighbours([holed, enclave, far], { criterion: 'rook' }));
    assert.deepStrictEqual(r, [[1], [0], []]);
  });

  test('a polygon without rings (or sharing nothing) has no neighbours', () => {
    assert.deepStrictEqual(rowsOf(contiguityNeighbours([[square(0, 0)], [], [square(5, 5)]], { criterion: 'queen' })), [[], [], []]);
  });

  suite('Columbus (geometry.geojson vs weights.gal = spdep col.gal.nb)', () => {
    const table = parseCsv(fs.readFileSync(fixture('columbus', 'data.csv'), 'utf8'), 'data.csv');
    const geo = parseGeoJson(fs.readFileSync(fixture('columbus', 'geometry.geojson'), 'utf8'), 'geometry.geojson', { idProperty: 'id' });
    const rows = Array.from(joinFeatures(geo, table, { idColumn: 'id' }), (f) => geo.features[f].rings);
    const gal = links(matchNeighbours(parseGal(fs.readFileSync(fixture('columbus', 'weights.gal'), 'utf8'), 'weights.gal'), rowIds(table, 'id'), 49));

    test('queen gives 236 links: the 230 of col.gal.nb plus 3 pairs touching at one corner (5–16, 25–30, 31–39)', () => {
      // spdep documents the same: poly2nb(columbus) differs from col.gal.nb in 3 pairs (diffnb:
      // 49 − 3 = 46 sub-graphs), and has 232 links once polygon 1 loses its 4.
      const q = links(contiguityNeighbours(rows, { criterion: 'queen' }));
      assert.strictEqual(q.size, 236);
      assert.strictEqual(gal.size, 230);
      for (const l of gal) assert.ok(q.has(l), `GAL link ${l} missing from queen`);
      const extra = [...q].filter((l) => !gal.has(l)).sort();
      assert.deepStrictEqual(extra, ['16-5', '25-30', '30-25', '31-39', '39-31', '5-16']);
    });

    test('rook gives 200 links: col.gal.nb without its 15 corner-only pairs', () => {
      const r = links(contiguityNeighbours(rows, { criterion: 'rook' }));
      assert.strictEqual(r.size, 200);
      for (const l of r) assert.ok(gal.has(l), `rook link ${l} not in the GAL`);
    });

    test('the result does not depend on a small snap', () => {
      for (const snap of [0, 1e-6, 1e-4]) {
        assert.strictEqual(links(contiguityNeighbours(rows, { criterion: 'queen', snap })).size, 236);
      }
    });
  });

  test('coordinates near 1e10 (cells smaller than an ulp) and near the largest doubles: the same neighbours, and the search ends', () => {
    const want = rowsOf(contiguityNeighbours(GRID, { criterion: 'queen' }));
    for (const shift of [1e10, 1e15, 2 ** 52]) { // (integers stay exact up to 2^53)
      const moved = GRID.map((rings) => rings.map((r) => r.map((v) => v + shift)));
      assert.deepStrictEqual(rowsOf(contiguityNeighbours(moved, { criterion: 'queen' })), want, `+ ${shift}`);
    }
    const scaled = GRID.map((rings) => rings.map((r) => r.map((v) => v * 2 ** 1020)));
    assert.deepStrictEqual(rowsOf(contiguityNeighbours(scaled, { criterion: 'queen' })), want, '× 2^1020');
  });

  test('100,000 copies of one vertex are one cluster; many distinct points within the snap distance are too', () => {
    const n = 100_000;
    assert.ok(clusterPoints(new Float64Array(n).fill(1), new Float64Array(n).fill(2), 1e-8).every((c) => c === 0));
    const near = clusterPoints(Float64Array.from({ length: 1000 }, (_, i) => 5 + i * 1e-12), new Float64Array(1000), 1e-8);
    assert.ok(near.every((c) => c === 0));
  });

  test('polygons touching in more pairs than allowed: TooManyLinksError', () => {
    // 300 triangles around one shared vertex: every pair touches (44,850 pairs).
    const pie = Array.from({ length: 300 }, (_, k) => [Float64Array.from([0, 0, Math.cos(k / 50), Math.sin(k / 50), Math.cos((k + 0.5) / 50), Math.sin((k + 0.5) / 50), 0, 0])]);
    assert.strictEqual(contiguityNeighbours(pie, { criterion: 'queen' }).colIdx.length, 300 * 299);
    assert.throws(() => contiguityNeighbours(pie, { criterion: 'queen', maxLinks: 10_000 }), (e: unknown) => e instanceof TooManyLinksError);
  });
});
