/**
 * The webview side of the VS Code API, once per page (acquireVsCodeApi may be called only once):
 * `post` typed with the page's own host-bound messages from src/protocol.ts, and the persisted view
 * state (getState / setState survive the page being discarded while its panel is hidden), read back
 * only when it carries the page's state version.
 */
interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

let api: VsCodeApi | undefined;
const vscode = (): VsCodeApi => (api ??= acquireVsCodeApi());

export interface Channel<ToHost, State extends { v: 1 }> {
  post(message: ToHost): void;
  loadState(): State;
  saveState(state: State): void;
}

export function channel<ToHost, State extends { v: 1 } = { v: 1 }>(): Channel<ToHost, State> {
  return {
    post: (m) => vscode().postMessage(m),
    loadState: () => {
      const s = vscode().getState() as Partial<State> | undefined;
      return (s && s.v === 1 ? s : { v: 1 }) as State;
    },
    saveState: (s) => vscode().setState(s),
  };
}
