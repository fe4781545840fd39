/**
 * The spatial views in the real extension host: "Inspect spatial weights" and "Local statistics"
 * build their data in the spatial worker and open their panels; "Save weights…" writes a GAL or
 * GWT file the engine's own readers take back, never over an input of the model. Numbers are
 * spdep's (test/fixtures/columbus/reference-local.json).
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { ShowLocalMessage, ShowWeightsMessage } from '../../../src/protocol';
import type { SpatialOutcome } from '../../../src/extension/spatial/panel';
import { parseGal } from '../../../src/core/io/gal';
import { parseGwt } from '../../../src/core/io/gwt';
import { COLUMBUS_DIR } from '../../helpers/columbus';
import { activateExtension, closeAllEditors, uniqueName, waitFor, wsUri } from './util';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const local: any = JSON.parse(fs.readFileSync(path.join(COLUMBUS_DIR, 'reference-local.json'), 'utf8'));
const SPEC = () => wsUri('columbus', 'columbus.sar.json');

const spatialTab = (title: string) => vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.label === title && t.input instanceof vscode.TabInputWebview);

suite('Spatial views: weights inspector, local statistics, save weights', () => {
  suiteSetup(activateExtension);
  teardown(closeAllEditors);

  test('Inspect spatial weights: spdep summary.nb of the Columbus GAL (n, links, histogram, S0/S1/S2) in its own panel', async () => {
    const out = await vscode.commands.executeCommand<SpatialOutcome>('sarStudio.inspectWeights', SPEC());
    const msg = out?.message as ShowWeightsMessage | undefined;
    assert.ok(msg, JSON.stringify(out?.problems));
    const ref = local.weights_summary.gal;
    assert.strictEqual(msg.view.n, ref.n);
    assert.strictEqual(msg.view.nLinks, ref.n_links);
    assert.deepStrictEqual(msg.view.histogram, ref.neighbour_histogram);
    assert.deepStrictEqual(msg.view.cardinalities, ref.cardinalities);
    assert.ok(Math.abs(msg.view.constants.S1 - ref.constants_W.S1) < 1e-9 * ref.constants_W.S1);
    assert.strictEqual(msg.map?.kind, 'polygons');
    await waitFor('the Weights panel', () => spatialTab('Weights: columbus.sar.json'));
  });

  test('Local statistics of CRIME: moran.test and localmoran as spdep, 999 seeded permutations', async () => {
    const out = await vscode.commands.executeCommand<SpatialOutcome>('sarStudio.localStatistics', SPEC(), { column: 'CRIME', nsim: 999, seed: 1 });
    const msg = out?.message as ShowLocalMessage | undefined;
    assert.ok(msg, JSON.stringify(out?.problems));
    const m = local.moran_CRIME.randomisation;
    assert.ok(Math.abs(msg.view.moran.randomisation.I - m.I) < 1e-9, `${msg.view.moran.randomisation.I} vs ${m.I}`);
    local.local_moran.CRIME.two_sided.Ii.forEach((ii: number, i: number) => assert.ok(Math.abs(msg.view.Ii[i] - ii) <= 1e-9 * Math.max(1, Math.abs(ii)), `Ii[${i + 1}]`));
    assert.strictEqual(msg.view.nsim, 999);
    assert.ok(msg.variables.includes('HOVAL'));
    await waitFor('the Local statistics panel', () => spatialTab('Local statistics: columbus.sar.json'));
    // The residuals of the spec's model.
    const res = await vscode.commands.executeCommand<SpatialOutcome>('sarStudio.localStatistics', SPEC(), { residuals: true, nsim: 99 });
    assert.strictEqual((res?.message as ShowLocalMessage | undefined)?.view.variable, 'residuals of the lag model');
  });

  test('Save weights writes GAL and GWT that read back to the same 230 links, and refuses the model\'s own weights file', async () => {
    const gal = wsUri('columbus', uniqueName('saved', '.gal'));
    const written = await vscode.commands.executeCommand<vscode.Uri>('sarStudio.saveWeights', SPEC(), { format: 'gal', target: gal });
    assert.strictEqual(written?.fsPath, gal.fsPath);
    const back = parseGal(fs.readFileSync(gal.fsPath, 'utf8'), 'saved.gal');
    assert.strictEqual(back.n, 49);
    assert.strictEqual(back.from.length, 230);
    const gwt = wsUri('columbus', uniqueName('saved', '.gwt'));
    await vscode.commands.executeCommand<vscode.Uri>('sarStudio.saveWeights', SPEC(), { format: 'gwt', target: gwt });
    assert.strictEqual(parseGwt(fs.readFileSync(gwt.fsPath, 'utf8'), 'saved.gwt').from.length, 230);
    const own = wsUri('columbus', 'weights.gal');
    const before = fs.readFileSync(own.fsPath, 'utf8');
    const refused = await vscode.commands.executeCommand<vscode.Uri | undefined>('sarStudio.saveWeights', SPEC(), { format: 'gal', target: own });
    assert.strictEqual(refused, undefined);
    assert.strictEqual(fs.readFileSync(own.fsPath, 'utf8'), before, 'the input is untouched');
  });
});
