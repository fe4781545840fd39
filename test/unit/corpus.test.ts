/**
 * The hostile-input corpus (issue 12, test/corpus/generate.ts) through the real command line,
 * `main()` of src/cli/main.ts, in worker threads. Every case must end in
 * - exit 2 with every problem line `FILE:LINE:COL: severity: MESSAGE` pointing into a real file
 *   (a line and column that exist in it), or a usage error for the command-line cases; or
 * - exit 0 with a finite fit: estimates, logLik, σ², fitted values and residuals are numbers
 *   (`null` is fine only for statistics that may be undefined, such as a p-value);
 * never exit 1 (an internal error), never past the per-case time bound, never more than a
 * screenful of problems; and the input files' bytes are the same afterwards. Some cases state
 * more: a refusal, a fit, the line of the first error, what the message names, or a fit equal
 * to another case's (scale invariance, ids matched by the GAL header).
 */
import * as assert from 'assert';
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { decodeText } from '../../src/core/io/readFile';
import { generateCorpus, type CorpusCase, type Family } from '../corpus/generate';
import { runCases, type CaseOutcome } from '../corpus/runner';

/**
 * Time bound of one case (a hang is a failure, not a stuck suite); shorter for the known failures,
 * some of which hang. A hang detector, not a timing: the slowest case (a header of a million
 * fields) takes 3 s on a quiet machine and 13 s with both cores shared at a load average of 14.
 */
const CASE_TIMEOUT_MS = 60_000;
const KNOWN_FAILING_TIMEOUT_MS = 3_000;
/** More problem lines than this is a flood. */
const MAX_LINES = 150;

/**
 * Cases that fail until another part of issue 12 lands, by the class that fixes them. They run,
 * and show as pending while they fail; one that passes fails the suite, so that it is moved out
 * of this list and guards its class from then on.
 */
const KNOWN_FAILING: Record<string, string> = {};

const LOCATED = /^(.+?):(\d+):(\d+): (error|warning|info): (.*)$/;
const USAGE = /^sar-studio: error: |^Try 'sar-studio --help'\.$/;

interface Verdict {
  failures: string[];
  kind: 'located-error' | 'usage-error' | 'fit' | 'other' | 'failed';
}

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'sar-corpus-'));
const removeRoot = () => fs.rmSync(root, { recursive: true, force: true });
process.once('exit', removeRoot);
const t0 = performance.now();
// SAR_STUDIO_CORPUS_SEED=n fuzzes with another seed (to explore; the suite's own seed is fixed).
const cases = generateCorpus(root, process.env.SAR_STUDIO_CORPUS_SEED ? Number(process.env.SAR_STUDIO_CORPUS_SEED) : undefined);
const generateMs = performance.now() - t0;
const byName = new Map(cases.map((c) => [c.name, c]));
const outcomes = new Map<string, CaseOutcome>();
const verdicts = new Map<string, Verdict>();
const hashes = new Map<string, string>();
let runMs = 0;

/** Name and bytes hash of every file under dir. */
function hashTree(dir: string): string {
  const h = createHash('sha256');
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = path.join(d, e.name);
      h.update(p);
      if (e.isDirectory()) walk(p);
      else h.update(fs.readFileSync(p));
    }
  };
  walk(dir);
  return h.digest('hex');
}

/** Lengths of a file's lines (\n, \r\n or \r end a line), decoded as the engine decodes it. */
const lineLengths = new Map<string, number[]>();
function linesOf(file: string): number[] {
  let lengths = lineLengths.get(file);
  if (!lengths) {
    lengths = decodeText(fs.readFileSync(file), file).split(/\r\n|\r|\n/).map((l) => l.length);
    lineLengths.set(file, lengths);
  }
  return lengths;
}

function numbersIn(v: unknown): boolean {
  return Array.isArray(v) && v.every((x) => typeof x === 'number' && Number.isFinite(x));
}

