/**
 * Impacts of the models with spatially lagged regressors but no lag of y — SLX and SDEM
 * (spatialreg `impacts()` on `lmSLX` and `errorsarlm(Durbin = TRUE)` fits; Elhorst 2010 Table 2;
 * LeSage & Pace 2009 §2.7): without feedback through ρWy, the effect of x_k on y_i is β_k and on
 * its neighbours θ_k w_ij, so direct = β_k, indirect = θ_k (W's rows summing to one), total =
 * β_k + θ_k, with standard errors from the coefficients' covariance (var(β + θ) = var β + var θ +
 * 2 cov): no simulation is needed.
 */
import { defined } from '../result';
import { zTest } from './statistic';

export interface EstimateWithSe {
  estimate: number;
  stdError: number;
  z: number;
  p: number;
}

export interface WxImpactRow {
  name: string;
  direct: EstimateWithSe;
  indirect: EstimateWithSe;
  total: EstimateWithSe;
}

function withSe(estimate: number, variance: number): EstimateWithSe {
  const stdError = variance >= 0 ? defined(Math.sqrt(variance)) : NaN;
  return { estimate, stdError, ...zTest(estimate, stdError) };
}

/**
 * One row per regressor that has a lag `lag.<name>` among `names` (the others have no indirect
 * effect); `cov` is the coefficients' covariance in the order of `names`.
 */
export function wxImpacts(names: readonly string[], beta: ArrayLike<number>, cov: readonly (readonly number[])[], lagPrefix = 'lag.'): WxImpactRow[] {
  const rows: WxImpactRow[] = [];
  names.forEach((name, b) => {
    const t = names.indexOf(`${lagPrefix}${name}`);
    if (name === '(Intercept)' || name.startsWith(lagPrefix) || t < 0) return;
    rows.push({
      name,
      direct: withSe(beta[b], cov[b][b]),
      indirect: withSe(beta[t], cov[t][t]),
      total: withSe(beta[b] + beta[t], cov[b][b] + cov[t][t] + 2 * cov[b][t]),
    });
  });
  return rows;
}
