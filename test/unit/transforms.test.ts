/**
 * Transforms in the spec (`log(HOVAL)`, `sqrt(x)`, `x^2`, `scale(x)`) through the engine's front
 * door: named as R names them, and a value the transform cannot take is an error at its cell.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runSpecFile } from '../../src/core/run';
import { assertClose, COLUMBUS_DIR, columbusSpec } from '../helpers/columbus';
import { fixture } from '../helpers/fixtures';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const transforms: Record<string, any> = JSON.parse(fs.readFileSync(fixture('columbus-transforms', 'reference.json'), 'utf8')).transforms;
/** Each R formula as the spec writes it. */
const SPECS: Record<string, { dependent: string; independent: string[] }> = {
  log_HOVAL: { dependent: 'CRIME', independent: ['INC', 'log(HOVAL)'] },
  sqrt_HOVAL: { dependent: 'CRIME', independent: ['INC', 'sqrt(HOVAL)'] },
  HOVAL_squared: { dependent: 'CRIME', independent: ['INC', 'HOVAL^2'] },
  scale_INC: { dependent: 'CRIME', independent: ['scale(INC)', 'HOVAL'] },
  log_CRIME: { dependent: 'log(CRIME)', independent: ['INC', 'HOVAL'] },
};

suite('transforms of the model\'s variables', () => {
  for (const [name, terms] of Object.entries(SPECS)) {
    test(`${transforms[name].formula}: the lag model equals R's lagsarlm (eigen) to 1e-6`, async () => {
      const out = await runSpecFile(columbusSpec(terms), { draws: 0 });
      const r = out.result!;
      const ref = transforms[name].sar_eigen;
      assert.deepStrictEqual(r.coefficients.map((c) => c.name), transforms[name].term_names);
      ref.coefficients.forEach((c: { term: string; estimate: number; std_error: number }, j: number) => {
        assertClose(r.coefficients[j].estimate, c.estimate, 1e-6, c.term);
        assertClose(r.coefficients[j].stdError, c.std_error, 1e-6, `${c.term} SE`);
      });
      assertClose(r.rho!.estimate, ref.rho.estimate, 1e-6, 'ρ');
      assertClose(r.rho!.stdError, ref.rho.std_error, 1e-6, 'ρ SE');
      assertClose(r.logLik, ref.loglik, 1e-9, 'logLik');
      assertClose(r.sigma2, ref.sigma2, 1e-6, 'σ²');
    });
  }

  test('coefficients are named as R names the terms', async () => {
    const out = await runSpecFile(columbusSpec({ dependent: 'log(CRIME)', independent: ['sqrt(INC)', 'HOVAL^2', 'scale(OPEN)'] }), { draws: 0 });
    assert.deepStrictEqual(out.problems.filter((p) => p.severity === 'error'), []);
    assert.deepStrictEqual(out.result!.coefficients.map((c) => c.name), ['(Intercept)', 'sqrt(INC)', 'I(HOVAL^2)', 'scale(OPEN)']);
  });

  test('log of a value that is not positive is an error at that cell, naming the spec entry', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sar-tr-'));
    const lines = fs.readFileSync(path.join(COLUMBUS_DIR, 'data.csv'), 'utf8').split('\n');
    const header = lines[0].split(',');
    const c = header.indexOf('HOVAL');
    const row = lines[5].split(',');
    row[c] = '0';
    lines[5] = row.join(',');
    fs.writeFileSync(path.join(dir, 'data.csv'), lines.join('\n'));
    const out = await runSpecFile(columbusSpec({ data: path.join(dir, 'data.csv'), independent: ['INC', 'log(HOVAL)'] }), { draws: 0 });
    assert.strictEqual(out.result, undefined);
    const e = out.problems.find((p) => p.code === 'bad-transform')!;
    assert.match(e.message, /"log\(HOVAL\)" \(independent\[1\]\) needs positive values; column "HOVAL" is 0 in row 5/);
    assert.strictEqual(e.file, path.join(dir, 'data.csv'));
    assert.strictEqual(e.range?.line, 6);
    assert.strictEqual(e.range?.column, lines[5].split(',').slice(0, c).join(',').length + 2);
  });
});
