/**
 * `npm run bench`: end-to-end speed and memory of SAR fits on synthetic data, R spatialreg side by
 * side, and the further sections listed in SECTIONS.
 *
 * For each n: random points in the unit square, kNN-6 weights (row-standardised),
 * X ~ N(0, 1) (two regressors), y = (I − ρW)⁻¹(Xβ + ε) with ρ = 0.5, written as a CSV with
 * `.sar.json` specs (kNN-6; kNN-6 symmetrised as spdep's make.sym.nb for the rows beside R; the
 * same kNN-6 neighbours read from a GAL file).
 * Each (n, weights, log-det method) is fitted in a fresh child process (so peak RSS is that fit's
 * own) from CSV read to the full result, with numerical-Hessian SEs and impacts; `--repeat r`
 * runs each r times and keeps the run of median total.
 * Usage: node dist/bench.js [--sizes 40,1000,...] [--methods auto,eigen,...] [--asymptotic 3107,...]
 *   [--r-sizes 100000,...] [--gal-sizes 100000,...] [--compare-sizes 100000,...] [--huge] [--repeat 3] [--data-dir DIR] [--skip first-paint] [--readme]
 * `--huge` adds n = 10⁷ (auto, Hessian SEs); `--readme` rewrites README.md's Benchmarks section.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runSpecFile } from '../src/core/run';
import { compareSpecFile } from '../src/core/compare/run';
import { knnNeighbours } from '../src/core/weights/points';
import { createRng } from '../src/core/inference/random';
import { applyA } from '../src/core/models/spatialTraces';
import { applyStyle } from '../src/core/weights/style';
import { gather, scatter } from '../src/core/weights/locality';
import { writeGal } from '../src/core/io/gal';
import { firstPaintSection } from './firstPaint';
import { rTotalS, rUnavailable, timeR, type RTiming } from './rSide';

const RHO = 0.5;
const BETA = [1, 2, -1];
const DEFAULT_SIZES = [40, 1000, 10000, 100000, 1000000];
/** Sizes fitted with `auto` and asymptotic SEs too. */
const DEFAULT_ASYMPTOTIC = [3107, 20000];
/** Sizes fitted beside R spatialreg (symmetrised kNN-6, auto). */
const DEFAULT_R_SIZES = [100000];
/** Sizes at which `compare` (all eight models) is timed against one lag fit of the same spec. */
const DEFAULT_COMPARE_SIZES = [100000];
const HUGE_N = 10_000_000;
/** From this n the CSV is written with 6 significant digits and no id column: 10⁷ rows then fit in the 500 MB the engine reads. */
const COMPACT_N = 5_000_000;
const METHODS = ['auto', 'eigen', 'sparse', 'chebyshev', 'mc'] as const;
/** Methods worth running at a size: dense eigen is O(n³), the sparse factorisation O(n^1.5). */
const applicable: Record<(typeof METHODS)[number], (n: number) => boolean> = {
  auto: () => true,
  eigen: (n) => n <= 1000,
  sparse: (n) => n <= 100000,
  chebyshev: (n) => n <= 1000000,
  mc: (n) => n <= 1000000,
};

/**
 * Further sections of the output, each returning its markdown lines (a table and its notes);
 * `--skip name` leaves one out.
 */
const SECTIONS: { name: string; run: () => string[] | Promise<string[]> }[] = [
  { name: 'first-paint', run: () => firstPaintSection() },
];

type Weights = 'knn' | 'knn-sym' | 'gal';
const WEIGHTS_LABEL: Record<Weights, string> = { knn: 'kNN-6', 'knn-sym': 'kNN-6 sym.', gal: 'kNN-6 GAL file' };
/** Sizes also fitted from a GAL file of the same kNN-6 neighbours (auto). */
const DEFAULT_GAL_SIZES = [100000];

interface Case {
  n: number;
  weights: Weights;
  method: string;
  se: 'hessian' | 'asymptotic';
}

interface Measurement extends Case {
  traces: string;
  chosen: string;
  readMs: number;
  weightsMs: number;
  fitMs: number;
  totalMs: number;
  coldMs: number;
  maxRssMb: number;
  rho: number;
  rhoSe: number;
  runs: number;
  totalsMs: number[];
}

type Row = Measurement | (Case & { error: string });

