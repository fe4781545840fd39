/**
 * The results panel, host side: one `WebviewPanel` per spec (`ResultsPanels` keeps them), showing
 * a FitResult with its tables, charts and spillover map (webview/results).
 *
 * - The page has a strict CSP (see ./html.ts) and may load only the extension's `dist/webview`.
 * - `retainContextWhenHidden` is off: a hidden panel's page is discarded; when it is shown again
 *   the page reloads, says `ready`, and gets the last `show` message again (view state such as the
 *   chosen map quantity survives in the webview's own getState / setState).
 * - Every message from the page is checked with the protocol's validators; invalid ones are
 *   logged (type and field names only) and ignored.
 * - Exports go only where the user picks in a save dialog, never over an input of the model;
 *   copies go to the clipboard.
 * - "Reveal in data" shows the observation's row in the spec's open spec editor (`host.reveal`),
 *   else its line in the CSV.
 */
import * as path from 'path';
import * as vscode from 'vscode';
import {
  describeMessage,
  validateResultsToHost,
  type HostToResults,
  type ResultsToHost,
  type ShowResultsMessage,
} from '../../protocol';
import type { FitResult } from '../../core/result';
import { newNonce } from '../webviewHtml';
import { createSidePanel, PanelRegistry, webviewAsset, webviewOptions } from '../panels';
import { saveExport } from './exports';
import { resultsHtml } from './html';
import type { PanelData } from './mapData';

export const RESULTS_VIEW_TYPE = 'sarStudio.results';

/** What the panels need from the rest of the extension. */
export interface ResultsPanelHost {
  extensionUri: vscode.Uri;
  /** A line for the output channel. */
  log(message: string): void;
  /** The user pressed "Fit again" in the panel (e.g. run the fit command on `specUri`). */
  refit?(specUri: vscode.Uri): void;
  /** The user pressed "Compare models" (the comparison command on `specUri`). */
  compare?(specUri: vscode.Uri): void;
  /** The user pressed "Add to data…" (the fit's values as columns of the data). */
  addColumns?(specUri: vscode.Uri): void;
  /**
   * Show an observation (0-based data row) in the data, e.g. in the spec editor's grid. Returns
   * true when handled; otherwise the panel opens the CSV at the row's line.
   */
  reveal?(specUri: vscode.Uri, observation: number): boolean;
}

/** Extra data shown with a result (see `loadPanelData`). */
export type ResultsExtras = Omit<PanelData, 'notes'>;


