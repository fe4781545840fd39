/**
 * The `sarStudio.specEditor` custom editor for `*.sar.json`: a CustomTextEditorProvider, so the
 * spec's TextDocument stays the single source of truth (undo, save, dirty state, hot exit and Git
 * diffs come from VS Code). Each open editor is an `EditorSession` (session.ts).
 */
import * as vscode from 'vscode';
import { newNonce, WEBVIEW_DIR, webviewCsp, webviewPage } from '../webviewHtml';
import { EditorSession, editorLimits, type SessionSnapshot } from './session';

/** Test-only commands (registered outside production mode): inspect a session, send it a message. */
export const TEST_STATE_COMMAND = 'sarStudio.specEditor.testState';
export const TEST_MESSAGE_COMMAND = 'sarStudio.specEditor.testMessage';
export const TEST_LIMITS_COMMAND = 'sarStudio.specEditor.testLimits';

/** The commands the editor's buttons run on its spec. */
export interface SpecEditorCommands {
  fit(uri: vscode.Uri): Thenable<unknown>;
  compare(uri: vscode.Uri): Thenable<unknown>;
}

export class SpecEditorProvider implements vscode.CustomTextEditorProvider {
  static readonly viewType = 'sarStudio.specEditor';

  private readonly sessions = new Set<EditorSession>();

  /** Registers the spec editor (and, outside production, its test commands) for the extension's lifetime. */
  static register(context: vscode.ExtensionContext, commands: SpecEditorCommands): SpecEditorProvider {
    const output = vscode.window.createOutputChannel('SAR Studio Spec Editor', { log: true });
    const provider = new SpecEditorProvider(context.extensionUri, commands, output);
    const disposables: vscode.Disposable[] = [
      output,
      vscode.window.registerCustomEditorProvider(SpecEditorProvider.viewType, provider, {
        // The grid's scroll position, selection, page cache and sort survive switching tabs.
        webviewOptions: { retainContextWhenHidden: true },
        supportsMultipleEditorsPerDocument: true,
      }),
    ];
    if (context.extensionMode !== vscode.ExtensionMode.Production) disposables.push(...provider.registerTestCommands());
    context.subscriptions.push(...disposables, { dispose: () => provider.sessions.forEach((s) => s.dispose()) });
    return provider;
  }

  private constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly commands: SpecEditorCommands,
    /** Diagnostics of the editor (rejected messages, load times): a log channel, quiet by default. */
    private readonly output: vscode.LogOutputChannel,
  ) {}

  resolveCustomTextEditor(document: vscode.TextDocument, panel: vscode.WebviewPanel): void {
    const session = new EditorSession(panel, document, {
      extensionUri: this.extensionUri,
      fit: this.commands.fit,
      compare: this.commands.compare,
      log: (m) => this.output.info(m),
    });
    this.sessions.add(session);
    panel.onDidDispose(() => this.sessions.delete(session));
    const webview = panel.webview;
    const asset = (file: string) => webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, ...WEBVIEW_DIR, file)).toString();
    const nonce = newNonce();
    session.start(webviewPage({
      csp: webviewCsp(webview.cspSource, nonce),
      nonce,
      title: 'SAR Studio Spec Editor',
      scriptUri: asset('editor.js'),
      styleUri: asset('editor.css'),
      main: '<main id="app"></main>',
    }));
  }

  /** Shows data row `row` of the spec's data in its open spec editor; false when none is open or it cannot. */
  revealRow(specUri: vscode.Uri, row: number): boolean {
    return this.sessionFor(specUri)?.revealRow(row) ?? false;
  }

  private sessionFor(uri: unknown): EditorSession | undefined {
    const key = uri instanceof vscode.Uri ? uri.toString() : typeof uri === 'string' ? uri : undefined;
    const all = [...this.sessions];
    return (key ? all.filter((s) => s.specUri.toString() === key) : all).pop();
  }

  private registerTestCommands(): vscode.Disposable[] {
    return [
      vscode.commands.registerCommand(TEST_STATE_COMMAND, (uri?: unknown): SessionSnapshot | undefined => this.sessionFor(uri)?.snapshot()),
      vscode.commands.registerCommand(TEST_MESSAGE_COMMAND, async (uri: unknown, message: unknown): Promise<boolean> => {
        const s = this.sessionFor(uri);
        return s ? s.receive(message) : false;
      }),
      vscode.commands.registerCommand(TEST_LIMITS_COMMAND, (limits?: Partial<typeof editorLimits>) => {
        if (limits && typeof limits.documentBytes === 'number') editorLimits.documentBytes = limits.documentBytes;
        return { ...editorLimits };
      }),
    ];
  }
}
