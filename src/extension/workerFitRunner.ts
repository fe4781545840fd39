/**
 * Fits in a `worker_threads` worker (dist/fitWorker.js), so the extension host's thread only
 * routes messages and the editor never freezes during a fit.
 *
 * One worker is kept and reused. Measured (2 shared cores): starting one (`new Worker` → its
 * `ready`: a thread plus the ~0.5 MB engine bundle) costs 60–75 ms in a quiet Node process and up
 * to ~250 ms in a busy extension host; worse, a fresh worker runs the engine cold: Columbus takes
 * 90–110 ms in a new worker's first fit but 10–35 ms once V8 has optimised the engine, so a worker
 * per fit would pay ~150–200 ms every time against ~15–35 ms. A kept worker also keeps the parsed-CSV
 * cache between fits. It is stopped after `idleMs` without a fit, and replaced after a cancellation
 * that the engine did not honour within `cancelGraceMs` (a long synchronous step such as a
 * factorisation cannot be interrupted except by terminating the thread),
 * after a crash, or when a new fit arrives while one is still running.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Worker } from 'worker_threads';
import type { Disposable } from 'vscode';
import type { HostToWorker, WorkerToHost } from './fitProtocol';
import {
  absoluteCompareOutcome,
  absoluteOutcome,
  internalError,
  panelsByModel,
  type CompareRequest,
  type CompareRunResult,
  type FitRequest,
  type FitRunner,
  type FitRunResult,
  type FitRunTimings,
  type RunRequest,
} from './fitRunner';

export interface WorkerFitRunnerOptions {
  /** The worker script (default: fitWorker.js next to this module: dist/ when bundled, out/ under tsc). */
  workerPath?: string;
  /** Stop the idle worker after this long (default 10 minutes). */
  idleMs?: number;
  /** After a cancel, wait this long for the engine to stop between steps before terminating (default 300 ms). */
  cancelGraceMs?: number;
  log?: (message: string) => void;
}

/** The worker's answer to a job, as a fit or a comparison ends. */
type Answer = Extract<WorkerToHost, { type: 'done' | 'compared' }>;

/** How a job ended: cancelled, answered, or an error that is not the input's fault (a crash). */
type JobEnd = { kind: 'cancelled' } | { kind: 'answer'; answer: Answer; timings: FitRunTimings } | { kind: 'error'; message: string; timings: FitRunTimings };

interface Job {
  id: number;
  flag: Int32Array;
  resolve(r: JobEnd): void;
  request: RunRequest;
  /** The message that starts the job in the worker. */
  message(id: number, cancelFlag: SharedArrayBuffer): HostToWorker;
  t0: number;
  workerStartMs?: number;
  /** Sent to the worker (it waits for the worker's `ready`): only then does the worker owe an answer. */
  posted?: boolean;
}

interface LiveWorker {
  worker: Worker;
  ready: Promise<number>;
  startedAt: number;
  startMs?: number;
}

export class WorkerFitRunner implements FitRunner, Disposable {
  readonly via = 'worker' as const;
  readonly workerPath: string;
  /** Start cost of the most recent worker (new Worker → ready), ms. */
  lastStartMs?: number;
  /** How many workers were started (tests: reuse). */
  startCount = 0;
  private live?: LiveWorker;
  private job?: Job;
  private nextId = 1;
  private idleTimer?: ReturnType<typeof setTimeout>;
  private readonly idleMs: number;
  private readonly cancelGraceMs: number;
  private readonly log: (m: string) => void;

  constructor(opts: WorkerFitRunnerOptions = {}) {
    this.workerPath = opts.workerPath ?? path.join(__dirname, 'fitWorker.js');
    this.idleMs = opts.idleMs ?? 10 * 60_000;
    this.cancelGraceMs = opts.cancelGraceMs ?? 300;
    this.log = opts.log ?? (() => undefined);
  }

  /** Whether the worker script exists (else the caller falls back to the in-process runner). */
  available(): boolean {
    return fs.existsSync(this.workerPath);
  }

