/**
 * Exports of a fit (src/core/export): Markdown with the paper's three tables, tidy CSV, a booktabs
 * LaTeX table, and the R script that refits the spec with spdep / spatialreg. The Columbus fit's
 * numbers are checked against R spatialreg's reference.json at 5 significant digits or more.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { runSpecFile } from '../../src/core/run';
import { parseSpec } from '../../src/core/spec/parse';
import type { FitResult } from '../../src/core/result';
import type { Spec } from '../../src/core/spec/types';
import {
  coefficientsCsv,
  csvText,
  escapeLatex,
  escapeMarkdown,
  latexNumber,
  observationsCsv,
  rName,
  toCsv,
  toLatex,
  toMarkdown,
  toRScript,
} from '../../src/core/export';
import { reference } from '../helpers/columbus';
import { paperLag } from './report-fixtures';

const ROOT = path.resolve(__dirname, '../../..');
const COLUMBUS_SPEC = path.join(ROOT, 'examples/columbus/columbus.sar.json');
const KAZ_SPEC = path.join(ROOT, 'examples/kazakhstan-smart-cities/kazakhstan.sar.json');

async function fit(specPath: string): Promise<FitResult> {
  const out = await runSpecFile(specPath);
  assert.deepStrictEqual(out.problems.filter((p) => p.severity === 'error'), []);
  assert.ok(out.result);
  return out.result;
}

function specOf(text: string, file = 'model.sar.json'): Spec {
  const parsed = parseSpec(text, file);
  assert.deepStrictEqual(parsed.problems, []);
  return parsed.spec!;
}

/** Numbers in a text: plain (1.5, -2e-10) and LaTeX (`1.5 \times 10^{-10}`), with their digits as written. */
function numbersIn(text: string): { value: number; sig: number; text: string }[] {
  const t = text.replace(/(\d(?:\.\d+)?) \\times 10\^\{(-?\d+)\}/g, '$1e$2');
  const out: { value: number; sig: number; text: string }[] = [];
  for (const m of t.matchAll(/-?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?/gi)) {
    const mant = m[0].replace(/^-/, '').replace(/e.*$/i, '').replace('.', '').replace(/^0+/, '');
    out.push({ value: Number(m[0]), sig: mant.length, text: m[0] });
  }
  return out;
}

/** The text shows `ref` with ≥ `sig` significant digits (agreeing to that precision). */
function assertShows(text: string, ref: number, what: string, sig = 5): void {
  const tol = 0.5 * Math.pow(10, 1 - sig) * 1.0001 + 2e-6;
  const hit = numbersIn(text).find((n) => n.sig >= sig && Math.abs(n.value - ref) <= tol * Math.abs(ref));
  assert.ok(hit, `${what}: ${ref} not shown with ${sig} significant digits`);
}

/** Parentheses, brackets and braces balance outside R strings and comments. */
function assertBalancedR(script: string): void {
  const stack: string[] = [];
  const pairs: Record<string, string> = { ')': '(', ']': '[', '}': '{' };
  for (const line of script.split('\n')) {
    let i = 0;
    while (i < line.length) {
      const c = line[i];
      if (c === '#') break;
      if (c === '"' || c === "'" || c === '`') {
        i++;
        while (i < line.length && line[i] !== c) i += line[i] === '\\' ? 2 : 1;
        assert.ok(i < line.length, `unterminated string in: ${line}`);
      } else if ('([{'.includes(c)) stack.push(c);
      else if (pairs[c]) assert.strictEqual(stack.pop(), pairs[c], `unbalanced ${c} in: ${line}`);
      i++;
    }
  }
  assert.deepStrictEqual(stack, [], 'unclosed brackets');
}

const R = reference.sar_eigen;
/** Reference numbers that the tables print with ≥ 5 significant digits. */
function columbusReferences(): [string, number][] {
  return [
    ['rho', R.rho.estimate],
    ['rho SE', R.rho.std_error],
    ['rho z', R.rho.z],
    ['LR', R.LR.statistic],
    ['Wald', R.Wald.statistic],
    ['log-likelihood', R.loglik],
    ['sigma2', R.sigma2],
    ['sigma', R.sigma],
    ['AIC', R.AIC],
    ['AIC lm', R.AIC_lm],
    ...R.coefficients.flatMap((c: { term: string; estimate: number; std_error: number; z: number }) => [
      [`${c.term} estimate`, c.estimate],
      [`${c.term} SE`, c.std_error],
      [`${c.term} z`, c.z],
    ] as [string, number][]),
  ];
}

