/**
 * Starts code-server (the real VS Code workbench + a real Node extension host) on 127.0.0.1 with a
 * random free port, `--auth none`, no gallery, and fresh user-data / extensions / XDG folders for
 * every run. Every started server is stopped on `stop()`, and also when this process exits or is
 * interrupted, so no test failure can leave one behind.
 */
import { spawn, type ChildProcess } from 'child_process';
import * as fs from 'fs';
import * as http from 'http';
import * as path from 'path';
import { ensureWorkbench } from './install';
import { CODE_SERVER_ENTRY, NODE24, NODE24_DIR, ROOT, RUNS } from './paths';
import { cleanNpmEnv, waitFor } from './proc';

/** User settings that keep the workbench quiet, offline and deterministic. */
export const DEFAULT_SETTINGS: Record<string, unknown> = {
  'workbench.startupEditor': 'none',
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'chat.disableAIFeatures': true,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'json.schemaDownload.enable': false,
  'npm.fetchOnlinePackageInfo': false,
  'security.workspace.trust.enabled': false,
  'explorer.compactFolders': false,
  'git.enabled': false,
  // The web workbench saves an edited file one second after the last change (desktop VS Code:
  // off), so what a test's edits leave on disk for later tests would depend on how fast it ran.
  'files.autoSave': 'off',
};

export interface CodeServerOptions {
  /** Names the run folder (.cache/runs/<label>-<time>-<random>). */
  label?: string;
  /**
   * Install this folder as a normal extension, by a symlink in the fresh extensions dir
   * (`<publisher>.<name>-<version>` → the folder), as a user would have it.
   */
  extensionPath?: string;
  /**
   * `--vscode-option enable-smoke-test-driver`: required for `extensionDevelopmentPath` /
   * `extensionTestsPath` payloads (integration tests). Side effect: notifications show no toast.
   */
  smokeTestDriver?: boolean;
  /** Extra user settings (merged over DEFAULT_SETTINGS). */
  settings?: Record<string, unknown>;
  /** Extra environment for the server and the extension host it forks. */
  env?: NodeJS.ProcessEnv;
  /** Port to bind; 0 (default) = a random free port, read back from the log. */
  port?: number;
  startTimeoutMs?: number;
}

export interface CodeServer {
  readonly port: number;
  /** http://127.0.0.1:PORT */
  readonly origin: string;
  readonly runDir: string;
  readonly userDataDir: string;
  readonly logFile: string;
  readonly startMs: number;
  /** Workbench URL opening `folder`, with an optional payload (e.g. extensionDevelopmentPath). */
  workbenchUrl(folder: string, payload?: [string, string][]): string;
  /** `vscode-remote://127.0.0.1:PORT/abs/path`: how payload paths must be written. */
  remoteUri(fsPath: string): string;
  /** Resolves (with e.g. "exited with 1") when the server process ends. */
  readonly exited: Promise<string>;
  /** Stops the server and everything it spawned; removes the run folder unless `keepRunDir`. */
  stop(opts?: { keepRunDir?: boolean }): Promise<void>;
}

/** Running servers and their run folders, for the exit / signal hooks. */
const live = new Map<ChildProcess, string>();
let hooksInstalled = false;

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal); // the server runs in its own process group (detached)
  } catch {
    /* already gone */
  }
}

function installExitHooks(): void {
  if (hooksInstalled) return;
  hooksInstalled = true;
  // An owner that forgot stop() or crashed: kill, keep the run folder for inspection.
  process.on('exit', () => {
    for (const child of live.keys()) killGroup(child, 'SIGKILL');
  });
  // Interrupted (Ctrl+C in `npm run studio`, a CI timeout): kill and clean up, then exit.
  const shutdown = (code: number) => {
    for (const [child, runDir] of live) {
      killGroup(child, 'SIGKILL');
      fs.rmSync(runDir, { recursive: true, force: true });
    }
    live.clear();
    process.exit(code);
  };
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(sig, () => shutdown(128 + ({ SIGHUP: 1, SIGINT: 2, SIGTERM: 15 } as const)[sig]));
  }
  // Orphaned: `npm run x` killed with SIGTERM ends npm and its `sh -c`, but not us. When our
  // parent goes away, behave as if we had been sent SIGTERM.
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid !== parent) shutdown(143);
  }, 1000).unref();
}

/** A fresh run folder; also removes run folders older than a day (kept from failed runs). */
export function newRunDir(label: string): string {
  fs.mkdirSync(RUNS, { recursive: true });
  for (const old of fs.readdirSync(RUNS)) {
    const p = path.join(RUNS, old);
    try {
      if (Date.now() - fs.statSync(p).mtimeMs > 24 * 3600_000) fs.rmSync(p, { recursive: true, force: true });
    } catch {
      /* raced with another run */
    }
  }
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\..*/, '');
  return fs.mkdtempSync(path.join(RUNS, `${label}-${stamp}-`));
}

