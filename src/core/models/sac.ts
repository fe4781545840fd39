/**
 * The SAC (SARAR) model y = ρWy + Zβ + u, u = λWu + ε by maximum likelihood (Anselin 1988 ch. 6;
 * LeSage & Pace 2009 §2.3; spatialreg `sacsarlm`), and the general nesting model (GNS) when Z holds
 * WX too (`sacsarlm(Durbin = TRUE)`; Elhorst 2010). With A = I − ρW, B = I − λW and σ², β
 * concentrated out, ε = B(Ay − Zβ) and
 *   ℓ(ρ, λ) = ln|A| + ln|B| − n/2·(ln 2π + ln(SSE(ρ, λ)/n) + 1),
 * SSE the least squares of BAy on BZ. Every vector involved is a combination of
 * V = [y, Wy, WWy, Z, WZ] with coefficients polynomial in (ρ, λ), so with G = VᵀV formed once an
 * evaluation costs O(p³), not O(n).
 *
 * The likelihood can have several local maxima on real data (R's four starts reach optima whose
 * logLik differ by units on public datasets) and flat ridges: a box-constrained Newton climb runs
 * from each start — the nested models' estimates (SAR/SDM: λ = 0, SEM/SDEM: ρ = 0), (0, 0), R's
 * starts and the corners of the box — and the best optimum is kept; distinct optima are reported.
 */
import { cholesky, cholSolve, invert, invertSymmetric } from '../dense/matrix';
import { matVec, type Csr } from '../sparse/csr';
import type { LogDet } from '../logdet/types';
import type { Design } from './design';
import { fitError } from './error';
import { fitLag } from './lag';
import { gaussianLogLik } from './ols';
import { applyA as applyInverse, EXACT_TRACE_BUDGET, logdetDerivative } from './spatialTraces';
import { Resolvent } from '../sparse/resolvent';
import { factorLength } from '../sparse/multifrontal';
import { transpose } from '../sparse/build';
import { PivotError } from '../sparse/dense-front';

export interface SacOptimum {
  start: [number, number];
  rho: number;
  lambda: number;
  /** Concentrated log-likelihood at the optimum (design scale). */
  logLik: number;
  iterations: number;
  converged: boolean;
}

export interface SacFit {
  rho: number;
  lambda: number;
  beta: Float64Array;
  sse: number;
  /** Log-likelihood in the design's scale. */
  logLik: number;
  /** ε̂ = B(Ay − Zβ̂) (spatialreg's residuals) and fitted = y − ε̂, scaled. */
  residuals: Float64Array;
  fitted: Float64Array;
  /** Every start's optimum, best first. */
  optima: SacOptimum[];
  /** Optima that differ from the best (logLik more than 1e-6 below, elsewhere in the box). */
  otherMaxima: SacOptimum[];
  /** ∂ℓ/∂ρ, ∂ℓ/∂λ at the estimate (≈ 0 at an interior maximum). */
  gradient: [number, number];
  atBoundary: { rho: boolean; lambda: boolean };
  evaluations: number;
  interval: [number, number];
}

/** Index of each basis vector in V = [y, Wy, WWy, Z₁…Z_p, WZ₁…WZ_p]. */
const Y = 0;
const WY = 1;
const WWY = 2;

export class SacLikelihood {
  readonly n: number;
  readonly p: number;
  private readonly m: number;
  /** G = VᵀV, m × m. */
  private readonly g: Float64Array;
  readonly basis: Float64Array[];
  evaluations = 0;

  constructor(d: Design, w: Csr, private readonly logdet: LogDet) {
    this.n = d.n;
    this.p = d.cols.length;
    const wy = matVec(w, d.y);
    this.basis = [d.y, wy, matVec(w, wy), ...d.cols, ...d.cols.map((c) => matVec(w, c))];
    this.m = this.basis.length;
    const m = this.m;
    this.g = new Float64Array(m * m);
    for (let i = 0; i < m; i++) {
      for (let j = i; j < m; j++) {
        const a = this.basis[i];
        const b = this.basis[j];
        let s = 0;
        for (let q = 0; q < this.n; q++) s += a[q] * b[q];
        this.g[i * m + j] = this.g[j * m + i] = s;
      }
    }
  }

  private z(j: number): number { return 3 + j; }
  private wz(j: number): number { return 3 + this.p + j; }
  private G(i: number, j: number): number { return this.g[i * this.m + j]; }

