/**
 * Conditional permutation inference for local Moran's I (Anselin 1995 §4; spdep
 * `localmoran_perm`, GeoDa, esda `Moran_Local`): for each i, z_i is held fixed and its card_i
 * neighbour values are drawn with replacement from z[−i] (all the other observations), nsim
 * times, as spdep does; each draw gives a simulated I_i = (z_i/m2) Σ_t w_it z_draw(t).
 *
 * Reported per observation, with spdep's definitions (`localmoran_perm`, e1071 type-3 moments):
 *   simMean, simVariance   mean and variance (divisor nsim − 1) of the simulated I_i
 *   zValue, pZ             (I_i − simMean)/√simVariance and its normal p-value for the alternative
 *   pRank                  two-sided: r = rank of I_i among (sims, I_i) (average ties, truncated),
 *                          2·min(r, nsim + 2 − r)/(nsim + 1) (spdep "Pr(z != E(Ii)) Sim");
 *                          greater: (#{sim ≥ I_i} + 1)/(nsim + 1); less: (#{sim ≤ I_i} + 1)/(nsim + 1)
 *                          (the usual one-sided pseudo p-values; spdep 1.2-7's table gives the
 *                          complementary rank/(nsim + 1) for "greater")
 *   pFolded                (min(k, nsim − k) + 1)/(nsim + 1), k = #{sim ≥ I_i} (GeoDa's and esda's
 *                          pseudo p-value, spdep "Pr(folded) Sim")
 *   skewness, kurtosis     of the simulated I_i (e1071 type 3, kurtosis in excess of 3)
 *
 * Two ways of drawing, equal in distribution for each observation:
 * - "shared" (default; GeoDa's "lookup table" idea, made exact): one table of nsim × k_max
 *   uniform indices into 0..n−2, shared by all observations, read for observation i as
 *   z[t] if t < i else z[t + 1], so that each observation's draws are iid from z[−i] exactly.
 *   When the weights of row i are all equal to ω_i (kNN, contiguity, any binary weights in style
 *   W or B), sim_r = (z_i/m2) ω_i S_r with S_r the sum of the first card_i table values of draw r.
 *   S_r changes with i only when i passes a table index (nsim·k_max events in all), so a sweep
 *   over i keeps, per cardinality, the nsim sums, their sorted copy and their moments; each
 *   observation then costs two binary searches. The observations' draws are dependent (they
 *   share the table), not their marginal distributions.
 * - "independent": fresh draws per observation (spdep's joint behaviour), O(n · nsim · k).
 * Rows whose weights are not all equal always use independent draws.
 * Random numbers: the engine's seeded xoshiro128** stream (inference/random.ts), unbiased bounded
 * integers by Lemire's multiply-and-reject (2019, ACM TOMACS 29:1). Not R's stream: compare with
 * spdep in distribution only.
 */
import { Xoshiro128 } from '../traces/random';
import { matVec, type Csr } from '../sparse/csr';
import { createRng, type Rng } from '../inference/random';
import type { Alternative } from '../inference/moran';
import { centre, checkWeights } from './centred';
import { normalP } from './localMoran';

export type DrawMode = 'shared' | 'independent';

export interface LocalMoranPermOptions {
  /** Number of simulations (default 999). */
  nsim?: number;
  /** Seed of the random stream (default 1). Equal seeds give equal results. */
  seed?: number;
  /** Default "two.sided" (spdep 1.2-7's default). */
  alternative?: Alternative;
  /** Default "shared" (see above). */
  draws?: DrawMode;
}

export interface LocalMoranPerm {
  readonly n: number;
  readonly nsim: number;
  readonly seed: number;
  readonly alternative: Alternative;
  readonly draws: DrawMode;
  readonly Ii: Float64Array;
  readonly simMean: Float64Array;
  readonly simVariance: Float64Array;
  readonly zValue: Float64Array;
  readonly pZ: Float64Array;
  readonly pRank: Float64Array;
  readonly pFolded: Float64Array;
  readonly skewness: Float64Array;
  readonly kurtosis: Float64Array;
  /** #{simulated I_i ≥ I_i}; −1 for observations without neighbours. */
  readonly nAtLeast: Int32Array;
}

