// Runs scripts/workbench/cli.ts without a compile step: esbuild bundles it (node, CJS, npm
// packages external) into .cache/bin/workbench.cjs, then it runs in this process.
// Usage: node scripts/workbench/run.mjs install|studio|package [args]
import * as esbuild from 'esbuild';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const outfile = path.join(root, '.cache', 'bin', 'workbench.cjs');
await esbuild.build({
  entryPoints: [path.join(root, 'scripts', 'workbench', 'cli.ts')],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  packages: 'external',
  sourcemap: 'inline',
  logLevel: 'warning',
});
createRequire(import.meta.url)(outfile);