  /** uᵀv for u = V·cu, v = V·cv given as sparse coefficient lists. */
  private inner(cu: readonly (readonly [number, number])[], cv: readonly (readonly [number, number])[]): number {
    let s = 0;
    for (const [i, a] of cu) for (const [j, b] of cv) s += a * b * this.G(i, j);
    return s;
  }

  /** BAy = y − (ρ + λ)Wy + ρλWWy. */
  private target(rho: number, lambda: number): [number, number][] {
    return [[Y, 1], [WY, -(rho + lambda)], [WWY, rho * lambda]];
  }

  /** β̂ and SSE for given (ρ, λ): least squares of BAy on BZ, from G. */
  fitAt(rho: number, lambda: number): { beta: Float64Array; sse: number } | undefined {
    const p = this.p;
    const a = new Float64Array(p * p);
    const b = new Float64Array(p);
    const t = this.target(rho, lambda);
    for (let i = 0; i < p; i++) {
      const bi: [number, number][] = [[this.z(i), 1], [this.wz(i), -lambda]];
      for (let j = i; j < p; j++) a[i * p + j] = a[j * p + i] = this.inner(bi, [[this.z(j), 1], [this.wz(j), -lambda]]);
      b[i] = this.inner(bi, t);
    }
    const { l, failedAt } = cholesky(a, p, 1e-13);
    if (failedAt >= 0) return undefined;
    const beta = cholSolve(l, p, b);
    let fit = 0;
    for (let i = 0; i < p; i++) fit += beta[i] * b[i];
    return { beta, sse: this.inner(t, t) - fit };
  }

  /** The concentrated log-likelihood (−∞ where undefined). */
  value(rho: number, lambda: number): number {
    this.evaluations++;
    const f = this.fitAt(rho, lambda);
    if (!f || !(f.sse > 0)) return -Infinity;
    const v = this.logdet.value(rho) + this.logdet.value(lambda) + gaussianLogLik(this.n, f.sse);
    return Number.isFinite(v) ? v : -Infinity;
  }

  /** ε = V·c with its coefficients, for given (ρ, λ, β). */
  private residualCoefficients(rho: number, lambda: number, beta: Float64Array): [number, number][] {
    const c = this.target(rho, lambda);
    for (let j = 0; j < this.p; j++) c.push([this.z(j), -beta[j]], [this.wz(j), lambda * beta[j]]);
    return c;
  }

  /**
   * ∂r/∂θ for θ = (ρ, λ, β) with r = B(Ay − Zβ): ∂/∂ρ = −BWy, ∂/∂λ = −W(Ay − Zβ), ∂/∂β_j = −BZ_j.
   */
  private jacobian(rho: number, lambda: number, beta: Float64Array): [number, number][][] {
    const dl: [number, number][] = [[WY, -1], [WWY, rho]];
    for (let j = 0; j < this.p; j++) dl.push([this.wz(j), beta[j]]);
    return [[[WY, -1], [WWY, lambda]], dl, ...Array.from({ length: this.p }, (_, j): [number, number][] => [[this.z(j), -1], [this.wz(j), lambda]])];
  }

  /** ∂ℓ/∂(ρ, λ) of the concentrated likelihood (envelope theorem: β at its optimum). */
  gradient(rho: number, lambda: number): [number, number] {
    const f = this.fitAt(rho, lambda);
    if (!f) return [NaN, NaN];
    const r = this.residualCoefficients(rho, lambda, f.beta);
    const [jr, jl] = this.jacobian(rho, lambda, f.beta);
    const c = -this.n / f.sse; // ∂ℓ/∂θ = ln|·|' − n/2·∂SSE/SSE, ∂SSE = 2 rᵀ∂r
    return [logdetDerivative(this.logdet, rho, 1) + c * this.inner(r, jr), logdetDerivative(this.logdet, lambda, 1) + c * this.inner(r, jl)];
  }

