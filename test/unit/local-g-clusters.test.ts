import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { numericColumn, parseCsv } from '../../src/core/io/csv';
import { parseGal } from '../../src/core/io/gal';
import { buildWeights } from '../../src/core/weights/build';
import { cardinalities } from '../../src/core/weights/neighbours';
import { gStarWeights, localG } from '../../src/core/local/localG';
import { localMoran } from '../../src/core/local/localMoran';
import { adjustPValues } from '../../src/core/local/padjust';
import { HOTSPOT_CLASSES, hotspotClasses, LISA_CLASSES, lisaClusters } from '../../src/core/local/clusters';
import { COLUMBUS_DIR } from '../helpers/fixtures';
import { assertClose } from '../helpers/columbus';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const local: any = JSON.parse(fs.readFileSync(path.join(COLUMBUS_DIR, 'reference-local.json'), 'utf8'));
const table = parseCsv(fs.readFileSync(path.join(COLUMBUS_DIR, 'data.csv'), 'utf8'), 'data.csv');
const gal = parseGal(fs.readFileSync(path.join(COLUMBUS_DIR, 'weights.gal'), 'utf8'), 'weights.gal');
const weights = buildWeights({ type: 'gal', path: 'weights.gal', idColumn: 'id', style: 'W', allowIslands: false }, table, { gal });
const crime = numericColumn(table, 'CRIME');

function assertAllClose(actual: ArrayLike<number>, expected: readonly number[], what: string, tol = 1e-9): void {
  assert.strictEqual(actual.length, expected.length);
  for (let i = 0; i < expected.length; i++) assertClose(actual[i], expected[i], tol, `${what}[${i + 1}]`);
}

suite('Getis–Ord local G and G* (spdep localG)', () => {
  test('G*: localG(CRIME, nb2listw(include.self(nb), style = "W")) — z, G, E, V, p to 1e-9; the cluster attribute', () => {
    const ref = local.local_G.CRIME_gstar;
    const g = localG(crime, gStarWeights(weights.raw!, 'W'), { star: true });
    assertAllClose(g.zValue, ref.z, 'z');
    assertAllClose(g.G, ref.G, 'G*');
    assertAllClose(g.expectation, ref.E_G, 'E(G*)');
    assertAllClose(g.variance, ref.V_G, 'V(G*)');
    assertAllClose(g.p, ref.p_two_sided, 'p');
    assert.deepStrictEqual(Array.from(g.high, (h) => (h ? 'High' : 'Low')), ref.cluster);
  });

  test('G*: style B gives the same z-values (z is scale-free in W)', () => {
    const g = localG(crime, gStarWeights(weights.raw!, 'B'), { star: true });
    assertAllClose(g.zValue, local.local_G.CRIME_gstar.z_style_B, 'z (B)');
  });

  test('G (no self): localG(CRIME, lw) — z, G, E, V, p to 1e-9', () => {
    const ref = local.local_G.CRIME_gi;
    const g = localG(crime, weights.w, { star: false });
    assertAllClose(g.zValue, ref.z, 'z');
    assertAllClose(g.G, ref.G, 'G');
    assertAllClose(g.expectation, ref.E_G, 'E(G)');
    assertAllClose(g.variance, ref.V_G, 'V(G)');
    assertAllClose(g.p, ref.p_two_sided, 'p');
  });

  test('G and G* refuse weights of the other kind', () => {
    assert.throws(() => localG(crime, weights.w, { star: true }), /does not include itself/);
    assert.throws(() => localG(crime, gStarWeights(weights.raw!, 'W'), { star: false }), /includes itself/);
  });

  test('gStarWeights adds each observation to its own row, islands included (spdep include.self)', () => {
    const raw = { nrows: 3, ncols: 3, rowPtr: Int32Array.from([0, 1, 2, 2]), colIdx: Int32Array.from([1, 0]), values: Float64Array.from([1, 1]) };
    const w = gStarWeights(raw, 'B');
    assert.deepStrictEqual(Array.from(w.rowPtr), [0, 2, 4, 5]);
    assert.deepStrictEqual(Array.from(w.colIdx), [0, 1, 0, 1, 2]);
  });
});

