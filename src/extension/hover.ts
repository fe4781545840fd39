/**
 * Hovers in the `.sar.json` text editor on a variable name (the dependent, an `independent`
 * entry, a coordinate or id column):
 * - after a fit of that spec: the coefficient row (estimate, SE, z, p as R's printCoefmat prints
 *   them), the variable's direct / indirect / total impacts (with simulated SE, z, p), and one
 *   line on how to read them;
 * - before a fit (or for a column the fit did not use): the column's summary from the CSV
 *   (count, mean, sd, min, max).
 * Numbers are formatted by the engine's R-like formatting (src/core/report/format.ts).
 */
import * as path from 'path';
import { getLocation, parseTree, type Node } from 'jsonc-parser';
import * as vscode from 'vscode';
import { isInsideReal } from '../core/io/paths';
import { withinJsonDepth } from '../core/spec/json';
import { coefficientCells, coefficientHeader, impactCells, MODEL_TITLES } from '../core/export/tables';
import { formatNumber, formatPval } from '../core/report/format';
import { coefficientReading } from '../core/report/explain';
import type { FitStore, StoredFit } from './fitStore';
import { loadTable, specFiles, summarizeColumn, type ColumnSummary, type TableCache } from './specData';
import { fitHeadline, spatialParameter } from './report';
import { SPEC_SELECTOR } from './specFiles';
import { isTrusted } from './trust';
import { dirtyOverrides, workspaceRootOf } from './workspaceFiles';

export type VariableRole = 'dependent' | 'regressor' | 'coordinate' | 'id column';

export interface VariableAt {
  name: string;
  role: VariableRole;
  /** The string token, quotes included (0-based offsets). */
  offset: number;
  length: number;
}

/** The column name under `offset` in spec text, if the cursor is on one. */
export function variableAt(text: string, offset: number): VariableAt | undefined {
  if (!withinJsonDepth(text)) return undefined; // getLocation recurses once per level
  const loc = getLocation(text, offset);
  const node = loc.previousNode;
  if (!node || node.type !== 'string' || loc.isAtPropertyKey) return undefined;
  if (offset < node.offset || offset > node.offset + node.length) return undefined;
  const p = loc.path;
  let role: VariableRole | undefined;
  if (p.length === 1 && p[0] === 'dependent') role = 'dependent';
  else if (p.length === 2 && p[0] === 'independent' && typeof p[1] === 'number') role = 'regressor';
  else if (p.length === 3 && p[0] === 'weights' && p[1] === 'coordinates' && typeof p[2] === 'number') role = 'coordinate';
  else if (p.length === 2 && (p[0] === 'weights' || p[0] === 'geometry') && p[1] === 'idColumn') role = 'id column';
  if (!role || typeof node.value !== 'string') return undefined;
  return { name: node.value, role, offset: node.offset, length: node.length };
}

/** Markdown table cells: `|` would end the cell. */
const cell = (s: string) => s.replace(/\|/g, '\\|');

