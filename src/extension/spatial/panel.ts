/**
 * The spatial views' panels, host side: one `WebviewPanel` per spec and view ("Weights: …" the
 * weights inspector, "Local statistics: …" LISA and G*), showing what the spatial worker built.
 * As the results panel: strict CSP, only `dist/webview` readable, the page discarded when
 * hidden and sent its last message again on `ready`, every message from the page validated.
 * A click on an observation can show its row in the spec editor's grid (`reveal`).
 */
import * as path from 'path';
import * as vscode from 'vscode';
import {
  describeMessage, validateSpatialToHost,
  type HostToSpatial, type LocalVariableChoice, type ShowLocalMessage, type ShowWeightsMessage, type SpatialToHost,
} from '../../protocol';
import { formatProblem, type Problem } from '../../core/problems';
import { newNonce, webviewPage } from '../webviewHtml';
import { createSidePanel, PanelRegistry, webviewAsset, webviewOptions } from '../panels';
import { resultsCsp } from '../results/html';
import { saveExport } from '../results/exports';
import { dirtyOverrides, workspaceRootOf } from '../workspaceFiles';
import type { SpatialWorkerClient } from './client';

export const SPATIAL_VIEW_TYPE = 'sarStudio.spatial';
export type SpatialKind = 'weights' | 'local';

export interface SpatialPanelHost {
  extensionUri: vscode.Uri;
  client: SpatialWorkerClient;
  log(message: string): void;
  /** Show data row `row` in the spec's open spec editor; false when none shows it. */
  reveal(specUri: vscode.Uri, row: number): boolean;
  saveWeights(specUri: vscode.Uri): void;
}

export interface LocalRequest extends LocalVariableChoice {
  nsim?: number;
  seed?: number;
}

export type SpatialOutcome = { message?: ShowWeightsMessage | ShowLocalMessage; problems: Problem[] };

const TITLES: Record<SpatialKind, string> = { weights: 'Weights', local: 'Local statistics' };


