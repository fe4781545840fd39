/**
 * A webview page outside the workbench, for browser tests of a bundle: the extension's own page
 * HTML and CSP, the bundle and its CSS served from a local origin (standing in for
 * webview.cspSource), the theme's --vscode-* variables and body class as VS Code sets them (light,
 * dark, high contrast), and a stub of acquireVsCodeApi that records what the page posts and
 * every CSP violation.
 */
import * as fs from 'fs';
import * as http from 'http';
import type { AddressInfo } from 'net';
import * as path from 'path';
import type { Browser, Page } from 'playwright-core';

export type ThemeName = 'light' | 'dark' | 'hc';

/** The variables the views read, with Light Modern / Dark Modern / Dark High Contrast values. */
export const THEME_VARIABLES: Record<ThemeName, Record<string, string>> = {
  light: {
    'editor-background': '#ffffff', 'editor-foreground': '#3b3b3b', foreground: '#3b3b3b', descriptionForeground: '#6e6e6e',
    'panel-border': '#e5e5e5', focusBorder: '#005fb8', 'button-background': '#005fb8', 'button-foreground': '#ffffff',
    'button-secondaryBackground': '#e5e5e5', 'button-secondaryForeground': '#3b3b3b', 'charts-blue': '#1a85ff', 'charts-orange': '#d18616',
    'editorWidget-border': '#e5e5e5', 'textBlockQuote-background': '#f8f8f8', 'dropdown-background': '#ffffff', 'dropdown-border': '#cecece',
    'font-family': 'system-ui, sans-serif', 'font-size': '13px', 'editor-font-family': '"DejaVu Sans Mono", monospace',
  },
  dark: {
    'editor-background': '#1f1f1f', 'editor-foreground': '#cccccc', foreground: '#cccccc', descriptionForeground: '#9d9d9d',
    'panel-border': '#2b2b2b', focusBorder: '#0078d4', 'button-background': '#0078d4', 'button-foreground': '#ffffff',
    'button-secondaryBackground': '#313131', 'button-secondaryForeground': '#cccccc', 'charts-blue': '#3794ff', 'charts-orange': '#d18616',
    'editorWidget-border': '#313131', 'textBlockQuote-background': '#2b2b2b', 'dropdown-background': '#313131', 'dropdown-border': '#3c3c3c',
    'font-family': 'system-ui, sans-serif', 'font-size': '13px', 'editor-font-family': '"DejaVu Sans Mono", monospace',
  },
  hc: {
    'editor-background': '#000000', 'editor-foreground': '#ffffff', foreground: '#ffffff', descriptionForeground: '#ffffff',
    'panel-border': '#6fc3df', focusBorder: '#f38518', contrastBorder: '#6fc3df', 'button-background': '#000000', 'button-foreground': '#ffffff',
    'button-border': '#6fc3df', 'charts-blue': '#3794ff', 'charts-orange': '#d18616', 'editorWidget-border': '#6fc3df',
    'dropdown-background': '#000000', 'dropdown-border': '#6fc3df',
    'font-family': 'system-ui, sans-serif', 'font-size': '13px', 'editor-font-family': '"DejaVu Sans Mono", monospace',
  },
};

const BODY_CLASS: Record<ThemeName, string> = { light: 'vscode-light', dark: 'vscode-dark', hc: 'vscode-high-contrast' };

const STUB = `
window.__posted = []; window.__csp = [];
document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));
window.acquireVsCodeApi = () => ({
  postMessage: (m) => window.__posted.push(JSON.parse(JSON.stringify(m))),
  getState: () => { const s = sessionStorage.getItem('state'); return s ? JSON.parse(s) : undefined; },
  setState: (s) => sessionStorage.setItem('state', JSON.stringify(s)),
});`;

export interface HarnessPage {
  /** The page HTML for an origin, the stub scripts and the bundle URLs. */
  html(origin: string, extraHeadScripts: string[], scriptUri: string, styleUri: string): string;
  /** dist/webview/<bundle>.js and .css */
  bundle: string;
}

export interface Harness {
  origin: string;
  open(browser: Browser, theme: ThemeName, viewport?: { width: number; height: number }): Promise<{ page: Page; errors: string[] }>;
  close(): Promise<void>;
}

export async function serveWebview(root: string, p: HarnessPage): Promise<Harness> {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const send = (type: string, body: string | Buffer) => {
      res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' });
      res.end(body);
    };
    const theme = (url.searchParams.get('theme') ?? 'dark') as ThemeName;
    if (url.pathname === '/') {
      let html = p.html(origin, [STUB], `${origin}/dist/webview/${p.bundle}.js`, `${origin}/dist/webview/${p.bundle}.css`);
      html = html.replace('<link rel="stylesheet"', `<link rel="stylesheet" href="${origin}/theme/${theme}.css">\n    <link rel="stylesheet"`);
      html = html.replace('<body>', `<body class="${BODY_CLASS[theme] ?? 'vscode-dark'}">`);
      send('text/html; charset=utf-8', html);
    } else if (url.pathname === `/dist/webview/${p.bundle}.js`) send('text/javascript', fs.readFileSync(path.join(root, 'dist/webview', `${p.bundle}.js`)));
    else if (url.pathname === `/dist/webview/${p.bundle}.css`) send('text/css', fs.readFileSync(path.join(root, 'dist/webview', `${p.bundle}.css`)));
    else if (/^\/theme\/(dark|light|hc)\.css$/.test(url.pathname)) {
      const vars = THEME_VARIABLES[path.basename(url.pathname, '.css') as ThemeName];
      send('text/css', `html {\n${Object.entries(vars).map(([k, v]) => `  --vscode-${k}: ${v};`).join('\n')}\n}\n`);
    } else {
      res.writeHead(url.pathname === '/favicon.ico' ? 204 : 404);
      res.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    async open(browser, theme, viewport = { width: 1200, height: 1000 }) {
      const errors: string[] = [];
      const page = await browser.newPage({ viewport });
      page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
      page.on('console', (m) => {
        if (m.type() === 'error' || m.type() === 'warning') errors.push(`console.${m.type()}: ${m.text()}`);
      });
      await page.goto(`${origin}/?theme=${theme}`);
      await page.waitForFunction(() => (window as unknown as { __posted: { type: string }[] }).__posted.some((m) => m.type === 'ready'));
      return { page, errors };
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

export const postedMessages = (page: Page) => page.evaluate(() => (window as unknown as { __posted: Record<string, unknown>[] }).__posted);
export const cspViolations = (page: Page) => page.evaluate(() => (window as unknown as { __csp: string[] }).__csp);
