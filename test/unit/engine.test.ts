/**
 * The engine end to end through its front door (`runSpecFile`) and the command line:
 * invariances a correct ML fit must have, recovery of a known ρ, and bad input reported
 * with a location — never a crash.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runSpecFile, validateSpecText } from '../../src/core/run';
import { main } from '../../src/cli/main';
import { parseCsv } from '../../src/core/io/csv';
import { buildWeights } from '../../src/core/weights/build';
import { applyA } from '../../src/core/models/spatialTraces';
import { createRng } from '../../src/core/inference/random';
import type { FitResult } from '../../src/core/result';
import type { WeightsSpec } from '../../src/core/spec/types';
import { assertClose, COLUMBUS_DIR, columbusSpec, reference, writeTempSpec } from '../helpers/columbus';

const columbusCsv = fs.readFileSync(path.join(COLUMBUS_DIR, 'data.csv'), 'utf8');

async function fitOk(spec: string, opts = {}): Promise<FitResult> {
  const out = await runSpecFile(spec, { draws: 0, ...opts });
  assert.deepStrictEqual(out.problems.filter((p) => p.severity === 'error'), []);
  return out.result!;
}

async function problemsOf(spec: string, opts = {}) {
  const out = await runSpecFile(spec, { draws: 0, ...opts });
  assert.strictEqual(out.result, undefined, 'expected no result');
  assert.ok(out.problems.length > 0);
  return out.problems;
}

/** A spec in its own folder next to a CSV with the given text (GAL copied in). */
function specWithCsv(csv: string, overrides: Record<string, unknown> = {}): string {
  const spec = writeTempSpec({
    data: 'data.csv', dependent: 'CRIME', independent: ['INC', 'HOVAL'],
    weights: { type: 'gal', path: 'weights.gal', idColumn: 'id' }, logdet: 'eigen', ...overrides,
  });
  fs.writeFileSync(path.join(path.dirname(spec), 'data.csv'), csv);
  fs.copyFileSync(path.join(COLUMBUS_DIR, 'weights.gal'), path.join(path.dirname(spec), 'weights.gal'));
  return spec;
}

/** Another spec in the folder of `spec`, with fields replaced. */
function writeSpecBeside(spec: string, overrides: Record<string, unknown>): string {
  const file = path.join(path.dirname(spec), `variant-${Object.values(overrides).join('-').replace(/[^\w.-]/g, '')}.sar.json`);
  fs.writeFileSync(file, JSON.stringify({ ...JSON.parse(fs.readFileSync(spec, 'utf8')), ...overrides }, null, 2));
  return file;
}

function editColumn(csv: string, column: string, f: (v: string, row: number) => string): string {
  const lines = csv.trimEnd().split('\n');
  const c = lines[0].split(',').indexOf(column);
  return [lines[0], ...lines.slice(1).map((l, r) => {
    const cells = l.split(',');
    cells[c] = f(cells[c], r);
    return cells.join(',');
  })].join('\n') + '\n';
}

