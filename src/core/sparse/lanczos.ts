/**
 * Extreme eigenvalues of a large symmetric operator by the Lanczos iteration (Golub & Van Loan
 * 2013 §10.1), without reorthogonalisation: lost orthogonality only duplicates converged Ritz
 * values, it does not move the extreme ones. Ritz values approach the extremes from inside the
 * spectrum, so callers that need a bound must add a margin (or verify, as the sparse log-det
 * does with a factorisation).
 */
import { Xoshiro128 } from '../traces/random';

export interface LanczosOptions {
  maxIterations?: number;
  /** Stop when the wanted extreme Ritz values move less than this (relative) between checks. */
  tolerance?: number;
  /** Which end must converge (default both): the largest eigenvalue of a row-standardised W is known to be 1. */
  ends?: 'min' | 'max' | 'both';
  seed?: number;
}

export interface LanczosResult {
  min: number;
  max: number;
  iterations: number;
  converged: boolean;
}

/** `apply(x, y)` must set y = A x for the symmetric n × n operator A. */
export function lanczosExtremes(
  n: number,
  apply: (x: Float64Array, y: Float64Array) => void,
  options: LanczosOptions = {},
): LanczosResult {
  const maxIterations = Math.min(options.maxIterations ?? 1000, n);
  const tol = options.tolerance ?? 1e-10;
  const alpha = new Float64Array(maxIterations);
  const beta = new Float64Array(maxIterations);
  let prev = new Float64Array(n);
  let q = new Float64Array(n);
  let w = new Float64Array(n);
  new Xoshiro128(options.seed ?? 1).fillRademacher(q);
  scale(q, 1 / Math.sqrt(n));
  let last = { min: NaN, max: NaN };
  let j = 0;
  for (; j < maxIterations; j++) {
    apply(q, w);
    const bPrev = j > 0 ? beta[j - 1] : 0;
    let a = 0;
    for (let i = 0; i < n; i++) {
      w[i] -= bPrev * prev[i];
      a += w[i] * q[i];
    }
    let norm2 = 0;
    for (let i = 0; i < n; i++) {
      w[i] -= a * q[i];
      norm2 += w[i] * w[i];
    }
    alpha[j] = a;
    beta[j] = Math.sqrt(norm2);
    const invariant = beta[j] <= 1e-14 * Math.max(Math.abs(a), 1);
    if (invariant || j % 10 === 9 || j === maxIterations - 1) {
      const now = { min: tridiagonalExtreme(alpha, beta, j + 1, -1), max: tridiagonalExtreme(alpha, beta, j + 1, 1) };
      const scaleRef = Math.max(Math.abs(now.min), Math.abs(now.max), 1e-300);
      const ends = options.ends ?? 'both';
      const settled =
        (ends === 'max' || Math.abs(now.min - last.min) <= tol * scaleRef) && (ends === 'min' || Math.abs(now.max - last.max) <= tol * scaleRef);
      last = now;
      if (invariant || settled) return { ...now, iterations: j + 1, converged: true };
    }
    // prev ← q, q ← w / β, w reused
    const t = prev;
    prev = q;
    q = w;
    w = t;
    scale(q, 1 / beta[j]);
  }
  return { ...last, iterations: j, converged: false };
}

function scale(x: Float64Array, s: number): void {
  for (let i = 0; i < x.length; i++) x[i] *= s;
}

/**
 * Smallest (side = -1) or largest (side = 1) eigenvalue of the k × k symmetric tridiagonal
 * matrix (diagonal alpha, off-diagonal beta[0..k-2]) by bisection on Sturm counts.
 */
function tridiagonalExtreme(alpha: Float64Array, beta: Float64Array, k: number, side: -1 | 1): number {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < k; i++) {
    const r = (i > 0 ? Math.abs(beta[i - 1]) : 0) + (i < k - 1 ? Math.abs(beta[i]) : 0);
    lo = Math.min(lo, alpha[i] - r);
    hi = Math.max(hi, alpha[i] + r);
  }
  // Find the point where the count of eigenvalues below x passes 0 (side -1) or k - 1 (side 1).
  const target = side < 0 ? 1 : k;
  for (let it = 0; it < 200 && hi - lo > 1e-15 * Math.max(Math.abs(lo), Math.abs(hi)); it++) {
    const mid = 0.5 * (lo + hi);
    if (countBelow(alpha, beta, k, mid) >= target) hi = mid;
    else lo = mid;
  }
  return 0.5 * (lo + hi);
}

/** Number of eigenvalues of the tridiagonal matrix below x (Sturm sequence, LDLᵀ signs). */
function countBelow(alpha: Float64Array, beta: Float64Array, k: number, x: number): number {
  let count = 0;
  let d = 1;
  for (let i = 0; i < k; i++) {
    const b2 = i > 0 ? beta[i - 1] * beta[i - 1] : 0;
    d = alpha[i] - x - (i > 0 ? b2 / d : 0);
    if (d === 0) d = -1e-300; // a zero pivot counts as negative (x is an eigenvalue)
    if (d < 0) count++;
  }
  return count;
}
