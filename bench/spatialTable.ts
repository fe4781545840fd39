/**
 * The spatial views' rows of `npm run bench` (issue 9): the engine steps of bench/spatialViews.ts,
 * and the two jobs the spatial worker runs for the views at n = 100,000 from a spec file (CSV read,
 * kNN-6 weights, then the weights inspector's data, or LISA with 999 permutations, G* and global
 * Moran with the map), each against the issue's target of 2 s. bench.ts calls
 * `printSpatialViewsTable()` after the fits; `--no-spatial` skips it.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { createRng } from '../src/core/inference/random';
import { buildLocalMessage, buildWeightsMessage } from '../src/extension/spatial/views';
import { runSpatialViewsBench } from './spatialViews';

const TARGET_MS = 2000;

function fmt(ms: number): string {
  return ms < 1000 ? `${ms.toFixed(ms < 10 ? 2 : 0)} ms` : `${(ms / 1000).toFixed(2)} s`;
}

async function timed<T>(f: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t0 = performance.now();
  const value = await f();
  return { ms: performance.now() - t0, value };
}

export async function printSpatialViewsTable(n = 100_000): Promise<void> {
  if (process.argv.includes('--no-spatial')) return;
  console.log(`\nSpatial views (issue 9), n = ${n}: engine steps`);
  const rows = runSpatialViewsBench({ n, log: () => undefined });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sar-bench-spatial-'));
  try {
    const rng = createRng(20260109);
    const lines = ['id,x,y,v'];
    for (let i = 0; i < n; i++) {
      const x = rng.uniform();
      const y = rng.uniform();
      lines.push(`${i + 1},${x.toFixed(6)},${y.toFixed(6)},${(Math.sin(6 * x) + Math.cos(5 * y) + rng.normal()).toFixed(5)}`);
    }
    fs.writeFileSync(path.join(dir, 'points.csv'), lines.join('\n') + '\n');
    const spec = path.join(dir, 'points.sar.json');
    fs.writeFileSync(spec, JSON.stringify({ data: 'points.csv', dependent: 'v', independent: [], weights: { type: 'knn', k: 6, coordinates: ['x', 'y'], idColumn: 'id' }, model: 'ols' }));
    const inspector = await timed(() => buildWeightsMessage(spec));
    const lisa = await timed(() => buildLocalMessage(spec, { column: 'v', residuals: false }, { nsim: 999, seed: 1 }));
    const jobs = [
      { step: 'worker job: weights inspector (read CSV, kNN-6, summary, fixes, map)', ms: inspector.ms, ok: !!inspector.value.message },
      { step: 'worker job: LISA 999 permutations + G* + Moran (read CSV, kNN-6, map)', ms: lisa.ms, ok: !!lisa.value.message },
    ];
    console.log('| step | n | time | target | note |');
    console.log('|---|---:|---:|---|---|');
    for (const r of rows) {
      const target = /^weights summary \(|^LISA \d+ permutations, shared/.test(r.step) ? `< 2 s: ${r.ms < TARGET_MS ? 'met' : 'MISSED'}` : '';
      console.log(`| ${r.step} | ${r.n} | ${fmt(r.ms)} | ${target} | ${r.note} |`);
    }
    for (const j of jobs) console.log(`| ${j.step} | ${n} | ${fmt(j.ms)} | < 2 s: ${j.ms < TARGET_MS ? 'met' : 'MISSED'} | ${j.ok ? '' : 'failed'} |`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
