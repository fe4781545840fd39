/** Ordinary least squares on the (scaled) design, as R's `lm()`. */
import { cholesky, cholInverse, cholSolve, crossprod, crossVec } from '../dense/matrix';
import type { Design } from './design';

export interface OlsFit {
  beta: Float64Array;
  residuals: Float64Array;
  sse: number;
  /** (X'X)⁻¹, row-major k×k. */
  xtxInv: Float64Array;
  /** Gaussian log-likelihood with σ² = SSE/n, as R's `logLik.lm`. */
  logLik: number;
}

export function fitOls(d: Design, y: Float64Array = d.y): OlsFit {
  const k = d.cols.length;
  const { l } = cholesky(crossprod(d.cols), k);
  const beta = cholSolve(l, k, crossVec(d.cols, y));
  const residuals = residualsOf(d.cols, y, beta);
  let sse = 0;
  for (let i = 0; i < residuals.length; i++) sse += residuals[i] * residuals[i];
  return { beta, residuals, sse, xtxInv: cholInverse(l, k), logLik: gaussianLogLik(d.n, sse) };
}

/** y − Xβ */
export function residualsOf(cols: readonly Float64Array[], y: Float64Array, beta: Float64Array): Float64Array {
  const r = Float64Array.from(y);
  cols.forEach((c, j) => {
    const b = beta[j];
    for (let i = 0; i < r.length; i++) r[i] -= b * c[i];
  });
  return r;
}

/** −n/2·(ln 2π + ln(SSE/n) + 1): the concentrated Gaussian log-likelihood without Jacobian. */
export function gaussianLogLik(n: number, sse: number): number {
  return -0.5 * n * (Math.log(2 * Math.PI) + Math.log(sse / n) + 1);
}
