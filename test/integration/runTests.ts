/**
 * Runs the extension-host suites (test/integration/suite, compiled to out/) in a real VS Code.
 *
 * Back-ends:
 *  - code-server (default): code-server with `enable-smoke-test-driver` + headless Chromium; the
 *    workbench URL carries the payload `extensionDevelopmentPath` / `extensionTestsPath`, and the
 *    workbench reports the result through `window.codeAutomationExit(code)`.
 *  - electron: @vscode/test-electron `runTests`, used when VSCODE_EXECUTABLE points at a VS Code
 *    desktop build, or when SAR_STUDIO_TEST_BACKEND=electron (then it may download one).
 *
 * Prints the counts and the failing test names; exit code 0 only if all passed.
 * Options: --summary <file> writes the counts as JSON (scripts/test-all.mjs reads it).
 * Env: SAR_STUDIO_TEST_GREP filters tests by title.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as util from 'util';
import { launchChromium, type Browser } from '../../scripts/workbench/chromium';
import { newRunDir, startCodeServer, type CodeServer } from '../../scripts/workbench/codeServer';
import { ROOT, TEST_OUTPUT } from '../../scripts/workbench/paths';
import { seconds } from '../../scripts/workbench/proc';
import { createTestWorkspace } from '../../scripts/workbench/workspace';
import { REPORTER_PREFIX, SCREENSHOT_PREFIX, type SuiteSummary } from './suite/index';

const TESTS_PATH = path.join(ROOT, 'out', 'test', 'integration', 'suite', 'index.js');
const TIMEOUT_MS = Number(process.env.SAR_STUDIO_INTEGRATION_TIMEOUT_MS ?? 10 * 60_000);

function readSummary(file: string): SuiteSummary | undefined {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as SuiteSummary;
  } catch {
    return undefined;
  }
}

async function runOnCodeServer(): Promise<{ code: number; summary?: SuiteSummary }> {
  let server: CodeServer | undefined;
  let browser: Browser | undefined;
  let ok = false;
  try {
    // The result file lives outside the run dir, which is deleted when the server stops.
    const resultFile = path.join(TEST_OUTPUT, 'integration', 'result.json');
    fs.mkdirSync(path.dirname(resultFile), { recursive: true });
    fs.rmSync(resultFile, { force: true });
    const shots = path.join(TEST_OUTPUT, 'integration', 'screenshots');
    fs.rmSync(shots, { recursive: true, force: true });
    fs.mkdirSync(shots, { recursive: true });
    server = await startCodeServer({ label: 'integration', smokeTestDriver: true, env: { SAR_STUDIO_TEST_RESULT: resultFile, SAR_STUDIO_SCREENSHOTS: shots } });
    console.log(`[integration] code-server on ${server.origin} (healthy after ${seconds(server.startMs)})`);
    const workspace = createTestWorkspace(server.runDir);
    browser = await launchChromium(server.runDir);
    const page = browser.page;
    const exit = new Promise<number>((resolve) => {
      void page.exposeFunction('codeAutomationExit', (code: number) => resolve(code));
    });
    // Everything the workbench logs goes to a file; mocha's reporter lines also to stdout.
    const logFile = path.join(TEST_OUTPUT, 'integration', 'workbench.log');
    const logStream = fs.createWriteStream(logFile);
    page.on('close', () => logStream.end());
    await page.exposeFunction('codeAutomationLog', (level: unknown, args: unknown[]) => {
      const text = util.format(...(Array.isArray(args) ? args : [args]));
      logStream.write(`[${String(level)}] ${text}\n`);
      for (const line of text.split('\n')) {
        const at = line.indexOf(REPORTER_PREFIX);
        if (at >= 0) console.log(line.slice(at + REPORTER_PREFIX.length));
        const shot = line.indexOf(SCREENSHOT_PREFIX);
        if (shot >= 0) void page.screenshot({ path: line.slice(shot + SCREENSHOT_PREFIX.length).trim() }).catch(() => undefined);
      }
    });
    const crashed = new Promise<number>((resolve) => {
      page.on('crash', () => { console.error('[integration] the page crashed'); resolve(1); });
    });
    const t0 = Date.now();
    await page.goto(server.workbenchUrl(workspace, [
      ['extensionDevelopmentPath', server.remoteUri(ROOT)],
      ['extensionTestsPath', server.remoteUri(TESTS_PATH)],
      ['skipWelcome', 'true'],
    ]));
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<number>((resolve) => {
      timer = setTimeout(() => { console.error(`[integration] no result after ${seconds(TIMEOUT_MS)}`); resolve(1); }, TIMEOUT_MS);
    });
    const code = await Promise.race([exit, crashed, timeout]);
    clearTimeout(timer);
    console.log(`[integration] the workbench reported exit code ${code} after ${seconds(Date.now() - t0)}`);
    const summary = readSummary(resultFile);
    if (code !== 0) {
      console.log(`[integration] the workbench's log: ${logFile}`);
      await page.screenshot({ path: path.join(TEST_OUTPUT, 'integration', 'at-exit.png') }).catch(() => undefined);
    }
    ok = code === 0;
    return { code, summary };
  } finally {
    await browser?.close();
    if (server) {
      if (!ok) {
        fs.mkdirSync(path.join(TEST_OUTPUT, 'integration'), { recursive: true });
        fs.copyFileSync(server.logFile, path.join(TEST_OUTPUT, 'integration', 'code-server.log'));
      }
      await server.stop({ keepRunDir: !ok });
      if (!ok) console.log(`[integration] kept ${server.runDir} for inspection`);
    }
  }
}

async function runOnElectron(): Promise<{ code: number; summary?: SuiteSummary }> {
  const { runTests } = await import('@vscode/test-electron');
  const runDir = newRunDir('integration-electron');
  const workspace = createTestWorkspace(runDir);
  const resultFile = path.join(runDir, 'result.json');
  let code = 0;
  try {
    await runTests({
      vscodeExecutablePath: process.env.VSCODE_EXECUTABLE || undefined,
      version: process.env.VSCODE_VERSION || undefined,
      extensionDevelopmentPath: ROOT,
      extensionTestsPath: TESTS_PATH,
      extensionTestsEnv: { SAR_STUDIO_TEST_RESULT: resultFile },
      launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--user-data-dir', path.join(runDir, 'user-data'), '--extensions-dir', path.join(runDir, 'extensions')],
    });
  } catch (err) {
    console.error(`[integration] ${(err as Error).message}`);
    code = 1;
  }
  const summary = readSummary(resultFile);
  fs.rmSync(runDir, { recursive: true, force: true });
  return { code, summary };
}

async function main(): Promise<number> {
  const summaryArg = process.argv.indexOf('--summary');
  const summaryFile = summaryArg > 0 ? process.argv[summaryArg + 1] : undefined;
  if (!fs.existsSync(TESTS_PATH)) {
    console.error(`[integration] ${TESTS_PATH} is missing: run \`npm run compile-tests\` first`);
    return 1;
  }
  if (!fs.existsSync(path.join(ROOT, 'dist', 'extension.js'))) {
    console.error('[integration] dist/extension.js is missing: run `npm run build` first');
    return 1;
  }
  const backend = process.env.SAR_STUDIO_TEST_BACKEND ?? (process.env.VSCODE_EXECUTABLE ? 'electron' : 'code-server');
  console.log(`[integration] back-end: ${backend}`);
  const t0 = Date.now();
  const { code, summary } = backend === 'electron' ? await runOnElectron() : await runOnCodeServer();
  // Trust the exit code over the summary: a suite that failed to load has no summary.
  const s: SuiteSummary = summary ?? { passed: 0, failed: code === 0 ? 0 : 1, pending: 0, failures: code === 0 ? [] : [{ title: '(no summary: the suite did not run)', error: `exit code ${code}` }], durationMs: 0 };
  if (code !== 0 && s.failed === 0) {
    s.failed = 1;
    s.failures.push({ title: '(extension host run failed)', error: `exit code ${code}` });
  }
  console.log(`[integration] ${s.passed} passed, ${s.failed} failed, ${s.pending} pending (${seconds(Date.now() - t0)})`);
  for (const f of s.failures) console.log(`[integration] FAILED: ${f.title}: ${f.error}`);
  if (summaryFile) fs.writeFileSync(summaryFile, JSON.stringify(s, null, 2));
  return s.failed > 0 || code !== 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(`[integration] ${(err as Error).stack ?? err}`);
    process.exit(1);
  },
);
