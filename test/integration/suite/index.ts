/**
 * Loaded by the extension host as `extensionTestsPath` (code-server payload or
 * @vscode/test-electron): runs every *.test.js next to this file with mocha (tdd) inside the
 * real extension host. The host awaits `run()`; a rejection makes the workbench report exit
 * code 1. A JSON summary (counts + failing test names) goes to $SAR_STUDIO_TEST_RESULT.
 */
import * as fs from 'fs';
import Mocha from 'mocha';
import * as path from 'path';
import * as util from 'util';

export interface SuiteSummary {
  passed: number;
  failed: number;
  pending: number;
  failures: { title: string; error: string }[];
  durationMs: number;
}

/** Reporter lines carry this prefix, so the outer runner can tell them from the workbench's own log. */
export const REPORTER_PREFIX = '[mocha] ';

/**
 * After each test, a line with this prefix and a PNG path asks the outer runner (which drives the
 * workbench's page) for a screenshot; the test waits until the file exists, so the picture shows
 * the workbench as the test left it. Only where the runner sets $SAR_STUDIO_SCREENSHOTS.
 */
export const SCREENSHOT_PREFIX = '[screenshot] ';

/**
 * Wraps every test (as suites are loaded) so that it ends by asking for a screenshot and waiting
 * for the file: inside the test, before the suites' teardowns close its editors. The suites'
 * tests are all promise-returning (no `done` callbacks).
 */
function screenshotAfterEachTest(root: Mocha.Suite, dir: string): void {
  let count = 0;
  const watch = (suite: Mocha.Suite) => {
    suite.on('suite', watch);
    suite.on('test', (test: Mocha.Test) => {
      const body = test.fn;
      if (!body) return;
      test.fn = async function (this: Mocha.Context) {
        await (body as (this: Mocha.Context) => unknown).call(this);
        const slug = test.fullTitle().toLowerCase().replace(/[^a-z0-9]+/g, '-').slice(0, 80);
        const file = path.join(dir, `${String(++count).padStart(2, '0')}-${slug}.png`);
        console.log(SCREENSHOT_PREFIX + file);
        for (const t0 = Date.now(); !fs.existsSync(file) && Date.now() - t0 < 10_000; ) await new Promise((r) => setTimeout(r, 50));
      };
    });
  };
  watch(root);
}

export function run(): Promise<void> {
  const base = Mocha.reporters.Base as unknown as { consoleLog: (...args: unknown[]) => void };
  base.consoleLog = (...args: unknown[]) => console.log(REPORTER_PREFIX + util.format(...args));
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 60_000, slow: 10_000 });
  const grep = process.env.SAR_STUDIO_TEST_GREP;
  if (grep) mocha.grep(grep);
  for (const f of fs.readdirSync(__dirname).filter((f) => f.endsWith('.test.js')).sort()) {
    mocha.addFile(path.join(__dirname, f));
  }
  const shots = process.env.SAR_STUDIO_SCREENSHOTS;
  if (shots) screenshotAfterEachTest(mocha.suite, shots);
  const summary: SuiteSummary = { passed: 0, failed: 0, pending: 0, failures: [], durationMs: 0 };
  const t0 = Date.now();
  const write = () => {
    summary.durationMs = Date.now() - t0;
    const out = process.env.SAR_STUDIO_TEST_RESULT;
    if (out) fs.writeFileSync(out, JSON.stringify(summary, null, 2));
  };
  return new Promise((resolve, reject) => {
    try {
      const runner = mocha.run((failures) => {
        write();
        if (failures > 0) reject(new Error(`${failures} tests failed.`));
        else resolve();
      });
      runner.on('pass', () => summary.passed++);
      runner.on('pending', () => summary.pending++);
      runner.on('fail', (test, err: Error) => {
        summary.failed++;
        summary.failures.push({ title: test.fullTitle(), error: err?.message ?? String(err) });
      });
    } catch (err) {
      summary.failed++;
      summary.failures.push({ title: '(loading the suites)', error: String(err) });
      write();
      reject(err);
    }
  });
}
