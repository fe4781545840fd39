/**
 * Natural breaks: Fisher's (1958, JASA 53, 789–798) exact optimal partition of sorted values into
 * k contiguous classes minimising the within-class sum of squared deviations — the optimum that
 * Jenks' (1977) iterative "natural breaks" method approximates, and R classInt's
 * `style = "fisher"`.
 *
 * Dynamic programming over the distinct values with their multiplicities (equal values are
 * never split between classes): D[c][j] = min over i of D[c−1][i−1] + SSQ(i..j). The optimal
 * split index is monotone in j (the SSQ cost satisfies the quadrangle inequality; Wang & Song
 * 2011, "Ckmeans.1d.dp", R Journal 3/2), so each layer is filled by divide and conquer in
 * O(m log m): O(k m log m) for m distinct values instead of Fisher's O(k m²), still exact.
 * Above MAX_DISTINCT distinct values the partition is computed on MAX_DISTINCT order statistics
 * at evenly spaced ranks (a deterministic sample that keeps the minimum and maximum), and the
 * breaks are then applied to all values.
 */
export const MAX_DISTINCT = 200_000;

/**
 * Upper bounds of the k natural classes of `values` (ascending; the last is the maximum).
 * Fewer than k classes when there are fewer than k distinct values.
 */
export function naturalBreaks(values: ArrayLike<number>, k: number): { uppers: number[]; sampled: boolean } {
  if (!(Number.isInteger(k) && k >= 1)) throw new RangeError(`the number of classes must be a positive integer, got ${k}`);
  let sorted = Float64Array.from(values).sort();
  if (sorted.length === 0) return { uppers: [], sampled: false };
  // Distinct values and their counts.
  let { v, w } = distinct(sorted);
  let sampled = false;
  if (v.length > MAX_DISTINCT) {
    sampled = true;
    const m = MAX_DISTINCT;
    const sample = new Float64Array(m);
    for (let t = 0; t < m; t++) sample[t] = sorted[Math.round((t * (sorted.length - 1)) / (m - 1))];
    sorted = sample;
    ({ v, w } = distinct(sorted));
  }
  const m = v.length;
  const classes = Math.min(k, m);
  // Prefix sums of weight, weighted value and weighted square (values shifted by the median for accuracy).
  const shift = v[m >> 1];
  const W = new Float64Array(m + 1);
  const S = new Float64Array(m + 1);
  const Q = new Float64Array(m + 1);
  for (let j = 0; j < m; j++) {
    const d = v[j] - shift;
    W[j + 1] = W[j] + w[j];
    S[j + 1] = S[j] + w[j] * d;
    Q[j + 1] = Q[j] + w[j] * d * d;
  }
  /** Within-class SSQ of distinct values a..b (inclusive, 0-based). */
  const ssq = (a: number, b: number): number => {
    const ww = W[b + 1] - W[a];
    const s = S[b + 1] - S[a];
    return Math.max(0, Q[b + 1] - Q[a] - (s * s) / ww);
  };
  // prev[j]: best cost of values 0..j in c − 1 classes; split[c][j]: first index of the last class.
  let prev = new Float64Array(m);
  for (let j = 0; j < m; j++) prev[j] = ssq(0, j);
  const split: Int32Array[] = [new Int32Array(m)];
  for (let c = 1; c < classes; c++) {
    const cur = new Float64Array(m).fill(Infinity);
    const arg = new Int32Array(m);
    // Values 0..j in c + 1 classes need j ≥ c; the last class starts at i ∈ [c, j].
    const solve = (jLo: number, jHi: number, iLo: number, iHi: number): void => {
      // Explicit stack instead of recursion (depth ~ log m, but bounded anyway).
      const stack: number[] = [jLo, jHi, iLo, iHi];
      while (stack.length) {
        const ih = stack.pop()!;
        const il = stack.pop()!;
        const jh = stack.pop()!;
        const jl = stack.pop()!;
        if (jl > jh) continue;
        const j = (jl + jh) >> 1;
        let bestI = -1;
        let best = Infinity;
        const top = Math.min(ih, j);
        for (let i = Math.max(il, c); i <= top; i++) {
          const cost = prev[i - 1] + ssq(i, j);
          if (cost < best) {
            best = cost;
            bestI = i;
          }
        }
        cur[j] = best;
        arg[j] = bestI;
        stack.push(jl, j - 1, il, bestI, j + 1, jh, bestI, ih);
      }
    };
    solve(c, m - 1, c, m - 1);
    split.push(arg);
    prev = cur;
  }
  // Walk back the class starts.
  const uppers: number[] = new Array(classes);
  let j = m - 1;
  for (let c = classes - 1; c >= 0; c--) {
    uppers[c] = v[j];
    const i = c === 0 ? 0 : split[c][j];
    j = i - 1;
  }
  return { uppers, sampled };
}

function distinct(sorted: Float64Array): { v: Float64Array; w: Float64Array } {
  const v: number[] = [];
  const w: number[] = [];
  for (let t = 0; t < sorted.length; t++) {
    if (v.length && sorted[t] === v[v.length - 1]) w[w.length - 1]++;
    else {
      v.push(sorted[t]);
      w.push(1);
    }
  }
  return { v: Float64Array.from(v), w: Float64Array.from(w) };
}