/** The CSV and its specs (kNN-6, symmetrised kNN-6, the kNN-6 neighbours as a GAL file when `gal`). */
function writeDataset(n: number, dir: string, gal: boolean): Record<Weights, string> & { csv: string } {
  const rng = createRng(20261125 + n);
  const x = Float64Array.from({ length: n }, () => rng.uniform());
  const y = Float64Array.from({ length: n }, () => rng.uniform());
  const x1 = Float64Array.from({ length: n }, () => rng.normal());
  const x2 = Float64Array.from({ length: n }, () => rng.normal());
  const rhs = Float64Array.from({ length: n }, (_, i) => BETA[0] + BETA[1] * x1[i] + BETA[2] * x2[i] + rng.normal());
  // y = (I − ρW)⁻¹ rhs, solved in the kd-tree order (fast at 10⁷) and put back in row order.
  const knn = knnNeighbours(x, y, 6);
  const yv = scatter(applyA(applyStyle(knn.treeNb, 'W'), RHO, gather(rhs, knn.treeOrder)), knn.treeOrder);
  const compact = n >= COMPACT_N;
  const num = compact ? (v: number) => v.toPrecision(6) : String;
  const csv = path.join(dir, `synthetic-${n}.csv`);
  const fd = fs.openSync(csv, 'w');
  fs.writeSync(fd, compact ? 'x,y,x1,x2,yv\n' : 'id,x,y,x1,x2,yv\n');
  const chunk: string[] = [];
  for (let i = 0; i < n; i++) {
    const values = `${num(x[i])},${num(y[i])},${num(x1[i])},${num(x2[i])},${num(yv[i])}`;
    chunk.push(compact ? values : `${i + 1},${values}`);
    if (chunk.length === 10000 || i === n - 1) {
      fs.writeSync(fd, chunk.join('\n') + '\n');
      chunk.length = 0;
    }
  }
  fs.closeSync(fd);
  if (gal) fs.writeFileSync(path.join(dir, `synthetic-${n}.gal`), writeGal(knn.nb));
  const spec = (weights: Weights) => {
    const file = specFile(dir, n, weights);
    fs.writeFileSync(file, JSON.stringify({
      data: path.basename(csv), dependent: 'yv', independent: ['x1', 'x2'],
      weights: weights === 'gal' ? { type: 'gal', path: `synthetic-${n}.gal` } : { type: 'knn', k: 6, coordinates: ['x', 'y'], ...(weights === 'knn-sym' ? { symmetric: true } : {}) },
      model: 'lag', se: 'hessian',
    }, null, 2));
    return file;
  };
  return { csv, knn: spec('knn'), 'knn-sym': spec('knn-sym'), gal: spec('gal') };
}

function specFile(dir: string, n: number, weights: Weights): string {
  return path.join(dir, `synthetic-${n}${weights === 'knn' ? '' : `-${weights}`}.sar.json`);
}

/**
 * Child mode: fit, print one JSON line. Small n are fitted repeatedly: the first run pays for
 * V8's compilation (a cold CLI call), the median of the others is what an editor session (the
 * fit worker stays alive) sees.
 */
async function measureCompare(spec: string): Promise<void> {
  const t0 = performance.now();
  const out = await compareSpecFile(spec);
  if (!out.comparison || !out.fits) {
    process.stdout.write(JSON.stringify({ error: out.problems.map((p) => p.message).join('; ') }) + '\n');
    return;
  }
  process.stdout.write(JSON.stringify({
    totalMs: performance.now() - t0,
    fitMs: Object.fromEntries([...out.fits].map(([m, r]) => [m, r.timings.fitMs])),
    recommended: out.comparison.recommendation.model,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
  }) + '\n');
}

interface CompareTiming { n: number; lag: Row; totalMs?: number; fitMs?: Record<string, number>; recommended?: string; maxRssMb?: number; error?: string }

function timeCompare(n: number, spec: string, lag: Row): CompareTiming {
  try {
    const line = execFileSync(process.execPath, [__filename, '--compare-one', spec], { encoding: 'utf8', maxBuffer: 1 << 26, timeout: 3_600_000 });
    return { n, lag, ...JSON.parse(line.trim().split('\n').pop()!) };
  } catch (e) {
    return { n, lag, error: (e as Error).message.split('\n')[0] };
  }
}

