/**
 * tr(W^k), k = 1..order: what impacts need at large n (LeSage & Pace 2009 §4.2, spatialreg
 * `trW(type = "mult" | "MC")`) and what the trace-series log-determinants are built from.
 * All powers are exact while that is affordable (`exactPowersAffordable`: the powers of W
 * applied to every unit vector, as spatialreg's "mult" computes them exactly). Beyond,
 * tr(W) … tr(W^{2·exactHops}) are exact from sparse row expansions and the higher ones Monte
 * Carlo estimates corrected by control variates, on the symmetric similar matrix S when W has
 * one (same traces, half the products), on W otherwise; their per-vector samples come along so
 * that any quantity built from the traces can state its standard error.
 */
import type { SpatialWeights } from '../weights/types';
import { scaleRowsCols, transpose } from '../sparse/build';
import { BLOCK } from '../sparse/block';
import type { Csr } from '../sparse/csr';
import { densePowerTraces, traceWtW } from './exact';
import { combinationError, combineWithExact } from './control-variates';
import { hutchinsonSamples } from './hutchinson';
import { localTraces } from './local';
import { startOnHelper, type Pending } from './helperThread';

/** From this n the exact low-order traces run on a helper thread (below, its start-up and the copy of W cost more than they save). */
export const HELPER_MIN_N = 50_000;

export interface TraceOptions {
  /** Largest n for which every power is computed exactly (default: `exactPowersAffordable`). */
  exactUpTo?: number;
  /** Random vectors of the Monte Carlo estimate, rounded up to a multiple of 8 (default `defaultSamples(n)`). */
  samples?: number;
  seed?: number;
  /** Powers up to 2·exactHops are exact even for large n (default 2: tr(W) … tr(W⁴)). */
  exactHops?: number;
}

/**
 * Multiply-adds of the exact powers (n unit vectors through `order` products, half of them for
 * symmetric S) allowed: the blocked kernel does 0.4–1·10⁹ a second (3,107 kNN-6 points, 30
 * powers: 1.7·10⁹ in 1.7–4 s), so one to two seconds — n ≈ 2,400 for kNN-6 weights, 3,400 when
 * symmetric (queen contiguity of the US counties, n = 3,107: 8.7·10⁸). Beyond, Monte Carlo with
 * its error reported.
 */
export const EXACT_POWERS_BUDGET = 1e9;
export const DEFAULT_SEED = 20091;

/** Whether all `order` powers' traces are computed exactly (within EXACT_POWERS_BUDGET). */
export function exactPowersAffordable(weights: SpatialWeights, order: number): boolean {
  const products = weights.similarity ? Math.ceil(order / 2) : order;
  return weights.n * products * weights.w.rowPtr[weights.n] <= EXACT_POWERS_BUDGET;
}
/**
 * tr(W⁴) exact costs ~1.5 µs per observation on kNN-6 graphs, tr(W⁶) ~3.5 µs (rows of W³ hold
 * ~50 entries); with either, plus control variates, ρ of a kNN-6 fit at n = 10⁵ lands within
 * ~2e-6 (W⁴) or ~2e-7 (W⁶) of the exact sparse fit — far inside the 1e-3 asked of approximations.
 */
export const DEFAULT_EXACT_HOPS = 2;

/**
 * The relative noise of a Hutchinson trace falls as 1/√(n·samples) (the estimate averages n
 * terms per vector), so large n needs few vectors: keep n·samples ≥ 8·10⁵, in blocks of 8
 * (sparse/block), 8 to 32 vectors. Measured at n = 10⁵ (kNN-6, ρ = 0.5, three seeds): 8 vectors
 * put ρ within 2.5e-6 of the exact sparse fit, 16 within 1.3e-6.
 */
export function defaultSamples(n: number): number {
  return BLOCK * Math.max(1, Math.min(4, Math.ceil(8e5 / n / BLOCK)));
}

/** Traces of powers of W, k = 1..order. */
export interface PowerTraces {
  /** t[k-1] ≈ tr(W^k). */
  traces: Float64Array;
  /**
   * c[k-1] ≈ tr(WᵀW^k), for W without a symmetric similar matrix (the products then run on W
   * itself, and these come at one dot per entry): what the LM test on lag residuals needs.
   */
  crossTraces?: Float64Array;
  /** The Monte Carlo samples behind them; absent when every trace is exact. */
  samples?: TraceSamples;
}

