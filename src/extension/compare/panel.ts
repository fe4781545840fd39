/**
 * The comparison panel, host side: one `WebviewPanel` per spec (`ComparisonPanels` keeps them),
 * showing the model family side by side (webview/compare) from one comparison, whose fits and
 * panel data it keeps so that "Open results" shows a model's results without fitting again.
 *
 * - Strict CSP (./html.ts); only the extension's `dist/webview` is readable.
 * - Every message from the page is checked with `validateCompareToHost`; invalid ones are logged
 *   (type and field names only) and ignored.
 * - The spec's current `model` is followed through its TextDocument, so the row of the model the
 *   spec names stays marked after "Use this model", an undo, or an edit by hand.
 */
import * as path from 'path';
import * as vscode from 'vscode';
import { describeMessage, validateCompareToHost, type CompareToHost, type HostToCompare, type ShowComparisonMessage } from '../../protocol';
import type { FamilyComparison } from '../../core/compare/family';
import type { FitResult } from '../../core/result';
import type { ModelType } from '../../core/spec/types';
import { newNonce } from '../webviewHtml';
import { createSidePanel, PanelRegistry, webviewAsset, webviewOptions } from '../panels';
import type { ResultsExtras } from '../results';
import { compareHtml } from './html';
import { specModelOf } from './specModel';

export const COMPARE_VIEW_TYPE = 'sarStudio.compare';

/** What the panels need from the rest of the extension. */
export interface ComparisonPanelHost {
  extensionUri: vscode.Uri;
  log(message: string): void;
  /** "Use this model": write `model` into the spec. */
  useModel(specUri: vscode.Uri, model: ModelType): Promise<void>;
  /** "Open results": the results panel with this fit (no refit). */
  openResults(specUri: vscode.Uri, result: FitResult, extras: ResultsExtras): void;
  /** "Compare again". */
  recompare(specUri: vscode.Uri): void;
}

/** One comparison as the panel keeps it. */
export interface ShownComparison {
  title: string;
  comparison: FamilyComparison;
  fits: ReadonlyMap<ModelType, FitResult>;
  panels?: ReadonlyMap<ModelType, ResultsExtras>;
  notes: string[];
}


export class ComparisonPanel implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  private current?: ShowComparisonMessage;
  private shownComparison?: ShownComparison;
  private status?: HostToCompare;
  private pageReady = false;
  private disposed = false;

  constructor(
    readonly panel: vscode.WebviewPanel,
    readonly specUri: vscode.Uri,
    private readonly host: ComparisonPanelHost,
    private readonly onDisposed: () => void,
  ) {
    const webview = panel.webview;
    webview.options = webviewOptions(host.extensionUri);
    const asset = (file: string) => webviewAsset(webview, host.extensionUri, file);
    webview.html = compareHtml({ cspSource: webview.cspSource, nonce: newNonce(), scriptUri: asset('compare.js'), styleUri: asset('compare.css'), title: panel.title });
    this.disposables.push(
      webview.onDidReceiveMessage((m: unknown) => void this.receive(m)),
      panel.onDidChangeViewState(() => {
        if (!panel.visible) this.pageReady = false; // the page is discarded while hidden; it says `ready` when back
      }),
      panel.onDidDispose(() => this.dispose()),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.document.uri.toString() === this.specUri.toString()) this.specModelChanged(specModelOf(e.document.getText()));
      }),
    );
  }

  show(c: ShownComparison, specModel: ModelType | undefined): void {
    const name = path.basename(this.specUri.path);
    this.shownComparison = c;
    this.current = {
      type: 'comparison',
      title: c.title,
      specName: name.replace(/\.sar\.json$/i, ''),
      comparison: c.comparison,
      specModel,
      notes: c.notes,
      comparedAt: new Date().toISOString(),
    };
    this.status = undefined;
    this.panel.title = `Compare: ${name}`;
    if (!this.panel.visible) this.panel.reveal(undefined, true);
    this.post(this.current);
  }

  setStatus(state: 'comparing' | 'idle' | 'failed', text?: string): void {
    this.status = { type: 'status', state, text };
    this.post(this.status);
  }

  /** What the page shows (tests). */
  get shown(): ShowComparisonMessage | undefined {
    return this.current;
  }

  private specModelChanged(model: ModelType | undefined): void {
    if (!this.current || this.current.specModel === model) return;
    this.current = { ...this.current, specModel: model };
    this.post({ type: 'specModel', model });
  }

  private post(m: HostToCompare): void {
    if (this.disposed || !this.pageReady) return; // sent on `ready`
    void this.panel.webview.postMessage(m);
  }

  /** A message from the page (or a test): validated, then handled. */
  async receive(m: unknown): Promise<boolean> {
    const why = validateCompareToHost(m);
    if (why !== undefined) {
      this.host.log(`Comparison panel: ignored an invalid message from the webview (${why}; ${describeMessage(m)})`);
      return false;
    }
    try {
      await this.handle(m as CompareToHost);
      return true;
    } catch (e) {
      this.host.log(`Comparison panel: ${(m as CompareToHost).type} failed: ${e instanceof Error ? e.message : String(e)}`);
      return false;
    }
  }

  private async handle(m: CompareToHost): Promise<void> {
    switch (m.type) {
      case 'ready':
        this.pageReady = true;
        if (this.current) void this.panel.webview.postMessage(this.current);
        if (this.status) void this.panel.webview.postMessage(this.status);
        return;
      case 'useModel':
        await this.host.useModel(this.specUri, m.model);
        return;
      case 'openResults': {
        const fit = this.shownComparison?.fits.get(m.model);
        if (!fit) {
          this.host.log(`Comparison panel: no ${m.model} fit in this comparison`);
          return;
        }
        this.host.openResults(this.specUri, fit, this.shownComparison?.panels?.get(m.model) ?? {});
        return;
      }
      case 'recompare':
        this.host.recompare(this.specUri);
        return;
      case 'copy':
        await vscode.env.clipboard.writeText(m.text);
        vscode.window.setStatusBarMessage(`SAR Studio: copied ${m.what} (${m.format === 'markdown' ? 'Markdown' : m.format.toUpperCase()})`, 3000);
        return;
      case 'log':
        this.host.log(`Comparison panel (webview) ${m.level}: ${m.message}`);
        return;
    }
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.onDisposed();
    while (this.disposables.length) this.disposables.pop()?.dispose();
    this.panel.dispose();
  }
}

/** All comparison panels, one per spec. */
export class ComparisonPanels implements vscode.Disposable {
  private readonly panels = new PanelRegistry<ComparisonPanel>();

  constructor(private readonly host: ComparisonPanelHost) {}

  get(specUri: vscode.Uri): ComparisonPanel | undefined {
    return this.panels.get(specUri.toString());
  }

  /** Opens (or reuses) the spec's panel and shows the comparison. */
  show(specUri: vscode.Uri, c: ShownComparison, specModel: ModelType | undefined): ComparisonPanel {
    const { panel: p } = this.panels.open(specUri.toString(), (onClosed) =>
      new ComparisonPanel(createSidePanel(COMPARE_VIEW_TYPE, `Compare: ${path.basename(specUri.path)}`, this.host.extensionUri), specUri, this.host, onClosed));
    p.show(c, specModel);
    return p;
  }

  setStatus(specUri: vscode.Uri, state: 'comparing' | 'idle' | 'failed', text?: string): void {
    this.get(specUri)?.setStatus(state, text);
  }

  dispose(): void {
    this.panels.dispose();
  }
}
