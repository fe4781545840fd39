/**
 * Entries of A⁻¹ on the pattern of A's factor — the "selected inverse" (Takahashi, Fagan & Chen
 * 1973; Erisman & Tinney 1975) — from a factor kept by `choleskyFactor` or `luFactor`, without
 * forming A⁻¹. With a front's columns K and update rows R, A = [A_KK A_KR; A_RK A_RR] = LU and
 * Z = A⁻¹, block elimination gives (Lin, Yang, Meza, Lu, Ying & E 2011, "SelInv", for the
 * supernodal form; the unsymmetric one as in Jacquelin, Lin & Yang 2018):
 *   L̂ = L_RK L_KK⁻¹,  Û = U_KK⁻¹ U_KR,
 *   Z_RK = −Z_RR L̂,   Z_KR = −Û Z_RR,   Z_KK = (L_KK U_KK)⁻¹ − Û Z_RK,
 * where Z_RR is the inverse of the Schur complement on R: a part of the parent front's inverse.
 * So the fronts are visited from the root down (reverse postorder), each one's m × m "inverse
 * front" Z on its rows built from its factor columns and its parent's inverse front, and kept on
 * a stack while its children need it. The rows of a front are a clique of the filled graph, so
 * every entry of A⁻¹ on the pattern of L + Lᵀ (hence on A's) is found in some front. Cost: about
 * twice the factorisation's multiply-adds (three times for LU); memory: the inverse fronts on one
 * root path.
 *
 * What the callers need are sums Σ_ij C_ij (A⁻¹)_ji = tr(C A⁻¹) for sparse C whose pattern lies
 * in the factor's (`prepareTraceQueries`), and the diagonal of A⁻¹: both are read off each
 * inverse front as it is formed, so nothing of size |L| is stored.
 */
import type { Csr } from './csr';
import type { SymbolicFactor } from './symbolic';

/** Where each query entry's element of A⁻¹ lies: bucketed by front, as offsets in its inverse front. */
export interface TraceQueries {
  readonly count: number;
  /** Entries of front s: start[s] .. start[s + 1]. */
  readonly start: Int32Array;
  readonly offset: Int32Array;
  readonly value: Float64Array;
  readonly query: Uint16Array;
}

/**
 * Locates C_ij · (A⁻¹)_ji for every entry of every C (in the original numbering) in the inverse
 * fronts. Throws when an entry lies outside the factor's pattern (the caller analysed too small
 * a pattern).
 */