suite('export: the test helpers', () => {
  test('assertShows needs the digits and the value', () => {
    assertShows('rho 0.40389, x', 0.403889687619813, 'rho');
    assertShows('$1.1522 \\times 10^{11}$', 1.15221e11, 'sigma2');
    assert.throws(() => assertShows('rho 0.4039', 0.403889687619813, 'rho'), /not shown/);
    assert.throws(() => assertShows('rho 0.40399', 0.403889687619813, 'rho'), /not shown/);
    assert.throws(() => assertBalancedR('f(x, "a)"'), /unclosed/);
  });
});

suite('export: Markdown', () => {
  let r: FitResult;
  let md: string;
  suiteSetup(async () => {
    r = await fit(COLUMBUS_SPEC);
    md = toMarkdown(r);
  });

  test('the Columbus fit: reference numbers at 5 significant digits', () => {
    for (const [what, v] of columbusReferences()) assertShows(md, v, what);
    assert.ok(md.includes('| INC | -1.073533 |'), 'INC row');
    assert.ok(md.includes('| Rho | 0.40389 |'), 'rho row');
    for (const k of ['LMerr', 'LMlag', 'RLMerr', 'RLMlag', 'SARMA'] as const) {
      assertShows(md, reference.ols.LMtests[k].statistic, k);
    }
    assertShows(md, reference.ols.moran.I, "Moran's I");
    const q = R.residual_quantiles;
    for (const v of [q.min, q.q1, q.q3, q.max]) assertShows(md, v, 'residual quantile');
  });

  test("the paper's three tables, in its layout and with its labels", () => {
    const p = toMarkdown(paperLag());
    const expected = [
      '## Table 1 — Coefficients (numerical Hessian approximate standard errors)',
      '| (Intercept) | 343733.063 | 112418.825 | 3.0576 | 0.002231 | \\*\\* |',
      '| Servers | -248.925 | 132.294 | -1.8816 | 0.059891 | . |',
      '| CloudCompanies | -194.468 | 166.489 | -1.1681 | 0.242784 |  |',
      '| EInvoiceCompanies | 229.249 | 70.073 | 3.2716 | 0.001070 | \\*\\* |',
      '## Table 2 — Residual quantiles',
      '| Min | 1Q | Median | 3Q | Max |',
      '| -308936 | -223618 | -145115 | 85948 | 1058702 |',
      '## Table 3 — Model statistics',
      '| Rho | -0.19328 |',
      '| LR test value | 0.99272 |',
      '| p-value (LR) | 0.31908 |',
      '| Std. error of rho (numerical Hessian) | 0.19333 |',
      '| z-value (numerical Hessian) | -0.99973 |',
      '| Wald statistic | 0.99946 |',
      '| Log likelihood | -566.333 |',
      '| Residual variance (sigma squared) | 1.1522e+11 |',
      '| Sigma | 339450 |',
      '| Number of observations | 40 |',
      '| Number of parameters estimated | 6 |',
      '| AIC (SAR) | 1144.7 |',
      '| AIC (LM, i.e. OLS) | 1143.7 |',
    ];
    let at = -1;
    for (const line of expected) {
      const i = p.indexOf(line);
      assert.ok(i >= 0, `missing: ${line}\n${p}`);
      assert.ok(i > at, `out of order: ${line}`);
      at = i;
    }
  });

  test('then impacts with simulated SE / z / p, the OLS pre-tests and the warnings', () => {
    const i1 = md.indexOf('## Table 3');
    const i2 = md.indexOf('## Impacts');
    const i3 = md.indexOf('## Spatial dependence in the OLS residuals');
    assert.ok(i1 > 0 && i2 > i1 && i3 > i2, 'section order');
    assert.ok(md.includes('| Variable | Effect | Estimate | Simulated SE | z | p |  |'));
    const inc = r.impacts!.find((x) => x.name === 'INC')!;
    assertShows(md, inc.direct, 'INC direct impact');
    assertShows(md, inc.simulated!.indirect.stdError, 'INC indirect simulated SE');
    const exact = reference.impacts.exact.impacts.find((v: { variable: string }) => v.variable === 'INC');
    assertShows(md, exact.total, 'INC total impact (R, exact)');
    const withWarning = toMarkdown({ ...r, warnings: [{ severity: 'warning', message: 'ρ at | the bound' }] });
    assert.ok(withWarning.includes('## Warnings\n\n- warning: ρ at \\| the bound'));
  });

  test('escapes Markdown in names, keeps word-internal underscores', () => {
    assert.strictEqual(escapeMarkdown('cloud_companies'), 'cloud_companies');
    assert.strictEqual(escapeMarkdown('_x_'), '\\_x\\_');
    assert.strictEqual(escapeMarkdown('a|b*c'), 'a\\|b\\*c');
    const odd = toMarkdown({ ...r, coefficients: r.coefficients.map((c, i) => (i === 1 ? { ...c, name: 'in|come' } : c)) });
    assert.ok(odd.includes('| in\\|come | -1.073533 |'));
  });

  test('OLS: t values and the OLS statistics', async () => {
    const ols = await fit(writeSpec({ model: 'ols' }));
    const text = toMarkdown(ols);
    assert.ok(text.includes('| Term | Estimate | Std. Error | t value | Pr(\\>\\|t\\|) |  |'));
    assert.ok(text.includes('| Multiple R-squared |'));
    // R: F-statistic: 28.39 on 2 and 46 DF,  p-value: 9.341e-09
    assert.ok(text.includes('| F-statistic on 2 and 46 DF | 28.39 |\n| p-value (F) | 9.341e-09 |'), text);
    assert.ok(toLatex(ols).includes('F-statistic on 2 and 46 DF & $28.39$ &  &  & ${9.341 \\times 10^{-9}}^{***}$ \\\\'));
    assert.ok(!text.includes('| Rho |'));
    for (const c of reference.ols.coefficients) assertShows(text, c.estimate, `OLS ${c.term}`, 4);
  });
});

