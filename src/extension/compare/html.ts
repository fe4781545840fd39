/**
 * The comparison panel's page: the shared webview page (../webviewHtml.ts) with its strict CSP (no
 * extra image sources: the panel draws no charts). Pure (no `vscode`).
 */
import { webviewCsp, webviewPage } from '../webviewHtml';

export interface CompareHtmlOptions {
  cspSource: string;
  scriptUri: string;
  styleUri: string;
  title: string;
  nonce: string;
}

export function compareHtml(o: CompareHtmlOptions): string {
  return webviewPage({
    ...o,
    csp: webviewCsp(o.cspSource, o.nonce),
    main: '<main id="app" aria-live="polite"><p class="sar-empty">Comparing the models…</p></main>',
  });
}
