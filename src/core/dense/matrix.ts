/**
 * Small dense linear algebra on row-major Float64Arrays: the k×k cross-products of the
 * regressors, their Cholesky factor and inverse, and a dense inverse of I − ρW for the exact
 * traces of the asymptotic covariance at small n. (ml-matrix is 5–10× slower for n ≈ 1000.)
 */

/** Symmetric k×k matrix of dot products of the given columns. */
export function crossprod(cols: readonly Float64Array[]): Float64Array {
  const k = cols.length;
  const out = new Float64Array(k * k);
  for (let i = 0; i < k; i++) {
    for (let j = i; j < k; j++) {
      const v = dot(cols[i], cols[j]);
      out[i * k + j] = v;
      out[j * k + i] = v;
    }
  }
  return out;
}

export function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

/** Xᵀv for columns X. */
export function crossVec(cols: readonly Float64Array[], v: Float64Array): Float64Array {
  return Float64Array.from(cols, (c) => dot(c, v));
}

/**
 * Cholesky factor L (lower, row-major) of a symmetric positive definite k×k matrix.
 * Returns the index of the first pivot that is not positive relative to `relTol` × its
 * diagonal (a column linearly dependent on the earlier ones), or -1 when the factor exists.
 */
export function cholesky(a: Float64Array, k: number, relTol = 1e-12): { l: Float64Array; failedAt: number } {
  const l = new Float64Array(k * k);
  for (let j = 0; j < k; j++) {
    let s = a[j * k + j];
    for (let p = 0; p < j; p++) s -= l[j * k + p] * l[j * k + p];
    if (!(s > relTol * Math.abs(a[j * k + j])) || !Number.isFinite(s)) return { l, failedAt: j };
    const d = Math.sqrt(s);
    l[j * k + j] = d;
    for (let i = j + 1; i < k; i++) {
      let t = a[i * k + j];
      for (let p = 0; p < j; p++) t -= l[i * k + p] * l[j * k + p];
      l[i * k + j] = t / d;
    }
  }
  return { l, failedAt: -1 };
}

/** Solves (L Lᵀ) x = b. */
export function cholSolve(l: Float64Array, k: number, b: Float64Array): Float64Array {
  const x = Float64Array.from(b);
  for (let i = 0; i < k; i++) {
    let s = x[i];
    for (let p = 0; p < i; p++) s -= l[i * k + p] * x[p];
    x[i] = s / l[i * k + i];
  }
  for (let i = k - 1; i >= 0; i--) {
    let s = x[i];
    for (let p = i + 1; p < k; p++) s -= l[p * k + i] * x[p];
    x[i] = s / l[i * k + i];
  }
  return x;
}

/** Inverse of a symmetric positive definite matrix from its Cholesky factor. */
export function cholInverse(l: Float64Array, k: number): Float64Array {
  const inv = new Float64Array(k * k);
  const e = new Float64Array(k);
  for (let j = 0; j < k; j++) {
    e.fill(0);
    e[j] = 1;
    const col = cholSolve(l, k, e);
    for (let i = 0; i < k; i++) inv[i * k + j] = col[i];
  }
  return inv;
}

/**
 * Inverse of a general square matrix by LU with partial pivoting; undefined when singular
 * to working precision (pivot below `relTol` × the largest entry).
 */
export function invert(a: Float64Array, n: number, relTol = 1e-14): Float64Array | undefined {
  const m = Float64Array.from(a);
  const inv = new Float64Array(n * n);
  for (let i = 0; i < n; i++) inv[i * n + i] = 1;
  let scale = 0;
  for (let i = 0; i < m.length; i++) scale = Math.max(scale, Math.abs(m[i]));
  for (let c = 0; c < n; c++) {
    let piv = c;
    let best = Math.abs(m[c * n + c]);
    for (let r = c + 1; r < n; r++) {
      const v = Math.abs(m[r * n + c]);
      if (v > best) { best = v; piv = r; }
    }
    if (!(best > relTol * scale)) return undefined;
    if (piv !== c) {
      swapRows(m, n, c, piv);
      swapRows(inv, n, c, piv);
    }
    const d = 1 / m[c * n + c];
    for (let j = 0; j < n; j++) { m[c * n + j] *= d; inv[c * n + j] *= d; }
    // Gauss–Jordan elimination of column c from every other row.
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = m[r * n + c];
      if (f === 0) continue;
      const ro = r * n;
      const co = c * n;
      for (let j = c; j < n; j++) m[ro + j] -= f * m[co + j];
      for (let j = 0; j < n; j++) inv[ro + j] -= f * inv[co + j];
    }
  }
  return inv;
}

function swapRows(m: Float64Array, n: number, a: number, b: number): void {
  for (let j = 0; j < n; j++) {
    const t = m[a * n + j];
    m[a * n + j] = m[b * n + j];
    m[b * n + j] = t;
  }
}

/** Symmetric inverse via Cholesky, or LU when not positive definite; undefined when singular. */
export function invertSymmetric(a: Float64Array, k: number): Float64Array | undefined {
  const { l, failedAt } = cholesky(a, k, 1e-14);
  if (failedAt < 0) return cholInverse(l, k);
  return invert(a, k);
}
