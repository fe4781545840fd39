import * as assert from 'assert';
import * as path from 'path';
import type { FitResult } from '../../src/core/result';
import { runSpecFile } from '../../src/core/run';
import { formatCoefTable, formatReal } from '../../src/core/report/format';
import {
  coefficientCells,
  coefficientTable,
  impactsTable,
  lmTestsTable,
  moranTable,
  residualTable,
  resultTables,
  statisticsTable,
} from '../../src/core/export/tables';
import { tableMarkdown, toMarkdown } from '../../src/core/export/markdown';
import { observationsCsv, tableTsv } from '../../src/core/export/csv';
import { coefficientReading, impactsReading } from '../../src/core/report/explain';
import { coefficientHover, mapQuantityNote } from '../../webview/results/explain';
import { histogramBins, mapAspect, mapQuantities, moranSlope, polygonFeatures, prettyBreaks, ringArea } from '../../webview/results/charts';
import { safeFileName } from '../../webview/results/files';
import { validateResultsToHost } from '../../src/protocol';
import { paperLag } from './report-fixtures';

const ROOT = path.resolve(__dirname, '../../..');
const COLUMBUS_SPEC = path.join(ROOT, 'examples/columbus/columbus.sar.json');

const cell = (t: { rows: { heads: string[]; cells: string[] }[] }, head: string, j = 0) => t.rows.find((r) => r.heads[r.heads.length - 1] === head || r.heads[0] === head)?.cells[j];

suite('results view: the paper\'s tables in R layout', () => {
  test('Table 1 prints the paper\'s coefficients digit for digit', () => {
    const t = coefficientTable(paperLag());
    assert.deepStrictEqual(t.columns.slice(0, 4), ['Estimate', 'Std. Error', 'z value', 'Pr(>|z|)']);
    assert.ok(t.title.includes('numerical Hessian'));
    assert.deepStrictEqual(t.rows.map((r) => r.cells.slice(0, 4)), [
      ['343733.063', '112418.825', '3.0576', '0.002231'],
      ['-248.925', '132.294', '-1.8816', '0.059891'],
      ['-194.468', '166.489', '-1.1681', '0.242784'],
      ['229.249', '70.073', '3.2716', '0.001070'],
    ]);
    assert.deepStrictEqual(t.rows.map((r) => r.cells[4]), ['**', '.', '', '**']);
  });

  test('Table 2 prints the paper\'s residual quantiles', () => {
    const t = residualTable(paperLag());
    assert.deepStrictEqual(t.columns, ['Min', '1Q', 'Median', '3Q', 'Max']);
    assert.deepStrictEqual(t.rows[0].cells, ['-308936', '-223618', '-145115', '85948', '1058702']);
  });

  test('Table 3 has every statistic of the paper, formatted as spatialreg prints it', () => {
    const t = statisticsTable(paperLag());
    const expect: [string, string][] = [
      ['Rho', '-0.19328'],
      ['LR test value', '0.99272'],
      ['p-value (LR)', '0.31908'],
      ['Std. error of rho (numerical Hessian)', '0.19333'],
      ['z-value (numerical Hessian)', '-0.99973'],
      ['Wald statistic', '0.99946'],
      ['Log likelihood', '-566.333'],
      ['Residual variance (sigma squared)', '1.1522e+11'],
      ['Sigma', '339450'],
      ['Number of observations', '40'],
      ['Number of parameters estimated', '6'],
      ['AIC (SAR)', '1144.7'],
      ['AIC (LM, i.e. OLS)', '1143.7'],
    ];
    for (const [label, value] of expect) assert.strictEqual(cell(t, label), value, label);
    // In the paper's order.
    const order = expect.map(([l]) => t.rows.findIndex((r) => r.heads[0] === l));
    assert.deepStrictEqual([...order].sort((a, b) => a - b), order);
  });

  test('never a fixed number of decimals: 0.004189 stays 0.004189', () => {
    const r = paperLag();
    r.coefficients = [{ name: 'x', estimate: 0.004189, stdError: 0.0012, z: 3.49, p: 0.00048 }];
    const t = coefficientTable(r);
    assert.strictEqual(t.rows[0].cells[0], '0.004189');
  });

  test('OLS as print.summary.lm: 4 digits, quantiles after zapsmall, the F-statistic', () => {
    const r: FitResult = { ...paperLag(), model: 'ols', rSquared: 0.5524, adjRSquared: 0.5329, dfResidual: 36, rho: undefined, lrTest: undefined, wald: undefined };
    r.residuals = { quantiles: [-34.418, -6.388, 1e-9, 9.052, 28.649], values: [] };
    assert.deepStrictEqual(residualTable(r).rows[0].cells, ['-34.418', '-6.388', '0.000', '9.052', '28.649']);
    assert.match(residualTable({ ...r, model: 'lag' }).rows[0].cells[2], /e-09$/, 'spatialreg prints them without zapsmall');
    assert.deepStrictEqual(coefficientTable(r).rows.map((x) => x.cells[0]), coefficientCells(r, 4).map((c) => c.estimate));
    assert.notDeepStrictEqual(coefficientCells(r, 4), coefficientCells(r, 5));
    const t = statisticsTable(r);
    assert.strictEqual(cell(t, 'F-statistic on 3 and 36 DF'), '14.81');
    assert.ok(cell(t, 'p-value (F)'));
    assert.strictEqual(coefficientTable(r).title, 'Table 1 — Coefficients (OLS)');
  });
});

