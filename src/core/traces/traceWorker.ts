/** Entry of the helper thread (traces/helperThread): runs each task it is sent unless cancelled, replies, raises the flag. */
import { workerData, type MessagePort } from 'worker_threads';
import { DONE, POSTED, runHelperTask, SEQ, STATE, TAKEN, type HelperTask } from './helperTasks';

const { port, control } = workerData as { port: MessagePort; control: Int32Array };
port.on('message', ({ seq, task }: { seq: number; task: HelperTask }) => {
  if (Atomics.load(control, SEQ) !== seq || Atomics.compareExchange(control, STATE, POSTED, TAKEN) !== POSTED) return; // cancelled
  try {
    port.postMessage(runHelperTask(task));
  } catch (e) {
    port.postMessage({ error: String(e) });
  } finally {
    Atomics.store(control, STATE, DONE);
    Atomics.notify(control, STATE);
  }
});
