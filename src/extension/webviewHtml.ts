/**
 * The page of every SAR Studio webview (spec editor, results panel). Pure (no `vscode`) so that the
 * results panel's browser test renders exactly this HTML, with exactly this Content-Security-Policy,
 * outside the workbench.
 *
 * CSP: nothing by default; scripts only with this page's nonce; styles, images and fonts only from
 * the extension's own files (`cspSource`), plus whatever image sources a page adds. No
 * 'unsafe-eval' and no 'unsafe-inline': the pages set styles only through the CSSOM
 * (`element.style.x = …`), which CSP does not restrict. A `<style>` element is allowed only with
 * the page's nonce, which the page publishes in `<meta property="csp-nonce">`: the webview UI
 * toolkit (FAST) probes `:focus-visible` support with a `<style>` it gives that nonce
 * (fast-foundation `canUseFocusVisible`); without it every load logged a CSP violation.
 */
import { randomBytes } from 'crypto';

/** The only folder a webview loads from, relative to the extension root: the bundles and their CSS. */
export const WEBVIEW_DIR = ['dist', 'webview'] as const;

export function newNonce(): string {
  return randomBytes(18).toString('base64').replace(/[+/=]/g, (c) => ({ '+': '-', '/': '_', '=': '' })[c] as string);
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

/** The CSP above; `imageSources` adds sources to img-src (e.g. `data:` for exported charts). */
export function webviewCsp(cspSource: string, nonce: string, imageSources: readonly string[] = []): string {
  return [
    "default-src 'none'",
    `img-src ${[cspSource, ...imageSources].join(' ')}`,
    `style-src ${cspSource} 'nonce-${nonce}'`,
    `script-src 'nonce-${nonce}'`,
    `font-src ${cspSource}`,
  ].join('; ');
}

export interface WebviewPageOptions {
  /** The page's CSP (`webviewCsp`), built with the same `nonce`. */
  csp: string;
  /** A fresh nonce per page load (`newNonce()`). */
  nonce: string;
  title: string;
  /** Webview URLs of the page's bundle and its stylesheet. */
  scriptUri: string;
  styleUri: string;
  /** The `<main>` element the script renders into, with what shows until it does. */
  main: string;
  /** Extra script tags with the nonce (tests: a stub of acquireVsCodeApi). Never used by the extension. */
  extraHeadScripts?: string[];
}

export function webviewPage(o: WebviewPageOptions): string {
  const extra = (o.extraHeadScripts ?? []).map((s) => `<script nonce="${o.nonce}">${s}</script>`).join('\n    ');
  return `<!DOCTYPE html>
<html lang="en">
  <head>
    <meta charset="UTF-8">
    <meta http-equiv="Content-Security-Policy" content="${escapeHtml(o.csp)}">
    <meta property="csp-nonce" content="${escapeHtml(o.nonce)}">
    <meta name="viewport" content="width=device-width, initial-scale=1.0">
    <link rel="stylesheet" href="${escapeHtml(o.styleUri)}">
    <title>${escapeHtml(o.title)}</title>
    ${extra}
  </head>
  <body>
    ${o.main}
    <script nonce="${o.nonce}" src="${escapeHtml(o.scriptUri)}"></script>
  </body>
</html>`;
}
