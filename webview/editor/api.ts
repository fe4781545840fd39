/** The webview's side of the host channel, typed with the editor protocol. */
import type { EditorToHost } from '../../src/protocol';

export interface PersistedState {
  scrollTop?: number;
  scrollLeft?: number;
  active?: { r: number; c: number };
  summary?: boolean;
  formOpen?: boolean;
}

interface VsCodeApi {
  postMessage(message: EditorToHost): void;
  getState(): PersistedState | undefined;
  setState(state: PersistedState): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

let api: VsCodeApi | undefined;
export function vscodeApi(): VsCodeApi {
  api ??= acquireVsCodeApi();
  return api;
}
