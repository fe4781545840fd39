/**
 * The results panel's page. Pure (no `vscode` import) so that the browser test renders exactly
 * this HTML, with exactly this Content-Security-Policy, outside the workbench.
 *
 * CSP: nothing by default; scripts only with this page's nonce; styles, images and fonts only
 * from the extension's own files (`cspSource`), plus `data:`/`blob:` images for chart exports
 * (vega's toImageURL). No 'unsafe-eval' (vega runs with `ast: true` and vega-interpreter) and no
 * 'unsafe-inline' for scripts or styles: the page sets styles only through the CSSOM
 * (`element.style.x = …`), which CSP does not restrict, and vega's SVG renderer does the same
 * (`style.setProperty`), so no style allowance is needed.
 */
import { randomBytes } from 'crypto';

export interface ResultsHtmlOptions {
  /** `webview.cspSource` (or the test server's origin). */
  cspSource: string;
  /** URL of dist/webview/results.js and dist/webview/results.css. */
  scriptUri: string;
  styleUri: string;
  title: string;
  /** A fresh nonce per page load (`newNonce()`). */
  nonce: string;
  /** Extra script tags with the nonce (tests: a stub of acquireVsCodeApi). Never used by the extension. */
  extraHeadScripts?: string[];
}

export function newNonce(): string {
  return randomBytes(18).toString('base64').replace(/[+/=]/g, (c) => ({ '+': '-', '/': '_', '=': '' })[c] as string);
}

export function resultsCsp(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `img-src ${cspSource} data: blob:`,
    `style-src ${cspSource}`,
    `script-src 'nonce-${nonce}'`,
    `font-src ${cspSource}`,
  ].join('; ');
}

export function resultsHtml(o: ResultsHtmlOptions): string {
  const extra = (o.extraHeadScripts ?? []).map((s) => `<script nonce="${o.nonce}">${s}</script>`).join('\n    ');
  return `<!DOCTYPE html>
<html lang="en">
  <head>
    <meta charset="UTF-8">
    <meta http-equiv="Content-Security-Policy" content="${escapeHtml(resultsCsp(o.cspSource, o.nonce))}">
    <meta name="viewport" content="width=device-width, initial-scale=1.0">
    <link rel="stylesheet" href="${escapeHtml(o.styleUri)}">
    <title>${escapeHtml(o.title)}</title>
    ${extra}
  </head>
  <body>
    <main id="app" aria-live="polite"><p class="sar-empty">Waiting for a fit…</p></main>
    <script nonce="${o.nonce}" src="${escapeHtml(o.scriptUri)}"></script>
  </body>
</html>`;
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}