suite('engine: invariances of the fit', () => {
  test('y in millions (×1e6): same ρ and z-values, σ² ×1e12, logLik − n·ln 1e6 — for both SE methods', async () => {
    for (const se of ['asymptotic', 'hessian'] as const) {
      const base = await fitOk(specWithCsv(columbusCsv, { se }));
      const big = await fitOk(specWithCsv(editColumn(columbusCsv, 'CRIME', (v) => String(Number(v) * 1e6)), { se }));
      assertClose(big.rho!.estimate, base.rho!.estimate, 1e-7, `${se}: rho`);
      assertClose(big.rho!.z, base.rho!.z, 1e-6, `${se}: rho z`);
      big.coefficients.forEach((c, j) => assertClose(c.z, base.coefficients[j].z, 1e-6, `${se}: ${c.name} z`));
      assertClose(big.sigma2, base.sigma2 * 1e12, 1e-6, `${se}: sigma2`);
      assertClose(big.logLik, base.logLik - 49 * Math.log(1e6), 1e-9, `${se}: logLik`);
      assert.strictEqual(big.se, se, 'no silent fallback to another SE method');
    }
  });

  test('permuting the rows of the data (weights matched by id) gives the same fit', async () => {
    const lines = columbusCsv.trimEnd().split('\n');
    const rows = lines.slice(1);
    const rng = createRng(3);
    for (let i = rows.length - 1; i > 0; i--) {
      const j = Math.floor(rng.uniform() * (i + 1));
      [rows[i], rows[j]] = [rows[j], rows[i]];
    }
    const r = await fitOk(specWithCsv([lines[0], ...rows].join('\n') + '\n'));
    const R = reference.sar_eigen;
    assertClose(r.rho!.estimate, R.rho.estimate, 1e-6, 'rho');
    assertClose(r.logLik, R.loglik, 1e-9, 'logLik');
    r.coefficients.forEach((c, j) => assertClose(c.stdError, R.coefficients[j].std_error, 1e-4, `${c.name} SE`));
    // Per-observation output follows the data's row order.
    const id0 = Number(rows[0].split(',')[0]);
    assert.strictEqual(r.ids[0], String(id0));
    assertClose(r.fitted[0], R.fitted_values[id0 - 1], 1e-6, 'fitted value of the first (permuted) row');
  });

  test('a large fit runs in a locality order and maps every per-observation result back to its row', async () => {
    // n = 20,000 points: written once in kd-tree order (already local: fitted as is) and once
    // shuffled (relabelled for speed, then mapped back). Same data, so the same fit row by row.
    const n = 20_000;
    const rng = createRng(5);
    const x = Array.from({ length: n }, () => rng.uniform());
    const y = Array.from({ length: n }, () => rng.uniform());
    const x1 = Array.from({ length: n }, () => rng.normal());
    const weightsSpec: WeightsSpec = { type: 'knn', k: 6, coordinates: ['x', 'y'], distance: 'euclidean', style: 'W', allowIslands: false };
    const coords = parseCsv(['x,y', ...x.map((_, i) => `${x[i]},${y[i]}`)].join('\n'), 'coords.csv');
    const built = buildWeights(weightsSpec, coords);
    const yv = applyA(built.w, 0.5, Float64Array.from(x1, (v) => 1 + v + rng.normal()));
    const row = (i: number) => `${i + 1},${x[i]},${y[i]},${x1[i]},${yv[i]}`;
    const shuffled = Array.from({ length: n }, (_, i) => i);
    for (let i = n - 1; i > 0; i--) {
      const j = Math.floor(rng.uniform() * (i + 1));
      [shuffled[i], shuffled[j]] = [shuffled[j], shuffled[i]];
    }
    const fitRows = async (rows: ArrayLike<number>) => {
      const spec = writeTempSpec({ data: 'sim.csv', dependent: 'yv', independent: ['x1'], weights: { ...weightsSpec, idColumn: 'id' }, logdet: 'sparse', se: 'hessian' });
      fs.writeFileSync(path.join(path.dirname(spec), 'sim.csv'), ['id,x,y,x1,yv', ...Array.from(rows, row)].join('\n'));
      return fitOk(spec);
    };
    const local = await fitRows(built.localityOrder!);
    const scattered = await fitRows(shuffled);
    // Brent stops within ~1e-8 of the optimum; rounding in the two factorisations moves it there.
    assertClose(scattered.rho!.estimate, local.rho!.estimate, 1e-7, 'rho');
    assertClose(scattered.logLik, local.logLik, 1e-12, 'logLik');
    scattered.coefficients.forEach((c, j) => assertClose(c.stdError, local.coefficients[j].stdError, 1e-5, `${c.name} SE`));
    const rowOf = new Map(local.ids.map((id, r) => [id, r]));
    scattered.ids.forEach((id, r) => {
      assert.strictEqual(id, String(shuffled[r] + 1), 'ids in data-row order');
      const q = rowOf.get(id)!;
      // Absolute: y has unit scale here, and values near 0 make relative errors meaningless.
      assert.ok(Math.abs(scattered.fitted[r] - local.fitted[q]) < 1e-6, `fitted of id ${id}`);
      assert.ok(Math.abs(scattered.residuals.values[r] - local.residuals.values[q]) < 1e-6, `residual of id ${id}`);
      assertClose(scattered.observed[r], yv[shuffled[r]], 0, `observed of id ${id}`);
      // Column sums of (I − ρW)⁻¹ are exact; the diagonal part carries Monte Carlo noise.
      assert.ok(Math.abs(scattered.localSpillover![0].total[r] - local.localSpillover![0].total[q]) < 1e-6, `total spillover of id ${id}`);
    });
  });

  test('every log-determinant method gives ρ within 1e-3 of the exact fit', async () => {
    for (const logdet of ['sparse', 'chebyshev', 'mc'] as const) {
      const r = await fitOk(columbusSpec({ logdet }));
      assert.strictEqual(r.logdet, logdet);
      assertClose(r.rho!.estimate, reference.sar_eigen.rho.estimate, logdet === 'sparse' ? 1e-6 : 1e-3, `${logdet}: rho`);
      if (logdet === 'sparse') assertClose(r.logLik, reference.sar_eigen.loglik, 1e-9, 'sparse: logLik');
    }
  });

  test('simulated data with a known ρ = 0.6 (n = 3000, kNN-6) recover it and β', async () => {
    const n = 3000;
    const rng = createRng(11);
    const x = Array.from({ length: n }, () => rng.uniform());
    const y = Array.from({ length: n }, () => rng.uniform());
    const x1 = Array.from({ length: n }, () => rng.normal());
    const coordsCsv = ['id,x,y,x1', ...x.map((_, i) => `${i + 1},${x[i]},${y[i]},${x1[i]}`)].join('\n');
    const weightsSpec: WeightsSpec = { type: 'knn', k: 6, coordinates: ['x', 'y'], distance: 'euclidean', style: 'W', allowIslands: false };
    const w = buildWeights(weightsSpec, parseCsv(coordsCsv, 'coords.csv')).w;
    const yv = applyA(w, 0.6, Float64Array.from(x1, (v) => 2 + 1.5 * v + rng.normal()));
    const spec = writeTempSpec({ data: 'sim.csv', dependent: 'yv', independent: ['x1'], weights: weightsSpec, logdet: 'auto', se: 'hessian' });
    fs.writeFileSync(path.join(path.dirname(spec), 'sim.csv'), ['id,x,y,x1,yv', ...x.map((_, i) => `${i + 1},${x[i]},${y[i]},${x1[i]},${yv[i]}`)].join('\n'));
    const r = await fitOk(spec);
    assert.ok(Math.abs(r.rho!.estimate - 0.6) < 3 * r.rho!.stdError, `rho ${r.rho!.estimate} ± ${r.rho!.stdError}`);
    assert.ok(r.rho!.stdError < 0.03);
    assert.ok(Math.abs(r.coefficients[1].estimate - 1.5) < 3 * r.coefficients[1].stdError, 'beta of x1');
    // The total impact of x1 is β/(1 − ρ) for row-standardised W.
    assertClose(r.impacts![0].total, r.coefficients[1].estimate / (1 - r.rho!.estimate), 1e-6, 'total impact');
  });
});

