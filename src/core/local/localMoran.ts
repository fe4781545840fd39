/**
 * Local Moran's I (Anselin 1995, "Local indicators of spatial association — LISA", Geographical
 * Analysis 27, 93–115) with analytic moments, as spdep `localmoran(x, listw)` (mlvar = TRUE,
 * adjust.x = FALSE, zero.policy = TRUE):
 *
 *   I_i = (z_i / m2) Σ_j w_ij z_j,     z = x − x̄,  m2 = Σ z² / n.
 *
 * Conditional randomisation (spdep's default; Sokal, Oden & Thomson 1998, Geographical Analysis
 * 30, 331–354): z_i held fixed, the others permuted —
 *   E(I_i)   = −z_i² W_i / ((n − 1) m2)
 *   Var(I_i) = (z_i / m2)² n/(n − 2) (W2_i − W_i²/(n − 1)) (m2 − z_i²/(n − 1))
 * Total randomisation (`conditional = FALSE`; Anselin 1995, eqs. 13–14):
 *   E(I_i)   = −W_i / (n − 1)
 *   Var(I_i) = W2_i (n − b2)/(n − 1) + (W_i² − W2_i)(2 b2 − n)/((n − 1)(n − 2)) − E(I_i)²
 * with W_i = Σ_j w_ij, W2_i = Σ_j w_ij², b2 = (Σ z⁴ / n) / m2². Z = (I − E)/√Var, p normal.
 * Observations without neighbours get I = 0, E = 0, Var = 0 and Z, p = NaN (undefined).
 */
import { matVec, type Csr } from '../sparse/csr';
import type { Alternative } from '../inference/moran';
import { pnorm, pTwoSidedNormal } from '../inference/distributions';
import { centre, checkWeights, rowSums } from './centred';
import { quadrants, type QuadrantCodes, type QuadrantScheme } from './quadrants';

export type { Alternative };

export interface LocalMoranOptions {
  /** Conditional (default, spdep's) or total randomisation moments. */
  conditional?: boolean;
  /** Default "two.sided" (spdep's default for localmoran). */
  alternative?: Alternative;
}

export interface LocalMoran {
  readonly n: number;
  readonly mean: number;
  readonly m2: number;
  readonly b2: number;
  readonly conditional: boolean;
  readonly alternative: Alternative;
  /** z = x − mean and its spatial lag W z. */
  readonly z: Float64Array;
  readonly lagZ: Float64Array;
  readonly Ii: Float64Array;
  readonly expectation: Float64Array;
  readonly variance: Float64Array;
  readonly zValue: Float64Array;
  readonly p: Float64Array;
  /** Scatterplot quadrant codes per scheme (see quadrants.ts). */
  readonly quadrants: Readonly<Record<QuadrantScheme, QuadrantCodes>>;
}

/** p-value of a standard normal z for the alternative. */
export function normalP(z: number, alternative: Alternative): number {
  if (alternative === 'two.sided') return pTwoSidedNormal(z);
  return alternative === 'greater' ? pnorm(z, false) : pnorm(z, true);
}

/** Local Moran's I of x with weights w (the styled matrix, row i = i's neighbours). */
export function localMoran(x: ArrayLike<number>, w: Csr, opts: LocalMoranOptions = {}): LocalMoran {
  const conditional = opts.conditional ?? true;
  const alternative = opts.alternative ?? 'two.sided';
  const c = centre(x);
  const { n, z, m2, b2 } = c;
  checkWeights(w, n);
  const lagZ = matVec(w, z);
  const { sum: Wi, sumSq: Wi2 } = rowSums(w);
  const Ii = new Float64Array(n);
  const E = new Float64Array(n);
  const V = new Float64Array(n);
  const Z = new Float64Array(n);
  const P = new Float64Array(n);
  const A = (n - b2) / (n - 1);
  const B = (2 * b2 - n) / ((n - 1) * (n - 2));
  for (let i = 0; i < n; i++) {
    const zi = z[i];
    Ii[i] = (zi / m2) * lagZ[i];
    if (conditional) {
      E[i] = -(zi * zi * Wi[i]) / ((n - 1) * m2);
      const r = zi / m2;
      V[i] = r * r * (n / (n - 2)) * (Wi2[i] - (Wi[i] * Wi[i]) / (n - 1)) * (m2 - (zi * zi) / (n - 1));
    } else {
      E[i] = -Wi[i] / (n - 1);
      V[i] = A * Wi2[i] + B * (Wi[i] * Wi[i] - Wi2[i]) - E[i] * E[i];
    }
    Z[i] = (Ii[i] - E[i]) / Math.sqrt(V[i]);
    P[i] = normalP(Z[i], alternative);
  }
  return {
    n, mean: c.mean, m2, b2, conditional, alternative, z, lagZ, Ii, expectation: E, variance: V, zValue: Z, p: P,
    quadrants: { mean: quadrants(x, w, 'mean'), median: quadrants(x, w, 'median'), pysal: quadrants(x, w, 'pysal') },
  };
}
