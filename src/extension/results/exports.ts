/**
 * Writing what the results panel exports: only where the user picks in a save dialog, never over
 * the spec or its data, and only the kinds of file the protocol allows.
 */
import * as path from 'path';
import * as vscode from 'vscode';
import { EXPORT_EXTENSIONS, type ExportFormat, type ExportMessage } from '../../protocol';

const FILTERS: Readonly<Record<ExportFormat, Record<string, string[]>>> = {
  png: { 'PNG image': ['png'] },
  svg: { 'SVG image': ['svg'] },
  csv: { 'CSV (comma-separated)': ['csv'] },
  tsv: { 'TSV (tab-separated)': ['tsv'] },
  markdown: { Markdown: ['md'] },
  txt: { Text: ['txt'] },
};

const PNG_PREFIX = 'data:image/png;base64,';

/** The bytes of an export message (PNG: decoded from its base64 data URL). */
export function exportBytes(m: ExportMessage): Uint8Array {
  if (m.format === 'png') return Buffer.from(m.data.slice(PNG_PREFIX.length), 'base64');
  return Buffer.from(m.data, 'utf8');
}

export interface SaveExportOptions {
  /** Folder proposed in the dialog (the spec's folder). */
  defaultFolder?: vscode.Uri;
  /** Files that must never be overwritten (the spec, its data, weights, geometry). */
  protectedFiles?: readonly vscode.Uri[];
}

/** Asks where to save (proposing `m.suggestedName`), then writes. Returns the file, or undefined when cancelled or refused. */
export async function saveExport(m: ExportMessage, opts: SaveExportOptions = {}): Promise<vscode.Uri | undefined> {
  const defaultUri = opts.defaultFolder ? vscode.Uri.joinPath(opts.defaultFolder, m.suggestedName) : undefined;
  const target = await vscode.window.showSaveDialog({
    defaultUri,
    filters: FILTERS[m.format],
    saveLabel: 'Export',
    title: `SAR Studio: export ${m.suggestedName}`,
  });
  if (!target) return undefined;
  const norm = (u: vscode.Uri) => (u.scheme === 'file' ? path.resolve(u.fsPath) : u.toString());
  if ((opts.protectedFiles ?? []).some((p) => norm(p) === norm(target)) || target.path.toLowerCase().endsWith('.sar.json')) {
    void vscode.window.showErrorMessage(`SAR Studio: will not overwrite ${path.basename(target.path)} (an input of the model). Choose another file.`);
    return undefined;
  }
  if (!target.path.toLowerCase().endsWith(EXPORT_EXTENSIONS[m.format])) {
    void vscode.window.showErrorMessage(`SAR Studio: a ${m.format.toUpperCase()} export must be saved as a ${EXPORT_EXTENSIONS[m.format]} file.`);
    return undefined;
  }
  await vscode.workspace.fs.writeFile(target, exportBytes(m));
  return target;
}
