import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runSpecFile } from '../../src/core/run';
import { parseSpec } from '../../src/core/spec/parse';
import { parseCsv } from '../../src/core/io/csv';
import type { Csr } from '../../src/core/sparse/csr';
import { buildMapData, loadPanelData, moranI, spatialLag } from '../../src/extension/results/mapData';
import { resultsCsp, resultsHtml } from '../../src/extension/results/html';
import { loadTable } from '../../src/extension/specData';

const ROOT = path.resolve(__dirname, '../../..');
const DIR = path.join(ROOT, 'examples/columbus');
const SPEC = path.join(DIR, 'columbus.sar.json');

function specOf(obj: unknown) {
  const parsed = parseSpec(JSON.stringify(obj), 'x.sar.json');
  assert.ok(parsed.spec, JSON.stringify(parsed.problems));
  return parsed.spec;
}

const table = () => parseCsv(fs.readFileSync(path.join(DIR, 'data.csv'), 'utf8'), 'data.csv');
const geometry = () => fs.readFileSync(path.join(DIR, 'geometry.geojson'), 'utf8');

/** Row-standardised ring of 4: each neighbour of the two next to it. */
function ring4(): Csr {
  return {
    nrows: 4,
    ncols: 4,
    rowPtr: Int32Array.from([0, 2, 4, 6, 8]),
    colIdx: Int32Array.from([1, 3, 0, 2, 1, 3, 0, 2]),
    values: Float64Array.from([0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5]),
  };
}

