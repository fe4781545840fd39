/**
 * "SAR Studio: Compare models": fits the spec's data and weights by all eight models of the
 * family in the fit worker (`compareSpecFile`), with a cancellable progress notification as the
 * fit has, writes the comparison's text report (the CLI's `compare`) to the output channel and
 * shows the comparison panel. Reached from the palette, the CodeLens, the results panel and the
 * spec editor (each passes the spec's Uri).
 *
 * Returns a `CompareCommandOutcome` (the engine's outcome plus the spec and whether it was
 * cancelled) so tests can run `executeCommand('sarStudio.compare', uri)`; undefined when nothing
 * ran (no spec, or the user declined).
 */
import * as path from 'path';
import * as vscode from 'vscode';
import type { CompareOutcome } from '../../core/compare/run';
import { formatProblem } from '../../core/problems';
import { formatComparison } from '../../core/report/compare';
import type { FitVia } from '../fitRunner';
import { withEngineProgress } from '../engineProgress';
import { runScope } from '../runScope';
import type { Services } from '../services';
import { activeSpecUri, isSpecUri } from '../specFiles';
import { dirtyOverrides, readSpecText } from '../workspaceFiles';
import { COMPARE_COMMAND } from '../commands/ids';
import { ComparisonPanels } from './panel';
import { specModelOf, writeSpecModel } from './specModel';

/** Test-only (outside production mode): send the spec's comparison panel a message as its page would. */
export const COMPARE_TEST_MESSAGE_COMMAND = 'sarStudio.compare.testMessage';

export interface CompareCommandOutcome extends CompareOutcome {
  specPath: string;
  cancelled: boolean;
  via?: FitVia;
}

export class CompareController implements vscode.Disposable {
  private current?: vscode.CancellationTokenSource;

  constructor(private readonly s: Services, private readonly panels: ComparisonPanels) {}

  async compare(uri: vscode.Uri): Promise<CompareCommandOutcome | undefined> {
    const { s } = this;
    const name = path.basename(uri.path);
    const rootDir = await runScope(uri, { verb: 'compare the models of' });
    if (!rootDir) return undefined;
    const overrides = dirtyOverrides();
    const specText = await readSpecText(uri);
    this.current?.cancel();
    const source = new vscode.CancellationTokenSource();
    this.current = source;
    const specPath = uri.fsPath;
    this.panels.setStatus(uri, 'comparing');
    try {
      const result = await withEngineProgress({ title: `SAR Studio: comparing the models of ${name}` }, source, (onProgress) =>
        s.runner.compare({ specPath, token: source.token, overrides, rootDir, panel: true, onProgress }));
      if (result.kind === 'cancelled') {
        if (this.current === source) this.panels.setStatus(uri, 'idle');
        s.output.appendBlock(`${name}: comparison cancelled`, []);
        return { specPath, cancelled: true, problems: [], via: result.via };
      }
      const { outcome, panels } = result;
      const problems = outcome.problems.map(formatProblem);
      const { comparison, fits } = outcome;
      if (!comparison || !fits) {
        s.diagnostics.setFit(uri, outcome.problems, specText);
        const first = outcome.problems.find((p) => p.severity === 'error');
        this.panels.setStatus(uri, 'failed', first?.message);
        s.output.appendBlock(`${name}: comparison failed`, problems);
        void vscode.window
          .showErrorMessage(`SAR Studio: the models of ${name} could not be compared${first ? `. ${first.message}` : ''}`, 'Show Output')
          .then((choice) => { if (choice) s.output.show(); });
        return { ...outcome, specPath, cancelled: false, via: result.via };
      }
      const timing = `Compared ${fits.size} models in ${result.timings.elapsedMs.toFixed(0)} ms${result.timings.workerMs !== undefined ? ` (${result.timings.workerMs.toFixed(0)} ms in the fit worker)` : ' on the extension host\'s thread'}.`;
      s.output.appendBlock(`${name}: models compared`, [...problems, formatComparison(comparison).trimEnd(), '', timing]);
      const title = panels?.values().next().value?.title ?? name;
      this.panels.show(uri, { title, comparison, fits, panels, notes: problems }, specModelOf(specText ?? ''));
      return { ...outcome, specPath, cancelled: false, via: result.via };
    } finally {
      if (this.current === source) this.current = undefined;
      source.dispose();
    }
  }

  dispose(): void {
    this.current?.cancel();
  }
}

export function registerCompareCommand(context: vscode.ExtensionContext, s: Services): CompareController {
  const panels = new ComparisonPanels({
    extensionUri: context.extensionUri,
    log: (m) => s.output.appendLine(m),
    useModel: async (uri, model) => {
      const done = await writeSpecModel(uri, model);
      if (!done.ok) void vscode.window.showWarningMessage(`SAR Studio: could not set the model: ${done.reason}`);
    },
    openResults: (uri, result, extras) => void s.results.show(uri, result, extras),
    recompare: (uri) => void vscode.commands.executeCommand(COMPARE_COMMAND, uri),
  });
  s.comparisons = panels;
  const controller = new CompareController(s, panels);
  context.subscriptions.push(
    panels,
    controller,
    vscode.commands.registerCommand(COMPARE_COMMAND, async (arg?: unknown): Promise<CompareCommandOutcome | undefined> => {
      const uri = arg instanceof vscode.Uri ? arg : activeSpecUri();
      if (!uri || !isSpecUri(uri)) {
        void vscode.window.showWarningMessage('SAR Studio: open a .sar.json spec to compare its models.');
        return undefined;
      }
      return controller.compare(uri);
    }),
  );
  if (context.extensionMode !== vscode.ExtensionMode.Production) {
    context.subscriptions.push(vscode.commands.registerCommand(COMPARE_TEST_MESSAGE_COMMAND, async (uri: unknown, message: unknown): Promise<boolean> => {
      const p = uri instanceof vscode.Uri ? panels.get(uri) : undefined;
      return p ? p.receive(message) : false;
    }));
  }
  return controller;
}
