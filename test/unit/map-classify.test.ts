import * as assert from 'assert';
import * as fs from 'fs';
import { classify, percentileType5, tukeyHinges, type Classification } from '../../src/core/map/classify';
import { naturalBreaks, MAX_DISTINCT } from '../../src/core/map/jenks';
import { createRng } from '../../src/core/inference/random';
import { fixture } from '../helpers/fixtures';
import { assertClose } from '../helpers/columbus';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const ref: any = JSON.parse(fs.readFileSync(fixture('classint', 'reference.json'), 'utf8'));

const counts = (c: Classification): number[] => c.classes.map((k) => k.count);

/** The optimal within-class sum of squares by brute force over every split of the sorted values. */
function bruteForceSsq(values: number[], k: number): number {
  const v = [...values].sort((a, b) => a - b);
  const ssq = (a: number, b: number): number => {
    const part = v.slice(a, b);
    const m = part.reduce((s, t) => s + t, 0) / part.length;
    return part.reduce((s, t) => s + (t - m) ** 2, 0);
  };
  let best = Infinity;
  const rec = (start: number, left: number, acc: number): void => {
    if (left === 1) {
      best = Math.min(best, acc + ssq(start, v.length));
      return;
    }
    for (let end = start + 1; end <= v.length - left + 1; end++) rec(end, left - 1, acc + ssq(start, end));
  };
  rec(0, k, 0);
  return best;
}

function classesSsq(values: number[], uppers: number[]): number {
  let total = 0;
  let lo = -Infinity;
  for (const up of uppers) {
    const part = values.filter((x) => x > lo && x <= up);
    const m = part.reduce((s, t) => s + t, 0) / part.length;
    total += part.reduce((s, t) => s + (t - m) ** 2, 0);
    lo = up;
  }
  return total;
}