  /**
   * Hessian of ℓ(ρ, λ, β) with σ² = SSE/n concentrated out, analytic:
   * ∂²SSE = 2(JᵀJ + rᵀ∂²r) with ∂²r/∂ρ∂λ = WWy, ∂²r/∂λ∂β_j = WZ_j (all others 0), and
   * ∂²ℓ = diag(ln|A|'', ln|B|'', 0) − n/2·(∂²SSE/SSE − ∂SSE ∂SSEᵀ/SSE²).
   */
  fullHessian(rho: number, lambda: number, beta: Float64Array): Float64Array {
    const q = this.p + 2;
    const r = this.residualCoefficients(rho, lambda, beta);
    const jac = this.jacobian(rho, lambda, beta);
    const sse = this.inner(r, r);
    const dsse = jac.map((ja) => 2 * this.inner(r, ja));
    const h = new Float64Array(q * q);
    for (let a = 0; a < q; a++) {
      for (let b = a; b < q; b++) {
        let d2 = 2 * this.inner(jac[a], jac[b]);
        if (a === 0 && b === 1) d2 += 2 * this.inner(r, [[WWY, 1]]);
        if (a === 1 && b >= 2) d2 += 2 * this.inner(r, [[this.wz(b - 2), 1]]);
        h[a * q + b] = h[b * q + a] = -(this.n / 2) * (d2 / sse - (dsse[a] * dsse[b]) / (sse * sse));
      }
    }
    h[0] += logdetDerivative(this.logdet, rho, 2);
    h[q + 1] += logdetDerivative(this.logdet, lambda, 2);
    return h;
  }

  /** Hessian of the concentrated ℓ(ρ, λ): the Schur complement of the β block. */
  concentratedHessian(rho: number, lambda: number): [number, number, number] | undefined {
    const f = this.fitAt(rho, lambda);
    if (!f) return undefined;
    const q = this.p + 2;
    const h = this.fullHessian(rho, lambda, f.beta);
    const p = this.p;
    const hbb = new Float64Array(p * p);
    for (let i = 0; i < p; i++) for (let j = 0; j < p; j++) hbb[i * p + j] = -h[(2 + i) * q + 2 + j];
    const inv = invertSymmetric(hbb, p);
    if (!inv) return undefined;
    const out: number[] = [];
    for (const [a, b] of [[0, 0], [0, 1], [1, 1]]) {
      let s = h[a * q + b];
      for (let i = 0; i < p; i++) for (let j = 0; j < p; j++) s += h[a * q + 2 + i] * inv[i * p + j] * h[b * q + 2 + j];
      out.push(s);
    }
    return out as [number, number, number];
  }

  /** ε̂ as an n-vector (formed once at the end, for precision and for the result). */
  residuals(rho: number, lambda: number, beta: Float64Array): Float64Array {
    const out = new Float64Array(this.n);
    for (const [i, c] of this.residualCoefficients(rho, lambda, beta)) {
      const v = this.basis[i];
      for (let q = 0; q < this.n; q++) out[q] += c * v[q];
    }
    return out;
  }
}

/**
 * A local maximum of the concentrated likelihood in the box [lo, hi]² from `start`: Newton steps
 * on the analytic gradient and Hessian, with a backtracking line search; a coordinate held at a
 * bound while its gradient points out of the box; steepest ascent where the Hessian is not
 * negative definite. At most MAX_ITER iterations.
 */
function climb(lik: SacLikelihood, start: [number, number], box: [number, number]): SacOptimum {
  const MAX_ITER = 100;
  const [lo, hi] = box;
  const clamp = (v: number) => Math.min(hi, Math.max(lo, v));
  let x: [number, number] = [clamp(start[0]), clamp(start[1])];
  let fx = lik.value(x[0], x[1]);
  let converged = false;
  let it = 0;
  for (; it < MAX_ITER; it++) {
    const g = lik.gradient(x[0], x[1]);
    if (!g.every(Number.isFinite) || !Number.isFinite(fx)) break;
    // Coordinates pinned at a bound with the gradient pointing outward stay there.
    const free = [0, 1].filter((i) => !((x[i] <= lo && g[i] < 0) || (x[i] >= hi && g[i] > 0)));
    if (!free.length) { converged = true; break; }
    const h = lik.concentratedHessian(x[0], x[1]);
    let d: [number, number] = [0, 0];
    if (h) {
      const [a, b, c] = h;
      if (free.length === 2 && a < 0 && a * c - b * b > 0) {
        const det = a * c - b * b;
        d = [-(c * g[0] - b * g[1]) / det, -(a * g[1] - b * g[0]) / det];
      } else if (free.length === 1 && [a, c][free[0]] < 0) {
        d[free[0]] = -g[free[0]] / [a, c][free[0]];
      }
    }
    let slope = d[0] * g[0] + d[1] * g[1];
    if (!(slope > 0)) {
      // Not a Newton ascent direction: steepest ascent over a tenth of the box.
      const norm = Math.hypot(...free.map((i) => g[i]));
      d = [0, 0];
      for (const i of free) d[i] = (g[i] / norm) * 0.1 * (hi - lo);
      slope = d[0] * g[0] + d[1] * g[1];
    }
    let t = 1;
    let next: [number, number] = x;
    let fnext = -Infinity;
    for (let ls = 0; ls < 60; ls++) {
      next = [clamp(x[0] + t * d[0]), clamp(x[1] + t * d[1])];
      fnext = lik.value(next[0], next[1]);
      if (fnext >= fx + 1e-4 * t * slope || (fnext >= fx && t < 1e-8)) break;
      t /= 2;
    }
    if (!(fnext >= fx)) { converged = true; break; } // no ascent left along the direction: at the maximum
    const step = Math.max(Math.abs(next[0] - x[0]), Math.abs(next[1] - x[1]));
    x = next;
    fx = fnext;
    if (step <= 1e-13 * (1 + Math.abs(x[0]) + Math.abs(x[1]))) { converged = true; break; }
  }
  if (converged) [x, fx] = polish(lik, x, fx, box);
  return { start, rho: x[0], lambda: x[1], logLik: fx, iterations: it, converged };
}

