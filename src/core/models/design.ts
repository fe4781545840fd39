/**
 * The regression design: y and the regressor columns, scaled internally.
 *
 * Why scale: the source paper's data are in the millions (σ² ≈ 1e11), where the information
 * matrix mixes entries of order n/σ⁴ ≈ 1e-21 with X'X/σ² and cannot be inverted in double
 * precision (R then falls back to a numerical Hessian). Fitting y/s_y on X_j/s_j and mapping
 * the estimates back is exact algebra (ρ is scale-free; β_j = β*_j·s_y/s_j; σ² = s_y²·σ*²;
 * logLik = logLik* − n·ln s_y) and keeps every matrix well conditioned.
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
  /** Spatial Durbin: add WX_j (named `lag.<name>`) for every non-intercept regressor. */
  durbinW?: Csr;
  /** Where a regressor is named in the spec, for error locations. */
  locate?: (name: string) => { file?: string; range?: Range };
}

export interface Design {
  n: number;
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
    for (const c of input.columns) {
      cols.push(matVec(input.durbinW, c.values));
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

  const yScale = scaleOf(input.y);
  const y = scaled(input.y, yScale);
  const colScale = new Float64Array(k);
  const sc = cols.map((c, j) => {
    colScale[j] = names[j] === '(Intercept)' ? 1 : scaleOf(c);
    return scaled(c, colScale[j]);
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
  return { n, y, cols: sc, names, yScale, colScale, nPlain, conditionNumber, warnings };
}

function isConstant(v: Float64Array): boolean {
  for (let i = 1; i < v.length; i++) if (v[i] !== v[0]) return false;
  return true;
}

/** Standard deviation, or the RMS for a constant column, or 1 for an all-zero one. */
function scaleOf(v: Float64Array): number {
  let mean = 0;
  for (let i = 0; i < v.length; i++) mean += v[i];
  mean /= v.length;
  let ss = 0;
  let sq = 0;
  for (let i = 0; i < v.length; i++) {
    ss += (v[i] - mean) ** 2;
    sq += v[i] * v[i];
  }
  const sd = Math.sqrt(ss / Math.max(1, v.length - 1));
  if (sd > 0 && Number.isFinite(sd)) return sd;
  const rms = Math.sqrt(sq / v.length);
  return rms > 0 ? rms : 1;
}

function scaled(v: Float64Array, s: number): Float64Array {
  const out = new Float64Array(v.length);
  for (let i = 0; i < v.length; i++) out[i] = v[i] / s;
  return out;
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
