/**
 * The fit worker's host side (src/extension/workerFitRunner.ts) against a stub worker that plays
 * the protocol of src/extension/fitWorker.ts: cancellation answers the caller at once, a worker
 * that owes no answer is kept, one that is stuck in a step is replaced, and the next fit works in
 * every case. The stub's behaviour is chosen by the spec path; nothing here waits for a timer to
 * decide an outcome.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { CancellationToken } from 'vscode';
import { WorkerFitRunner } from '../../src/extension/workerFitRunner';

const STUB = `
const { parentPort } = require('worker_threads');
const done = (id) => parentPort.postMessage({ type: 'done', id, outcome: { problems: [] }, workerMs: 1 });
parentPort.on('message', (m) => {
  const flag = new Int32Array(m.cancelFlag);
  switch (m.specPath) {
    case 'ok': return done(m.id);
    // A step that never checks the flag (a long factorisation): only terminating the thread ends it.
    case 'stuck':
      parentPort.postMessage({ type: 'progress', id: m.id, step: 'Fitting the model', fraction: 0.5 });
      for (;;) {}
    case 'crash': process.exit(3);
    // Stops between steps once the flag is set, after one more progress message.
    case 'polite': {
      parentPort.postMessage({ type: 'progress', id: m.id, step: 'Fitting the model', fraction: 0.5 });
      const poll = () => (Atomics.load(flag, 0) ? (parentPort.postMessage({ type: 'progress', id: m.id, step: 'late', fraction: 0.9 }), parentPort.postMessage({ type: 'cancelled', id: m.id })) : setTimeout(poll, 1));
      return poll();
    }
  }
});
parentPort.postMessage({ type: 'ready' });
`;

/** A CancellationToken as vscode's CancellationTokenSource gives it. */
function tokenSource(): { token: CancellationToken; cancel(): void } {
  const listeners: (() => void)[] = [];
  let cancelled = false;
  const token = {
    get isCancellationRequested() {
      return cancelled;
    },
    onCancellationRequested(l: () => void) {
      listeners.push(l);
      return { dispose: () => listeners.splice(listeners.indexOf(l), 1) };
    },
  } as unknown as CancellationToken;
  return { token, cancel: () => ((cancelled = true), [...listeners].forEach((l) => l())) };
}

suite('fit worker runner: cancel and reuse', () => {
  let dir: string;
  let runner: WorkerFitRunner;
  const fit = (specPath: string, token = tokenSource().token, onProgress?: (step: string) => void) => runner.run({ specPath, token, onProgress });

  suiteSetup(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sar-worker-'));
    fs.writeFileSync(path.join(dir, 'stub.js'), STUB);
  });
  suiteTeardown(() => fs.rmSync(dir, { recursive: true, force: true }));
  setup(() => {
    runner = new WorkerFitRunner({ workerPath: path.join(dir, 'stub.js'), cancelGraceMs: 60_000 });
  });
  teardown(() => runner.dispose());

  test('fits are answered by one worker, kept between fits', async () => {
    assert.strictEqual((await fit('ok')).kind, 'done');
    assert.strictEqual((await fit('ok')).kind, 'done');
    assert.strictEqual(runner.startCount, 1);
  });

  test('a fit cancelled before the worker is ready never reaches it; the worker serves the next fit', async () => {
    const source = tokenSource();
    const first = fit('stuck', source.token);
    source.cancel(); // the worker cannot have said "ready" yet: this runs before any message arrives
    assert.strictEqual((await first).kind, 'cancelled');
    assert.strictEqual((await fit('ok')).kind, 'done', 'the stuck step never ran');
    assert.strictEqual(runner.startCount, 1);
  });

  test('a fit cancelled inside a step that does not stop ends at once; the next fit runs in a new worker', async () => {
    const source = tokenSource();
    const steps: string[] = [];
    const r = await fit('stuck', source.token, (step) => {
      steps.push(step);
      source.cancel();
    });
    assert.strictEqual(r.kind, 'cancelled');
    assert.strictEqual((await fit('ok')).kind, 'done');
    assert.strictEqual(runner.startCount, 2);
    assert.deepStrictEqual(steps, ['Fitting the model']);
  });

  test('a cancelled fit that stops between steps: nothing after the cancel reaches the caller', async () => {
    const source = tokenSource();
    const steps: string[] = [];
    const r = await fit('polite', source.token, (step) => {
      steps.push(step);
      source.cancel();
    });
    assert.strictEqual(r.kind, 'cancelled');
    assert.strictEqual((await fit('ok')).kind, 'done');
    assert.deepStrictEqual(steps, ['Fitting the model']);
  });

  test('a new fit while one runs replaces it: the first is cancelled, the second answered', async () => {
    const steps: string[] = [];
    const first = fit('stuck', tokenSource().token, (s) => steps.push(s));
    // Once the stuck step has begun, start another fit.
    await new Promise<void>((resolve) => {
      const wait = () => (steps.length ? resolve() : setTimeout(wait, 1));
      wait();
    });
    const second = fit('ok');
    assert.strictEqual((await first).kind, 'cancelled');
    assert.strictEqual((await second).kind, 'done');
    assert.strictEqual(runner.startCount, 2);
  });

  test('a worker that dies ends its fit with an error on the spec; the next fit starts a new worker', async () => {
    const r = await fit('crash');
    assert.ok(r.kind === 'done');
    assert.deepStrictEqual(r.outcome.problems.map((p) => [p.severity, p.code, p.file]), [['error', 'internal', 'crash']]);
    assert.match(r.outcome.problems[0].message, /^The fit worker stopped: it exited with code 3$/);
    assert.strictEqual((await fit('ok')).kind, 'done');
    assert.strictEqual(runner.startCount, 2);
  });
});
