/**
 * One cell edit from the grid: a `WorkspaceEdit` at the cell's exact range in the data's
 * TextDocument (so it is a normal, undoable edit of the CSV), after checking that the cell the
 * webview names is still the one in the document.
 */
import * as vscode from 'vscode';
import { cellLocation } from '../../core/io/table';
import { quoteCell, rawFieldLength, unquoteField } from './data/csvEdit';
import { shapeOfTable, type DataFile } from './dataFile';
import { ensureBackgroundTab, findTextTab } from './editHistory';

export interface CellEditContext {
  notice(level: 'info' | 'warning' | 'error', message: string): void;
  log(message: string): void;
  /** The spec editor's column: the data's tab opens there. */
  viewColumn: vscode.ViewColumn | undefined;
}

/** What became of an edit: applied, nothing to change (the cell holds it already), or refused (said why). */
export type CellEditOutcome = 'edited' | 'unchanged' | 'refused';

export async function editCell(file: DataFile, gen: number, r: number, c: number, value: string, ctx: CellEditContext): Promise<CellEditOutcome> {
  let data = file.data;
  const name = file.table.file;
  if (data?.kind === 'preview') {
    ctx.notice('info', `${name} is still being opened for editing; try again in a moment.`);
    return 'refused';
  }
  if (!data || data.kind !== 'document') {
    ctx.notice('warning', file.table.readOnlyReason ?? 'The data is read-only.');
    return 'refused';
  }
  if (r >= data.table.nrows || c >= data.table.columns.length) return 'refused';
  if (data.doc.isClosed) {
    // VS Code let the document go (its tab was closed): take it again; the cell check below catches any change.
    data.doc = await vscode.workspace.openTextDocument(data.uri);
    data.version = data.doc.version;
  }
  const stale = (): CellEditOutcome => {
    ctx.notice('warning', `${name} changed while you were editing; the edit was not applied. Try again.`);
    return 'refused';
  };
  // A (row, column) of an earlier read still names the same cell when the rows and columns are the same.
  if (gen !== file.gen && file.shapeOf(gen) !== file.shapeOf(file.gen)) return stale();
  if (data.doc.version !== data.version) {
    // Changed since the last read (e.g. an undo a moment ago, not re-read yet): read it now. If it
    // still has the same rows and columns, the webview's (row, column) still names the same cell.
    const before = data.table;
    file.reread(data.doc);
    const now = file.data;
    if (now?.kind !== 'document' || shapeOfTable(now.table) !== shapeOfTable(before)) return stale();
    data = now;
  }
  const doc = data.doc;
  const loc = cellLocation(data.table, r, c);
  const start = new vscode.Position(loc.line - 1, loc.column - 1);
  const startOffset = doc.offsetAt(start);
  // The raw field: an unquoted one ends on its line; a quoted one may span lines.
  const lineRest = doc.lineAt(start.line).text.slice(start.character);
  const window = lineRest.startsWith('"') ? doc.getText(new vscode.Range(start, doc.positionAt(startOffset + 2 * value.length + 1_000_000))) : lineRest;
  const len = rawFieldLength(window, 0, data.source.delimiter);
  const raw = window.slice(0, len);
  if (unquoteField(raw) !== data.table.cells[c][r]) {
    ctx.log(`spec editor: cell (${r + 1}, ${c + 1}) is not where the table says; re-reading ${name}`);
    file.scheduleReread(doc);
    return stale();
  }
  const content = quoteCell(value, data.source.delimiter);
  if (content === raw) return 'unchanged';
  const range = new vscode.Range(start, doc.positionAt(startOffset + len));
  // The tab first: an editor opened on an already-dirty model shows no dirty mark in the web
  // workbench (its tab is drawn before the model is wired), so open it on the clean model.
  await ensureBackgroundTab(data.uri, ctx.viewColumn);
  if (doc.version !== data.version) return 'refused';
  const we = new vscode.WorkspaceEdit();
  we.replace(data.uri, range, content);
  if (!(await vscode.workspace.applyEdit(we))) {
    ctx.notice('error', `Could not edit ${name}.`);
    return 'refused';
  }
  ctx.log(`edited ${name} row ${r + 1}, column ${data.table.columns[c]}: document dirty=${doc.isDirty} version=${doc.version}, tab dirty=${findTextTab(data.uri)?.isDirty}`);
  return 'edited';
}