suite('map classification: natural breaks (Fisher–Jenks)', () => {
  test('three obvious groups', () => {
    assert.deepStrictEqual(naturalBreaks([20, 1, 11, 2, 21, 3, 10, 12, 22], 3).uppers, [3, 12, 22]);
  });

  test('equal values are never split; fewer distinct values than classes give fewer classes', () => {
    assert.deepStrictEqual(naturalBreaks([1, 1, 1, 1, 5, 5, 9], 3).uppers, [1, 5, 9]);
    assert.deepStrictEqual(naturalBreaks([2, 2, 7], 4).uppers, [2, 7]);
  });

  test('the optimum: equal to a brute-force search over all splits (random small sets, k = 2..5)', () => {
    const rng = createRng(11);
    for (let trial = 0; trial < 60; trial++) {
      const n = 6 + (trial % 7);
      const values = Array.from({ length: n }, () => Math.round(rng.normal() * 50) / 10);
      const k = 2 + (trial % 4);
      const { uppers } = naturalBreaks(values, k);
      assertClose(classesSsq(values, uppers), bruteForceSsq(values, Math.min(k, new Set(values).size)), 1e-9, `trial ${trial}`);
    }
  });

  test('the divide-and-conquer optimum equals Fisher\'s O(k n²) dynamic programme on 1500 values', () => {
    const rng = createRng(5);
    const v = Array.from({ length: 1500 }, () => Math.exp(rng.normal())).sort((a, b) => a - b);
    const k = 6;
    // Fisher's DP over prefix sums: D[c][j] = min_i D[c−1][i−1] + SSQ(i..j).
    const S = [0];
    const Q = [0];
    for (const x of v) {
      S.push(S[S.length - 1] + x);
      Q.push(Q[Q.length - 1] + x * x);
    }
    const ssq = (a: number, b: number): number => Q[b + 1] - Q[a] - (S[b + 1] - S[a]) ** 2 / (b - a + 1);
    let D = v.map((_, j) => ssq(0, j));
    for (let c = 1; c < k; c++) {
      const next = v.map(() => Infinity);
      for (let j = c; j < v.length; j++) for (let i = c; i <= j; i++) next[j] = Math.min(next[j], D[i - 1] + ssq(i, j));
      D = next;
    }
    assertClose(classesSsq(v, naturalBreaks(v, k).uppers), D[v.length - 1], 1e-9, 'optimal SSQ');
  });

  for (const set of ['jenks71', 'columbus_CRIME', 'columbus_HOVAL']) {
    test(`${set}: breaks and class counts equal classInt's fisher (and jenks partitions) for k = 3..7`, () => {
      const s = ref.sets[set];
      for (const r of s.by_k) {
        const c = classify(s.values, { method: 'naturalBreaks', k: r.k });
        const brks = [c.min, ...c.breaks, c.max];
        r.fisher.brks.forEach((b: number, i: number) => assertClose(brks[i], b, 1e-12, `k ${r.k} break ${i}`));
        assert.deepStrictEqual(counts(c), r.fisher.counts, `k ${r.k} counts`);
        assert.deepStrictEqual(c.classes.map((k) => k.max), r.jenks.brks.slice(1), `k ${r.k}: class maxima = classInt jenks breaks`);
      }
    });
  }

  test('jenks71, 5 classes: Jenks & Caspall\'s Illinois example — 35, 33, 18, 11, 5 counties', () => {
    assert.deepStrictEqual(counts(classify(ref.sets.jenks71.values, { method: 'naturalBreaks', k: 5 })), [35, 33, 18, 11, 5]);
  });

  test(`above ${MAX_DISTINCT} distinct values the breaks come from evenly ranked order statistics, said in a note`, () => {
    const rng = createRng(3);
    const values = Float64Array.from({ length: MAX_DISTINCT + 5000 }, () => rng.normal());
    const c = classify(values, { method: 'naturalBreaks', k: 4 });
    assert.match(c.note ?? '', /evenly ranked order statistics/);
    assert.strictEqual(counts(c).reduce((s, v) => s + v, 0), values.length);
    // Symmetric data: the middle break sits near the median 0.
    assert.ok(Math.abs(c.breaks[1]) < 0.05, `middle break ${c.breaks[1]}`);
  });
});

