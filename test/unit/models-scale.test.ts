/**
 * Extreme magnitudes: the internal scaling (models/design) never squares a data value, so a
 * column times 1e±300 fits like any other and z-values do not move — bit for bit under powers of
 * two, to rounding under powers of ten; where a result cannot be written in the data's units (σ²
 * of y·1e300) the problem names the variable.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { runSpecFile } from '../../src/core/run';
import type { FitResult } from '../../src/core/result';
import { COLUMBUS_DIR, writeTempSpec } from '../helpers/columbus';

const lines = fs.readFileSync(path.join(COLUMBUS_DIR, 'data.csv'), 'utf8').trim().split(/\r?\n/);
const header = lines[0].split(',');
const column = (name: string) => lines.slice(1).map((l) => Number(l.split(',')[header.indexOf(name)]));

/** Columbus CRIME ~ INC + HOVAL with the columns transformed, fitted by `model`. */
async function fitScaled(model: string, change: { CRIME?: (v: number[]) => number[]; INC?: (v: number[]) => number[] } = {}, draws = 0) {
  const crime = (change.CRIME ?? ((v) => v))(column('CRIME'));
  const inc = (change.INC ?? ((v) => v))(column('INC'));
  const hoval = column('HOVAL');
  const dir = path.dirname(writeTempSpec({}));
  fs.writeFileSync(path.join(dir, 'scaled.csv'), ['id,CRIME,INC,HOVAL', ...crime.map((c, i) => `${i + 1},${c},${inc[i]},${hoval[i]}`)].join('\n'));
  const spec = writeTempSpec({ data: path.join(dir, 'scaled.csv'), dependent: 'CRIME', independent: ['INC', 'HOVAL'], weights: { type: 'gal', path: path.join(COLUMBUS_DIR, 'weights.gal'), idColumn: 'id' }, model, impacts: { draws, seed: 3 } });
  return runSpecFile(spec, { draws });
}

/** Every scale-free number of a fit. */
function scaleFree(r: FitResult): number[] {
  const par = r.rho ?? r.lambda;
  return [
    ...r.coefficients.flatMap((c) => [c.z, c.p]),
    ...(par ? [par.estimate, par.stdError, par.z] : []),
    r.lrTest?.statistic ?? 0, r.wald?.statistic ?? 0, r.lmResidualAutocorrelation?.statistic ?? 0,
    r.moranOls!.z, r.lmTestsOls!.LMerr.statistic,
  ];
}

const times = (f: number) => (v: number[]) => v.map((x) => x * f);

suite('models: extreme magnitudes', function () {
  this.timeout(60_000);
  const models = ['ols', 'lag', 'error', 'durbin'];
  const base: Record<string, FitResult> = {};
  suiteSetup(async () => {
    for (const m of models) base[m] = (await fitScaled(m)).result!;
  });

  test('y or a regressor times a power of two (2^±900): every z-value, ρ̂ and test statistic bit for bit', async () => {
    for (const m of models) {
      for (const change of [{ CRIME: times(2 ** 500) }, { INC: times(2 ** 900) }, { INC: times(2 ** -900) }]) {
        const out = await fitScaled(m, change);
        assert.ok(out.result, JSON.stringify(out.problems));
        assert.deepStrictEqual(scaleFree(out.result), scaleFree(base[m]), `${m} ${Object.keys(change)}`);
      }
    }
  });

  test('y times 1e±150, a regressor times 1e±300: the same to 1e-9, β and its SE scaled by exactly the factor', async () => {
    for (const m of models) {
      for (const [name, factor] of [['CRIME', 1e150], ['CRIME', 1e-150], ['INC', 1e300], ['INC', 1e-300]] as const) {
        const out = await fitScaled(m, { [name]: times(factor) });
        assert.ok(out.result, `${m} ${name}×${factor}: ${JSON.stringify(out.problems)}`);
        const r = out.result;
        scaleFree(r).forEach((v, i) => assert.ok(Math.abs(v - scaleFree(base[m])[i]) <= 1e-9 * Math.max(1, Math.abs(v)), `${m} ${name}×${factor} [${i}]: ${v} vs ${scaleFree(base[m])[i]}`));
        const inc = r.coefficients.find((c) => c.name === 'INC')!;
        const inc0 = base[m].coefficients.find((c) => c.name === 'INC')!;
        const f = name === 'INC' ? 1 / factor : factor;
        assert.ok(Math.abs(inc.estimate / (inc0.estimate * f) - 1) < 1e-9 && Math.abs(inc.stdError / (inc0.stdError * f) - 1) < 1e-9, `${m} ${name}×${factor}: β ${inc.estimate}, SE ${inc.stdError}`);
        // Variances of β_INC (1e∓600) or of σ² (1e600) are beyond double precision: NA, with a warning.
        if (name === 'INC' || m !== 'ols') assert.ok(r.warnings.some((w) => w.code === 'not-representable'), `${m} ${name}×${factor}: warning`);
      }
    }
  });

  test('simulated impacts are drawn in the internal units: INC×1e300 gives the same draws, scaled', async () => {
    const a = (await fitScaled('lag', {}, 500)).result!.impacts![0].simulated!.direct;
    const b = (await fitScaled('lag', { INC: times(1e300) }, 500)).result!.impacts![0].simulated!.direct;
    assert.ok(Math.abs(b.stdError / (a.stdError * 1e-300) - 1) < 1e-9 && Math.abs(b.z - a.z) < 1e-8, `${b.stdError} vs ${a.stdError}`);
  });

  test('σ² of y·1e300, y·1e-300 or of a y with one value of 1.7e308 does not fit in a double: a problem at "dependent"', async () => {
    const one = (v: number[]) => v.map((x, i) => (i === 3 ? 1.7e308 : x));
    for (const m of models) {
      for (const change of [times(1e300), times(1e-300), one]) {
        const out = await fitScaled(m, { CRIME: change });
        assert.strictEqual(out.result, undefined, m);
        const p = out.problems.find((q) => q.code === 'not-representable');
        assert.ok(p && p.severity === 'error' && /"CRIME"/.test(p.message) && p.range, `${m}: ${JSON.stringify(out.problems)}`);
      }
    }
  });
});
