/** Sample quantiles as R's default `quantile(type = 7)`: linear interpolation of order statistics. */
export function quantilesType7(values: ArrayLike<number>, probs: readonly number[]): number[] {
  const sorted = Float64Array.from(values).sort();
  const n = sorted.length;
  return probs.map((p) => {
    const h = (n - 1) * p;
    const lo = Math.floor(h);
    const hi = Math.min(lo + 1, n - 1);
    return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
  });
}

/** min, 1Q, median, 3Q, max — the Residuals line of R's summaries. */
export function fiveNumber(values: ArrayLike<number>): [number, number, number, number, number] {
  const q = quantilesType7(values, [0, 0.25, 0.5, 0.75, 1]);
  return [q[0], q[1], q[2], q[3], q[4]];
}
