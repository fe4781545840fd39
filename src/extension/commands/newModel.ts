/**
 * "SAR Studio: New model from CSV…": picks a CSV (dialog opening in the workspace folder, or the
 * explorer's CSV given as argument), then asks — quick picks with the engine's guesses as the
 * defaults (`guessSpec`: not an id, not a coordinate) — for the dependent, the regressors and the
 * weights; writes the spec (`createSpecFromCsv`, title from the final choice, each choice written
 * in its description) as `<name>.sar.json` beside the CSV — never over an existing file:
 * `<name>-2.sar.json`, … — and opens it. Tests pass `choices` to skip the picks.
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
import type { Table } from '../../core/io/table';
import { createSpecFromCsv, guessSpec, type CreateSpecOptions } from '../../core/spec/create';
import type { Services } from '../services';
import { cellNumber } from '../specEditor/data/cells';
import { confirmUntrusted } from '../trust';
import { workspaceRootOf } from '../workspaceFiles';
import { NEW_MODEL_COMMAND } from './ids';

export interface NewModelOptions {
  /** Open the new spec (default true). */
  open?: boolean;
  /** The answers to the picks (tests); `{}` takes every default. */
  choices?: Pick<CreateSpecOptions, 'dependent' | 'independent' | 'weightsFile' | 'geometryFile'>;
}

type Pick1 = vscode.QuickPickItem & { value: string };

/** Asks for the dependent, the regressors and the weights, the guesses first and picked. Undefined: cancelled. */
async function askModel(table: Table, csvName: string, dir: string): Promise<CreateSpecOptions | undefined> {
  const first = guessSpec(table, csvName);
  const decimalComma = table.delimiter === ';';
  const numeric = table.columns.filter((_, c) => table.cells[c].every((v) => !Number.isNaN(cellNumber(v, decimalComma))));
  // The dependent is no id and no coordinate (the guess's reasons); regressors may be anything numeric.
  const notY = new Set(first.excluded.filter((e) => /coordinate|identifier|constant/.test(e.reason)).map((e) => e.column));
  const step = (n: number) => `SAR Studio: new model from ${csvName} (${n}/3)`;
  const depItems: Pick1[] = numeric.filter((c) => !notY.has(c)).map((c) => ({ label: c, value: c, description: c === first.dependent ? 'suggested' : undefined }));
  const depPick = vscode.window.createQuickPick<Pick1>();
  const dep = await new Promise<string | undefined>((resolve) => {
    depPick.title = step(1);
    depPick.placeholder = 'The dependent variable (y)';
    depPick.items = depItems;
    depPick.activeItems = depItems.filter((i) => i.value === first.dependent);
    depPick.onDidAccept(() => resolve(depPick.selectedItems[0]?.value ?? depPick.activeItems[0]?.value));
    depPick.onDidHide(() => resolve(undefined));
    depPick.show();
  });
  depPick.dispose();
  if (!dep) return undefined;
  // The regressors guessed for this dependent (a regressor that is a function of it is left out).
  const guess = guessSpec(table, csvName, { dependent: dep });
  const regs = await vscode.window.showQuickPick(numeric.filter((c) => c !== dep).map((c) => ({
    label: c, value: c, picked: guess.independent.includes(c),
    description: guess.excluded.find((e) => e.column === c)?.reason,
  })), { title: step(2), placeHolder: `Regressors of ${dep} (Space toggles, Enter accepts)`, canPickMany: true });
  if (!regs) return undefined;
  const files = await fs.readdir(dir).catch(() => [] as string[]);
  const weightItems: (Pick1 & { opts: Partial<CreateSpecOptions> })[] = [];
  if (guess.coordinates) weightItems.push({ label: `k nearest neighbours on ${guess.coordinates.x}, ${guess.coordinates.y}`, value: 'knn', opts: {}, description: guess.coordinates.distance === 'greatCircle' ? 'great-circle distances' : 'euclidean distances' });
  for (const f of files.filter((f) => /\.(gal|gwt)$/i.test(f)).sort()) weightItems.push({ label: f, value: f, opts: { weightsFile: f }, description: 'neighbours from this file' });
  for (const f of files.filter((f) => /\.(geo)?json$/i.test(f) && !/\.sar\.json$/i.test(f)).sort()) weightItems.push({ label: f, value: f, opts: { geometryFile: f }, description: 'queen contiguity of its polygons, and the map' });
  if (!weightItems.length) weightItems.push({ label: `${csvName.replace(/\.[^.]*$/, '')}.gal (to be made)`, value: 'gal', opts: {}, description: 'no coordinates or neighbour files found' });
  const w = weightItems.length === 1 ? weightItems[0] : await vscode.window.showQuickPick(weightItems, { title: step(3), placeHolder: 'The spatial weights' });
  if (!w) return undefined;
  return { dependent: dep, independent: regs.map((r) => r.value), ...w.opts };
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
        const choices = options?.choices ?? (await askModel(table, csvName, path.dirname(csv.fsPath)));
        if (!choices) return undefined;
        text = createSpecFromCsv(table, csvName, choices);
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
