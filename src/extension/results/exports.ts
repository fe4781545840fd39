/**
 * Writing what the results panel exports: only where the user picks in a save dialog, never over
 * an input of the model, and only the kinds of file the protocol allows.
 */
import * as path from 'path';
import * as vscode from 'vscode';
import { EXPORT_EXTENSIONS, type ExportFormat, type ExportMessage } from '../../protocol';
import { SPEC_SUFFIX } from '../specFiles';
import type { PanelData } from './mapData';

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

/**
 * Exports (the panel's and "Export results") never overwrite an input of a model: any spec
 * (`*.sar.json`), nor the files the fitted spec names (data, weights, geometry). Says so and
 * returns true when `target` is one.
 */
export function refuseModelInput(target: vscode.Uri, fitted: Pick<PanelData, 'inputFiles' | 'dataFile'> | undefined): boolean {
  const file = target.scheme === 'file' ? path.resolve(target.fsPath) : undefined;
  const inputs = [...(fitted?.inputFiles ?? []), fitted?.dataFile];
  if (!target.path.toLowerCase().endsWith(SPEC_SUFFIX) && !inputs.some((f) => f !== undefined && path.resolve(f) === file)) return false;
  void vscode.window.showErrorMessage(`SAR Studio: will not overwrite ${path.basename(target.path)} (an input of the model). Choose another file.`);
  return true;
}

export interface SaveExportOptions {
  /** Folder proposed in the dialog (the spec's folder). */
  defaultFolder?: vscode.Uri;
  /** The fit's panel data: its inputs are never overwritten (`refuseModelInput`). */
  fitted?: Pick<PanelData, 'inputFiles' | 'dataFile'>;
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
  if (refuseModelInput(target, opts.fitted)) return undefined;
  if (!target.path.toLowerCase().endsWith(EXPORT_EXTENSIONS[m.format])) {
    void vscode.window.showErrorMessage(`SAR Studio: a ${m.format.toUpperCase()} export must be saved as a ${EXPORT_EXTENSIONS[m.format]} file.`);
    return undefined;
  }
  await vscode.workspace.fs.writeFile(target, exportBytes(m));
  return target;
}
