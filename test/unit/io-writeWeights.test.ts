import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { numericColumn, parseCsv } from '../../src/core/io/csv';
import { parseGal } from '../../src/core/io/gal';
import { parseGeoJson } from '../../src/core/io/geojson';
import { parseGwt } from '../../src/core/io/gwt';
import { weightsFileText } from '../../src/core/io/writeWeights';
import type { Table } from '../../src/core/io/table';
import type { WeightsSpec } from '../../src/core/spec/types';
import { buildWeights } from '../../src/core/weights/build';
import { ceilSignif, minimumThreshold } from '../../src/core/weights/connectivityFix';
import type { SpatialWeights } from '../../src/core/weights/types';
import { COLUMBUS_DIR, fixture } from '../helpers/fixtures';
import { ProblemError, type Problem } from '../../src/core/problems';

/**
 * The files in test/fixtures/weights-files are this writer's output, checked by
 * scripts/r/check-written-weights.R (spdep read.gal / read.gwt2nb) and
 * scripts/r/check-written-weights.py (libpysal); UPDATE_WEIGHTS_FILES=1 rewrites them.
 */
const DIR = fixture('weights-files');
const table = parseCsv(fs.readFileSync(path.join(COLUMBUS_DIR, 'data.csv'), 'utf8'), 'data.csv');
const geometry = parseGeoJson(fs.readFileSync(path.join(COLUMBUS_DIR, 'geometry.geojson'), 'utf8'), 'geometry.geojson', { idProperty: 'NEIGNO' });
const common = { style: 'W' as const, allowIslands: false };
const threshold = ceilSignif(minimumThreshold(numericColumn(table, 'X'), numericColumn(table, 'Y'), 'euclidean'));
const islandsTable = parseCsv('name,x,y\na,0,0\nb,1,0\nc,2,0\nd,10,0\ne,13,0\n', 'points.csv'); // d and e are islands

interface Case {
  file: string;
  format: 'gal' | 'gwt';
  spec: WeightsSpec;
  table: Table;
  layer: string;
  idVariable?: string;
}
const cases: Case[] = [
  { file: 'columbus-queen-NEIGNO.gal', format: 'gal', table, layer: 'columbus', idVariable: 'NEIGNO',
    spec: { ...common, type: 'contiguity', geometry: 'geometry.geojson', criterion: 'queen', idProperty: 'NEIGNO', idColumn: 'NEIGNO' } },
  { file: 'columbus-idw-NEIGNO.gwt', format: 'gwt', table, layer: 'columbus', idVariable: 'NEIGNO',
    spec: { ...common, type: 'distance', threshold, coordinates: ['X', 'Y'], distance: 'euclidean', inversePower: 1 } },
  { file: 'columbus-knn4.gwt', format: 'gwt', table, layer: 'columbus',
    spec: { ...common, type: 'knn', k: 4, coordinates: ['X', 'Y'], distance: 'euclidean' } },
  { file: 'islands.gal', format: 'gal', table: islandsTable, layer: 'points',
    spec: { ...common, allowIslands: true, type: 'distance', threshold: 1.5, coordinates: ['x', 'y'], distance: 'euclidean', inversePower: 0 } },
  { file: 'islands.gwt', format: 'gwt', table: islandsTable, layer: 'points',
    spec: { ...common, allowIslands: true, type: 'distance', threshold: 2, coordinates: ['x', 'y'], distance: 'euclidean', inversePower: 2 } },
];

/** Build with the case's ids: the id column when it names one (distance weights take it from the CSV here). */
function build(c: Case): SpatialWeights {
  const w = buildWeights(c.spec, c.table, { geometry });
  if (!c.idVariable || (c.spec.type !== 'distance' && c.spec.type !== 'knn')) return w;
  const col = c.table.columns.indexOf(c.idVariable);
  return { ...w, ids: [...c.table.cells[col]] };
}

function problemsOf(fn: () => unknown): Problem[] {
  try {
    fn();
  } catch (e) {
    if (e instanceof ProblemError) return e.problems;
    throw e;
  }
  return assert.fail('expected a ProblemError');
}

function rowsOf(w: SpatialWeights): [number, number][][] {
  const raw = w.raw!;
  return Array.from({ length: raw.nrows }, (_, i) => Array.from({ length: raw.rowPtr[i + 1] - raw.rowPtr[i] }, (_, t) => {
    const p = raw.rowPtr[i] + t;
    return [raw.colIdx[p], raw.values[p]] as [number, number];
  }));
}

