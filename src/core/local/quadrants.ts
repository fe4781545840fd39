/**
 * The quadrant of each observation in the Moran scatterplot, as spdep's `localmoran` attribute
 * `quadr` (spdep ≥ 1.1-7):
 *   mean    x against mean(x), Wx against mean(Wx);
 *   median  x against median(x), Wx against median(Wx);
 *   pysal   z = x − mean(x) against 0, Wz against 0 (esda / GeoDa).
 * A value equal to its cut point counts as Low (R `cut(v, c(-Inf, cut, Inf))` is right-closed).
 */
import { matVec, type Csr } from '../sparse/csr';
import { quantilesType7 } from '../models/quantiles';

export type QuadrantScheme = 'mean' | 'median' | 'pysal';
export type Quadrant = 'High-High' | 'Low-Low' | 'High-Low' | 'Low-High';
export const QUADRANT_SCHEMES: readonly QuadrantScheme[] = ['mean', 'median', 'pysal'];

/** Quadrant code per observation: 0 Low-Low, 1 High-Low, 2 Low-High, 3 High-High (bit 0: x high, bit 1: lag high). */
export type QuadrantCodes = Uint8Array;

const NAMES: readonly Quadrant[] = ['Low-Low', 'High-Low', 'Low-High', 'High-High'];

export function quadrantName(code: number): Quadrant {
  return NAMES[code];
}

function mean(v: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i];
  return s / v.length;
}

/** Quadrant codes of x under the scheme; w the (styled) weights used for the lag. */
export function quadrants(x: ArrayLike<number>, w: Csr, scheme: QuadrantScheme): QuadrantCodes {
  const n = x.length;
  const xv = Float64Array.from(x);
  let v = xv;
  let cutX: number;
  if (scheme === 'pysal') {
    const m = mean(xv);
    v = xv.map((t) => t - m);
    cutX = 0;
  } else {
    cutX = scheme === 'mean' ? mean(xv) : quantilesType7(xv, [0.5])[0];
  }
  const lag = matVec(w, v);
  const cutLag = scheme === 'pysal' ? 0 : scheme === 'mean' ? mean(lag) : quantilesType7(lag, [0.5])[0];
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = (v[i] > cutX ? 1 : 0) | (lag[i] > cutLag ? 2 : 0);
  return out;
}