/** Per-vector estimates whose means are the traces (traces/control-variates `adjusted`). */
export interface TraceSamples {
  vectors: number;
  order: number;
  traces: Float64Array;
  cross?: Float64Array;
}

/**
 * Standard error of Σ_k w[k]·t_k + Σ_k v[k]·c_k (0-based: t_k ≈ tr(W^{k+1}), c_k ≈ tr(WᵀW^{k+1}))
 * over the samples: what a quantity linear in the traces (an impact, a series) inherits.
 */
export function traceSeriesError(s: TraceSamples, w: ArrayLike<number>, v?: ArrayLike<number>): number {
  if (!v || !s.cross) return combinationError(s.traces, s.vectors, s.order, w);
  // One combination over both sample sets: stack them as 2·order columns.
  const both = new Float64Array(s.vectors * 2 * s.order);
  for (let r = 0; r < s.vectors; r++) {
    both.set(s.traces.subarray(r * s.order, (r + 1) * s.order), 2 * r * s.order);
    both.set(s.cross.subarray(r * s.order, (r + 1) * s.order), (2 * r + 1) * s.order);
  }
  const wv = new Float64Array(2 * s.order);
  for (let k = 0; k < s.order; k++) {
    wv[k] = w[k] ?? 0;
    wv[s.order + k] = v[k] ?? 0;
  }
  return combinationError(both, s.vectors, 2 * s.order, wv);
}

/** t[k-1] ≈ tr(W^k), k = 1..order. */
export function traceMoments(weights: SpatialWeights, order: number, options: TraceOptions = {}): Float64Array {
  return powerTraces(weights, order, options).traces;
}

export function powerTraces(weights: SpatialWeights, order: number, options: TraceOptions = {}): PowerTraces {
  const { w, similarity } = weights;
  if (!(order >= 1)) throw new RangeError(`order must be at least 1, got ${order}`);
  if (options.exactUpTo !== undefined ? weights.n <= options.exactUpTo : exactPowersAffordable(weights, order)) {
    if (similarity) return { traces: densePowerTraces(similarMatrix(w, similarity), order, true) };
    const crossTraces = new Float64Array(order);
    return { traces: densePowerTraces(w, order, false, crossTraces), crossTraces };
  }
  // Callers pass W in a locality order for large n (weights/locality): the products here are
  // the engine's heaviest, and in input order the notes measure them 2–8× slower.
  const symmetric = similarity !== undefined;
  const matrix = symmetric ? similarMatrix(w, similarity) : w;
  const hops = options.exactHops ?? DEFAULT_EXACT_HOPS;
  const at = symmetric ? matrix : transpose(matrix);
  if (2 * hops >= order) return { traces: localTraces(matrix, at, order, hops) };
  // The exact low orders on the second core while this one runs the Monte Carlo products.
  const exactTask: Pending<{ traces: Float64Array }> = weights.n >= HELPER_MIN_N
    ? startOnHelper({ kind: 'localTraces', a: matrix, at, order, maxHops: hops })
    : { onHelper: false, wait: () => ({ traces: localTraces(matrix, at, order, hops) }) };
  const h = hutchinsonSamples(matrix, order, options.samples ?? defaultSamples(weights.n), options.seed ?? DEFAULT_SEED, symmetric);
  const exact = exactTask.wait().traces;
  const t = combineWithExact(h.est, h.samples, order, exact);
  // tr(WᵀW) is exact (the sum of squared weights); the others are plain means.
  const c = h.cross && combineWithExact(h.cross, h.samples, order, Float64Array.of(traceWtW(w)));
  return {
    traces: t.traces,
    crossTraces: c?.traces,
    samples: { vectors: h.samples, order, traces: t.adjusted, cross: c?.adjusted },
  };
}

/** S = D^{1/2} W D^{-1/2} from the diagonal of D^{1/2}; symmetric when W has a similarity. */
export function similarMatrix(w: Csr, similarity: Float64Array): Csr {
  return scaleRowsCols(w, similarity, similarity.map((d) => 1 / d));
}
