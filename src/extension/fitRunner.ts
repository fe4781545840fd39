/**
 * Runs a fit. The command only talks to the `FitRunner` interface, so the in-process runner
 * below can be swapped for a `worker_threads` one without touching the command.
 */
import * as vscode from 'vscode';
import { runSpecFile, type RunOutcome } from '../core/run';
import { CancelledError, ProblemError, type Problem } from '../core/problems';

export interface FitRequest {
  specPath: string;
  token: vscode.CancellationToken;
  /** Unsaved editor text by absolute path: the engine reads these instead of the disk. */
  overrides?: ReadonlyMap<string, string>;
  /** Progress between engine steps: a label and a fraction in [0, 1]. */
  onProgress?: (step: string, fraction: number) => void;
}

/** What a fit gives back to the command: the engine's outcome, or that it was cancelled. */
export type FitRunResult = { kind: 'done'; outcome: RunOutcome } | { kind: 'cancelled' };

export interface FitRunner {
  run(request: FitRequest): Promise<FitRunResult>;
}

/** Calls the engine on the extension host thread. */
export class InProcessFitRunner implements FitRunner {
  async run({ specPath, token, overrides, onProgress }: FitRequest): Promise<FitRunResult> {
    try {
      const outcome = await runSpecFile(specPath, {
        isCancelled: () => token.isCancellationRequested,
        onProgress,
        overrides,
      });
      return token.isCancellationRequested ? { kind: 'cancelled' } : { kind: 'done', outcome };
    } catch (err) {
      if (err instanceof CancelledError || token.isCancellationRequested) return { kind: 'cancelled' };
      return { kind: 'done', outcome: { problems: problemsFromError(err, specPath) } };
    }
  }
}

/** A thrown error becomes problems: a ProblemError carries them, anything else is one error on the spec. */
export function problemsFromError(err: unknown, specPath: string): Problem[] {
  if (err instanceof ProblemError) return err.problems;
  const message = err instanceof Error ? err.message : String(err);
  return [{ severity: 'error', message: `The fit failed: ${message}`, file: specPath, code: 'internal' }];
}
