/**
 * Wires the extension together: one shared set of services, then one `registerX(context, s)` per
 * feature. Every registration goes into `context.subscriptions`, so nothing outlives
 * deactivation.
 */
import * as vscode from 'vscode';
import { createApi, type SarStudioApi } from './api';
import { registerAddColumnsCommand } from './commands/addColumns';
import { registerExportCommand } from './commands/export';
import { registerFitCommand } from './commands/fit';
import { registerCompareCommand } from './compare/command';
import { COMPARE_COMMAND, FIT_COMMAND, SHOW_OUTPUT_COMMAND } from './commands/ids';
import { registerNewModelCommand } from './commands/newModel';
import { registerOpenSpecEditorCommand } from './commands/openSpecEditor';
import { registerShowResultsCommand } from './commands/showResults';
import { registerFitOnSave } from './fitOnSave';
import { registerLanguageFeatures, registerValidation } from './languageFeatures';
import { createServices } from './services';
import { SpecEditorProvider } from './specEditor/provider';
import { registerSpatialViews } from './spatial/commands';

export function activate(context: vscode.ExtensionContext): SarStudioApi {
  const s = createServices(context);
  registerFitCommand(context, s);
  registerCompareCommand(context, s);
  registerFitOnSave(context, s);
  registerShowResultsCommand(context, s);
  registerNewModelCommand(context, s);
  registerExportCommand(context, s);
  registerAddColumnsCommand(context, s);
  const validation = registerValidation(context, s);
  registerLanguageFeatures(context, s);
  registerSpatialViews(context, s);
  s.specEditors = SpecEditorProvider.register(context, {
    fit: (uri) => vscode.commands.executeCommand(FIT_COMMAND, uri),
    compare: (uri) => vscode.commands.executeCommand(COMPARE_COMMAND, uri),
  });
  context.subscriptions.push(
    registerOpenSpecEditorCommand(),
    vscode.commands.registerCommand(SHOW_OUTPUT_COMMAND, () => s.output.show(false)),
  );
  return createApi(s, validation);
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
