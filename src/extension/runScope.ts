/**
 * Which files a command that reads a spec's data (fit, compare) may read: the spec's workspace
 * folder (`rootDir`; the engine refuses files outside it). A spec outside every workspace folder
 * is read only after the user agrees, and then only files beside it; an untrusted workspace asks
 * first. Automatic runs (fit on save) never ask: they skip such specs.
 */
import * as path from 'path';
import * as vscode from 'vscode';
import { confirmUntrusted, isTrusted } from './trust';
import { workspaceRootOf } from './workspaceFiles';

export interface RunScopeOptions {
  /** The command's verb: "fit", "compare the models of". */
  verb: string;
  /** A run the user did not ask for right now: no dialogs. */
  automatic?: boolean;
}

/** The folder the run may read, or undefined when it must not run (declined, not on disk, skipped). */
export async function runScope(uri: vscode.Uri, { verb, automatic = false }: RunScopeOptions): Promise<string | undefined> {
  const name = path.basename(uri.path);
  const Verb = verb[0].toUpperCase() + verb.slice(1);
  if (uri.scheme !== 'file') {
    if (!automatic) void vscode.window.showWarningMessage(`SAR Studio: can only ${verb} specs on disk (got ${uri.scheme}:).`);
    return undefined;
  }
  if (!isTrusted() && (automatic || !(await confirmUntrusted(`${Verb} ${name}`, 'Fitting reads the data, weights and geometry files the spec names.')))) return undefined;
  const rootDir = workspaceRootOf(uri);
  if (rootDir) return rootDir;
  if (automatic) return undefined;
  const go = Verb.split(' ')[0];
  const choice = await vscode.window.showWarningMessage(
    `SAR Studio: ${name} is outside the workspace folders. ${Verb} it anyway?`,
    { modal: true, detail: `SAR Studio only reads files inside the workspace. If you go on, SAR Studio may read only files in the spec's own folder and below.` },
    go,
  );
  return choice === go ? path.dirname(uri.fsPath) : undefined;
}
