/**
 * Impacts (marginal effects) of the spatial lag (SAR) and spatial Durbin (SDM) models,
 * LeSage & Pace (2009), "Introduction to Spatial Econometrics", §2.7 and ch. 4; as spatialreg's
 * `impacts()`.
 *
 * For y = ρWy + Xβ + WXθ + ε the effect of regressor k is S_k(W) = (I − ρW)⁻¹(β_k I + θ_k W)
 * (θ_k = 0 in the lag model). Averaged over the n units:
 *   direct   = tr(S_k)/n                 (mean own-unit effect)
 *   total    = 1'S_k 1/n                 (mean row sum = mean column sum)
 *   indirect = total − direct            (the spillover)
 * Computed
 *   - from the eigenvalues λ of W (exact, small n): direct = β·mean(1/(1−ρλ)) + θ·mean(λ/(1−ρλ))
 *     (real parts; complex pairs of an asymmetric W cancel), total = (β + θ)/(1 − ρ) when the rows
 *     of W sum to one (style W; spatialreg assumes this too);
 *   - from traces t_j = tr(W^j), j = 1..m (large n; exact or Monte Carlo traces, LeSage & Pace ch. 4):
 *     direct = β Σ_{j<m} ρ^j t_j/n + θ Σ_{j<m} ρ^j t_{j+1}/n (t_0 = n), total = (β + θ) Σ_{j<m} ρ^j,
 *     exactly spatialreg's `lagImpacts()` with `tr = trW(..., m)` (the series truncated at m terms).
 * For W whose rows do not sum to one, pass the row-sum moments s_j = 1'W^j 1/n (`rowSumMoments`)
 * and the total is Σ ρ^j s_j (β part) + Σ ρ^j s_{j+1} (θ part).
 *
 * Simulated inference (LeSage & Pace §2.7; spatialreg `impacts(..., R = 1000)`): draws of
 * (ρ, β, θ) ~ N(estimate, V) with V their covariance (σ² excluded), by Cholesky and a seeded
 * generator; draws with ρ outside the admissible interval are discarded as spatialreg does; for
 * each draw the impacts are recomputed; reported are the mean, the standard deviation (SE), and,
 * as spatialreg's `summary(..., zstats = TRUE)`, z = simulated mean / simulated SE and the
 * two-sided normal p-value.
 */
import { CholeskyDecomposition, EigenvalueDecomposition, Matrix } from 'ml-matrix';
import { matVec, type Csr } from '../sparse/csr';
import { transpose } from '../sparse/build';
import type { ImpactRow, SimulatedImpact } from '../result';
import { maxAbsRowSum } from '../logdet/spectrum';
import { zTest } from './statistic';
import { matTVec } from './linalg';
import { createRng } from './random';

/** Where the spectral information about W comes from. */
export type ImpactsSource =
  | { kind: 'eigen'; re: ArrayLike<number>; im?: ArrayLike<number> }
  /** traces[j − 1] = tr(W^j), j = 1..m. */
  | { kind: 'traces'; traces: ArrayLike<number> };

/** Impact multipliers at one ρ: direct = β·directBeta + θ·directTheta, total = β·totalBeta + θ·totalTheta. */
export interface ImpactMultipliers {
  /** mean diag((I − ρW)⁻¹). */
  directBeta: number;
  /** mean diag((I − ρW)⁻¹W). */
  directTheta: number;
  /** 1'(I − ρW)⁻¹1 / n. */
  totalBeta: number;
  /** 1'(I − ρW)⁻¹W1 / n. */
  totalTheta: number;
}

/**
 * s_j = 1'W^j 1/n for j = 0..m (m + 1 values; s_0 = 1): what the total impact needs when the
 * rows of W do not all sum to one (styles B, C, U, S). m sparse products.
 */
export function rowSumMoments(w: Csr, m: number): Float64Array {
  const n = w.nrows;
  const out = new Float64Array(m + 1);
  let v = new Float64Array(n).fill(1);
  let next = new Float64Array(n);
  out[0] = 1;
  for (let j = 1; j <= m; j++) {
    matVec(w, v, next);
    let s = 0;
    for (let i = 0; i < n; i++) s += next[i];
    out[j] = s / n;
    [v, next] = [next, v];
  }
  return out;
}

