/**
 * Lagrange multiplier tests for spatial dependence in OLS residuals, as spdep's
 * `lm.LMtests(test = "all")`: LMerr, LMlag (Anselin 1988), their robust forms RLMerr, RLMlag and
 * SARMA (Anselin, Bera, Florax & Yoon 1996, "Simple diagnostic tests for spatial dependence",
 * Regional Science and Urban Economics 26).
 *
 * With u the OLS residuals, σ² = u'u/N, T = tr(WᵀW + WW) (spdep `tracew`) and
 *   NJ = (Wŷ)'M(Wŷ)/σ² + T      (ŷ = Xb, M = I − X(X'X)⁻¹X'),
 *   LMerr  = (u'Wu/σ²)² / T
 *   LMlag  = (u'Wy/σ²)² / NJ
 *   RLMerr = (u'Wu/σ² − T/NJ · u'Wy/σ²)² / (T (1 − T/NJ))
 *   RLMlag = (u'Wy/σ² − u'Wu/σ²)² / (NJ − T)
 *   SARMA  = RLMlag + LMerr   (df 2)
 * (Wŷ)'M(Wŷ) is computed as the squared norm of Wŷ − Q(Q'Wŷ), Q orthonormal basis of X, which
 * avoids the cancellation of spdep's (Wŷ)'(Wŷ) − (X'Wŷ)'(X'X)⁻¹(X'Wŷ) on badly scaled data.
 */
import type { LmTests } from '../result';
import { chisqTest, ratioOverVariance } from './statistic';
import { matVec, type Csr } from '../sparse/csr';
import { dot, residualize, type DesignInput } from './linalg';
import { prepareOlsDiagnostics, type OlsDiagnosticsContext } from './moran';

/** The five LM tests for OLS residuals `u` and fitted values ŷ = y − u. */
export function lmTestsResiduals(ctx: OlsDiagnosticsContext, residuals: ArrayLike<number>, fitted: ArrayLike<number>): LmTests {
  const n = ctx.w.nrows;
  if (residuals.length !== n || fitted.length !== n) throw new Error(`residuals/fitted must have length ${n}`);
  const T = ctx.constants.T;
  const sigma2 = dot(residuals, residuals) / n;
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) y[i] = fitted[i] + residuals[i];
  const wu = matVec(ctx.w, Float64Array.from(residuals));
  const wy = matVec(ctx.w, y);
  const wyhat = matVec(ctx.w, Float64Array.from(fitted));
  const mwyhat = residualize(ctx.q, wyhat);
  // NJ − T = (Wŷ)'M(Wŷ)/σ²: zero (up to rounding) when Wŷ lies in the span of X — e.g. an
  // intercept-only model with row-standardised W, where Wŷ = ȳ1. Then the robust tests are
  // undefined (0/0), not infinite.
  const lagVariance = dot(mwyhat, mwyhat) / sigma2;
  const NJ = lagVariance + T;
  const dutWu = dot(residuals, wu) / sigma2;
  const dutWy = dot(residuals, wy) / sigma2;
  const scale = dot(wyhat, wyhat) / sigma2;
  const LMerr = (dutWu * dutWu) / T;
  const LMlag = (dutWy * dutWy) / NJ;
  // T(1 − T/NJ) = T·(NJ − T)/NJ
  const RLMerr = ratioOverVariance((dutWu - (T / NJ) * dutWy) ** 2, (T * lagVariance) / NJ, (T * scale) / NJ);
  const RLMlag = ratioOverVariance((dutWy - dutWu) ** 2, lagVariance, scale);
  return {
    LMerr: chisqTest(LMerr, 1),
    LMlag: chisqTest(LMlag, 1),
    RLMerr: chisqTest(RLMerr, 1),
    RLMlag: chisqTest(RLMlag, 1),
    SARMA: chisqTest(RLMlag + LMerr, 2),
  };
}

/** One-call form: LM tests for design X, weights W, OLS residuals and fitted values. */
export function lmTests(x: DesignInput, w: Csr, residuals: ArrayLike<number>, fitted: ArrayLike<number>): LmTests {
  return lmTestsResiduals(prepareOlsDiagnostics(x, w), residuals, fitted);
}
