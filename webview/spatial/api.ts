/** The spatial webview's side of the VS Code API: typed postMessage and the persisted view state. */
import type { SpatialToHost } from '../../src/protocol';

export interface SpatialState {
  v: 1;
  /** The spec and view the state belongs to. */
  key?: string;
  options?: Record<string, string>;
}

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const api: VsCodeApi = acquireVsCodeApi();

export function post(message: SpatialToHost): void {
  api.postMessage(message);
}

export function loadState(): SpatialState {
  const s = api.getState() as Partial<SpatialState> | undefined;
  return s && s.v === 1 ? (s as SpatialState) : { v: 1 };
}

export function saveState(s: SpatialState): void {
  api.setState(s);
}

/** A persisted option of the view (select values), scoped to the spec and view. */
export class Options {
  private state: SpatialState;

  constructor(key: string) {
    const s = loadState();
    this.state = s.key === key ? s : { v: 1, key, options: {} };
    saveState(this.state);
  }

  get(name: string, fallback: string): string {
    return this.state.options?.[name] ?? fallback;
  }

  set(name: string, value: string): void {
    this.state = { ...this.state, options: { ...this.state.options, [name]: value } };
    saveState(this.state);
  }
}