/** Whether every non-empty row of W sums to one (style W), to tolerance. */
export function rowsSumToOne(w: Csr, tol = 1e-10): boolean {
  for (let i = 0; i < w.nrows; i++) {
    let s = 0;
    for (let p = w.rowPtr[i]; p < w.rowPtr[i + 1]; p++) s += w.values[p];
    if (w.rowPtr[i + 1] > w.rowPtr[i] && Math.abs(s - 1) > tol) return false;
  }
  return true;
}

/** Σ_{j<terms} ρ^j s_{j+shift} (s ≡ 1 without moments). */
function seriesTotal(rho: number, moments: ArrayLike<number> | undefined, terms: number, shift: number): number {
  let s = 0;
  let r = 1;
  for (let j = 0; j < terms; j++) {
    s += r * (moments ? moments[j + shift] : 1);
    r *= rho;
  }
  return s;
}

/**
 * The four multipliers at ρ. `n` is the number of observations (for traces). `totalMoments`
 * (from `rowSumMoments`) only when the rows of W do not sum to one.
 */
export function impactMultipliers(rho: number, source: ImpactsSource, n: number, totalMoments?: ArrayLike<number>): ImpactMultipliers {
  if (source.kind === 'eigen') {
    const { re, im } = source;
    const m = re.length;
    let sb = 0;
    let st = 0;
    for (let i = 0; i < m; i++) {
      const a = re[i];
      const b = im ? im[i] : 0;
      if (b === 0) {
        const d = 1 - rho * a;
        sb += 1 / d;
        st += a / d;
      } else {
        // 1/(1 − ρλ) and λ/(1 − ρλ) for λ = a + ib: real parts.
        const dr = 1 - rho * a;
        const di = -rho * b;
        const den = dr * dr + di * di;
        sb += dr / den;
        st += (a * dr + b * di) / den;
      }
    }
    let totalBeta: number;
    let totalTheta: number;
    if (totalMoments) {
      const terms = Math.max(totalMoments.length - 1, 1);
      totalBeta = seriesTotal(rho, totalMoments, terms, 0);
      totalTheta = seriesTotal(rho, totalMoments, terms, 1);
    } else {
      totalBeta = 1 / (1 - rho);
      totalTheta = totalBeta;
    }
    return { directBeta: sb / m, directTheta: st / m, totalBeta, totalTheta };
  }
  const t = source.traces;
  const m = t.length;
  if (m === 0) throw new Error('impacts from traces need at least tr(W)');
  // spatialreg lagImpacts: g = ρ^(0:q), q = m − 1; direct uses (1, t_1..t_{m−1})/n, Durbin's θ row t_1..t_m.
  let db = 0;
  let dt = 0;
  let r = 1;
  for (let j = 0; j < m; j++) {
    db += r * (j === 0 ? 1 : t[j - 1] / n);
    dt += r * (t[j] / n);
    r *= rho;
  }
  let totalBeta: number;
  let totalTheta: number;
  if (totalMoments) {
    const terms = Math.min(m, totalMoments.length - 1);
    totalBeta = seriesTotal(rho, totalMoments, terms, 0);
    totalTheta = seriesTotal(rho, totalMoments, terms, 1);
  } else {
    totalBeta = seriesTotal(rho, undefined, m, 0);
    totalTheta = totalBeta;
  }
  return { directBeta: db, directTheta: dt, totalBeta, totalTheta };
}

/** A regressor with an impact: its coefficient β and, in the Durbin model, θ of its spatial lag. */
export interface ImpactTerm {
  name: string;
  beta: number;
  theta?: number;
}

export interface ImpactValues {
  direct: number;
  indirect: number;
  total: number;
}

export function termImpacts(term: ImpactTerm, m: ImpactMultipliers): ImpactValues {
  const th = term.theta ?? 0;
  const direct = term.beta * m.directBeta + th * m.directTheta;
  const total = term.beta * m.totalBeta + th * m.totalTheta;
  return { direct, indirect: total - direct, total };
}

/** Durbin lag terms are named `lag.<name>`, as spatialreg. */
export const DURBIN_PREFIX = 'lag.';

export interface TermIndex {
  name: string;
  beta: number;
  theta?: number;
}

/**
 * Which coefficients have impacts: every regressor except the intercept and the Durbin lag
 * terms themselves; θ is the coefficient named `lag.<name>` when present (Durbin model).
 */