export class SpatialPanel implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  private current?: ShowWeightsMessage | ShowLocalMessage;
  private status?: HostToSpatial;
  private pageReady = false;
  private disposed = false;
  private busy = false;
  private computeToken = 0;
  private lastRequest: LocalRequest = { column: null, residuals: false };

  constructor(readonly panel: vscode.WebviewPanel, readonly specUri: vscode.Uri, readonly kind: SpatialKind, private readonly host: SpatialPanelHost, private readonly onDisposed: () => void) {
    const webview = panel.webview;
    webview.options = webviewOptions(host.extensionUri);
    const asset = (file: string) => webviewAsset(webview, host.extensionUri, file);
    const nonce = newNonce();
    webview.html = webviewPage({
      csp: resultsCsp(webview.cspSource, nonce), nonce, title: panel.title, scriptUri: asset('spatial.js'), styleUri: asset('spatial.css'),
      main: `<main id="app" aria-live="polite"><p class="sar-empty">${kind === 'weights' ? 'Building the weights…' : 'Computing local statistics…'}</p></main>`,
    });
    this.disposables.push(
      webview.onDidReceiveMessage((m: unknown) => this.receive(m)),
      panel.onDidChangeViewState(() => {
        if (!panel.visible) this.pageReady = false;
      }),
      panel.onDidDispose(() => this.dispose()),
    );
  }

  /** The message last shown (tests). */
  get shown(): ShowWeightsMessage | ShowLocalMessage | undefined {
    return this.current;
  }

  /** (Re)computes the view in the worker and shows it; the outcome for the command's caller. */
  async compute(request?: LocalRequest): Promise<SpatialOutcome> {
    if (request) this.lastRequest = request;
    const token = ++this.computeToken;
    this.setStatus('computing', this.kind === 'local' && (request?.nsim ?? 999) > 0 ? `${request?.nsim ?? 999} permutations` : undefined);
    const specPath = this.specUri.fsPath;
    const options = { rootDir: workspaceRootOf(this.specUri), overrides: [...dirtyOverrides()] };
    const r = this.lastRequest;
    const answer = this.kind === 'weights'
      ? await this.host.client.run({ type: 'weights', specPath, options })
      : await this.host.client.run({ type: 'local', specPath, options, choice: { column: r.column, residuals: r.residuals }, request: { nsim: r.nsim, seed: r.seed } });
    if (token !== this.computeToken || this.disposed) return { problems: answer.problems };
    if (answer.failed) this.host.log(`${TITLES[this.kind]}: ${answer.failed}`);
    const message = answer.message as ShowWeightsMessage | ShowLocalMessage | undefined;
    if (message) {
      this.host.log(`${TITLES[this.kind]} of ${path.basename(specPath)}: built in ${answer.ms.toFixed(0)} ms in the spatial worker`);
      this.current = message;
      this.status = undefined;
      this.post(message);
    } else {
      const errors = answer.problems.filter((p) => p.severity === 'error');
      const text = answer.failed ? 'an internal error (see the SAR Studio output)' : errors.slice(0, 3).map((p) => formatProblem(p)).join('\n') || 'no result';
      for (const p of errors) this.host.log(`${TITLES[this.kind]}: ${formatProblem(p)}`);
      this.setStatus('failed', text);
    }
    return { message, problems: answer.problems };
  }

  private setStatus(state: 'computing' | 'idle' | 'failed', text?: string): void {
    this.status = { type: 'status', state, text };
    this.post(this.status);
  }

  private post(m: HostToSpatial): void {
    if (this.disposed || !this.pageReady) return; // sent on `ready`
    void this.panel.webview.postMessage(m);
  }

  private receive(m: unknown): void {
    const why = validateSpatialToHost(m);
    if (why !== undefined) {
      this.host.log(`${TITLES[this.kind]} panel: ignored an invalid message from the webview (${why}; ${describeMessage(m)})`);
      return;
    }
    void this.handle(m as SpatialToHost).catch((e: unknown) => this.host.log(`${TITLES[this.kind]} panel: ${(m as SpatialToHost).type} failed: ${e instanceof Error ? e.message : String(e)}`));
  }

  private async handle(m: SpatialToHost): Promise<void> {
    switch (m.type) {
      case 'ready':
        this.pageReady = true;
        if (this.current) void this.panel.webview.postMessage(this.current);
        if (this.status) void this.panel.webview.postMessage(this.status);
        return;
      case 'compute':
        if (this.kind === 'local') await this.compute({ column: m.column, residuals: m.residuals, nsim: m.nsim, seed: m.seed });
        return;
      case 'refresh':
        await this.compute();
        return;
      case 'saveWeights':
        this.host.saveWeights(this.specUri);
        return;
      case 'reveal':
        if (m.observation < (this.current?.view.n ?? 0) && !this.host.reveal(this.specUri, m.observation)) {
          void vscode.window.showInformationMessage('SAR Studio: open the spec in the spec editor to see the observation in its data grid.');
        }
        return;
      case 'export': {
        if (this.busy) return;
        this.busy = true;
        try {
          const target = await saveExport(m, { defaultFolder: vscode.Uri.joinPath(this.specUri, '..') });
          if (target) this.host.log(`${TITLES[this.kind]} panel: exported ${m.format} to ${target.fsPath}`);
        } finally {
          this.busy = false;
        }
        return;
      }
      case 'log':
        this.host.log(`${TITLES[this.kind]} panel (webview) ${m.level}: ${m.message}`);
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

/** The open spatial panels, one per spec and kind. */
export class SpatialPanels implements vscode.Disposable {
  private readonly panels = new PanelRegistry<SpatialPanel>();

  constructor(private readonly host: SpatialPanelHost) {}

  /** The spec of the active spatial panel, if one is active (commands run from it apply to its spec). */
  activeSpec(): vscode.Uri | undefined {
    return [...this.panels.values()].find((p) => p.panel.active)?.specUri;
  }

  get(specUri: vscode.Uri, kind: SpatialKind): SpatialPanel | undefined {
    return this.panels.get(`${kind}:${specUri.toString()}`);
  }

  /** Opens (or reuses) the spec's panel of `kind` and computes it. */
  open(specUri: vscode.Uri, kind: SpatialKind, request?: LocalRequest): { panel: SpatialPanel; outcome: Promise<SpatialOutcome> } {
    const { panel: p, created } = this.panels.open(`${kind}:${specUri.toString()}`, (onClosed) =>
      new SpatialPanel(createSidePanel(SPATIAL_VIEW_TYPE, `${TITLES[kind]}: ${path.basename(specUri.path)}`, this.host.extensionUri, false), specUri, kind, this.host, onClosed));
    if (!created) p.panel.reveal(undefined, false);
    return { panel: p, outcome: p.compute(request) };
  }

  dispose(): void {
    this.panels.dispose();
  }
}
