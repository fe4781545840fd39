/**
 * "SAR Studio: Fit SAR model": fits the spec given as argument (a Uri, e.g. from the editor
 * title, the CodeLens, the spec editor's button or a test) or the active one, in the fit worker,
 * with a cancellable progress notification; reports to the output channel, the status bar, the
 * Problems panel, the results panel and the store of last fits (CodeLens, hovers, exports).
 *
 * Returns a `FitCommandOutcome` (the engine's RunOutcome plus the spec, whether it was cancelled
 * and which runner fitted it), so tests can run `executeCommand('sarStudio.fit', uri)` and
 * inspect the result. Returns undefined when nothing was fitted (no spec, or the user declined).
 *
 * Files outside the spec's workspace folder are refused by the engine (`rootDir`, ../runScope.ts). A
 * spec outside every workspace folder is fitted only after the user agrees, reading files beside it
 * only. Automatic fits (on save) never ask: they skip such specs and untrusted workspaces.
 */
import * as path from 'path';
import * as vscode from 'vscode';
import type { RunOutcome } from '../../core/run';
import type { FitRunTimings, FitVia } from '../fitRunner';
import { outcomeHeadline, outcomeReport } from '../report';
import type { Fitter, Services } from '../services';
import { activeSpecUri, isSpecUri } from '../specFiles';
import { withEngineProgress } from '../engineProgress';
import { runScope } from '../runScope';
import { dirtyOverrides, readSpecText } from '../workspaceFiles';
import { FIT_COMMAND } from './ids';

export { FIT_COMMAND };

export interface FitCommandOutcome extends RunOutcome {
  /** The spec that was fitted (fsPath). */
  specPath: string;
  cancelled: boolean;
  /** Which runner fitted it. */
  via?: FitVia;
  timings?: FitRunTimings;
}

export interface FitOptions {
  /** A fit the user did not ask for right now (fit on save): no dialogs, no new panel. */
  automatic?: boolean;
}

export class FitController implements Fitter, vscode.Disposable {
  private current?: vscode.CancellationTokenSource;

  constructor(private readonly s: Services) {}

  async fit(uri: vscode.Uri, opts: FitOptions = {}): Promise<FitCommandOutcome | undefined> {
    const { s } = this;
    const automatic = !!opts.automatic;
    const name = path.basename(uri.path);
    const rootDir = await runScope(uri, { verb: 'fit', automatic });
    if (!rootDir) return undefined;
    // Unsaved edits (the spec, a CSV open in an editor) win over the files on disk.
    const overrides = dirtyOverrides();
    const specText = await readSpecText(uri);

    // A new fit supersedes a running one.
    this.current?.cancel();
    const source = new vscode.CancellationTokenSource();
    this.current = source;
    const specPath = uri.fsPath;
    s.statusBar.running(name);
    s.results.setStatus(uri, 'fitting');
    try {
      const result = await withEngineProgress({ title: `SAR Studio: fitting ${name}`, automatic }, source, (onProgress) =>
        s.runner.run({ specPath, token: source.token, overrides, rootDir, panel: true, onProgress }));
      if (result.kind === 'cancelled') {
        if (this.current === source) {
          s.statusBar.cancelled();
          s.results.setStatus(uri, 'idle');
        }
        s.output.appendBlock(`${name}: cancelled`, []);
        return { specPath, cancelled: true, problems: [], via: result.via };
      }
      const { outcome, panel, timings } = result;
      s.diagnostics.setFit(uri, outcome.problems, specText);
      const timing = timings.workerMs !== undefined
        ? `Fitted in the fit worker: ${timings.elapsedMs.toFixed(0)} ms round trip (${timings.workerMs.toFixed(0)} ms in the worker)${timings.workerStartMs !== undefined ? `, after starting the worker in ${timings.workerStartMs.toFixed(0)} ms` : ''}.`
        : `Fitted on the extension host's thread in ${timings.elapsedMs.toFixed(0)} ms.`;
      for (const note of panel?.notes ?? []) s.output.appendLine(`Results panel: ${note}`);
      s.output.appendBlock(`${name}: ${outcome.result ? 'fitted' : 'failed'}`, [...outcomeReport(outcome), '', timing, outcomeHeadline(name, outcome)]);
      if (this.current === source) s.statusBar.finished(outcome);
      if (outcome.result) {
        s.store.set({ specUri: uri, result: outcome.result, problems: outcome.problems, specText, fittedAt: new Date(), extras: panel });
        if (!automatic) s.results.show(uri, outcome.result, panel);
        else s.results.get(uri)?.show(outcome.result, panel, false);
      } else {
        const first = outcome.problems.find((p) => p.severity === 'error');
        s.results.setStatus(uri, 'failed', first?.message);
        if (!automatic) {
          void vscode.window
            .showErrorMessage(`SAR Studio: ${name} could not be fitted${first ? `. ${first.message}` : ''}`, 'Show Output')
            .then((choice) => { if (choice) s.output.show(); });
        }
      }
      return { ...outcome, specPath, cancelled: false, via: result.via, timings };
    } finally {
      if (this.current === source) this.current = undefined;
      source.dispose();
    }
  }

  dispose(): void {
    this.current?.cancel();
  }
}

/** Registers `sarStudio.fit` and puts the controller into `s.fitter` (fit on save, refit from the panel). */
export function registerFitCommand(context: vscode.ExtensionContext, s: Services): FitController {
  const controller = new FitController(s);
  s.fitter = controller;
  context.subscriptions.push(
    controller,
    vscode.commands.registerCommand(FIT_COMMAND, async (arg?: unknown): Promise<FitCommandOutcome | undefined> => {
      const uri = arg instanceof vscode.Uri ? arg : activeSpecUri();
      if (!uri || !isSpecUri(uri)) {
        void vscode.window.showWarningMessage('SAR Studio: open a .sar.json spec to fit it.');
        return undefined;
      }
      return controller.fit(uri);
    }),
  );
  return controller;
}
