/**
 * "SAR Studio: New model from CSV…": picks a CSV (dialog opening in the workspace folder, or the
 * explorer's CSV given as argument), guesses a first spec with the engine's `createSpecFromCsv`
 * (coordinates, id, dependent, regressors, kNN weights; each guess written in its description),
 * writes `<name>.sar.json` beside the CSV — never over an existing file: `<name>-2.sar.json`, … —
 * and opens it.
 *
 * A CSV outside the workspace folders is used only when the user picked it in the dialog and
 * confirms; as an argument it is refused. Returns the new spec's Uri (tests), else undefined.
 */
import { promises as fs } from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { parseCsv } from '../../core/io/csv';
import { readDecoded } from '../../core/input/files';
import { formatProblem, ProblemError } from '../../core/problems';
import { createSpecFromCsv } from '../../core/spec/create';
import type { Services } from '../services';
import { confirmUntrusted } from '../trust';
import { workspaceRootOf } from '../workspaceFiles';
import { NEW_MODEL_COMMAND } from './ids';

export interface NewModelOptions {
  /** Open the new spec (default true). */
  open?: boolean;
}

/** `<stem>.sar.json`, else `<stem>-2.sar.json`, … in `dir`: created exclusively (`wx`), so nothing is ever overwritten. */
export async function writeNewSpec(dir: string, stem: string, text: string): Promise<string> {
  for (let k = 1; k < 1000; k++) {
    const file = path.join(dir, `${stem}${k === 1 ? '' : `-${k}`}.sar.json`);
    try {
      await fs.writeFile(file, text, { encoding: 'utf8', flag: 'wx' });
      return file;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
  }
  throw new Error(`no free name for ${stem}.sar.json in ${dir}`);
}

async function pickCsv(): Promise<vscode.Uri | undefined> {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const picked = await vscode.window.showOpenDialog({
    title: 'SAR Studio: New model from CSV',
    defaultUri: folder,
    canSelectFiles: true,
    canSelectFolders: false,
    canSelectMany: false,
    openLabel: 'Create model',
    filters: { 'Data (CSV, TSV)': ['csv', 'tsv', 'txt'], 'All files': ['*'] },
  });
  const uri = picked?.[0];
  if (!uri || workspaceRootOf(uri)) return uri;
  const go = 'Use it';
  const choice = await vscode.window.showWarningMessage(
    `SAR Studio: ${path.basename(uri.fsPath)} is outside the workspace folders. Create the model beside it anyway?`,
    { modal: true, detail: `${uri.fsPath}\n\nThe new spec is written next to the CSV. Being outside the workspace, it is fitted only after you confirm, and then reads only files in its own folder and below.` },
    go,
  );
  return choice === go ? uri : undefined;
}

export function registerNewModelCommand(context: vscode.ExtensionContext, s: Services): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(NEW_MODEL_COMMAND, async (arg?: unknown, options?: NewModelOptions): Promise<vscode.Uri | undefined> => {
      let csv: vscode.Uri | undefined;
      if (arg instanceof vscode.Uri) {
        if (arg.scheme !== 'file' || !workspaceRootOf(arg)) {
          void vscode.window.showErrorMessage(`SAR Studio: ${path.basename(arg.path)} is outside the workspace folders; choose it in "New model from CSV…" to use it anyway.`);
          return undefined;
        }
        csv = arg;
      } else {
        csv = await pickCsv();
      }
      if (!csv) return undefined;
      if (csv.scheme !== 'file') {
        void vscode.window.showErrorMessage('SAR Studio: the CSV must be a file on disk.');
        return undefined;
      }
      const csvName = path.basename(csv.fsPath);
      if (!(await confirmUntrusted(`Create a model from ${csvName}`, 'This reads the CSV and writes a new .sar.json beside it.'))) return undefined;
      let text: string;
      try {
        const table = parseCsv(await readDecoded(csv.fsPath), csvName);
        text = createSpecFromCsv(table, csvName);
      } catch (e) {
        const why = e instanceof ProblemError ? e.problems.slice(0, 3).map(formatProblem).join('; ') : e instanceof Error ? e.message : String(e);
        void vscode.window.showErrorMessage(`SAR Studio: cannot create a model from ${csvName}: ${why}`);
        return undefined;
      }
      const stem = csvName.replace(/\.[^.]*$/, '') || 'model';
      let file: string;
      try {
        file = await writeNewSpec(path.dirname(csv.fsPath), stem, text);
      } catch (e) {
        void vscode.window.showErrorMessage(`SAR Studio: cannot write the spec: ${e instanceof Error ? e.message : String(e)}`);
        return undefined;
      }
      const uri = vscode.Uri.file(file);
      s.output.appendLine(`New model: ${file} from ${csv.fsPath}`);
      if (options?.open !== false) await vscode.commands.executeCommand('vscode.open', uri);
      return uri;
    }),
  );
}
