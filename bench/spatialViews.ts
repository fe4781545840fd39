/**
 * Speed of the engine behind the spatial views (issue 9) at n = 100,000: the weights summary
 * (spdep summary.nb + spweights.constants), LISA with 999 conditional permutations, G*, global
 * Moran (analytic and 999 permutations) and the map helpers, on random points in the unit square
 * with kNN-6 weights (style W) and a spatially smooth variable. Each step is timed on its own
 * (best of `repeats` for the fast ones), in this thread: running off the UI thread is the caller's.
 * `npm run bench` calls `runSpatialViewsBench`. Alone: `npx esbuild bench/spatialViews.ts --bundle
 * --platform=node --outfile=/tmp/sv.js && node -e "require('/tmp/sv.js').runSpatialViewsBench()"`.
 */
import { createRng } from '../src/core/inference/random';
import { knnNeighbours } from '../src/core/weights/points';
import { applyStyle } from '../src/core/weights/style';
import { formatWeightsSummary, summariseWeights } from '../src/core/weights/summary';
import { connectivityFix } from '../src/core/weights/connectivityFix';
import { localMoran } from '../src/core/local/localMoran';
import { localMoranPerm } from '../src/core/local/permutation';
import { adjustPValues } from '../src/core/local/padjust';
import { lisaClusters } from '../src/core/local/clusters';
import { gStarWeights, localG } from '../src/core/local/localG';
import { moranI, moranMc } from '../src/core/local/globalMoran';
import { classify } from '../src/core/map/classify';
import { placeLabels } from '../src/core/map/labels';

export interface SpatialViewsRow {
  step: string;
  n: number;
  ms: number;
  note: string;
}

export interface SpatialViewsBenchOptions {
  n?: number;
  nsim?: number;
  /** Also time independent (spdep-style) permutation draws, O(n · nsim · k) (default true). */
  independent?: boolean;
  repeats?: number;
  log?: (line: string) => void;
}

function time<T>(repeats: number, f: () => T): { ms: number; value: T } {
  let best = Infinity;
  let value!: T;
  for (let r = 0; r < repeats; r++) {
    const t0 = process.hrtime.bigint();
    value = f();
    best = Math.min(best, Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return { ms: best, value };
}

export function runSpatialViewsBench(opts: SpatialViewsBenchOptions = {}): SpatialViewsRow[] {
  const n = opts.n ?? 100_000;
  const nsim = opts.nsim ?? 999;
  const repeats = opts.repeats ?? 3;
  const log = opts.log ?? ((line: string) => console.log(line));
  const rng = createRng(20260109);
  const px = Float64Array.from({ length: n }, () => rng.uniform());
  const py = Float64Array.from({ length: n }, () => rng.uniform());
  const x = Float64Array.from({ length: n }, (_, i) => Math.sin(6 * px[i]) + Math.cos(5 * py[i]) + rng.normal());
  const rows: SpatialViewsRow[] = [];
  const add = (step: string, ms: number, note = ''): void => {
    rows.push({ step, n, ms, note });
    log(`${step.padEnd(44)} n = ${String(n).padStart(7)}  ${ms.toFixed(1).padStart(8)} ms  ${note}`);
  };

  const knn = time(1, () => knnNeighbours(px, py, 6));
  add('weights: kNN-6 neighbours (context)', knn.ms);
  const raw = knn.value.nb;
  const w = applyStyle(raw, 'W');
  const weights = { raw, w, style: 'W' as const };

  const summary = time(repeats, () => summariseWeights(weights));
  add('weights summary (summary.nb + S0/S1/S2)', summary.ms, `${summary.value.nLinks} links, ${summary.value.components.count} component(s)`);
  add('weights summary printed', time(repeats, () => formatWeightsSummary(summary.value)).ms);
  const raw2 = knnNeighbours(px, py, 2).nb;
  const fix = time(1, () => {
    const s2 = summariseWeights({ raw: raw2, w: applyStyle(raw2, 'W'), style: 'W' });
    return { s2, fix: connectivityFix(s2, { type: 'knn', k: 2, x: px, y: py, metric: 'euclidean' }) };
  });
  add('summary + fix of disconnected kNN-2', fix.ms, `${fix.value.s2.components.count} components; ${fix.value.fix.suggestions[0] ?? ''}`);

  const lm = time(repeats, () => localMoran(x, w));
  add('local Moran, analytic (localmoran)', lm.ms);
  const perm = time(repeats, () => localMoranPerm(x, w, { nsim, seed: 1 }));
  add(`LISA ${nsim} permutations, shared draws`, perm.ms, 'default');
  const clusters = time(repeats, () => lisaClusters(lm.value.quadrants.pysal, adjustPValues(perm.value.pFolded, 'fdr'), summary.value.cardinalities));
  add('LISA clusters with FDR', clusters.ms, `${clusters.value.counts.highHigh} HH, ${clusters.value.counts.lowLow} LL`);
  if (opts.independent ?? true) {
    add(`LISA ${nsim} permutations, independent draws`, time(1, () => localMoranPerm(x, w, { nsim, seed: 1, draws: 'independent' })).ms, 'spdep-style, for comparison');
  }
  const gw = gStarWeights(raw, 'W');
  add('local G* (localG, include.self)', time(repeats, () => localG(x, gw, { star: true })).ms);
  add('global Moran (moran.test)', time(repeats, () => moranI(x, w)).ms);
  add(`global Moran, ${nsim} permutations (moran.mc)`, time(1, () => moranMc(x, w, { nsim, seed: 1 })).ms);

  add('map: natural breaks k = 5', time(repeats, () => classify(x, { method: 'naturalBreaks', k: 5 })).ms);
  add('map: box map (hinge 1.5)', time(repeats, () => classify(x, { method: 'boxMap' })).ms);
  const labels = Array.from({ length: Math.min(n, 5000) }, (_, i) => ({ x: px[i] * 1600, y: py[i] * 1200, width: 36, height: 11 }));
  const placed = time(repeats, () => placeLabels(labels, { bounds: { x0: 0, y0: 0, x1: 1600, y1: 1200 } }));
  rows.push({ step: 'map: label placement', n: labels.length, ms: placed.ms, note: `${placed.value.placed.length} placed` });
  log(`${'map: label placement'.padEnd(44)} n = ${String(labels.length).padStart(7)}  ${placed.ms.toFixed(1).padStart(8)} ms  ${placed.value.placed.length} placed`);
  return rows;
}