function compareTable(rows: CompareTiming[]): string[] {
  const order = ['ols', 'slx', 'lag', 'error', 'durbin', 'sdem', 'sac', 'gns'];
  return [
    '| n | weights | one lag fit (total) | compare: 8 models (total) | ratio | ' + order.map((m) => `${m} fit`).join(' | ') + ' | peak RSS | recommended |',
    '|---:|---|---:|---:|---:|' + order.map(() => '---:').join('|') + '|---:|---|',
    ...rows.map((c) => c.error || 'error' in c.lag
      ? `| ${c.n} | kNN-6 | error: ${c.error ?? ('error' in c.lag ? c.lag.error : '')} |`
      : `| ${c.n} | kNN-6 | ${fmt(c.lag.totalMs)} | ${fmt(c.totalMs!)} | ${(c.totalMs! / c.lag.totalMs).toFixed(1)}× | ${order.map((m) => fmt(c.fitMs![m])).join(' | ')} | ${c.maxRssMb!.toFixed(0)} MB | ${c.recommended} |`),
    '',
    '`sar-studio compare` on the lag row\'s spec (auto log-determinant, numerical-Hessian SEs, impacts): the data are read and the weights built once, and one log-determinant set-up serves every model.',
  ];
}

async function measureOne(spec: string, method: string, n: number, se: 'hessian' | 'asymptotic'): Promise<void> {
  const repeats = n <= 1000 ? 21 : n <= 10000 ? 5 : 1;
  const runs = [];
  const t0 = performance.now();
  // Slow methods (dense eigen at n = 1000) stop repeating after 10 s, with at least one warm run.
  for (let i = 0; i < repeats && (i < 2 || performance.now() - t0 < 10_000); i++) {
    const out = await runSpecFile(spec, { logdet: method as (typeof METHODS)[number], se });
    if (!out.result) {
      process.stdout.write(JSON.stringify({ error: out.problems.map((p) => p.message).join('; ') }) + '\n');
      return;
    }
    runs.push(out.result);
  }
  const warm = runs.length > 1 ? runs.slice(1).sort((a, b) => a.timings.totalMs - b.timings.totalMs)[Math.floor((runs.length - 1) / 2)] : runs[0];
  const r = runs[0];
  process.stdout.write(JSON.stringify({
    chosen: r.logdet, ...warm.timings, coldMs: r.timings.totalMs, rho: r.rho?.estimate, rhoSe: r.rho?.stdError, se: r.se,
    traces: !r.traces ? '–' : r.traces.method === 'exact' ? 'exact' : `MC ${r.traces.vectors} (${r.traces.relativeSE.toPrecision(2)})`,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
  }) + '\n');
}

/** Fits a case `repeat` times in fresh processes; the run of median total. */
function measure(c: Case, spec: string, repeat: number): Row {
  const runs: Measurement[] = [];
  for (let k = 0; k < repeat; k++) {
    try {
      const line = execFileSync(process.execPath, [__filename, '--one', spec, '--method', c.method, '--n', String(c.n), '--se', c.se],
        { encoding: 'utf8', maxBuffer: 1 << 26, timeout: 3_600_000 });
      const m = JSON.parse(line.trim().split('\n').pop()!);
      if (m.error) return { ...c, error: m.error };
      runs.push({ ...c, ...m });
    } catch (e) {
      return { ...c, error: (e as Error).message.split('\n')[0] };
    }
  }
  runs.sort((a, b) => a.totalMs - b.totalMs);
  return { ...runs[Math.floor((runs.length - 1) / 2)], runs: runs.length, totalsMs: runs.map((r) => r.totalMs) };
}

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function list(name: string, fallback: number[]): number[] {
  const v = arg(name);
  return v === undefined ? fallback : v.split(',').filter(Boolean).map(Number);
}

function fmt(ms: number): string {
  return ms < 1000 ? `${ms.toFixed(ms < 10 ? 2 : 0)} ms` : `${(ms / 1000).toFixed(2)} s`;
}

function fitTable(rows: Row[], repeat: number): string[] {
  const anyRepeated = repeat > 1;
  return [
    '| n | weights | log-det | used | SEs | traces | read CSV | weights | fit + SEs + impacts | total (warm) | total (cold) | peak RSS | ρ̂ (SE) |',
    '|---:|---|---|---|---|---|---:|---:|---:|---:|---:|---:|---|',
    ...rows.map((r) => 'error' in r
      ? `| ${r.n} | ${WEIGHTS_LABEL[r.weights]} | ${r.method} | error: ${r.error} ||||||||||`
      : `| ${r.n} | ${WEIGHTS_LABEL[r.weights]} | ${r.method} | ${r.chosen} | ${r.se} | ${r.traces} | ${fmt(r.readMs)} | ${fmt(r.weightsMs)} | ${fmt(r.fitMs)} | ${fmt(r.totalMs)} | ${fmt(r.coldMs)} | ${r.maxRssMb.toFixed(0)} MB | ${r.rho.toFixed(5)} (${r.rhoSe.toPrecision(3)}) |`),
    '',
    'Warm: median of runs 2–21 (n ≤ 1,000) or 2–5 (n ≤ 10,000) in one process (fewer where they take over 10 s); larger n run once per process. Cold: the first run of a fresh process.' +
      (anyRepeated ? ` Rows with n ≥ 100,000: the run of median total of ${repeat} processes.` : ''),
    'Traces: of (I − ρW)⁻¹ for the SEs and the LM test — exact, or Monte Carlo (vectors, relative SE).',
  ];
}