/** A Columbus spec next to copies of its data (relative paths), with overrides. */
function writeSpec(overrides: Record<string, unknown>, dataText?: string): string {
  const dir = fs.mkdtempSync(path.join(require('os').tmpdir(), 'sar-export-'));
  const src = path.join(ROOT, 'examples/columbus');
  fs.writeFileSync(path.join(dir, 'data.csv'), dataText ?? fs.readFileSync(path.join(src, 'data.csv')));
  fs.copyFileSync(path.join(src, 'weights.gal'), path.join(dir, 'weights.gal'));
  fs.copyFileSync(path.join(src, 'geometry.geojson'), path.join(dir, 'geometry.geojson'));
  const spec = {
    data: 'data.csv',
    dependent: 'CRIME',
    independent: ['INC', 'HOVAL'],
    weights: { type: 'gal', path: 'weights.gal', idColumn: 'id' },
    model: 'lag',
    ...overrides,
  };
  const file = path.join(dir, 'columbus.sar.json');
  fs.writeFileSync(file, JSON.stringify(spec, null, 2));
  return file;
}

suite('export: CSV', () => {
  let r: FitResult;
  suiteSetup(async () => {
    r = await fit(COLUMBUS_SPEC);
  });

  function rows(text: string): string[][] {
    return text.trimEnd().split('\n').map((l) => l.split(','));
  }

  test('coefficientsCsv: one row per table cell, full precision', () => {
    const csv = coefficientsCsv(r);
    const t = rows(csv);
    assert.deepStrictEqual(t[0], ['table', 'row', 'column', 'value']);
    const get = (table: string, row: string, column: string) => {
      const hit = t.find((x) => x[0] === table && x[1] === row && x[2] === column);
      assert.ok(hit, `${table}/${row}/${column}`);
      return Number(hit[3]);
    };
    const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);
    R.coefficients.forEach((c: { term: string; estimate: number; std_error: number }) => {
      assert.ok(rel(get('coefficients', c.term, 'estimate'), c.estimate) < 1e-6, c.term);
      assert.ok(rel(get('coefficients', c.term, 'std_error'), c.std_error) < 1e-4, c.term);
    });
    assert.ok(rel(get('model_statistics', 'rho', 'value'), R.rho.estimate) < 1e-6);
    assert.ok(rel(get('model_statistics', 'log_likelihood', 'value'), R.loglik) < 1e-8);
    assert.ok(rel(get('model_statistics', 'sigma2', 'value'), R.sigma2) < 1e-6);
    assert.ok(rel(get('residual_quantiles', 'residuals', 'median'), R.residual_quantiles.median) < 1e-4);
    assert.ok(rel(get('lm_tests_ols_residuals', 'LMlag', 'statistic'), reference.ols.LMtests.LMlag.statistic) < 1e-8);
    assert.ok(rel(get('moran_ols_residuals', 'moran_i', 'statistic'), reference.ols.moran.I) < 1e-8);
    assert.ok(get('impacts', 'INC', 'direct_simulated_std_error') > 0);
    assertShows(csv, R.rho.estimate, 'rho');
    assertShows(csv, -1.0735, 'INC estimate');
  });

  test('observationsCsv: id, observed, fitted, residual, local effects', () => {
    const t = rows(observationsCsv(r));
    assert.deepStrictEqual(t[0].slice(0, 4), ['id', 'observed', 'fitted', 'residual']);
    assert.ok(t[0].includes('local_indirect_INC') && t[0].includes('local_total_HOVAL'));
    assert.strictEqual(t.length, 50);
    t.slice(1).forEach((row, i) => {
      assert.strictEqual(row[0], String(i + 1));
      assert.ok(Math.abs(Number(row[2]) - R.fitted_values[i]) < 1e-6 * Math.max(1, Math.abs(R.fitted_values[i])), `fitted ${i}`);
      assert.ok(Math.abs(Number(row[3]) - R.residuals[i]) < 1e-5, `residual ${i}`);
      assert.ok(Math.abs(Number(row[1]) - Number(row[2]) - Number(row[3])) < 1e-9 * Math.abs(Number(row[1])));
    });
    assert.deepStrictEqual(Object.keys(toCsv(r)), ['coefficients', 'observations']);
  });

  test('quoting and spreadsheet formula injection', () => {
    assert.strictEqual(csvText('plain'), 'plain');
    assert.strictEqual(csvText('a,b'), '"a,b"');
    assert.strictEqual(csvText('say "hi"'), '"say ""hi"""');
    assert.strictEqual(csvText('=SUM(A1:A9)'), "'=SUM(A1:A9)");
    assert.strictEqual(csvText('@cmd'), "'@cmd");
    assert.strictEqual(csvText('-5'), '-5');
    assert.strictEqual(csvText('-1.5e-3'), '-1.5e-3');
    assert.strictEqual(csvText('+.5'), '+.5');
    // A long run of digits that is not a number is told apart in one pass (no backtracking).
    const digits = '-' + '1'.repeat(1_000_000) + 'x';
    assert.strictEqual(csvText(digits), `'${digits}`);
    const odd = observationsCsv({ ...r, ids: r.ids.map((id, i) => (i === 0 ? '=1+1,"x"' : id)) });
    assert.ok(odd.split('\n')[1].startsWith(`"'=1+1,""x"""`));
    const missing = observationsCsv({ ...r, fitted: [], residuals: { ...r.residuals, values: [] }, localSpillover: undefined });
    assert.strictEqual(missing.split('\n')[1], `1,${r.observed[0]},NA,NA`);
  });
});

