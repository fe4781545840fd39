/**
 * The extension's shared objects, made once in `activate` and handed to every `registerX`:
 * output channel, Problems, status bar, last fits, fit runner, results panels, the parsed-CSV
 * cache shared by validation and hovers. Each is disposed through `context.subscriptions`.
 */
import * as vscode from 'vscode';
import { ADD_COLUMNS_COMMAND, COMPARE_COMMAND, FIT_COMMAND, SHOW_OUTPUT_COMMAND } from './commands/ids';
import { ProblemDiagnostics } from './diagnostics';
import { InProcessFitRunner, type FitRunner } from './fitRunner';
import { FitStore } from './fitStore';
import { SarOutput } from './output';
import { ResultsPanels } from './results';
import type { ComparisonPanels } from './compare/panel';
import type { TableCache } from './specData';
import type { SpecEditorProvider } from './specEditor/provider';
import { FitStatusBar } from './statusBar';
import { WorkerFitRunner } from './workerFitRunner';

/** What fit on save needs of the fit command (commands/fit.ts implements it; no import back from there). */
export interface Fitter {
  /** `automatic`: a fit the user did not ask for right now (no dialogs, no new panel). */
  fit(uri: vscode.Uri, opts?: { automatic?: boolean }): Promise<unknown>;
}

export interface Services {
  output: SarOutput;
  diagnostics: ProblemDiagnostics;
  statusBar: FitStatusBar;
  store: FitStore;
  runner: FitRunner;
  results: ResultsPanels;
  tableCache: TableCache;
  /** Set by `registerFitCommand`. */
  fitter?: Fitter;
  /** Set by `registerCompareCommand`. */
  comparisons?: ComparisonPanels;
  /** Set in `activate` once the spec editor is registered. */
  specEditors?: SpecEditorProvider;
}

export function createServices(context: vscode.ExtensionContext): Services {
  const output = new SarOutput();
  const worker = new WorkerFitRunner({ log: (m) => output.appendLine(m) });
  let runner: FitRunner = worker;
  if (!worker.available()) {
    output.appendLine(`The fit worker ${worker.workerPath} is missing: fits run on the extension host's thread.`);
    runner = new InProcessFitRunner();
  }
  const s: Services = {
    output,
    diagnostics: new ProblemDiagnostics(),
    statusBar: new FitStatusBar(SHOW_OUTPUT_COMMAND),
    store: new FitStore(),
    runner,
    results: new ResultsPanels({
      extensionUri: context.extensionUri,
      log: (m) => output.appendLine(m),
      refit: (uri) => void vscode.commands.executeCommand(FIT_COMMAND, uri),
      compare: (uri) => void vscode.commands.executeCommand(COMPARE_COMMAND, uri),
      addColumns: (uri) => void vscode.commands.executeCommand(ADD_COLUMNS_COMMAND, uri),
      // An observation picked in the panel: its row in the open spec editor, if there is one.
      reveal: (uri, observation) => s.specEditors?.revealRow(uri, observation) ?? false,
    }),
    tableCache: new Map(),
  };
  context.subscriptions.push(output, s.diagnostics, s.statusBar, s.store, s.results, worker, { dispose: () => s.tableCache.clear() });
  return s;
}
