/**
 * All eigenvalues of a dense real non-symmetric matrix, without eigenvectors: balancing
 * (Parlett & Reinsch 1969), reduction to upper Hessenberg form by stabilised elementary
 * transformations (Wilkinson 1965; EISPACK elmhes) and the Francis double-shift QR iteration
 * (Francis 1961/62; EISPACK hqr), applied to the active block only. ml-matrix's general solver
 * (JAMA's orthes/hqr2) also accumulates the eigenvectors, which the log-determinant does not
 * need: measured several times slower at n = 1000.
 */

/** Eigenvalues (real and imaginary parts, complex pairs adjacent). `a` is row-major n × n and is overwritten. */
export function generalEigenvalues(a: Float64Array, n: number): { re: Float64Array; im: Float64Array } {
  balance(a, n);
  toHessenberg(a, n);
  return hessenbergQr(a, n);
}

/**
 * Scales rows and columns by powers of 2 (exact in floating point) until each row and its column
 * have similar norms: a similarity transform that leaves the eigenvalues unchanged and keeps the
 * QR iteration's rounding relative to the matrix's scale.
 */
function balance(a: Float64Array, n: number): void {
  const radix = 2;
  const sqrdx = radix * radix;
  let done = false;
  while (!done) {
    done = true;
    for (let i = 0; i < n; i++) {
      let r = 0;
      let c = 0;
      for (let j = 0; j < n; j++) {
        if (j === i) continue;
        c += Math.abs(a[j * n + i]);
        r += Math.abs(a[i * n + j]);
      }
      if (c === 0 || r === 0) continue;
      let g = r / radix;
      let f = 1;
      const s = c + r;
      while (c < g) {
        f *= radix;
        c *= sqrdx;
      }
      g = r * radix;
      while (c > g) {
        f /= radix;
        c /= sqrdx;
      }
      if ((c + r) / f < 0.95 * s) {
        done = false;
        g = 1 / f;
        for (let j = 0; j < n; j++) a[i * n + j] *= g;
        for (let j = 0; j < n; j++) a[j * n + i] *= f;
      }
    }
  }
}

/**
 * Gaussian elimination with partial pivoting below the subdiagonal, column by column, each
 * step a similarity (row operations and the inverse column operations): ~5n³/6 flops.
 */
function toHessenberg(a: Float64Array, n: number): void {
  for (let m = 1; m < n - 1; m++) {
    let x = 0;
    let pivot = m;
    for (let j = m; j < n; j++) {
      if (Math.abs(a[j * n + m - 1]) > Math.abs(x)) {
        x = a[j * n + m - 1];
        pivot = j;
      }
    }
    if (pivot !== m) {
      for (let j = m - 1; j < n; j++) {
        const t = a[pivot * n + j];
        a[pivot * n + j] = a[m * n + j];
        a[m * n + j] = t;
      }
      for (let j = 0; j < n; j++) {
        const t = a[j * n + pivot];
        a[j * n + pivot] = a[j * n + m];
        a[j * n + m] = t;
      }
    }
    if (x === 0) continue;
    // L⁻¹AL for the Gauss transform L = I + Σ_i y_i e_i e_mᵀ: first every row operation (they
    // use row m, which none of them changes), then every column operation, row by row — one
    // contiguous pass instead of a strided pass over a column per multiplier.
    const y = new Float64Array(n);
    let any = false;
    for (let i = m + 1; i < n; i++) {
      const yi = a[i * n + m - 1] / x;
      if (yi === 0) continue;
      any = true;
      y[i] = yi;
      a[i * n + m - 1] = 0;
      for (let j = m; j < n; j++) a[i * n + j] -= yi * a[m * n + j];
    }
    if (!any) continue;
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let i = m + 1; i < n; i++) s += y[i] * a[j * n + i];
      a[j * n + m] += s;
    }
  }
}

/**
 * Eigenvalues of an upper Hessenberg matrix by the Francis double-shift QR iteration, deflating
 * one real root or a pair at the bottom whenever a subdiagonal entry becomes negligible.
 */
