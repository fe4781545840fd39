/** Helpers for the extension-host suites. */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { REPO_ROOT } from '../../helpers/fixtures';
import type { FitCommandOutcome } from '../../../src/extension/commands/fit';

export const EXTENSION_ID = 'sar-studio.sar-studio';

/** The test workspace (scripts/workbench/workspace.ts): columbus/ = examples/columbus, fixtures/ = test/fixtures/specs. */
export function wsUri(...segments: string[]): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the tests need an open workspace folder');
  return vscode.Uri.joinPath(folder.uri, ...segments);
}

export async function waitFor<T>(what: string, probe: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export async function activateExtension(): Promise<vscode.Extension<unknown>> {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(ext, `${EXTENSION_ID} is not installed in this extension host`);
  await ext.activate();
  return ext;
}

export async function fit(uri?: vscode.Uri): Promise<FitCommandOutcome> {
  const outcome = await vscode.commands.executeCommand<FitCommandOutcome | undefined>('sarStudio.fit', ...(uri ? [uri] : []));
  assert.ok(outcome, 'sarStudio.fit returned nothing (no spec found?)');
  return outcome;
}

export async function closeAllEditors(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

/** Measured figures (worker start, fits, validation of hostile input) for the closing note: test-output/integration/timings.json. */
export const TIMINGS = path.resolve(__dirname, '../../../../test-output/integration/timings.json');
export function recordTiming(key: string, value: unknown): void {
  let all: Record<string, unknown> = {};
  try {
    all = JSON.parse(fs.readFileSync(TIMINGS, 'utf8')) as Record<string, unknown>;
  } catch {
    // first entry
  }
  all[key] = value;
  fs.mkdirSync(path.dirname(TIMINGS), { recursive: true });
  fs.writeFileSync(TIMINGS, JSON.stringify(all, null, 2));
}

/** The extension's API (what `activate` returns). */
export async function sarApi(): Promise<import('../../../src/extension/api').SarStudioApi> {
  const ext = await activateExtension();
  return ext.exports as import('../../../src/extension/api').SarStudioApi;
}

/** Writes `text` to a new file in the test workspace (a fresh copy per run) and returns its Uri. */
export async function writeWorkspaceFile(relative: string, text: string): Promise<vscode.Uri> {
  const uri = wsUri(...relative.split('/'));
  await vscode.workspace.fs.writeFile(uri, Buffer.from(text, 'utf8'));
  return uri;
}

/** A unique file name in the workspace for one test: `<stem>-<n>.sar.json`. */
let unique = 0;
export function uniqueName(stem: string, ext = '.sar.json'): string {
  return `${stem}-${Date.now().toString(36)}-${++unique}${ext}`;
}

/**
 * A fresh copy of examples/columbus in the workspace, for a test that must not depend on what
 * earlier tests left in `columbus/` (their edits are reverted, but a failed test may leave some).
 */
export function freshColumbus(): vscode.Uri {
  const dst = wsUri(uniqueName('columbus', ''));
  fs.cpSync(path.join(REPO_ROOT, 'examples', 'columbus'), dst.fsPath, { recursive: true });
  return dst;
}

/** The Columbus spec of examples/columbus, written into fixtures/ (paths relative to it). */
export function columbusSpecText(overrides: Record<string, unknown> = {}): string {
  return JSON.stringify({
    data: '../columbus/data.csv',
    dependent: 'CRIME',
    independent: ['INC', 'HOVAL'],
    weights: { type: 'gal', path: '../columbus/weights.gal', idColumn: 'id' },
    model: 'lag',
    ...overrides,
  }, null, 2) + '\n';
}

/** Diagnostics of SAR Studio on `uri`. */
export function sarDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'SAR Studio');
}

/** The text of every hover at `pos` (executeHoverProvider). */
export async function hoverText(uri: vscode.Uri, pos: vscode.Position): Promise<string> {
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, pos);
  return (hovers ?? []).flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))).join('\n');
}

/** Position of the first occurrence of `needle` in the document (plus `delta` characters). */
export function positionOf(doc: vscode.TextDocument, needle: string, delta = 0): vscode.Position {
  const i = doc.getText().indexOf(needle);
  assert.ok(i >= 0, `"${needle}" in ${doc.uri.path}`);
  return doc.positionAt(i + delta);
}
