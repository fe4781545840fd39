/** esbuild entry point (dist/extension.js). All wiring lives in activate.ts. */
export { activate, deactivate } from './activate';