suite('engine: bad input is reported with a location, never a crash', () => {
  test('a missing data file is an error at the spec\'s "data" value', async () => {
    const spec = writeTempSpec({ data: 'nope.csv', dependent: 'y', independent: ['x'], weights: { type: 'knn', k: 2, coordinates: ['a', 'b'] } }, 'm.sar.json');
    const [p] = await problemsOf(spec);
    assert.match(p.message, /cannot read .*nope\.csv.*no such file/);
    assert.strictEqual(p.file, spec);
    assert.strictEqual(p.range?.line, 2);
  });

  test('a non-numeric cell names the CSV line and the column', async () => {
    const csv = editColumn(columbusCsv, 'INC', (v, r) => (r === 4 ? 'n/a' : v));
    const problems = await problemsOf(specWithCsv(csv));
    assert.strictEqual(problems.length, 1);
    assert.match(problems[0].message, /INC/);
    assert.strictEqual(problems[0].range?.line, 6); // header is line 1, row 5 is line 6
    assert.match(problems[0].file!, /data\.csv$/);
  });

  test('empty cells in several model columns are all listed', async () => {
    let csv = editColumn(columbusCsv, 'INC', (v, r) => (r === 0 ? '' : v));
    csv = editColumn(csv, 'HOVAL', (v, r) => (r === 9 ? '' : v));
    const problems = await problemsOf(specWithCsv(csv));
    assert.deepStrictEqual(problems.map((p) => p.range?.line), [2, 11]);
  });

  test('an unknown column suggests the nearest name', async () => {
    const [p] = await problemsOf(columbusSpec({ independent: ['INC', 'HOVALL'] }));
    assert.match(p.message, /unknown column "HOVALL".*did you mean "HOVAL"/);
    assert.strictEqual(p.suggestion, 'HOVAL');
  });

  test('a constant regressor and a collinear one are named', async () => {
    const constant = await problemsOf(specWithCsv(editColumn(columbusCsv, 'INC', () => '3')));
    assert.match(constant[0].message, /regressor "INC" is constant/);
    const twice = editColumn(columbusCsv, 'OPEN', (_, r) => String(2 * Number(columbusCsv.split('\n')[r + 1].split(',')[10]) + 1));
    const collinear = await problemsOf(specWithCsv(twice, { independent: ['INC', 'OPEN'] }));
    assert.match(collinear[0].message, /regressor "OPEN" is collinear/);
  });

  test('fewer observations than parameters', async () => {
    const few = columbusCsv.split('\n').slice(0, 4).join('\n') + '\n';
    const spec = writeTempSpec({ data: 'd.csv', dependent: 'CRIME', independent: ['INC', 'HOVAL'], weights: { type: 'knn', k: 1, coordinates: ['x', 'y'] } });
    fs.writeFileSync(path.join(path.dirname(spec), 'd.csv'), few);
    const [p] = await problemsOf(spec);
    assert.match(p.message, /3 observations are too few/);
  });

  test('GAL ids that do not match the data are named', async () => {
    const csv = editColumn(columbusCsv, 'id', (v) => String(Number(v) + 100));
    const problems = await problemsOf(specWithCsv(csv));
    assert.match(problems.map((p) => p.message).join('\n'), /101|not in the data|no row/);
  });

  test('islands are errors naming them unless allowed; then a warning', async () => {
    const spec = (allowIslands: boolean) => columbusSpec({ weights: { type: 'distance', threshold: 0.45, coordinates: ['x', 'y'], allowIslands } });
    const problems = await problemsOf(spec(false));
    assert.match(problems[0].message, /leaves 8 observations without neighbours/);
    const out = await runSpecFile(spec(true), { draws: 0 });
    assert.ok(out.result, out.problems.map((p) => p.message).join('\n'));
    assert.ok(out.problems.some((p) => p.code === 'islands' && p.severity === 'warning'));
    assert.ok(out.problems.some((p) => p.code === 'disconnected'));
  });

  test('an empty data file and a file over the size limit', async () => {
    const empty = await problemsOf(specWithCsv(''));
    assert.match(empty[0].message, /is empty/);
    const huge = specWithCsv('x');
    fs.truncateSync(path.join(path.dirname(huge), 'data.csv'), 600 * 1024 * 1024); // sparse file: no disk used
    const big = await problemsOf(huge);
    assert.match(big[0].message, /600 MiB; the limit is 500 MiB/);
  });

  test('a path leaving the workspace is refused', async () => {
    const spec = columbusSpec();
    const [p] = await problemsOf(spec, { rootDir: path.dirname(spec) });
    assert.strictEqual(p.code, 'outside-workspace');
    assert.strictEqual(p.range?.line, 2);
  });

  test('a symbolic link inside the workspace to a file outside it is refused; a name starting with ".." is not', async () => {
    const spec = specWithCsv(columbusCsv);
    const dir = path.dirname(spec);
    fs.renameSync(path.join(dir, 'data.csv'), path.join(dir, '..data.csv'));
    const named = await fitOk(writeSpecBeside(spec, { data: '..data.csv' }), { rootDir: dir });
    assert.strictEqual(named.n, 49);
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'sar-outside-'));
    fs.copyFileSync(path.join(dir, '..data.csv'), path.join(outside, 'data.csv'));
    fs.symlinkSync(path.join(outside, 'data.csv'), path.join(dir, 'linked.csv'));
    const [p] = await problemsOf(writeSpecBeside(spec, { data: 'linked.csv' }), { rootDir: dir });
    assert.strictEqual(p.code, 'outside-workspace');
  });

  test('the engine never writes to the user\'s files', async () => {
    const spec = specWithCsv(columbusCsv);
    const dir = path.dirname(spec);
    const before = fs.readdirSync(dir).map((f) => [f, fs.statSync(path.join(dir, f)).mtimeMs, fs.readFileSync(path.join(dir, f), 'utf8')]);
    await fitOk(spec);
    const after = fs.readdirSync(dir).map((f) => [f, fs.statSync(path.join(dir, f)).mtimeMs, fs.readFileSync(path.join(dir, f), 'utf8')]);
    assert.deepStrictEqual(after, before);
  });
});