function hessenbergQr(a: Float64Array, n: number): { re: Float64Array; im: Float64Array } {
  const re = new Float64Array(n);
  const im = new Float64Array(n);
  const at = (i: number, j: number) => a[i * n + j];
  let anorm = 0;
  for (let i = 0; i < n; i++) for (let j = Math.max(i - 1, 0); j < n; j++) anorm += Math.abs(at(i, j));
  let nn = n - 1;
  let t = 0; // accumulated exceptional shifts
  while (nn >= 0) {
    // Iterate on the block ending at nn until one root or a pair splits off at its bottom.
    for (let its = 0; ; its++) {
      // Find l: the start of the unreduced block ending at nn.
      let l = nn;
      for (; l >= 1; l--) {
        let s = Math.abs(at(l - 1, l - 1)) + Math.abs(at(l, l));
        if (s === 0) s = anorm;
        if (Math.abs(at(l, l - 1)) + s === s) {
          a[l * n + l - 1] = 0;
          break;
        }
      }
      let x = at(nn, nn);
      if (l === nn) {
        re[nn] = x + t; // one real root
        im[nn] = 0;
        nn--;
        break;
      }
      let y = at(nn - 1, nn - 1);
      let w = at(nn, nn - 1) * at(nn - 1, nn);
      if (l === nn - 1) {
        // A 2 × 2 block: two real roots or a complex pair.
        const p = 0.5 * (y - x);
        const q = p * p + w;
        const z = Math.sqrt(Math.abs(q));
        x += t;
        if (q >= 0) {
          const zz = p + (p >= 0 ? z : -z);
          re[nn - 1] = re[nn] = x + zz;
          if (zz !== 0) re[nn] = x - w / zz;
          im[nn - 1] = im[nn] = 0;
        } else {
          re[nn - 1] = re[nn] = x + p;
          im[nn - 1] = -z;
          im[nn] = z;
        }
        nn -= 2;
        break;
      }
      if (its === 60) throw new Error(`the QR iteration did not converge for eigenvalue ${nn + 1} of ${n}`);
      if (its === 10 || its === 20) {
        // Exceptional shift, to break a cycle.
        t += x;
        for (let i = 0; i <= nn; i++) a[i * n + i] -= x;
        const s = Math.abs(at(nn, nn - 1)) + Math.abs(at(nn - 1, nn - 2));
        x = y = 0.75 * s;
        w = -0.4375 * s * s;
      }
      // Double shift from the trailing 2 × 2 block; look for two consecutive small subdiagonal
      // entries so the step can start below l.
      let m: number;
      let p = 0;
      let q = 0;
      let r = 0;
      for (m = nn - 2; m >= l; m--) {
        const z = at(m, m);
        const rr = x - z;
        const ss = y - z;
        p = (rr * ss - w) / at(m + 1, m) + at(m, m + 1);
        q = at(m + 1, m + 1) - z - rr - ss;
        r = at(m + 2, m + 1);
        const s = Math.abs(p) + Math.abs(q) + Math.abs(r);
        p /= s;
        q /= s;
        r /= s;
        if (m === l) break;
        const u = Math.abs(at(m, m - 1)) * (Math.abs(q) + Math.abs(r));
        const v = Math.abs(p) * (Math.abs(at(m - 1, m - 1)) + Math.abs(z) + Math.abs(at(m + 1, m + 1)));
        if (u + v === v) break;
      }
      for (let i = m + 2; i <= nn; i++) {
        a[i * n + i - 2] = 0;
        if (i !== m + 2) a[i * n + i - 3] = 0;
      }
      // The double QR step on rows and columns l..nn (Householder reflections of order 3).
      for (let k = m; k <= nn - 1; k++) {
        if (k !== m) {
          p = at(k, k - 1);
          q = at(k + 1, k - 1);
          r = k !== nn - 1 ? at(k + 2, k - 1) : 0;
          x = Math.abs(p) + Math.abs(q) + Math.abs(r);
          if (x !== 0) {
            p /= x;
            q /= x;
            r /= x;
          }
        }
        const norm = Math.sqrt(p * p + q * q + r * r);
        const s = p >= 0 ? norm : -norm;
        if (s === 0) continue;
        if (k === m) {
          if (l !== m) a[k * n + k - 1] = -at(k, k - 1);
        } else {
          a[k * n + k - 1] = -s * x;
        }
        p += s;
        x = p / s;
        y = q / s;
        const z = r / s;
        q /= p;
        r /= p;
        for (let j = k; j <= nn; j++) {
          let pp = at(k, j) + q * at(k + 1, j);
          if (k !== nn - 1) {
            pp += r * at(k + 2, j);
            a[(k + 2) * n + j] -= pp * z;
          }
          a[(k + 1) * n + j] -= pp * y;
          a[k * n + j] -= pp * x;
        }
        const last = Math.min(nn, k + 3);
        for (let i = l; i <= last; i++) {
          let pp = x * at(i, k) + y * at(i, k + 1);
          if (k !== nn - 1) {
            pp += z * at(i, k + 2);
            a[i * n + k + 2] -= pp * r;
          }
          a[i * n + k + 1] -= pp * q;
          a[i * n + k] -= pp;
        }
      }
    }
  }
  return { re, im };
}
