/**
 * "SAR Studio: Export results": the last fit of a spec as Markdown (the report), CSV
 * (coefficients, or per-observation values), a LaTeX table, or an R script that refits it with
 * spdep / spatialreg for audit. Asks for the format (quick pick) and the file (save dialog) and
 * writes only that file — never a spec or one of the model's input files.
 *
 * Tests (and scripts) may pass `(specUri, { format, target })` to skip the pick and the dialog.
 * Returns the written file's Uri, else undefined.
 */
import * as path from 'path';
import * as vscode from 'vscode';
import { coefficientsCsv, observationsCsv, toLatex, toMarkdown, toRScript } from '../../core/export';
import { parseSpec } from '../../core/spec/parse';
import type { StoredFit } from '../fitStore';
import { refuseModelInput } from '../results/exports';
import type { Services } from '../services';
import { activeSpecUri, isSpecUri } from '../specFiles';
import { confirmUntrusted } from '../trust';
import { readSpecText } from '../workspaceFiles';
import { EXPORT_RESULTS_COMMAND, FIT_COMMAND } from './ids';

export const EXPORT_KINDS = ['markdown', 'csv-coefficients', 'csv-observations', 'latex', 'r'] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];

interface KindInfo {
  label: string;
  detail: string;
  suffix: string;
  filters: Record<string, string[]>;
}

const KINDS: Record<ExportKind, KindInfo> = {
  markdown: { label: 'Markdown', detail: 'The report: coefficients, residuals, model statistics, impacts, tests, warnings', suffix: '-results.md', filters: { Markdown: ['md'] } },
  'csv-coefficients': { label: 'CSV (coefficients)', detail: 'Estimates, standard errors, z, p; spatial parameter and statistics', suffix: '-coefficients.csv', filters: { CSV: ['csv'] } },
  'csv-observations': { label: 'CSV (observations)', detail: 'Per observation: observed, fitted, residual, local spillovers', suffix: '-observations.csv', filters: { CSV: ['csv'] } },
  latex: { label: 'LaTeX table', detail: 'A booktabs table of the coefficients and model statistics', suffix: '-table.tex', filters: { LaTeX: ['tex'] } },
  r: { label: 'R script', detail: 'Refits the model with spdep / spatialreg and compares with these numbers (audit)', suffix: '-spatialreg.R', filters: { 'R script': ['R', 'r'] } },
};

export interface ExportOptions {
  format?: ExportKind;
  /** Write here without a save dialog. */
  target?: vscode.Uri;
}

/** The text of an export of `fit`. */
export function exportText(kind: ExportKind, fit: StoredFit, specText: string | undefined): string {
  const r = fit.result;
  const title = fit.extras?.title;
  switch (kind) {
    case 'markdown':
      return toMarkdown(r, title ? { title } : {});
    case 'csv-coefficients':
      return coefficientsCsv(r);
    case 'csv-observations':
      return observationsCsv(r);
    case 'latex':
      return toLatex(r, title ? { caption: title } : {});
    case 'r': {
      const parsed = specText !== undefined ? parseSpec(specText, fit.specUri.fsPath) : undefined;
      if (!parsed?.spec) throw new Error('the spec does not parse any more; fit it again before exporting an R script');
      return toRScript(parsed.spec, fit.specUri.fsPath, r);
    }
  }
}

async function chooseSpec(s: Services, arg: unknown): Promise<vscode.Uri | undefined> {
  if (arg instanceof vscode.Uri) return arg;
  const active = activeSpecUri();
  if (active) return active;
  const fits = s.store.all();
  if (fits.length === 1) return fits[0].specUri;
  if (fits.length === 0) return undefined;
  const pick = await vscode.window.showQuickPick(fits.map((f) => ({ label: path.basename(f.specUri.path), description: vscode.workspace.asRelativePath(f.specUri), uri: f.specUri })), { title: 'SAR Studio: export the results of which model?' });
  return pick?.uri;
}

export function registerExportCommand(context: vscode.ExtensionContext, s: Services): void {
  let busy = false;
  context.subscriptions.push(
    vscode.commands.registerCommand(EXPORT_RESULTS_COMMAND, async (arg?: unknown, rawOptions?: unknown): Promise<vscode.Uri | undefined> => {
      const options: ExportOptions = {};
      if (rawOptions && typeof rawOptions === 'object') {
        const o = rawOptions as { format?: unknown; target?: unknown };
        if (typeof o.format === 'string' && (EXPORT_KINDS as readonly string[]).includes(o.format)) options.format = o.format as ExportKind;
        if (o.target instanceof vscode.Uri) options.target = o.target;
      }
      const specUri = await chooseSpec(s, arg);
      if (!specUri || !isSpecUri(specUri)) {
        void vscode.window.showWarningMessage('SAR Studio: open a .sar.json spec (and fit it) to export its results.');
        return undefined;
      }
      const name = path.basename(specUri.path);
      let fit = s.store.get(specUri);
      if (!fit) {
        const go = 'Fit now';
        if ((await vscode.window.showInformationMessage(`SAR Studio: ${name} has not been fitted in this session.`, go)) !== go) return undefined;
        await vscode.commands.executeCommand(FIT_COMMAND, specUri);
        fit = s.store.get(specUri);
        if (!fit) return undefined;
      }
      if (!(await confirmUntrusted(`Export the results of ${name}`, 'This writes a file where you choose.'))) return undefined;
      if (busy) return undefined; // one save dialog at a time
      busy = true;
      try {
        let kind = options.format;
        if (!kind) {
          const pick = await vscode.window.showQuickPick(EXPORT_KINDS.map((k) => ({ label: KINDS[k].label, detail: KINDS[k].detail, exportKind: k })), { title: `SAR Studio: export the results of ${name} as…` });
          if (!pick) return undefined;
          kind = pick.exportKind;
        }
        const info = KINDS[kind];
        const stem = name.replace(/\.sar\.json$/i, '');
        const target = options.target ?? (await vscode.window.showSaveDialog({
          title: `SAR Studio: export ${info.label}`,
          defaultUri: vscode.Uri.joinPath(specUri, '..', `${stem}${info.suffix}`),
          filters: info.filters,
          saveLabel: 'Export',
        }));
        if (!target || refuseModelInput(target, fit.extras)) return undefined;
        let text: string;
        try {
          text = exportText(kind, fit, fit.specText ?? (await readSpecText(specUri)));
        } catch (e) {
          void vscode.window.showErrorMessage(`SAR Studio: cannot export: ${e instanceof Error ? e.message : String(e)}`);
          return undefined;
        }
        await vscode.workspace.fs.writeFile(target, Buffer.from(text, 'utf8'));
        s.output.appendLine(`Exported ${info.label} of ${name} to ${target.fsPath}`);
        if (!options.target) {
          void vscode.window.showInformationMessage(`SAR Studio: saved ${path.basename(target.path)}`, 'Open').then((c) => {
            if (c) void vscode.commands.executeCommand('vscode.open', target);
          });
        }
        return target;
      } finally {
        busy = false;
      }
    }),
  );
}