function rTable(pairs: { ours: Row; r: RTiming | { error: string } }[]): string[] {
  return [
    '| n | weights | SAR Studio total | R read | R weights | R fit (lagsarlm "Matrix") | R impacts | R total | R / SAR Studio | ρ̂ SAR Studio | ρ̂ R |',
    '|---:|---|---:|---:|---:|---:|---:|---:|---:|---|---|',
    ...pairs.map(({ ours, r }) => {
      const head = `| ${ours.n} | ${WEIGHTS_LABEL[ours.weights]} | ${'error' in ours ? 'error' : fmt(ours.totalMs)}`;
      if ('error' in r) return `${head} | R error: ${r.error} |||||||`;
      const ratio = 'error' in ours ? '–' : `${((rTotalS(r) * 1000) / ours.totalMs).toFixed(1)}×`;
      return `${head} | ${fmt(r.readS * 1000)} | ${fmt(r.weightsS * 1000)} | ${fmt(r.fitS * 1000)} | ${fmt(r.impactsS * 1000)} | ${fmt(rTotalS(r) * 1000)} | ${ratio} | ${'error' in ours ? '–' : ours.rho.toFixed(5)} | ${r.rho.toFixed(5)} |`;
    }),
    '',
    'R: data.table::fread, dbscan::kNN (kd-tree) → knn2nb → make.sym.nb → nb2listw(style = "W"), lagsarlm(method = "Matrix") with its numerical Hessian, impacts from trW(type = "MC") (scripts/r/bench-lagsarlm.R); the same CSV in the same run.',
  ];
}

/** Replaces the body of README.md's "## Benchmarks" section (up to the next "## "). */
function writeReadme(body: string[]): void {
  const file = path.join(process.cwd(), 'README.md');
  const text = fs.readFileSync(file, 'utf8');
  const start = text.indexOf('## Benchmarks\n');
  if (start < 0) throw new Error('README.md has no "## Benchmarks" section');
  const next = text.indexOf('\n## ', start + 1);
  const end = next < 0 ? text.length : next + 1;
  fs.writeFileSync(file, text.slice(0, start) + ['## Benchmarks', '', ...body, ''].join('\n') + text.slice(end));
}

