import * as assert from 'assert';
import * as path from 'path';
import * as vscode from 'vscode';
import { WorkerFitRunner } from '../../../src/extension/workerFitRunner';
import { InProcessFitRunner } from '../../../src/extension/fitRunner';
import { activateExtension, freshColumbus, recordTiming, sarApi, writeWorkspaceFile, wsUri } from './util';

/** kNN-6 data on n random points with a lag process: a fit that takes long enough to cancel. */
function syntheticCsv(n: number): string {
  let seed = 7;
  const rnd = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
  const rows = ['id,x,y,a,b,yv'];
  for (let i = 0; i < n; i++) rows.push(`${i + 1},${rnd() * 100},${rnd() * 100},${rnd()},${rnd()},${rnd() * 10}`);
  return rows.join('\n') + '\n';
}

suite('Fit worker', () => {
  suiteSetup(activateExtension);

  test('the command fits in a worker_threads worker that is reused between fits', async () => {
    const api = await sarApi();
    const uri = wsUri('columbus', 'columbus.sar.json');
    const a = await vscode.commands.executeCommand<{ via?: string }>('sarStudio.fit', uri);
    const starts = api.runner().workerStarts;
    const b = await vscode.commands.executeCommand<{ via?: string }>('sarStudio.fit', uri);
    assert.strictEqual(a?.via, 'worker');
    assert.strictEqual(b?.via, 'worker');
    assert.strictEqual(api.runner().workerStarts, starts, 'no new worker for the second fit');
    assert.ok((api.runner().workerStartMs ?? 0) > 0, 'the start cost was measured');
  });

  test('the same result from the worker and on the host thread (the FitRunner interface)', async () => {
    const specPath = vscode.Uri.joinPath(freshColumbus(), 'columbus.sar.json').fsPath;
    const root = wsUri().fsPath;
    const token = new vscode.CancellationTokenSource().token;
    // The tsc build of the worker (out/src/extension/fitWorker.js) runs as well as the bundle.
    const worker = new WorkerFitRunner({ workerPath: path.resolve(__dirname, '../../../src/extension/fitWorker.js') });
    try {
      const w = await worker.run({ specPath, token, rootDir: root, panel: true });
      const h = await new InProcessFitRunner().run({ specPath, token, rootDir: root, panel: true });
      assert.ok(w.kind === 'done' && h.kind === 'done');
      assert.strictEqual(w.via, 'worker');
      assert.strictEqual(h.via, 'in-process');
      assert.ok(w.outcome.result && h.outcome.result, JSON.stringify([w.outcome.problems, h.outcome.problems]));
      assert.strictEqual(w.outcome.result.rho?.estimate, h.outcome.result.rho?.estimate);
      assert.deepStrictEqual(w.panel?.notes, [], 'the panel has everything');
      assert.strictEqual(w.panel?.map?.kind, 'polygons');
      assert.deepStrictEqual(w.panel?.laggedResiduals, h.panel?.laggedResiduals);
    } finally {
      worker.dispose();
    }
  });

  test('cancelling a long fit ends it at once; the next fit works', async function () {
    this.timeout(180_000);
    const dir = wsUri('fixtures', 'big');
    await vscode.workspace.fs.createDirectory(dir);
    await writeWorkspaceFile('fixtures/big/data.csv', syntheticCsv(30_000));
    const spec = await writeWorkspaceFile('fixtures/big/big.sar.json', JSON.stringify({
      data: 'data.csv', dependent: 'yv', independent: ['a', 'b'],
      weights: { type: 'knn', k: 6, coordinates: ['x', 'y'] }, model: 'lag', se: 'hessian', impacts: { draws: 1000, seed: 1 },
    }));
    const runner = new WorkerFitRunner({ workerPath: path.resolve(__dirname, '../../../src/extension/fitWorker.js'), cancelGraceMs: 200 });
    try {
      const source = new vscode.CancellationTokenSource();
      const steps: string[] = [];
      const t0 = Date.now();
      const pending = runner.run({
        specPath: spec.fsPath, token: source.token, rootDir: wsUri().fsPath,
        onProgress: (step) => {
          steps.push(step);
          if (step === 'Fitting the model') source.cancel();
        },
      });
      const r = await pending;
      const cancelMs = Date.now() - t0;
      assert.strictEqual(r.kind, 'cancelled');
      // Whether the worker stops between steps or is terminated, the next fit runs at once: in the
      // same worker once it has answered, else in a new one.
      const next = await runner.run({ specPath: vscode.Uri.joinPath(freshColumbus(), 'columbus.sar.json').fsPath, token: new vscode.CancellationTokenSource().token, rootDir: wsUri().fsPath });
      assert.ok(next.kind === 'done' && next.outcome.result, `the next fit works: ${JSON.stringify(next.kind === 'done' ? next.outcome.problems : next)}`);
      assert.ok(runner.startCount <= 2, `${runner.startCount} workers started`);
      // The cancelled fit ended when it was cancelled: none of its later progress reached the caller.
      assert.strictEqual(steps[steps.length - 1], 'Fitting the model', steps.join(' → '));
      recordTiming('cancel', { n: 30_000, cancelledAfterMs: cancelMs, workerStarts: runner.startCount });
    } finally {
      runner.dispose();
    }
  });
});