suite('writing weights files (GAL, GWT)', () => {
  for (const c of cases) {
    test(`${c.file}: the writer's output is the committed file that R and libpysal read`, () => {
      const { text } = weightsFileText(build(c), { format: c.format, layer: c.layer, idVariable: c.idVariable });
      const file = path.join(DIR, c.file);
      if (process.env.UPDATE_WEIGHTS_FILES === '1') fs.writeFileSync(file, text);
      assert.strictEqual(text, fs.readFileSync(file, 'utf8'));
    });

    test(`${c.file}: read back by our reader, the same neighbours${c.format === 'gwt' ? ' and raw weights, digit for digit' : ''}`, () => {
      const w = build(c);
      const { text } = weightsFileText(w, { format: c.format, layer: c.layer, idVariable: c.idVariable });
      const idColumn = c.idVariable;
      const spec: WeightsSpec = c.format === 'gal'
        ? { ...common, allowIslands: true, type: 'gal', path: c.file, idColumn }
        : { ...common, allowIslands: true, type: 'gwt', path: c.file, idColumn };
      const back = buildWeights(spec, c.table, c.format === 'gal' ? { gal: parseGal(text, c.file) } : { gwt: parseGwt(text, c.file) });
      const expected = rowsOf(w).map((row) => row.map(([j, v]) => [j, c.format === 'gal' ? 1 : v]));
      assert.deepStrictEqual(rowsOf(back), expected);
      assert.deepStrictEqual(back.islands, w.islands);
    });
  }

  test('the documented layout: header "0 n layer idVariable"; GAL "id count" then the neighbour ids; GWT "origin destination weight"', () => {
    const gal = weightsFileText(build(cases[0]), { format: 'gal', layer: 'columbus', idVariable: 'NEIGNO' }).text.split('\n');
    assert.strictEqual(gal[0], '0 49 columbus NEIGNO');
    assert.strictEqual(gal[1], '1005 2'); // row 1 is NEIGNO 1005, with 2 queen neighbours
    assert.strictEqual(gal[2].split(' ').length, 2);
    assert.strictEqual(gal.length, 1 + 2 * 49 + 1); // and a final newline
    const gwt = weightsFileText(build(cases[1]), { format: 'gwt', layer: 'columbus', idVariable: 'NEIGNO' }).text.trim().split('\n');
    assert.strictEqual(gwt[0], '0 49 columbus NEIGNO');
    for (const line of gwt.slice(1)) assert.match(line, /^10\d\d 10\d\d \d+\.\d+(e-\d+)?$/);
    // An island's GAL record has count 0 and an empty neighbour line.
    const isl = weightsFileText(build(cases[3]), { format: 'gal', layer: 'points' }).text.split('\n');
    assert.deepStrictEqual(isl.slice(0, 3), ['0 5 points unknown', '1 1', '2']);
  });

  test('GAL drops non-binary weights, and says so', () => {
    const r = weightsFileText(build(cases[1]), { format: 'gal' });
    assert.strictEqual(r.warnings.length, 1);
    assert.match(r.warnings[0].message, /save as GWT to keep them/);
    assert.strictEqual(weightsFileText(build(cases[0]), { format: 'gal' }).warnings.length, 0);
  });

  test('GWT of the styled weights on request', () => {
    const w = build(cases[2]);
    const text = weightsFileText(w, { format: 'gwt', values: 'styled' }).text;
    assert.match(text.split('\n')[1], /^1 \d+ 0\.25$/);
  });

  test('ids with spaces, duplicate ids and header fields with spaces are problems that name the rows', () => {
    const w = build(cases[3]);
    const spaced = { ...w, ids: ['a', 'b c', 'd', '', 'e'] };
    assert.deepStrictEqual(problemsOf(() => weightsFileText(spaced, { format: 'gal', file: 'out.gal' })).map((p) => p.code), ['weights-id-space']);
    assert.match(problemsOf(() => weightsFileText(spaced, { format: 'gal' }))[0].message, /row 2 \("b c"\), row 4 \(""\)/);
    const dup = { ...w, ids: ['a', 'b', 'a', 'd', 'e'] };
    assert.match(problemsOf(() => weightsFileText(dup, { format: 'gwt' }))[0].message, /"a" \(rows 1 and 3\)/);
    assert.deepStrictEqual(problemsOf(() => weightsFileText(w, { format: 'gal', layer: 'my layer' })).map((p) => p.code), ['weights-header']);
  });
});
