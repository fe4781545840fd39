/**
 * Wires the extension together. Every registration goes into `context.subscriptions`, so
 * nothing outlives deactivation. New features (results panel, hovers, a worker-thread fit
 * runner) plug in here.
 */
import * as vscode from 'vscode';
import { registerFitCommand } from './commands/fit';
import { FIT_COMMAND, SHOW_OUTPUT_COMMAND } from './commands/ids';
import { registerOpenSpecEditorCommand } from './commands/openSpecEditor';
import { readConfig } from './config';
import { ProblemDiagnostics } from './diagnostics';
import { InProcessFitRunner } from './fitRunner';
import { SarOutput } from './output';
import { SpecEditorProvider } from './specEditor/provider';
import { isSpecUri } from './specFiles';
import { FitStatusBar } from './statusBar';

export function activate(context: vscode.ExtensionContext): void {
  const output = new SarOutput();
  const diagnostics = new ProblemDiagnostics();
  const statusBar = new FitStatusBar(SHOW_OUTPUT_COMMAND);
  const runner = new InProcessFitRunner();

  context.subscriptions.push(
    output,
    diagnostics,
    statusBar,
    registerFitCommand({ runner, output, diagnostics, statusBar }),
    registerOpenSpecEditorCommand(),
    vscode.commands.registerCommand(SHOW_OUTPUT_COMMAND, () => output.show(false)),
    SpecEditorProvider.register(context, (uri) => vscode.commands.executeCommand(FIT_COMMAND, uri)),
    vscode.workspace.onDidSaveTextDocument((doc) => {
      if (isSpecUri(doc.uri) && readConfig(doc.uri).fitOnSave) void vscode.commands.executeCommand(FIT_COMMAND, doc.uri);
    }),
  );
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
