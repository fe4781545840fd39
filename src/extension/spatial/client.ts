/**
 * Sends spatial jobs to the spatial worker (dist/spatialWorker.js, started on first use and
 * kept; stopped after `idleMs` without a job) and resolves each with its answer. A crashed
 * worker fails its pending jobs and is restarted by the next one. Without the bundle (tests
 * under tsc) jobs run on this thread. No `vscode` import.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Worker } from 'worker_threads';
import { runSpatialJob, type SpatialJob, type SpatialJobAnswer } from './jobs';

type Pending = { resolve(a: SpatialJobAnswer): void };
/** A job without its id (the client numbers them). */
export type SpatialJobRequest = SpatialJob extends infer J ? (J extends SpatialJob ? Omit<J, 'id'> : never) : never;

export class SpatialWorkerClient {
  readonly workerPath: string;
  private worker?: Worker;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private idleTimer?: ReturnType<typeof setTimeout>;

  constructor(private readonly opts: { workerPath?: string; idleMs?: number; log?: (m: string) => void } = {}) {
    this.workerPath = opts.workerPath ?? path.join(__dirname, 'spatialWorker.js');
  }

  async run(request: SpatialJobRequest): Promise<SpatialJobAnswer> {
    const job = { ...request, id: this.nextId++ } as SpatialJob;
    if (!fs.existsSync(this.workerPath)) {
      const t0 = performance.now();
      return { id: job.id, ...(await runSpatialJob(job)), ms: performance.now() - t0 };
    }
    clearTimeout(this.idleTimer);
    const worker = this.ensureWorker();
    return new Promise<SpatialJobAnswer>((resolve) => {
      this.pending.set(job.id, { resolve });
      worker.postMessage(job);
    });
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(this.workerPath, { name: 'SAR Studio spatial views' });
    this.worker = worker;
    worker.on('message', (a: SpatialJobAnswer) => {
      const p = this.pending.get(a.id);
      if (!p) return;
      this.pending.delete(a.id);
      p.resolve(a);
      if (!this.pending.size) this.armIdle();
    });
    const died = (why: string) => {
      if (this.worker !== worker) return;
      this.worker = undefined;
      this.opts.log?.(`spatial worker stopped: ${why}`);
      for (const [id, p] of this.pending) p.resolve({ id, problems: [], failed: `the spatial worker stopped: ${why}`, ms: 0 });
      this.pending.clear();
    };
    worker.on('error', (e) => died(e instanceof Error ? e.message : String(e)));
    worker.on('exit', (code) => died(`it exited with code ${code}`));
    return worker;
  }

  private armIdle(): void {
    clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => this.stop(), this.opts.idleMs ?? 5 * 60_000);
    this.idleTimer.unref?.();
  }

  private stop(): void {
    const w = this.worker;
    this.worker = undefined;
    if (w) void w.terminate();
  }

  dispose(): void {
    clearTimeout(this.idleTimer);
    for (const [id, p] of this.pending) p.resolve({ id, problems: [], failed: 'the extension is shutting down', ms: 0 });
    this.pending.clear();
    this.stop();
  }
}
