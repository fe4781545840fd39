/**
 * Placeholder spec editor (to be replaced by the full form + data grid): shows the model
 * parsed from the spec text and a Fit button. Message shapes mirror
 * src/extension/specEditor/messages.ts.
 */
interface SpecSummary {
  error?: string;
  dependent?: string;
  independent: string[];
  weightsType?: string;
  model?: string;
  data?: string;
}
type HostToEditor = { type: 'summary'; fileName: string; summary: SpecSummary };
type EditorToHost = { type: 'ready' } | { type: 'fit' };

interface VsCodeApi {
  postMessage(message: EditorToHost): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();

function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  if (text !== undefined) e.textContent = text;
  return e;
}

function row(label: string, id: string, value: string): HTMLElement {
  const tr = el('tr');
  tr.append(el('th', { scope: 'row' }, label), el('td', { id }, value));
  return tr;
}

function render(msg: HostToEditor): void {
  const s = msg.summary;
  const root = el('section', { id: 'sar-spec-editor', 'data-file': msg.fileName });
  root.append(el('h1', {}, `SAR Studio Spec Editor: ${msg.fileName}`));
  if (s.error) root.append(el('p', { id: 'spec-error', class: 'error' }, s.error));
  const table = el('table', { class: 'model' });
  table.append(
    row('Model', 'model-type', s.model ?? '—'),
    row('Dependent', 'dependent', s.dependent ?? '—'),
    row('Regressors', 'regressors', s.independent.length > 0 ? s.independent.join(', ') : '—'),
    row('Weights', 'weights-type', s.weightsType ?? '—'),
    row('Data', 'data-file', s.data ?? '—'),
  );
  const fit = el('button', { id: 'fit', type: 'button' }, 'Fit SAR model');
  fit.addEventListener('click', () => vscode.postMessage({ type: 'fit' }));
  root.append(table, fit);
  document.getElementById('app')?.replaceChildren(root);
}

window.addEventListener('message', (e: MessageEvent<unknown>) => {
  const m = e.data as Partial<HostToEditor> | null;
  if (m && m.type === 'summary' && m.summary) render(m as HostToEditor);
});
vscode.postMessage({ type: 'ready' });
