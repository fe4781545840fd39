/** The comparison webview's side of the VS Code API: typed postMessage (comparison → host messages only). */
import type { CompareToHost } from '../../src/protocol';

interface VsCodeApi {
  postMessage(message: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const api: VsCodeApi = acquireVsCodeApi();

export function post(message: CompareToHost): void {
  api.postMessage(message);
}
