/**
 * Covariance of the ML estimates, in the scaled units of the design.
 *
 * - `asymptotic`: the inverse of the information matrix (Anselin 1988 ch. 6, eqs. 6.5–6.6;
 *   spatialreg `lagsarlm`/`errorsarlm` with method "eigen"), parameters (σ², ρ|λ, β).
 * - `hessian`: the inverse of minus the Hessian of the profile log-likelihood ℓ(ρ|λ, β) with
 *   σ² = SSE/n concentrated out — the function spatialreg differentiates numerically
 *   (`f_laglm_hess`, `f_errlm_hess` through nlme's `fdHess`). We differentiate the sum of
 *   squares analytically and ln|I − ρW| analytically where the method allows (eigen, traces),
 *   numerically otherwise (sparse), which is more accurate than differencing the whole
 *   likelihood. Parameters (ρ|λ, β).
 */
import { crossprod, dot, invertSymmetric } from '../dense/matrix';
import { matVec, type Csr } from '../sparse/csr';
import type { Design } from './design';
import type { ErrorFit } from './error';
import type { SpatialFit } from './lag';
import type { ATraces, LmTraces } from './spatialTraces';

export interface Covariance {
  /** 'sigma2' (asymptotic only), then 'rho' or 'lambda', then the regressors. */
  names: string[];
  matrix: Float64Array;
  size: number;
}

/** `solve(b)` = (I − ρ̂W)⁻¹b. */
export function lagAsymptotic(d: Design, w: Csr, fit: SpatialFit, tr: ATraces, solve: (b: Float64Array) => Float64Array): Covariance | undefined {
  const n = d.n;
  const k = d.cols.length;
  const s2 = fit.sse / n;
  const xb = new Float64Array(n);
  d.cols.forEach((c, j) => {
    for (let i = 0; i < n; i++) xb[i] += fit.beta[j] * c[i];
  });
  const awxb = matVec(w, solve(xb)); // W A X β
  const p = k + 2;
  const inf = new Float64Array(p * p);
  const set = (i: number, j: number, v: number) => {
    inf[i * p + j] = v;
    inf[j * p + i] = v;
  };
  set(0, 0, n / (2 * s2 * s2));
  set(0, 1, tr.trAW / s2);
  set(1, 1, tr.trAWAW + tr.trAWtAW + dot(awxb, awxb) / s2);
  const xtx = crossprod(d.cols);
  for (let i = 0; i < k; i++) {
    set(1, 2 + i, dot(d.cols[i], awxb) / s2);
    for (let j = 0; j < k; j++) inf[(2 + i) * p + 2 + j] = xtx[i * k + j] / s2;
  }
  const inv = invertSymmetric(inf, p);
  return inv && { names: ['sigma2', 'rho', ...d.names], matrix: inv, size: p };
}

export function errorAsymptotic(d: Design, fit: ErrorFit, tr: ATraces): Covariance | undefined {
  const n = d.n;
  const k = d.cols.length;
  const s2 = fit.sse / n;
  const p = k + 2;
  const m = new Float64Array(p * p);
  // (σ², λ) block; β is asymptotically independent of both (block-diagonal information).
  const a = n / (2 * s2 * s2);
  const b = tr.trAW / s2;
  const c = tr.trAWAW + tr.trAWtAW;
  const det = a * c - b * b;
  if (!(det > 0)) return undefined;
  m[0] = c / det;
  m[1] = m[p] = -b / det;
  m[p + 1] = a / det;
  const gls = glsCovariance(d, fit);
  if (!gls) return undefined;
  for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) m[(2 + i) * p + 2 + j] = gls[i * k + j];
  return { names: ['sigma2', 'lambda', ...d.names], matrix: m, size: p };
}

/**
 * s²(X_λ'X_λ)⁻¹ (s² = SSE/n), the GLS covariance of β given λ: the β block of the error model's
 * information matrix, and what spatialreg's `errorsarlm` reports for β however λ's SE is found.
 */
