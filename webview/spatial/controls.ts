/** Small DOM pieces the spatial views share: sections, labelled selects, size observers. */
import { h, uid } from '../results/dom';

export function section(id: string, heading: string, ...children: (Node | null)[]): HTMLElement {
  return h('section', { id, class: 'sar-section', 'aria-labelledby': `${id}-heading` }, h('h2', { id: `${id}-heading` }, heading), ...children);
}

/** A <select> with its visible label; `choices` are [value, text]. */
export function selectControl(label: string, choices: readonly (readonly [string, string])[], value: string): { label: HTMLLabelElement; select: HTMLSelectElement } {
  const id = uid('sel');
  const select = h('select', { id, class: 'sar-select' }, ...choices.map(([v, t]) => h('option', { value: v, selected: v === value }, t)));
  if (!choices.some(([v]) => v === value) && choices.length) select.value = choices[0][0];
  return { label: h('label', { for: id, class: 'sar-label' }, `${label} `, select), select };
}

/** Calls `f(width)` now and whenever the element's width changes by more than a few pixels. */
export function observeSize(el: HTMLElement, f: (width: number) => void): void {
  let last = -1;
  const run = () => {
    const w = Math.floor(el.clientWidth || el.parentElement?.clientWidth || 600);
    if (Math.abs(w - last) < 8) return;
    last = w;
    f(w - 24);
  };
  new ResizeObserver(run).observe(el);
  requestAnimationFrame(run);
}
