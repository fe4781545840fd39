/**
 * The maximum of a concentrated log-likelihood ℓ(θ) over the spatial parameter's interval:
 * Brent's method as R's `optimize()` (models/brent), which stops ~1e-8 short of the maximum in
 * θ, then Newton steps on the analytic gradient ℓ'(θ) until the step is at rounding level. The
 * LM test on lag-model residuals is ~30× as sensitive to θ as θ itself, so those last digits
 * show (Columbus's Durbin model: 1.3e-6 of the statistic). The curvature of the first step is a
 * second difference of ℓ (any 1e-4 accuracy gives a 1e-12 step from 1e-8 away), later ones the
 * secant of the gradients. A step is taken only while it stays inside the interval and the
 * gradient shrinks, so polishing can only move the estimate closer to a stationary point.
 */
import { maximize, type Maximum } from './brent';

export interface Profile {
  value(theta: number): number;
  /** ℓ'(θ), exact (or as exact as the log-determinant's derivative); without it no polishing. */
  gradient?(theta: number): number;
}

const MAX_NEWTON_STEPS = 6;

export interface ProfileMaximum extends Maximum {
  /** ℓ'(θ) at the estimate when the profile has a gradient. */
  gradient?: number;
  /**
   * The maximum is at a bound of the interval: θ within R's tolerance of it (`all.equal`, as
   * spatialreg warns), or Brent's bracket never left that end (ℓ still rising towards it; e.g.
   * the complete graph, where ℓ is unbounded at 1/λ_min).
   */
  atBound: boolean;
}

export function maximiseProfile(profile: Profile, lo: number, hi: number): ProfileMaximum {
  const brent = maximize(profile.value, lo, hi);
  const atBound = nearBound(brent.x, lo, hi) || brent.bracket[0] === lo || brent.bracket[1] === hi;
  const gradient = profile.gradient;
  if (!gradient || atBound) return { ...brent, atBound };
  let x = brent.x;
  let g = gradient(x);
  const delta = 1e-4 * Math.min(1, x - lo, hi - x);
  let h = (profile.value(x + delta) - 2 * brent.value + profile.value(x - delta)) / (delta * delta);
  if (!Number.isFinite(g)) return { ...brent, atBound };
  let evaluations = brent.evaluations + 2;
  for (let step = 0; step < MAX_NEWTON_STEPS && g !== 0; step++) {
    if (!(h < 0)) break;
    const next = x - g / h;
    if (!(next > lo && next < hi) || next === x) break;
    const gNext = gradient(next);
    evaluations++;
    if (!(Math.abs(gNext) < Math.abs(g))) break;
    h = (gNext - g) / (next - x);
    const moved = Math.abs(next - x);
    x = next;
    g = gNext;
    if (moved <= 4 * Number.EPSILON * Math.max(Math.abs(x), 1)) break;
  }
  return { ...brent, x, value: x === brent.x ? brent.value : profile.value(x), evaluations, gradient: g, atBound };
}

/** As R's `isTRUE(all.equal(θ, bound))`: within 1.5e-8 relative of an end of the interval. */
export function nearBound(x: number, lo: number, hi: number): boolean {
  const close = (a: number, b: number) => Math.abs(a - b) <= 1.5e-8 * Math.max(Math.abs(b), 1) * 10;
  return close(x, lo) || close(x, hi);
}
