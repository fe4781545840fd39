/**
 * The fit worker (esbuild entry → dist/fitWorker.js): runs `runSpecFile` on a `worker_threads`
 * thread so the extension host's thread never blocks on a fit. One run at a time; the host sends
 * `run`, the worker answers with `progress` messages and one of `done` / `cancelled` / `failed`.
 * Cancellation is a shared Int32 flag the engine polls between steps; the host terminates the
 * thread when a step does not end soon enough.
 *
 * No `vscode` import: this file runs outside the extension host's module system.
 */
import { parentPort } from 'worker_threads';
import { runSpecFile, type RunOptions } from '../core/run';
import { CancelledError, ProblemError } from '../core/problems';
import { loadPanelData } from './results/mapData';
import type { HostToWorker, WorkerRunRequest, WorkerToHost } from './fitProtocol';

const port = parentPort;
/** Parsed CSVs kept between fits (a refit after saving the spec does not parse the data again). */
const tableCache: NonNullable<RunOptions['tableCache']> = new Map();

function send(m: WorkerToHost): void {
  port?.postMessage(m);
}

async function run(req: WorkerRunRequest): Promise<void> {
  const t0 = performance.now();
  const flag = new Int32Array(req.cancelFlag);
  const isCancelled = () => Atomics.load(flag, 0) !== 0;
  const overrides = req.options.overrides ? new Map(req.options.overrides) : undefined;
  try {
    const outcome = await runSpecFile(req.specPath, {
      rootDir: req.options.rootDir,
      overrides,
      tableCache,
      isCancelled,
      onProgress: (step, fraction) => send({ type: 'progress', id: req.id, step, fraction }),
    });
    if (isCancelled()) return send({ type: 'cancelled', id: req.id });
    let panel;
    if (req.panel && outcome.result) {
      send({ type: 'progress', id: req.id, step: 'Preparing the map', fraction: 1 });
      panel = await loadPanelData(req.specPath, outcome.result, { rootDir: req.options.rootDir, overrides });
    }
    if (isCancelled()) return send({ type: 'cancelled', id: req.id });
    send({ type: 'done', id: req.id, outcome, panel, workerMs: performance.now() - t0 });
  } catch (e) {
    if (e instanceof CancelledError || isCancelled()) return send({ type: 'cancelled', id: req.id });
    if (e instanceof ProblemError) return send({ type: 'done', id: req.id, outcome: { problems: e.problems }, workerMs: performance.now() - t0 });
    const err = e instanceof Error ? e : new Error(String(e));
    send({ type: 'failed', id: req.id, message: err.message, stack: err.stack });
  }
}

if (port) {
  // Runs are serialised: the host sends the next one only after an answer (or starts a new worker).
  let queue: Promise<void> = Promise.resolve();
  port.on('message', (m: HostToWorker) => {
    if (m && m.type === 'run') queue = queue.then(() => run(m));
  });
  send({ type: 'ready' });
}
