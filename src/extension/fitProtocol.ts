/**
 * Messages between the extension host and the fit worker (src/extension/fitWorker.ts). Plain
 * structured-clone data: no `vscode` types, no class instances.
 */
import type { RunOutcome } from '../core/run';
import type { CompareOutcome } from '../core/compare/run';
import type { PanelData } from './results/mapData';

export interface WorkerRunOptions {
  /** Files the spec names must lie inside this folder (the workspace folder). */
  rootDir?: string;
  /** Unsaved editor text by absolute path. */
  overrides?: [string, string][];
}

export interface WorkerRunRequest {
  type: 'run';
  id: number;
  specPath: string;
  options: WorkerRunOptions;
  /** Also read the map geometry and W·e for the results panel (off the host thread). */
  panel: boolean;
  /** Int32Array(1) over it: the host stores 1 to cancel; the engine checks it between steps. */
  cancelFlag: SharedArrayBuffer;
}

/** Fit the spec's eight models and compare them (`compareSpecFile`). */
export interface WorkerCompareRequest {
  type: 'compare';
  id: number;
  specPath: string;
  options: WorkerRunOptions;
  alpha?: number;
  /** Also the results panel's map and W·e of every model ("Open results" without a refit). */
  panel: boolean;
  cancelFlag: SharedArrayBuffer;
}

export type HostToWorker = WorkerRunRequest | WorkerCompareRequest;

export type WorkerToHost =
  /** Sent once the worker's modules are loaded (the host times `new Worker` → ready). */
  | { type: 'ready' }
  | { type: 'progress'; id: number; step: string; fraction: number }
  | { type: 'done'; id: number; outcome: RunOutcome; panel?: PanelData; workerMs: number }
  /** A comparison's answer; `panels` in the order of `outcome.fits` (a Map: structured clone keeps it). */
  | { type: 'compared'; id: number; outcome: CompareOutcome; panels?: PanelData[]; workerMs: number }
  | { type: 'cancelled'; id: number }
  /** An unexpected exception (a bug, out of memory): not a problem with the user's input. */
  | { type: 'failed'; id: number; message: string; stack?: string };
