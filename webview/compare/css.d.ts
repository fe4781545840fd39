/** CSS imported from TypeScript is emitted by esbuild as dist/webview/results.css. */
declare module '*.css';
