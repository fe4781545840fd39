/** CSS imported from TypeScript is emitted by esbuild next to the bundle (dist/webview/editor.css). */
declare module '*.css';