/** What is wrong with a case's outcome (empty: it is right). */
function judge(c: CorpusCase, o: CaseOutcome): Verdict {
  const failures: string[] = [];
  if (o.timedOut) return { failures: [`no answer within ${KNOWN_FAILING[c.name] ? KNOWN_FAILING_TIMEOUT_MS : CASE_TIMEOUT_MS} ms (a hang)`], kind: 'failed' };
  if (o.crashed) return { failures: [`crashed: ${o.crashed}`], kind: 'failed' };
  if (o.code !== 0 && o.code !== 2) failures.push(`exit ${o.code} (only 0 and 2 are allowed): ${o.stderr.slice(0, 400)}`);
  const lines = o.stderr.split('\n').filter((l) => l !== '');
  if (lines.length > MAX_LINES) failures.push(`${lines.length} problem lines: a flood (at most ${MAX_LINES})`);
  const errors: string[] = [];
  let usage = false;
  for (const line of lines) {
    const m = LOCATED.exec(line);
    if (!m) {
      if (c.family === 'cli' && USAGE.test(line)) {
        usage = true;
        continue;
      }
      failures.push(`not a located problem: ${line.slice(0, 300)}`);
      continue;
    }
    const [, file, l, col, severity] = m;
    if (severity === 'error') errors.push(line);
    const abs = path.resolve(file);
    let stat: fs.Stats | undefined;
    try {
      stat = fs.statSync(abs, { throwIfNoEntry: false });
    } catch {
      stat = undefined; // e.g. a name too long for the file system
    }
    if (!stat) {
      // Only a file the user named on the command line may be missing (its message says so).
      if (!c.argv.includes(file) && !c.argv.includes(abs)) failures.push(`points at a file that does not exist: ${line.slice(0, 300)}`);
      continue;
    }
    if (!stat.isFile() || stat.size > 64 * 2 ** 20) continue;
    const lengths = linesOf(abs);
    const ln = Number(l);
    const cn = Number(col);
    if (ln < 1 || ln > lengths.length) failures.push(`line ${ln} of ${path.basename(file)}, which has ${lengths.length}: ${line.slice(0, 300)}`);
    else if (cn < 1 || cn > lengths[ln - 1] + 1) failures.push(`column ${cn} of line ${ln} of ${path.basename(file)}, which has ${lengths[ln - 1]} characters: ${line.slice(0, 300)}`);
  }
  let kind: Verdict['kind'] = 'other';
  if (o.code === 2) {
    kind = usage && errors.length === 0 ? 'usage-error' : 'located-error';
    if (errors.length === 0 && !usage) failures.push('exit 2 without an error line');
    if (c.errorMatch && errors[0] !== undefined && !c.errorMatch.test(errors[0])) failures.push(`the first error does not match ${c.errorMatch}: ${errors[0].slice(0, 400)}`);
    if (c.firstErrorAt) {
      const m = errors[0] ? LOCATED.exec(errors[0]) : null;
      const at = m && `${path.basename(m[1])}:${m[2]}`;
      if (at !== `${c.firstErrorAt.file}:${c.firstErrorAt.line}`) failures.push(`the first error is at ${at}, not ${c.firstErrorAt.file}:${c.firstErrorAt.line}: ${errors[0]?.slice(0, 300)}`);
    }
  }
  if (o.code === 0) {
    if (errors.length) failures.push(`exit 0 with errors: ${errors[0].slice(0, 300)}`);
    if (c.argv[0] === 'fit') {
      kind = 'fit';
      if (c.argv.includes('--json')) failures.push(...fitProblems(o.stdout));
      else if (/\b(NaN|-?Inf(inity)?)\b/.test(o.stdout)) failures.push(`the report prints ${/\b(NaN|-?Inf(inity)?)\b/.exec(o.stdout)![0]}: ${o.stdout.split('\n').find((l) => /\b(NaN|Inf)/.test(l))}`);
    }
    if (c.warns && !lines.some((l) => /: (warning|info): /.test(l) && c.warns!.test(l))) failures.push(`no warning matching ${c.warns}`);
  }
  if (c.expect === 'error' && o.code !== 2) failures.push(`expected a refusal (exit 2), got exit ${o.code}`);
  if (c.expect === 'fit' && o.code !== 0) failures.push(`expected a fit (exit 0), got exit ${o.code}: ${lines.slice(0, 3).join(' | ').slice(0, 500)}`);
  if (c.sameFitAs && o.code === 0) failures.push(...sameFit(o.stdout, outcomes.get(c.sameFitAs)?.stdout, c.sameFitAs));
  return { failures, kind: failures.length ? 'failed' : kind };
}

/** A fit's JSON with numbers where a fit has them. */
function fitProblems(stdout: string): string[] {
  let j: Record<string, unknown>;
  try {
    j = JSON.parse(stdout) as Record<string, unknown>;
  } catch {
    return [`stdout is not JSON: ${stdout.slice(0, 200)}`];
  }
  const out: string[] = [];
  const coef = j.coefficients as { name: string; estimate: unknown }[] | undefined;
  if (!Array.isArray(coef)) out.push('no coefficients');
  else for (const c of coef) if (!(typeof c.estimate === 'number' && Number.isFinite(c.estimate))) out.push(`coefficient ${c.name} is ${c.estimate}`);
  for (const key of ['logLik', 'sigma2']) if (!(typeof j[key] === 'number' && Number.isFinite(j[key] as number))) out.push(`${key} is ${j[key]}`);
  if (!((j.sigma2 as number) > 0)) out.push(`σ² = ${j.sigma2} is not positive`);
  for (const p of ['rho', 'lambda']) {
    const v = j[p] as { estimate: unknown } | undefined;
    if (v && !(typeof v.estimate === 'number' && Number.isFinite(v.estimate))) out.push(`${p} is ${v.estimate}`);
  }
  const residuals = (j.residuals as { values?: unknown } | undefined)?.values;
  if (!numbersIn(j.fitted) || (j.fitted as number[]).length !== j.n) out.push('fitted values are not n finite numbers');
  if (!numbersIn(residuals)) out.push('residuals are not finite numbers');
  return out;
}

