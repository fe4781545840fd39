/**
 * Entry of the comparison panel's webview (bundled by scripts/build.mjs into
 * dist/webview/compare.js, with the results panel's CSS and this folder's as dist/webview/compare.css).
 */
import '../results/results.css';
import './compare.css';
import { isHostToCompareMessage, PROTOCOL_VERSION } from '../../src/protocol';
import { post } from './api';
import { ComparisonView } from './view';

const root = document.getElementById('app') ?? document.body.appendChild(document.createElement('main'));
const view = new ComparisonView(root);

window.addEventListener('message', (e: MessageEvent<unknown>) => {
  const m = e.data;
  if (!isHostToCompareMessage(m)) return;
  switch (m.type) {
    case 'comparison':
      view.show(m);
      break;
    case 'specModel':
      view.setSpecModel(m.model);
      break;
    case 'status':
      view.setStatus(m);
      break;
  }
});

window.addEventListener('error', (e) => post({ type: 'log', level: 'error', message: String(e.error?.stack ?? e.message).slice(0, 5000) }));
window.addEventListener('unhandledrejection', (e) => post({ type: 'log', level: 'error', message: String((e.reason as Error | undefined)?.stack ?? e.reason).slice(0, 5000) }));

post({ type: 'ready', version: PROTOCOL_VERSION });