/**
 * Near the maximum the likelihood changes by less than its rounding (|ℓ|·1e-16) while the
 * gradient is still ~1e-8 on a flat ridge: finish with Newton steps on the gradient itself,
 * kept while |∇ℓ| falls and ℓ stays within rounding of its best.
 */
function polish(lik: SacLikelihood, x: [number, number], fx: number, box: [number, number]): [[number, number], number] {
  const [lo, hi] = box;
  let g = lik.gradient(x[0], x[1]);
  for (let it = 0; it < 5; it++) {
    const h = lik.concentratedHessian(x[0], x[1]);
    if (!h) break;
    const [a, b, c] = h;
    const det = a * c - b * b;
    if (!(a < 0 && det > 0)) break;
    const next: [number, number] = [x[0] - (c * g[0] - b * g[1]) / det, x[1] - (a * g[1] - b * g[0]) / det];
    if (!(next[0] > lo && next[0] < hi && next[1] > lo && next[1] < hi)) break;
    const gn = lik.gradient(next[0], next[1]);
    const fn = lik.value(next[0], next[1]);
    if (!(Math.hypot(...gn) < Math.hypot(...g) && fn >= fx - 1e-12 * Math.abs(fx))) break;
    x = next;
    g = gn;
    fx = Math.max(fx, fn);
  }
  return [x, fx];
}

/**
 * The starts: the nested models' estimates (λ = 0 with ρ of the lag fit on Z, ρ = 0 with λ of
 * the error fit), (0, 0), and R's other starts and the corners of the box at 0.8 of its extent.
 */
export function sacStarts(interval: [number, number], rhoNested: number, lambdaNested: number): [number, number][] {
  const [lo, hi] = interval.map((v) => 0.8 * v);
  return [[rhoNested, 0], [0, lambdaNested], [0, 0], [lo, hi], [hi, hi], [hi, lo], [lo, lo]];
}

export function fitSac(d: Design, w: Csr, logdet: LogDet): SacFit {
  const lik = new SacLikelihood(d, w, logdet);
  const [lo, hi] = logdet.interval;
  // Strictly inside: the log-determinant is −∞ at the ends of the eigenvalue interval.
  const margin = 1e-9 * (hi - lo);
  const box: [number, number] = [lo + margin, hi - margin];
  const lag = fitLag(d, w, logdet);
  const err = fitError(d, w, logdet);
  const optima = sacStarts(logdet.interval, lag.param, err.param).map((s) => climb(lik, s, box));
  optima.sort((a, b) => b.logLik - a.logLik);
  const best = optima[0];
  const otherMaxima: SacOptimum[] = [];
  for (const o of optima.slice(1)) {
    const distinct = best.logLik - o.logLik > 1e-6 && Math.max(Math.abs(o.rho - best.rho), Math.abs(o.lambda - best.lambda)) > 1e-4;
    if (distinct && !otherMaxima.some((m) => Math.abs(m.logLik - o.logLik) <= 1e-6)) otherMaxima.push(o);
  }
  const { rho, lambda } = best;
  const f = lik.fitAt(rho, lambda);
  if (!f) throw new Error('the SAC model could not be fitted: the filtered regressors are collinear');
  const residuals = lik.residuals(rho, lambda, f.beta);
  let sse = 0;
  for (let i = 0; i < residuals.length; i++) sse += residuals[i] * residuals[i];
  const near = (v: number, bound: number) => Math.abs(v - bound) <= 1e-6 * (hi - lo);
  return {
    rho, lambda, beta: f.beta, sse,
    logLik: logdet.value(rho) + logdet.value(lambda) + gaussianLogLik(d.n, sse),
    residuals, fitted: d.y.map((v, i) => v - residuals[i]),
    optima, otherMaxima,
    gradient: lik.gradient(rho, lambda),
    atBoundary: { rho: near(rho, lo) || near(rho, hi), lambda: near(lambda, lo) || near(lambda, hi) },
    evaluations: lik.evaluations + lag.evaluations + err.evaluations,
    interval: logdet.interval,
  };
}

