/**
 * The traces that the asymptotic covariance and the LM residual test need, for
 * A = (I − ρW)⁻¹ (Anselin 1988 ch. 6; spatialreg `lagsarlm`, `errorsarlm`):
 *   t1 = tr(AW), t2 = tr((AW)²), t3 = tr((AW)ᵀ(AW)), t4 = tr((WW + WᵀW)A), T = tr(WW + WᵀW).
 *
 * Exact while affordable (within EXACT_TRACE_BUDGET multiply-adds), from sparse factorisations
 * and their selected inverses — the numbers spatialreg's method "eigen" computes with dense
 * n × n inverses:
 *   t1 = tr(WA) and t4 = tr((W + Wᵀ)(A − I))/ρ (A − I = ρWA): the selected inverse of I − ρW on
 *        W's own pattern (sparse/resolvent);
 *   t2 = dt1/dρ: analytic from the eigenvalues, else a central difference of the exact t1 with a
 *        step 1.5e-5 of the distance to the interval's ends (truncation and rounding ≲ 1e-9);
 *   t3 = ‖AW‖²_F = tr(WWᵀ(BBᵀ)⁻¹) with B = I − ρW, as AᵀA = (BBᵀ)⁻¹: the selected inverse of the
 *        symmetric positive definite BBᵀ = I − ρ(W + Wᵀ) + ρ²WWᵀ (sparse/parametric).
 * Beyond, t1 and t2 come from the log-determinant's derivatives and t3, t4 from Hutchinson's
 * estimator tr(M) ≈ mean uᵀMu over random ±1 vectors u — with control variates (A = I + ρWA,
 * so only the parts that vanish at ρ = 0 are estimated and the exact tr(WᵀW), T added back) and
 * as many vectors as a relative standard error of TARGET_RELATIVE_SE needs (up to MAX_VECTORS);
 * the error goes into the result.
 */
import { matVec, type Csr } from '../sparse/csr';
import { BLOCK, multiplyBlock } from '../sparse/block';
import { identity, linearCombination, multiply, transpose } from '../sparse/build';
import { PivotError } from '../sparse/dense-front';
import { MULTIPLY_ADDS_PER_SECOND, ParametricMatrix } from '../sparse/parametric';
import { Resolvent } from '../sparse/resolvent';
import type { TraceQueries } from '../sparse/selected-inverse';
import { Xoshiro128 } from '../traces/random';
import { traceW, traceWtW, traceWW } from '../traces/exact';
import { traceSeriesError } from '../traces/moments';
import type { LogDet } from '../logdet/types';
import type { TraceAccuracy } from '../result';
import { maxAbsRowSum } from '../logdet/spectrum';


export interface ATraces {
  trAW: number;
  trAWAW: number;
  trAWtAW: number;
  /** tr((WW + WᵀW)A), for the LM test on lag-model residuals. */
  trTWA: number;
  /** tr(WW + WᵀW). */
  trTW: number;
  accuracy: TraceAccuracy;
}

/** The two traces of the LM test on lag-model residuals (spatialreg `lagsarlm`: T22 and T21A). */
export interface LmTraces {
  trTW: number;
  trTWA: number;
  accuracy: TraceAccuracy;
}

/** Multiply-adds the exact traces may take: about five seconds (n = 20,000 kNN-6: ~1.3·10⁹). */
export const EXACT_TRACE_BUDGET = 5 * MULTIPLY_ADDS_PER_SECOND;
/**
 * Without a factorisation from the log-determinant, the exact route first analyses I − ρW
 * (~0.3 s at n = 20,000, 0.5 s at 10⁵): not tried beyond this n, where it could not be afforded.
 */
export const EXACT_TRACE_MAX_N = 30_000;
/** The Monte Carlo estimates stop adding vectors once each trace's relative SE is below this. */
export const TARGET_RELATIVE_SE = 1e-3;
export const MAX_VECTORS = 256;
/** Never fewer: the spread of fewer vectors is no estimate of the error. */
const MIN_VECTORS = 16;
/** BBᵀ's pattern (two hops) factorises at 2.5–5× the multiply-adds of I − ρW's (measured). */
const GRAM_COST_FACTOR = 5;

/** Thrown when the Neumann series for A v does not converge (ρ at the edge of its interval). */
export class SeriesDivergedError extends Error {
  constructor(rho: number) {
    super(`(I − ρW)⁻¹v did not converge at ρ = ${rho}`);
    this.name = 'SeriesDivergedError';
  }
}

