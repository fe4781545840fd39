/**
 * Runs corpus cases in a worker thread: the real CLI `main()` in-process, with its output
 * captured. A worker can be terminated even while the engine loops, which is what enforces the
 * per-case time bound (test/corpus/runner.ts).
 */
import { parentPort } from 'worker_threads';
import { main } from '../../src/cli/main';

export interface CaseRequest {
  id: number;
  argv: string[];
}

export interface CaseReply {
  id: number;
  code: number;
  stdout: string;
  stderr: string;
  ms: number;
  /** main() threw (it must never: it resolves to an exit code). */
  threw?: string;
}

parentPort?.on('message', (req: CaseRequest) => {
  let stdout = '';
  let stderr = '';
  const t0 = performance.now();
  const reply = (code: number, threw?: string) => parentPort!.postMessage({ id: req.id, code, stdout, stderr, ms: performance.now() - t0, threw } satisfies CaseReply);
  main(req.argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), stderrIsTTY: false, env: {} }).then(
    (code) => reply(code),
    (e: unknown) => reply(1, e instanceof Error ? `${e.name}: ${e.message}` : String(e)),
  );
});
