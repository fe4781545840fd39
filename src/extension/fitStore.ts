/**
 * The last fit of each spec: what the CodeLens, hovers, "Export results" and "Show results" read.
 * Kept for the session only (a result is cheap to recompute and may be large).
 */
import * as vscode from 'vscode';
import type { Problem } from '../core/problems';
import type { FitResult } from '../core/result';
import type { ResultsExtras } from './results';

export interface StoredFit {
  specUri: vscode.Uri;
  result: FitResult;
  /** The outcome's problems (absolute file paths). */
  problems: Problem[];
  /** The spec's text that was fitted (editor text with unsaved edits, else the file). */
  specText?: string;
  fittedAt: Date;
  /** The results panel's extra data (map, W·e, data rows), from the worker. */
  extras?: ResultsExtras;
}

export class FitStore implements vscode.Disposable {
  private readonly fits = new Map<string, StoredFit>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  /** Fires with the spec whose last fit changed. */
  readonly onDidChange = this.changed.event;

  get(specUri: vscode.Uri): StoredFit | undefined {
    return this.fits.get(specUri.toString());
  }

  set(fit: StoredFit): void {
    this.fits.set(fit.specUri.toString(), fit);
    this.changed.fire(fit.specUri);
  }

  all(): StoredFit[] {
    return [...this.fits.values()];
  }

  dispose(): void {
    this.changed.dispose();
    this.fits.clear();
  }
}