/** The traces at one ρ, each computed once, exactly where affordable. */
export class SpatialTraces {
  private resolvent?: Resolvent | null;
  private queries?: TraceQueries;
  private evaluationCost = Infinity;
  private atRho?: { trAW: number; trTWA: number };
  private t2?: number;
  private hutchinson?: { trAWtAW?: number; trTWA: number; accuracy: TraceAccuracy; purpose: 'asymptotic' | 'lm' };
  private readonly trTW: number;
  private readonly seed: number;
  private readonly budget: number;

  /** `budget`: multiply-adds allowed for the exact route (default EXACT_TRACE_BUDGET; 0 forces Monte Carlo). */
  constructor(readonly w: Csr, readonly logdet: LogDet, readonly rho: number, options: { seed?: number; budget?: number } = {}) {
    this.trTW = traceWW(w) + traceWtW(w);
    this.seed = options.seed ?? 12345;
    this.budget = options.budget ?? EXACT_TRACE_BUDGET;
  }

  /** Whether `purpose`'s traces are exact ('asymptotic': all; 'lm': t4 and ln|I − ρW|''). */
  exact(purpose: 'asymptotic' | 'lm'): boolean {
    const difference = this.analyticSecondDerivative() ? 0 : 2;
    const evaluations = 1 + difference + (purpose === 'asymptotic' ? GRAM_COST_FACTOR : 0);
    return this.exactResolvent(evaluations) !== undefined;
  }

  /** A b = (I − ρW)⁻¹b: by a factorisation when one is at hand, else the Neumann series. */
  solve(b: Float64Array): Float64Array {
    const r = this.exactResolvent(1);
    return r ? r.solve(this.rho, b) : applyA(this.w, this.rho, b, this.logdet, 1e-10);
  }

  /** d²/dρ² ln|I − ρW| = −t2. */
  secondDerivative(): number {
    return -this.traceAWAW();
  }

  asymptotic(): ATraces {
    if (this.exact('asymptotic')) {
      const { trAW, trTWA } = this.exactAtRho();
      return { trAW, trAWAW: this.traceAWAW(), trAWtAW: this.exactAWtAW(), trTWA, trTW: this.trTW, accuracy: { method: 'exact' } };
    }
    const mc = this.monteCarlo('asymptotic');
    return {
      trAW: -logdetDerivative(this.logdet, this.rho, 1),
      trAWAW: this.traceAWAW(),
      trAWtAW: mc.trAWtAW as number,
      trTWA: mc.trTWA,
      trTW: this.trTW,
      accuracy: mc.accuracy,
    };
  }

  lm(): LmTraces {
    if (this.exact('lm')) return { trTW: this.trTW, trTWA: this.exactAtRho().trTWA, accuracy: { method: 'exact' } };
    const series = this.seriesTraces();
    if (series) return series;
    const mc = this.monteCarlo('lm');
    return { trTW: this.trTW, trTWA: mc.trTWA, accuracy: mc.accuracy };
  }

  private analyticSecondDerivative(): boolean {
    return this.logdet.method === 'eigen' && this.logdet.secondDerivative !== undefined;
  }

  /**
   * The resolvent, factorised at ρ, if `evaluations` of its factorisation and selected inverse fit
   * in EXACT_TRACE_BUDGET and I − ρW factorises there (analysed only for n ≤ EXACT_TRACE_MAX_N).
   */
  private exactResolvent(evaluations: number): Resolvent | undefined {
    if (this.resolvent === undefined) {
      this.resolvent = null;
      if (this.budget <= 0) return undefined;
      const r = this.logdet.resolvent ?? (this.w.nrows <= EXACT_TRACE_MAX_N ? new Resolvent(this.w, this.logdet.similarity) : undefined);
      // LU without pivoting is safe while |ρ|·‖W‖∞ < 1 (logdet/sparse); Cholesky wherever I − ρS is positive definite.
      const safe = r?.similarity !== undefined || Math.abs(this.rho) * maxAbsRowSum(this.w) < 1;
      if (r && safe && factorises(r, this.rho)) {
        this.resolvent = r;
        const c = r.family.cost();
        this.evaluationCost = c.factor + c.inverse;
      }
    }
    return this.resolvent && evaluations * this.evaluationCost <= this.budget ? this.resolvent : undefined;
  }

  /** t1 and t4 from one selected inversion of I − ρW. */
  private exactAtRho(): { trAW: number; trTWA: number } {
    if (this.atRho) return this.atRho;
    const r = this.resolvent as Resolvent;
    const w = this.w;
    this.queries ??= r.prepare([w, linearCombination([{ matrix: w, scale: 1 }, { matrix: transpose(w), scale: 1 }])]);
    const [trAW, trSymA] = r.traces(this.rho, this.queries);
    const trTWA = this.rho === 0 ? this.trTW : (trSymA - 2 * traceW(w)) / this.rho;
    this.atRho = { trAW, trTWA };
    return this.atRho;
  }