suite('how to read a coefficient: one text for the panel, the spec hovers and the Markdown', () => {
  const r = { model: 'lag' as const, dependent: 'CRIME' };
  test('lag and Durbin: β is not the marginal effect, the impacts are', () => {
    assert.match(coefficientReading(r, 'INC'), /^In a spatial lag model β is not the marginal effect of INC: a change in INC .* \(LeSage & Pace 2009\)/);
    assert.match(coefficientReading({ ...r, model: 'durbin' }, 'INC'), /β is not the marginal effect of INC, nor is θ of lag\.INC/);
    assert.match(coefficientReading({ ...r, model: 'durbin' }, 'lag.INC'), /^θ \(lag\.INC\), the effect of the neighbours’ average of INC, is part of INC’s impacts/);
    assert.strictEqual(coefficientReading(r, '(Intercept)'), 'The intercept is not the effect of a variable: it has no impacts.');
  });
  test('error model and OLS: β is the marginal effect', () => {
    assert.match(coefficientReading({ ...r, model: 'error' }, 'INC'), /β is the marginal effect of INC on CRIME/);
    assert.match(coefficientReading({ ...r, model: 'ols' }, 'INC'), /β is the marginal effect of INC on CRIME if the residuals show no spatial dependence/);
    assert.strictEqual(coefficientReading({ ...r, model: 'ols' }, '(Intercept)'), 'The intercept is not the effect of a variable.');
  });
});

