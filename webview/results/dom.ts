/** Tiny DOM helpers: elements are built with textContent only (never innerHTML), so no markup from data is ever parsed. */

type Child = Node | string | null | undefined | false;

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string | number | boolean | undefined> = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === false) continue;
    if (k === 'class') e.className = String(v);
    else e.setAttribute(k, v === true ? '' : String(v));
  }
  append(e, ...children);
  return e;
}

export function append(parent: Node, ...children: Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    parent.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
  }
}

let nextId = 0;
/** A unique element id with a readable prefix. */
export function uid(prefix: string): string {
  return `${prefix}-${++nextId}`;
}

/** A button with a visible label and an optional longer accessible name. */
export function button(label: string, onClick: () => void, opts: { aria?: string; secondary?: boolean; title?: string } = {}): HTMLButtonElement {
  const b = h('button', { type: 'button', class: opts.secondary === false ? 'sar-button' : 'sar-button secondary', 'aria-label': opts.aria, title: opts.title ?? opts.aria }, label);
  b.addEventListener('click', onClick);
  return b;
}
