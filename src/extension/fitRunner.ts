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
import { compareSpecFile, type CompareOutcome } from '../core/compare/run';
import { CancelledError, ProblemError, type Problem } from '../core/problems';
import type { ModelType } from '../core/spec/types';
import { loadPanelData, loadPanelDataForFits, type PanelData } from './results/mapData';

/** What a fit and a comparison share: the spec, cancellation, the files' scope, progress. */
export interface RunRequest {
  specPath: string;
  token: vscode.CancellationToken;
  /** Unsaved editor text by absolute path: the engine reads these instead of the disk. */
  overrides?: ReadonlyMap<string, string>;
  /** Files the spec names must lie inside this folder (the workspace folder). */
  rootDir?: string;
  /** Also prepare the results panel's map and W·e (`loadPanelData`; a comparison: for every model). */
  panel?: boolean;
  /** Progress between engine steps: a label and a fraction in [0, 1]. */
  onProgress?: (step: string, fraction: number) => void;
}

export type FitRequest = RunRequest;

export interface CompareRequest extends RunRequest {
  /** Significance level of the recommendation's tests (default 0.05). */
  alpha?: number;
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

/** What a comparison gives back: the engine's outcome (every model's fit), or that it was cancelled. */
export type CompareRunResult =
  | { kind: 'done'; outcome: CompareOutcome; panels?: Map<ModelType, PanelData>; via: FitVia; timings: FitRunTimings }
  | { kind: 'cancelled'; via: FitVia };

export interface FitRunner {
  readonly via: FitVia;
  run(request: FitRequest): Promise<FitRunResult>;
  compare(request: CompareRequest): Promise<CompareRunResult>;
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

  async compare({ specPath, token, overrides, rootDir, panel, onProgress, alpha }: CompareRequest): Promise<CompareRunResult> {
    const t0 = performance.now();
    const cancelled: CompareRunResult = { kind: 'cancelled', via: this.via };
    try {
      const outcome = await compareSpecFile(specPath, { isCancelled: () => token.isCancellationRequested, onProgress, overrides, rootDir, alpha });
      if (token.isCancellationRequested) return cancelled;
      const panels = panel && outcome.fits ? await loadPanelDataForFits(specPath, [...outcome.fits.values()], { rootDir, overrides }) : undefined;
      const abs = absoluteCompareOutcome(outcome, specPath);
      return { kind: 'done', outcome: abs, panels: panelsByModel(abs, panels), via: this.via, timings: { elapsedMs: performance.now() - t0 } };
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

/** A comparison's problems and every fit's warnings with absolute file paths (as `absoluteOutcome`). */
export function absoluteCompareOutcome(outcome: CompareOutcome, specPath: string): CompareOutcome {
  for (const r of outcome.fits?.values() ?? []) r.warnings = absoluteProblems(r.warnings, specPath);
  return { ...outcome, problems: absoluteProblems(outcome.problems, specPath) };
}

/** The panel data of each model, from `loadPanelDataForFits` over the fits in their map order. */
export function panelsByModel(outcome: CompareOutcome, panels: readonly PanelData[] | undefined): Map<ModelType, PanelData> | undefined {
  if (!panels || !outcome.fits) return undefined;
  const models = [...outcome.fits.keys()];
  return new Map(models.map((m, i) => [m, panels[i]]));
}

/** An outcome with one error on the spec that is not the input's fault (a crashed worker, a bug). */
export function internalError(message: string, specPath: string): { problems: Problem[] } {
  return { problems: [{ severity: 'error', message, file: specPath, code: 'internal' }] };
}
