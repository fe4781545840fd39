/**
 * The spatial views' commands:
 *   "SAR Studio: Inspect spatial weights"   the weights inspector of the active spec;
 *   "SAR Studio: Local statistics (LISA, G*)"  the local statistics of its dependent variable
 *                                          (a column or the residuals from the view);
 *   "SAR Studio: Save weights…"             the built weights as a GAL or GWT file the user
 *                                          picks: never a model input, never an existing file
 *                                          without asking.
 * Tests pass `(specUri, options)`; each command returns what it produced (the shown message and
 * problems, or the written file).
 */
import * as path from 'path';
import * as vscode from 'vscode';
import { formatProblem } from '../../core/problems';
import type { WeightsFileFormat } from '../../core/io/writeWeights';
import { refuseModelInput } from '../results/exports';
import type { Services } from '../services';
import { referencedFiles, specFiles } from '../specData';
import { activeSpecUri, isSpecUri } from '../specFiles';
import { confirmUntrusted } from '../trust';
import { dirtyOverrides, readSpecText, workspaceRootOf } from '../workspaceFiles';
import { SpatialWorkerClient } from './client';
import { SpatialPanels, type LocalRequest, type SpatialOutcome } from './panel';

export const INSPECT_WEIGHTS_COMMAND = 'sarStudio.inspectWeights';
export const LOCAL_STATISTICS_COMMAND = 'sarStudio.localStatistics';
export const SAVE_WEIGHTS_COMMAND = 'sarStudio.saveWeights';

export interface SaveWeightsOptions {
  format?: WeightsFileFormat;
  /** Write here without a save dialog (an existing file only after a yes). */
  target?: vscode.Uri;
}

function specOf(arg: unknown, what: string, panels: SpatialPanels): vscode.Uri | undefined {
  const uri = arg instanceof vscode.Uri ? arg : activeSpecUri() ?? panels.activeSpec();
  if (!uri || !isSpecUri(uri)) {
    void vscode.window.showWarningMessage(`SAR Studio: open a .sar.json spec to ${what}.`);
    return undefined;
  }
  return uri;
}

function localRequest(raw: unknown): LocalRequest | undefined {
  if (!raw || typeof raw !== 'object') return undefined;
  const o = raw as Record<string, unknown>;
  return {
    column: typeof o.column === 'string' ? o.column : null,
    residuals: o.residuals === true,
    nsim: typeof o.nsim === 'number' ? o.nsim : undefined,
    seed: typeof o.seed === 'number' ? o.seed : undefined,
  };
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

export function registerSpatialViews(context: vscode.ExtensionContext, s: Services): SpatialPanels {
  const log = (m: string) => s.output.appendLine(m);
  const client = new SpatialWorkerClient({ log });
  const panels = new SpatialPanels({
    extensionUri: context.extensionUri,
    client,
    log,
    reveal: (uri, row) => s.specEditors?.revealRow(uri, row) ?? false,
    saveWeights: (uri) => void vscode.commands.executeCommand(SAVE_WEIGHTS_COMMAND, uri),
  });
  let saving = false;

  const open = async (kind: 'weights' | 'local', arg: unknown, raw: unknown): Promise<SpatialOutcome | undefined> => {
    const uri = specOf(arg, kind === 'weights' ? 'inspect its weights' : 'compute local statistics', panels);
    if (!uri) return undefined;
    if (!(await confirmUntrusted(`Read the data of ${path.basename(uri.path)}`, 'This reads the spec\'s data and weights files.'))) return undefined;
    return panels.open(uri, kind, kind === 'local' ? localRequest(raw) : undefined).outcome;
  };

  const saveWeights = async (arg: unknown, raw: unknown): Promise<vscode.Uri | undefined> => {
    const uri = specOf(arg, 'save its weights', panels);
    if (!uri || saving) return undefined;
    const o = (raw && typeof raw === 'object' ? raw : {}) as { format?: unknown; target?: unknown };
    const name = path.basename(uri.path);
    if (!(await confirmUntrusted(`Save the weights of ${name}`, 'This reads the spec\'s files and writes a file where you choose.'))) return undefined;
    saving = true;
    try {
      let format: WeightsFileFormat | undefined = o.format === 'gal' || o.format === 'gwt' ? o.format : undefined;
      if (!format) {
        const pick = await vscode.window.showQuickPick([
          { label: 'GAL', detail: 'Who neighbours whom (binary): GeoDa, spdep read.gal, libpysal', format: 'gal' as const },
          { label: 'GWT', detail: 'Each link with its (unstyled) weight: GeoDa, spdep read.gwt2nb, libpysal', format: 'gwt' as const },
        ], { title: `SAR Studio: save the weights of ${name} as…` });
        if (!pick) return undefined;
        format = pick.format;
      }
      const stem = name.replace(/\.sar\.json$/i, '');
      let target = o.target instanceof vscode.Uri ? o.target : undefined;
      if (!target) {
        // The dialog itself asks before replacing an existing file.
        target = await vscode.window.showSaveDialog({
          title: `SAR Studio: save the weights as ${format.toUpperCase()}`,
          defaultUri: vscode.Uri.joinPath(uri, '..', `${stem}-weights.${format}`),
          filters: { [format.toUpperCase()]: [format] },
          saveLabel: 'Save weights',
        });
        if (!target) return undefined;
      }
      // Never an input of the model (asked before anything else), and a file of the format's extension.
      const specText = await readSpecText(uri);
      if (refuseModelInput(target, { inputFiles: specText ? referencedFiles(specFiles(specText, uri.fsPath)) : [] })) return undefined;
      if (o.target instanceof vscode.Uri && (await exists(target))) {
        const replace = 'Replace';
        if ((await vscode.window.showWarningMessage(`SAR Studio: ${path.basename(target.path)} exists. Replace it?`, { modal: true }, replace)) !== replace) return undefined;
      }
      if (!target.path.toLowerCase().endsWith(`.${format}`)) {
        void vscode.window.showErrorMessage(`SAR Studio: ${format.toUpperCase()} weights must be saved as a .${format} file.`);
        return undefined;
      }
      const answer = await client.run({ type: 'weightsFile', specPath: uri.fsPath, options: { rootDir: workspaceRootOf(uri), overrides: [...dirtyOverrides()] }, format, file: target.fsPath });
      for (const p of answer.problems) log(`Save weights: ${formatProblem(p)}`);
      if (answer.text === undefined) {
        const first = answer.problems.find((p) => p.severity === 'error');
        void vscode.window.showErrorMessage(`SAR Studio: cannot save the weights: ${first ? first.message : answer.failed ?? 'no weights'}`);
        return undefined;
      }
      await vscode.workspace.fs.writeFile(target, Buffer.from(answer.text, 'utf8'));
      log(`Saved the weights of ${name} as ${format.toUpperCase()} to ${target.fsPath}`);
      if (!(o.target instanceof vscode.Uri)) void vscode.window.showInformationMessage(`SAR Studio: saved ${path.basename(target.path)}`);
      return target;
    } finally {
      saving = false;
    }
  };

  context.subscriptions.push(
    panels,
    { dispose: () => client.dispose() },
    vscode.commands.registerCommand(INSPECT_WEIGHTS_COMMAND, (arg?: unknown) => open('weights', arg, undefined)),
    vscode.commands.registerCommand(LOCAL_STATISTICS_COMMAND, (arg?: unknown, raw?: unknown) => open('local', arg, raw)),
    vscode.commands.registerCommand(SAVE_WEIGHTS_COMMAND, saveWeights),
  );
  return panels;
}
