/** The spatial webview's side of the VS Code API: typed postMessage and the persisted view state. */
import type { SpatialToHost } from '../../src/protocol';
import { channel } from '../shared/vscodeApi';

export interface SpatialState {
  v: 1;
  /** The spec and view the state belongs to. */
  key?: string;
  options?: Record<string, string>;
}

const { post, loadState, saveState } = channel<SpatialToHost, SpatialState>();
export { post, loadState, saveState };

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