export function impactTermIndices(names: readonly string[], model: 'lag' | 'durbin'): TermIndex[] {
  const out: TermIndex[] = [];
  names.forEach((name, i) => {
    if (name === '(Intercept)' || (model === 'durbin' && name.startsWith(DURBIN_PREFIX))) return;
    const t: TermIndex = { name, beta: i };
    if (model === 'durbin') {
      const k = names.indexOf(DURBIN_PREFIX + name);
      if (k >= 0) t.theta = k;
    }
    out.push(t);
  });
  return out;
}

export interface ImpactsSimulationOptions {
  /** Covariance of the estimates with row/column names; must include `rho` and the terms' coefficients. */
  covariance: { names: readonly string[]; matrix: readonly (readonly number[])[] };
  /** Number of draws (default 1000, as the spec default). */
  draws?: number;
  /** RNG seed (default 1). */
  seed?: number;
  /** Admissible interval of ρ: draws outside are discarded (spatialreg). */
  interval?: [number, number];
  /** Name of ρ in the covariance (default 'rho'). */
  rhoName?: string;
  /**
   * Per coefficient (as `coefficientNames`): the covariance is that of β_j / scales[j] (the fit's
   * internal units, where every entry fits in a double); draws are mapped back by the scales.
   */
  scales?: ArrayLike<number>;
}

export interface ImpactsInput {
  model: 'lag' | 'durbin';
  rho: number;
  /** Number of observations. */
  n: number;
  /** Coefficient names and estimates in fit order (intercept included; Durbin lags as `lag.<x>`). */
  coefficientNames: readonly string[];
  coefficients: ArrayLike<number>;
  source: ImpactsSource;
  /** Only when the rows of W do not all sum to one: `rowSumMoments(w, m)`. */
  totalMoments?: ArrayLike<number>;
  simulation?: ImpactsSimulationOptions;
}

export interface ImpactsOutput {
  rows: ImpactRow[];
  method: 'eigen' | 'traces';
  /** Draws requested and kept (inside the interval). */
  simulation?: { requested: number; kept: number; seed: number };
}

/** Lower-triangular factor L with LLᵀ = S; semidefinite S via its eigen decomposition (as MASS::mvrnorm). */
export function covarianceFactor(s: readonly (readonly number[])[]): number[][] {
  // Symmetrise: covariances from numerical Hessians are symmetric only to rounding.
  const m = new Matrix(s.map((r, i) => r.map((v, j) => 0.5 * (v + s[j][i]))));
  const chol = new CholeskyDecomposition(m);
  if (chol.isPositiveDefinite()) return chol.lowerTriangularMatrix.to2DArray();
  const e = new EigenvalueDecomposition(m, { assumeSymmetric: true });
  const vals = e.realEigenvalues;
  const scale = Math.max(...vals.map(Math.abs));
  if (vals.some((v) => v < -1e-6 * scale)) throw new Error('covariance matrix is not positive semi-definite');
  const v = e.eigenvectorMatrix;
  const k = vals.length;
  const out: number[][] = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) out[i][j] = v.get(i, j) * Math.sqrt(Math.max(vals[j], 0));
  return out;
}

class RunningStats {
  n = 0;
  mean = 0;
  m2 = 0;
  push(x: number): void {
    this.n++;
    const d = x - this.mean;
    this.mean += d / this.n;
    this.m2 += d * (x - this.mean);
  }
  /** Mean and SD times `unit` (z and p do not depend on it). */
  summary(unit = 1): SimulatedImpact {
    const sd = this.n > 1 ? Math.sqrt(this.m2 / (this.n - 1)) : NaN;
    return { mean: this.mean * unit, stdError: sd * unit, ...zTest(this.mean, sd) };
  }
}

