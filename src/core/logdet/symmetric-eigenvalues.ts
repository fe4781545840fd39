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
 * H = I − v vᵀ/h zeroing column k below the subdiagonal, applied as the rank-2 update
 * A ← A − v wᵀ − w vᵀ with w = p − (vᵀp / 2h) v, p = A v / h. Each step's update is applied in
 * the same sweep that forms the next step's p, so the trailing triangle is read once per
 * step instead of twice (the reduction is bound by memory traffic). d gets the diagonal,
 * e[k] the subdiagonal entry (k + 1, k).
 */
function tridiagonalise(a: Float64Array, n: number, d: Float64Array, e: Float64Array): void {
  let v = new Float64Array(n); // reflection of this step
  let w = new Float64Array(n); // its p, then its w
  let pendingV = new Float64Array(n); // the previous step's update, not yet applied
  let pendingW = new Float64Array(n);
  let pending = false;
  for (let k = 0; k < n; k++) {
    // The pending update reaches column k first (it is needed to form this step's reflection).
    if (pending) {
      const vk = pendingV[k];
      const wk = pendingW[k];
      for (let i = k; i < n; i++) a[i * n + k] -= pendingV[i] * wk + pendingW[i] * vk;
    }
    d[k] = a[k * n + k];
    if (k === n - 1) break;
    // Reflection of column k below the subdiagonal (none needed for a single entry).
    let norm2 = 0;
    for (let i = k + 1; i < n; i++) {
      v[i] = a[i * n + k];
      norm2 += v[i] * v[i];
    }
    const x0 = v[k + 1];
    const alpha = x0 >= 0 ? -Math.sqrt(norm2) : Math.sqrt(norm2);
    const h = k + 2 < n ? norm2 - x0 * alpha : 0; // vᵀv / 2 with v₀ = x₀ − α
    e[k] = h > 0 ? alpha : x0;
    if (h > 0) v[k + 1] = x0 - alpha;
    // One sweep: apply the pending update to the trailing triangle and form p = A v.
    for (let i = k + 1; i < n; i++) w[i] = 0;
    for (let i = k + 1; i < n; i++) {
      const row = i * n;
      const pvi = pendingV[i];
      const pwi = pendingW[i];
      const vi = v[i];
      if (pending) {
        for (let j = k + 1; j <= i; j++) a[row + j] -= pvi * pendingW[j] + pwi * pendingV[j];
      }
      if (h > 0) {
        let s = 0;
        for (let j = k + 1; j < i; j++) {
          const aij = a[row + j];
          s += aij * v[j];
          w[j] += aij * vi;
        }
        w[i] += s + a[row + i] * vi;
      }
    }
    pending = h > 0;
    if (!pending) continue;
    let vp = 0;
    for (let i = k + 1; i < n; i++) {
      w[i] /= h;
      vp += v[i] * w[i];
    }
    const kappa = vp / (2 * h);
    for (let i = k + 1; i < n; i++) w[i] -= kappa * v[i];
    [pendingV, v] = [v, pendingV];
    [pendingW, w] = [w, pendingW];
  }
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
