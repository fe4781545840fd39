/**
 * The webview's side of the VS Code API: typed postMessage (only results → host messages from
 * src/protocol.ts) and the persisted view state (getState / setState survive the page being
 * discarded while the panel is hidden).
 */
import type { ResultsToHost } from '../../src/protocol';
import type { MapStyle } from './charts';

export interface ViewState {
  v: 1;
  /** Panel title the state belongs to (a different spec's state is not restored). */
  title?: string;
  mapKey?: string;
  /** The map's classification and palette (the chosen quantity's; reset when the quantity changes). */
  mapStyle?: MapStyle;
  highlighted?: number | null;
  scrollY?: number;
}

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const api: VsCodeApi = acquireVsCodeApi();

export function post(message: ResultsToHost): void {
  api.postMessage(message);
}

export function loadState(): ViewState {
  const s = api.getState() as Partial<ViewState> | undefined;
  return s && s.v === 1 ? (s as ViewState) : { v: 1 };
}

export function saveState(s: ViewState): void {
  api.setState(s);
}
