/**
 * Multiple-testing adjustment of the n local p-values, as R's `p.adjust(p, method)`:
 *   none        unchanged
 *   bonferroni  min(1, m·p)
 *   fdr         Benjamini & Hochberg (1995) step-up (R's "fdr" = "BH"): the i-th smallest p
 *               becomes min over j ≥ i of min(1, m·p_(j)/j)
 * with m the number of p-values that are not NaN (NaN stays NaN, as R's NA). Comparing the
 * adjusted p with α is GeoDa's "Bonferroni bound" and "False Discovery Rate" significance.
 */
export type PAdjustMethod = 'none' | 'bonferroni' | 'fdr';
export const P_ADJUST_METHODS: readonly PAdjustMethod[] = ['none', 'bonferroni', 'fdr'];

export function adjustPValues(p: ArrayLike<number>, method: PAdjustMethod): Float64Array {
  const out = Float64Array.from(p);
  if (method === 'none') return out;
  const idx: number[] = [];
  for (let i = 0; i < out.length; i++) if (!Number.isNaN(out[i])) idx.push(i);
  const m = idx.length;
  if (m <= 1) return out;
  if (method === 'bonferroni') {
    for (const i of idx) out[i] = Math.min(1, m * out[i]);
    return out;
  }
  if (method !== 'fdr') throw new RangeError(`unknown p-value adjustment ${JSON.stringify(method)}`);
  // Decreasing p, cumulative minimum of m/rank · p (rank counted from the smallest).
  idx.sort((a, b) => out[b] - out[a]);
  let run = Infinity;
  const adj = new Float64Array(m);
  for (let t = 0; t < m; t++) {
    const rank = m - t;
    run = Math.min(run, (m / rank) * out[idx[t]]);
    adj[t] = Math.min(1, run);
  }
  for (let t = 0; t < m; t++) out[idx[t]] = adj[t];
  return out;
}
