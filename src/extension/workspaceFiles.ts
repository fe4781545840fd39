/**
 * Where a spec may read from, and what the editor holds unsaved: the workspace folder of a file
 * (the engine's `rootDir`), the open documents' text (`overrides`), reading a spec's text.
 * Whether a file lies inside a folder is the engine's own check (`isInside` / `isInsideReal` in
 * src/core/io/paths.ts), so the extension refuses exactly what a fit refuses.
 */
import * as path from 'path';
import * as vscode from 'vscode';
import { readDecoded } from '../core/input/files';

/** The workspace folder holding `uri` (file scheme), as an absolute path; undefined outside every folder. */
export function workspaceRootOf(uri: vscode.Uri): string | undefined {
  const folder = vscode.workspace.getWorkspaceFolder(uri);
  return folder && folder.uri.scheme === 'file' ? folder.uri.fsPath : undefined;
}

/** Unsaved text of every dirty document on disk, by absolute path (the engine reads these instead of the files). */
export function dirtyOverrides(): Map<string, string> {
  const overrides = new Map<string, string>();
  for (const d of vscode.workspace.textDocuments) {
    if (d.isDirty && d.uri.scheme === 'file') overrides.set(path.resolve(d.uri.fsPath), d.getText());
  }
  return overrides;
}

/** The open document of `uri`, if any. */
export function openDocument(uri: vscode.Uri): vscode.TextDocument | undefined {
  const key = uri.toString();
  return vscode.workspace.textDocuments.find((d) => d.uri.toString() === key);
}

/** The spec's text as the editor has it (unsaved edits included), else from disk; undefined when unreadable. */
export async function readSpecText(uri: vscode.Uri): Promise<string | undefined> {
  const doc = openDocument(uri);
  if (doc) return doc.getText();
  try {
    return await readDecoded(uri.fsPath);
  } catch {
    return undefined;
  }
}
