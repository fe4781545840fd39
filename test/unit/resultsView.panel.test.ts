/**
 * The results panel's host side (src/extension/results/resultsPanel.ts) against a minimal fake of
 * the `vscode` API: the page's HTML and options, message routing, validation of everything the
 * webview sends, exports only through the save dialog, reveal bounds, disposal.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { FitResult } from '../../src/core/result';
import { PROTOCOL_VERSION } from '../../src/protocol';

// ---- A fake `vscode`, just what the panel uses ------------------------------------------------

class FakeUri {
  constructor(readonly scheme: string, readonly path: string) {}
  get fsPath(): string {
    return this.path;
  }
  toString(): string {
    return `${this.scheme}://${this.path}`;
  }
  static file(p: string): FakeUri {
    return new FakeUri('file', path.resolve(p));
  }
  static joinPath(base: FakeUri, ...parts: string[]): FakeUri {
    return new FakeUri(base.scheme, path.posix.join(base.path, ...parts));
  }
}

type Listener<T> = (e: T) => unknown;
class Emitter<T> {
  listeners: Listener<T>[] = [];
  event = (l: Listener<T>) => {
    this.listeners.push(l);
    return { dispose: () => (this.listeners = this.listeners.filter((x) => x !== l)) };
  };
  fire(e: T): void {
    for (const l of [...this.listeners]) l(e);
  }
}

interface FakePanel {
  title: string;
  visible: boolean;
  webview: {
    html: string;
    options: unknown;
    cspSource: string;
    posted: unknown[];
    receive: Emitter<unknown>;
    onDidReceiveMessage: Emitter<unknown>['event'];
    postMessage(m: unknown): Promise<boolean>;
    asWebviewUri(u: FakeUri): FakeUri;
  };
  disposed: boolean;
  revealed: number;
  viewState: Emitter<void>;
  disposeEmitter: Emitter<void>;
  onDidChangeViewState: Emitter<void>['event'];
  onDidDispose: Emitter<void>['event'];
  reveal(): void;
  dispose(): void;
}

const calls = {
  panels: [] as FakePanel[],
  panelOptions: [] as unknown[],
  clipboard: [] as string[],
  saveDialogs: [] as unknown[],
  saveAnswer: undefined as FakeUri | undefined,
  written: [] as { uri: FakeUri; bytes: Uint8Array }[],
  shown: [] as { uri: FakeUri; options: unknown }[],
  errors: [] as string[],
};

function makePanel(title: string): FakePanel {
  const receive = new Emitter<unknown>();
  const viewState = new Emitter<void>();
  const disposeEmitter = new Emitter<void>();
  const panel: FakePanel = {
    title,
    visible: true,
    webview: {
      html: '',
      options: undefined,
      cspSource: 'https://fake.vscode-cdn.net',
      posted: [],
      receive,
      onDidReceiveMessage: receive.event,
      postMessage(m) {
        this.posted.push(m);
        return Promise.resolve(true);
      },
      asWebviewUri: (u) => new FakeUri('https', `/fake${u.path}`),
    },
    disposed: false,
    revealed: 0,
    viewState,
    disposeEmitter,
    onDidChangeViewState: viewState.event,
    onDidDispose: disposeEmitter.event,
    reveal() {
      this.revealed++;
    },
    dispose() {
      if (this.disposed) return;
      this.disposed = true;
      disposeEmitter.fire();
    },
  };
  return panel;
}

const fakeVscode = {
  Uri: FakeUri,
  ViewColumn: { One: 1, Beside: -2 },
  Range: class {
    constructor(readonly a: number, readonly b: number, readonly c: number, readonly d: number) {}
  },
  Disposable: { from: (...d: { dispose(): void }[]) => ({ dispose: () => d.forEach((x) => x.dispose()) }) },
  env: { clipboard: { writeText: async (t: string) => void calls.clipboard.push(t) } },
  workspace: { fs: { writeFile: async (uri: FakeUri, bytes: Uint8Array) => void calls.written.push({ uri, bytes }) } },
  window: {
    createWebviewPanel: (_type: string, title: string, _col: unknown, options: unknown) => {
      const p = makePanel(title);
      calls.panels.push(p);
      calls.panelOptions.push(options);
      return p;
    },
    showSaveDialog: async (o: unknown) => {
      calls.saveDialogs.push(o);
      return calls.saveAnswer;
    },
    showErrorMessage: async (m: string) => void calls.errors.push(m),
    setStatusBarMessage: () => ({ dispose: () => undefined }),
    showTextDocument: async (uri: FakeUri, options: unknown) => void calls.shown.push({ uri, options }),
  },
};

// Resolve `require('vscode')` to the fake while this file's modules load.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const Module = require('module') as { _resolveFilename: (request: string, ...rest: unknown[]) => string };
const FAKE_ID = path.join(os.tmpdir(), 'sar-studio-fake-vscode.js');
const originalResolve = Module._resolveFilename;
Module._resolveFilename = function (request: string, ...rest: unknown[]) {
  return request === 'vscode' ? FAKE_ID : originalResolve.call(this, request, ...rest);
};
require.cache[FAKE_ID] = { id: FAKE_ID, filename: FAKE_ID, loaded: true, exports: fakeVscode } as unknown as NodeJS.Module;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { ResultsPanels } = require('../../src/extension/results/resultsPanel') as typeof import('../../src/extension/results/resultsPanel');
Module._resolveFilename = originalResolve;

// ---- Tests ------------------------------------------------------------------------------------

function fakeResult(n = 3): FitResult {
  return { n, coefficients: [], residuals: { values: new Array(n).fill(0), quantiles: [0, 0, 0, 0, 0] } } as unknown as FitResult;
}

suite('results panel host: ResultsPanels with a fake vscode', () => {
  const logs: string[] = [];
  const refits: string[] = [];
  /** What the host's `reveal` hook answers (undefined: no hook). */
  let revealInEditor: boolean | undefined;
  const revealed: number[] = [];
  const ext = FakeUri.file('/ext');
  const spec = FakeUri.file('/work/ws/model.sar.json');
  let panels: InstanceType<typeof ResultsPanels>;

  setup(() => {
    logs.length = 0;
    refits.length = 0;
    revealed.length = 0;
    revealInEditor = undefined;
    Object.assign(calls, { panels: [], panelOptions: [], clipboard: [], saveDialogs: [], saveAnswer: undefined, written: [], shown: [], errors: [] });
    panels = new ResultsPanels({
      extensionUri: ext as never,
      log: (m) => logs.push(m),
      refit: (u) => void refits.push(u.toString()),
      reveal: (_u, observation) => {
        revealed.push(observation);
        return revealInEditor ?? false;
      },
    });
  });
  teardown(() => panels.dispose());

  const flush = () => new Promise((r) => setTimeout(r, 10));

  test('one panel per spec, strict page, only dist/webview readable', () => {
    const a = panels.show(spec as never, fakeResult(), { title: 'Columbus' });
    const b = panels.show(spec as never, fakeResult());
    assert.strictEqual(a, b);
    assert.strictEqual(calls.panels.length, 1);
    const created = calls.panelOptions[0] as { localResourceRoots: FakeUri[] };
    assert.deepStrictEqual({ ...created, localResourceRoots: created.localResourceRoots.map((u) => u.path) }, { enableScripts: true, enableCommandUris: false, localResourceRoots: ['/ext/dist/webview'], retainContextWhenHidden: false, enableFindWidget: true });
    const p = calls.panels[0];
    const opts = p.webview.options as { localResourceRoots: FakeUri[]; enableScripts: boolean; enableCommandUris: boolean };
    assert.deepStrictEqual(opts.localResourceRoots.map((u) => u.path), ['/ext/dist/webview']);
    assert.strictEqual(opts.enableCommandUris, false);
    const csp = /http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(p.webview.html)?.[1].replace(/&#39;/g, "'");
    assert.match(csp ?? '', /^default-src 'none'; img-src https:\/\/fake\.vscode-cdn\.net data: blob:; style-src https:\/\/fake\.vscode-cdn\.net 'nonce-[\w-]+'; script-src 'nonce-/);
    assert.ok(p.webview.html.includes('src="https:///fake/ext/dist/webview/results.js"'));
    assert.ok(p.webview.html.includes('href="https:///fake/ext/dist/webview/results.css"'));
    assert.strictEqual(p.title, 'Results: model.sar.json');
  });

  test('show waits for ready; ready (again after hiding) gets the last result', async () => {
    panels.show(spec as never, fakeResult(), { title: 'Columbus' });
    const p = calls.panels[0];
    assert.strictEqual(p.webview.posted.length, 0, 'nothing before the page is ready');
    p.webview.receive.fire({ type: 'ready', version: PROTOCOL_VERSION });
    await flush();
    assert.strictEqual((p.webview.posted[0] as { type: string; title: string }).title, 'Columbus');
    panels.setStatus(spec as never, 'fitting');
    assert.deepStrictEqual(p.webview.posted[1], { type: 'status', state: 'fitting', text: undefined });
    // Hidden: the page is discarded; nothing is posted until it says ready again.
    p.visible = false;
    p.viewState.fire();
    panels.setStatus(spec as never, 'idle');
    assert.strictEqual(p.webview.posted.length, 2);
    p.visible = true;
    p.viewState.fire();
    p.webview.receive.fire({ type: 'ready', version: PROTOCOL_VERSION });
    await flush();
    assert.deepStrictEqual(p.webview.posted.slice(2).map((m) => (m as { type: string }).type), ['show', 'status']);
  });

  test('invalid messages are logged without their content and ignored', async () => {
    panels.show(spec as never, fakeResult());
    const p = calls.panels[0];
    for (const m of [null, 'ready', { type: 'copy', format: 'html', what: 'x', text: 'SECRET' }, { type: 'refit', extra: 1 }, { type: 'export', format: 'csv', suggestedName: '../../x.csv', data: 'SECRET' }]) {
      p.webview.receive.fire(m);
    }
    await flush();
    assert.strictEqual(logs.length, 5);
    assert.ok(logs.every((l) => l.includes('ignored an invalid message') && !l.includes('SECRET')), logs.join('\n'));
    assert.deepStrictEqual(calls.clipboard, []);
    assert.deepStrictEqual(calls.saveDialogs, []);
    assert.deepStrictEqual(refits, []);
  });

  test('copy, refit and webview logs are routed', async () => {
    panels.show(spec as never, fakeResult());
    const p = calls.panels[0];
    p.webview.receive.fire({ type: 'copy', format: 'tsv', what: 'Table 1', text: 'a\tb\n' });
    p.webview.receive.fire({ type: 'refit' });
    p.webview.receive.fire({ type: 'log', level: 'error', message: 'chart failed' });
    await flush();
    assert.deepStrictEqual(calls.clipboard, ['a\tb\n']);
    assert.deepStrictEqual(refits, [spec.toString()]);
    assert.ok(logs.some((l) => l.includes('chart failed')));
  });

  test('exports are written only where the save dialog says, never over the spec or its data', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sar-export-'));
    panels.show(spec as never, fakeResult(), { dataFile: '/work/ws/data.csv', lineOfRow: [2, 3, 4] });
    const p = calls.panels[0];
    const png = 'data:image/png;base64,iVBORw0KGgo=';
    // Cancelled dialog: nothing written.
    p.webview.receive.fire({ type: 'export', format: 'png', suggestedName: 'model-map.png', data: png });
    await flush();
    assert.strictEqual(calls.written.length, 0);
    const dialog = calls.saveDialogs[0] as { defaultUri: FakeUri; filters: Record<string, string[]> };
    assert.strictEqual(dialog.defaultUri.path, '/work/ws/model-map.png');
    assert.deepStrictEqual(dialog.filters, { 'PNG image': ['png'] });
    // Chosen file: the PNG's bytes.
    calls.saveAnswer = FakeUri.file(path.join(dir, 'map.png'));
    p.webview.receive.fire({ type: 'export', format: 'png', suggestedName: 'model-map.png', data: png });
    await flush();
    assert.strictEqual(calls.written.length, 1);
    assert.deepStrictEqual(Array.from(calls.written[0].bytes.slice(0, 4)), [0x89, 0x50, 0x4e, 0x47]);
    // The user picks the data file or the spec: refused.
    for (const target of ['/work/ws/data.csv', '/work/ws/model.sar.json']) {
      calls.saveAnswer = FakeUri.file(target);
      p.webview.receive.fire({ type: 'export', format: target.endsWith('.csv') ? 'csv' : 'markdown', suggestedName: 'x.csv', data: 'x' });
      await flush();
    }
    assert.strictEqual(calls.written.length, 1);
    assert.strictEqual(calls.errors.length >= 1, true);
  });

  test('exports never overwrite the weights or geometry the fitted spec names', async () => {
    panels.show(spec as never, fakeResult(), { inputFiles: ['/work/ws/data.csv', '/work/ws/weights.gal', '/work/ws/map.geojson'] });
    const p = calls.panels[0];
    for (const target of ['/work/ws/weights.gal', '/work/ws/map.geojson']) {
      calls.saveAnswer = FakeUri.file(target);
      p.webview.receive.fire({ type: 'export', format: 'txt', suggestedName: 'x.txt', data: 'x' });
      await flush();
    }
    assert.strictEqual(calls.written.length, 0);
    assert.strictEqual(calls.errors.filter((e) => e.includes('will not overwrite')).length, 2, calls.errors.join('\n'));
  });

  test('reveal: in range opens the data file at the row\'s line; out of range is ignored', async () => {
    panels.show(spec as never, fakeResult(3), { dataFile: '/work/ws/data.csv', lineOfRow: [2, 3, 5] });
    const p = calls.panels[0];
    p.webview.receive.fire({ type: 'reveal', observation: 2 });
    p.webview.receive.fire({ type: 'reveal', observation: 3 });
    await flush();
    assert.strictEqual(calls.shown.length, 1);
    assert.strictEqual(calls.shown[0].uri.path, '/work/ws/data.csv');
    assert.strictEqual((calls.shown[0].options as { selection: { a: number } }).selection.a, 4);
    assert.ok(logs.some((l) => l.includes('ignored reveal of observation 3')));
    assert.deepStrictEqual(revealed, [2], 'the host is asked first, in range only');
  });

  test('reveal: a spec editor that shows the row takes it; the CSV is not opened', async () => {
    revealInEditor = true;
    panels.show(spec as never, fakeResult(3), { dataFile: '/work/ws/data.csv', lineOfRow: [2, 3, 5] });
    calls.panels[0].webview.receive.fire({ type: 'reveal', observation: 1 });
    await flush();
    assert.deepStrictEqual(revealed, [1]);
    assert.strictEqual(calls.shown.length, 0);
  });

  test('closing the panel disposes it; the next show makes a new one', () => {
    panels.show(spec as never, fakeResult());
    calls.panels[0].dispose();
    assert.strictEqual(panels.get(spec as never), undefined);
    assert.strictEqual(calls.panels[0].webview.receive.listeners.length, 0, 'listeners disposed');
    panels.show(spec as never, fakeResult());
    assert.strictEqual(calls.panels.length, 2);
    panels.dispose();
    assert.ok(calls.panels[1].disposed);
  });
});