suite('results view: Columbus', () => {
  let r: FitResult;
  suiteSetup(async function () {
    this.timeout(30000);
    const out = await runSpecFile(COLUMBUS_SPEC);
    assert.ok(out.result, JSON.stringify(out.problems));
    r = out.result;
  });

  test('coefficient cells are exactly formatCoefTable\'s (the CLI report and R)', () => {
    for (const digits of [4, 5, 7]) {
      const rows = r.coefficients.map((c) => ({ name: c.name, estimate: c.estimate, stdError: c.stdError, statistic: c.z, p: c.p }));
      const text = formatCoefTable(rows, { digits }).split('\n').slice(1);
      const cells = coefficientCells(r, digits);
      rows.forEach((row, i) => {
        const tokens = text[i].slice(Math.max(...rows.map((x) => x.name.length))).trim().split(/\s+/);
        assert.deepStrictEqual(tokens, [cells[i].estimate, cells[i].stdError, cells[i].statistic, cells[i].p], `digits ${digits}, ${row.name}`);
      });
    }
    const t = coefficientTable(r);
    // R prints 46.851431: its ρ̂ is 2.8e-8 short of the maximum, which moves the intercept by 1e-8.
    assert.deepStrictEqual(t.rows.map((x) => x.cells.slice(0, 4)), [
      ['46.851430', '7.314754', '6.4051', '1.503e-10'],
      ['-1.073533', '0.310872', '-3.4533', '0.0005538'],
      ['-0.269997', '0.090128', '-2.9957', '0.0027381'],
    ]);
  });

  test('Table 2 and Table 3 match R\'s summary of the lag model', () => {
    // R: -37.4497093, 0.0016387, 24.7107978 (its ρ̂ 2.8e-8 short of the maximum moves the last digit).
    assert.deepStrictEqual(residualTable(r).rows[0].cells, ['-37.4497094', '-5.4565567', '0.0016388', '6.7159553', '24.7107977']);
    const t = statisticsTable(r);
    assert.strictEqual(cell(t, 'Rho'), '0.40389');
    assert.strictEqual(cell(t, 'LR test value'), '8.4179');
    assert.strictEqual(cell(t, 'p-value (LR)'), '0.0037154');
    assert.strictEqual(cell(t, 'Std. error of rho (asymptotic)'), '0.12071');
    assert.strictEqual(cell(t, 'Log likelihood'), '-183.1683');
    assert.strictEqual(cell(t, 'Residual variance (sigma squared)'), '99.164');
    assert.strictEqual(cell(t, 'AIC (LM, i.e. OLS)'), '382.75');
  });

  test('impacts: R\'s columns, simulated SE / z / p, explained against β', () => {
    const t = impactsTable(r);
    assert.ok(t);
    assert.deepStrictEqual(t.corner, ['Variable', 'Effect']);
    assert.deepStrictEqual(t.rows.map((x) => x.heads), [['INC', 'Direct'], ['INC', 'Indirect'], ['INC', 'Total'], ['HOVAL', 'Direct'], ['HOVAL', 'Indirect'], ['HOVAL', 'Total']]);
    assert.deepStrictEqual(t.rows.map((x) => x.cells[0]), ['-1.1225156', '-0.6783818', '-1.8008973', '-0.2823163', '-0.1706152', '-0.4529315']);
    const text = impactsReading(r).join(' ');
    assert.ok(/Direct/.test(text) && /Indirect/.test(text) && /Total = direct \+ indirect/.test(text));
    assert.ok(text.includes('β = -1.0735') && text.includes('total -1.8009'), text);
    assert.ok(coefficientReading(r).includes('β is not the marginal effect of x'));
  });

  test('coefficient hover: estimate, SE, z, p, impacts and how to read them', () => {
    const card = coefficientHover(r, 'INC');
    assert.ok(card);
    const text = card.lines.join('\n');
    assert.ok(text.includes('Estimate -1.073533, std. error 0.310872, z = -3.4533, p = 0.0005538 ***'), text);
    assert.ok(text.includes('direct -1.1225156, indirect -0.6783818, total -1.8008973'), text);
    assert.ok(text.includes('β is not the marginal effect'), text);
    assert.ok(coefficientHover(r, '(Intercept)')!.lines.join(' ').includes('no impacts'));
    assert.strictEqual(coefficientHover(r, 'nope'), undefined);
    const sem = { ...r, model: 'error' as const, impacts: undefined };
    assert.ok(coefficientHover(sem, 'INC')!.lines.join(' ').includes('β is the marginal effect'));
  });

  test('Moran and LM tables as spdep prints them', () => {
    const m = moranTable(r)!;
    assert.deepStrictEqual(m.columns, ["Moran's I", 'Expectation', 'Variance', 'Standard deviate', 'p-value']);
    assert.deepStrictEqual(m.rows.map((x) => x.cells), [['0.212374153', '-0.033268284', '0.008394853', '2.681', '0.00367']]);
    const l = lmTestsTable(r)!;
    assert.deepStrictEqual(l.rows.map((x) => x.cells), [
      ['4.611126', '1', '0.031765', '*'],
      ['7.855675', '1', '0.005066', '**'],
      ['0.033514', '1', '0.854744', ''],
      ['3.278064', '1', '0.070212', '.'],
      ['7.889190', '2', '0.019359', '*'],
    ]);
  });

  test('copy formats: TSV rows and escaped Markdown', () => {
    const t = coefficientTable(r);
    const tsv = tableTsv(t).trimEnd().split('\n');
    assert.strictEqual(tsv.length, 1 + r.coefficients.length);
    assert.deepStrictEqual(tsv[0].split('\t'), ['Term', 'Estimate', 'Std. Error', 'z value', 'Pr(>|z|)', 'Significance']);
    assert.deepStrictEqual(tsv[2].split('\t'), ['INC', '-1.073533', '0.310872', '-3.4533', '0.0005538', '***']);
    const md = tableMarkdown(t);
    assert.ok(md.startsWith('## Table 1 — Coefficients (asymptotic standard errors)\n\n'), md);
    assert.ok(md.includes('Pr(\\>\\|z\\|)'), md);
    assert.ok(md.includes('| INC | -1.073533 | 0.310872 | -3.4533 | 0.0005538 | \\*\\*\\* |'), md);
    assert.ok(md.includes('| :--- | ---: | ---: | ---: | ---: | :--- |'), md);
    for (const table of resultTables(r)) {
      const lines = tableMarkdown(table).split('\n').filter((x) => x.startsWith('|'));
      const widths = new Set(lines.map((x) => x.split(/(?<!\\)\|/).length));
      assert.strictEqual(widths.size, 1, `${table.id}: every Markdown row has the same number of cells`);
    }
  });

  test('the Markdown report (the panel\'s and "Export results") has every table as the panel shows it, the reading guide and the formula', () => {
    const md = toMarkdown(r, { title: 'Columbus' });
    for (const t of resultTables(r)) {
      const level = t.id === 'moran' || t.id === 'lmtests' ? 3 : 2;
      assert.ok(md.includes(tableMarkdown(t, level)), t.title);
    }
    assert.ok(md.startsWith('# Columbus\n\nSpatial lag model (SAR), maximum likelihood: `CRIME ~ INC + HOVAL`'), md.slice(0, 200));
    assert.ok(md.includes(coefficientReading(r)));
    assert.ok(md.includes('Total = direct + indirect'));
  });

  test('per-observation CSV: full precision, one line per observation, W·e when the panel has it', () => {
    const csv = observationsCsv(r, r.residuals.values.map((e) => e / 2)).trimEnd().split('\n');
    assert.strictEqual(csv.length, r.n + 1);
    assert.ok(csv[0].startsWith('id,observed,fitted,residual,W_residual,local_direct_INC'));
    assert.strictEqual(Number(csv[1].split(',')[3]), r.residuals.values[0]);
  });

  test('map quantities: spillovers first, averages equal the impacts', () => {
    const q = mapQuantities(r);
    assert.strictEqual(q[0].key, 'indirect:INC');
    assert.ok(q.every((x) => x.values.length === r.n));
    const mean = (v: readonly number[]) => v.reduce((s, x) => s + x, 0) / v.length;
    const inc = r.impacts!.find((x) => x.name === 'INC')!;
    assert.ok(Math.abs(mean(q.find((x) => x.key === 'indirect:INC')!.values) - inc.indirect) < 1e-6);
    assert.ok(Math.abs(mean(q.find((x) => x.key === 'total:INC')!.values) - inc.total) < 1e-6);
    assert.ok(mapQuantityNote(r, 'indirect:INC').includes('-0.67838'));
  });
});