export function glsCovariance(d: Design, fit: ErrorFit): Float64Array | undefined {
  const lambda = fit.param;
  const s2 = fit.sse / d.n;
  const xl = d.cols.map((col, j) => col.map((v, i) => v - lambda * fit.wcols[j][i]));
  const inv = invertSymmetric(crossprod(xl), d.cols.length);
  return inv?.map((v) => s2 * v);
}

/** `ldet2` = d²/dρ² ln|I − ρW| at ρ̂. */
export function lagHessian(d: Design, fit: SpatialFit, ldet2: number): Covariance | undefined {
  // e = y − ρWy − Xβ; ∂e/∂ρ = −Wy, ∂e/∂β = −X.
  const z = [fit.wy, ...d.cols];
  return profileHessian(d.n, fit.residuals, z, ldet2, undefined, ['rho', ...d.names]);
}

/** `ldet2` = d²/dλ² ln|I − λW| at λ̂. */
export function errorHessian(d: Design, fit: ErrorFit, ldet2: number): Covariance | undefined {
  // e = (y − λWy) − (X − λWX)β; ∂e/∂λ = −(Wy − WXβ) =: −u, ∂e/∂β = −X_λ,
  // and the mixed second derivative ∂²e/∂λ∂β = WX.
  const n = d.n;
  const lambda = fit.param;
  const u = Float64Array.from(fit.wy);
  fit.wcols.forEach((c, j) => {
    for (let i = 0; i < n; i++) u[i] -= fit.beta[j] * c[i];
  });
  const xl = d.cols.map((col, j) => col.map((v, i) => v - lambda * fit.wcols[j][i]));
  const mixed = fit.wcols.map((c) => dot(c, fit.residuals));
  return profileHessian(n, fit.residuals, [u, ...xl], ldet2, mixed, ['lambda', ...d.names]);
}

/**
 * ℓ(θ) = ln|I − θ₀W| − n/2·ln(SSE(θ)/n) + const with SSE = eᵀe and ∂e/∂θ = −Z:
 * ∂SSE = −2Zᵀe, ∂²SSE = 2ZᵀZ − 2·(mixed terms), and
 * ∂²ℓ = ln|·|''·e₀e₀ᵀ − n/2·(∂²SSE/SSE − ∂SSE ∂SSEᵀ/SSE²).
 * `mixed[j]` = (∂²e/∂θ₀∂β_j)ᵀe, present for the error model only.
 */
function profileHessian(n: number, e: Float64Array, z: Float64Array[], ldet2: number, mixed: number[] | undefined, names: string[]): Covariance | undefined {
  const p = z.length;
  const sse = dot(e, e);
  const g = z.map((zi) => -2 * dot(zi, e));
  const zz = crossprod(z);
  const negH = new Float64Array(p * p);
  for (let i = 0; i < p; i++) {
    for (let j = 0; j < p; j++) {
      let d2 = 2 * zz[i * p + j];
      if (mixed && ((i === 0) !== (j === 0))) d2 += 2 * mixed[(i === 0 ? j : i) - 1];
      negH[i * p + j] = (n / 2) * (d2 / sse - (g[i] * g[j]) / (sse * sse));
    }
  }
  negH[0] -= ldet2;
  const inv = invertSymmetric(negH, p);
  return inv && { names, matrix: inv, size: p };
}

/**
 * LM test for residual autocorrelation in a lag model (spatialreg `lagsarlm` summary):
 * (e'We/σ²)² / (T22 − T21A²·var(ρ̂)).
 */
export function lmResidualAutocorrelation(w: Csr, residuals: Float64Array, s2: number, rhoVar: number, tr: LmTraces): number {
  const q = dot(residuals, matVec(w, residuals)) / s2;
  return (q * q) / (tr.trTW - tr.trTWA * tr.trTWA * rhoVar);
}