/** Average direct / indirect / total impacts per regressor, with optional simulated inference. */
export function computeImpacts(input: ImpactsInput): ImpactsOutput {
  const { rho, n, source, totalMoments } = input;
  const idx = impactTermIndices(input.coefficientNames, input.model);
  const est = input.coefficients;
  const terms: ImpactTerm[] = idx.map((t) => ({ name: t.name, beta: est[t.beta], theta: t.theta === undefined ? undefined : est[t.theta] }));
  const mult = impactMultipliers(rho, source, n, totalMoments);
  const rows: ImpactRow[] = terms.map((t) => ({ name: t.name, ...termImpacts(t, mult) }));
  const out: ImpactsOutput = { rows, method: source.kind };
  const sim = input.simulation;
  if (!sim || (sim.draws ?? 1000) <= 0 || terms.length === 0) return out;

  const draws = sim.draws ?? 1000;
  const seed = sim.seed ?? 1;
  const cov = sim.covariance;
  const rhoName = sim.rhoName ?? 'rho';
  // Parameter vector: ρ, then each term's β and θ (by name in the covariance).
  const paramNames = [rhoName];
  for (const t of idx) {
    paramNames.push(input.coefficientNames[t.beta]);
    if (t.theta !== undefined) paramNames.push(input.coefficientNames[t.theta]);
  }
  const pos = paramNames.map((nm) => {
    const k = cov.names.indexOf(nm);
    if (k < 0) throw new Error(`covariance has no row named '${nm}'`);
    return k;
  });
  const scaleOf = (nm: string) => sim.scales?.[input.coefficientNames.indexOf(nm)] ?? 1;
  const scale = paramNames.map((nm, i) => (i === 0 ? 1 : scaleOf(nm)));
  const mu = paramNames.map((nm, i) => (i === 0 ? rho : est[input.coefficientNames.indexOf(nm)] / scale[i]));
  const sub = pos.map((a) => pos.map((b) => cov.matrix[a][b]));
  const L = covarianceFactor(sub);
  const k = mu.length;
  const rng = createRng(seed);
  const stats = terms.map(() => ({ direct: new RunningStats(), indirect: new RunningStats(), total: new RunningStats() }));
  const z = new Float64Array(k);
  const v = new Float64Array(k);
  let kept = 0;
  for (let r = 0; r < draws; r++) {
    for (let i = 0; i < k; i++) z[i] = rng.normal();
    for (let i = 0; i < k; i++) {
      let s = mu[i];
      for (let j = 0; j < k; j++) s += L[i][j] * z[j];
      v[i] = s;
    }
    const rhoR = v[0];
    if (sim.interval && !(rhoR > sim.interval[0] && rhoR < sim.interval[1])) continue;
    kept++;
    const mr = impactMultipliers(rhoR, source, n, totalMoments);
    // In the units of each term's β (the draws' own scale), so no variance of tiny or huge impacts under- or overflows.
    let p = 1;
    idx.forEach((t, ti) => {
      const unit = scale[p];
      const beta = v[p++];
      const theta = t.theta !== undefined ? (v[p] * scale[p++]) / unit : undefined;
      const e = termImpacts({ name: t.name, beta, theta }, mr);
      stats[ti].direct.push(e.direct);
      stats[ti].indirect.push(e.indirect);
      stats[ti].total.push(e.total);
    });
  }
  const units: number[] = [];
  for (let p = 1, ti = 0; ti < idx.length; ti++) {
    units.push(scale[p]);
    p += idx[ti].theta !== undefined ? 2 : 1;
  }
  rows.forEach((row, ti) => {
    row.simulated = {
      direct: stats[ti].direct.summary(units[ti]),
      indirect: stats[ti].indirect.summary(units[ti]),
      total: stats[ti].total.summary(units[ti]),
      draws: kept,
      seed,
    };
  });
  out.simulation = { requested: draws, kept, seed };
  return out;
}

// ---------------------------------------------------------------------------------------------
// Per-observation effects for the map.

export interface LocalImpactsInput {
  /** The styled W (CSR). */
  w: Csr;
  rho: number;
  terms: readonly ImpactTerm[];
  /**
   * Spectral source for the approximate diagonal (large n): fixes the mean of the approximated
   * diagonal to the exact average direct effect. Without it the power series is cut after W³.
   */
  source?: ImpactsSource;
  /** Up to this n the diagonal (and column sums) come from a dense LU inverse (default 500). */
  exactMaxN?: number;
  /** Relative tolerance of the iterative column-sum solve (default 1e-10). */
  tol?: number;
  maxIter?: number;
}

export interface LocalImpact {
  name: string;
  /** Column sums of S_k: total effect on all units of a unit change of x_k at unit i. */
  total: number[];
  /** Diagonal of S_k: the own-unit effect. */
  direct: number[];
  /** total − direct: the effect on the other units (spillover from unit i). */
  indirect: number[];
}