  /** t2, exactly (eigenvalues, or the central difference of the exact t1) or from the log-determinant. */
  private traceAWAW(): number {
    if (this.t2 !== undefined) return this.t2;
    if (this.analyticSecondDerivative() || !this.exact('lm')) {
      this.t2 = -logdetDerivative(this.logdet, this.rho, 2);
      return this.t2;
    }
    const r = this.resolvent as Resolvent;
    const [lo, hi] = this.logdet.interval;
    // t1 = Σ λ/(1 − ρλ) has its singularities at the interval's ends: with h = 1.5e-5 of the
    // distance to them the truncation (h/gap)² and the rounding (ε·gap/h) stay below ~1e-9
    // (measured against dense inverses: ≤ 5e-10).
    const h = 1.5e-5 * Math.min(1, this.rho - lo, hi - this.rho);
    this.t2 = (r.traceAW(this.rho + h) - r.traceAW(this.rho - h)) / (2 * h);
    return this.t2;
  }

  /** t3 = tr(WWᵀ (BBᵀ)⁻¹), B = I − ρW. */
  private exactAWtAW(): number {
    const w = this.w;
    const wt = transpose(w);
    const wwt = multiply(w, wt);
    const gram = new ParametricMatrix([identity(w.nrows), linearCombination([{ matrix: w, scale: -1 }, { matrix: wt, scale: -1 }]), wwt], true);
    return gram.traces(this.rho, gram.prepare([wwt]))[0];
  }

  /**
   * tr((WW + WᵀW)A) = Σ_k ρᵏ [tr(W^{k+2}) + tr(WᵀW^{k+1})] from the log-determinant's trace series
   * when it carries both (mc on W without a symmetric similar matrix), with no further products,
   * while the dropped tail stays negligible (|ρ|^(m−1) < 1e-6 for m powers: |ρ| < 0.62 at m = 30).
   */
  private seriesTraces(): LmTraces | undefined {
    const t = this.logdet.traces;
    const c = this.logdet.crossTraces;
    const rho = this.rho;
    if (!t || !c || Math.abs(rho) ** (t.length - 1) >= 1e-6) return undefined;
    let trTWA = 0;
    for (let k = t.length - 2; k >= 0; k--) trTWA = trTWA * rho + t[k + 1] + c[k]; // Horner in ρ
    const samples = this.logdet.traceSamples;
    if (!samples) return { trTW: this.trTW, trTWA, accuracy: { method: 'exact' } };
    // Weights of t_k (0-based: tr(W^{k+1})) and c_k in the series, for its standard error.
    const wt = new Float64Array(t.length);
    const wc = new Float64Array(t.length);
    for (let k = 0; k + 1 < t.length; k++) {
      wt[k + 1] = rho ** k;
      wc[k] = rho ** k;
    }
    const se = traceSeriesError(samples, wt, wc);
    return { trTW: this.trTW, trTWA, accuracy: { method: 'monte-carlo', vectors: samples.vectors, relativeSE: se / Math.abs(trTWA) } };
  }

  /** Hutchinson estimates of t3 (asymptotic only) and t4, adding blocks of vectors until precise enough. */
  private monteCarlo(purpose: 'asymptotic' | 'lm'): { trAWtAW?: number; trTWA: number; accuracy: TraceAccuracy } {
    if (this.hutchinson && (this.hutchinson.purpose === 'asymptotic' || purpose === 'lm')) return this.hutchinson;
    const { w, rho, logdet } = this;
    const n = w.nrows;
    const wt = transpose(w);
    const rng = new Xoshiro128(this.seed);
    const u = new Float64Array(n * BLOCK);
    const trWtW = traceWtW(w);
    const s3: number[] = []; // per vector: uᵀ(AᵀWᵀWA − WᵀW)u
    const s4: number[] = []; // per vector: uᵀ(WW + WᵀW)(A − I)u
    const d3 = new Float64Array(BLOCK);
    const d4 = new Float64Array(BLOCK);
    const error = (s: number[], exact: number) => standardError(s) / Math.abs(exact + mean(s));
    for (;;) {
      rng.fillRademacher(u);
      const wu = multiplyBlock(w, u, BLOCK);
      const wtu = multiplyBlock(wt, u, BLOCK);
      // The Monte Carlo error (~1/√(n·vectors)) dwarfs a 1e-7 truncation of the series.
      const wau = applyABlock(w, rho, wu, BLOCK, logdet, 1e-7); // A W u = W A u
      d3.fill(0);
      d4.fill(0);
      for (let i = 0; i < n; i++) {
        for (let r = 0; r < BLOCK; r++) {
          const q = i * BLOCK + r;
          d3[r] += wau[q] * wau[q] - wu[q] * wu[q];
          d4[r] += (wtu[q] + wu[q]) * (wau[q] - wu[q]);
        }
      }
      s3.push(...d3);
      s4.push(...d4);
      const relSE = Math.max(error(s4, this.trTW), purpose === 'asymptotic' ? error(s3, trWtW) : 0);
      if (s4.length >= MAX_VECTORS || (s4.length >= MIN_VECTORS && relSE <= TARGET_RELATIVE_SE)) {
        this.hutchinson = {
          trAWtAW: purpose === 'asymptotic' ? trWtW + mean(s3) : undefined,
          trTWA: this.trTW + mean(s4),
          accuracy: { method: 'monte-carlo', vectors: s4.length, relativeSE: relSE },
          purpose,
        };
        return this.hutchinson;
      }
    }
  }
}

