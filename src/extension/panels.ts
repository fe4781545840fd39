/**
 * What the extension's own webview panels (results, comparison, spatial views) share: the one set
 * of webview options (scripts on, command links off, only the bundles' folder readable), the
 * panel opened beside the editor, and the registry of open panels — one per key (a spec, or a spec
 * and a view), each removing itself when it closes.
 */
import * as vscode from 'vscode';
import { WEBVIEW_DIR } from './webviewHtml';

export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions {
  return { enableScripts: true, enableCommandUris: false, localResourceRoots: [vscode.Uri.joinPath(extensionUri, ...WEBVIEW_DIR)] };
}

/** The webview URI of a bundle file (dist/webview/<file>). */
export function webviewAsset(webview: vscode.Webview, extensionUri: vscode.Uri, file: string): string {
  return webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, ...WEBVIEW_DIR, file)).toString();
}

/** A panel beside the active editor; its state is rebuilt from the host's last message when shown again. */
export function createSidePanel(viewType: string, title: string, extensionUri: vscode.Uri, preserveFocus = true): vscode.WebviewPanel {
  return vscode.window.createWebviewPanel(viewType, title, { viewColumn: vscode.ViewColumn.Beside, preserveFocus },
    { ...webviewOptions(extensionUri), retainContextWhenHidden: false, enableFindWidget: true });
}

export class PanelRegistry<P extends vscode.Disposable> implements vscode.Disposable {
  private readonly panels = new Map<string, P>();

  get(key: string): P | undefined {
    return this.panels.get(key);
  }

  values(): IterableIterator<P> {
    return this.panels.values();
  }

  /** The open panel of `key`, or a new one from `create`, which is handed the callback its panel calls when it closes. */
  open(key: string, create: (onClosed: () => void) => P): { panel: P; created: boolean } {
    const open = this.panels.get(key);
    if (open) return { panel: open, created: false };
    const panel = create(() => this.panels.delete(key));
    this.panels.set(key, panel);
    return { panel, created: true };
  }

  dispose(): void {
    for (const p of [...this.panels.values()]) p.dispose();
    this.panels.clear();
  }
}