function sameFit(a: string, b: string | undefined, other: string): string[] {
  if (b === undefined) return [`${other} has no output to compare with`];
  try {
    const x = JSON.parse(a) as Record<string, { estimate: number } | number>;
    const y = JSON.parse(b) as Record<string, { estimate: number } | number>;
    const out: string[] = [];
    const pick = (j: typeof x, k: string) => (k === 'logLik' ? (j.logLik as number) : ((j[k] as { estimate: number } | undefined)?.estimate));
    // logLik to 1e-9; ρ and λ to the maximiser's own tolerance (weights equal up to rounding
    // move its stopping point by ~1e-8).
    for (const [k, tol] of [['rho', 1e-6], ['lambda', 1e-6], ['logLik', 1e-9]] as const) {
      const u = pick(x, k);
      const v = pick(y, k);
      if (u === undefined && v === undefined) continue;
      if (!(typeof u === 'number' && typeof v === 'number' && Math.abs(u - v) <= tol * Math.max(1, Math.abs(v)))) out.push(`${k} = ${u}, but ${v} in ${other}`);
    }
    return out;
  } catch {
    return [`no JSON fit to compare with ${other}`];
  }
}

const FAMILIES: [Family, string][] = [
  ['model', 'reference fits and degenerate models'],
  ['spec', 'the spec'],
  ['csv', 'the data CSV'],
  ['gal', 'GAL files'],
  ['gwt', 'GWT files'],
  ['geojson', 'GeoJSON'],
  ['cli', 'command-line options'],
  ['fuzz', 'byte-level fuzzing of the examples'],
];

suite('corpus: hostile input ends in a located error or a finite fit, never a crash, a hang or a changed file', () => {
  suiteSetup(async function () {
    this.timeout(300_000);
    for (const c of cases) hashes.set(c.name, hashTree(c.dir));
    const t1 = performance.now();
    const results = await runCases(cases.map((c) => c.argv), { workers: 2, timeoutMs: (k) => (KNOWN_FAILING[cases[k].name] ? KNOWN_FAILING_TIMEOUT_MS : CASE_TIMEOUT_MS) });
    runMs = performance.now() - t1;
    cases.forEach((c, k) => outcomes.set(c.name, results[k]));
    for (const c of cases) {
      const v = judge(c, outcomes.get(c.name)!);
      if (hashTree(c.dir) !== hashes.get(c.name)) {
        v.failures.push('the input files changed (bytes, or files added or removed)');
        v.kind = 'failed';
      }
      verdicts.set(c.name, v);
    }
  });

  suiteTeardown(() => {
    // SAR_STUDIO_CORPUS_DUMP=file: every case's exit code and first problem lines, to read them all.
    const dump = process.env.SAR_STUDIO_CORPUS_DUMP;
    if (dump) {
      fs.writeFileSync(dump, cases.map((c) => {
        const o = outcomes.get(c.name);
        return JSON.stringify({ name: c.name, code: o?.code, ms: Math.round(o?.ms ?? 0), failures: verdicts.get(c.name)?.failures, stderr: o?.stderr.split('\n').slice(0, 4).map((l) => l.slice(0, 300)) });
      }).join('\n') + '\n');
    }
    const count = (k: Verdict['kind']) => [...verdicts.values()].filter((v) => v.kind === k).length;
    const known = cases.filter((c) => KNOWN_FAILING[c.name] && verdicts.get(c.name)?.kind === 'failed').length;
    const slowest = cases.map((c) => [c.name, outcomes.get(c.name)?.ms ?? 0] as const).sort((a, b) => b[1] - a[1])[0];
    console.log(`      corpus: ${cases.length} cases: ${count('located-error')} located errors, ${count('usage-error')} usage errors, ${count('fit')} fits, ` +
      `${count('other')} other (help, version), ${count('failed')} failing (${known} known, by class); ` +
      `generated in ${(generateMs / 1000).toFixed(1)} s, run in ${(runMs / 1000).toFixed(1)} s on 2 workers (slowest: ${slowest?.[0]}, ${((slowest?.[1] ?? 0) / 1000).toFixed(1)} s)`);
    removeRoot();
  });

  test('has at least 300 cases over every family, names unique', () => {
    assert.ok(cases.length >= 300, `${cases.length} cases`);
    for (const [family] of FAMILIES) assert.ok(cases.some((c) => c.family === family), family);
    for (const name of Object.keys(KNOWN_FAILING)) assert.ok(byName.has(name), `KNOWN_FAILING names no case "${name}"`);
  });

  for (const [family, title] of FAMILIES) {
    suite(title, () => {
      for (const c of cases.filter((k) => k.family === family)) {
        const known = KNOWN_FAILING[c.name];
        test(known ? `${c.name} [known failing until ${known}]` : c.name, function () {
          const v = verdicts.get(c.name)!;
          if (known) {
            if (v.failures.length) this.skip();
            assert.fail(`${c.name} passes now: take it out of KNOWN_FAILING (${known})`);
          }
          if (v.failures.length) assert.fail(`${c.name}: ${v.failures.map((f) => (f.length > 600 ? `${f.slice(0, 600)}…` : f)).join('; ')}`);
        });
      }
    });
  }
});
