import * as assert from 'assert';
import { KdTree } from '../../src/core/weights/kdtree';
import { distanceBandNeighbours, EARTH_RADIUS_KM, haversineKm, knnNeighbours, pointDistance, WeightValueError } from '../../src/core/weights/points';
import { minimumThreshold } from '../../src/core/weights/connectivityFix';
import { TooManyLinksError } from '../../src/core/weights/neighbours';
import type { Csr } from '../../src/core/sparse/csr';

function rowsOf(a: Csr): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < a.nrows; i++) out.push(Array.from(a.colIdx.subarray(a.rowPtr[i], a.rowPtr[i + 1])));
  return out;
}

/** Deterministic uniform numbers in [0, 1) (mulberry32). */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const f64 = (a: number[]): Float64Array => Float64Array.from(a);

// Almaty, Astana, Shymkent, Karaganda (lon, lat) from test/fixtures/kazakhstan-cities (a copy of ../shared/datasets/kazakhstan-cities).
const CITIES = {
  lon: f64([76.91309, 71.427774, 69.595018, 73.11501]),
  lat: f64([43.326936, 51.181125, 42.320012, 49.884977]),
};

suite('weights: k nearest neighbours', () => {
  test('exact neighbours on a small hand-made point set', () => {
    //  3 . . 4          points: 0 (0,0) 1 (1,0) 2 (3,0) 3 (0,3) 4 (3,3) 5 (1.2,0.9)
    //  . . . .
    //  . 5 . .
    //  0 1 . 2
    const x = f64([0, 1, 3, 0, 3, 1.2]);
    const y = f64([0, 0, 0, 3, 3, 0.9]);
    const { nb, nn } = knnNeighbours(x, y, 2);
    assert.deepStrictEqual(rowsOf(nb), [[1, 5], [0, 5], [1, 5], [0, 5], [2, 5], [0, 1]]);
    // nn keeps the rank order: 2's nearest is 1 (d = 2), then 5 (d ≈ 2.02).
    assert.deepStrictEqual(Array.from(nn.subarray(4, 6)), [1, 5]);
    assert.ok(nb.values.every((v) => v === 1));
  });

  test('ties go to the lower index; coincident points are each other\'s nearest', () => {
    // 1, 2, 3, 4 at distance 1 from 0; 5 sits on 0.
    const x = f64([0, 1, -1, 0, 0, 0]);
    const y = f64([0, 0, 0, 1, -1, 0]);
    const { nn } = knnNeighbours(x, y, 3);
    assert.deepStrictEqual(Array.from(nn.subarray(0, 3)), [5, 1, 2]);
    assert.deepStrictEqual(Array.from(nn.subarray(15, 18)), [0, 1, 2]);
  });

  test('agrees with brute force (distance, then index) on 2000 random points, euclidean and great circle', () => {
    const r = random(7);
    const n = 2000;
    const k = 6;
    const x = new Float64Array(n);
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      // Clustered on a coarse grid so that there are many exact ties.
      x[i] = Math.round(r() * 20) / 2;
      y[i] = Math.round(r() * 20) / 2;
    }
    for (const metric of ['euclidean', 'greatCircle'] as const) {
      const { nn } = knnNeighbours(x, y, k, metric);
      for (let i = 0; i < n; i += 37) {
        const d: { j: number; d: number }[] = [];
        for (let j = 0; j < n; j++) {
          if (j === i) continue;
          d.push({ j, d: metric === 'euclidean' ? (x[i] - x[j]) ** 2 + (y[i] - y[j]) ** 2 : haversineKm(x[i], y[i], x[j], y[j]) });
        }
        d.sort((a, b) => a.d - b.d || a.j - b.j);
        const got = Array.from(nn.subarray(i * k, i * k + k));
        // Same distances as brute force (ties may only swap equal-distance entries in great circle,
        // where chord and haversine round differently).
        const dist = (j: number): number => (metric === 'euclidean' ? (x[i] - x[j]) ** 2 + (y[i] - y[j]) ** 2 : haversineKm(x[i], y[i], x[j], y[j]));
        if (metric === 'euclidean') assert.deepStrictEqual(got, d.slice(0, k).map((e) => e.j), `point ${i}`);
        else got.forEach((j, t) => assert.ok(Math.abs(dist(j) - d[t].d) < 1e-9, `point ${i} rank ${t}`));
      }
    }
  });

  test('great circle: first coordinate is longitude; Almaty–Astana ≈ 966 km', () => {
    const d = haversineKm(CITIES.lon[0], CITIES.lat[0], CITIES.lon[1], CITIES.lat[1]);
    assert.ok(Math.abs(d - 965.84) < 0.05, `Almaty–Astana ${d} km`);
    assert.ok(Math.abs(haversineKm(CITIES.lon[1], CITIES.lat[1], CITIES.lon[3], CITIES.lat[3]) - 187.05) < 0.05);
    // 1° of latitude on this sphere.
    assert.ok(Math.abs(haversineKm(0, 0, 0, 1) - (EARTH_RADIUS_KM * Math.PI) / 180) < 1e-9);
    // Astana's nearest is Karaganda (187 km), then Almaty (966 km), then Shymkent (995 km).
    const { nn } = knnNeighbours(CITIES.lon, CITIES.lat, 3, 'greatCircle');
    assert.deepStrictEqual(Array.from(nn.subarray(3, 6)), [3, 0, 2]);
    // Almaty: Shymkent (607 km) before Karaganda (785 km) before Astana.
    assert.deepStrictEqual(Array.from(nn.subarray(0, 3)), [2, 3, 1]);
  });

  test('great circle works across the date line and near the poles', () => {
    const lon = f64([179.9, -179.9, 170, 0, 90]);
    const lat = f64([0, 0, 0, 89.9, 89.9]);
    const { nn } = knnNeighbours(lon, lat, 1, 'greatCircle');
    assert.deepStrictEqual(Array.from(nn), [1, 0, 0, 4, 3]);
  });

  test('scale invariance: coordinates × 1e300, × 1e-300, × 2^±1000 or subnormal (× 2^-1060) give the same neighbours', () => {
    const r = random(17);
    const n = 3000;
    const x = Float64Array.from({ length: n }, () => r() * 100 - 50);
    const y = Float64Array.from({ length: n }, () => r() * 100 - 50);
    const want = rowsOf(knnNeighbours(x, y, 5).nb);
    for (const c of [1e300, 1e-300, 2 ** 1000, 2 ** -1000, 2 ** -1060]) {
      const got = rowsOf(knnNeighbours(x.map((v) => v * c), y.map((v) => v * c), 5).nb);
      // Exact for powers of two; for 1e±300 the products round, which can only matter for near-ties.
      const differ = got.filter((row, i) => row.join() !== want[i].join()).length;
      assert.ok(c === 1e300 || c === 1e-300 ? differ <= 3 : differ === 0, `× ${c}: ${differ} rows differ`);
    }
  });

  test('n points at one place: each gets the k lowest other indices (ties), without visiting all pairs', () => {
    const n = 20_000;
    const { nn } = knnNeighbours(new Float64Array(n).fill(3), new Float64Array(n).fill(-7), 3);
    assert.deepStrictEqual(Array.from(nn.subarray(0, 3)), [1, 2, 3]);
    assert.deepStrictEqual(Array.from(nn.subarray(3, 6)), [0, 2, 3]);
    for (let i = 4; i < n; i += 997) assert.deepStrictEqual(Array.from(nn.subarray(3 * i, 3 * i + 3)), [0, 1, 2], `point ${i}`);
  });

  test('k must be below n', () => {
    assert.throws(() => knnNeighbours(f64([0, 1]), f64([0, 0]), 2), /k must be an integer in 1\.\.1/);
  });
});

