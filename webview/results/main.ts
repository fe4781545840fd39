/**
 * Entry of the results panel's webview (bundled by scripts/build.mjs into
 * dist/webview/results.js, with this CSS as dist/webview/results.css).
 */
import './results.css';
import { isHostToResultsMessage, PROTOCOL_VERSION } from '../../src/protocol';
import { post } from './api';
import { ResultsView } from './view';

const root = document.getElementById('app') ?? document.body.appendChild(document.createElement('main'));
const view = new ResultsView(root);

window.addEventListener('message', (e: MessageEvent<unknown>) => {
  const m = e.data;
  if (!isHostToResultsMessage(m)) return;
  switch (m.type) {
    case 'show':
      view.show(m);
      break;
    case 'status':
      view.setStatus(m);
      break;
  }
});

window.addEventListener('error', (e) => post({ type: 'log', level: 'error', message: String(e.error?.stack ?? e.message).slice(0, 5000) }));
window.addEventListener('unhandledrejection', (e) => post({ type: 'log', level: 'error', message: String((e.reason as Error | undefined)?.stack ?? e.reason).slice(0, 5000) }));

post({ type: 'ready', version: PROTOCOL_VERSION });
