/**
 * The local-statistics report of one variable on a spec's weights, as GeoDa's LISA and spdep's
 * functions give it: global Moran's I (moran.test under randomisation and normality, moran.mc),
 * local Moran's I with analytic moments (localmoran, conditional randomisation) and conditional
 * permutation inference (localmoran_perm; GeoDa's folded pseudo p-value), the p-value adjustment
 * named, the LISA cluster classes (GeoDa: quadrants of z and Wz against 0, permutation p ≤ α),
 * and Getis–Ord G* z-values (localG with include.self) as hot and cold spots.
 */
import { error, ProblemError, type Range } from '../problems';
import {
  adjustPValues, DEFAULT_NSIM, gStarWeights, hotspotClasses, lisaClusters, localG, localMoran, localMoranPerm, moranI, moranMc, quadrantName,
  type GlobalMoranTest, type HotspotClass, type LisaClass, type MoranMc, type PAdjustMethod,
} from '../local';
import { cardinalities } from '../weights/neighbours';
import type { SpatialWeights } from '../weights/types';
import { formatPval, formatSignif, layoutTable } from '../report/format';

export interface LocalOptions {
  nsim?: number;
  seed?: number;
  adjust?: PAdjustMethod;
  alpha?: number;
}

export interface LocalReport {
  variable: string;
  n: number;
  /** Mean of the variable (x = centred + mean). */
  mean: number;
  ids: readonly string[];
  nsim: number;
  seed: number;
  adjust: PAdjustMethod;
  alpha: number;
  moran: { randomisation: GlobalMoranTest; normality: GlobalMoranTest; permutation: Omit<MoranMc, 'simulated'> };
  /** Per observation, in data-row order. */
  local: {
    Ii: number[]; expectation: number[]; variance: number[]; z: number[]; p: number[];
    /** Permutation: folded pseudo p (GeoDa, esda) and it adjusted. */
    pSim: number[]; pAdjusted: number[];
    /** z = x − mean and Wz (the Moran scatterplot's axes, standardised by sd in the views). */
    centred: number[]; lag: number[];
    quadrant: string[]; cluster: LisaClass[];
  };
  clusterCounts: Record<LisaClass, number>;
  gStar: { z: number[]; p: number[]; hotspot: HotspotClass[]; counts: Record<HotspotClass, number> };
}

/** `where` locates the variable (a spec field or the CLI argument) for the errors of its values. */
export function localReport(variable: string, x: Float64Array, weights: SpatialWeights, ids: readonly string[], opts: LocalOptions, where: { file?: string; range?: Range }): LocalReport {
  const n = x.length;
  let constant = true;
  for (let i = 1; i < n && constant; i++) constant = x[i] === x[0];
  if (constant) throw new ProblemError(error(`"${variable}" is constant: it has no spatial pattern to measure`, where.file, where.range, 'constant-variable'));
  if (n < 3) throw new ProblemError(error(`local statistics need at least 3 observations, got ${n}`, where.file, where.range, 'too-few-observations'));
  const nsim = opts.nsim ?? DEFAULT_NSIM;
  const seed = opts.seed ?? 1;
  const adjust = opts.adjust ?? 'none';
  const alpha = opts.alpha ?? 0.05;
  const w = weights.w;
  const lm = localMoran(x, w);
  const perm = localMoranPerm(x, w, { nsim, seed });
  const pAdjusted = adjustPValues(perm.pFolded, adjust);
  const card = cardinalities(w);
  const quadrant = lm.quadrants.pysal;
  const clusters = lisaClusters(quadrant, pAdjusted, card, alpha);
  const g = localG(x, gStarWeights(weights.raw ?? w, weights.style), { star: true });
  const hot = hotspotClasses(g.zValue, g.p, card, alpha);
  const { simulated, ...mc } = moranMc(x, w, { nsim, seed });
  void simulated;
  return {
    variable, n, mean: lm.mean, ids, nsim, seed, adjust, alpha,
    moran: { randomisation: moranI(x, w, { randomisation: true }), normality: moranI(x, w, { randomisation: false }), permutation: mc },
    local: {
      Ii: Array.from(lm.Ii), expectation: Array.from(lm.expectation), variance: Array.from(lm.variance), z: Array.from(lm.zValue), p: Array.from(lm.p),
      pSim: Array.from(perm.pFolded), pAdjusted: Array.from(pAdjusted),
      centred: Array.from(lm.z), lag: Array.from(lm.lagZ),
      quadrant: Array.from(quadrant, (q, i) => (card[i] === 0 ? 'none' : quadrantName(q))),
      cluster: clusters.classOf,
    },
    clusterCounts: clusters.counts,
    gStar: { z: Array.from(g.zValue), p: Array.from(g.p), hotspot: hot.classOf, counts: hot.counts },
  };
}

const CLUSTER_LABEL: Record<LisaClass, string> = {
  highHigh: 'High-High', lowLow: 'Low-Low', lowHigh: 'Low-High', highLow: 'High-Low', notSignificant: 'not significant', isolated: 'no neighbours',
};

export function formatLocalReport(r: LocalReport): string {
  const g = (x: number) => formatSignif(x, 5);
  const m = r.moran;
  const lines = [
    `Spatial autocorrelation of ${r.variable} (n = ${r.n})`,
    '',
    'Global Moran\'s I (moran.test, alternative greater)',
    layoutTable(['randomisation', 'normality'], ['I', 'E(I)', 'Var(I)', 'z', 'p'],
      [m.randomisation, m.normality].map((t) => [g(t.I), g(t.expectation), g(t.variance), g(t.z), formatPval([t.p])[0]])),
    `Permutation test (moran.mc, ${m.permutation.nsim} permutations, seed ${m.permutation.seed}): I = ${g(m.permutation.statistic)}, observed rank ${m.permutation.rank}, p = ${g(m.permutation.p)}`,
    '',
    `Local Moran's I (localmoran: conditional randomisation, two-sided; permutation: ${r.nsim} conditional permutations, seed ${r.seed}, folded pseudo p; adjustment: ${r.adjust})`,
  ];
  const cells = r.ids.map((_, i) => [g(r.local.Ii[i]), g(r.local.expectation[i]), g(r.local.variance[i]), g(r.local.z[i]), formatPval([r.local.p[i]])[0],
    g(r.local.pSim[i]), ...(r.adjust === 'none' ? [] : [g(r.local.pAdjusted[i])]), CLUSTER_LABEL[r.local.cluster[i]], g(r.gStar.z[i])]);
  lines.push(layoutTable([...r.ids], ['Ii', 'E.Ii', 'Var.Ii', 'Z.Ii', 'Pr(z != E(Ii))', 'p sim', ...(r.adjust === 'none' ? [] : [`p ${r.adjust}`]), 'cluster', 'G*'], cells,
    { leftAlign: [false, false, false, false, false, false, ...(r.adjust === 'none' ? [] : [false]), true, false] }));
  lines.push('', `LISA clusters (p ≤ ${r.alpha}): ${Object.entries(r.clusterCounts).filter(([, c]) => c > 0).map(([k, c]) => `${CLUSTER_LABEL[k as LisaClass]} ${c}`).join(', ')}`);
  lines.push(`G* hot spots ${r.gStar.counts.hot}, cold spots ${r.gStar.counts.cold} (p ≤ ${r.alpha}, two-sided)`);
  return lines.join('\n') + '\n';
}