suite('weights: distance band', () => {
  const x = f64([0, 1, 3, 3, 10]);
  const y = f64([0, 0, 0, 4, 0]);

  test('neighbours within the threshold, inclusive; none beyond it', () => {
    const { nb, dist } = distanceBandNeighbours(x, y, 2);
    assert.deepStrictEqual(rowsOf(nb), [[1], [0, 2], [1], [], []]);
    assert.deepStrictEqual(Array.from(dist), [1, 1, 2, 2]);
    // 0–3 is exactly 5 (a 3-4-5 triangle): included.
    assert.deepStrictEqual(rowsOf(distanceBandNeighbours(x, y, 5).nb), [[1, 2, 3], [0, 2, 3], [0, 1, 3], [0, 1, 2], []]);
  });

  test('inverse powers give 1, 1/d and 1/d² raw weights', () => {
    const b0 = distanceBandNeighbours(x, y, 4, 'euclidean', 0).nb;
    const b1 = distanceBandNeighbours(x, y, 4, 'euclidean', 1).nb;
    const b2 = distanceBandNeighbours(x, y, 4, 'euclidean', 2).nb;
    assert.deepStrictEqual(rowsOf(b1), [[1, 2], [0, 2], [0, 1, 3], [2], []]);
    assert.ok(b0.values.every((v) => v === 1));
    // Row 2 (3,0): neighbours 0 (d 3), 1 (d 2), 3 (d 4).
    const row2 = (a: Csr): number[] => Array.from(a.values.subarray(a.rowPtr[2], a.rowPtr[3]));
    assert.deepStrictEqual(row2(b1), [1 / 3, 1 / 2, 1 / 4]);
    assert.deepStrictEqual(row2(b2), [1 / 9, 1 / 4, 1 / 16]);
  });

  test('coincident points: fine for binary weights, an error for inverse ones', () => {
    const xs = f64([0, 0, 1]);
    const ys = f64([0, 0, 0]);
    assert.deepStrictEqual(rowsOf(distanceBandNeighbours(xs, ys, 0.5).nb), [[1], [0], []]);
    assert.throws(() => distanceBandNeighbours(xs, ys, 0.5, 'euclidean', 1), (e: unknown) => e instanceof WeightValueError && e.i === 0 && e.j === 1 && e.distance === 0);
  });

  test('great-circle thresholds are in km', () => {
    const below = distanceBandNeighbours(CITIES.lon, CITIES.lat, 965, 'greatCircle').nb;
    const above = distanceBandNeighbours(CITIES.lon, CITIES.lat, 967, 'greatCircle');
    assert.deepStrictEqual(rowsOf(below)[0], [2, 3]);
    assert.deepStrictEqual(rowsOf(above.nb)[0], [1, 2, 3]);
    const d01 = above.dist[above.nb.rowPtr[0]];
    assert.strictEqual(d01, haversineKm(CITIES.lon[0], CITIES.lat[0], CITIES.lon[1], CITIES.lat[1]));
  });

  test('agrees with brute force on random points', () => {
    const r = random(3);
    const n = 800;
    const xs = new Float64Array(n);
    const ys = new Float64Array(n);
    for (let i = 0; i < n; i++) { xs[i] = r(); ys[i] = r(); }
    const { nb } = distanceBandNeighbours(xs, ys, 0.05);
    const rows = rowsOf(nb);
    for (let i = 0; i < n; i += 13) {
      const want: number[] = [];
      for (let j = 0; j < n; j++) if (j !== i && Math.sqrt((xs[i] - xs[j]) ** 2 + (ys[i] - ys[j]) ** 2) <= 0.05) want.push(j);
      assert.deepStrictEqual(rows[i], want);
    }
  });
});

