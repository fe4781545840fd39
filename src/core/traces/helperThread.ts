/**
 * The second core for the trace kernels: one `worker_threads` helper (dist/traceWorker.js, or the
 * compiled traceWorker.js beside this module), started on first use and kept, runs a task while
 * this thread runs another, and this thread then waits for its result synchronously (Atomics.wait
 * on a shared flag, `receiveMessageOnPort`), so the engine's API stays synchronous. The task runs
 * the same code as inline, so results do not depend on whether the helper ran it: without a
 * helper (no worker file, a helper that failed or does not answer), or when the helper has not
 * taken the task up by the time `wait` is called (it is still starting), `wait` computes it here.
 */
import * as fs from 'fs';
import * as path from 'path';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'worker_threads';
import { CANCELLED, DONE, POSTED, runHelperTask, SEQ, STATE, TAKEN, type HelperReply, type HelperTask } from './helperTasks';

/** How long to wait for the helper before computing the task here instead (a stuck or starved helper). */
const HELPER_PATIENCE_MS = 120_000;

interface Helper {
  worker: Worker;
  port: MessagePort;
  control: Int32Array;
  busy: boolean;
}

let helper: Helper | undefined | null; // null: tried and unavailable

function startHelper(): Helper | undefined {
  if (helper !== undefined) return helper ?? undefined;
  helper = null;
  const file = path.join(__dirname, 'traceWorker.js');
  if (!fs.existsSync(file)) return undefined;
  try {
    const control = new Int32Array(new SharedArrayBuffer(8));
    control[STATE] = CANCELLED;
    const { port1, port2 } = new MessageChannel();
    const worker = new Worker(file, { workerData: { port: port2, control }, transferList: [port2] });
    worker.unref(); // an idle helper does not keep the process alive
    port1.unref();
    worker.on('error', () => (helper = null));
    worker.on('exit', () => (helper = null));
    helper = { worker, port: port1, control, busy: false };
    return helper;
  } catch {
    return undefined;
  }
}

/** Starts the helper thread ahead of its first task (it takes ~50–200 ms to start). */
export function warmHelper(): void {
  startHelper();
}

/** A task handed to the helper (or kept for this thread); `wait()` returns its result. */
export interface Pending<T> {
  /** Whether the helper thread took the task (else `wait` computes it on this thread). */
  readonly onHelper: boolean;
  wait(): T;
}

/**
 * Starts `task` on the helper thread when there is one (and it is idle); the caller does its own
 * work and then calls `wait()`. Typed arrays in the task are copied to the helper unless they
 * live on a SharedArrayBuffer.
 */
export function startOnHelper<T extends HelperReply>(task: HelperTask): Pending<T> {
  const inline = { onHelper: false, wait: () => runHelperTask(task) as T };
  const h = startHelper();
  if (!h || h.busy) return inline;
  h.busy = true;
  const seq = (h.control[SEQ] + 1) | 0;
  Atomics.store(h.control, SEQ, seq);
  Atomics.store(h.control, STATE, POSTED);
  h.port.postMessage({ seq, task });
  return {
    onHelper: true,
    wait: () => {
      try {
        // Not taken up yet: cancelled, and computed here.
        if (Atomics.compareExchange(h.control, STATE, POSTED, CANCELLED) === POSTED) return inline.wait();
        const deadline = performance.now() + HELPER_PATIENCE_MS;
        while (Atomics.load(h.control, STATE) === TAKEN && performance.now() < deadline) Atomics.wait(h.control, STATE, TAKEN, 1000);
        const reply = Atomics.load(h.control, STATE) === DONE ? receiveMessageOnPort(h.port) : undefined;
        if (!reply || 'error' in reply.message) {
          // A helper that fails or does not answer is not used again; the task runs here.
          if (!reply) void h.worker.terminate();
          helper = null;
          return inline.wait();
        }
        return reply.message as T;
      } finally {
        h.busy = false;
      }
    },
  };
}
