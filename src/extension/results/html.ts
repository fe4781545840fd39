/**
 * The results panel's page: the shared webview page (../webviewHtml.ts), whose CSP here also allows
 * `data:`/`blob:` images for chart exports (vega's toImageURL). No 'unsafe-eval' either: vega runs
 * with `ast: true` and vega-interpreter, and its SVG renderer sets styles through the CSSOM
 * (`style.setProperty`). Pure (no `vscode`), for the browser test.
 */
import { webviewCsp, webviewPage } from '../webviewHtml';

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

export function resultsCsp(cspSource: string, nonce: string): string {
  return webviewCsp(cspSource, nonce, ['data:', 'blob:']);
}

export function resultsHtml(o: ResultsHtmlOptions): string {
  return webviewPage({
    ...o,
    csp: resultsCsp(o.cspSource, o.nonce),
    main: '<main id="app" aria-live="polite"><p class="sar-empty">Waiting for a fit…</p></main>',
  });
}