suite('results panel: map data and W·e', () => {
  test('Columbus polygons: one shape per observation in data-row order, planar', () => {
    const spec = specOf(JSON.parse(fs.readFileSync(SPEC, 'utf8')));
    const map = buildMapData(spec, table(), geometry(), { geometryFile: 'geometry.geojson' });
    assert.ok(map && map.kind === 'polygons');
    assert.strictEqual(map.shapes.length, 49);
    assert.ok(map.shapes.every((parts) => parts.length >= 1 && parts.every((rings) => rings.length >= 1 && rings[0].length >= 8)));
    assert.strictEqual(map.coordinates, 'planar');
    assert.deepStrictEqual(map.ids.slice(0, 3), ['1', '2', '3']);
    assert.strictEqual(map.source, 'geometry.geojson');
    // Row 1 (POLYID 1) starts at the feature's first vertex.
    assert.strictEqual(map.shapes[0][0][0][0], 8.624129295349121);
  });

  test('rows are matched by id, not by position', () => {
    const spec = specOf(JSON.parse(fs.readFileSync(SPEC, 'utf8')));
    const geo = JSON.parse(geometry()) as { features: unknown[] };
    geo.features.reverse();
    const map = buildMapData(spec, table(), JSON.stringify(geo));
    assert.ok(map && map.kind === 'polygons');
    assert.strictEqual(map.shapes[0][0][0][0], 8.624129295349121);
  });

  test('points from kNN coordinates; great-circle means lon/lat', () => {
    const base = { data: 'data.csv', dependent: 'CRIME', independent: ['INC'], model: 'lag' };
    const planar = buildMapData(specOf({ ...base, weights: { type: 'knn', k: 4, coordinates: ['x', 'y'] } }), table());
    assert.ok(planar && planar.kind === 'points');
    assert.strictEqual(planar.x.length, 49);
    assert.strictEqual(planar.coordinates, 'planar');
    const sphere = buildMapData(specOf({ ...base, weights: { type: 'knn', k: 4, coordinates: ['x', 'y'], distance: 'greatCircle' } }), table());
    assert.strictEqual(sphere?.coordinates, 'lonlat');
    const named = buildMapData(specOf({ ...base, weights: { type: 'knn', k: 4, coordinates: ['x', 'y'], idColumn: 'POLYID' } }), table());
    assert.deepStrictEqual(named?.ids.slice(0, 2), ['1', '2']);
    const none = buildMapData(specOf({ ...base, weights: { type: 'gal', path: 'weights.gal' } }), table());
    assert.strictEqual(none, undefined);
  });

  test('W·v and Moran\'s I on a ring', () => {
    const w = ring4();
    assert.deepStrictEqual(spatialLag(w, [1, 2, 3, 4]), [3, 2, 3, 2]);
    // Alternating pattern: perfect negative autocorrelation.
    assert.ok(Math.abs(moranI(w, [1, -1, 1, -1]) + 1) < 1e-12);
    assert.ok(Number.isNaN(moranI(w, [2, 2, 2, 2])));
  });

  test('loadPanelData for the Columbus example: map, W·e, row lines, title', async function () {
    this.timeout(30000);
    const out = await runSpecFile(SPEC);
    assert.ok(out.result);
    const data = await loadPanelData(SPEC, out.result, { rootDir: ROOT });
    assert.deepStrictEqual(data.notes, []);
    assert.strictEqual(data.title, 'Columbus, Ohio: residential crime (Anselin 1988)');
    assert.strictEqual(data.map?.kind, 'polygons');
    assert.strictEqual(data.laggedResiduals?.length, 49);
    assert.ok(Number.isFinite(data.residualMoranI) && Math.abs(data.residualMoranI!) < 0.2, `Moran's I of the lag residuals ${data.residualMoranI}`);
    assert.strictEqual(data.dataFile, path.join(DIR, 'data.csv'));
    assert.strictEqual(data.lineOfRow?.[0], 2);
  });

  test('the Kazakhstan example: a lon/lat point map named by city', async function () {
    this.timeout(30000);
    const spec = path.join(ROOT, 'examples/kazakhstan-smart-cities/kazakhstan.sar.json');
    if (!fs.existsSync(spec)) this.skip();
    const out = await runSpecFile(spec);
    assert.ok(out.result, JSON.stringify(out.problems));
    const data = await loadPanelData(spec, out.result);
    assert.ok(data.map && data.map.kind === 'points' && data.map.coordinates === 'lonlat');
    assert.strictEqual(data.map.x.length, out.result.n);
    assert.ok(data.map.ids.includes('Almaty'));
    assert.strictEqual(data.laggedResiduals?.length, out.result.n);
  });

  test('UTF-16 files (Excel\'s "Unicode text") read in the extension as in the engine: the panel and the hovers\' table', async function () {
    this.timeout(30000);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sar-utf16-'));
    try {
      const le = (f: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(fs.readFileSync(path.join(DIR, f), 'utf8'), 'utf16le')]);
      const be = (f: string) => Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(fs.readFileSync(path.join(DIR, f), 'utf8'), 'utf16le').swap16()]);
      fs.writeFileSync(path.join(dir, 'columbus.sar.json'), le('columbus.sar.json'));
      fs.writeFileSync(path.join(dir, 'data.csv'), be('data.csv'));
      fs.writeFileSync(path.join(dir, 'geometry.geojson'), le('geometry.geojson'));
      fs.writeFileSync(path.join(dir, 'weights.gal'), le('weights.gal'));
      const spec = path.join(dir, 'columbus.sar.json');
      const out = await runSpecFile(spec, { draws: 0 });
      assert.ok(out.result, JSON.stringify(out.problems));
      const data = await loadPanelData(spec, out.result, { rootDir: dir });
      assert.deepStrictEqual(data.notes, []);
      assert.strictEqual(data.title, 'Columbus, Ohio: residential crime (Anselin 1988)');
      assert.strictEqual(data.map?.kind, 'polygons');
      assert.strictEqual(data.laggedResiduals?.length, 49);
      const t = await loadTable(path.join(dir, 'data.csv'), new Map(), new Map());
      assert.deepStrictEqual(t?.columns, table().columns);
      assert.strictEqual(t?.nrows, 49);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('loadPanelData refuses files outside rootDir and explains', async function () {
    this.timeout(30000);
    const out = await runSpecFile(SPEC);
    const data = await loadPanelData(SPEC, out.result!, { rootDir: path.join(ROOT, 'src') });
    assert.strictEqual(data.map, undefined);
    assert.ok(data.notes.some((n) => n.includes('outside the workspace')), data.notes.join('\n'));
  });
});

suite('results panel: page and CSP', () => {
  test('the CSP is strict', () => {
    const csp = resultsCsp('https://x.vscode-cdn.net', 'abc');
    assert.strictEqual(csp, "default-src 'none'; img-src https://x.vscode-cdn.net data: blob:; style-src https://x.vscode-cdn.net 'nonce-abc'; script-src 'nonce-abc'; font-src https://x.vscode-cdn.net");
    assert.ok(!/unsafe/.test(csp));
  });

  test('the page loads only the bundle, with the nonce, and escapes the title', () => {
    const html = resultsHtml({ cspSource: 'vscode-resource:', nonce: 'n0nce', scriptUri: 'vscode-resource:/dist/webview/results.js', styleUri: 'vscode-resource:/dist/webview/results.css', title: '<img src=x onerror=alert(1)>' });
    assert.ok(html.includes('<script nonce="n0nce" src="vscode-resource:/dist/webview/results.js"></script>'));
    assert.ok(html.includes('&lt;img src=x onerror=alert(1)&gt;'));
    assert.strictEqual((html.match(/<script/g) ?? []).length, 1);
    assert.ok(!/style=/.test(html));
  });
});