suite('results view: chart helpers', () => {
  test('histogram breaks as R\'s pretty(); counts add up', () => {
    assert.deepStrictEqual(prettyBreaks(-37.4, 24.7, 7), [-40, -30, -20, -10, 0, 10, 20, 30]);
    assert.deepStrictEqual(prettyBreaks(-204958, 1229386, 7), [-400000, -200000, 0, 200000, 400000, 600000, 800000, 1000000, 1200000, 1400000]);
    assert.deepStrictEqual(prettyBreaks(0.1, 0.95, 5), [0, 0.2, 0.4, 0.6, 0.8, 1]);
    const values = [-3, -1, 0, 0, 1, 2, 2.5, 10];
    const bins = histogramBins(values);
    assert.strictEqual(bins.reduce((s, b) => s + b.count, 0), values.length);
    assert.strictEqual(bins[0].range.startsWith('['), true);
    assert.deepStrictEqual(histogramBins([]), []);
    assert.strictEqual(histogramBins([5, 5, 5]).reduce((s, b) => s + b.count, 0), 3);
  });

  test('Moran slope of a perfectly clustered pattern is 1', () => {
    const e = [-2, -1, 1, 2];
    assert.ok(Math.abs(moranSlope(e, e).slope - 1) < 1e-12);
  });

  test('lon/lat polygons are rewound for d3-geo (exterior clockwise), planar ones are not', () => {
    const ccw = [0, 0, 1, 0, 1, 1, 0, 1];
    assert.ok(ringArea(ccw) > 0);
    const base = { shapes: [[[ccw]]], ids: ['a'] };
    const sphere = polygonFeatures({ kind: 'polygons', coordinates: 'lonlat', ...base }, () => ({}));
    const flat = polygonFeatures({ kind: 'polygons', coordinates: 'planar', ...base }, () => ({}));
    const ring = (f: typeof sphere) => f[0].geometry.coordinates[0][0].flat();
    assert.ok(ringArea(ring(sphere)) < 0, 'clockwise on the sphere');
    assert.ok(ringArea(ring(flat)) > 0, 'as written when planar');
    assert.strictEqual(sphere[0].geometry.coordinates[0][0].length, 5, 'ring closed');
    assert.ok(Math.abs(mapAspect({ kind: 'points', coordinates: 'planar', x: [0, 2], y: [0, 1], ids: ['a', 'b'] }) - 0.5) < 1e-12);
  });

  test('suggested export names pass the protocol validator', () => {
    for (const stem of ['columbus', '../../etc/passwd', '.hidden', 'Almaty – Kazakhstan (2021)', '', 'a'.repeat(300)]) {
      const name = safeFileName(`${stem}-map`, '.png');
      assert.strictEqual(validateResultsToHost({ type: 'export', format: 'png', suggestedName: name, data: 'data:image/png;base64,AAAA' }), undefined, name);
    }
  });

  test('formatReal used by the tables pads nothing after trimming', () => {
    assert.deepStrictEqual(formatReal([1, 10]).map((s) => s.trim()), ['1', '10']);
  });
});
