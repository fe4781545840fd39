/**
 * "SAR Studio: Add fit results to the data…": the last fit's fitted values, residuals and local
 * spillovers (indirect effect of each regressor at each observation) as new columns of the data
 * CSV — as a normal, undoable edit of its document (unsaved until the user saves), or written
 * to a new CSV the user names (never over an input of the model).
 *
 * Tests may pass `(specUri, { columns, target })` to skip the picks: `columns` are keys of
 * `resultColumns`, `target` 'edit' or a file Uri. Returns the changed or written file's Uri.
 */
import * as path from 'path';
import * as vscode from 'vscode';
import { parseCsv } from '../../core/io/csv';
import type { FitResult } from '../../core/result';
import { refuseModelInput } from '../results/exports';
import type { Services } from '../services';
import { appendColumnInsertions, applyInsertions, freeColumnName, type NewColumn } from '../specEditor/data/appendColumns';
import { ensureBackgroundTab } from '../specEditor/editHistory';
import { activeSpecUri, isSpecUri } from '../specFiles';
import { confirmUntrusted } from '../trust';
import { ADD_COLUMNS_COMMAND, FIT_COMMAND } from './ids';

export interface AddColumnsOptions {
  columns?: string[];
  target?: 'edit' | vscode.Uri;
}

interface ResultColumn {
  key: string;
  label: string;
  detail: string;
  name: string;
  values: readonly number[];
}

/** What a fit can add: fitted, residuals, and each regressor's local spillover when the model has spillovers. */
export function resultColumns(r: FitResult): ResultColumn[] {
  const y = r.dependent;
  const out: ResultColumn[] = [
    { key: 'fitted', label: 'Fitted values', detail: `fitted ${y}`, name: 'fitted', values: r.fitted },
    { key: 'residual', label: 'Residuals', detail: `observed − fitted ${y}`, name: 'residual', values: r.residuals.values },
  ];
  for (const s of r.localSpillover ?? []) {
    out.push({ key: `spillover:${s.name}`, label: `Local spillover of ${s.name}`, detail: `change in ${y} elsewhere when ${s.name} rises by one here`, name: `spillover_${s.name.replace(/[^A-Za-z0-9_.]+/g, '_')}`, values: s.indirect });
  }
  return out;
}

export function registerAddColumnsCommand(context: vscode.ExtensionContext, s: Services): void {
  context.subscriptions.push(vscode.commands.registerCommand(ADD_COLUMNS_COMMAND, (arg?: unknown, opts: AddColumnsOptions = {}) => addColumns(s, arg, opts)));
}

async function addColumns(s: Services, arg: unknown, opts: AddColumnsOptions): Promise<vscode.Uri | undefined> {
  const specUri = arg instanceof vscode.Uri ? arg : activeSpecUri();
  if (!specUri || !isSpecUri(specUri)) {
    void vscode.window.showWarningMessage('SAR Studio: open a .sar.json spec to add its fit to the data.');
    return undefined;
  }
  const fit = s.store.get(specUri);
  const dataFile = fit?.extras?.dataFile;
  if (!fit || !dataFile) {
    const choice = await vscode.window.showInformationMessage(`SAR Studio: ${path.basename(specUri.path)} has no fit yet. Fit it first, then add its results to the data.`, 'Fit');
    if (choice) void vscode.commands.executeCommand(FIT_COMMAND, specUri);
    return undefined;
  }
  if (!(await confirmUntrusted('Add fit results to the data', 'This edits the data file or writes a new one.'))) return undefined;
  const all = resultColumns(fit.result);
  let chosen: ResultColumn[];
  if (opts.columns) chosen = all.filter((c) => opts.columns!.includes(c.key));
  else {
    const picks = await vscode.window.showQuickPick(all.map((c) => ({ ...c, picked: c.key === 'fitted' || c.key === 'residual', description: c.name })), {
      canPickMany: true, title: 'SAR Studio: add these columns to the data', placeHolder: 'Columns to add (Space toggles, Enter adds)',
    });
    chosen = picks ?? [];
  }
  if (!chosen.length) return undefined;
  const dataUri = vscode.Uri.file(dataFile);
  const doc = await vscode.workspace.openTextDocument(dataUri);
  const table = parseCsv(doc.getText(), path.basename(dataFile));
  if (table.nrows !== fit.result.n) {
    void vscode.window.showErrorMessage(`SAR Studio: ${path.basename(dataFile)} has ${table.nrows} rows now, the fit had ${fit.result.n}: fit again, then add the columns.`);
    return undefined;
  }
  const taken = new Set(table.columns);
  const columns: NewColumn[] = chosen.map((c) => {
    const name = freeColumnName(c.name, taken);
    taken.add(name);
    return { name, values: c.values };
  });
  const insertions = appendColumnInsertions(table, doc.lineCount, (l) => doc.lineAt(l).text, columns);
  const names = columns.map((c) => c.name).join(', ');

  let target = opts.target;
  if (!target) {
    const edit = { label: `Add to ${path.basename(dataFile)}`, detail: 'An edit of the open file: undo with Ctrl+Z, keep it with Save', key: 'edit' as const };
    const copy = { label: 'Save as a new CSV…', detail: 'The data with the new columns, in a file you name; the data file stays as it is', key: 'new' as const };
    const pick = await vscode.window.showQuickPick([edit, copy], { title: `SAR Studio: add ${names}` });
    if (!pick) return undefined;
    if (pick.key === 'edit') target = 'edit';
    else {
      const stem = path.basename(dataFile).replace(/\.[^.]+$/, '');
      const uri = await vscode.window.showSaveDialog({ defaultUri: vscode.Uri.file(path.join(path.dirname(dataFile), `${stem}-with-fit.csv`)), filters: { CSV: ['csv'] }, saveLabel: 'Save', title: `SAR Studio: save the data with ${names}` });
      if (!uri) return undefined;
      target = uri;
    }
  }
  if (target === 'edit') {
    // The tab first, so its dirty mark shows (as for the grid's cell edits).
    await ensureBackgroundTab(dataUri, undefined);
    const we = new vscode.WorkspaceEdit();
    for (const ins of insertions) we.insert(dataUri, doc.lineAt(ins.line).range.end, ins.text);
    if (!(await vscode.workspace.applyEdit(we))) {
      void vscode.window.showErrorMessage(`SAR Studio: could not edit ${path.basename(dataFile)}.`);
      return undefined;
    }
    s.output.appendLine(`Added ${names} to ${dataFile} (unsaved).`);
    vscode.window.setStatusBarMessage(`SAR Studio: added ${names} to ${path.basename(dataFile)} (unsaved; Ctrl+Z in its tab undoes it)`, 6000);
    return dataUri;
  }
  if (refuseModelInput(target, fit.extras)) return undefined;
  const lines = Array.from({ length: doc.lineCount }, (_, l) => doc.lineAt(l).text);
  const text = applyInsertions(lines, insertions, doc.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n');
  await vscode.workspace.fs.writeFile(target, Buffer.from(text, 'utf8'));
  s.output.appendLine(`Wrote ${target.fsPath}: ${path.basename(dataFile)} with ${names}.`);
  vscode.window.setStatusBarMessage(`SAR Studio: saved ${path.basename(target.path)}`, 6000);
  return target;
}
