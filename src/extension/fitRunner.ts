/**
 * Runs a fit. The command only talks to the `FitRunner` interface: `WorkerFitRunner`
 * (./workerFitRunner.ts, the default: a `worker_threads` worker) or `InProcessFitRunner` below
 * (the extension host's own thread; tests and a fallback when the worker bundle is missing).
 *
 * Problems come back with absolute `file` paths (the engine reports files relative to the
 * process's working directory), so diagnostics can be placed without guessing.
 */
import * as path from 'path';
import type * as vscode from 'vscode';
import { runSpecFile, type RunOutcome } from '../core/run';
import { CancelledError, ProblemError, type Problem } from '../core/problems';
import { loadPanelData, type PanelData } from './results/mapData';

export interface FitRequest {
  specPath: string;
  token: vscode.CancellationToken;
  /** Unsaved editor text by absolute path: the engine reads these instead of the disk. */
  overrides?: ReadonlyMap<string, string>;
  /** Files the spec names must lie inside this folder (the workspace folder). */
  rootDir?: string;
  /** Also prepare the results panel's map and W·e (`loadPanelData`). */
  panel?: boolean;
  /** Progress between engine steps: a label and a fraction in [0, 1]. */
  onProgress?: (step: string, fraction: number) => void;
}

export type FitVia = 'worker' | 'in-process';

export interface FitRunTimings {
  /** From `run()` to the answer, as the host saw it. */
  elapsedMs: number;
  /** When this run had to start a worker: from `new Worker` to its `ready` message. */
  workerStartMs?: number;
  /** Time inside the worker (engine + panel data). */
  workerMs?: number;
}

/** What a fit gives back to the command: the engine's outcome, or that it was cancelled. */
export type FitRunResult =
  | { kind: 'done'; outcome: RunOutcome; panel?: PanelData; via: FitVia; timings: FitRunTimings }
  | { kind: 'cancelled'; via: FitVia };

export interface FitRunner {
  readonly via: FitVia;
  run(request: FitRequest): Promise<FitRunResult>;
}

/** Calls the engine on the extension host thread. */
export class InProcessFitRunner implements FitRunner {
  readonly via = 'in-process';

  async run({ specPath, token, overrides, rootDir, panel, onProgress }: FitRequest): Promise<FitRunResult> {
    const t0 = performance.now();
    const cancelled: FitRunResult = { kind: 'cancelled', via: this.via };
    try {
      const outcome = await runSpecFile(specPath, {
        isCancelled: () => token.isCancellationRequested,
        onProgress,
        overrides,
        rootDir,
      });
      if (token.isCancellationRequested) return cancelled;
      const panelData = panel && outcome.result ? await loadPanelData(specPath, outcome.result, { rootDir, overrides }) : undefined;
      return { kind: 'done', outcome: absoluteOutcome(outcome, specPath), panel: panelData, via: this.via, timings: { elapsedMs: performance.now() - t0 } };
    } catch (err) {
      if (err instanceof CancelledError || token.isCancellationRequested) return cancelled;
      return { kind: 'done', outcome: { problems: absoluteProblems(problemsFromError(err, specPath), specPath) }, via: this.via, timings: { elapsedMs: performance.now() - t0 } };
    }
  }
}

/** A thrown error becomes problems: a ProblemError carries them, anything else is one error on the spec. */
export function problemsFromError(err: unknown, specPath: string): Problem[] {
  if (err instanceof ProblemError) return err.problems;
  const message = err instanceof Error ? err.message : String(err);
  return [{ severity: 'error', message: `The fit failed: ${message}`, file: specPath, code: 'internal' }];
}

/**
 * Problems with absolute file paths: the engine names files relative to the working directory
 * (`process.cwd()`, shared by the host and its workers) or absolutely; no file means the spec.
 */
export function absoluteProblems(problems: readonly Problem[], specPath: string): Problem[] {
  return problems.map((p) => ({ ...p, file: p.file ? path.resolve(p.file) : specPath }));
}

export function absoluteOutcome(outcome: RunOutcome, specPath: string): RunOutcome {
  const problems = absoluteProblems(outcome.problems, specPath);
  if (outcome.result) outcome.result.warnings = absoluteProblems(outcome.result.warnings, specPath);
  return { ...outcome, problems };
}
