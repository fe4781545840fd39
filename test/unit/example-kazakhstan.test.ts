/**
 * The Kazakhstan smart-cities example (examples/kazakhstan-smart-cities): the source paper's design
 * on 40 real cities with ILLUSTRATIVE economic values. The fit works and its report has the paper's
 * three tables; the data stay within the paper's ranges, are what the committed generator makes,
 * keep the Natural Earth names and coordinates, and are labelled as illustrative everywhere.
 */
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { parseCsv, numericColumn } from '../../src/core/io/csv';
import type { FitResult } from '../../src/core/result';
import { runSpecFile } from '../../src/core/run';
import { toMarkdown } from '../../src/core/export';
import { KAZAKHSTAN_CITIES_DIR } from '../helpers/fixtures';

const DIR = path.resolve(__dirname, '../../../examples/kazakhstan-smart-cities');
const SPEC = path.join(DIR, 'kazakhstan.sar.json');
const CSV = path.join(DIR, 'cities-illustrative.csv');

/** The paper's stated ranges: minimum at Baikonur, maximum at Almaty. */
const RANGES: Record<string, [number, number]> = {
  servers: [8, 14104],
  cloud_companies: [2, 7211],
  einvoice_companies: [15, 26113],
};

suite('example: Kazakhstan smart cities', () => {
  let r: FitResult;
  suiteSetup(async () => {
    const out = await runSpecFile(SPEC);
    assert.deepStrictEqual(out.problems.filter((p) => p.severity === 'error'), []);
    assert.ok(out.result);
    r = out.result;
  });

  test("the fit: a lag model of the paper's variables with numerical-Hessian SEs", () => {
    assert.strictEqual(r.model, 'lag');
    assert.strictEqual(r.se, 'hessian');
    assert.strictEqual(r.n, 40);
    assert.strictEqual(r.parameters, 6);
    assert.strictEqual(r.dependent, 'industrial_output');
    assert.deepStrictEqual(r.coefficients.map((c) => c.name), ['(Intercept)', 'servers', 'cloud_companies', 'einvoice_companies']);
    assert.ok(r.coefficients.every((c) => Number.isFinite(c.estimate) && c.stdError > 0));
    assert.ok(r.sigma2 >= 1e10 && r.sigma2 <= 1e12, `σ² = ${r.sigma2} is of the paper's order (1.1522e11)`);
    assert.ok(Math.abs(r.sigma - Math.sqrt(r.sigma2)) < 1e-6 * r.sigma);
    assert.ok(r.rho && Math.abs(r.rho.estimate) < 0.5 && r.rho.stdError > 0, 'a modest ρ');
    assert.ok(r.lrTest && r.wald && Number.isFinite(r.logLik) && Number.isFinite(r.aic) && Number.isFinite(r.aicOls));
    assert.ok(Math.abs(r.aic - (-2 * r.logLik + 2 * r.parameters)) < 1e-9 * Math.abs(r.aic));
    assert.strictEqual(r.weightsSummary.type, 'knn');
    assert.strictEqual(r.weightsSummary.components, 1);
    assert.strictEqual(r.weightsSummary.nLinks, 160);
    assert.strictEqual(r.impacts?.length, 3);
    assert.ok(r.moranOls && r.lmTestsOls);
  });

  test("the Markdown report has the paper's three tables under its labels", () => {
    const md = toMarkdown(r);
    const expected = [
      '## Table 1 — Coefficients (numerical Hessian approximate standard errors)',
      '| einvoice_companies |',
      '## Table 2 — Residual quantiles',
      '| Min | 1Q | Median | 3Q | Max |',
      '## Table 3 — Model statistics',
      '| Rho |',
      '| LR test value |',
      '| p-value (LR) |',
      '| Std. error of rho (numerical Hessian) |',
      '| z-value (numerical Hessian) |',
      '| Wald statistic |',
      '| Log likelihood |',
      '| Residual variance (sigma squared) |',
      '| Sigma |',
      '| Number of observations | 40 |',
      '| Number of parameters estimated | 6 |',
      '| AIC (SAR) |',
      '| AIC (LM, i.e. OLS) |',
      '## Impacts',
      '## Spatial dependence in the OLS residuals',
    ];
    let at = -1;
    for (const s of expected) {
      const i = md.indexOf(s, at + 1);
      assert.ok(i > at, `missing or out of order: ${s}`);
      at = i;
    }
    assert.ok(/\| Residual variance \(sigma squared\) \| \d\.\d{4}e\+1[01] \|/.test(md), 'σ² printed as R does (e.g. 5.8951e+10)');
  });

  test("the illustrative values stay within the paper's ranges, extremes at Baikonur and Almaty", () => {
    const t = parseCsv(fs.readFileSync(CSV, 'utf8'), CSV);
    assert.strictEqual(t.nrows, 40);
    const city = t.cells[t.columns.indexOf('city')];
    const at = (name: string) => city.indexOf(name);
    assert.ok(at('Baikonur') >= 0 && at('Almaty') >= 0);
    for (const [name, [lo, hi]] of Object.entries(RANGES)) {
      const v = Array.from(numericColumn(t, name));
      assert.ok(v.every((x) => Number.isInteger(x) && x >= lo && x <= hi), `${name} in ${lo}..${hi}`);
      assert.strictEqual(v[at('Baikonur')], lo, `${name} minimum at Baikonur`);
      assert.strictEqual(v[at('Almaty')], hi, `${name} maximum at Almaty`);
      assert.strictEqual(v.filter((x) => x === lo).length, 1, `${name}: Baikonur alone at the minimum`);
      assert.strictEqual(v.filter((x) => x === hi).length, 1, `${name}: Almaty alone at the maximum`);
    }
    const y = Array.from(numericColumn(t, 'industrial_output'));
    assert.ok(y.every((x) => x > 0), 'industrial output is positive');
    assert.ok(Math.max(...y) > 1e6 && Math.max(...y) < 1e8, 'values in the millions of tenge');
  });

  test('the CSV is what make-illustrative-data.mjs generates (seeded, deterministic)', () => {
    const run = spawnSync(process.execPath, [path.join(DIR, 'make-illustrative-data.mjs'), '--check'], { encoding: 'utf8' });
    assert.strictEqual(run.status, 0, run.stderr);
  });

  test('names and coordinates are the Natural Earth ones of the shared dataset', function () {
    const shared = path.join(KAZAKHSTAN_CITIES_DIR, 'cities.csv');
    const src = parseCsv(fs.readFileSync(shared, 'utf8'), shared);
    const t = parseCsv(fs.readFileSync(CSV, 'utf8'), CSV);
    const col = (tb: typeof t, c: string) => tb.cells[tb.columns.indexOf(c)];
    const bySourceId = new Map(col(src, 'source_id').map((id, i) => [id, i]));
    col(t, 'source_id').forEach((id, i) => {
      const j = bySourceId.get(id);
      assert.ok(j !== undefined, `source_id ${id}`);
      for (const c of ['city', 'alt_names', 'region', 'lon', 'lat']) assert.strictEqual(col(t, c)[i], col(src, c)[j], `${c} of ${col(t, 'city')[i]}`);
    });
    assert.strictEqual(new Set(col(t, 'city')).size, 40);
    const places = parseCsv(fs.readFileSync(path.join(DIR, 'natural-earth-cities.csv'), 'utf8'), 'natural-earth-cities.csv');
    assert.deepStrictEqual(col(places, 'city'), col(t, 'city'));
  });

  test('labelled as illustrative in the spec, the README and the generator', () => {
    const spec = JSON.parse(fs.readFileSync(SPEC, 'utf8'));
    assert.ok(/ILLUSTRATIVE/.test(spec.title) && /NOT official statistics/i.test(spec.title));
    assert.ok(/ILLUSTRATIVE/.test(spec.description) && /NOT official statistics/i.test(spec.description));
    assert.deepStrictEqual(spec.weights, { type: 'knn', k: 4, coordinates: ['lon', 'lat'], distance: 'greatCircle', style: 'W', idColumn: 'city' });
    assert.strictEqual(spec.geometry, undefined);
    const readme = fs.readFileSync(path.join(DIR, 'README.md'), 'utf8');
    assert.ok(/# ILLUSTRATIVE DATA — NOT OFFICIAL STATISTICS/.test(readme));
    for (const s of ['stat.gov.kz', 'alt_names', '2021', 'public domain', 'Natural Earth', 'Satpayev', 'Stepnogorsk', 'Baikonur']) assert.ok(readme.includes(s), s);
    assert.ok(/NOT official statistics/.test(fs.readFileSync(path.join(DIR, 'make-illustrative-data.mjs'), 'utf8')));
  });

  test('join-official-data.mjs joins official rows by any spelling in alt_names', async () => {
    // eslint-disable-next-line @typescript-eslint/no-implied-eval
    const mod = await (new Function('p', 'return import(p)') as (p: string) => Promise<{ joinOfficial: (a: string, b: string) => { text: string; unmatchedOfficial: string[]; missingCities: string[] } }>)(
      'file://' + path.join(DIR, 'join-official-data.mjs'),
    );
    const official = ['city,industrial_output,servers,cloud_companies,einvoice_companies', 'Nur-Sultan,1234.5,10,2,3', 'OSKEMEN,5000,1,1,1', 'Satpayev,1,1,1,1', 'Kapshagay,7,7,7,7'].join('\n');
    const out = mod.joinOfficial(fs.readFileSync(path.join(DIR, 'natural-earth-cities.csv'), 'utf8'), official);
    const t = parseCsv(out.text, 'joined.csv');
    assert.deepStrictEqual(t.cells[t.columns.indexOf('city')], ['Astana', 'Ust-Kamenogorsk', 'Konaev']);
    assert.deepStrictEqual(Array.from(numericColumn(t, 'industrial_output')), [1234.5, 5000, 7]);
    assert.deepStrictEqual(out.unmatchedOfficial, ['Satpayev']);
    assert.strictEqual(out.missingCities.length, 37);
  });
});