export class ResultsPanel implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  private current?: ShowResultsMessage;
  private extras: ResultsExtras = {};
  private status?: HostToResults;
  private pageReady = false;
  private saving = false;
  private disposed = false;

  constructor(
    readonly panel: vscode.WebviewPanel,
    readonly specUri: vscode.Uri,
    private readonly host: ResultsPanelHost,
    private readonly onDisposed: () => void,
  ) {
    const webview = panel.webview;
    webview.options = webviewOptions(host.extensionUri);
    const asset = (file: string) => webviewAsset(webview, host.extensionUri, file);
    webview.html = resultsHtml({
      cspSource: webview.cspSource,
      nonce: newNonce(),
      scriptUri: asset('results.js'),
      styleUri: asset('results.css'),
      title: panel.title,
    });
    this.disposables.push(
      webview.onDidReceiveMessage((m: unknown) => this.receive(m)),
      panel.onDidChangeViewState(() => {
        // A hidden page is discarded (retainContextWhenHidden: false); it says `ready` when back.
        if (!panel.visible) this.pageReady = false;
      }),
      panel.onDidDispose(() => this.dispose()),
    );
  }

  /** Shows `result` (and reveals the panel unless `preserveFocus` only). */
  show(result: FitResult, extras: ResultsExtras = {}, reveal = true): void {
    this.extras = extras;
    const name = path.basename(this.specUri.path);
    this.current = {
      type: 'show',
      title: extras.title ?? name,
      result,
      map: extras.map,
      laggedResiduals: extras.laggedResiduals,
      residualMoranI: extras.residualMoranI,
      specName: name.replace(/\.sar\.json$/i, ''),
      fittedAt: new Date().toISOString(),
    };
    this.status = undefined;
    this.panel.title = `Results: ${name}`;
    if (reveal && !this.panel.visible) this.panel.reveal(undefined, true);
    this.post(this.current);
  }

  /** Tells the page that a fit is running / failed / finished. */
  setStatus(state: 'fitting' | 'idle' | 'failed', text?: string): void {
    this.status = { type: 'status', state, text };
    this.post(this.status);
  }

  /** The message last shown (tests). */
  get shown(): ShowResultsMessage | undefined {
    return this.current;
  }

  private post(m: HostToResults): void {
    if (this.disposed || !this.pageReady) return; // sent on `ready`
    void this.panel.webview.postMessage(m);
  }

  private receive(m: unknown): void {
    const why = validateResultsToHost(m);
    if (why !== undefined) {
      this.host.log(`Results panel: ignored an invalid message from the webview (${why}; ${describeMessage(m)})`);
      return;
    }
    void this.handle(m as ResultsToHost).catch((e: unknown) => {
      this.host.log(`Results panel: ${(m as ResultsToHost).type} failed: ${e instanceof Error ? e.message : String(e)}`);
    });
  }

  private async handle(m: ResultsToHost): Promise<void> {
    switch (m.type) {
      case 'ready':
        this.pageReady = true;
        if (this.current) void this.panel.webview.postMessage(this.current);
        if (this.status) void this.panel.webview.postMessage(this.status);
        return;
      case 'copy':
        await vscode.env.clipboard.writeText(m.text);
        vscode.window.setStatusBarMessage(`SAR Studio: copied ${m.what} (${m.format === 'markdown' ? 'Markdown' : m.format.toUpperCase()})`, 3000);
        return;
      case 'export': {
        if (this.saving) return; // one save dialog at a time
        this.saving = true;
        try {
          const target = await saveExport(m, { defaultFolder: vscode.Uri.joinPath(this.specUri, '..'), fitted: this.extras });
          if (target) {
            this.host.log(`Results panel: exported ${m.format} to ${target.fsPath}`);
            vscode.window.setStatusBarMessage(`SAR Studio: saved ${path.basename(target.path)}`, 4000);
          }
        } finally {
          this.saving = false;
        }
        return;
      }
      case 'reveal':
        await this.reveal(m.observation);
        return;
      case 'refit':
        this.host.refit?.(this.specUri);
        return;
      case 'addColumns':
        this.host.addColumns?.(this.specUri);
        return;
      case 'compare':
        this.host.compare?.(this.specUri);
        return;
      case 'log':
        this.host.log(`Results panel (webview) ${m.level}: ${m.message}`);
        return;
    }
  }

  private async reveal(observation: number): Promise<void> {
    const n = this.current?.result.n ?? 0;
    if (observation >= n) {
      this.host.log(`Results panel: ignored reveal of observation ${observation} (the result has ${n})`);
      return;
    }
    if (this.host.reveal?.(this.specUri, observation)) return;
    const { dataFile, lineOfRow } = this.extras;
    if (!dataFile || !lineOfRow || lineOfRow.length !== n) return;
    const line = Math.max(0, (lineOfRow[observation] ?? 1) - 1);
    await vscode.window.showTextDocument(vscode.Uri.file(dataFile), {
      selection: new vscode.Range(line, 0, line, 0),
      preview: true,
      viewColumn: vscode.ViewColumn.One,
    });
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.onDisposed();
    while (this.disposables.length) this.disposables.pop()?.dispose();
    this.panel.dispose();
  }
}

/** All results panels, one per spec. Register once in `activate` and push it to `context.subscriptions`. */
export class ResultsPanels implements vscode.Disposable {
  private readonly panels = new PanelRegistry<ResultsPanel>();

  constructor(private readonly host: ResultsPanelHost) {}

  /** The panel of a spec, if open. */
  get(specUri: vscode.Uri): ResultsPanel | undefined {
    return this.panels.get(specUri.toString());
  }

  /** Opens (or reuses) the spec's panel and shows `result` with `extras`. */
  show(specUri: vscode.Uri, result: FitResult, extras: ResultsExtras = {}): ResultsPanel {
    const { panel: p } = this.panels.open(specUri.toString(), (onClosed) =>
      new ResultsPanel(createSidePanel(RESULTS_VIEW_TYPE, `Results: ${path.basename(specUri.path)}`, this.host.extensionUri), specUri, this.host, onClosed));
    p.show(result, extras);
    return p;
  }

  /** Status of the spec's panel, if open (e.g. 'fitting' when a refit starts). */
  setStatus(specUri: vscode.Uri, state: 'fitting' | 'idle' | 'failed', text?: string): void {
    this.get(specUri)?.setStatus(state, text);
  }

  dispose(): void {
    this.panels.dispose();
  }
}
