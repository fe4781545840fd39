import { randomBytes } from 'crypto';
import * as vscode from 'vscode';

/**
 * The webview page: strict CSP — nothing by default; scripts only with this page's nonce; styles,
 * images and fonts only from the extension's own files (no inline styles, no remote content).
 * `script` and `styles` are paths relative to the extension root, e.g. 'dist/webview/editor.js'.
 */
export function webviewHtml(webview: vscode.Webview, extensionUri: vscode.Uri, opts: { title: string; script: string; styles: string[]; bodyAttributes?: Record<string, string> }): string {
  const nonce = randomBytes(16).toString('base64');
  const asset = (p: string) => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, ...p.split('/'))).toString();
  const csp = [
    "default-src 'none'",
    `style-src ${webview.cspSource}`,
    `img-src ${webview.cspSource}`,
    `font-src ${webview.cspSource}`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
  const styles = opts.styles.map((s) => `<link rel="stylesheet" href="${escapeHtml(asset(s))}">`).join('\n    ');
  const attrs = Object.entries(opts.bodyAttributes ?? {}).map(([k, v]) => ` ${k}="${escapeHtml(v)}"`).join('');
  return `<!DOCTYPE html>
<html lang="en">
  <head>
    <meta charset="UTF-8">
    <meta http-equiv="Content-Security-Policy" content="${csp}">
    <meta name="viewport" content="width=device-width, initial-scale=1.0">
    ${styles}
    <title>${escapeHtml(opts.title)}</title>
  </head>
  <body${attrs}>
    <main id="app"></main>
    <script nonce="${nonce}" src="${escapeHtml(asset(opts.script))}"></script>
  </body>
</html>`;
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}