suite('map classification: quantile, equal interval, standard deviation, box map (GeoDa)', () => {
  test('GeoDa\'s percentile is R quantile type 5 (GeoDa\'s own examples: 15, 20, 35, 40, 50)', () => {
    const v = Float64Array.from([15, 20, 35, 40, 50]);
    assert.deepStrictEqual([0.01, 0.1, 0.11, 0.5, 0.89, 0.9, 0.99].map((p) => percentileType5(v, p)), [15, 15, 15.25, 35, 49.5, 50, 50]);
  });

  test('quantile: breaks equal R quantile(type = 5); a value on a break goes to the class nearer the middle', () => {
    const c = classify([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], { method: 'quantile', k: 4 });
    assert.deepStrictEqual(c.breaks, [3, 5.5, 8]);
    assert.deepStrictEqual(counts(c), [2, 3, 3, 2]); // [1, 3) [3, 5.5) [5.5, 8] (8, 10]
    assert.deepStrictEqual(c.classes.map((k) => k.label), ['[1, 3)', '[3, 5.5)', '[5.5, 8]', '(8, 10]']);
    for (const set of Object.keys(ref.sets)) {
      for (const r of ref.sets[set].by_k) {
        const q = classify(ref.sets[set].values, { method: 'quantile', k: r.k });
        r.quantile5.forEach((b: number, i: number) => assertClose(q.breaks[i], b, 1e-12, `${set} k ${r.k} break ${i}`));
      }
    }
  });

  test('equal interval: classInt\'s "equal" breaks', () => {
    for (const set of Object.keys(ref.sets)) {
      for (const r of ref.sets[set].by_k) {
        const c = classify(ref.sets[set].values, { method: 'equalInterval', k: r.k });
        [c.min, ...c.breaks, c.max].forEach((b, i) => assertClose(b, r.equal[i], 1e-12, `${set} k ${r.k} break ${i}`));
      }
    }
  });

  test('standard deviation: mean ± 1, 2 sd (n − 1), six classes, R\'s mean and sd', () => {
    const s = ref.sets.columbus_CRIME;
    const c = classify(s.values, { method: 'standardDeviation' });
    assertClose(c.meanSd!.mean, s.mean, 1e-12, 'mean');
    assertClose(c.meanSd!.sd, s.sd, 1e-12, 'sd');
    assert.strictEqual(c.classes.length, 6);
    assert.deepStrictEqual(c.breaks, [-2, -1, 0, 1, 2].map((t) => c.meanSd!.mean + t * c.meanSd!.sd));
    assert.strictEqual(counts(c).reduce((a, b) => a + b, 0), 49);
  });

  test('box map hinges are Tukey\'s (R fivenum) for odd and even n', () => {
    assert.deepStrictEqual(tukeyHinges(Float64Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9])), { q1: 3, median: 5, q3: 7 });
    assert.deepStrictEqual(tukeyHinges(Float64Array.from([1, 2, 3, 4, 5, 6, 7, 8])), { q1: 2.5, median: 4.5, q3: 6.5 });
    for (const set of Object.keys(ref.sets)) {
      const s = ref.sets[set];
      const h = classify(s.values, { method: 'boxMap' }).hinges!;
      assert.deepStrictEqual([h.q1, h.median, h.q3], [s.fivenum[1], s.fivenum[2], s.fivenum[3]], set);
    }
  });

  test('box map, hinge 1.5: lower outlier, < 25%, 25–50%, 50–75%, > 75%, upper outlier', () => {
    const c = classify([1, 2, 3, 4, 5, 6, 7, 8, 100, -40], { method: 'boxMap' });
    const h = c.hinges!;
    assert.deepStrictEqual([h.q1, h.median, h.q3, h.iqr, h.lowerFence, h.upperFence], [2, 4.5, 7, 5, -5.5, 14.5]);
    assert.deepStrictEqual(c.classes.map((k) => k.name), ['Lower outlier', '< 25%', '25% - 50%', '50% - 75%', '> 75%', 'Upper outlier']);
    assert.deepStrictEqual(counts(c), [1, 1, 3, 3, 1, 1]); // -40 | 1 | 2 3 4 (Q1 ≤ x < median) | 5 6 7 (≤ Q3) | 8 | 100
    assert.strictEqual(c.classes[5].label, 'Upper outlier > 14.5');
    assert.strictEqual(c.classes[0].label, 'Lower outlier < -5.5');
  });

  test('box map, hinge 3: the fences move out, the outliers become ordinary', () => {
    const c = classify([1, 2, 3, 4, 5, 6, 7, 8, 20], { method: 'boxMap', hinge: 3 });
    assert.strictEqual(c.hinges!.upperFence, 7 + 3 * 4);
    assert.deepStrictEqual(counts(c), [0, 2, 2, 3, 1, 1]);
    assert.throws(() => classify([1, 2], { method: 'boxMap', hinge: 2 as 3 }), /hinge is 1.5 or 3/);
  });

  test('continuous: one class over the range; non-finite values are undefined (class −1)', () => {
    const c = classify([3, NaN, 1, Infinity, 2], { method: 'continuous' });
    assert.strictEqual(c.classes.length, 1);
    assert.deepStrictEqual([c.min, c.max, c.undefinedCount], [1, 3, 2]);
    assert.deepStrictEqual(Array.from(c.classOf), [0, -1, 0, -1, 0]);
  });

  test('bad k is refused with the allowed range', () => {
    assert.throws(() => classify([1, 2, 3], { method: 'quantile', k: 0 }), /integer in 1..64/);
  });
});
