/** The study area's outline on point maps: the convex hull, checked on hand-made point sets. */
import * as assert from 'assert';
import { convexHull } from '../../src/core/map/hull';

suite('map: convex hull of the points (Andrew\'s monotone chain)', () => {
  test('a square with interior and edge points: its four corners, counter-clockwise', () => {
    const xs = [0, 2, 2, 0, 1, 1, 2, 0.5];
    const ys = [0, 0, 2, 2, 1, 0, 1, 1.5];
    assert.deepStrictEqual([...convexHull(xs, ys)], [0, 1, 2, 3]);
  });

  test('every point is inside or on the hull (random points), and the hull turns left at every vertex', () => {
    let s = 7;
    const rnd = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
    const xs = Array.from({ length: 500 }, rnd);
    const ys = Array.from({ length: 500 }, rnd);
    const hull = [...convexHull(xs, ys)];
    assert.ok(hull.length >= 3);
    for (let k = 0; k < hull.length; k++) {
      const [a, b] = [hull[k], hull[(k + 1) % hull.length]];
      for (let i = 0; i < xs.length; i++) {
        const c = (xs[b] - xs[a]) * (ys[i] - ys[a]) - (ys[b] - ys[a]) * (xs[i] - xs[a]);
        assert.ok(c >= -1e-12, `point ${i} is right of edge ${a}→${b}`);
      }
    }
  });

  test('degenerate input: fewer than three points, collinear points, non-finite coordinates', () => {
    assert.deepStrictEqual([...convexHull([1], [1])], [0]);
    assert.deepStrictEqual([...convexHull([0, 1, 2, 3], [0, 1, 2, 3])], [0, 3]);
    assert.deepStrictEqual([...convexHull([0, NaN, 1, 0], [0, 5, 0, 1])], [0, 2, 3]);
  });
});
