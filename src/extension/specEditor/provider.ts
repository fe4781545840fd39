/**
 * The `sarStudio.specEditor` custom editor for `*.sar.json`: a CustomTextEditorProvider, so the
 * TextDocument stays the single source of truth (undo, save, dirty state come from VS Code).
 * The webview shows the model parsed from the text and follows every document change.
 */
import * as path from 'path';
import * as vscode from 'vscode';
import { webviewHtml } from './html';
import { isEditorToHost, type HostToEditor } from './messages';
import { summarizeSpecText } from './summary';

export class SpecEditorProvider implements vscode.CustomTextEditorProvider {
  static readonly viewType = 'sarStudio.specEditor';

  static register(context: vscode.ExtensionContext, fit: (uri: vscode.Uri) => Thenable<unknown>): vscode.Disposable {
    return vscode.window.registerCustomEditorProvider(SpecEditorProvider.viewType, new SpecEditorProvider(context.extensionUri, fit), {
      webviewOptions: { retainContextWhenHidden: false },
      supportsMultipleEditorsPerDocument: true,
    });
  }

  private constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly fit: (uri: vscode.Uri) => Thenable<unknown>,
  ) {}

  resolveCustomTextEditor(document: vscode.TextDocument, panel: vscode.WebviewPanel): void {
    const webview = panel.webview;
    webview.options = {
      enableScripts: true,
      localResourceRoots: [vscode.Uri.joinPath(this.extensionUri, 'dist'), vscode.Uri.joinPath(this.extensionUri, 'media')],
    };
    webview.html = webviewHtml(webview, this.extensionUri, { title: 'SAR Studio Spec Editor', script: 'editor.js', styles: ['editor.css'] });

    const post = () => {
      const msg: HostToEditor = { type: 'summary', fileName: path.basename(document.uri.path), summary: summarizeSpecText(document.getText()) };
      void webview.postMessage(msg);
    };
    const subscriptions: vscode.Disposable[] = [
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.document.uri.toString() === document.uri.toString()) post();
      }),
      webview.onDidReceiveMessage((m: unknown) => {
        if (!isEditorToHost(m)) return;
        if (m.type === 'ready') post();
        else if (m.type === 'fit') void this.fit(document.uri);
      }),
    ];
    panel.onDidDispose(() => subscriptions.forEach((d) => d.dispose()));
  }
}
