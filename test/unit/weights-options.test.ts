/**
 * The weights users build beyond plain neighbours: symmetrised kNN (spdep make.sym.nb),
 * higher-order neighbours (nblag, nblag_cumul), the minimum distance band, and kernel weights
 * (libpysal Kernel) — against spdep (test/fixtures/higher-order, scripts/r/higher-order.R) and
 * libpysal (test/fixtures/kernel, scripts/python/kernel-reference.py), and the kernel formulas
 * on a hand-made example.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import { parseCsv } from '../../src/core/io/csv';
import { parseGal } from '../../src/core/io/gal';
import type { Csr } from '../../src/core/sparse/csr';
import type { KernelWeightsSpec, WeightsSpec } from '../../src/core/spec/types';
import { buildWeights } from '../../src/core/weights/build';
import { kernelValue, KERNEL_EPS } from '../../src/core/weights/kernel';
import { fixture } from '../helpers/fixtures';

const columbus = {
  table: parseCsv(fs.readFileSync(fixture('columbus', 'data.csv'), 'utf8'), 'data.csv'),
  gal: parseGal(fs.readFileSync(fixture('columbus', 'weights.gal'), 'utf8'), 'weights.gal'),
};
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const spdep: any = JSON.parse(fs.readFileSync(fixture('higher-order', 'reference.json'), 'utf8'));
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const pysal: any = JSON.parse(fs.readFileSync(fixture('kernel', 'reference.json'), 'utf8'));
const common = { style: 'B', allowIslands: true } as const;

/** 1-based neighbour lists of each row. */
function lists(m: Csr): number[][] {
  return Array.from({ length: m.nrows }, (_, i) => Array.from(m.colIdx.subarray(m.rowPtr[i], m.rowPtr[i + 1]), (j) => j + 1));
}
function raw(spec: WeightsSpec, table = columbus.table): Csr {
  return buildWeights(spec, table, { gal: columbus.gal }).raw!;
}
const knn4: WeightsSpec = { ...common, type: 'knn', k: 4, coordinates: ['X', 'Y'], distance: 'euclidean' };

suite('weights: symmetrised kNN, higher orders, the minimum threshold (spdep)', () => {
  test('"symmetric": true is make.sym.nb', () => {
    assert.deepStrictEqual(lists(raw({ ...knn4, symmetric: true })), spdep.knn4_symmetric);
  });

  for (const [name, spec] of [['the Columbus GAL', { ...common, type: 'gal', path: 'weights.gal', idColumn: 'id' }], ['kNN-4 (directed)', knn4]] as const) {
    test(`order 2 and 3 of ${name} are nblag's, cumulative is nblag_cumul's`, () => {
      const ref = spdep[name === 'kNN-4 (directed)' ? 'knn4' : 'gal'];
      assert.deepStrictEqual(lists(raw({ ...spec, order: 2 } as WeightsSpec)), ref.order2);
      assert.deepStrictEqual(lists(raw({ ...spec, order: 3 } as WeightsSpec)), ref.order3);
      assert.deepStrictEqual(lists(raw({ ...spec, order: 3, cumulative: true } as WeightsSpec)), ref.cumulative3);
    });
  }

  test('"threshold": "minimum" is the largest nearest-neighbour distance, and says so', () => {
    const w = buildWeights({ ...common, allowIslands: false, type: 'distance', threshold: 'minimum', coordinates: ['X', 'Y'], distance: 'euclidean', inversePower: 0 }, columbus.table, { specFile: 's.sar.json', rangeOf: () => ({ line: 7, column: 3 }) });
    assert.strictEqual(w.islands.length, 0);
    const note = w.warnings!.find((p) => p.code === 'minimum-threshold')!;
    const value = Number(/threshold "minimum" is ([\d.e+-]+)/.exec(note.message)![1]);
    assert.ok(Math.abs(value / spdep.min_threshold_XY.value - 1) < 1e-14, `${value} vs spdep ${spdep.min_threshold_XY.value}`);
    assert.strictEqual(spdep.min_threshold_XY.islands_at_value, 0);
    assert.deepStrictEqual([note.file, note.range?.line], ['s.sar.json', 7]);
  });
});

suite('weights: kernel (libpysal Kernel)', () => {
  test('the kernel functions, by their formulas', () => {
    const z = 0.6;
    assert.strictEqual(kernelValue('triangular', z), 1 - z);
    assert.strictEqual(kernelValue('uniform', z), 0.5);
    assert.strictEqual(kernelValue('quadratic', z), 0.75 * (1 - z * z));
    assert.strictEqual(kernelValue('quartic', z), (15 / 16) * (1 - z * z) ** 2);
    assert.ok(Math.abs(kernelValue('gaussian', 0) - 1 / Math.sqrt(2 * Math.PI)) < 1e-16);
  });

  test('a hand-made 5-point example: adaptive triangular weights from the formulas', () => {
    // (0,0) (1,0) (0,2) (3,1) (1.4,1.7), k = 2: row 0's neighbours 1 (d 1) and 2 (d 2), h = 2·eps
    const table = parseCsv('x,y\n0,0\n1,0\n0,2\n3,1\n1.4,1.7\n', 'p.csv');
    const w = raw({ ...common, type: 'kernel', coordinates: ['x', 'y'], distance: 'euclidean', function: 'triangular', bandwidth: 'adaptive', k: 2, diagonal: 'kernel' }, table);
    const h = 2 * KERNEL_EPS;
    assert.deepStrictEqual(lists(w)[0], [1, 2, 3]);
    const row0 = Array.from(w.values.subarray(w.rowPtr[0], w.rowPtr[1]));
    assert.deepStrictEqual(row0, [1, 1 - 1 / h, 1 - 2 / h]);
  });

  for (const c of pysal.cases) {
    test(`${c.points}: ${c.call} equals libpysal`, () => {
      const csv = c.points === 'five_points'
        ? 'x,y\n' + pysal.points.five_points.map((p: number[]) => p.join(',')).join('\n') + '\n'
        : undefined;
      const table = csv ? parseCsv(csv, 'p.csv') : columbus.table;
      const spec: KernelWeightsSpec = { ...common, type: 'kernel', coordinates: csv ? ['x', 'y'] : ['X', 'Y'], distance: 'euclidean', ...c.spec };
      const w = raw(spec, table);
      c.rows.forEach((r: { neighbours: number[]; weights: number[] }, i: number) => {
        assert.deepStrictEqual(Array.from(w.colIdx.subarray(w.rowPtr[i], w.rowPtr[i + 1])), r.neighbours, `row ${i}`);
        r.weights.forEach((v, t) => assert.ok(Math.abs(w.values[w.rowPtr[i] + t] - v) <= 1e-12, `w[${i}, ${r.neighbours[t]}] ${w.values[w.rowPtr[i] + t]} vs ${v}`));
      });
    });
  }
});
