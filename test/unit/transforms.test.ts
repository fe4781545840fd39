/**
 * Transforms in the spec (`log(HOVAL)`, `sqrt(x)`, `x^2`, `scale(x)`) through the engine's front
 * door: named as R names them, and a value the transform cannot take is an error at its cell.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runSpecFile } from '../../src/core/run';
import { COLUMBUS_DIR, columbusSpec } from '../helpers/columbus';

suite('transforms of the model\'s variables', () => {
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
