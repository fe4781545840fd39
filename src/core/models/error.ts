/**
 * Spatial error (SEM) model y = Xβ + u, u = λWu + ε (Anselin 1988; spatialreg `errorsarlm`).
 * For each λ, β(λ) is the OLS fit of y − λWy on X − λWX; every cross-product is a quadratic
 * in λ of precomputed k×k blocks, so an evaluation costs O(k³), not O(n).
 */
import { cholesky, cholSolve, crossprod, crossVec, dot } from '../dense/matrix';
import { matVec, type Csr } from '../sparse/csr';
import type { LogDet } from '../logdet/types';
import { maximiseProfile } from './maximise';
import type { Design } from './design';
import { gaussianLogLik, residualsOf } from './ols';
import { perfectFit, ZERO_SSE, type SpatialFit } from './lag';
import { orthonormalBasis, residualize } from '../inference/linalg';

export interface ErrorFit extends SpatialFit {
  /** W X* columns (scaled), for the covariance. */
  wcols: Float64Array[];
}

export function fitError(d: Design, w: Csr, logdet: LogDet): ErrorFit {
  const k = d.cols.length;
  const wy = matVec(w, d.y);
  const wcols = d.cols.map((c) => matVec(w, c));
  const xx = crossprod(d.cols);
  const ww = crossprod(wcols);
  const xw = new Float64Array(k * k); // X'WX
  for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) xw[i * k + j] = dot(d.cols[i], wcols[j]);
  const xy = crossVec(d.cols, d.y);
  const xwy = crossVec(d.cols, wy);
  const wxy = crossVec(wcols, d.y);
  const wxwy = crossVec(wcols, wy);
  const yy = dot(d.y, d.y);
  const ywy = dot(d.y, wy);
  const wywy = dot(wy, wy);

  // X_λ'X_λ = a(λ), X_λ'y_λ = b(λ), y_λ'y_λ = c(λ): quadratics in λ.
  const blocks = (lambda: number) => {
    const a = new Float64Array(k * k);
    for (let i = 0; i < k; i++) {
      for (let j = 0; j < k; j++) {
        a[i * k + j] = xx[i * k + j] - lambda * (xw[i * k + j] + xw[j * k + i]) + lambda * lambda * ww[i * k + j];
      }
    }
    const b = xy.map((v, i) => v - lambda * (xwy[i] + wxy[i]) + lambda * lambda * wxwy[i]);
    return { a, b, c: yy - 2 * lambda * ywy + lambda * lambda * wywy };
  };
  const betaAndSse = (lambda: number): { beta: Float64Array; sse: number } => {
    const { a, b, c } = blocks(lambda);
    const beta = cholSolve(cholesky(a, k, 0).l, k, b);
    return { beta, sse: Math.max(c - dot(beta, b), 0) };
  };
  // SSE(λ) = c − b'a⁻¹b, so (envelope theorem) SSE' = c' − 2b''β + β'a'β with β = a⁻¹b.
  const sseDerivative = (lambda: number, beta: Float64Array): number => {
    let s = -2 * ywy + 2 * lambda * wywy;
    for (let i = 0; i < k; i++) {
      s -= 2 * beta[i] * (-(xwy[i] + wxy[i]) + 2 * lambda * wxwy[i]);
      for (let j = 0; j < k; j++) s += beta[i] * beta[j] * (-(xw[i * k + j] + xw[j * k + i]) + 2 * lambda * ww[i * k + j]);
    }
    return s;
  };
  const derivative = logdet.derivative?.bind(logdet);

  const [lo, hi] = logdet.interval;
  const opt = maximiseProfile(
    {
      value: (lambda) => logdet.value(lambda) + gaussianLogLik(d.n, betaAndSse(lambda).sse),
      gradient: derivative && ((lambda) => {
        const { beta, sse } = betaAndSse(lambda);
        return derivative(lambda) - (d.n / 2) * sseDerivative(lambda, beta) / sse;
      }),
    },
    lo,
    hi,
  );
  const lambda = opt.x;
  // At a bound I − λW is singular; if (y − λWy) then lies in the span of X − λWX (weights
  // linking every pair), SSE vanishes there and ℓ grows without limit towards it.
  const zeroAt = (l: number) => {
    const yl = d.y.map((v, i) => v - l * wy[i]);
    const r = residualize(orthonormalBasis(d.cols.map((c, j) => c.map((v, i) => v - l * wcols[j][i]))).q, yl);
    return dot(r, r) <= ZERO_SSE * dot(yl, yl);
  };
  const unboundedAtBound = zeroAt(lo) || zeroAt(hi);
  // Inside the interval I − λW is nonsingular, so SSE(λ) = 0 only if y = Xβ exactly, and then for every λ.
  if (zeroAt(0)) throw perfectFit('λ', lambda);
  const { beta } = betaAndSse(lambda);
  // Residuals of the filtered model, as spatialreg reports them: (y − λWy) − (X − λWX)β.
  const yl = d.y.map((v, i) => v - lambda * wy[i]);
  const xl = d.cols.map((c, j) => c.map((v, i) => v - lambda * wcols[j][i]));
  const residuals = residualsOf(xl, yl, beta);
  const sse = dot(residuals, residuals);
  const fitted = d.y.map((v, i) => v - residuals[i]);
  return {
    param: lambda,
    beta,
    sse,
    logLik: logdet.value(lambda) + gaussianLogLik(d.n, sse),
    residuals,
    fitted,
    wy,
    wcols,
    evaluations: opt.evaluations,
    converged: opt.converged,
    atBoundary: opt.atBound || unboundedAtBound,
  };
}