function table(header: string[], rows: string[][], align: string[]): string {
  return [
    `| ${header.map(cell).join(' | ')} |`,
    `|${align.map((a) => (a === 'r' ? '--:' : ':--')).join('|')}|`,
    ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`),
  ].join('\n');
}

/** The hover after a fit: coefficient rows of `name` (and `lag.name`), its impacts, how to read them. */
export function fitHoverMarkdown(fit: StoredFit, name: string, stale: boolean): string | undefined {
  const r = fit.result;
  const rows = coefficientCells(r).filter((c) => c.name === name || c.name === `lag.${name}`);
  if (rows.length === 0) return undefined;
  const head = coefficientHeader(r);
  const parts: string[] = [];
  const time = fit.fittedAt.toLocaleTimeString();
  parts.push(`**${name}**: regressor of ${r.dependent}, ${MODEL_TITLES[r.model]} fitted at ${time} (n = ${r.n}${stale ? '; the spec changed since: fit again to update' : ''})`);
  parts.push(table(['', 'Estimate', 'Std. Error', head.statistic, head.p, 'signif.'], rows.map((c) => [c.name, c.estimate, c.stdError, c.statistic, c.p, c.stars]), ['l', 'r', 'r', 'r', 'r', 'l']));
  const imp = impactCells(r).filter((c) => c.name === name);
  if (imp.length === 3) {
    const sim = r.impacts?.find((x) => x.name === name)?.simulated;
    const header = ['Impacts', 'Direct', 'Indirect', 'Total'];
    const body = [['estimate', ...imp.map((c) => c.estimate)]];
    if (sim) {
      // Significance stars in a row of their own, not inside the p cells (as in the coefficients table).
      body.push(['simulated SE', ...imp.map((c) => c.stdError)], ['z', ...imp.map((c) => c.z)], ['p', ...imp.map((c) => c.p)], ['signif.', ...imp.map((c) => c.stars)]);
    }
    parts.push(table(header, body, ['l', 'r', 'r', 'r']));
    if (sim) parts.push(`Simulated inference: ${sim.draws} draws (seed ${sim.seed}).`);
  }
  const par = spatialParameter(r);
  if (par) parts.push(`${par.symbol} = ${formatNumber(par.estimate, 5)} (p = ${formatPval([par.p], 4)[0]}).`);
  parts.push(`*How to read it:* ${coefficientReading(r, name)}`);
  return parts.join('\n\n');
}

/** The hover before a fit: the column's summary. */
export function columnHoverMarkdown(s: ColumnSummary, role: VariableRole, dataName: string): string {
  const f = (x: number) => (Number.isFinite(x) ? formatNumber(x, 5) : 'NA');
  const parts = [`**${s.name}**: ${role}, column of ${dataName}`];
  if (s.count === 0) {
    parts.push(`${s.rows} rows, no numeric values; ${s.distinct} distinct value${s.distinct === 1 ? '' : 's'}.`);
  } else {
    parts.push(table(['count', 'mean', 'sd', 'min', 'max'], [[s.count === s.rows ? String(s.count) : `${s.count} of ${s.rows}`, f(s.mean), f(s.sd), f(s.min), f(s.max)]], ['r', 'r', 'r', 'r', 'r']));
    if (s.count < s.rows) parts.push(`${s.rows - s.count} cell${s.rows - s.count === 1 ? ' is' : 's are'} not numbers.`);
  }
  if (role === 'regressor' || role === 'dependent') parts.push('*Fit the model to see its estimate' + (role === 'regressor' ? ' and impacts.*' : '.*'));
  return parts.join('\n\n');
}

export class SpecHoverProvider implements vscode.HoverProvider {
  constructor(
    private readonly store: FitStore,
    private readonly tableCache: TableCache,
  ) {}

  static register(store: FitStore, tableCache: TableCache): vscode.Disposable {
    return vscode.languages.registerHoverProvider(SPEC_SELECTOR, new SpecHoverProvider(store, tableCache));
  }

  async provideHover(doc: vscode.TextDocument, position: vscode.Position, token: vscode.CancellationToken): Promise<vscode.Hover | undefined> {
    const text = doc.getText();
    const v = variableAt(text, doc.offsetAt(position));
    if (!v) return undefined;
    const range = new vscode.Range(doc.positionAt(v.offset), doc.positionAt(v.offset + v.length));
    const fit = this.store.get(doc.uri);
    if (fit && v.role === 'regressor') {
      const md = fitHoverMarkdown(fit, v.name, fit.specText !== undefined && !sameModel(fit.specText, text));
      if (md) return new vscode.Hover(new vscode.MarkdownString(md), range);
    }
    const summary = await this.columnSummary(doc, text, v.name);
    if (token.isCancellationRequested || !summary) return undefined;
    const parts = [columnHoverMarkdown(summary.summary, v.role, summary.dataName)];
    if (fit && v.role === 'dependent') {
      parts.push(`Last fit: ${MODEL_TITLES[fit.result.model]}, ${fitHeadline(fit.result, 'detailed')}.`);
    }
    return new vscode.Hover(new vscode.MarkdownString(parts.join('\n\n')), range);
  }

  /** The column's summary from the spec's CSV (workspace files only, trusted workspaces only). */
  private async columnSummary(doc: vscode.TextDocument, text: string, name: string): Promise<{ summary: ColumnSummary; dataName: string } | undefined> {
    const root = workspaceRootOf(doc.uri);
    const data = specFiles(text, doc.uri.fsPath).data;
    if (!isTrusted() || !root || !data || !isInsideReal(root, data)) return undefined;
    try {
      const t = await loadTable(data, dirtyOverrides(), this.tableCache);
      const summary = t && summarizeColumn(t, name);
      return summary && { summary, dataName: path.basename(data) };
    } catch {
      return undefined; // unreadable data: the validation's diagnostics say why
    }
  }
}

/** Whether two spec texts describe the same model (ignoring formatting). */
export function sameModel(a: string, b: string): boolean {
  if (a === b) return true;
  const norm = (t: string) => {
    if (!withinJsonDepth(t)) return t;
    const root = parseTree(t.replace(/^\uFEFF/, ''), [], { allowTrailingComma: true });
    return root ? JSON.stringify(value(root)) : t;
  };
  return norm(a) === norm(b);
}

function value(n: Node): unknown {
  if (n.type === 'object') return Object.fromEntries((n.children ?? []).map((p) => [p.children?.[0]?.value, p.children?.[1] ? value(p.children[1]) : null]));
  if (n.type === 'array') return (n.children ?? []).map(value);
  return n.value;
}

