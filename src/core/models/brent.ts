/**
 * One-dimensional maximisation on [a, b] by Brent's method (golden section with parabolic
 * steps; Brent 1973, ch. 5), the algorithm behind R's `optimize()` that spatialreg uses for ρ/λ.
 * `tol` is the absolute tolerance on x (R's default for spatialreg: sqrt(.Machine$double.eps)).
 * Every step shrinks [a, b] and golden-section steps shrink it by 0.382 at least every other
 * step, so ~150 steps reach any tolerance from any double interval; MAX_EVALUATIONS bounds the
 * loop regardless (`converged` false then, with the best point found).
 */
import { error, ProblemError } from '../problems';

export const MAX_EVALUATIONS = 500;

export interface Maximum {
  x: number;
  value: number;
  evaluations: number;
  converged: boolean;
  /**
   * The final bracket [a, b] around x. An end still at the interval's end means no point beyond x
   * on that side was ever better: the maximum is at (or within tolerance of) that bound.
   */
  bracket: [number, number];
}

export function maximize(f: (x: number) => number, lo: number, hi: number, tol = 1.4901161193847656e-8): Maximum {
  let a = lo;
  let b = hi;
  if (!(Number.isFinite(a) && Number.isFinite(b) && Number.isFinite(b - a) && a < b)) {
    throw new ProblemError(error(`the interval searched for the spatial parameter, [${lo}, ${hi}], is not a finite interval: the weights do not give a usable range of ρ (check them for non-finite or all-zero values)`, undefined, undefined, 'spatial-interval'));
  }
  const c = (3 - Math.sqrt(5)) / 2;
  const eps = Math.sqrt(2.220446049250313e-16);
  const g = (x: number) => {
    const v = -f(x);
    return Number.isFinite(v) ? v : Number.MAX_VALUE;
  };
  let v = a + c * (b - a);
  let w = v;
  let x = v;
  let d = 0;
  let e = 0;
  let fx = g(x);
  let fv = fx;
  let fw = fx;
  let evaluations = 1;
  let converged = false;
  const tol3 = tol / 3;
  while (evaluations < MAX_EVALUATIONS) {
    const xm = (a + b) / 2;
    const tol1 = eps * Math.abs(x) + tol3;
    const t2 = 2 * tol1;
    if (Math.abs(x - xm) <= t2 - (b - a) / 2) {
      converged = true;
      break;
    }
    let p = 0;
    let q = 0;
    let r = 0;
    if (Math.abs(e) > tol1) {
      // Fit a parabola through x, v, w.
      r = (x - w) * (fx - fv);
      q = (x - v) * (fx - fw);
      p = (x - v) * q - (x - w) * r;
      q = (q - r) * 2;
      if (q > 0) p = -p;
      else q = -q;
      r = e;
      e = d;
    }
    if (Math.abs(p) >= Math.abs(q * 0.5 * r) || p <= q * (a - x) || p >= q * (b - x)) {
      e = x < xm ? b - x : a - x; // golden-section step
      d = c * e;
    } else {
      d = p / q; // parabolic step
      const u = x + d;
      if (u - a < t2 || b - u < t2) d = x < xm ? tol1 : -tol1;
    }
    const u = Math.abs(d) >= tol1 ? x + d : d > 0 ? x + tol1 : x - tol1;
    const fu = g(u);
    evaluations++;
    if (fu <= fx) {
      if (u < x) b = x;
      else a = x;
      v = w; fv = fw;
      w = x; fw = fx;
      x = u; fx = fu;
    } else {
      if (u < x) a = u;
      else b = u;
      if (fu <= fw || w === x) {
        v = w; fv = fw;
        w = u; fw = fu;
      } else if (fu <= fv || v === x || v === w) {
        v = u; fv = fu;
      }
    }
  }
  return { x, value: -fx, evaluations, converged, bracket: [a, b] };
}
