/**
 * One E2E session: a fresh code-server (fresh user-data, extensions and workspace folders, random
 * port, the extension symlinked from the built tree) + headless Chromium on the workbench, and a
 * `step()` helper that screenshots every step into test-output/e2e/<name>/.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { Page } from 'playwright-core';
import { launchChromium, type Browser } from '../../../scripts/workbench/chromium';
import { startCodeServer, type CodeServer } from '../../../scripts/workbench/codeServer';
import { ROOT, TEST_OUTPUT } from '../../../scripts/workbench/paths';
import { createTestWorkspace } from '../../../scripts/workbench/workspace';
import { Workbench } from '../pages/workbench';

export const EXTENSION_ID = 'sar-studio.sar-studio';

export interface Session {
  server: CodeServer;
  page: Page;
  wb: Workbench;
  /** The fresh workspace folder (copy of examples/ + test fixtures). */
  workspace: string;
  /** Where this session's screenshots go. */
  outputDir: string;
  timings: { serverMs: number; workbenchMs: number };
  /** Runs one user-visible step and screenshots the result (also when it fails). */
  step<T>(title: string, fn: () => Promise<T>): Promise<T>;
  shot(name: string): Promise<string>;
  close(opts?: { failed?: boolean }): Promise<void>;
}

export interface SessionOptions {
  settings?: Record<string, unknown>;
}

const slug = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60);

export async function startSession(name: string, opts: SessionOptions = {}): Promise<Session> {
  if (!fs.existsSync(path.join(ROOT, 'dist', 'extension.js'))) throw new Error('dist/extension.js is missing: run `npm run build` first');
  const outputDir = path.join(TEST_OUTPUT, 'e2e', slug(name));
  fs.rmSync(outputDir, { recursive: true, force: true });
  fs.mkdirSync(outputDir, { recursive: true });

  const server = await startCodeServer({ label: `e2e-${slug(name)}`, extensionPath: ROOT, settings: opts.settings });
  let browser: Browser | undefined;
  try {
    const workspace = createTestWorkspace(server.runDir);
    browser = await launchChromium(server.runDir);
    const page = browser.page;
    const consoleLog = fs.createWriteStream(path.join(outputDir, 'browser-console.log'));
    page.on('console', (m) => consoleLog.write(`[${m.type()}] ${m.text()}\n`));
    page.on('pageerror', (e) => consoleLog.write(`[pageerror] ${e.message}\n`));
    page.on('close', () => consoleLog.end());
    const wb = new Workbench(page);
    const t0 = Date.now();
    await page.goto(server.workbenchUrl(workspace));
    await wb.waitReady();
    const timings = { serverMs: server.startMs, workbenchMs: Date.now() - t0 };
    console.log(`      [e2e] code-server healthy in ${(timings.serverMs / 1000).toFixed(1)} s, workbench ready ${(timings.workbenchMs / 1000).toFixed(1)} s after goto`);

    let n = 0;
    const shot = async (label: string) => {
      const file = path.join(outputDir, `${String(++n).padStart(2, '0')}-${slug(label)}.png`);
      await page.screenshot({ path: file });
      return file;
    };
    const b = browser;
    return {
      server, page, wb, workspace, outputDir, timings, shot,
      async step<T>(title: string, fn: () => Promise<T>): Promise<T> {
        try {
          const v = await fn();
          await shot(title);
          return v;
        } catch (err) {
          await shot(`${title}-FAILED`).catch(() => undefined);
          if (err instanceof Error) err.message = `step "${title}": ${err.message}`;
          throw err;
        }
      },
      async close({ failed = false } = {}) {
        await b.close();
        if (failed) fs.copyFileSync(server.logFile, path.join(outputDir, 'code-server.log'));
        await server.stop();
      },
    };
  } catch (err) {
    await browser?.close();
    await server.stop({ keepRunDir: true });
    throw err;
  }
}