export interface LocalImpactsOutput {
  effects: LocalImpact[];
  /** 'exact' (dense LU, small n) or 'approximate' (series: diag(W), diag(W²), diag(W³) exact, higher powers by their average). */
  diagonal: 'exact' | 'approximate';
  solver: { method: 'dense-lu' | 'neumann' | 'bicgstab'; iterations: number; relativeResidual: number; converged: boolean };
}

/** Inverse of I − ρW as a dense row-major n×n array (LU with partial pivoting). Small n only. */
function denseInverseIminusRhoW(w: Csr, rho: number): Float64Array {
  const n = w.nrows;
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    a[i * n + i] = 1;
    for (let p = w.rowPtr[i]; p < w.rowPtr[i + 1]; p++) a[i * n + w.colIdx[p]] -= rho * w.values[p];
  }
  const piv = new Int32Array(n);
  for (let i = 0; i < n; i++) piv[i] = i;
  for (let k = 0; k < n; k++) {
    let best = k;
    let bv = Math.abs(a[k * n + k]);
    for (let i = k + 1; i < n; i++) {
      const v = Math.abs(a[i * n + k]);
      if (v > bv) {
        bv = v;
        best = i;
      }
    }
    if (bv === 0) throw new Error('I − ρW is singular');
    if (best !== k) {
      for (let j = 0; j < n; j++) {
        const t = a[k * n + j];
        a[k * n + j] = a[best * n + j];
        a[best * n + j] = t;
      }
      const t = piv[k];
      piv[k] = piv[best];
      piv[best] = t;
    }
    const d = a[k * n + k];
    for (let i = k + 1; i < n; i++) {
      const f = (a[i * n + k] /= d);
      if (f === 0) continue;
      const ri = i * n;
      const rk = k * n;
      for (let j = k + 1; j < n; j++) a[ri + j] -= f * a[rk + j];
    }
  }
  // Solve LU X = P I column by column, writing X row-major.
  const inv = new Float64Array(n * n);
  const col = new Float64Array(n);
  for (let c = 0; c < n; c++) {
    for (let i = 0; i < n; i++) col[i] = piv[i] === c ? 1 : 0;
    for (let i = 0; i < n; i++) {
      let s = col[i];
      const ri = i * n;
      for (let j = 0; j < i; j++) s -= a[ri + j] * col[j];
      col[i] = s;
    }
    for (let i = n - 1; i >= 0; i--) {
      let s = col[i];
      const ri = i * n;
      for (let j = i + 1; j < n; j++) s -= a[ri + j] * col[j];
      col[i] = s / a[ri + i];
    }
    for (let i = 0; i < n; i++) inv[i * n + c] = col[i];
  }
  return inv;
}

function norm2(x: Float64Array): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i] * x[i];
  return Math.sqrt(s);
}

/**
 * c with (I − ρWᵀ)c = 1, i.e. the column sums of (I − ρW)⁻¹. Neumann series c ← 1 + ρWᵀc when
 * |ρ|·‖Wᵀ‖₁ < 1 (‖Wᵀ‖₁ = max row sum of W; for style W that is |ρ| < 1, error ≤ |ρ|^k), otherwise
 * BiCGSTAB (van der Vorst 1992). Stops at relative residual `tol`.
 */
