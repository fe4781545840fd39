/**
 * The workbench commands, run through scripts/workbench/run.mjs (which bundles this file with
 * esbuild, so no compile step is needed):
 *   install   install code-server + Node 24 into .cache/workbench if missing
 *   studio    install if needed, build, serve the workbench with SAR Studio and examples/ opened
 *   package   build for production and package a .vsix with @vscode/vsce (run under Node 24)
 */
import * as fs from 'fs';
import * as path from 'path';
import { startCodeServer } from './codeServer';
import { ensureNode24, ensureWorkbench } from './install';
import { ROOT } from './paths';
import { log, run, seconds } from './proc';

async function build(production = false): Promise<void> {
  await run(process.execPath, [path.join(ROOT, 'scripts', 'build.mjs'), ...(production ? ['--production'] : [])], { cwd: ROOT });
}

/**
 * The studio's user settings over the harness defaults. code-server's web default saves an edit
 * after a second (`files.autoSave: afterDelay`); desktop VS Code does not, and the spec editor's
 * dirty state and undo are meant to behave as there.
 */
export const STUDIO_SETTINGS: Record<string, unknown> = { 'files.autoSave': 'off' };

async function studio(args: string[]): Promise<void> {
  const portArg = args.indexOf('--port');
  const port = portArg >= 0 ? Number(args[portArg + 1]) : Number(process.env.PORT ?? 0);
  const t0 = Date.now();
  await ensureWorkbench();
  const tInstalled = Date.now();
  await build();
  const tBuilt = Date.now();
  const server = await startCodeServer({ label: 'studio', extensionPath: ROOT, port, settings: STUDIO_SETTINGS });
  const url = server.workbenchUrl(path.join(ROOT, 'examples'));
  log(`install check ${seconds(tInstalled - t0)}, build ${seconds(tBuilt - tInstalled)}, code-server healthy in ${seconds(server.startMs)}`);
  process.stdout.write(`\nSAR Studio is running in VS Code (code-server) at:\n\n  ${url}\n\nOpen columbus/columbus.sar.json, then run "SAR Studio: Fit SAR model". Ctrl+C stops the server.\n\n`);
  const why = await server.exited;
  log(`code-server ${why}; its log: ${server.logFile}`);
  process.exitCode = 1;
}

async function packageVsix(): Promise<void> {
  const node24 = await ensureNode24();
  await build(true);
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { name: string; version: string };
  const out = path.join(ROOT, `${pkg.name}-${pkg.version}.vsix`);
  const vsce = path.join(ROOT, 'node_modules', '@vscode', 'vsce', 'vsce');
  // The bundles in dist/ are self-contained: no node_modules in the package. No repository URL
  // is declared, so README's relative links stay as they are.
  await run(node24, [vsce, 'package', '--no-dependencies', '--allow-missing-repository', '--no-rewrite-relative-links', '--skip-license', '--out', out], { cwd: ROOT });
  log(`packaged ${path.relative(ROOT, out)} (${(fs.statSync(out).size / 1024).toFixed(0)} KiB)`);
  await build(); // back to the development build (source maps) for tests and studio
}

const [command, ...rest] = process.argv.slice(2);
const commands: Record<string, (args: string[]) => Promise<void>> = {
  install: () => ensureWorkbench(),
  studio,
  package: () => packageVsix(),
};
const fn = command ? commands[command] : undefined;
if (!fn) {
  process.stderr.write(`usage: node scripts/workbench/run.mjs ${Object.keys(commands).join('|')}\n`);
  process.exit(2);
}
fn(rest).catch((err: Error) => {
  log(`${command} failed: ${err.message}`);
  process.exit(1);
});
