/**
 * The regression design: y and the regressor columns, scaled internally.
 *
 * Why scale: the source paper's data are in the millions (σ² ≈ 1e11), where the information
 * matrix mixes entries of order n/σ⁴ ≈ 1e-21 with X'X/σ² and cannot be inverted in double
 * precision (R then falls back to a numerical Hessian). Fitting y/s_y on X_j/s_j and mapping
 * the estimates back is exact algebra (ρ is scale-free; β_j = β*_j·s_y/s_j; σ² = s_y²·σ*²;
 * logLik = logLik* − n·ln s_y) and keeps every matrix well conditioned.
 *
 * The scale is found without squaring a data value: first the power of two 2^e ≤ max|v| < 2^(e+1)
 * (exact to divide by, and finite for every finite double), then the standard deviation of v/2^e,
 * whose entries lie in [−2, 2]. So values of 1e300, 1e-300 or 1.7e308 scale like any others, and
 * z-values do not depend on the units (multiplying a column by a power of two changes no bit of
 * them). What can fail is the mapping back: β_j, its SE or σ² may not fit in a double
 * (`representable` says which).
 */
import { error, ProblemError, warning, type Problem, type Range } from '../problems';
import { cholesky, crossprod } from '../dense/matrix';
import { matVec, type Csr } from '../sparse/csr';
import { EigenvalueDecomposition, Matrix } from 'ml-matrix';

export interface DesignInput {
  y: Float64Array;
  yName: string;
  /** Regressors as given (without intercept). */
  columns: { name: string; values: Float64Array }[];
  intercept: boolean;
  /**
   * Durbin-type models: add WX_j (named `lag.<name>`) for the regressors `lagX` names (all when
   * absent), and W·1 (`lag.(Intercept)`) when `lagIntercept` — spatialreg's `create_WX` lags the
   * constant for weights whose rows do not all sum to one (style other than W).
   */
  durbinW?: Csr;
  lagX?: readonly string[];
  lagIntercept?: boolean;
  /** Where a regressor is named in the spec, for error locations. */
  locate?: (name: string) => { file?: string; range?: Range };
}

export interface Design {
  n: number;
  yName: string;
  /** Scaled y and regressor columns (intercept first when present). */
  y: Float64Array;
  cols: Float64Array[];
  names: string[];
  /** y = yScale · y*, X_j = colScale[j] · X*_j. */
  yScale: number;
  colScale: Float64Array;
  /** Number of leading columns that are plain regressors (the rest are Durbin lags). */
  nPlain: number;
  /** Condition number of the column-equilibrated design (Belsley, Kuh & Welsch 1980). */
  conditionNumber: number;
  warnings: Problem[];
  /** Where a variable is named in the spec (for problems found later, e.g. values beyond double precision). */
  locate?: (name: string) => { file?: string; range?: Range };
}

