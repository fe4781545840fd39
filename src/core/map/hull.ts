/**
 * The convex hull of points (the study area's outline on a point map): Andrew's monotone chain
 * (Andrew 1979; de Berg et al. 2008 §1.1), O(n log n). Non-finite points are skipped; collinear
 * points on an edge are left out. Returns the hull's vertices as indices, counter-clockwise in a
 * y-up frame, starting at the lowest-x (then lowest-y) point; fewer than 3 for degenerate input.
 */
export function convexHull(xs: ArrayLike<number>, ys: ArrayLike<number>): Int32Array {
  const idx: number[] = [];
  for (let i = 0; i < xs.length; i++) if (Number.isFinite(xs[i]) && Number.isFinite(ys[i])) idx.push(i);
  idx.sort((a, b) => xs[a] - xs[b] || ys[a] - ys[b]);
  // Twice the signed area of (o, a, b): > 0 for a left turn.
  const cross = (o: number, a: number, b: number) => (xs[a] - xs[o]) * (ys[b] - ys[o]) - (ys[a] - ys[o]) * (xs[b] - xs[o]);
  const chain = (order: readonly number[]): number[] => {
    const out: number[] = [];
    for (const p of order) {
      while (out.length >= 2 && cross(out[out.length - 2], out[out.length - 1], p) <= 0) out.pop();
      out.push(p);
    }
    return out;
  };
  if (idx.length < 3) return Int32Array.from(idx);
  const lower = chain(idx);
  const upper = chain([...idx].reverse());
  return Int32Array.from([...lower.slice(0, -1), ...upper.slice(0, -1)]);
}
