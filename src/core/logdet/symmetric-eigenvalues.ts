/**
 * All eigenvalues of a dense symmetric matrix: Householder reduction to tridiagonal form
 * (Golub & Van Loan 2013 §8.3.1) and implicit QL with Wilkinson shifts (EISPACK tql1, as in
 * JAMA). Without eigenvectors this is ~4n³/3 flops, 4–5× less than ml-matrix's tred2/tql2,
 * which accumulate the vectors the log-determinant does not need.
 */

/** Eigenvalues ascending. `a` is row-major n × n (only its lower triangle is read) and is overwritten. */
export function symmetricEigenvalues(a: Float64Array, n: number): Float64Array {
  const d = new Float64Array(n);
  const e = new Float64Array(n);
  tridiagonalise(a, n, d, e);
  tridiagonalQL(d, e);
  return d.sort();
}

/**
 * Householder reduction of the lower triangle, column by column: A ← H A H with
 * H = I − v vᵀ/h zeroing column k below the subdiagonal. d gets the diagonal, e[k] the
 * subdiagonal entry (k + 1, k).
 */
function tridiagonalise(a: Float64Array, n: number, d: Float64Array, e: Float64Array): void {
  const v = new Float64Array(n);
  const p = new Float64Array(n);
  for (let k = 0; k < n - 2; k++) {
    // v = column k below the diagonal (rows k+1..n-1), made into a Householder vector.
    let norm2 = 0;
    for (let i = k + 1; i < n; i++) {
      v[i] = a[i * n + k];
      norm2 += v[i] * v[i];
    }
    const x0 = v[k + 1];
    const alpha = x0 >= 0 ? -Math.sqrt(norm2) : Math.sqrt(norm2);
    d[k] = a[k * n + k];
    e[k] = alpha;
    const h = norm2 - x0 * alpha; // vᵀv / 2 with v₀ = x₀ − α
    if (h <= 0) continue; // column already reduced
    v[k + 1] = x0 - alpha;
    // p = A v / h over the trailing block, using its lower triangle only.
    for (let i = k + 1; i < n; i++) p[i] = 0;
    for (let i = k + 1; i < n; i++) {
      const row = i * n;
      const vi = v[i];
      let s = 0;
      for (let j = k + 1; j < i; j++) {
        const aij = a[row + j];
        s += aij * v[j];
        p[j] += aij * vi;
      }
      p[i] += s + a[row + i] * vi;
    }
    let vp = 0;
    for (let i = k + 1; i < n; i++) {
      p[i] /= h;
      vp += v[i] * p[i];
    }
    // w = p − (vᵀp / 2h) v;  A ← A − v wᵀ − w vᵀ  (lower triangle)
    const kappa = vp / (2 * h);
    for (let i = k + 1; i < n; i++) p[i] -= kappa * v[i];
    for (let i = k + 1; i < n; i++) {
      const row = i * n;
      const vi = v[i];
      const wi = p[i];
      for (let j = k + 1; j <= i; j++) a[row + j] -= vi * p[j] + wi * v[j];
    }
  }
  if (n >= 2) {
    d[n - 2] = a[(n - 2) * n + n - 2];
    e[n - 2] = a[(n - 1) * n + n - 2];
  }
  d[n - 1] = a[(n - 1) * n + n - 1];
  e[n - 1] = 0;
}

/** Eigenvalues of the symmetric tridiagonal (d; e[i] = entry (i + 1, i), e[n−1] = 0) into d, by implicit QL. */
function tridiagonalQL(d: Float64Array, e: Float64Array): void {
  const n = d.length;
  let f = 0;
  let tst1 = 0;
  const eps = Number.EPSILON;
  for (let l = 0; l < n; l++) {
    tst1 = Math.max(tst1, Math.abs(d[l]) + Math.abs(e[l]));
    let m = l;
    while (m < n && Math.abs(e[m]) > eps * tst1) m++;
    if (m > l) {
      for (let iter = 0; ; iter++) {
        if (iter > 60) throw new Error('symmetric eigenvalues: QL iteration did not converge');
        let g = d[l];
        let p = (d[l + 1] - g) / (2 * e[l]);
        let r = Math.hypot(p, 1);
        if (p < 0) r = -r;
        d[l] = e[l] / (p + r);
        d[l + 1] = e[l] * (p + r);
        const dl1 = d[l + 1];
        let h = g - d[l];
        for (let i = l + 2; i < n; i++) d[i] -= h;
        f += h;
        p = d[m];
        let c = 1;
        let c2 = c;
        let c3 = c;
        const el1 = e[l + 1];
        let s = 0;
        let s2 = 0;
        for (let i = m - 1; i >= l; i--) {
          c3 = c2;
          c2 = c;
          s2 = s;
          g = c * e[i];
          h = c * p;
          r = Math.hypot(p, e[i]);
          e[i + 1] = s * r;
          s = e[i] / r;
          c = p / r;
          p = c * d[i] - s * g;
          d[i + 1] = h + s * (c * g + s * d[i]);
        }
        p = (-s * s2 * c3 * el1 * e[l]) / dl1;
        e[l] = s * p;
        d[l] = c * p;
        if (!(Math.abs(e[l]) > eps * tst1)) break;
      }
    }
    d[l] += f;
    e[l] = 0;
  }
}