  async run(request: FitRequest): Promise<FitRunResult> {
    const end = await this.start(request, (id, cancelFlag) => ({ type: 'run', id, specPath: request.specPath, options: this.options(request), panel: !!request.panel, cancelFlag }));
    return this.settle(end, 'done', request.specPath, (a, timings) => ({ kind: 'done', via: this.via, outcome: absoluteOutcome(a.outcome, request.specPath), panel: a.panel, timings }));
  }

  /** The spec's eight models fitted and compared (`compareSpecFile`) in the worker. */
  async compare(request: CompareRequest): Promise<CompareRunResult> {
    const end = await this.start(request, (id, cancelFlag) => ({ type: 'compare', id, specPath: request.specPath, options: this.options(request), alpha: request.alpha, panel: !!request.panel, cancelFlag }));
    return this.settle(end, 'compared', request.specPath, (a, timings) => {
      const outcome = absoluteCompareOutcome(a.outcome, request.specPath);
      return { kind: 'done', via: this.via, outcome, panels: panelsByModel(outcome, a.panels), timings };
    });
  }

  /** A job's end as the caller's result: cancelled, an internal error on the spec, or the expected answer. */
  private settle<T extends Answer['type'], R>(end: JobEnd, expected: T, specPath: string, answered: (a: Extract<Answer, { type: T }>, timings: FitRunTimings) => R) {
    if (end.kind === 'cancelled') return { kind: 'cancelled' as const, via: this.via };
    const error = (message: string) => ({ kind: 'done' as const, via: this.via, outcome: internalError(message, specPath), timings: end.timings });
    if (end.kind === 'error') return error(end.message);
    if (end.answer.type !== expected) return error(`the fit worker answered "${expected}" with "${end.answer.type}"`);
    return answered(end.answer as Extract<Answer, { type: T }>, end.timings);
  }

  private options(request: RunRequest) {
    return { rootDir: request.rootDir, overrides: request.overrides ? [...request.overrides] : undefined };
  }

  private start(request: RunRequest, message: Job['message']): Promise<JobEnd> {
    // One job at a time: a new one replaces a running one (the command has cancelled it already).
    if (this.job) this.stopWorker('a new fit started');
    clearTimeout(this.idleTimer);
    const t0 = performance.now();
    const hadWorker = !!this.live;
    const live = this.ensureWorker();
    return new Promise<JobEnd>((resolve) => {
      const job: Job = { id: this.nextId++, flag: new Int32Array(new SharedArrayBuffer(4)), resolve, request, message, t0 };
      this.job = job;
      if (request.token.isCancellationRequested) return this.finish(job, { kind: 'cancelled' });
      const sub = request.token.onCancellationRequested(() => this.cancel(job));
      const done = job.resolve;
      job.resolve = (r) => {
        sub.dispose();
        done(r);
      };
      void live.ready.then(
        (startMs) => {
          if (this.job !== job) return;
          if (!hadWorker) job.workerStartMs = startMs;
          live.worker.postMessage(job.message(job.id, job.flag.buffer as SharedArrayBuffer));
          job.posted = true;
        },
        () => undefined, // a worker that fails to start ends the job through its 'error'/'exit' handlers
      );
    });
  }

  private cancel(job: Job): void {
    if (this.job !== job) return;
    Atomics.store(job.flag, 0, 1);
    // The caller learns at once; the worker gets a grace period to stop between steps. A job not
    // sent yet (the worker was still starting) never will be: the worker stays free for the next.
    this.finish(job, { kind: 'cancelled' });
    if (!job.posted) return;
    this.pendingCancel = job.id;
    clearTimeout(this.graceTimer);
    this.graceTimer = setTimeout(() => {
      if (this.pendingCancel === job.id) this.stopWorker(`a cancelled fit did not stop within ${this.cancelGraceMs} ms`);
    }, this.cancelGraceMs);
  }