async function main(): Promise<void> {
  const compareOne = arg('--compare-one');
  if (compareOne) return measureCompare(compareOne);
  const one = arg('--one');
  if (one) return measureOne(one, arg('--method') ?? 'auto', Number(arg('--n')), arg('--se') === 'asymptotic' ? 'asymptotic' : 'hessian');
  const sizes = list('--sizes', DEFAULT_SIZES);
  const huge = process.argv.includes('--huge');
  const asymptotic = list('--asymptotic', DEFAULT_ASYMPTOTIC);
  const methods = (arg('--methods')?.split(',') ?? [...METHODS]) as (typeof METHODS)[number][];
  const repeat = Math.max(1, Number(arg('--repeat') ?? 1));
  const skipped = new Set(process.argv.flatMap((a, i) => (process.argv[i - 1] === '--skip' ? [a] : [])));
  const rWhyNot = rUnavailable();
  const rSizes = rWhyNot ? [] : list('--r-sizes', DEFAULT_R_SIZES);
  const galSizes = list('--gal-sizes', DEFAULT_GAL_SIZES);
  const compareSizes = list('--compare-sizes', DEFAULT_COMPARE_SIZES);
  const compares: CompareTiming[] = [];
  const keepDir = arg('--data-dir');
  const dir = keepDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'sar-bench-'));
  if (keepDir) fs.mkdirSync(keepDir, { recursive: true });
  const rows: Row[] = [];
  const rPairs: { ours: Row; r: RTiming | { error: string } }[] = [];
  const load = () => os.loadavg().map((l) => l.toFixed(1)).join(', ');
  const loadBefore = load();
  console.log(`SAR Studio benchmark — ${os.cpus().length} cores, Node ${process.version}; synthetic kNN-6 data, ρ = ${RHO}, lag model, impacts; load average ${loadBefore}`);
  try {
    const all = [...new Set([...sizes, ...asymptotic, ...rSizes, ...galSizes, ...(huge ? [HUGE_N] : [])])].sort((a, b) => a - b);
    for (const n of all) {
      const t = performance.now();
      const reuse = keepDir !== undefined && fs.existsSync(specFile(dir, n, 'gal')) && (!galSizes.includes(n) || fs.existsSync(path.join(dir, `synthetic-${n}.gal`)));
      const data = reuse
        ? { csv: path.join(dir, `synthetic-${n}.csv`), knn: specFile(dir, n, 'knn'), 'knn-sym': specFile(dir, n, 'knn-sym'), gal: specFile(dir, n, 'gal') }
        : writeDataset(n, dir, galSizes.includes(n));
      console.log(`n = ${n}: data ${reuse ? 'kept' : 'written'} in ${fmt(performance.now() - t)}`);
      const cases: Case[] = [
        ...(sizes.includes(n) ? methods.filter((m) => applicable[m](n)).map((method) => ({ n, weights: 'knn' as const, method, se: 'hessian' as const })) : []),
        ...(asymptotic.includes(n) ? [{ n, weights: 'knn' as const, method: 'auto', se: 'asymptotic' as const }] : []),
        ...(huge && n === HUGE_N ? [{ n, weights: 'knn' as const, method: 'auto', se: 'hessian' as const }] : []),
        ...(galSizes.includes(n) ? [{ n, weights: 'gal' as const, method: 'auto', se: 'hessian' as const }] : []),
        ...(rSizes.includes(n) ? [{ n, weights: 'knn-sym' as const, method: 'auto', se: 'hessian' as const }] : []),
      ];
      for (const c of cases) {
        const row = measure(c, data[c.weights], n >= 100000 ? repeat : 1);
        rows.push(row);
        console.log(`  ${WEIGHTS_LABEL[c.weights]}, ${c.method}, ${c.se} SEs: ${'error' in row ? `error: ${row.error}` : `${fmt(row.totalMs)}${row.runs > 1 ? ` (median of ${row.totalsMs.map(fmt).join(', ')})` : ''} (ρ = ${row.rho.toFixed(5)}, traces ${row.traces}, ${row.maxRssMb.toFixed(0)} MB)`}`);
        if (c.weights === 'knn-sym') {
          const r = timeR(data.csv);
          rPairs.push({ ours: row, r });
          console.log(`  R spatialreg: ${'error' in r ? `error: ${r.error}` : `${fmt(rTotalS(r) * 1000)} (ρ = ${r.rho.toFixed(5)})`}`);
        }
      }
      const lag = rows.find((r) => r.n === n && r.weights === 'knn' && r.method === 'auto' && r.se === 'hessian');
      if (compareSizes.includes(n) && lag) {
        const c = timeCompare(n, data.knn, lag);
        compares.push(c);
        console.log(`  compare (8 models): ${c.error ? `error: ${c.error}` : `${fmt(c.totalMs!)}, recommends ${c.recommended}`}`);
      }
      if (!keepDir) for (const f of [data.csv, path.join(dir, `synthetic-${n}.gal`)]) fs.rmSync(f, { force: true });
    }
  } finally {
    if (!keepDir) fs.rmSync(dir, { recursive: true, force: true });
  }
  const out: string[] = [
    `\`npm run bench\` on this project's machine: ${os.cpus().length} cores (shared), Node ${process.version}, ${new Date().toISOString().slice(0, 10)}; load average ${loadBefore} at the start, ${load()} at the end.`,
    '',
    ...fitTable(rows, repeat),
    '',
    ...(rWhyNot ? [`R spatialreg side by side: skipped (${rWhyNot}).`] : rTable(rPairs)),
    ...(compares.length ? ['', ...compareTable(compares)] : []),
  ];
  for (const s of SECTIONS) if (!skipped.has(s.name)) out.push('', ...(await s.run()));
  console.log('\n' + out.join('\n'));
  if (process.argv.includes('--readme')) writeReadme(out);
}

main().then(() => (arg('--one') || arg('--compare-one') ? undefined : import('./spatialTable').then((m) => m.printSpatialViewsTable()))).catch((e) => {
  console.error(e);
  process.exit(1);
});
