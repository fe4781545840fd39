import * as assert from 'assert';
import { linkPairs, neighbourRings } from '../../webview/spatial/graph';
import { classedLayer, componentLayer, significanceLayer, type LocalInputs } from '../../webview/spatial/layers';
import { buildGeometry, hitTest } from '../../webview/spatial/geometry';
import { mapSvg } from '../../webview/spatial/mapExport';

// A path 0 – 1 – 2 – 3 and an isolated 4.
const path = { rowPtr: [0, 1, 3, 5, 6, 6], colIdx: [1, 0, 2, 1, 3, 2] };

suite('spatial views: graph, layers, geometry, figure export', () => {
  test('neighbour rings: order 1 the neighbours, order 2 theirs without the first ring or the start', () => {
    assert.deepStrictEqual(neighbourRings(path, [0], 2), [[1], [2]]);
    assert.deepStrictEqual(neighbourRings(path, [1], 2), [[0, 2], [3]]);
    assert.deepStrictEqual(neighbourRings(path, [4], 2), [[]]);
  });

  test('each undirected link is drawn once; a one-way link too', () => {
    assert.deepStrictEqual(Array.from(linkPairs(path)), [0, 1, 1, 2, 2, 3]);
    assert.deepStrictEqual(Array.from(linkPairs({ rowPtr: [0, 1, 1], colIdx: [1] })), [0, 1]);
  });

  test('a box map layer: six classes, one colour each, counts that add up to n, the hinges named', () => {
    const v = [1, 2, 3, 4, 5, 6, 7, 8, 9, 100];
    const l = classedLayer('x', v, { method: 'boxMap', hinge: 1.5, palette: 'RdBu' });
    assert.strictEqual(l.legend.length, 6);
    assert.strictEqual(l.colors.length, 6);
    assert.strictEqual(l.legend.reduce((s, e) => s + e.count, 0), v.length);
    assert.strictEqual(l.legend[5].count, 1, 'the upper outlier');
    assert.ok(l.note?.startsWith('box map, hinge 1.5: Q1 3, median 5.5, Q3 8'), l.note);
  });

  test('the significance map lists only the levels 999 permutations can reach (p ≥ 0.001)', () => {
    const v: LocalInputs = { variable: 'x', nsim: 999, p: [1e-6, 0.2, 0.02], pSim: [0.001, 0.2, 0.02], quadrant: ['High-High', 'Low-Low', 'Low-Low'], cardinalities: [1, 1, 1], gStarZ: [0, 0, 0], gStarP: [1, 1, 1] };
    const perm = significanceLayer(v, { inference: 'permutation', adjust: 'none', alpha: 0.05 });
    assert.deepStrictEqual(Array.from(perm.classOf, (c) => perm.legend.find((e) => e.cls === c)?.label), ['p ≤ 0.001', 'Not significant', 'p ≤ 0.05']);
    const analytic = significanceLayer(v, { inference: 'analytic', adjust: 'none', alpha: 0.05 });
    assert.strictEqual(analytic.legend.find((e) => e.cls === analytic.classOf[0])?.label, 'p ≤ 0.0001');
  });

  test('components: the largest first, in the Okabe–Ito colours', () => {
    const l = componentLayer([0, 0, 1, 1, 1], [2, 3]);
    assert.deepStrictEqual(l.legend.map((e) => [e.label, e.count]), [['component 1', 3], ['component 2', 2]]);
    assert.deepStrictEqual(Array.from(l.classOf), [1, 1, 0, 0, 0]);
  });

  test('hit test: the polygon under the point, the nearest point within the radius', () => {
    const square = (x: number) => [[[x, 0, x + 1, 0, x + 1, 1, x, 1]]];
    const g = buildGeometry({ kind: 'polygons', coordinates: 'planar', shapes: [square(0), square(2)], ids: ['a', 'b'] });
    assert.strictEqual(hitTest(g, 2.5, 0.5, 0.1), 1);
    assert.strictEqual(hitTest(g, 1.5, 0.5, 0.1), undefined);
    assert.deepStrictEqual([g.anchorX[1], g.anchorY[1]], [2.5, 0.5], 'the area centroid');
    const p = buildGeometry({ kind: 'points', coordinates: 'planar', x: [0, 10], y: [0, 10], ids: ['a', 'b'] });
    assert.strictEqual(hitTest(p, 9.8, 9.9, 0.5), 1);
  });

  test('the SVG figure carries the title, the model and data lines, one path per area and the legend with counts', () => {
    const square = (x: number) => [[[x, 0, x + 1, 0, x + 1, 1, x, 1]]];
    const g = buildGeometry({ kind: 'polygons', coordinates: 'planar', shapes: [square(0), square(2)], ids: ['a', 'b'] });
    const layer = classedLayer('Residual & more', [1, 2], { method: 'equalInterval', k: 2, palette: 'Blues' });
    const svg = mapSvg(g, layer, { a: 10, d: -10, e: 0, f: 20 }, 200, 100, { title: 'Residual & more', lines: ['lag model: y ~ x', 'Data: d.csv'] }, { bg: '#fff', fg: '#000', muted: '#666', outline: '#fff' });
    assert.ok(svg.includes('<title>Residual &amp; more</title>'));
    assert.ok(svg.includes('lag model: y ~ x') && svg.includes('Data: d.csv'));
    assert.strictEqual((svg.match(/<path /g) ?? []).length, 2);
    assert.ok(svg.includes('[1, 1.5) (1)') && svg.includes('[1.5, 2] (1)'), svg);
  });
});
