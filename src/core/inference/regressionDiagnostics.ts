/**
 * Diagnostics of a regression's residuals and design that decide between specifications:
 * heteroskedasticity (Breusch & Pagan 1979; Koenker 1981), normality (Jarque & Bera 1980),
 * multicollinearity (Belsley, Kuh & Welsch 1980 condition number as GeoDa/spreg print it; VIF).
 *
 * - Breusch–Pagan, on residuals e with σ² = e'e/n and auxiliary regressors Z (constant first):
 *   studentized (Koenker) = n·R² of e² on Z; original = ½·ESS of e²/σ² on Z; df = ncol(Z) − 1.
 *   `lmtest::bptest` takes Z = X; GeoDa/spreg print the same tests with Z = [1, x_j²]; spatialreg's
 *   `bptest.Sarlm` applies them to the residuals of an ML fit with Z = X.
 * - Jarque–Bera = n/6·(S² + (K − 3)²/4), S = m₃/m₂^{3/2}, K = m₄/m₂², m_j central moments with
 *   divisor n; df 2.
 * - Condition number √(λ_max/λ_min) of Z'Z with every column of X (constant included, not
 *   centred) scaled to unit length: the ratio of X's extreme singular values.
 * - VIF_j = 1/(1 − R²_j), R²_j the centred R² of x_j on the other columns of X.
 */
import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import type { TestStatistic } from '../result';
import { chisqTest } from './statistic';
import { dot, orthonormalBasis, residualize } from './linalg';

export interface BreuschPagan {
  /** Koenker's studentized statistic (lmtest's default) and the original one. */
  studentized: TestStatistic;
  original: TestStatistic;
}

export function breuschPagan(residuals: ArrayLike<number>, z: readonly Float64Array[]): BreuschPagan {
  const n = residuals.length;
  const e2 = Float64Array.from(residuals, (v) => v * v);
  const sigma2 = e2.reduce((s, v) => s + v, 0) / n;
  const { q, rank } = orthonormalBasis(z);
  const df = rank - 1;
  // Fitted part of a regression on Z: Q Q'v; ESS and R² from its centred length.
  const mean = sigma2;
  const centred = e2.map((v) => v - mean);
  const resid = residualize(q, centred);
  const tss = dot(centred, centred);
  const rss = dot(resid, resid);
  const ess = tss - rss; // of e² on Z (Z holds the constant, so ESS is centred)
  const studentized = n * (ess / tss);
  const original = ess / (2 * sigma2 * sigma2);
  return {
    studentized: chisqTest(studentized, df),
    original: chisqTest(original, df),
  };
}

/** [1, x_1², …, x_k²] of the non-constant columns (spreg's and GeoDa's auxiliary regressors). */
export function squaresOf(columns: readonly Float64Array[], constant: Float64Array): Float64Array[] {
  return [constant, ...columns.map((c) => c.map((v) => v * v))];
}

export interface JarqueBera extends TestStatistic {
  skewness: number;
  kurtosis: number;
}

export function jarqueBera(residuals: ArrayLike<number>): JarqueBera {
  const n = residuals.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += residuals[i];
  mean /= n;
  let m2 = 0;
  let m3 = 0;
  let m4 = 0;
  for (let i = 0; i < n; i++) {
    const d = residuals[i] - mean;
    const d2 = d * d;
    m2 += d2;
    m3 += d2 * d;
    m4 += d2 * d2;
  }
  m2 /= n;
  m3 /= n;
  m4 /= n;
  const skewness = m3 / m2 ** 1.5;
  const kurtosis = m4 / (m2 * m2);
  const statistic = (n / 6) * (skewness * skewness + (kurtosis - 3) ** 2 / 4);
  return { ...chisqTest(statistic, 2), skewness, kurtosis };
}

/** √(λ_max/λ_min) of the unit-length-scaled X'X (constant included, not centred). */
export function conditionNumber(columns: readonly Float64Array[]): number {
  const k = columns.length;
  const norms = columns.map((c) => Math.sqrt(dot(c, c)));
  const m = new Matrix(k, k);
  for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) m.set(i, j, dot(columns[i], columns[j]) / (norms[i] * norms[j]));
  const ev = new EigenvalueDecomposition(m, { assumeSymmetric: true }).realEigenvalues;
  const min = Math.min(...ev);
  return min > 0 ? Math.sqrt(Math.max(...ev) / min) : NaN;
}

/** Variance inflation factor of each non-constant column `j` of X (constant at index 0). */
export function varianceInflation(columns: readonly Float64Array[], names: readonly string[]): { name: string; rSquared: number; vif: number }[] {
  const out: { name: string; rSquared: number; vif: number }[] = [];
  for (let j = 1; j < columns.length; j++) {
    const others = columns.filter((_, i) => i !== j);
    const x = columns[j];
    const mean = x.reduce((s, v) => s + v, 0) / x.length;
    const centred = x.map((v) => v - mean);
    const r = residualize(orthonormalBasis(others).q, x);
    const rSquared = 1 - dot(r, r) / dot(centred, centred);
    out.push({ name: names[j], rSquared, vif: 1 / (1 - rSquared) });
  }
  return out;
}
