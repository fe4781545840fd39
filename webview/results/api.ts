/**
 * The webview's side of the VS Code API: typed postMessage (only results → host messages from
 * src/protocol.ts) and the persisted view state (getState / setState survive the page being
 * discarded while the panel is hidden).
 */
import type { ResultsToHost } from '../../src/protocol';
import type { MapStyle } from './charts';
import { channel } from '../shared/vscodeApi';

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

const { post, loadState, saveState } = channel<ResultsToHost, ViewState>();
export { post, loadState, saveState };