/** Traces of the SAC information matrix that the log-determinant's derivatives do not give. */
export interface SacTraces {
  /** ‖W A⁻¹‖²_F = tr((WA⁻¹)ᵀWA⁻¹), ‖W B⁻¹‖²_F, ⟨WA⁻¹, WB⁻¹⟩_F and tr(WA⁻¹ · WB⁻¹). */
  aa: number;
  bb: number;
  ab: number;
  trAB: number;
}

/** Up to this n the traces come from dense inverses (O(n³)). */
export const SAC_DENSE_TRACE_LIMIT = 1000;

/**
 * The traces exactly, while affordable: dense inverses for small n, else 3n sparse solves
 * against factorisations of I − ρW and I − λW (columns x_j = A⁻¹We_j, y_j = B⁻¹We_j:
 * ‖WA⁻¹‖²_F = Σ‖x_j‖², ⟨·,·⟩_F = Σ x_j·y_j, tr(WA⁻¹WB⁻¹) = Σ_j (A⁻¹Wy_j)_j) within the exact-trace
 * budget; undefined beyond (the caller falls back to the Hessian, as spatialreg's non-eigen methods).
 */
export function sacTraces(w: Csr, rho: number, lambda: number): SacTraces | undefined {
  if (w.nrows <= SAC_DENSE_TRACE_LIMIT) return sacDenseTraces(w, rho, lambda);
  const n = w.nrows;
  const a = new Resolvent(w);
  const cost = 3 * n * 2 * factorLength(a.family.symbolic);
  if (cost > EXACT_TRACE_BUDGET) return undefined;
  const b = new Resolvent(w);
  const wt = transpose(w);
  let aa = 0;
  let bb = 0;
  let ab = 0;
  let trAB = 0;
  const col = new Float64Array(n);
  try {
    for (let j = 0; j < n; j++) {
      col.fill(0);
      for (let q = wt.rowPtr[j]; q < wt.rowPtr[j + 1]; q++) col[wt.colIdx[q]] = wt.values[q]; // W e_j
      const x = a.solve(rho, col);
      const y = b.solve(lambda, col);
      for (let i = 0; i < n; i++) {
        aa += x[i] * x[i];
        bb += y[i] * y[i];
        ab += x[i] * y[i];
      }
      trAB += a.solve(rho, matVec(w, y))[j];
    }
  } catch (e) {
    if (e instanceof PivotError) return undefined;
    throw e;
  }
  return { aa, bb, ab, trAB };
}

/** The traces from dense (I − ρW)⁻¹W and (I − λW)⁻¹W; undefined beyond the dense limit or when singular. */
export function sacDenseTraces(w: Csr, rho: number, lambda: number): SacTraces | undefined {
  const n = w.nrows;
  if (n > SAC_DENSE_TRACE_LIMIT) return undefined;
  const aw = (t: number): Float64Array | undefined => {
    const m = new Float64Array(n * n);
    for (let i = 0; i < n; i++) {
      m[i * n + i] = 1;
      for (let q = w.rowPtr[i]; q < w.rowPtr[i + 1]; q++) m[i * n + w.colIdx[q]] -= t * w.values[q];
    }
    const inv = invert(m, n);
    if (!inv) return undefined;
    // (I − tW)⁻¹W: row i = Σ_k inv_ik W_k·
    const out = new Float64Array(n * n);
    for (let i = 0; i < n; i++) {
      for (let k = 0; k < n; k++) {
        const v = inv[i * n + k];
        if (v === 0) continue;
        for (let q = w.rowPtr[k]; q < w.rowPtr[k + 1]; q++) out[i * n + w.colIdx[q]] += v * w.values[q];
      }
    }
    return out;
  };
  const a = aw(rho);
  const b = aw(lambda);
  if (!a || !b) return undefined;
  let aa = 0;
  let bb = 0;
  let ab = 0;
  let trAB = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const x = a[i * n + j];
      const y = b[i * n + j];
      aa += x * x;
      bb += y * y;
      ab += x * y;
      trAB += x * b[j * n + i];
    }
  }
  return { aa, bb, ab, trAB };
}

