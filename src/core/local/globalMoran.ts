/**
 * Global Moran's I of a variable (Moran 1950; Cliff & Ord 1981 ch. 1–2), as spdep
 * `moran.test(x, listw)` (randomisation or normality assumption) and `moran.mc(x, listw, nsim)`
 * (permutation), with spdep's defaults (alternative "greater", zero.policy = TRUE, adjust.n):
 *
 *   I = (n/S0) z'Wz / z'z, z = x − x̄, E(I) = −1/(n − 1),
 *   normality:     Var = (n² S1 − n S2 + 3 S0²) / (S0² (n² − 1)) − E²
 *   randomisation: Var = [n ((n² − 3n + 3) S1 − n S2 + 3 S0²) − K ((n² − n) S1 − 2n S2 + 6 S0²)]
 *                        / ((n − 1)(n − 2)(n − 3) S0²) − E²,   K = N Σz⁴ / (Σz²)²
 * with n the observations that have neighbours, N all of them, S0, S1, S2 spdep's
 * `spweights.constants`. (The regression-residual test, a different formula, is
 * inference/moran.ts `moranTestResiduals`.)
 */
import type { Csr } from '../sparse/csr';
import type { MoranTest } from '../result';
import { Xoshiro128 } from '../traces/random';
import type { Alternative } from '../inference/moran';
import { spweightsConstants, type SpWeightsConstants } from '../weights/summary';
import { centre, checkWeights } from './centred';
import { normalP } from './localMoran';
import { DEFAULT_NSIM, MAX_RANGE, shuffle } from './permutation';
import { gather, isLocal, LOCALITY_MIN_N } from '../weights/locality';
import { adjacencyGraph, permuteSymmetric } from '../sparse/build';
import { breadthFirstOrder } from '../sparse/bfs';

export interface GlobalMoranTest extends MoranTest {
  assumption: 'randomisation' | 'normality';
  alternative: Alternative;
  /** Observations with neighbours (spdep's reduced n). */
  n: number;
}

/** z'Wz for centred z. */
function quadForm(w: Csr, z: Float64Array): number {
  // Locals, not property reads in the inner loop: moran.mc calls this nsim times.
  const { nrows, rowPtr, colIdx, values } = w;
  let s = 0;
  let p = rowPtr[0];
  for (let i = 0; i < nrows; i++) {
    const end = rowPtr[i + 1];
    let l = 0;
    for (; p < end; p++) l += values[p] * z[colIdx[p]];
    s += z[i] * l;
  }
  return s;
}

/** spdep `moran.test`: `p` follows the alternative (default "greater"); `pTwoSided` is 2·Φ(−|z|). */
export function moranI(x: ArrayLike<number>, w: Csr, opts: { randomisation?: boolean; alternative?: Alternative; constants?: SpWeightsConstants } = {}): GlobalMoranTest {
  const randomisation = opts.randomisation ?? true;
  const alternative = opts.alternative ?? 'greater';
  const c = centre(x);
  checkWeights(w, c.n);
  const wc = opts.constants ?? spweightsConstants(w);
  const { n, S0, S1, S2 } = wc;
  const zz = c.m2 * c.n;
  const I = (n / S0) * (quadForm(w, c.z) / zz);
  const K = c.b2; // N Σz⁴ / (Σz²)²
  const EI = -1 / (n - 1);
  const S02 = S0 * S0;
  const nn = n * n;
  let VI: number;
  if (randomisation) {
    const a = n * (S1 * (nn - 3 * n + 3) - n * S2 + 3 * S02);
    const b = K * (S1 * (nn - n) - 2 * n * S2 + 6 * S02);
    VI = (a - b) / ((n - 1) * (n - 2) * (n - 3) * S02) - EI * EI;
  } else {
    VI = (nn * S1 - n * S2 + 3 * S02) / (S02 * (nn - 1)) - EI * EI;
  }
  const z = (I - EI) / Math.sqrt(VI);
  return {
    I, expectation: EI, variance: VI, z, p: normalP(z, alternative), pTwoSided: normalP(z, 'two.sided'),
    assumption: randomisation ? 'randomisation' : 'normality', alternative, n,
  };
}

export interface MoranMc {
  statistic: number;
  nsim: number;
  seed: number;
  alternative: Alternative;
  /** Rank of the observed I among the nsim + 1 values (average ranks for ties), spdep's "observed rank". */
  rank: number;
  p: number;
  /** The nsim simulated values. */
  simulated: Float64Array;
  simMean: number;
  simVariance: number;
}

/**
 * spdep `moran.mc`: I of nsim random permutations of x (Fisher–Yates with the engine's seeded
 * stream), p from the rank of the observed value: greater (diff + 1)/(nsim + 1),
 * diff = max(nsim − rank, 0); less 1 − that; two-sided 1 − |rank − (nsim + 1)/2| / ((nsim + 1)/2).
 */
export function moranMc(x: ArrayLike<number>, w: Csr, opts: { nsim?: number; seed?: number; alternative?: Alternative } = {}): MoranMc {
  const nsim = opts.nsim ?? DEFAULT_NSIM;
  if (!(Number.isInteger(nsim) && nsim >= 1 && nsim <= 1_000_000)) throw new RangeError(`nsim must be an integer in 1..1000000, got ${nsim}`);
  const seed = opts.seed ?? 1;
  const alternative = opts.alternative ?? 'greater';
  const c = centre(x);
  checkWeights(w, c.n);
  if (c.n > MAX_RANGE) throw new RangeError(`moran.mc: at most ${MAX_RANGE} observations`);
  const { n, S0 } = spweightsConstants(w);
  const scale = n / S0 / (c.m2 * c.n);
  const statistic = scale * quadForm(w, c.z);
  const rng = new Xoshiro128(Math.trunc(seed)); // createRng(seed)'s stream
  // z'Wz is invariant under a relabelling (W → PWPᵀ, z → Pz), and a random permutation of Pz is
  // one of z: the nsim products run in a locality order, where W's reads of z hit cache.
  const order = w.nrows >= LOCALITY_MIN_N && !isLocal(w) ? breadthFirstOrder(adjacencyGraph(w)) : undefined;
  const wp = order ? permuteSymmetric(w, order) : w;
  const zp = order ? gather(c.z, order) : Float64Array.from(c.z);
  const simulated = new Float64Array(nsim);
  for (let s = 0; s < nsim; s++) {
    shuffle(zp, rng);
    simulated[s] = scale * quadForm(wp, zp);
  }
  let below = 0;
  let equal = 0;
  let sum = 0;
  for (const v of simulated) {
    if (v < statistic) below++;
    else if (v === statistic) equal++;
    sum += v;
  }
  const rank = below + (equal + 2) / 2;
  const diff = Math.max(nsim - rank, 0);
  const p = alternative === 'greater' ? (diff + 1) / (nsim + 1)
    : alternative === 'less' ? 1 - (diff + 1) / (nsim + 1)
      : 1 - Math.abs(rank - (nsim + 1) / 2) / (nsim + 1) / 0.5;
  const simMean = sum / nsim;
  let ss = 0;
  for (const v of simulated) ss += (v - simMean) ** 2;
  return { statistic, nsim, seed, alternative, rank, p, simulated, simMean, simVariance: nsim > 1 ? ss / (nsim - 1) : NaN };
}