export const DEFAULT_NSIM = 999;
const MAX_NSIM = 1_000_000;
const TWO32 = 4294967296;
/** Largest range for `randomBelow`: 2³² · 2²¹ = 2⁵³ keeps the product exact. */
export const MAX_RANGE = 2 ** 21;

/**
 * An unbiased uniform integer on 0..m−1 (1 ≤ m ≤ MAX_RANGE) from the generator: Lemire's
 * method; the exact rejection threshold 2³² mod m is needed only when the low part is below m.
 */
export function randomBelow(rng: Rng, m: number): number {
  for (;;) {
    const prod = rng.nextUint32() * m; // < 2⁵³
    const hi = Math.floor(prod / TWO32);
    const low = prod - hi * TWO32;
    if (low >= m || low >= TWO32 % m) return hi;
  }
}

/**
 * Fisher–Yates in place, with `randomBelow`'s draws taken straight from the generator (the same
 * stream as `createRng(seed).nextUint32`, without the closure call per draw: moran.mc shuffles
 * n values nsim times).
 */
export function shuffle(v: Float64Array, g: Xoshiro128): void {
  if (v.length > MAX_RANGE) throw new RangeError(`shuffle: at most ${MAX_RANGE} values`);
  for (let i = v.length - 1; i > 0; i--) {
    const m = i + 1;
    let j: number;
    for (;;) {
      const prod = g.nextUint32() * m;
      j = Math.floor(prod / TWO32);
      const low = prod - j * TWO32;
      if (low >= m || low >= TWO32 % m) break;
    }
    const t = v[i];
    v[i] = v[j];
    v[j] = t;
  }
}

/** A sampler of unbiased uniform integers on 0..m−1. */
export function uniformIndex(rng: Rng, m: number): () => number {
  if (!(Number.isInteger(m) && m >= 1 && m <= MAX_RANGE)) throw new RangeError(`random indices need 1..${MAX_RANGE} values, got ${m}`);
  return () => randomBelow(rng, m);
}

/** Moments of a sample as spdep reports them: mean, variance (n − 1), e1071 type-3 skewness and kurtosis. */
interface Moments {
  mean: number;
  variance: number;
  skewness: number;
  kurtosis: number;
}

function moments(v: Float64Array, out: Moments): void {
  const N = v.length;
  let s = 0;
  for (let r = 0; r < N; r++) s += v[r];
  const mean = s / N;
  let s2 = 0;
  let s3 = 0;
  let s4 = 0;
  for (let r = 0; r < N; r++) {
    const d = v[r] - mean;
    const d2 = d * d;
    s2 += d2;
    s3 += d2 * d;
    s4 += d2 * d2;
  }
  const f = 1 - 1 / N;
  out.mean = mean;
  out.variance = s2 / (N - 1);
  out.skewness = ((Math.sqrt(N) * s3) / Math.pow(s2, 1.5)) * Math.pow(f, 1.5);
  out.kurtosis = ((N * s4) / (s2 * s2)) * f * f - 3;
}

/** The weight shared by all entries of row i, or NaN when they differ (or the row is empty). */
function constantRowWeight(w: Csr, i: number): number {
  const a = w.rowPtr[i];
  const b = w.rowPtr[i + 1];
  if (b === a) return NaN;
  const v = w.values[a];
  for (let p = a + 1; p < b; p++) if (w.values[p] !== v) return NaN;
  return v;
}

/**
 * #{r : c·s[r] ≥ v} (strict: > v) for ascending s. c·s is monotone in s (non-decreasing for
 * c ≥ 0, non-increasing for c < 0), so the rows satisfying it are a suffix or a prefix.
 */
