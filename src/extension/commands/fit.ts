/**
 * "SAR Studio: Fit SAR model": fits the spec given as argument (a Uri, e.g. from the editor
 * title, the spec editor's button or a test) or the active one, with a cancellable progress
 * notification; reports to the output channel, the status bar and the Problems panel.
 *
 * Returns a `FitCommandOutcome` (the engine's RunOutcome plus the spec and whether it was
 * cancelled), so tests can run `executeCommand('sarStudio.fit', uri)` and inspect the result.
 */
import * as path from 'path';
import * as vscode from 'vscode';
import type { RunOutcome } from '../../core/run';
import type { ProblemDiagnostics } from '../diagnostics';
import type { FitRunner } from '../fitRunner';
import type { SarOutput } from '../output';
import { outcomeHeadline, outcomeReport } from '../report';
import { activeSpecUri, isSpecUri } from '../specFiles';
import type { FitStatusBar } from '../statusBar';
import { FIT_COMMAND } from './ids';

export { FIT_COMMAND };

export interface FitCommandOutcome extends RunOutcome {
  /** The spec that was fitted (fsPath). */
  specPath: string;
  cancelled: boolean;
}

export interface FitDeps {
  runner: FitRunner;
  output: SarOutput;
  diagnostics: ProblemDiagnostics;
  statusBar: FitStatusBar;
}

export function registerFitCommand(deps: FitDeps): vscode.Disposable {
  let current: vscode.CancellationTokenSource | undefined;

  const command = vscode.commands.registerCommand(FIT_COMMAND, async (arg?: unknown): Promise<FitCommandOutcome | undefined> => {
    const uri = arg instanceof vscode.Uri ? arg : activeSpecUri();
    if (!isSpecUri(uri)) {
      void vscode.window.showWarningMessage('SAR Studio: open a .sar.json spec to fit it.');
      return undefined;
    }
    if (uri.scheme !== 'file') {
      void vscode.window.showWarningMessage(`SAR Studio: can only fit specs on disk (got ${uri.scheme}:).`);
      return undefined;
    }
    // Unsaved edits (the spec, a CSV open in an editor) win over the files on disk.
    const overrides = new Map<string, string>();
    for (const d of vscode.workspace.textDocuments) {
      if (d.isDirty && d.uri.scheme === 'file') overrides.set(d.uri.fsPath, d.getText());
    }

    // A new fit supersedes a running one.
    current?.cancel();
    const source = new vscode.CancellationTokenSource();
    current = source;
    const specPath = uri.fsPath;
    const name = path.basename(specPath);
    deps.statusBar.running(name);
    try {
      const result = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: `SAR Studio: fitting ${name}`, cancellable: true },
        async (progress, token) => {
          const sub = token.onCancellationRequested(() => source.cancel());
          let reported = 0;
          try {
            return await deps.runner.run({
              specPath,
              token: source.token,
              overrides,
              onProgress: (step, fraction) => {
                const pct = Math.max(0, Math.min(100, fraction * 100));
                progress.report({ message: step, increment: Math.max(0, pct - reported) });
                reported = Math.max(reported, pct);
              },
            });
          } finally {
            sub.dispose();
          }
        },
      );
      if (result.kind === 'cancelled') {
        if (current === source) deps.statusBar.cancelled();
        deps.output.appendBlock(`${name}: cancelled`, []);
        return { specPath, cancelled: true, problems: [] };
      }
      const outcome = result.outcome;
      deps.diagnostics.set(uri, outcome.problems);
      deps.output.appendBlock(`${name}: ${outcome.result ? 'fitted' : 'failed'}`, [...outcomeReport(outcome), '', outcomeHeadline(name, outcome)]);
      if (current === source) deps.statusBar.finished(outcome);
      if (!outcome.result) {
        const first = outcome.problems.find((p) => p.severity === 'error');
        void vscode.window
          .showErrorMessage(`SAR Studio: ${name} could not be fitted${first ? `. ${first.message}` : ''}`, 'Show Output')
          .then((choice) => { if (choice) deps.output.show(); });
      }
      return { ...outcome, specPath, cancelled: false };
    } finally {
      if (current === source) current = undefined;
      source.dispose();
    }
  });

  return vscode.Disposable.from(command, { dispose: () => current?.cancel() });
}
