/**
 * Columbus fixture for the inference / report tests, built independently of the engine:
 * data.csv read with a plain split, weights.gal parsed by a tiny parser, W row-standardised,
 * OLS of CRIME ~ INC + HOVAL by ml-matrix's QR, and R's reference.json.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Matrix, QrDecomposition } from 'ml-matrix';
import type { Csr } from '../../src/core/sparse/csr';
import { COLUMBUS_DIR } from '../helpers/fixtures';


export interface Columbus {
  n: number;
  columns: Record<string, Float64Array>;
  /** Row-standardised W (style W) from weights.gal. */
  w: Csr;
  /** Binary neighbour matrix B. */
  b: Csr;
  /** Dense W, row-major n×n. */
  wDense: Float64Array;
  /** Design [1, INC, HOVAL] column-major. */
  x: { nrows: number; ncols: number; data: Float64Array };
  y: Float64Array;
  ols: { coef: number[]; residuals: Float64Array; fitted: Float64Array };
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  ref: any;
}

let cached: Columbus | undefined;

export function loadColumbus(): Columbus {
  if (cached) return cached;
  const dir = COLUMBUS_DIR;
  const lines = fs.readFileSync(path.join(dir, 'data.csv'), 'utf8').trim().split(/\r?\n/);
  const header = lines[0].split(',');
  const n = lines.length - 1;
  const columns: Record<string, Float64Array> = {};
  header.forEach((h) => (columns[h] = new Float64Array(n)));
  for (let r = 0; r < n; r++) {
    const cells = lines[r + 1].split(',');
    header.forEach((h, c) => (columns[h][r] = Number(cells[c])));
  }
  // GAL: header "0 n name id", then pairs of lines "id count" / "neighbour ids".
  const gal = fs.readFileSync(path.join(dir, 'weights.gal'), 'utf8').trim().split(/\r?\n/);
  const nbs: number[][] = Array.from({ length: n }, () => []);
  for (let l = 1; l < gal.length; l += 2) {
    const [id, count] = gal[l].trim().split(/\s+/).map(Number);
    const list = Number(count) > 0 ? gal[l + 1].trim().split(/\s+/).map(Number) : [];
    nbs[id - 1] = list.map((j) => j - 1).sort((a, b) => a - b);
  }
  const rowPtr = new Int32Array(n + 1);
  nbs.forEach((l, i) => (rowPtr[i + 1] = rowPtr[i] + l.length));
  const colIdx = new Int32Array(rowPtr[n]);
  const wv = new Float64Array(rowPtr[n]);
  const bv = new Float64Array(rowPtr[n]);
  const wDense = new Float64Array(n * n);
  nbs.forEach((l, i) =>
    l.forEach((j, k) => {
      colIdx[rowPtr[i] + k] = j;
      wv[rowPtr[i] + k] = 1 / l.length;
      bv[rowPtr[i] + k] = 1;
      wDense[i * n + j] = 1 / l.length;
    }),
  );
  const w: Csr = { nrows: n, ncols: n, rowPtr, colIdx, values: wv };
  const b: Csr = { nrows: n, ncols: n, rowPtr, colIdx, values: bv };
  const xData = new Float64Array(3 * n);
  for (let i = 0; i < n; i++) {
    xData[i] = 1;
    xData[n + i] = columns.INC[i];
    xData[2 * n + i] = columns.HOVAL[i];
  }
  const y = columns.CRIME;
  const X = new Matrix(n, 3);
  for (let i = 0; i < n; i++) {
    X.set(i, 0, 1);
    X.set(i, 1, columns.INC[i]);
    X.set(i, 2, columns.HOVAL[i]);
  }
  const coefM = new QrDecomposition(X).solve(Matrix.columnVector(Array.from(y)));
  const coef = [coefM.get(0, 0), coefM.get(1, 0), coefM.get(2, 0)];
  const fitted = new Float64Array(n);
  const residuals = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    fitted[i] = coef[0] + coef[1] * columns.INC[i] + coef[2] * columns.HOVAL[i];
    residuals[i] = y[i] - fitted[i];
  }
  const ref = JSON.parse(fs.readFileSync(path.join(dir, 'reference.json'), 'utf8'));
  cached = { n, columns, w, b, wDense, x: { nrows: n, ncols: 3, data: xData }, y, ols: { coef, residuals, fitted }, ref };
  return cached;
}

/** |a − b| ≤ tol·max(|b|, tiny). */
export function assertRel(actual: number, expected: number, tol: number, what = ''): void {
  const err = Math.abs(actual - expected) / Math.max(Math.abs(expected), 1e-300);
  if (!(err <= tol)) throw new Error(`${what}: ${actual} vs ${expected} (relative error ${err.toExponential(2)} > ${tol})`);
}