  /** The id of a cancelled job whose worker has not answered yet (the worker is busy until it does). */
  private pendingCancel?: number;
  /** Ends the worker of `pendingCancel` when it does not answer within `cancelGraceMs`. */
  private graceTimer?: ReturnType<typeof setTimeout>;

  /** The cancelled job's worker answered, or is gone. */
  private forgetCancel(): void {
    this.pendingCancel = undefined;
    clearTimeout(this.graceTimer);
  }

  private finish(job: Job, result: JobEnd): void {
    if (this.job === job) this.job = undefined;
    job.resolve(result);
    if (!this.job) this.armIdleTimer();
  }

  private armIdleTimer(): void {
    clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => {
      if (!this.job && this.pendingCancel === undefined) this.stopWorker(`idle for ${Math.round(this.idleMs / 1000)} s`);
    }, this.idleMs);
    this.idleTimer.unref?.();
  }

  private ensureWorker(): LiveWorker {
    if (this.pendingCancel !== undefined) this.stopWorker('the previous fit is still stopping');
    if (this.live) return this.live;
    const startedAt = performance.now();
    const worker = new Worker(this.workerPath, { name: 'SAR Studio fit' });
    this.startCount++;
    let markReady: (ms: number) => void = () => undefined;
    let markFailed: (e: Error) => void = () => undefined;
    const ready = new Promise<number>((resolve, reject) => {
      markReady = resolve;
      markFailed = reject;
    });
    ready.catch(() => undefined);
    const live: LiveWorker = { worker, ready, startedAt };
    this.live = live;
    worker.on('message', (m: WorkerToHost) => {
      if (m.type === 'ready') {
        live.startMs = performance.now() - startedAt;
        this.lastStartMs = live.startMs;
        this.log(`fit worker started in ${live.startMs.toFixed(0)} ms`);
        markReady(live.startMs);
        return;
      }
      this.receive(m);
    });
    const died = (why: string) => {
      markFailed(new Error(why));
      if (this.live !== live) return;
      this.live = undefined;
      this.forgetCancel();
      const job = this.job;
      if (job) this.finish(job, { kind: 'error', message: `The fit worker stopped: ${why}`, timings: { elapsedMs: performance.now() - job.t0 } });
    };
    worker.on('error', (e) => died(e instanceof Error ? e.message : String(e)));
    worker.on('exit', (code) => died(`it exited with code ${code}`));
    return live;
  }

  private receive(m: WorkerToHost): void {
    if (m.type === 'ready') return;
    if (this.pendingCancel === m.id && m.type !== 'progress') {
      this.forgetCancel(); // the cancelled run ended on its own: the worker is free again
      if (!this.job) this.armIdleTimer();
      return;
    }
    const job = this.job;
    if (!job || job.id !== m.id) return;
    switch (m.type) {
      case 'progress':
        job.request.onProgress?.(m.step, m.fraction);
        return;
      case 'cancelled':
        this.finish(job, { kind: 'cancelled' });
        return;
      case 'done':
      case 'compared':
        this.finish(job, { kind: 'answer', answer: m, timings: { elapsedMs: performance.now() - job.t0, workerStartMs: job.workerStartMs, workerMs: m.workerMs } });
        return;
      case 'failed':
        this.log(`fit worker: ${m.stack ?? m.message}`);
        this.finish(job, { kind: 'error', message: `The fit failed: ${m.message}`, timings: { elapsedMs: performance.now() - job.t0, workerStartMs: job.workerStartMs } });
        return;
    }
  }

  /** Terminates the worker; a running job ends as cancelled. */
  private stopWorker(why: string): void {
    const live = this.live;
    this.live = undefined;
    this.forgetCancel();
    const job = this.job;
    if (job) this.finish(job, { kind: 'cancelled' });
    if (live) {
      this.log(`fit worker stopped: ${why}`);
      void live.worker.terminate();
    }
  }

  dispose(): void {
    clearTimeout(this.idleTimer);
    this.stopWorker('the extension is shutting down');
  }
}
