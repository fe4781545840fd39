/** The comparison webview's side of the VS Code API: typed postMessage (comparison → host messages only). */
import type { CompareToHost } from '../../src/protocol';
import { channel } from '../shared/vscodeApi';

export const { post } = channel<CompareToHost>();