/** Whether I − ρW factorises at ρ with a finite determinant (pivots away from zero). */
function factorises(r: Resolvent, rho: number): boolean {
  try {
    return Number.isFinite(r.logDet(rho));
  } catch (e) {
    if (e instanceof PivotError || e instanceof RangeError) return false;
    throw e;
  }
}

function mean(s: number[]): number {
  return s.reduce((a, b) => a + b, 0) / s.length;
}

/** Standard error of the mean of the samples. */
function standardError(s: number[]): number {
  const m = mean(s);
  return Math.sqrt(s.reduce((a, b) => a + (b - m) ** 2, 0) / (s.length - 1) / s.length);
}

/**
 * First or second derivative of ln|I − ρW| in ρ: analytic when the method has it, a central
 * difference of the exact first derivative (sparse) or of the value otherwise, with steps kept
 * inside the admissible interval.
 */
export function logdetDerivative(logdet: LogDet, rho: number, order: 1 | 2): number {
  if (order === 1 && logdet.derivative) return logdet.derivative(rho);
  if (order === 2 && logdet.secondDerivative) return logdet.secondDerivative(rho);
  const [lo, hi] = logdet.interval;
  const h = Math.min(1e-4, (rho - lo) / 2, (hi - rho) / 2);
  if (order === 2 && logdet.derivative) return (logdet.derivative(rho + h) - logdet.derivative(rho - h)) / (2 * h);
  const fp = logdet.value(rho + h);
  const fm = logdet.value(rho - h);
  return order === 1 ? (fp - fm) / (2 * h) : (fp - 2 * logdet.value(rho) + fm) / (h * h);
}

/**
 * A v = (I − ρW)⁻¹ v: by the log-determinant's factorisation when it holds one, else by the
 * Neumann series Σ (ρW)ᵏ v to `tol` relative.
 */
export function applyA(w: Csr, rho: number, v: Float64Array, logdet?: LogDet, tol = 1e-13): Float64Array {
  return applyABlock(w, rho, v, 1, logdet, tol);
}

/** A V for c vectors interleaved (sparse/block), as `applyA`. Throws SeriesDivergedError. */
export function applyABlock(w: Csr, rho: number, v: Float64Array, c: number, logdet?: LogDet, tol = 1e-13, maxIter = 5000): Float64Array {
  const n = w.nrows;
  if (logdet?.solve) {
    if (c === 1) return logdet.solve(rho, v);
    const out = new Float64Array(n * c);
    const col = new Float64Array(n);
    for (let r = 0; r < c; r++) {
      for (let i = 0; i < n; i++) col[i] = v[i * c + r];
      const x = logdet.solve(rho, col);
      for (let i = 0; i < n; i++) out[i * c + r] = x[i];
    }
    return out;
  }
  const x = Float64Array.from(v);
  let term = Float64Array.from(v);
  let next = new Float64Array(n * c);
  const norm0 = Math.sqrt(v.reduce((s, t) => s + t * t, 0)) || 1;
  for (let it = 0; it < maxIter; it++) {
    if (c === 1) matVec(w, term, next);
    else multiplyBlock(w, term, c, next);
    let nt = 0;
    for (let q = 0; q < n * c; q++) {
      const t = rho * next[q];
      next[q] = t;
      x[q] += t;
      nt += t * t;
    }
    [term, next] = [next, term];
    if (Math.sqrt(nt) <= tol * norm0) return x;
    if (!Number.isFinite(nt)) break;
  }
  throw new SeriesDivergedError(rho);
}