function extensionFolderName(extensionPath: string): string {
  const pkg = JSON.parse(fs.readFileSync(path.join(extensionPath, 'package.json'), 'utf8')) as { publisher: string; name: string; version: string };
  return `${pkg.publisher}.${pkg.name}-${pkg.version}`;
}

function httpOk(url: string): Promise<boolean> {
  return new Promise((resolve) => {
    const req = http.get(url, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('error', () => resolve(false));
    req.setTimeout(2000, () => req.destroy());
  });
}

function tail(file: string, lines = 30): string {
  try {
    return fs.readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

export async function startCodeServer(opts: CodeServerOptions = {}): Promise<CodeServer> {
  await ensureWorkbench();
  installExitHooks();
  const t0 = Date.now();
  const runDir = newRunDir(opts.label ?? 'code-server');
  const userDataDir = path.join(runDir, 'user-data');
  const extensionsDir = path.join(runDir, 'extensions');
  const logFile = path.join(runDir, 'code-server.log');
  fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  fs.mkdirSync(extensionsDir, { recursive: true });
  fs.writeFileSync(path.join(userDataDir, 'User', 'settings.json'), JSON.stringify({ ...DEFAULT_SETTINGS, ...opts.settings }, null, 2));
  if (opts.extensionPath) {
    // Before the first start there is no extensions.json, so the server picks the link up on its first scan.
    fs.symlinkSync(path.resolve(opts.extensionPath), path.join(extensionsDir, extensionFolderName(opts.extensionPath)), 'dir');
  }

  const args = [
    CODE_SERVER_ENTRY,
    '--bind-addr', `127.0.0.1:${opts.port ?? 0}`,
    '--auth', 'none',
    '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override',
    '--user-data-dir', userDataDir,
    '--extensions-dir', extensionsDir,
  ];
  if (opts.smokeTestDriver) args.push('--vscode-option', 'enable-smoke-test-driver');
  const out = fs.openSync(logFile, 'a');
  const child = spawn(NODE24, args, {
    cwd: ROOT,
    detached: true, // own process group: stop() kills the server and everything it forked
    stdio: ['ignore', out, out],
    env: {
      ...cleanNpmEnv(), // not the npm_config_* of an outer `npm run` (nodedir=/usr, user agent node/v20)
      ...opts.env,
      PATH: `${path.join(NODE24_DIR, 'bin')}${path.delimiter}${process.env.PATH ?? ''}`,
      // Otherwise it writes ~/.config/code-server/config.yaml and ~/.local/share/code-server.
      XDG_CONFIG_HOME: path.join(runDir, 'xdg-config'),
      XDG_DATA_HOME: path.join(runDir, 'xdg-data'),
      // No Open VSX gallery: nothing leaves loopback.
      EXTENSIONS_GALLERY: '{}',
    },
  });
  fs.closeSync(out);
  live.set(child, runDir);
  let exited: string | undefined;
  const exitPromise = new Promise<string>((resolve) => {
    child.on('exit', (code, signal) => {
      exited = `exited with ${code ?? signal}`;
      live.delete(child);
      resolve(exited);
    });
  });

  const stop = async ({ keepRunDir = false } = {}): Promise<void> => {
    if (live.has(child)) {
      killGroup(child, 'SIGTERM');
      const timer = setTimeout(() => killGroup(child, 'SIGKILL'), 5000);
      await exitPromise;
      clearTimeout(timer);
    }
    killGroup(child, 'SIGKILL'); // stragglers (extension host, file watcher, pty host)
    if (!keepRunDir) fs.rmSync(runDir, { recursive: true, force: true, maxRetries: 3 });
  };

  try {
    const timeout = opts.startTimeoutMs ?? 60_000;
    const port = await waitFor('code-server to report its port', () => {
      if (exited) throw new Error(`code-server ${exited}`);
      const m = /HTTP server listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(fs.readFileSync(logFile, 'utf8'));
      return m ? Number(m[1]) : undefined;
    }, timeout);
    const origin = `http://127.0.0.1:${port}`;
    await waitFor('code-server /healthz', async () => {
      if (exited) throw new Error(`code-server ${exited}`);
      return httpOk(`${origin}/healthz`);
    }, timeout);
    const remoteUri = (fsPath: string) => `vscode-remote://127.0.0.1:${port}${path.resolve(fsPath)}`;
    return {
      port,
      origin,
      runDir,
      userDataDir,
      logFile,
      startMs: Date.now() - t0,
      exited: exitPromise,
      remoteUri,
      workbenchUrl: (folder, payload) => {
        let url = `${origin}/?folder=${encodeURIComponent(path.resolve(folder))}`;
        if (payload) url += `&payload=${encodeURIComponent(JSON.stringify(payload))}`;
        return url;
      },
      stop,
    };
  } catch (err) {
    const log = tail(logFile);
    await stop({ keepRunDir: true });
    throw new Error(`${(err as Error).message}\n--- ${logFile} (tail) ---\n${log}`);
  }
}