/**
 * The asymptotic covariance of (σ², ρ, λ, β): the inverse of the information matrix of
 * spatialreg's `sacsarlm` (after LeSage's sac.m), with A⁻¹, B⁻¹ and W commuting:
 *   I_σσ = n/(2σ⁴), I_σρ = tr(WA⁻¹)/σ², I_σλ = tr(WB⁻¹)/σ²,
 *   I_ρρ = tr((WA⁻¹)²) + ‖WA⁻¹‖²_F + ‖BWA⁻¹Zβ‖²/σ², I_λλ = tr((WB⁻¹)²) + ‖WB⁻¹‖²_F,
 *   I_ρλ = ⟨WB⁻¹, WA⁻¹⟩_F + tr(WA⁻¹WB⁻¹), I_ρβ = (BZ)ᵀBWA⁻¹Zβ/σ², I_ββ = (BZ)ᵀBZ/σ².
 * tr(WA⁻¹) = −(ln|A|)' and tr((WA⁻¹)²) = −(ln|A|)'' come from the log-determinant.
 */
export function sacAsymptotic(d: Design, w: Csr, fit: SacFit, logdet: LogDet, tr: SacTraces): { names: string[]; matrix: Float64Array; size: number } | undefined {
  const n = d.n;
  const p = d.cols.length;
  const { rho, lambda, beta } = fit;
  const s2 = fit.sse / n;
  const filter = (v: Float64Array) => { const wv = matVec(w, v); return v.map((x, i) => x - lambda * wv[i]); };
  const bz = d.cols.map(filter);
  const zb = new Float64Array(n);
  d.cols.forEach((c, j) => { for (let i = 0; i < n; i++) zb[i] += beta[j] * c[i]; });
  const bwazb = filter(matVec(w, applyInverse(w, rho, zb, logdet)));
  const size = p + 3;
  const inf = new Float64Array(size * size);
  const set = (i: number, j: number, v: number) => { inf[i * size + j] = v; inf[j * size + i] = v; };
  set(0, 0, n / (2 * s2 * s2));
  set(0, 1, -logdetDerivative(logdet, rho, 1) / s2);
  set(0, 2, -logdetDerivative(logdet, lambda, 1) / s2);
  let q = 0;
  for (let i = 0; i < n; i++) q += bwazb[i] * bwazb[i];
  set(1, 1, -logdetDerivative(logdet, rho, 2) + tr.aa + q / s2);
  set(2, 2, -logdetDerivative(logdet, lambda, 2) + tr.bb);
  set(1, 2, tr.ab + tr.trAB);
  for (let i = 0; i < p; i++) {
    let s = 0;
    for (let r = 0; r < n; r++) s += bz[i][r] * bwazb[r];
    set(1, 3 + i, s / s2);
    for (let j = i; j < p; j++) {
      let t = 0;
      for (let r = 0; r < n; r++) t += bz[i][r] * bz[j][r];
      set(3 + i, 3 + j, t / s2);
    }
  }
  const inv = invertSymmetric(inf, size);
  return inv && { names: ['sigma2', 'rho', 'lambda', ...d.names], matrix: inv, size };
}

/** Covariance of (ρ, λ, β) from the analytic Hessian of the likelihood with σ² concentrated out. */
export function sacHessian(d: Design, w: Csr, fit: SacFit, logdet: LogDet): { names: string[]; matrix: Float64Array; size: number } | undefined {
  const lik = new SacLikelihood(d, w, logdet);
  const h = lik.fullHessian(fit.rho, fit.lambda, fit.beta);
  const size = d.cols.length + 2;
  const inv = invertSymmetric(h.map((v) => -v), size);
  return inv && { names: ['rho', 'lambda', ...d.names], matrix: inv, size };
}
