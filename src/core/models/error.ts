/**
 * Spatial error (SEM) model y = Xβ + u, u = λWu + ε (Anselin 1988; spatialreg `errorsarlm`).
 * For each λ, β(λ) is the OLS fit of y − λWy on X − λWX; every cross-product is a quadratic
 * in λ of precomputed k×k blocks, so an evaluation costs O(k³), not O(n).
 */
import { cholesky, cholSolve, crossprod, crossVec, dot } from '../dense/matrix';
import { matVec, type Csr } from '../sparse/csr';
import type { LogDet } from '../logdet/types';
import { maximize } from './brent';
import type { Design } from './design';
import { gaussianLogLik, residualsOf } from './ols';
import { nearBound, type SpatialFit } from './lag';

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

  const betaAndSse = (lambda: number): { beta: Float64Array; sse: number } => {
    const a = new Float64Array(k * k);
    for (let i = 0; i < k; i++) {
      for (let j = 0; j < k; j++) {
        a[i * k + j] = xx[i * k + j] - lambda * (xw[i * k + j] + xw[j * k + i]) + lambda * lambda * ww[i * k + j];
      }
    }
    const b = xy.map((v, i) => v - lambda * (xwy[i] + wxy[i]) + lambda * lambda * wxwy[i]);
    const { l } = cholesky(a, k, 0);
    const beta = cholSolve(l, k, b);
    const yly = yy - 2 * lambda * ywy + lambda * lambda * wywy;
    return { beta, sse: Math.max(yly - dot(beta, b), 0) };
  };

  const [lo, hi] = logdet.interval;
  const opt = maximize((lambda) => logdet.value(lambda) + gaussianLogLik(d.n, betaAndSse(lambda).sse), lo, hi);
  const lambda = opt.x;
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
    atBoundary: nearBound(lambda, lo, hi),
  };
}