suite('engine: every problem names its file and place; every file is decoded (issue 12)', () => {
  const lineOf = (spec: string, needle: string) => fs.readFileSync(spec, 'utf8').split('\n').findIndex((l) => l.includes(needle)) + 1;

  test('a stage that knows no spec (the eigen size limit) gets the spec file and the line of "logdet"', async () => {
    const n = 1600;
    const r = createRng(5);
    const csv = ['x,y,v', ...Array.from({ length: n }, () => `${r.uniform()},${r.uniform()},${r.uniform()}`)].join('\n') + '\n';
    const spec = writeTempSpec({ data: 'd.csv', dependent: 'v', independent: ['x'], weights: { type: 'knn', k: 3, coordinates: ['x', 'y'] }, logdet: 'eigen' });
    fs.writeFileSync(path.join(path.dirname(spec), 'd.csv'), csv);
    const [p] = await problemsOf(spec);
    assert.strictEqual(p.code, 'logdet-too-large');
    assert.match(p.message, /use "sparse", "chebyshev" or "mc" beyond 1500 observations$/);
    assert.strictEqual(p.file, spec);
    assert.strictEqual(p.range?.line, lineOf(spec, '"logdet"'));
    // Asked for on the command line, with no "logdet" in the spec: the spec's first line.
    const bare = writeSpecBeside(spec, { logdet: 'auto' });
    const [q] = await problemsOf(bare, { logdet: 'eigen' });
    assert.strictEqual(q.file, bare);
    assert.strictEqual(q.range?.line, lineOf(bare, '"logdet"'));
  });

  test('UTF-16 spec, CSV and GAL (with and without a byte order mark) fit as their UTF-8 originals', async () => {
    const base = await fitOk(specWithCsv(columbusCsv));
    const spec = specWithCsv(columbusCsv);
    const dir = path.dirname(spec);
    const utf16 = (t: string, bom: boolean) => Buffer.concat([Buffer.from(bom ? [0xff, 0xfe] : []), Buffer.from(t, 'utf16le')]);
    fs.writeFileSync(path.join(dir, 'data.csv'), utf16(columbusCsv, true));
    fs.writeFileSync(path.join(dir, 'weights.gal'), Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(fs.readFileSync(path.join(COLUMBUS_DIR, 'weights.gal'), 'utf8'), 'utf16le').swap16()]));
    fs.writeFileSync(spec, utf16(fs.readFileSync(spec, 'utf8'), false));
    const fit = await fitOk(spec);
    assert.strictEqual(fit.rho!.estimate, base.rho!.estimate);
    assert.strictEqual(fit.logLik, base.logLik);
  });

  test('a missing or broken map geometry is a warning at the spec\'s "geometry", with the fit', async () => {
    const spec = specWithCsv(columbusCsv, { geometry: { path: 'map.geojson', idProperty: 'id', idColumn: 'id' } });
    const missing = await runSpecFile(spec, { draws: 0 });
    assert.ok(missing.result);
    const [w] = missing.problems.filter((p) => p.code === 'geometry-unusable');
    assert.strictEqual(w.severity, 'warning');
    assert.strictEqual(w.file, spec);
    assert.strictEqual(w.range?.line, lineOf(spec, 'map.geojson'));
    assert.match(w.message, /^the map's geometry cannot be used: cannot read ".*map\.geojson": no such file; the fit does not need it, the map does$/);
    fs.writeFileSync(path.join(path.dirname(spec), 'map.geojson'), '{"type": "FeatureCollection",\n "features": [}');
    const broken = await runSpecFile(spec, { draws: 0 });
    assert.ok(broken.result);
    assert.match(broken.problems.find((p) => p.code === 'geometry-unusable')!.message, /map\.geojson:2:15: invalid JSON: expected a value/);
    // As the user types: a warning too, not an error.
    const typed = await validateSpecText(fs.readFileSync(spec, 'utf8').replace('map.geojson', 'nope.geojson'), spec);
    assert.deepStrictEqual(typed.map((p) => [p.severity, p.code]), [['warning', 'geometry-unusable']]);
  });

  test('500,000 duplicate column names give 20 problems and one "… and N more"', async () => {
    const header = columbusCsv.split('\n')[0];
    const problems = await problemsOf(specWithCsv(`${header},${new Array<string>(500_000).fill('CRIME').join(',')}\n`));
    assert.strictEqual(problems.length, 21);
    assert.match(problems[20].message, /^… and 499980 more duplicate column names$/);
  });

  test('a GAL whose header names the id column is matched by it: rows in another order give the same fit, and the choice is said', async () => {
    const base = await fitOk(specWithCsv(columbusCsv));
    const lines = columbusCsv.trimEnd().split('\n');
    const shuffled = [lines[0], ...lines.slice(1).reverse()].join('\n') + '\n';
    const spec = specWithCsv(shuffled, { weights: { type: 'gal', path: 'weights.gal' } });
    const out = await runSpecFile(spec, { draws: 0 });
    assert.ok(out.result);
    assertClose(out.result.rho!.estimate, base.rho!.estimate, 1e-6, 'rho');
    assertClose(out.result.logLik, base.logLik, 1e-10, 'logLik');
    assert.deepStrictEqual(out.result.ids, lines.slice(1).reverse().map((l) => l.split(',')[0]));
    assert.ok(out.problems.some((p) => p.code === 'weights-id-variable' && p.severity === 'info' && p.file === spec));
  });
});

