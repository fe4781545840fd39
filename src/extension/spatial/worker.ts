/**
 * The spatial views' worker (esbuild entry → dist/spatialWorker.js): builds the weights
 * inspector's and the local statistics' data on a `worker_threads` thread, so that neither the
 * extension host nor the webview blocks on a summary of 10⁵ observations or 999 permutations.
 * Jobs run one at a time, in order. No `vscode` import.
 */
import { parentPort } from 'worker_threads';
import { ProblemError } from '../../core/problems';
import type { SpatialJob, SpatialJobAnswer } from './jobs';
import { runSpatialJob } from './jobs';

const port = parentPort;

if (port) {
  let queue: Promise<void> = Promise.resolve();
  port.on('message', (job: SpatialJob) => {
    queue = queue.then(async () => {
      const t0 = performance.now();
      let answer: SpatialJobAnswer;
      try {
        answer = { id: job.id, ...(await runSpatialJob(job)), ms: performance.now() - t0 };
      } catch (e) {
        answer = e instanceof ProblemError
          ? { id: job.id, problems: e.problems, ms: performance.now() - t0 }
          : { id: job.id, problems: [], failed: e instanceof Error ? e.stack ?? e.message : String(e), ms: performance.now() - t0 };
      }
      port.postMessage(answer);
    });
  });
}
