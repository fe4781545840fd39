/**
 * What `activate` returns (`vscode.extensions.getExtension('sar-studio.sar-studio').exports`):
 * read-only views for tests and for other extensions.
 */
import type * as vscode from 'vscode';
import type { ShowComparisonMessage, ShowResultsMessage } from '../protocol';
import type { StoredFit } from './fitStore';
import type { FitVia } from './fitRunner';
import type { Services } from './services';
import type { SpecValidation } from './validation';
import { WorkerFitRunner } from './workerFitRunner';

export interface SarStudioApi {
  /** The last fit of a spec in this session. */
  lastFit(specUri: vscode.Uri): StoredFit | undefined;
  /** What the spec's results panel shows (undefined when no panel is open). */
  resultsShown(specUri: vscode.Uri): ShowResultsMessage | undefined;
  /** What the spec's comparison panel shows (undefined when none is open). */
  comparisonShown(specUri: vscode.Uri): ShowComparisonMessage | undefined;
  /** Which runner fits, and the fit worker's start cost / starts so far. */
  runner(): { via: FitVia; workerStartMs?: number; workerStarts?: number };
  /** Validations run as the user typed (a counter). */
  validations(): number;
}

export function createApi(s: Services, validation: SpecValidation): SarStudioApi {
  return {
    lastFit: (uri) => s.store.get(uri),
    resultsShown: (uri) => s.results.get(uri)?.shown,
    comparisonShown: (uri) => s.comparisons?.get(uri)?.shown,
    runner: () => (s.runner instanceof WorkerFitRunner ? { via: s.runner.via, workerStartMs: s.runner.lastStartMs, workerStarts: s.runner.startCount } : { via: s.runner.via }),
    validations: () => validation.runs,
  };
}