function countScaled(s: Float64Array, c: number, v: number, strict: boolean): number {
  const N = s.length;
  const holds = (r: number): boolean => (strict ? c * s[r] > v : c * s[r] >= v);
  let lo = 0;
  let hi = N;
  if (c >= 0) {
    // first index where it holds
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (holds(mid)) hi = mid;
      else lo = mid + 1;
    }
    return N - lo;
  }
  // first index where it fails
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (holds(mid)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The running sums of one cardinality k in the shared-table sweep. */
interface Group {
  k: number;
  sums: Float64Array;
  sorted: Float64Array;
  m: Moments;
  dirty: boolean;
}

/** Replace one value of an ascending array by another, keeping it sorted. */
function replaceSorted(a: Float64Array, oldV: number, newV: number): void {
  let lo = 0;
  let hi = a.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (a[mid] < oldV) lo = mid + 1;
    else hi = mid;
  }
  let p = lo; // a[p] === oldV
  if (newV > oldV) {
    while (p + 1 < a.length && a[p + 1] < newV) {
      a[p] = a[p + 1];
      p++;
    }
  } else {
    while (p > 0 && a[p - 1] > newV) {
      a[p] = a[p - 1];
      p--;
    }
  }
  a[p] = newV;
}

/** Conditional permutation inference for local Moran's I of x with (styled) weights w. */
export function localMoranPerm(x: ArrayLike<number>, w: Csr, opts: LocalMoranPermOptions = {}): LocalMoranPerm {
  const nsim = opts.nsim ?? DEFAULT_NSIM;
  if (!(Number.isInteger(nsim) && nsim >= 2 && nsim <= MAX_NSIM)) throw new RangeError(`nsim must be an integer in 2..${MAX_NSIM}, got ${nsim}`);
  const seed = opts.seed ?? 1;
  const alternative = opts.alternative ?? 'two.sided';
  const mode = opts.draws ?? 'shared';
  const { n, z, m2 } = centre(x);
  checkWeights(w, n);
  const lagZ = matVec(w, z);
  const Ii = new Float64Array(n);
  for (let i = 0; i < n; i++) Ii[i] = (z[i] / m2) * lagZ[i];

  const out = {
    simMean: new Float64Array(n).fill(NaN), simVariance: new Float64Array(n).fill(NaN), zValue: new Float64Array(n).fill(NaN),
    pZ: new Float64Array(n).fill(NaN), pRank: new Float64Array(n).fill(NaN), pFolded: new Float64Array(n).fill(NaN),
    skewness: new Float64Array(n).fill(NaN), kurtosis: new Float64Array(n).fill(NaN), nAtLeast: new Int32Array(n).fill(-1),
  };
  /** Fill row i's results from the moments of its sims and the counts #{≥}, #{<}, #{≤} of I_i. */
  const finish = (i: number, m: Moments, ge: number, lt: number, le: number): void => {
    out.simMean[i] = m.mean;
    out.simVariance[i] = m.variance;
    out.skewness[i] = m.skewness;
    out.kurtosis[i] = m.kurtosis;
    const zv = (Ii[i] - m.mean) / Math.sqrt(m.variance);
    out.zValue[i] = zv;
    out.pZ[i] = normalP(zv, alternative);
    if (alternative === 'two.sided') {
      const r = Math.trunc(lt + (le - lt + 2) / 2); // average rank among (sims, I_i), as.integer
      out.pRank[i] = (2 * Math.min(r, nsim + 2 - r)) / (nsim + 1);
    } else {
      out.pRank[i] = ((alternative === 'greater' ? ge : le) + 1) / (nsim + 1);
    }
    out.pFolded[i] = (Math.min(ge, nsim - ge) + 1) / (nsim + 1);
    out.nAtLeast[i] = ge;
  };

  const rng = createRng(seed);
  const draw = uniformIndex(rng, n - 1);
  const omega = new Float64Array(n);
  let kmax = 0;
  for (let i = 0; i < n; i++) {
    omega[i] = mode === 'shared' ? constantRowWeight(w, i) : NaN;
    if (!Number.isNaN(omega[i])) kmax = Math.max(kmax, w.rowPtr[i + 1] - w.rowPtr[i]);
  }
  if (kmax > 0) sharedSweep();
  independentRows();

  return { n, nsim, seed, alternative, draws: mode, Ii, ...out };

  /** The shared-table sweep over the rows with constant weights (see the header). */
  function sharedSweep(): void {
    const table = new Int32Array(nsim * kmax);
    for (let p = 0; p < table.length; p++) table[p] = draw();
    // Cardinalities in use, each with its running sums.
    const groupOf = new Array<Group | undefined>(kmax + 1);
    const groups: Group[] = [];
    for (let i = 0; i < n; i++) {
      if (Number.isNaN(omega[i])) continue;
      const k = w.rowPtr[i + 1] - w.rowPtr[i];
      if (!groupOf[k]) {
        const g: Group = { k, sums: new Float64Array(nsim), sorted: new Float64Array(nsim), m: { mean: 0, variance: 0, skewness: 0, kurtosis: 0 }, dirty: true };
        groupOf[k] = g;
        groups.push(g);
      }
    }
    // Value of table entry p for the observation being processed (i): z[t] if t < i else z[t + 1].
    let cur = 0;
    const sumOf = (g: Group, r: number): number => {
      let s = 0;
      const base = r * kmax;
      for (let t = 0; t < g.k; t++) {
        const idx = table[base + t];
        s += z[idx < cur ? idx : idx + 1];
      }
      return s;
    };
    for (const g of groups) {
      for (let r = 0; r < nsim; r++) g.sums[r] = sumOf(g, r);
      g.sorted.set(g.sums);
      g.sorted.sort();
    }
    // Events: table entries by index value (counting sort), applied when i passes the value.
    const start = new Int32Array(n);
    for (let p = 0; p < table.length; p++) start[table[p] + 1]++;
    for (let v = 1; v < n; v++) start[v] += start[v - 1];
    const byValue = new Int32Array(table.length);
    const fill = start.slice();
    for (let p = 0; p < table.length; p++) byValue[fill[table[p]]++] = p;

    for (let i = 0; i < n; i++) {
      cur = i;
      if (i > 0) {
        // Entries with value i − 1 now read z[i − 1] instead of z[i].
        const v = i - 1;
        const end = v + 1 < n ? start[v + 1] : table.length;
        for (let e = start[v]; e < end; e++) {
          const p = byValue[e];
          const r = Math.floor(p / kmax);
          const t = p - r * kmax;
          for (const g of groups) {
            if (g.k <= t) continue;
            const s = sumOf(g, r);
            if (s !== g.sums[r]) {
              replaceSorted(g.sorted, g.sums[r], s);
              g.sums[r] = s;
              g.dirty = true;
            }
          }
        }
      }
      const om = omega[i];
      if (Number.isNaN(om)) continue;
      const g = groupOf[w.rowPtr[i + 1] - w.rowPtr[i]]!;
      if (g.dirty) {
        moments(g.sums, g.m);
        g.dirty = false;
      }
      const c = (z[i] / m2) * om;
      const v = Ii[i];
      const ge = countScaled(g.sorted, c, v, false);
      const gt = countScaled(g.sorted, c, v, true);
      const m: Moments = {
        mean: c * g.m.mean,
        variance: c * c * g.m.variance,
        skewness: c === 0 ? NaN : Math.sign(c) * g.m.skewness,
        kurtosis: c === 0 ? NaN : g.m.kurtosis,
      };
      finish(i, m, ge, nsim - ge, nsim - gt);
    }
  }

  /** Fresh draws for every row not handled by the sweep. */
  function independentRows(): void {
    const sims = new Float64Array(nsim);
    const m: Moments = { mean: 0, variance: 0, skewness: 0, kurtosis: 0 };
    for (let i = 0; i < n; i++) {
      const a = w.rowPtr[i];
      const b = w.rowPtr[i + 1];
      if (b === a || !Number.isNaN(omega[i])) continue;
      const c = z[i] / m2;
      for (let r = 0; r < nsim; r++) {
        let s = 0;
        for (let p = a; p < b; p++) {
          const j = draw();
          s += w.values[p] * z[j < i ? j : j + 1];
        }
        sims[r] = c * s;
      }
      moments(sims, m);
      const v = Ii[i];
      let ge = 0;
      let lt = 0;
      let le = 0;
      for (let r = 0; r < nsim; r++) {
        const s = sims[r];
        if (s >= v) ge++;
        if (s < v) lt++;
        if (s <= v) le++;
      }
      finish(i, m, ge, lt, le);
    }
  }
}