export function prepareTraceQueries(sym: SymbolicFactor, matrices: readonly Csr[]): TraceQueries {
  const { n, perm, nsuper, superStart, rowStart, rowIdx } = sym;
  if (matrices.length > 65535) throw new RangeError('too many trace queries');
  const inv = new Int32Array(n);
  for (let k = 0; k < n; k++) inv[perm[k]] = k;
  const superOf = new Int32Array(n);
  for (let s = 0; s < nsuper; s++) superOf.fill(s, superStart[s], superStart[s + 1]);
  let total = 0;
  for (const c of matrices) total += c.rowPtr[c.nrows];
  const front = new Int32Array(total);
  const offset = new Int32Array(total);
  const value = new Float64Array(total);
  const query = new Uint16Array(total);
  const position = (s: number, x: number): number => {
    const f = superStart[s];
    const k = superStart[s + 1] - f;
    if (x < f + k) return x - f;
    let lo = rowStart[s] + k;
    let hi = rowStart[s + 1];
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (rowIdx[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    if (lo === rowStart[s + 1] || rowIdx[lo] !== x) throw new Error(`selected inverse: entry (${x}) is not in the pattern of front ${s}`);
    return lo - rowStart[s];
  };
  let e = 0;
  matrices.forEach((c, q) => {
    for (let i = 0; i < c.nrows; i++) {
      for (let p = c.rowPtr[i]; p < c.rowPtr[i + 1]; p++) {
        // C_ij needs (A⁻¹)_ji: row a = new(j), column b = new(i) of Z.
        const a = inv[c.colIdx[p]];
        const b = inv[i];
        const s = superOf[a < b ? a : b];
        const m = rowStart[s + 1] - rowStart[s];
        front[e] = s;
        offset[e] = position(s, a) * m + position(s, b);
        value[e] = c.values[p];
        query[e++] = q;
      }
    }
  });
  // Counting sort by front.
  const start = new Int32Array(nsuper + 1);
  for (let t = 0; t < total; t++) start[front[t] + 1]++;
  for (let s = 0; s < nsuper; s++) start[s + 1] += start[s];
  const next = start.slice(0, nsuper);
  const o = new Int32Array(total);
  const v = new Float64Array(total);
  const qq = new Uint16Array(total);
  for (let t = 0; t < total; t++) {
    const at = next[front[t]]++;
    o[at] = offset[t];
    v[at] = value[t];
    qq[at] = query[t];
  }
  return { count: matrices.length, start, offset: o, value: v, query: qq };
}

/**
 * tr(C_q A⁻¹) for each prepared query q, and diag(A⁻¹) into `diagonal` (original numbering)
 * when given. `factor` as kept by `choleskyFactor` / `luFactor` for `sym`.
 */
export function selectedInverseTraces(sym: SymbolicFactor, factor: Float64Array, queries: TraceQueries, diagonal?: Float64Array): Float64Array {
  const { nsuper, superStart, rowStart, relStart, relIdx, childCount, superParent, factorStart, perm, lu, maxFront } = sym;
  const upperBase = lu ? factorStart[nsuper] : 0;
  const sums = new Float64Array(queries.count);
  const stack = new Float64Array(inverseStackSize(sym));
  const stackNode = new Int32Array(nsuper);
  const stackAt = new Float64Array(nsuper + 1);
  let depth = 0;
  const scratch = new Float64Array(maxFront * maxFront);
  const lhat = new Float64Array(maxFront * maxFront); // k × u: L̂ᵀ
  const uhat = lu ? new Float64Array(maxFront * maxFront) : lhat; // k × u: Û (= L̂ᵀ for Cholesky)
  const kk = new Float64Array(maxFront * maxFront);
  for (let s = nsuper - 1; s >= 0; s--) {
    const f = superStart[s];
    const k = superStart[s + 1] - f;
    const m = rowStart[s + 1] - rowStart[s];
    const u = m - k;
    const lower = factorStart[s];
    const upper = upperBase + lower;
    const parent = superParent[s];
    while (depth > 0 && stackNode[depth - 1] !== parent) depth--;
    const top = stackAt[depth];
    const keep = childCount[s] > 0;
    const z = keep ? stack : scratch;
    const z0 = keep ? top : 0;
    if (u > 0) {
      // Z_RR from the parent's inverse front.
      const pz = stackAt[depth - 1];
      const pm = rowStart[parent + 1] - rowStart[parent];
      const rel = relStart[s];
      for (let a = 0; a < u; a++) {
        const src = pz + relIdx[rel + a] * pm;
        const dst = z0 + (k + a) * m + k;
        for (let b = 0; b < u; b++) z[dst + b] = stack[src + relIdx[rel + b]];
      }
      rightSolveLower(factor, lower, lower, k, u, !lu, lhat);
      if (lu) rightSolveLower(factor, upper, lower, k, u, true, uhat);
      // Z_RK = −Z_RR L̂: rows of Z_RR against rows of L̂ᵀ.
      for (let a = 0; a < u; a++) z.fill(0, z0 + (k + a) * m, z0 + (k + a) * m + k);
      subtractProductNT(z, z0 + k * m, m, z, z0 + k * m + k, m, u, lhat, 0, u, k, u);
      if (lu) {
        // Z_KR = −Û Z_RR: row c accumulates −Û[c][b] · (row b of Z_RR), four rows b at a time.
        for (let c = 0; c < k; c++) {
          const row = z0 + c * m + k;
          const uc = c * u;
          z.fill(0, row, row + u);
          let b = 0;
          for (; b + 3 < u; b += 4) {
            const t0 = uhat[uc + b];
            const t1 = uhat[uc + b + 1];
            const t2 = uhat[uc + b + 2];
            const t3 = uhat[uc + b + 3];
            const r0 = z0 + (k + b) * m + k;
            const r1 = r0 + m;
            const r2 = r1 + m;
            const r3 = r2 + m;
            for (let a = 0; a < u; a++) z[row + a] -= t0 * z[r0 + a] + t1 * z[r1 + a] + t2 * z[r2 + a] + t3 * z[r3 + a];
          }
          for (; b < u; b++) {
            const t = uhat[uc + b];
            const r0 = z0 + (k + b) * m + k;
            for (let a = 0; a < u; a++) z[row + a] -= t * z[r0 + a];
          }
        }
      } else {
        for (let c = 0; c < k; c++) for (let a = 0; a < u; a++) z[z0 + c * m + k + a] = z[z0 + (k + a) * m + c];
      }
    }
    // Z_KK = (L_KK U_KK)⁻¹ − Û Z_RK = (L_KK U_KK)⁻¹ − Z_KR L̂: rows of Z_KR against rows of L̂ᵀ.
    inverseOfDiagonalBlock(factor, lower, upper, k, lu, kk);
    for (let c = 0; c < k; c++) z.set(kk.subarray(c * k, (c + 1) * k), z0 + c * m);
    if (u > 0) subtractProductNT(z, z0, m, z, z0 + k, m, k, lhat, 0, u, k, u);
    for (let q = queries.start[s]; q < queries.start[s + 1]; q++) sums[queries.query[q]] += queries.value[q] * z[z0 + queries.offset[q]];
    if (diagonal) for (let c = 0; c < k; c++) diagonal[perm[f + c]] = z[z0 + c * m + c];
    if (keep) {
      stackNode[depth] = s;
      stackAt[++depth] = top + m * m;
    }
  }
  return sums;
}

/**
 * Xᵀ (k × u, row-major into `out`) for X = B T⁻¹ and a front's factor block at `off` (m × k): B
 * its rows k..m-1, T the lower triangle of its rows 0..k-1 with the diagonal read at `diag`
 * (divided by only when `divide`; L of an LU has a unit one). As Tᵀ Xᵀ = Bᵀ, rows of Xᵀ are
 * finished from the last up, each then subtracted from the rows above: contiguous sweeps of u.
 */
function rightSolveLower(factor: Float64Array, off: number, diag: number, k: number, u: number, divide: boolean, out: Float64Array): void {
  for (let a = 0; a < u; a++) {
    const src = off + (k + a) * k;
    for (let c = 0; c < k; c++) out[c * u + a] = factor[src + c];
  }
  for (let c = k - 1; c >= 0; c--) {
    const xc = c * u;
    if (divide) {
      const d = 1 / factor[diag + c * k + c];
      for (let a = 0; a < u; a++) out[xc + a] *= d;
    }
    const tc = off + c * k;
    for (let p = 0; p < c; p++) {
      const t = factor[tc + p];
      if (t === 0) continue;
      const xp = p * u;
      for (let a = 0; a < u; a++) out[xp + a] -= t * out[xc + a];
    }
  }
}

/**
 * out[i][j] −= Σ_t x[i][t]·y[j][t] for i < rows, j < cols, t < len (row-major with the given
 * offsets and strides): dot products of contiguous rows, two by two in registers.
 */
function subtractProductNT(out: Float64Array, oo: number, os: number, x: Float64Array, xo: number, xs: number, rows: number, y: Float64Array, yo: number, ys: number, cols: number, len: number): void {
  let i = 0;
  for (; i + 1 < rows; i += 2) {
    const x0 = xo + i * xs;
    const x1 = x0 + xs;
    const o0 = oo + i * os;
    const o1 = o0 + os;
    let j = 0;
    for (; j + 1 < cols; j += 2) {
      const y0 = yo + j * ys;
      const y1 = y0 + ys;
      let s00 = 0;
      let s01 = 0;
      let s10 = 0;
      let s11 = 0;
      for (let t = 0; t < len; t++) {
        const a0 = x[x0 + t];
        const a1 = x[x1 + t];
        const b0 = y[y0 + t];
        const b1 = y[y1 + t];
        s00 += a0 * b0;
        s01 += a0 * b1;
        s10 += a1 * b0;
        s11 += a1 * b1;
      }
      out[o0 + j] -= s00;
      out[o0 + j + 1] -= s01;
      out[o1 + j] -= s10;
      out[o1 + j + 1] -= s11;
    }
    if (j < cols) {
      const y0 = yo + j * ys;
      let s0 = 0;
      let s1 = 0;
      for (let t = 0; t < len; t++) {
        s0 += x[x0 + t] * y[y0 + t];
        s1 += x[x1 + t] * y[y0 + t];
      }
      out[o0 + j] -= s0;
      out[o1 + j] -= s1;
    }
  }
  if (i < rows) {
    const x0 = xo + i * xs;
    const o0 = oo + i * os;
    for (let j = 0; j < cols; j++) {
      const y0 = yo + j * ys;
      let s0 = 0;
      for (let t = 0; t < len; t++) s0 += x[x0 + t] * y[y0 + t];
      out[o0 + j] -= s0;
    }
  }
}

/** (L_KK U_KK)⁻¹ of a front's k × k diagonal block, row-major into `out`. */
function inverseOfDiagonalBlock(factor: Float64Array, lower: number, upper: number, k: number, lu: boolean, out: Float64Array): void {
  // Y = L⁻¹ row by row (lower triangular), then X = U⁻¹Y from the last row up.
  for (let r = 0; r < k; r++) {
    const y = r * k;
    for (let c = 0; c < k; c++) out[y + c] = 0;
    out[y + r] = 1;
    const lr = lower + r * k;
    for (let p = 0; p < r; p++) {
      const t = factor[lr + p];
      if (t === 0) continue;
      const yp = p * k;
      for (let c = 0; c <= p; c++) out[y + c] -= t * out[yp + c];
    }
    if (!lu) {
      const d = factor[lr + r];
      for (let c = 0; c <= r; c++) out[y + c] /= d;
    }
  }
  // U[r][p] (p > r) is Uᵀ[p][r]: for LU the block at `upper`, for Cholesky L[p][r].
  const ut = lu ? upper : lower;
  for (let r = k - 1; r >= 0; r--) {
    const x = r * k;
    for (let p = r + 1; p < k; p++) {
      const t = factor[ut + p * k + r];
      if (t === 0) continue;
      const xp = p * k;
      for (let c = 0; c < k; c++) out[x + c] -= t * out[xp + c];
    }
    const d = factor[lower + r * k + r];
    for (let c = 0; c < k; c++) out[x + c] /= d;
  }
}

/** Doubles the stack of inverse fronts needs: the largest Σ m² over fronts kept at once. */
function inverseStackSize(sym: SymbolicFactor): number {
  const { nsuper, rowStart, childCount, superParent } = sym;
  const node = new Int32Array(nsuper);
  const at = new Float64Array(nsuper + 1);
  let depth = 0;
  let max = 0;
  for (let s = nsuper - 1; s >= 0; s--) {
    while (depth > 0 && node[depth - 1] !== superParent[s]) depth--;
    if (childCount[s] > 0) {
      const m = rowStart[s + 1] - rowStart[s];
      node[depth] = s;
      at[depth + 1] = at[depth] + m * m;
      depth++;
      max = Math.max(max, at[depth]);
    }
  }
  return max;
}