suite('command line: sar-studio fit', () => {
  function io() {
    const out = { stdout: '', stderr: '' };
    return { out, io: { stdout: (t: string) => (out.stdout += t), stderr: (t: string) => (out.stderr += t), stderrIsTTY: false } };
  }

  test('prints spatialreg\'s summary for the bundled Columbus example, with every statistic of the paper\'s tables', async () => {
    const { out, io: cio } = io();
    const code = await main(['fit', path.resolve(__dirname, '../../../examples/columbus/columbus.sar.json'), '--draws', '200'], cio);
    assert.strictEqual(code, 0, out.stderr);
    for (const label of ['Residuals:', 'Min', '1Q', 'Median', '3Q', 'Max', 'Estimate', 'Std. Error', 'z value', 'Pr(>|z|)',
      'Rho: 0.40389', 'LR test value: 8.4179', 'p-value: 0.0037154', 'standard error: 0.12071', 'z-value: 3.3459', 'Wald statistic: 11.195',
      'Log likelihood: -183.1683', 'sigma squared): 99.164', '(sigma: 9.9581)', 'Number of observations: 49', 'Number of parameters estimated: 5',
      'AIC: 376.34', '(AIC for lm: 382.75)', 'Direct', 'Indirect', 'Total']) {
      assert.ok(out.stdout.includes(label), `report lacks "${label}"`);
    }
  });

  test('--json carries the documented keys and the reference numbers', async () => {
    const { out, io: cio } = io();
    const code = await main(['fit', columbusSpec(), '--json', '--draws', '100', '--se', 'hessian'], cio);
    assert.strictEqual(code, 0, out.stderr);
    const j = JSON.parse(out.stdout);
    for (const key of ['model', 'n', 'parameters', 'logdet', 'se', 'coefficients', 'rho', 'lrTest', 'wald', 'logLik', 'sigma2', 'aic', 'aicOls', 'residuals', 'fitted', 'lmResidualAutocorrelation', 'impacts', 'timings']) {
      assert.ok(key in j, `missing key ${key}`);
    }
    assert.strictEqual(j.se, 'hessian');
    assert.strictEqual(j.coefficients[0].name, '(Intercept)');
    assert.deepStrictEqual(Object.keys(j.coefficients[0]).slice(0, 5), ['name', 'estimate', 'stdError', 'z', 'p']);
    assertClose(j.rho.estimate, reference.sar_eigen.rho.estimate, 1e-6, 'rho');
    assert.strictEqual(j.residuals.quantiles.length, 5);
    assert.strictEqual(j.residuals.values.length, 49);
    assert.ok(j.impacts[0].simulated);
    for (const t of ['readMs', 'weightsMs', 'fitMs']) assert.strictEqual(typeof j.timings[t], 'number');
  });

  test('problems exit with 2 and print FILE:LINE:COL: error: MESSAGE', async () => {
    const { out, io: cio } = io();
    const spec = columbusSpec({ dependent: 'CRIM' });
    const code = await main(['fit', spec], cio);
    assert.strictEqual(code, 2);
    assert.match(out.stderr, new RegExp(`^${spec.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+:\\d+: error: unknown column "CRIM"`, 'm'));
    assert.strictEqual(out.stdout, '');
  });
});

