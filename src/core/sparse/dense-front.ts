/**
 * Dense kernels on one frontal matrix of a multifrontal factorisation: eliminate the first k of
 * its m variables and leave the Schur complement in the trailing block. Fronts are row-major
 * with stride m and only "lower" triangles are touched, so every inner loop is a dot product
 * of two contiguous rows. The k pivot columns are factored in panels of PANEL columns
 * (right-looking among themselves), then the Schur complement is updated in one sweep with
 * dot products of length k, in 2×4 register blocks (six loads feed eight multiply-adds).
 */

const PANEL = 32;
/** 1 / L_jj of the current panel (multiplying is cheaper than dividing in the solves). */
const reciprocals = new Float64Array(PANEL);

/** Thrown when a pivot is not positive (Cholesky) or vanishes (LU). */
export class PivotError extends Error {
  constructor(readonly column: number, readonly pivot: number) {
    super(`pivot ${column} is ${pivot}`);
    this.name = 'PivotError';
  }
}

/**
 * Partial Cholesky of the symmetric front f (lower triangle, offset 0): columns 0..k-1 become
 * L's, the trailing lower triangle the Schur complement. Returns Σ ln L_jj over the k pivots.
 */
export function frontCholesky(f: Float64Array, m: number, k: number): number {
  const inv = reciprocals;
  let logDiag = 0;
  for (let j0 = 0; j0 < k; j0 += PANEL) {
    const j1 = Math.min(j0 + PANEL, k);
    // Diagonal block, row by row (left-looking inside the panel).
    for (let r = j0; r < j1; r++) {
      const rr = r * m;
      for (let j = j0; j < r; j++) {
        const rj = j * m;
        let s = f[rr + j];
        for (let p = j0; p < j; p++) s -= f[rr + p] * f[rj + p];
        f[rr + j] = s * inv[j - j0];
      }
      let d = f[rr + r];
      for (let p = j0; p < r; p++) d -= f[rr + p] * f[rr + p];
      if (!(d > 0)) throw new PivotError(r, d);
      d = Math.sqrt(d);
      f[rr + r] = d;
      inv[r - j0] = 1 / d;
      logDiag += Math.log(d);
    }
    // Panel rows below the block: triangular solves, two rows at a time.
    let r = j1;
    for (; r + 1 < m; r += 2) {
      const r0 = r * m;
      const r1 = r0 + m;
      for (let j = j0; j < j1; j++) {
        const rj = j * m;
        let s0 = f[r0 + j];
        let s1 = f[r1 + j];
        for (let p = j0; p < j; p++) {
          const b = f[rj + p];
          s0 -= f[r0 + p] * b;
          s1 -= f[r1 + p] * b;
        }
        f[r0 + j] = s0 * inv[j - j0];
        f[r1 + j] = s1 * inv[j - j0];
      }
    }
    if (r < m) {
      const r0 = r * m;
      for (let j = j0; j < j1; j++) {
        const rj = j * m;
        let s = f[r0 + j];
        for (let p = j0; p < j; p++) s -= f[r0 + p] * f[rj + p];
        f[r0 + j] = s * inv[j - j0];
      }
    }
    lowerUpdate(f, 0, 0, m, j0, j1, j1, k, false); // the panels still to come
  }
  lowerUpdate(f, 0, 0, m, 0, k, k, m, false); // the Schur complement, in one sweep
  return logDiag;
}

/**
 * Partial LU without pivoting of the front f: its lower triangle (L, unit diagonal implied, and
 * U's diagonal) at offset 0, its strict upper triangle transposed at offset m². Returns
 * Σ ln |U_jj| over the k pivots. Only safe where no pivoting is needed (see sparse LU's guard).
 */