suite('export: LaTeX', () => {
  let r: FitResult;
  suiteSetup(async () => {
    r = await fit(COLUMBUS_SPEC);
  });

  test('a booktabs table with the reference numbers', () => {
    const tex = toLatex(r);
    for (const s of ['\\begin{table}', '\\begin{tabular}{lrrrr}', '\\toprule', '\\midrule', '\\bottomrule', '\\end{tabular}', '\\end{table}', 'booktabs']) {
      assert.ok(tex.includes(s), s);
    }
    for (const [what, v] of columbusReferences()) assertShows(tex, v, what, 5);
    assert.ok(tex.includes('INC & $-1.073533$ & $0.310872$ & $-3.4533$ & $0.0005538^{***}$ \\\\'));
    assert.ok(tex.includes('$\\rho$ & $0.40389$ & $0.12071$ & $3.3459$'));
    assert.ok(tex.includes('${1.503 \\times 10^{-10}}^{***}$'), 'powers of ten with stars');
    // Every tabular row has 5 cells.
    for (const line of tex.split('\n').filter((l) => l.trim().endsWith('\\\\') && !l.includes('multicolumn'))) {
      assert.strictEqual(line.split(/(?<!\\)&/).length, 5, line);
    }
  });

  test('escapes _, %, & and the other specials', () => {
    assert.strictEqual(escapeLatex('a_b 5% R&D #1 $x ~y^2 {z} \\'), 'a\\_b 5\\% R\\&D \\#1 \\$x \\textasciitilde{}y\\textasciicircum{}2 \\{z\\} \\textbackslash{}');
    const odd: FitResult = {
      ...r,
      dependent: 'crime_rate%',
      coefficients: r.coefficients.map((c, i) => (i === 1 ? { ...c, name: 'inc_share%' } : i === 2 ? { ...c, name: 'R&D' } : c)),
    };
    const tex = toLatex(odd);
    assert.ok(tex.includes('inc\\_share\\% & $-1.073533$'));
    assert.ok(tex.includes('R\\&D & $-0.269997$'));
    assert.ok(tex.includes('\\texttt{crime\\_rate\\%}'));
    // Outside the first (comment) line, no unescaped % or _ and only column separators as &.
    const body = tex.split('\n').slice(1);
    for (const line of body) {
      assert.ok(!/(?<!\\)[%_]/.test(line.replace(/\\label\{[^}]*\}/, '')), line);
      if (line.includes('\\\\') && !line.includes('multicolumn')) assert.strictEqual(line.split(/(?<!\\)&/).length, 5, line);
    }
    assert.strictEqual(latexNumber('1.1522e+11'), '$1.1522 \\times 10^{11}$');
    assert.strictEqual(latexNumber('< 2.2e-16', '***'), '$< {2.2 \\times 10^{-16}}^{***}$');
    assert.strictEqual(latexNumber('-0.19328'), '$-0.19328$');
    assert.strictEqual(latexNumber('NaN'), '\\textrm{NaN}');
  });
});