suite('engine: validation as the user types (no fit)', () => {
  test('a clean spec has no problems', async () => {
    const spec = columbusSpec();
    assert.deepStrictEqual(await validateSpecText(fs.readFileSync(spec, 'utf8'), spec), []);
  });

  test('unknown columns, bad cells and missing weights files are found without fitting', async () => {
    const spec = specWithCsv(editColumn(columbusCsv, 'HOVAL', (v, r) => (r === 2 ? 'abc' : v)));
    const text = fs.readFileSync(spec, 'utf8');
    const cells = await validateSpecText(text, spec);
    assert.strictEqual(cells.length, 1);
    assert.strictEqual(cells[0].range?.line, 4);
    const typo = await validateSpecText(text.replace('"HOVAL"', '"HOVA"'), spec);
    assert.strictEqual(typo[0].suggestion, 'HOVAL');
    const missingGal = await validateSpecText(text.replace('weights.gal', 'nope.gal'), spec, { tableCache: new Map() });
    assert.strictEqual(missingGal.length, 2, 'the bad cell and the missing file, both');
    const gal = missingGal.find((p) => /nope\.gal.*no such file/.test(p.message));
    assert.strictEqual(gal?.file, spec);
    assert.strictEqual(gal?.range?.line, text.split('\n').findIndex((l) => l.includes('weights.gal')) + 1);
  });

  test('a data file over cellCheckLimitBytes is checked by its header only, and says so', async () => {
    const spec = specWithCsv(editColumn(columbusCsv, 'HOVAL', (v, r) => (r === 2 ? 'abc' : v)));
    const text = fs.readFileSync(spec, 'utf8');
    const small = { cellCheckLimitBytes: 100 }; // the Columbus CSV has ~10 kB
    const problems = await validateSpecText(text, spec, small);
    assert.deepStrictEqual(problems.map((p) => [p.severity, p.code]), [['info', 'large-data']], 'no cell problem, one note');
    assert.strictEqual(problems[0].range?.line, text.split('\n').findIndex((l) => l.includes('"data"')) + 1);
    const typo = await validateSpecText(text.replace('"HOVAL"', '"HOVA"'), spec, small);
    assert.ok(typo.some((p) => p.severity === 'error' && p.suggestion === 'HOVAL'), 'column names are still checked');
    assert.strictEqual((await validateSpecText(text, spec, { cellCheckLimitBytes: 1e9 })).length, 1, 'below the limit: the bad cell');
  });

  test('a large data file whose header is longer than one read (20,000 columns) is checked by its whole header', async () => {
    const names = Array.from({ length: 20_000 }, (_, k) => `column_${k}`);
    const spec = specWithCsv([['id', ...names, 'CRIME', 'INC', 'HOVAL'].join(','), ['1', ...names.map(() => '0'), '1', '2', '3'].join(',')].join('\n') + '\n');
    const text = fs.readFileSync(spec, 'utf8');
    const small = { cellCheckLimitBytes: 1000 };
    assert.deepStrictEqual((await validateSpecText(text, spec, small)).map((p) => p.code), ['large-data'], 'the columns at the end are found');
    const typo = await validateSpecText(text.replace('"HOVAL"', '"HOVA"'), spec, small);
    assert.deepStrictEqual(typo.map((p) => [p.code, p.suggestion]), [['unknown-column', 'HOVAL']]);
    // No line end within 16 MB: the columns wait for the fit, and the note says so.
    fs.writeFileSync(path.join(path.dirname(spec), 'data.csv'), 'x,'.repeat(9 * 2 ** 20));
    const [note, ...rest] = await validateSpecText(text, spec, small);
    assert.deepStrictEqual(rest, []);
    assert.strictEqual(note.code, 'large-data');
    assert.match(note.message, /its first line is longer than 16 MB: its columns and cells are checked when the model is fitted/);
  });

  test('unsaved editor text of the CSV wins over the file on disk', async () => {
    const spec = specWithCsv(columbusCsv);
    const csvPath = path.join(path.dirname(spec), 'data.csv');
    const overrides = new Map([[csvPath, editColumn(columbusCsv, 'INC', (v, r) => (r === 0 ? '' : v))]]);
    const problems = await validateSpecText(fs.readFileSync(spec, 'utf8'), spec, { overrides });
    assert.strictEqual(problems.length, 1);
    assert.match(problems[0].message, /INC/);
  });
});