export function frontLU(f: Float64Array, m: number, k: number): number {
  const u0 = m * m;
  let logDiag = 0;
  for (let j0 = 0; j0 < k; j0 += PANEL) {
    const j1 = Math.min(j0 + PANEL, k);
    for (let r = j0; r < m; r++) {
      const rr = r * m;
      const jEnd = r < j1 ? r : j1;
      for (let j = j0; j < jEnd; j++) {
        const rj = j * m;
        // L[r][j] = (A[r][j] − Σ L[r][p] U[p][j]) / U[j][j];  U[j][r] = A[j][r] − Σ L[j][p] U[p][r]
        let sl = f[rr + j];
        let su = f[u0 + rr + j];
        for (let p = j0; p < j; p++) {
          sl -= f[rr + p] * f[u0 + rj + p];
          su -= f[u0 + rr + p] * f[rj + p];
        }
        f[rr + j] = sl / f[rj + j];
        f[u0 + rr + j] = su;
      }
      if (r < j1) {
        let d = f[rr + r];
        for (let p = j0; p < r; p++) d -= f[rr + p] * f[u0 + rr + p];
        if (!(Math.abs(d) > 0) || !Number.isFinite(d)) throw new PivotError(r, d);
        f[rr + r] = d;
        logDiag += Math.log(Math.abs(d));
      }
    }
    // L·U into the panels still to come: lower triangle, and transposed strict upper one
    lowerUpdate(f, 0, u0, m, j0, j1, j1, k, false);
    lowerUpdate(f, u0, 0, m, j0, j1, j1, k, true);
  }
  lowerUpdate(f, 0, u0, m, 0, k, k, m, false); // the Schur complement, in one sweep
  lowerUpdate(f, u0, 0, m, 0, k, k, m, true);
  return logDiag;
}

/**
 * x[r][c] −= Σ_{p∈[j0,j1)} x[r][p]·y[c][p] for c0 ≤ c < cMax, c ≤ r < m (c < r when strict);
 * x and y row-major with stride m at offsets xo, yo. Reads columns < j1 ≤ c0 only, so x and
 * y may be the same array.
 */
function lowerUpdate(
  f: Float64Array,
  xo: number,
  yo: number,
  m: number,
  j0: number,
  j1: number,
  c0: number,
  cMax: number,
  strict: boolean,
): void {
  const tri = strict ? 0 : 1; // row r updates columns c < r + tri
  let r = c0;
  for (; r + 1 < m; r += 2) {
    const x0 = xo + r * m;
    const x1 = x0 + m;
    const end0 = Math.min(r + tri, cMax); // row r: c < end0; row r + 1: c < end1 ≤ end0 + 1
    const end1 = Math.min(r + 1 + tri, cMax);
    let c = c0;
    for (; c + 3 < end0; c += 4) {
      const y0 = yo + c * m;
      const y1 = y0 + m;
      const y2 = y1 + m;
      const y3 = y2 + m;
      let s00 = 0;
      let s01 = 0;
      let s02 = 0;
      let s03 = 0;
      let s10 = 0;
      let s11 = 0;
      let s12 = 0;
      let s13 = 0;
      for (let p = j0; p < j1; p++) {
        const a0 = f[x0 + p];
        const a1 = f[x1 + p];
        let b = f[y0 + p];
        s00 += a0 * b;
        s10 += a1 * b;
        b = f[y1 + p];
        s01 += a0 * b;
        s11 += a1 * b;
        b = f[y2 + p];
        s02 += a0 * b;
        s12 += a1 * b;
        b = f[y3 + p];
        s03 += a0 * b;
        s13 += a1 * b;
      }
      f[x0 + c] -= s00;
      f[x0 + c + 1] -= s01;
      f[x0 + c + 2] -= s02;
      f[x0 + c + 3] -= s03;
      f[x1 + c] -= s10;
      f[x1 + c + 1] -= s11;
      f[x1 + c + 2] -= s12;
      f[x1 + c + 3] -= s13;
    }
    for (; c < end1; c++) {
      const y0 = yo + c * m;
      let s0 = 0;
      let s1 = 0;
      for (let p = j0; p < j1; p++) {
        const b = f[y0 + p];
        s0 += f[x0 + p] * b;
        s1 += f[x1 + p] * b;
      }
      if (c < end0) f[x0 + c] -= s0;
      f[x1 + c] -= s1;
    }
  }
  if (r < m) {
    const x0 = xo + r * m;
    const end = Math.min(r + tri, cMax);
    for (let c = c0; c < end; c++) {
      const y0 = yo + c * m;
      let s = 0;
      for (let p = j0; p < j1; p++) s += f[x0 + p] * f[y0 + p];
      f[x0 + c] -= s;
    }
  }
}
