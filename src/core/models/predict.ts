/**
 * In-sample predictions of the lag-type models (SAR, SDM, SAC, GNS), as spatialreg's
 * `predict.Sarlm(object, newdata = NULL, pred.type, listw)`:
 *   "TS" (trend + signal, the default) = ρWy + Xβ, the fitted values; its parts trend = Xβ and
 *   signal = ρWy;
 *   "trend" = Xβ;
 *   "TC" (trend corrected, the reduced form) = (I − ρW)⁻¹Xβ.
 * X holds the Durbin lags WX of an SDM/GNS; vectors are in data units and data-row order.
 */
import { matVec, type Csr } from '../sparse/csr';

export type PredictionType = 'TS' | 'trend' | 'TC';

export interface Predictions {
  TS: Float64Array;
  trend: Float64Array;
  signal: Float64Array;
  /** The reduced form, when a solver for (I − ρW)x = b is given. */
  TC?: Float64Array;
}

export function predictLag(y: Float64Array, columns: readonly Float64Array[], beta: ArrayLike<number>, rho: number, w: Csr, solve?: (rho: number, b: Float64Array) => Float64Array): Predictions {
  const n = y.length;
  const trend = new Float64Array(n);
  columns.forEach((c, j) => {
    for (let i = 0; i < n; i++) trend[i] += beta[j] * c[i];
  });
  const signal = matVec(w, y).map((v) => rho * v);
  const TS = trend.map((v, i) => v + signal[i]);
  return { TS, trend, signal, TC: solve ? solve(rho, trend) : undefined };
}
