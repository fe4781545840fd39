/**
 * The fit worker (esbuild entry → dist/fitWorker.js): runs `runSpecFile` (and `compareSpecFile`)
 * on a `worker_threads` thread so the extension host's thread never blocks on a fit. One job at a
 * time; the host sends `run` (or `compare`), the worker answers with `progress` messages and one of
 * `done` (`compared`) / `cancelled` / `failed`.
 * Cancellation is a shared Int32 flag the engine polls between steps; the host terminates the
 * thread when a step does not end soon enough.
 *
 * No `vscode` import: this file runs outside the extension host's module system.
 */
import { parentPort } from 'worker_threads';
import { runSpecFile, type RunOptions } from '../core/run';
import { compareSpecFile } from '../core/compare/run';
import { CancelledError, ProblemError } from '../core/problems';
import { loadPanelData, loadPanelDataForFits } from './results/mapData';
import type { HostToWorker, WorkerCompareRequest, WorkerRunRequest, WorkerToHost } from './fitProtocol';

const port = parentPort;
/** Parsed CSVs kept between fits (a refit after saving the spec does not parse the data again). */
const tableCache: NonNullable<RunOptions['tableCache']> = new Map();

function send(m: WorkerToHost): void {
  port?.postMessage(m);
}

/** Runs one job with the cancel flag and progress wired; `work` returns the answer to send. */
async function job(req: HostToWorker, work: (isCancelled: () => boolean, overrides: Map<string, string> | undefined, t0: number) => Promise<WorkerToHost>): Promise<void> {
  const t0 = performance.now();
  const flag = new Int32Array(req.cancelFlag);
  const isCancelled = () => Atomics.load(flag, 0) !== 0;
  const overrides = req.options.overrides ? new Map(req.options.overrides) : undefined;
  try {
    const answer = await work(isCancelled, overrides, t0);
    send(isCancelled() ? { type: 'cancelled', id: req.id } : answer);
  } catch (e) {
    if (e instanceof CancelledError || isCancelled()) return send({ type: 'cancelled', id: req.id });
    if (e instanceof ProblemError) return send({ type: req.type === 'compare' ? 'compared' : 'done', id: req.id, outcome: { problems: e.problems }, workerMs: performance.now() - t0 });
    const err = e instanceof Error ? e : new Error(String(e));
    send({ type: 'failed', id: req.id, message: err.message, stack: err.stack });
  }
}

function run(req: WorkerRunRequest): Promise<void> {
  return job(req, async (isCancelled, overrides, t0) => {
    const outcome = await runSpecFile(req.specPath, {
      rootDir: req.options.rootDir,
      overrides,
      tableCache,
      isCancelled,
      onProgress: (step, fraction) => send({ type: 'progress', id: req.id, step, fraction }),
    });
    let panel;
    if (req.panel && outcome.result && !isCancelled()) {
      send({ type: 'progress', id: req.id, step: 'Preparing the map', fraction: 1 });
      panel = await loadPanelData(req.specPath, outcome.result, { rootDir: req.options.rootDir, overrides });
    }
    return { type: 'done', id: req.id, outcome, panel, workerMs: performance.now() - t0 };
  });
}

function compare(req: WorkerCompareRequest): Promise<void> {
  return job(req, async (isCancelled, overrides, t0) => {
    const outcome = await compareSpecFile(req.specPath, {
      rootDir: req.options.rootDir,
      overrides,
      tableCache,
      isCancelled,
      alpha: req.alpha,
      onProgress: (step, fraction) => send({ type: 'progress', id: req.id, step, fraction }),
    });
    let panels;
    if (req.panel && outcome.fits && !isCancelled()) {
      send({ type: 'progress', id: req.id, step: 'Preparing the maps', fraction: 1 });
      panels = await loadPanelDataForFits(req.specPath, [...outcome.fits.values()], { rootDir: req.options.rootDir, overrides });
    }
    return { type: 'compared', id: req.id, outcome, panels, workerMs: performance.now() - t0 };
  });
}

if (port) {
  // Runs are serialised: the host sends the next one only after an answer (or starts a new worker).
  let queue: Promise<void> = Promise.resolve();
  port.on('message', (m: HostToWorker) => {
    if (m && m.type === 'run') queue = queue.then(() => run(m));
    else if (m && m.type === 'compare') queue = queue.then(() => compare(m));
  });
  send({ type: 'ready' });
}
