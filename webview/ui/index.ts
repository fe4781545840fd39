/**
 * The one module that touches the webview UI toolkit (@vscode/webview-ui-toolkit 1.4, deprecated
 * upstream). Everything else in webview/ builds controls through these factories and never names a
 * `vscode-*` element, so moving to a maintained successor (or to plain elements) is a change to
 * this file only. The toolkit is bundled into the webview's script (no extra files served).
 *
 * Text fields and checkboxes are plain `<input>` elements, styled with the workbench's colours:
 * the toolkit's keep their input in a shadow root, where the field's label does not reach (a
 * screen reader announced "Text field"), and its unchecked checkbox is faint in Light Modern.
 */
import {
  provideVSCodeDesignSystem, vsCodeButton, vsCodeDropdown, vsCodeOption, vsCodeProgressRing,
} from '@vscode/webview-ui-toolkit';

let defined = false;

/** Registers the components once (idempotent). */
export function defineUi(): void {
  if (defined) return;
  defined = true;
  provideVSCodeDesignSystem().register(vsCodeButton(), vsCodeDropdown(), vsCodeOption(), vsCodeProgressRing());
}

export interface Choice {
  value: string;
  label: string;
  title?: string;
}

export interface Control<T> {
  readonly el: HTMLElement;
  value: T;
  disabled: boolean;
  /** Marks the control invalid (with the reason as its accessible description) or valid (undefined). */
  setInvalid(message: string | undefined): void;
  focus(): void;
}

export interface DropdownControl extends Control<string> {
  setChoices(choices: Choice[], value: string): void;
}

interface FormElement extends HTMLElement {
  value: string;
  checked: boolean;
  disabled: boolean;
}

/** Every control gets a `ui-<kind>` class, so styles never name the toolkit's elements. */
function make(tag: string, id: string, label: string): FormElement {
  const el = document.createElement(tag) as FormElement;
  el.classList.add(`ui-${tag.replace(/^vscode-/, '')}`);
  el.id = id;
  el.setAttribute('aria-label', label);
  return el;
}

function invalid(el: HTMLElement, message: string | undefined): void {
  if (message) {
    el.setAttribute('aria-invalid', 'true');
    el.setAttribute('title', message);
    el.classList.add('ui-invalid');
  } else {
    el.removeAttribute('aria-invalid');
    el.removeAttribute('title');
    el.classList.remove('ui-invalid');
  }
}

/** A drop-down list. `onChange` fires for the user's choices only, never for `value = …`. */
export function dropdown(opts: { id: string; label: string; choices: Choice[]; value: string; onChange(value: string): void }): DropdownControl {
  const el = make('vscode-dropdown', opts.id, opts.label);
  let quiet = false;
  let current = opts.value;
  const fill = (choices: Choice[]) => {
    el.replaceChildren(...choices.map((c) => {
      const o = document.createElement('vscode-option') as FormElement;
      o.setAttribute('value', c.value);
      o.textContent = c.label;
      if (c.title) o.title = c.title;
      return o;
    }));
  };
  const set = (v: string) => {
    current = v;
    quiet = true;
    try {
      el.value = v;
    } finally {
      quiet = false;
    }
  };
  fill(opts.choices);
  el.addEventListener('change', () => {
    if (quiet || el.value === current) return;
    current = el.value;
    opts.onChange(el.value);
  });
  // The options exist once the element is connected: set the value then too.
  queueMicrotask(() => set(current));
  return {
    el,
    get value() {
      return current;
    },
    set value(v: string) {
      if (v !== el.value) set(v);
      current = v;
    },
    get disabled() {
      return el.disabled;
    },
    set disabled(b: boolean) {
      el.disabled = b;
    },
    setInvalid: (m) => invalid(el, m),
    focus: () => el.focus(),
    setChoices(choices: Choice[], value: string) {
      quiet = true;
      try {
        fill(choices);
      } finally {
        quiet = false;
      }
      current = value;
      queueMicrotask(() => set(value));
    },
  };
}

/**
 * A checkbox: a native `<input type="checkbox">` in its `<label>` (`el` is the label; `input` the
 * box, for composite widgets that manage focus, such as a list of checkboxes under arrow keys).
 */
export function checkbox(opts: { id: string; label: string; checked: boolean; onChange(checked: boolean): void; title?: string }): Control<boolean> & { readonly input: HTMLInputElement } {
  const el = document.createElement('label');
  el.className = 'ui-checkbox';
  const input = document.createElement('input');
  input.type = 'checkbox';
  input.id = opts.id;
  input.checked = opts.checked;
  el.append(input, document.createTextNode(opts.label));
  if (opts.title) el.title = opts.title;
  input.addEventListener('change', () => opts.onChange(input.checked));
  return {
    el,
    input,
    get value() {
      return input.checked;
    },
    set value(b: boolean) {
      input.checked = b;
    },
    get disabled() {
      return input.disabled;
    },
    set disabled(b: boolean) {
      input.disabled = b;
      el.classList.toggle('disabled', b);
    },
    setInvalid: (m) => invalid(input, m),
    focus: () => input.focus(),
  };
}

/**
 * A one-line text field (a native `<input>`, labelled by `label`). `onCommit` fires on Enter — also
 * when the text did not change, so Enter re-applies what the field drives (e.g. a filter whose
 * condition changed) — and when focus leaves after a change.
 */
export function textField(opts: { id: string; label: string; value: string; placeholder?: string; size?: number; onCommit(value: string): void }): Control<string> {
  const el = document.createElement('input');
  el.type = 'text';
  el.className = 'ui-text-field';
  el.id = opts.id;
  el.setAttribute('aria-label', opts.label);
  el.spellcheck = false;
  el.autocomplete = 'off';
  if (opts.placeholder) el.placeholder = opts.placeholder;
  if (opts.size) el.size = opts.size;
  el.value = opts.value;
  let committed = opts.value;
  el.addEventListener('change', () => {
    if (el.value === committed) return;
    committed = el.value;
    opts.onCommit(el.value);
  });
  el.addEventListener('keydown', (e: KeyboardEvent) => {
    if (e.key === 'Enter') {
      committed = el.value;
      opts.onCommit(el.value);
    }
    if (e.key === 'Escape') el.value = committed;
  });
  return {
    el,
    get value() {
      return el.value;
    },
    set value(v: string) {
      committed = v;
      // Do not overwrite what the user is typing.
      if (document.activeElement !== el && el.value !== v) el.value = v;
    },
    get disabled() {
      return el.disabled;
    },
    set disabled(b: boolean) {
      el.disabled = b;
    },
    setInvalid: (m) => invalid(el, m),
    focus: () => el.focus(),
  };
}

export function button(opts: { id: string; label: string; onClick(): void; appearance?: 'primary' | 'secondary' | 'icon'; title?: string }): Control<void> {
  const el = make('vscode-button', opts.id, opts.title ?? opts.label);
  el.textContent = opts.label;
  if (opts.appearance) el.setAttribute('appearance', opts.appearance);
  if (opts.title) el.title = opts.title;
  el.addEventListener('click', () => {
    if (!el.disabled) opts.onClick();
  });
  return {
    el,
    value: undefined,
    get disabled() {
      return el.disabled;
    },
    set disabled(b: boolean) {
      el.disabled = b;
    },
    setInvalid: (m) => invalid(el, m),
    focus: () => el.focus(),
  };
}

/** An indeterminate progress indicator. */
export function progressRing(label: string): HTMLElement {
  const el = document.createElement('vscode-progress-ring');
  el.setAttribute('aria-label', label);
  return el;
}
