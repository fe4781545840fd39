/**
 * `sarStudio.fitOnSave`: saving a spec fits it; saving a file a spec names (its CSV, weights or
 * geometry) refits the specs that name it and are open or were fitted in this session. Never in
 * an untrusted workspace (restricted mode), never a spec outside the workspace.
 */
import * as path from 'path';
import * as vscode from 'vscode';
import { readConfig } from './config';
import type { Services } from './services';
import { referencedFiles, specFiles } from './specData';
import { isSpecUri } from './specFiles';
import { isTrusted } from './trust';
import { readSpecText } from './workspaceFiles';

export function registerFitOnSave(context: vscode.ExtensionContext, s: Services): void {
  const fitIfEnabled = (uri: vscode.Uri) => {
    if (isTrusted() && readConfig(uri).fitOnSave) void s.fitter?.fit(uri, { automatic: true });
  };
  context.subscriptions.push(
    vscode.workspace.onDidSaveTextDocument(async (doc) => {
      if (doc.uri.scheme !== 'file') return;
      if (isSpecUri(doc.uri)) return fitIfEnabled(doc.uri);
      if (!isTrusted()) return;
      const saved = path.resolve(doc.uri.fsPath);
      const specs = new Map<string, vscode.Uri>();
      for (const d of vscode.workspace.textDocuments) if (isSpecUri(d.uri) && d.uri.scheme === 'file') specs.set(d.uri.toString(), d.uri);
      for (const f of s.store.all()) specs.set(f.specUri.toString(), f.specUri);
      for (const uri of specs.values()) {
        if (!readConfig(uri).fitOnSave) continue;
        const text = await readSpecText(uri);
        if (text !== undefined && referencedFiles(specFiles(text, uri.fsPath)).includes(saved)) fitIfEnabled(uri);
      }
    }),
  );
}