export function buildDesign(input: DesignInput): Design {
  const n = input.y.length;
  const where = (name: string) => input.locate?.(name) ?? {};
  const problems: Problem[] = [];
  const cols: Float64Array[] = [];
  const names: string[] = [];
  if (input.intercept) {
    cols.push(new Float64Array(n).fill(1));
    names.push('(Intercept)');
  }
  for (const c of input.columns) {
    if (input.intercept && isConstant(c.values)) {
      const w = where(c.name);
      problems.push(error(`regressor "${c.name}" is constant (value ${c.values[0]}); it is collinear with the intercept`, w.file, w.range, 'constant-regressor'));
    }
    cols.push(c.values);
    names.push(c.name);
  }
  const nPlain = cols.length;
  if (input.durbinW) {
    if (input.intercept && input.lagIntercept) {
      cols.push(matVec(input.durbinW, new Float64Array(n).fill(1)));
      names.push('lag.(Intercept)');
    }
    for (const c of input.columns) {
      if (input.lagX && !input.lagX.includes(c.name)) continue;
      // W(x/2^e)·2^e: no sum of large values overflows.
      const b = binaryScale(c.values);
      cols.push(matVec(input.durbinW, c.values.map((v) => v / b)).map((v) => v * b));
      names.push(`lag.${c.name}`);
    }
  }
  if (isConstant(input.y)) {
    const w = where(input.yName);
    problems.push(error(`the dependent variable "${input.yName}" is constant; there is nothing to explain`, w.file, w.range, 'constant-dependent'));
  }
  const k = cols.length;
  if (n <= k + 1) {
    const w = where(input.yName);
    problems.push(error(`${n} observations are too few for ${k} regressors plus the spatial parameter and σ²`, w.file, w.range, 'too-few-observations'));
  }
  if (problems.length) throw new ProblemError(problems);

  const ys = scaleOf(input.y);
  const colScale = new Float64Array(k);
  const sc = cols.map((c, j) => {
    if (names[j] === '(Intercept)') {
      colScale[j] = 1;
      return c;
    }
    const t = scaleOf(c);
    colScale[j] = t.scale;
    return t.values;
  });

  // Collinearity: Cholesky of the correlation-scaled X'X; a failing pivot names a column
  // that is (numerically) a combination of the ones before it.
  const xtx = crossprod(sc);
  const d = Float64Array.from({ length: k }, (_, j) => Math.sqrt(xtx[j * k + j]));
  const corr = xtx.map((v, idx) => v / (d[Math.floor(idx / k)] * d[idx % k]));
  const { failedAt } = cholesky(corr, k, 1e-10);
  if (failedAt >= 0) {
    const name = names[failedAt];
    const w = where(name.replace(/^lag\./, ''));
    throw new ProblemError(error(`regressor "${name}" is collinear with ${failedAt === 1 && names[0] === '(Intercept)' ? 'the intercept' : `the regressors before it (${names.slice(0, failedAt).join(', ')})`}; drop it or one of those`, w.file, w.range, 'collinear-regressor'));
  }
  const conditionNumber = conditionOf(corr, k);
  const warnings: Problem[] = [];
  if (conditionNumber > 30) {
    warnings.push(warning(`the regressors are nearly collinear (condition number ${conditionNumber.toPrecision(4)} > 30): standard errors are inflated`, undefined, undefined, 'collinearity'));
  }
  return { n, yName: input.yName, y: ys.values, cols: sc, names, yScale: ys.scale, colScale, nPlain, conditionNumber, warnings, locate: input.locate };
}

function isConstant(v: Float64Array): boolean {
  for (let i = 1; i < v.length; i++) if (v[i] !== v[0]) return false;
  return true;
}

/** 2^e with 2^e ≤ max|v| < 2^(e+1) (1 for an all-zero v): a finite double for every finite v. */
function binaryScale(v: Float64Array): number {
  let max = 0;
  for (let i = 0; i < v.length; i++) max = Math.max(max, Math.abs(v[i]));
  return max > 0 ? 2 ** Math.floor(Math.log2(max)) : 1;
}

/**
 * v = scale · values with values of unit standard deviation (the RMS for a constant column,
 * unscaled for an all-zero one), found on v/2^e so that no square overflows or underflows.
 */
function scaleOf(v: Float64Array): { scale: number; values: Float64Array } {
  const b = binaryScale(v);
  const u = v.map((x) => x / b);
  let mean = 0;
  for (let i = 0; i < u.length; i++) mean += u[i];
  mean /= u.length;
  let ss = 0;
  let sq = 0;
  for (let i = 0; i < u.length; i++) {
    ss += (u[i] - mean) ** 2;
    sq += u[i] * u[i];
  }
  const sd = Math.sqrt(ss / Math.max(1, u.length - 1));
  const rms = Math.sqrt(sq / u.length);
  const s = sd > 0 ? sd : rms > 0 ? rms : 1;
  // b·s ≤ max|v|·√(n/(n−1))·2 could pass the largest double only for columns near ±1.8e308.
  const scale = Number.isFinite(b * s) ? b * s : b;
  if (scale !== b) for (let i = 0; i < u.length; i++) u[i] /= s;
  return { scale, values: u };
}

/**
 * Whether x·factor (a data-unit value from an internal one) is a normal double: neither beyond
 * ±1.8e308 nor, unless x is 0, below 2.2e-308 (where it would lose digits or vanish).
 */
export function representable(x: number, factor: number): boolean {
  const v = x * factor;
  return Number.isFinite(v) && (x === 0 || Math.abs(v) >= 2.2250738585072014e-308);
}

/** x·factor as a data-unit value, or undefined (NaN) when it is not a normal double. */
export function inDataUnits(x: number, factor: number): number {
  return representable(x, factor) ? x * factor : NaN;
}

/** √(λ_max/λ_min) of the unit-diagonal cross-product matrix (= κ of the equilibrated X). */
function conditionOf(corr: Float64Array, k: number): number {
  if (k === 1) return 1;
  const m = new Matrix(k, k);
  for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) m.set(i, j, corr[i * k + j]);
  const ev = new EigenvalueDecomposition(m, { assumeSymmetric: true }).realEigenvalues;
  const max = Math.max(...ev);
  const min = Math.min(...ev);
  return min > 0 ? Math.sqrt(max / min) : Infinity;
}