export function solveColumnSums(
  w: Csr,
  rho: number,
  tol = 1e-12,
  maxIter = 10000,
  wt: Csr = transpose(w),
): { c: Float64Array; method: 'neumann' | 'bicgstab'; iterations: number; relativeResidual: number; converged: boolean } {
  const n = w.nrows;
  const ones = new Float64Array(n).fill(1);
  const bnorm = Math.sqrt(n);
  const apply = (x: Float64Array, out: Float64Array): Float64Array => {
    matVec(wt, x, out);
    for (let i = 0; i < n; i++) out[i] = x[i] - rho * out[i];
    return out;
  };
  const residualNorm = (x: Float64Array): number => {
    const ax = apply(x, new Float64Array(n));
    for (let i = 0; i < n; i++) ax[i] = 1 - ax[i];
    return norm2(ax) / bnorm;
  };
  const q = Math.abs(rho) * maxAbsRowSum(w);
  if (q < 0.98) {
    let c = ones.slice();
    let next = new Float64Array(n);
    for (let it = 1; it <= maxIter; it++) {
      matVec(wt, c, next);
      let diff = 0;
      let size = 0;
      for (let i = 0; i < n; i++) {
        const v = 1 + rho * next[i];
        diff += Math.abs(v - c[i]);
        size += Math.abs(v);
        next[i] = v;
      }
      [c, next] = [next, c];
      // In the 1-norm the map contracts by q = |ρ|‖Wᵀ‖₁, so ‖c − c*‖₁ ≤ q/(1 − q)·‖step‖₁.
      if ((diff * Math.max(q, 1e-3)) / (1 - q) <= tol * size) {
        const res = residualNorm(c);
        return { c, method: 'neumann', iterations: it, relativeResidual: res, converged: true };
      }
    }
  }
  // BiCGSTAB from x0 = 1.
  const x = ones.slice();
  const r = new Float64Array(n);
  apply(x, r);
  for (let i = 0; i < n; i++) r[i] = 1 - r[i];
  const rhat = r.slice();
  const p = new Float64Array(n);
  const v = new Float64Array(n);
  const s = new Float64Array(n);
  const t = new Float64Array(n);
  let rhoPrev = 1;
  let alpha = 1;
  let omega = 1;
  let res = norm2(r) / bnorm;
  let it = 0;
  while (res > tol && it < maxIter) {
    it++;
    let rr = 0;
    for (let i = 0; i < n; i++) rr += rhat[i] * r[i];
    if (rr === 0) break;
    const beta = (rr / rhoPrev) * (alpha / omega);
    for (let i = 0; i < n; i++) p[i] = r[i] + beta * (p[i] - omega * v[i]);
    apply(p, v);
    let rv = 0;
    for (let i = 0; i < n; i++) rv += rhat[i] * v[i];
    alpha = rr / rv;
    for (let i = 0; i < n; i++) s[i] = r[i] - alpha * v[i];
    if (norm2(s) / bnorm <= tol) {
      for (let i = 0; i < n; i++) x[i] += alpha * p[i];
      res = norm2(s) / bnorm;
      break;
    }
    apply(s, t);
    let ts = 0;
    let tt = 0;
    for (let i = 0; i < n; i++) {
      ts += t[i] * s[i];
      tt += t[i] * t[i];
    }
    omega = ts / tt;
    for (let i = 0; i < n; i++) {
      x[i] += alpha * p[i] + omega * s[i];
      r[i] = s[i] - omega * t[i];
    }
    res = norm2(r) / bnorm;
    rhoPrev = rr;
    if (omega === 0) break;
  }
  const finalRes = residualNorm(x);
  return { c: x, method: 'bicgstab', iterations: it, relativeResidual: finalRes, converged: finalRes <= tol * 10 };
}

/**
 * diag(W), diag(W²), diag(W³) exactly in O(n·d²) (d = neighbours per unit):
 * diag(W²)_i = Σ_j w_ij w_ji, diag(W³)_i = Σ_j w_ij Σ_k w_jk w_ki.
 */
export function diagonalPowers(w: Csr, wt: Csr = transpose(w)): [Float64Array, Float64Array, Float64Array] {
  const n = w.nrows;
  const d1 = new Float64Array(n);
  const d2 = new Float64Array(n);
  const d3 = new Float64Array(n);
  const scratch = new Float64Array(n); // scratch[k] = w_ki for the current i
  const { rowPtr, colIdx, values } = w;
  for (let i = 0; i < n; i++) {
    for (let p = wt.rowPtr[i]; p < wt.rowPtr[i + 1]; p++) scratch[wt.colIdx[p]] = wt.values[p];
    let s2 = 0;
    let s3 = 0;
    for (let p = rowPtr[i]; p < rowPtr[i + 1]; p++) {
      const j = colIdx[p];
      const wij = values[p];
      if (j === i) d1[i] = wij;
      s2 += wij * scratch[j];
      let inner = 0;
      for (let q = rowPtr[j]; q < rowPtr[j + 1]; q++) inner += values[q] * scratch[colIdx[q]];
      s3 += wij * inner;
    }
    d2[i] = s2;
    d3[i] = s3;
    for (let p = wt.rowPtr[i]; p < wt.rowPtr[i + 1]; p++) scratch[wt.colIdx[p]] = 0;
  }
  return [d1, d2, d3];
}

