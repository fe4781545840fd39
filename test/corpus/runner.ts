/**
 * Runs corpus cases on a small pool of worker threads, each case under a time bound: a case that
 * outlives it has its worker terminated (which stops even a synchronous loop) and is reported as
 * timed out; a worker that dies (e.g. out of memory) is replaced and the case reported as crashed.
 */
import * as path from 'path';
import { Worker } from 'worker_threads';
import type { CaseReply, CaseRequest } from './worker';

export interface CaseOutcome {
  code?: number;
  stdout: string;
  stderr: string;
  ms: number;
  timedOut?: boolean;
  /** The worker died, or main() threw. */
  crashed?: string;
}

export interface RunOptions {
  workers: number;
  /** Time bound of each case. */
  timeoutMs: (index: number) => number;
  /** Heap limit of each worker. */
  maxHeapMb?: number;
}

const WORKER = path.join(__dirname, 'worker.js');

export async function runCases(argvs: readonly string[][], opts: RunOptions): Promise<CaseOutcome[]> {
  const out: CaseOutcome[] = new Array(argvs.length);
  let next = 0;
  const spawn = () => new Worker(WORKER, { resourceLimits: { maxOldGenerationSizeMb: opts.maxHeapMb ?? 2048 }, stdout: true, stderr: true });

  const lane = async () => {
    let worker = spawn();
    try {
      while (next < argvs.length) {
        const id = next++;
        const t0 = performance.now();
        out[id] = await new Promise<CaseOutcome>((resolve) => {
          let settled = false;
          const done = (o: CaseOutcome) => {
            if (settled) return;
            settled = true;
            clearTimeout(timer);
            worker.off('message', onMessage);
            worker.off('error', onError);
            worker.off('exit', onExit);
            resolve(o);
          };
          const replace = () => {
            void worker.terminate();
            worker = spawn();
          };
          const onMessage = (r: CaseReply) => {
            if (r.id === id) done({ code: r.code, stdout: r.stdout, stderr: r.stderr, ms: r.ms, crashed: r.threw });
          };
          const onError = (e: Error) => {
            done({ stdout: '', stderr: '', ms: performance.now() - t0, crashed: `${e.name}: ${e.message}` });
            replace();
          };
          const onExit = (code: number) => {
            done({ stdout: '', stderr: '', ms: performance.now() - t0, crashed: `worker exited with ${code}` });
            replace();
          };
          const timer = setTimeout(() => {
            done({ stdout: '', stderr: '', ms: performance.now() - t0, timedOut: true });
            replace();
          }, opts.timeoutMs(id));
          worker.on('message', onMessage);
          worker.on('error', onError);
          worker.on('exit', onExit);
          worker.postMessage({ id, argv: argvs[id] } satisfies CaseRequest);
        });
      }
    } finally {
      await worker.terminate();
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, opts.workers) }, lane));
  return out;
}
