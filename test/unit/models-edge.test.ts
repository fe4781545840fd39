/**
 * Fits at the edge of the parameter space: weights that link every pair of observations (a GAL
 * listing every pair, kNN with k = n − 1, a distance band wider than every distance). Then Wy is a
 * combination of y and the intercept, the likelihood grows without limit towards ρ's lower bound
 * 1/λ_min = −(n − 1), and the fit must say "at its bound" with undefined standard errors — never
 * an internal error. An exact fit (y = ρWy + Xβ with no noise) has no maximum at all: a problem.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { runSpecFile } from '../../src/core/run';
import { formatReport } from '../../src/core/report/text';
import { resultToJson } from '../../src/cli/json';
import { applyA } from '../../src/core/models/spatialTraces';
import { COLUMBUS_DIR, columbusSpec, writeTempSpec } from '../helpers/columbus';
import { columbusStyleW } from '../helpers/weights';

/** A GAL file in which each of the 49 Columbus regions neighbours every other one. */
function completeGal(): string {
  const n = 49;
  const lines = [`0 ${n} columbus id`];
  for (let i = 1; i <= n; i++) {
    const others = Array.from({ length: n }, (_, j) => j + 1).filter((j) => j !== i);
    lines.push(`${i} ${n - 1}`, others.join(' '));
  }
  const file = path.join(path.dirname(writeTempSpec({})), 'complete.gal');
  fs.writeFileSync(file, lines.join('\n') + '\n');
  return file;
}

suite('models: weights that link every pair (ρ at its bound)', function () {
  this.timeout(60_000);
  const weightsSpecs: [string, Record<string, unknown>][] = [
    ['a GAL listing every pair', { type: 'gal', path: completeGal(), idColumn: 'id' }],
    ['kNN with k = n − 1', { type: 'knn', k: 48, coordinates: ['x', 'y'] }],
    ['a distance band wider than every distance', { type: 'distance', threshold: 1e6, coordinates: ['x', 'y'] }],
  ];
  for (const [label, weights] of weightsSpecs) {
    test(`${label}: lag and error fits end at the bound with a warning and NA standard errors`, async () => {
      for (const model of ['lag', 'error'] as const) {
        for (const [se, logdet] of [['asymptotic', 'eigen'], ['hessian', 'eigen'], ['asymptotic', 'sparse'], ['asymptotic', 'mc']] as const) {
          const what = `${model}, ${se}, ${logdet}`;
          const out = await runSpecFile(columbusSpec({ weights, model, se, logdet }), { draws: 200 });
          assert.ok(out.result, `${what}: ${JSON.stringify(out.problems)}`);
          const r = out.result;
          const par = (model === 'lag' ? r.rho : r.lambda)!;
          const codes = r.warnings.map((w) => w.code);
          assert.ok(codes.includes('boundary') || codes.includes('covariance-undefined'), `${what}: ${codes}`);
          assert.ok(Number.isNaN(par.stdError) && r.coefficients.every((c) => Number.isNaN(c.stdError)), what);
          assert.ok(Number.isFinite(par.estimate) && par.estimate <= r.interval![0] * (1 - 1e-4), `${what}: ${par.estimate}`);
          assert.strictEqual((model === 'lag' ? resultToJson(r).rho : resultToJson(r).lambda)?.stdError, null);
          assert.ok(/standard error: NA/.test(formatReport(r)), what);
          if (model === 'lag') assert.ok(r.impacts!.every((i) => i.simulated === undefined), `${what}: no draws without a covariance`);
        }
      }
    });
  }

  test('the Durbin model is refused there with the true reason: WX is collinear with X and the intercept', async () => {
    const out = await runSpecFile(columbusSpec({ weights: weightsSpecs[1][1], model: 'durbin' }), { draws: 0 });
    assert.strictEqual(out.result, undefined);
    assert.ok(out.problems.some((p) => p.code === 'collinear-regressor' && /lag\.INC/.test(p.message)), JSON.stringify(out.problems));
  });
});

suite('models: an exact fit has no maximum', () => {
  test('y = 0.5·Wy + 1 + 2·INC exactly: a problem "perfect-fit", not a fit with σ² = 0', async () => {
    const w = columbusStyleW().w;
    const data = fs.readFileSync(path.join(COLUMBUS_DIR, 'data.csv'), 'utf8').trim().split(/\r?\n/);
    const header = data[0].split(',');
    const inc = header.indexOf('INC');
    const x = Float64Array.from(data.slice(1), (l) => Number(l.split(',')[inc]));
    const y = applyA(w, 0.5, x.map((v) => 1 + 2 * v));
    const dir = path.dirname(writeTempSpec({}));
    fs.writeFileSync(path.join(dir, 'exact.csv'), ['id,INC,Y', ...Array.from(x, (v, i) => `${i + 1},${v},${y[i]}`)].join('\n'));
    for (const model of ['lag', 'error'] as const) {
      const spec = writeTempSpec({ data: path.join(dir, 'exact.csv'), dependent: 'Y', independent: ['INC'], weights: { type: 'gal', path: path.join(COLUMBUS_DIR, 'weights.gal'), idColumn: 'id' }, model: model === 'error' ? 'error' : 'lag' });
      const out = await runSpecFile(spec, { draws: 0 });
      if (model === 'error') {
        // The error model cannot fit y = ρWy + Xβ exactly: a normal fit.
        assert.ok(out.result, JSON.stringify(out.problems));
        continue;
      }
      assert.strictEqual(out.result, undefined);
      assert.ok(out.problems.some((p) => p.severity === 'error' && p.code === 'perfect-fit'), JSON.stringify(out.problems));
    }
  });
});
