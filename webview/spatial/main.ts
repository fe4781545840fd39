/**
 * Entry of the spatial views' webview (dist/webview/spatial.js + .css): the weights inspector or
 * the local statistics, whichever the host's first message is.
 */
import '../results/results.css';
import './spatial.css';
import { isHostToSpatialMessage, PROTOCOL_VERSION } from '../../src/protocol';
import { post } from './api';
import { InspectorView } from './inspector';
import { LocalView } from './local';
import { h } from '../results/dom';

const root = document.getElementById('app') ?? document.body.appendChild(document.createElement('main'));
let inspector: InspectorView | undefined;
let local: LocalView | undefined;
const status = h('div', { class: 'sar-status', role: 'status', 'aria-live': 'polite', hidden: true });

function showStatus(state: 'computing' | 'idle' | 'failed', text?: string): void {
  status.hidden = state === 'idle';
  status.className = `sar-status sar-status-${state}`;
  status.textContent = state === 'computing' ? `Computing…${text ? ` ${text}.` : ''}` : state === 'failed' ? `It failed: ${text ?? ''}` : '';
  document.body.dataset.spatialState = state;
}

window.addEventListener('message', (e: MessageEvent<unknown>) => {
  const m = e.data;
  if (!isHostToSpatialMessage(m)) return;
  switch (m.type) {
    case 'weights':
      inspector ??= new InspectorView(root, status);
      inspector.show(m);
      showStatus('idle');
      break;
    case 'local':
      local ??= new LocalView(root, status);
      local.show(m);
      showStatus('idle');
      break;
    case 'status':
      if (!root.contains(status)) root.prepend(status);
      showStatus(m.state, m.text);
      break;
  }
});

// VS Code sets the theme's kind as a class on <body>: maps re-read their background and outlines.
new MutationObserver(() => {
  inspector?.refreshTheme();
  local?.refreshTheme();
}).observe(document.body, { attributes: true, attributeFilter: ['class'] });

window.addEventListener('error', (e) => post({ type: 'log', level: 'error', message: String(e.error?.stack ?? e.message).slice(0, 5000) }));
window.addEventListener('unhandledrejection', (e) => post({ type: 'log', level: 'error', message: String((e.reason as Error | undefined)?.stack ?? e.reason).slice(0, 5000) }));

post({ type: 'ready', version: PROTOCOL_VERSION });