suite('weights: distance band, hostile input', () => {
  test('the smallest threshold that gives every point a neighbour is the largest nearest-neighbour distance (brute force), at any scale', () => {
    const r = random(23);
    const n = 600;
    const x = Float64Array.from({ length: n }, () => r());
    const y = Float64Array.from({ length: n }, () => r());
    let want = 0;
    for (let i = 0; i < n; i++) {
      let best = Infinity;
      for (let j = 0; j < n; j++) if (j !== i) best = Math.min(best, Math.sqrt((x[i] - x[j]) ** 2 + (y[i] - y[j]) ** 2));
      want = Math.max(want, best);
    }
    assert.strictEqual(minimumThreshold(x, y, 'euclidean'), want);
    assert.strictEqual(minimumThreshold(x.map((v) => v * 2 ** 1000), y.map((v) => v * 2 ** 1000), 'euclidean'), want * 2 ** 1000);
    assert.strictEqual(minimumThreshold(x.map((v) => v * 2 ** -1060), y.map((v) => v * 2 ** -1060), 'euclidean') > 0, true);
    assert.strictEqual(pointDistance(f64([-1.5e308]), f64([0]), 0, 0, 'euclidean'), 0);
    assert.strictEqual(pointDistance(f64([-1e308, 1e308]), f64([0, 0]), 0, 1, 'euclidean'), Infinity, 'beyond the doubles');
    assert.strictEqual(pointDistance(f64([1e300, 0]), f64([0, 1e300]), 0, 1, 'euclidean'), Math.hypot(1, 1) * 1e300);
    // At that threshold nobody is an island; just below it, someone is.
    assert.ok(rowsOf(distanceBandNeighbours(x, y, want).nb).every((row) => row.length > 0));
    assert.ok(rowsOf(distanceBandNeighbours(x, y, want * (1 - 1e-12)).nb).some((row) => row.length === 0));
  });

  test('coordinates × 2^1000 with the threshold × 2^1000: the same band, distances and weights scaled exactly', () => {
    const r = random(29);
    const n = 400;
    const x = Float64Array.from({ length: n }, () => r());
    const y = Float64Array.from({ length: n }, () => r());
    const a = distanceBandNeighbours(x, y, 0.1, 'euclidean', 1);
    const c = 2 ** 1000;
    const b = distanceBandNeighbours(x.map((v) => v * c), y.map((v) => v * c), 0.1 * c, 'euclidean', 0);
    assert.deepStrictEqual(rowsOf(b.nb), rowsOf(a.nb));
    assert.deepStrictEqual(Array.from(b.dist), Array.from(a.dist, (d) => d * c));
  });

  test('inverse weights that are not numbers to compute with name the pair: 1/0, an overflow, an underflow', () => {
    const isPair = (i: number, j: number) => (e: unknown) => e instanceof WeightValueError && e.i === i && e.j === j;
    assert.throws(() => distanceBandNeighbours(f64([0, 5, 1e-200]), f64([0, 0, 0]), 1, 'euclidean', 2), isPair(0, 2));
    assert.throws(() => distanceBandNeighbours(f64([0, 1e300]), f64([0, 0]), 1e301, 'euclidean', 2), (e: unknown) => e instanceof WeightValueError && e.weight === 0);
    assert.ok(distanceBandNeighbours(f64([0, 1e300]), f64([0, 0]), 1e301, 'euclidean', 1).nb.values.every((v) => v === 1e-300));
  });

  test('more links than allowed stop the search early', () => {
    const n = 2000;
    const x = Float64Array.from({ length: n }, (_, i) => i);
    assert.throws(() => distanceBandNeighbours(x, new Float64Array(n), 1e9, 'euclidean', 0, 10_000), (e: unknown) => e instanceof TooManyLinksError && e.links === 10_000);
  });
});

suite('weights: kd-tree', () => {
  test('tree order is a permutation that keeps neighbours close', () => {
    const r = random(11);
    const n = 5000;
    const pts = new Float64Array(2 * n);
    for (let i = 0; i < 2 * n; i++) pts[i] = r();
    const tree = new KdTree(pts, 2);
    const seen = new Uint8Array(n);
    tree.ids.forEach((id) => { seen[id]++; });
    assert.ok(seen.every((c) => c === 1));
    // Consecutive points in tree order are much closer than consecutive input points.
    let dTree = 0;
    let dInput = 0;
    for (let t = 1; t < n; t++) {
      const a = tree.ids[t - 1];
      const b = tree.ids[t];
      dTree += Math.hypot(pts[2 * a] - pts[2 * b], pts[2 * a + 1] - pts[2 * b + 1]);
      dInput += Math.hypot(pts[2 * t - 2] - pts[2 * t], pts[2 * t - 1] - pts[2 * t + 1]);
    }
    assert.ok(dTree < dInput / 5, `tree ${dTree} vs input ${dInput}`);
  });
});
