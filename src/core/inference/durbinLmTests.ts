/**
 * Rao's score (LM) tests on OLS residuals for the spatial Durbin specifications (Koley & Bera
 * 2024, "To use, or not to use the spatial Durbin model? – that is the question", Spatial Economic
 * Analysis 19(1); Koley 2024 §6 for the SDEM; spdep `SD.RStests`, spreg `lmwx`/`rlmwx`): whether
 * the lag ρWy, the lagged regressors WX₀θ, or both belong in the model, each test adjusted for
 * the other's presence, and the error counterpart for the SDEM.
 *
 * With u the OLS residuals, σ² = u'u/N, M = I − X(X'X)⁻¹X', T = tr(WᵀW + WW), the scores
 *   d_ρ = (Wy)'u/σ², d_λ = (Wu)'u/σ², d_θ = (WX₀)'u/σ²
 * and the information, concentrated on β (N times the blocks of Koley & Bera's J):
 *   P_ρρ = (Wŷ)'M(Wŷ)/σ² + T,  P_θθ = (WX₀)'M(WX₀)/σ²,  P_θρ = (WX₀)'M(Wŷ)/σ²,
 * the tests are
 *   RS_ρ = d_ρ²/P_ρρ,  RS_θ = d_θ'P_θθ⁻¹d_θ,
 *   RS*_ρ = (d_ρ − P_ρθP_θθ⁻¹d_θ)² / (P_ρρ − P_ρθP_θθ⁻¹P_θρ),
 *   RS*_θ = (d_θ − P_θρ d_ρ/P_ρρ)'(P_θθ − P_θρP_ρθ/P_ρρ)⁻¹(d_θ − P_θρ d_ρ/P_ρρ),
 *   joint = RS_ρ + RS*_θ = RS*_ρ + RS_θ  (df 1 + k₀),
 * and for the SDEM (λ and θ are orthogonal in the information, so no adjustment):
 *   RS_λ = d_λ²/T, RS_θ as above, joint = RS_λ + RS_θ.
 * Projections use the orthonormal basis Q of X (x − Q(Q'x)), as the other LM tests here.
 */
import type { TestStatistic } from '../result';
import { invertSymmetric } from '../dense/matrix';
import { matVec } from '../sparse/csr';
import { chisqTest } from './statistic';
import { dot, residualize } from './linalg';
import type { OlsDiagnosticsContext } from './moran';

export interface DurbinLmTests {
  /** SDM family: ρ (unadjusted, adjusted for WX), θ (unadjusted, adjusted for ρ), both. */
  SDM_RSlag: TestStatistic;
  SDM_adjRSlag: TestStatistic;
  SDM_RSWX: TestStatistic;
  SDM_adjRSWX: TestStatistic;
  SDM_Joint: TestStatistic;
  /** SDEM family: λ, θ, both. */
  SDEM_RSerr: TestStatistic;
  SDEM_RSWX: TestStatistic;
  SDEM_Joint: TestStatistic;
}


/** a'M⁻¹b for a k-vector pair and a k×k symmetric M (row-major); NaN when M is singular. */
function quadratic(m: Float64Array, k: number, a: ArrayLike<number>, b: ArrayLike<number> = a): number {
  const inv = invertSymmetric(m, k);
  if (!inv) return NaN;
  let s = 0;
  for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) s += a[i] * inv[i * k + j] * b[j];
  return s;
}

/**
 * The tests for OLS residuals `u`, fitted values ŷ = y − u, and the regressors to lag `x0` (the
 * non-constant columns of X, or those `lagX` names; the constant too when W's rows do not sum to
 * one, as spdep does for styles other than W).
 */
export function durbinLmTests(ctx: OlsDiagnosticsContext, residuals: ArrayLike<number>, fitted: ArrayLike<number>, x0: readonly Float64Array[]): DurbinLmTests {
  const n = ctx.w.nrows;
  const k0 = x0.length;
  const T = ctx.constants.T;
  const u = Float64Array.from(residuals);
  const sigma2 = dot(u, u) / n;
  const y = u.map((v, i) => v + fitted[i]);
  const dRho = dot(matVec(ctx.w, y), u) / sigma2;
  const dLambda = dot(matVec(ctx.w, u), u) / sigma2;
  const wx0 = x0.map((c) => matVec(ctx.w, c));
  const dTheta = wx0.map((c) => dot(c, u) / sigma2);
  const mWyhat = residualize(ctx.q, matVec(ctx.w, Float64Array.from(fitted)));
  const mWx0 = wx0.map((c) => residualize(ctx.q, c));
  const pRR = dot(mWyhat, mWyhat) / sigma2 + T;
  const pTR = mWx0.map((c) => dot(c, mWyhat) / sigma2);
  const pTT = new Float64Array(k0 * k0);
  for (let i = 0; i < k0; i++) for (let j = i; j < k0; j++) pTT[i * k0 + j] = pTT[j * k0 + i] = dot(mWx0[i], mWx0[j]) / sigma2;

  const rsLag = (dRho * dRho) / pRR;
  const rsWx = quadratic(pTT, k0, dTheta);
  // ρ adjusted for θ
  const adjRho = dRho - quadratic(pTT, k0, pTR, dTheta);
  const adjRhoVar = pRR - quadratic(pTT, k0, pTR);
  // θ adjusted for ρ
  const adjTheta = dTheta.map((d, i) => d - (pTR[i] * dRho) / pRR);
  const adjThetaVar = pTT.map((v, idx) => v - (pTR[Math.floor(idx / k0)] * pTR[idx % k0]) / pRR);
  const adjRsWx = quadratic(adjThetaVar, k0, adjTheta);
  const rsErr = (dLambda * dLambda) / T;
  return {
    SDM_RSlag: chisqTest(rsLag, 1),
    SDM_adjRSlag: chisqTest((adjRho * adjRho) / adjRhoVar, 1),
    SDM_RSWX: chisqTest(rsWx, k0),
    SDM_adjRSWX: chisqTest(adjRsWx, k0),
    SDM_Joint: chisqTest(rsLag + adjRsWx, k0 + 1),
    SDEM_RSerr: chisqTest(rsErr, 1),
    SDEM_RSWX: chisqTest(rsWx, k0),
    SDEM_Joint: chisqTest(rsErr + rsWx, k0 + 1),
  };
}
