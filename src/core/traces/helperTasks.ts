/** The tasks the helper thread (traces/helperThread) runs — plain data in, plain data out — and the states of a task. */
import type { Csr } from '../sparse/csr';
import { localTraces } from './local';
import { knnRange, type KnnTask } from '../weights/kdtree';

/** control[STATE] of the current task; control[SEQ] its number (the message of a cancelled task is skipped). */
export const STATE = 0;
export const SEQ = 1;
export const POSTED = 0;
export const DONE = 1;
export const TAKEN = 2;
export const CANCELLED = 3;

export type HelperTask =
  | { kind: 'localTraces'; a: Csr; at: Csr; order: number; maxHops: number }
  /** Writes its results into the task's shared arrays. */
  | ({ kind: 'knn' } & KnnTask);
export type HelperReply = { traces: Float64Array } | Record<string, never>;

export function runHelperTask(task: HelperTask): HelperReply {
  switch (task.kind) {
    case 'localTraces':
      // (`at` is `a` itself for symmetric A; a message keeps that identity.)
      return { traces: localTraces(task.a, task.at, task.order, task.maxHops) };
    case 'knn':
      knnRange(task);
      return {};
  }
}
