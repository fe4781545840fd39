/** Helpers for the extension-host suites. */
import * as assert from 'assert';
import * as vscode from 'vscode';
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
