/**
 * `sar-studio local` and `sar-studio weights` on Columbus, end to end through the real engine,
 * against spdep (test/fixtures/columbus/reference-local.json): the JSON holds moran.test, the
 * analytic localmoran and localG's G* to 1e-9, the weights summary as summary.nb; --save writes
 * a GAL/GWT that reads back as the same neighbours, and never over an existing file.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { main, type CliIo } from '../../src/cli/main';
import { parseGwt } from '../../src/core/io/gwt';
import { columbusSpec } from '../helpers/columbus';
import { fixture } from '../helpers/fixtures';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const ref: any = JSON.parse(fs.readFileSync(fixture('columbus', 'reference-local.json'), 'utf8'));

async function cli(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIo = { stdout: (t) => (out += t), stderr: (t) => (err += t), env: {} };
  const code = await main(argv, io);
  return { code, out, err };
}

function close(a: number[], b: number[], tol: number, what: string) {
  assert.strictEqual(a.length, b.length, what);
  a.forEach((v, i) => assert.ok(Math.abs(v - b[i]) <= tol * Math.max(1, Math.abs(b[i])), `${what}[${i}]: ${v} vs ${b[i]}`));
}

suite('cli: sar-studio local and weights (spdep on Columbus)', () => {
  test('local --json: moran.test, localmoran and G* as spdep', async () => {
    const { code, out, err } = await cli(['local', columbusSpec(), '--json']);
    assert.strictEqual(code, 0, err);
    const r = JSON.parse(out);
    assert.strictEqual(r.variable, 'CRIME');
    const m = ref.moran_CRIME.randomisation;
    close([r.moran.randomisation.I, r.moran.randomisation.variance, r.moran.randomisation.z], [m.I, m.variance, m.z], 1e-9, 'moran.test');
    const lm = ref.local_moran.CRIME.two_sided;
    close(r.local.Ii, lm.Ii, 1e-9, 'Ii');
    close(r.local.variance, lm.Var_Ii, 1e-9, 'Var.Ii');
    close(r.local.p, lm.p, 1e-9, 'p');
    close(r.gStar.z, ref.local_G.CRIME_gstar.z, 1e-9, 'G*');
    assert.strictEqual(r.nsim, 999);
    assert.strictEqual(r.local.cluster.length, 49);
  });

  test('local --column of a transform, --residuals; an unknown column is located at the data\'s header', async () => {
    assert.strictEqual((await cli(['local', columbusSpec(), '--column', 'log(HOVAL)'])).code, 0);
    const res = await cli(['local', columbusSpec(), '--residuals', '--adjust', 'fdr', '--json']);
    assert.strictEqual(res.code, 0, res.err);
    assert.match(JSON.parse(res.out).variable, /residuals of the lag model/);
    const bad = await cli(['local', columbusSpec(), '--column', 'HOVALL']);
    assert.strictEqual(bad.code, 2);
    assert.match(bad.err, /data\.csv:1:1: error: unknown column "HOVALL".*did you mean "HOVAL"\?/);
    assert.match((await cli(['local', columbusSpec(), '--draws', '5'])).err, /--draws is not an option of local/);
  });

  test('weights: the summary as spdep\'s summary.nb, --save writes a new GWT only', async () => {
    const { code, out } = await cli(['weights', columbusSpec(), '--json']);
    assert.strictEqual(code, 0);
    const s = JSON.parse(out).summary;
    const g = ref.weights_summary.gal;
    assert.deepStrictEqual([s.n, s.nLinks, s.minNeighbours, s.maxNeighbours], [g.n, g.n_links, g.min_neighbours, g.max_neighbours]);
    assert.deepStrictEqual(s.cardinalities, g.cardinalities);
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sar-w-')), 'columbus.gwt');
    const saved = await cli(['weights', columbusSpec(), '--save', file]);
    assert.strictEqual(saved.code, 0, saved.err);
    const gwt = parseGwt(fs.readFileSync(file, 'utf8'), file);
    assert.strictEqual(gwt.from.length, g.n_links);
    const before = fs.readFileSync(file, 'utf8');
    const again = await cli(['weights', columbusSpec(), '--save', file]);
    assert.strictEqual(again.code, 2);
    assert.match(again.err, /exists; SAR Studio writes only new files/);
    assert.strictEqual(fs.readFileSync(file, 'utf8'), before);
  });
});