/**
 * Per-observation impacts of each term: the column sums of S_k = (I − ρW)⁻¹(β_k I + θ_k W)
 * (effect on all units of a unit change at unit i, from an iterative solve of (I − ρWᵀ)c = 1, or
 * the dense inverse for n ≤ exactMaxN), its diagonal (own effect) and their difference (spillover).
 * The diagonal is exact (dense LU) for n ≤ exactMaxN; above, diag((I − ρW)⁻¹) = Σ_j ρ^j diag(W^j)
 * is approximated with diag(W), diag(W²), diag(W³) exact per unit and the higher powers replaced
 * by their average (so the mean of the approximate diagonal equals the exact direct impact from
 * `source`); the error per unit is O(ρ⁴) times the spread of diag(W^j), j ≥ 4.
 * Means: mean(total) = total impact, mean(direct) = direct impact.
 */
export function localImpacts(input: LocalImpactsInput): LocalImpactsOutput {
  const { w, rho, terms } = input;
  const n = w.nrows;
  const exactMaxN = input.exactMaxN ?? 500;
  const tol = input.tol ?? 1e-10;
  let colSum: Float64Array; // column sums of A⁻¹
  let diagA: Float64Array; // diag(A⁻¹)
  let diagAW: Float64Array; // diag(A⁻¹W)
  let solver: LocalImpactsOutput['solver'];
  let diagonal: 'exact' | 'approximate';
  if (n <= exactMaxN) {
    const inv = denseInverseIminusRhoW(w, rho);
    colSum = new Float64Array(n);
    diagA = new Float64Array(n);
    diagAW = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const ri = i * n;
      for (let j = 0; j < n; j++) colSum[j] += inv[ri + j];
      diagA[i] = inv[ri + i];
    }
    // diag(A⁻¹W)_i = Σ_k (A⁻¹)_ik w_ki
    for (let k = 0; k < n; k++) {
      for (let p = w.rowPtr[k]; p < w.rowPtr[k + 1]; p++) {
        const i = w.colIdx[p];
        diagAW[i] += inv[i * n + k] * w.values[p];
      }
    }
    solver = { method: 'dense-lu', iterations: 0, relativeResidual: 0, converged: true };
    diagonal = 'exact';
  } else {
    const wt = transpose(w);
    const sol = solveColumnSums(w, rho, tol, input.maxIter, wt);
    colSum = sol.c;
    solver = { method: sol.method, iterations: sol.iterations, relativeResidual: sol.relativeResidual, converged: sol.converged };
    const [d1, d2, d3] = diagonalPowers(w, wt);
    diagA = new Float64Array(n);
    diagAW = new Float64Array(n);
    let meanA = 0;
    let meanAW = 0;
    const r2 = rho * rho;
    for (let i = 0; i < n; i++) {
      diagA[i] = 1 + rho * d1[i] + r2 * d2[i] + r2 * rho * d3[i];
      diagAW[i] = d1[i] + rho * d2[i] + r2 * d3[i];
      meanA += diagA[i];
      meanAW += diagAW[i];
    }
    meanA /= n;
    meanAW /= n;
    if (input.source) {
      const m = impactMultipliers(rho, input.source, n);
      const addA = m.directBeta - meanA;
      const addAW = m.directTheta - meanAW;
      for (let i = 0; i < n; i++) {
        diagA[i] += addA;
        diagAW[i] += addAW;
      }
    }
    diagonal = 'approximate';
  }
  const needTheta = terms.some((t) => t.theta !== undefined && t.theta !== 0);
  const wtc = needTheta ? matTVec(w, colSum) : undefined; // column sums of A⁻¹W = Wᵀc
  const effects = terms.map((t) => {
    const th = t.theta ?? 0;
    const total = new Float64Array(n);
    const direct = new Float64Array(n);
    const indirect = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const tot = t.beta * colSum[i] + (wtc ? th * wtc[i] : 0);
      const dir = t.beta * diagA[i] + th * diagAW[i];
      total[i] = tot;
      direct[i] = dir;
      indirect[i] = tot - dir;
    }
    // Plain arrays, as FitResult (JSON-safe); Array.from of a typed array is a fast packed copy.
    return { name: t.name, total: Array.from(total), direct: Array.from(direct), indirect: Array.from(indirect) };
  });
  return { effects, diagonal, solver };
}
