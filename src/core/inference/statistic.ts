/**
 * Statistics as results hold them, with one notion of "undefined" (result.ts `defined`): a test
 * whose statistic is not a finite non-negative number — a variance that vanishes, 0/0, x/0 — is
 * { statistic: NaN, p: NaN }, and a z whose standard error is not a finite positive number is NaN:
 * NA in reports and tables, null in JSON, never ±Inf and never a significance star.
 */
import { defined, type TestStatistic } from '../result';
import { pchisqUpper, pTwoSidedNormal } from './distributions';

/** A χ² test on `df` degrees of freedom (upper tail). */
export function chisqTest(statistic: number, df: number): TestStatistic {
  const s = statistic >= 0 ? defined(statistic) : NaN;
  return { statistic: s, df, p: pchisqUpper(s, df) };
}

/** z = estimate / SE and its two-sided normal p-value. */
export function zTest(estimate: number, stdError: number): { z: number; p: number } {
  const z = stdError > 0 ? defined(estimate / stdError) : NaN;
  return { z, p: pTwoSidedNormal(z) };
}

/** a/b where b must be a positive share of `scale` to count (else the ratio is undefined): a variance that is zero up to rounding. */
export function ratioOverVariance(a: number, b: number, scale: number): number {
  return b > 1e-12 * scale ? a / b : NaN;
}