suite('p-value adjustment (R p.adjust)', () => {
  // R 4.2.2: p <- c(0.01, 0.04, 0.03, 0.5, NA, 0.04, 0.001, 1); p.adjust(p, "BH"); p.adjust(p, "bonferroni")
  const p = [0.01, 0.04, 0.03, 0.5, NaN, 0.04, 0.001, 1];
  test('fdr = Benjamini–Hochberg, NaN kept and not counted', () => {
    const a = adjustPValues(p, 'fdr');
    const r = [0.035, 0.056, 0.056, 0.5833333333333333703, NaN, 0.056, 0.007, 1];
    r.forEach((v, i) => (Number.isNaN(v) ? assert.ok(Number.isNaN(a[i])) : assertClose(a[i], v, 1e-15, `BH[${i}]`)));
  });
  test('bonferroni = min(1, m p)', () => {
    const a = adjustPValues(p, 'bonferroni');
    const r = [0.07, 0.28, 0.21, 1, NaN, 0.28, 0.007, 1];
    r.forEach((v, i) => (Number.isNaN(v) ? assert.ok(Number.isNaN(a[i])) : assertClose(a[i], v, 1e-15, `bonferroni[${i}]`)));
  });
  test('none returns a copy', () => {
    const a = adjustPValues(p, 'none');
    assert.deepStrictEqual(Array.from(a), p);
  });
});

suite('LISA cluster and hot-spot classes (GeoDa colours)', () => {
  test('Columbus CRIME: significant observations take their quadrant, the rest "Not significant"', () => {
    const lm = localMoran(crime, weights.w);
    const card = cardinalities(weights.w);
    const c = lisaClusters(lm.quadrants.pysal, lm.p, card, 0.05);
    const quadr: string[] = local.local_moran.CRIME.quadr.pysal;
    const p: number[] = local.local_moran.CRIME.two_sided.p;
    const expected = quadr.map((q, i) => (p[i] <= 0.05 ? q : 'Not significant'));
    assert.deepStrictEqual(c.classOf.map((k) => LISA_CLASSES[k].label), expected);
    assert.strictEqual(Object.values(c.counts).reduce((s, v) => s + v, 0), 49);
    assert.strictEqual(c.counts.highHigh, expected.filter((e) => e === 'High-High').length);
  });

  test('GeoDa\'s colours: High-High red, Low-Low blue, Low-High light blue, High-Low light red, not significant grey', () => {
    assert.deepStrictEqual([LISA_CLASSES.highHigh.color, LISA_CLASSES.lowLow.color, LISA_CLASSES.lowHigh.color, LISA_CLASSES.highLow.color, LISA_CLASSES.notSignificant.color],
      ['#ff0000', '#0000ff', '#a7adf9', '#f4ada8', '#eeeeee']);
  });

  test('an FDR adjustment leaves fewer or equally many significant observations; islands are "Isolated"', () => {
    const lm = localMoran(crime, weights.w);
    const card = cardinalities(weights.w);
    const plain = lisaClusters(lm.quadrants.pysal, lm.p, card);
    const fdr = lisaClusters(lm.quadrants.pysal, adjustPValues(lm.p, 'fdr'), card);
    assert.ok(fdr.counts.notSignificant >= plain.counts.notSignificant);
    const iso = lisaClusters(Uint8Array.from([3, 0]), [0.01, 0.01], [0, 2]);
    assert.deepStrictEqual(iso.classOf, ['isolated', 'lowLow']);
  });

  test('G* hot and cold spots: significant z > 0 hot, z < 0 cold', () => {
    const ref = local.local_G.CRIME_gstar;
    const c = hotspotClasses(ref.z, ref.p_two_sided, new Array(49).fill(5));
    const expected = (ref.z as number[]).map((z, i) => (ref.p_two_sided[i] <= 0.05 ? (z > 0 ? 'hot' : 'cold') : 'notSignificant'));
    assert.deepStrictEqual(c.classOf, expected);
    assert.ok(c.counts.hot > 0 && c.counts.cold > 0);
    assert.strictEqual(HOTSPOT_CLASSES.hot.color, '#ff0000');
    assert.throws(() => hotspotClasses([1], [0.01], [1], 1.5), /significance level/);
  });
});