suite('export: R script', () => {
  let r: FitResult;
  let spec: Spec;
  suiteSetup(async () => {
    r = await fit(COLUMBUS_SPEC);
    spec = specOf(fs.readFileSync(COLUMBUS_SPEC, 'utf8'), COLUMBUS_SPEC);
  });

  test('Columbus: read.gal, nb2listw style W, lagsarlm with the formula, impacts and tests', () => {
    const s = toRScript(spec, COLUMBUS_SPEC, r, { delimiter: ',' });
    assert.ok(s.includes('library(spdep)') && s.includes('library(spatialreg)'));
    assert.ok(s.includes('dat <- read.csv(data_file, sep = ",", check.names = FALSE'));
    assert.ok(s.includes('data_file <- file.path(spec_dir, "data.csv")'));
    assert.ok(s.includes('nb <- read.gal(file.path(spec_dir, "weights.gal"), region.id = as.character(dat[["id"]]))'));
    assert.ok(/nb2listw\(nb, .*style = "W"/.test(s));
    assert.ok(s.includes('fit <- lagsarlm(CRIME ~ INC + HOVAL, data = dat, listw = lw, method = "eigen", zero.policy = FALSE)'));
    assert.ok(s.includes('print(summary(fit))'));
    assert.ok(s.includes('set.seed(1)') && s.includes('imp <- impacts(fit, listw = lw, R = 1000)'));
    assert.ok(s.includes('print(lm.morantest(ols, lw, zero.policy = FALSE))'));
    assert.ok(s.includes('lm.LMtests(ols, lw, test = "all"'));
    assert.ok(s.includes('lm.RStests'));
    // Our numbers, for comparison: a comment block and an R object.
    // 8 digits of ρ̂ at the maximum (0.403889699); R's optimize() stops at 0.403889688.
    assert.ok(/^##.*rho\s+0\.4038897\b/m.test(s), 'rho in the comment block');
    assert.ok(s.includes('"rho" = 0.4038896988')); // R: 0.4038896876
    assert.ok(s.includes('"INC" = -1.073533451')); // R: -1.073533465
    assertShows(s, R.loglik, 'log-likelihood', 7);
    assertBalancedR(s);
    // Without a result: no comparison; without a delimiter: the script detects it.
    const bare = toRScript(spec, COLUMBUS_SPEC);
    assert.ok(!bare.includes('sar_studio'));
    assert.ok(bare.includes('sep <- names(which.max(counts))'));
    assertBalancedR(bare);
  });

  test('the Kazakhstan example: great-circle kNN, LU with numerical-Hessian SEs', async () => {
    const kr = await fit(KAZ_SPEC);
    const ks = specOf(fs.readFileSync(KAZ_SPEC, 'utf8'), KAZ_SPEC);
    const s = toRScript(ks, KAZ_SPEC, kr, { delimiter: ',' });
    assert.ok(s.includes('coords <- cbind(dat[["lon"]], dat[["lat"]])'));
    assert.ok(s.includes('nb <- knn2nb(knearneigh(coords, k = 4, longlat = TRUE))'));
    assert.ok(s.includes('method = "LU", control = list(small_asy = FALSE)'));
    assert.ok(s.includes('lagsarlm(industrial_output ~ servers + cloud_companies + einvoice_companies'));
    assertBalancedR(s);
  });

  test('error, Durbin and OLS models; distance, contiguity and GWT weights; semicolons; odd names', () => {
    const base = JSON.parse(fs.readFileSync(COLUMBUS_SPEC, 'utf8'));
    const make = (over: Record<string, unknown>) => specOf(JSON.stringify({ ...base, ...over }));
    const err = toRScript(make({ model: 'error' }), 'm.sar.json');
    assert.ok(err.includes('fit <- errorsarlm(CRIME ~ INC + HOVAL'));
    assert.ok(!err.includes('impacts(fit'));
    const sdm = toRScript(make({ model: 'durbin', se: 'hessian' }), 'm.sar.json');
    assert.ok(/lagsarlm\(CRIME ~ INC \+ HOVAL, .*Durbin = TRUE/.test(sdm));
    assert.ok(sdm.includes('method = "Matrix", Durbin = TRUE, control = list(small_asy = FALSE)'));
    const ols = toRScript(make({ model: 'ols' }), 'm.sar.json');
    assert.ok(ols.includes('fit <- lm(CRIME ~ INC + HOVAL, data = dat)') && !ols.includes('sarlm('));
    const dist = toRScript(make({ weights: { type: 'distance', threshold: 2.5, coordinates: ['x', 'y'], inversePower: 2 } }), 'm.sar.json');
    assert.ok(dist.includes('nb <- dnearneigh(coords, 0, 2.5, longlat = FALSE)'));
    assert.ok(dist.includes('glist <- lapply(nbdists(nb, coords, longlat = FALSE), function(d) 1 / d^2)'));
    assert.ok(dist.includes('lw <- nb2listw(nb, glist = glist, style = "W", zero.policy = FALSE)'));
    const cont = toRScript(make({ weights: { type: 'contiguity', geometry: 'geometry.geojson', criterion: 'rook', idProperty: 'POLYID', idColumn: 'id', allowIslands: true, style: 'B' } }), 'm.sar.json');
    assert.ok(cont.includes('library(sf)') && cont.includes('shp <- st_read(file.path(spec_dir, "geometry.geojson"), quiet = TRUE)'));
    assert.ok(cont.includes('shp <- shp[match(dat[["id"]], shp[["POLYID"]]), ]'));
    assert.ok(cont.includes('nb <- poly2nb(shp, queen = FALSE)'));
    assert.ok(cont.includes('lw <- nb2listw(nb, style = "B", zero.policy = TRUE)'));
    const gwt = toRScript(make({ weights: { type: 'gwt', path: 'w.gwt', idColumn: 'id' } }), 'm.sar.json');
    assert.ok(gwt.includes('nb <- read.gwt2nb(file.path(spec_dir, "w.gwt"), region.id = dat[["id"]])'));
    assert.ok(gwt.includes('glist <- attr(nb, "GeoDa")$dist') && gwt.includes('nb2listw(nb, glist = glist, style = "W"'));
    const semi = toRScript(make({}), 'm.sar.json', undefined, { delimiter: ';' });
    assert.ok(semi.includes('sep = ";", colClasses = "character"'));
    assert.ok(semi.includes('for (v in c("CRIME", "INC", "HOVAL")) dat[[v]] <- as.numeric(chartr(",", ".", dat[[v]]))'));
    const odd = toRScript(make({ dependent: 'crime rate', independent: ['2nd income', 'if', 'ok.name'], intercept: false, data: 'C:\\data\\x "y".csv' }), 'm.sar.json');
    assert.ok(odd.includes('lagsarlm(`crime rate` ~ 0 + `2nd income` + `if` + ok.name,'));
    assert.ok(odd.includes('data_file <- "C:/data/x \\"y\\".csv"'));
    // Names with line breaks cannot end a comment and inject code.
    const evil = 'id\nsystem("echo pwned")';
    const inj = toRScript(make({ weights: { type: 'gal', path: 'weights.gal', idColumn: evil } }), 'm\n.sar.json', { ...r, coefficients: r.coefficients.map((c, i) => (i === 1 ? { ...c, name: `x\rsystem("x")` } : c)) });
    for (const line of inj.split('\n')) assert.ok(!/^\s*system\(/.test(line), line);
    for (const s of [err, sdm, ols, dist, cont, gwt, semi, odd, inj]) assertBalancedR(s);
    assert.strictEqual(rName('a`b'), '`a\\`b`');
    assert.strictEqual(rName('.x'), '.x');
    assert.strictEqual(rName('.2x'), '`.2x`');
  });
});
