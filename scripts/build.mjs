// Bundles every entry point with esbuild. Type-checking is separate (`npm run typecheck`).
import * as esbuild from 'esbuild';
import { existsSync, chmodSync } from 'node:fs';

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

/** Node bundles: the extension host entry, the fit worker, the CLI, the benchmark and the trace helper thread. */
const nodeEntries = [
  { in: 'src/extension/extension.ts', out: 'extension', external: ['vscode'] },
  { in: 'src/extension/fitWorker.ts', out: 'fitWorker' },
  { in: 'src/extension/spatial/worker.ts', out: 'spatialWorker' },
  { in: 'src/cli/main.ts', out: 'cli', banner: '#!/usr/bin/env node' },
  { in: 'bench/bench.ts', out: 'bench' },
  // The trace kernels' helper thread, found beside the bundle that starts it (src/core/traces/helperThread.ts).
  { in: 'src/core/traces/traceWorker.ts', out: 'traceWorker' },
];
/** Browser bundles for the webviews (IIFE, no Node built-ins). */
const webEntries = [
  { in: 'webview/editor/main.ts', out: 'webview/editor' },
  { in: 'webview/results/main.ts', out: 'webview/results' },
  { in: 'webview/spatial/main.ts', out: 'webview/spatial' },
  { in: 'webview/compare/main.ts', out: 'webview/compare' },
];

// 'module' first: jsonc-parser's UMD entry hides its requires from the bundler.
const common = { bundle: true, mainFields: ['module', 'main'], sourcemap: !production, minify: production, logLevel: 'warning', legalComments: 'none' };
const contexts = [];
for (const e of nodeEntries.filter((e) => existsSync(e.in))) {
  contexts.push(await esbuild.context({
    ...common, entryPoints: { [e.out]: e.in }, outdir: 'dist', platform: 'node', format: 'cjs', target: 'node20',
    external: e.external ?? [], banner: e.banner ? { js: e.banner } : undefined,
  }));
}
for (const e of webEntries.filter((e) => existsSync(e.in))) {
  contexts.push(await esbuild.context({
    ...common, entryPoints: { [e.out]: e.in }, outdir: 'dist', platform: 'browser', format: 'iife', target: 'es2022',
  }));
}
if (watch) {
  await Promise.all(contexts.map((c) => c.watch()));
} else {
  await Promise.all(contexts.map((c) => c.rebuild()));
  await Promise.all(contexts.map((c) => c.dispose()));
  if (existsSync('dist/cli.js')) chmodSync('dist/cli.js', 0o755);
}
