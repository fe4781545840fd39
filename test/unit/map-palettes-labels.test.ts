import * as assert from 'assert';
import { PALETTES, paletteColors, paletteInfo, paletteRamp } from '../../src/core/map/palettes';
import { overlaps, placeLabels, type LabelCandidate } from '../../src/core/map/labels';
import { createRng } from '../../src/core/inference/random';

suite('map palettes (ColorBrewer colour-blind safe, viridis)', () => {
  test('ColorBrewer\'s published tables: Blues 5, RdBu 3', () => {
    assert.deepStrictEqual(paletteColors('Blues', 5), ['#eff3ff', '#bdd7e7', '#6baed6', '#3182bd', '#08519c']);
    assert.deepStrictEqual(paletteColors('RdBu', 3), ['#ef8a62', '#f7f7f7', '#67a9cf']);
  });

  test('viridis(5) as R viridisLite gives it; reversed on request', () => {
    assert.deepStrictEqual(paletteColors('viridis', 5), ['#440154', '#3b528b', '#21908c', '#5dc863', '#fde725']);
    assert.deepStrictEqual(paletteColors('viridis', 5, true), ['#fde725', '#5dc863', '#21908c', '#3b528b', '#440154']);
  });

  test('only colour-blind-safe schemes: sequential and diverging, no Spectral or RdYlGn', () => {
    const names = PALETTES.map((p) => p.name);
    assert.ok(names.includes('YlOrRd') && names.includes('RdBu') && names.includes('cividis'));
    assert.ok(!names.includes('Spectral') && !names.includes('RdYlGn'));
    assert.deepStrictEqual(paletteInfo('RdBu'), { name: 'RdBu', kind: 'diverging', family: 'ColorBrewer', minClasses: 3, maxClasses: 11 });
    assert.strictEqual(PALETTES[0].kind, 'sequential');
    assert.strictEqual(PALETTES[PALETTES.length - 1].kind, 'diverging');
  });

  test('class counts outside the designed tables sample the ramp between the end colours', () => {
    const c = paletteColors('Blues', 12);
    assert.strictEqual(c.length, 12);
    assert.deepStrictEqual([c[0], c[11]], ['#f7fbff', '#08306b']);
    assert.deepStrictEqual(paletteColors('Greys', 1), [paletteRamp('Greys', 0.5)]);
    assert.strictEqual(paletteRamp('Blues', 0), '#f7fbff');
    assert.strictEqual(paletteRamp('Blues', 1), '#08306b');
    assert.strictEqual(paletteRamp('Blues', 2), '#08306b');
    assert.strictEqual(paletteRamp('Blues', 0, true), '#08306b');
    assert.match(paletteRamp('magma', 0.37), /^#[0-9a-f]{6}$/);
  });

  test('an unknown palette is named with the known ones', () => {
    assert.throws(() => paletteColors('Rainbow', 5), /unknown palette "Rainbow"; known: .*Blues/);
  });
});

function noOverlaps(boxes: { box: { x0: number; y0: number; x1: number; y1: number } }[]): void {
  for (let a = 0; a < boxes.length; a++) {
    for (let b = a + 1; b < boxes.length; b++) assert.ok(!overlaps(boxes[a].box, boxes[b].box), `labels ${a} and ${b} overlap`);
  }
}

suite('map label placement (point maps)', () => {
  const label = (x: number, y: number, priority?: number): LabelCandidate => ({ x, y, width: 40, height: 10, priority });

  test('a lone label goes to the right of its point, vertically centred', () => {
    const r = placeLabels([label(100, 100)]);
    assert.deepStrictEqual(r.placed, [{ index: 0, position: 'right', box: { x0: 103, y0: 95, x1: 143, y1: 105 } }]);
    assert.deepStrictEqual(r.dropped, []);
  });

  test('a neighbour whose right side is taken moves to another side; one with no free side is dropped', () => {
    // The second point's right side is under the first label; the third point has no free side.
    const r = placeLabels([label(100, 100), label(90, 100), label(101, 100)], { markerRadius: 0 });
    noOverlaps(r.placed);
    assert.deepStrictEqual(r.placed.map((p) => [p.index, p.position]), [[0, 'right'], [1, 'left']]);
    assert.deepStrictEqual(r.dropped, [2]);
  });

  test('higher priority is placed first', () => {
    const r = placeLabels([label(100, 100, 0), label(120, 100, 5)], { markerRadius: 0 });
    assert.strictEqual(r.placed[0].index, 1);
    assert.strictEqual(r.placed[0].position, 'right');
  });

  test('labels stay inside the bounds and off other points\' markers', () => {
    const r = placeLabels([label(195, 50)], { bounds: { x0: 0, y0: 0, x1: 200, y1: 100 } });
    assert.strictEqual(r.placed[0].position, 'left');
    // A marker right of the point blocks the right-hand position.
    const m = placeLabels([label(100, 100), { x: 110, y: 100, width: 0, height: 0 }], { markerRadius: 3 });
    assert.notStrictEqual(m.placed.find((p) => p.index === 0)!.position, 'right');
  });

  test('2,000 random points: no two placed labels overlap, every label is placed or dropped', () => {
    const rng = createRng(9);
    const cands = Array.from({ length: 2000 }, () => ({ x: rng.uniform() * 800, y: rng.uniform() * 600, width: 20 + rng.uniform() * 40, height: 10 }));
    const r = placeLabels(cands, { bounds: { x0: 0, y0: 0, x1: 800, y1: 600 } });
    noOverlaps(r.placed);
    assert.strictEqual(r.placed.length + r.dropped.length, 2000);
    assert.ok(r.placed.length > 200, `${r.placed.length} placed`);
    for (const p of r.placed) assert.ok(p.box.x0 >= 0 && p.box.x1 <= 800 && p.box.y0 >= 0 && p.box.y1 <= 600);
  });

  test('bad sizes are refused', () => {
    assert.throws(() => placeLabels([{ x: 0, y: 0, width: -1, height: 5 }]), /label 0/);
  });
});
