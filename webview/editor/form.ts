/**
 * The model form: dependent and regressors from the CSV header, the model, log-determinant and
 * SE methods, and the weights (type and its parameters). Every change is sent to the host as a
 * `setField` / `setRole` message, which edits the spec text; the form then shows what the text says.
 * Controls come from ../ui (the toolkit wrapper) only.
 */
import { MODEL_NAMES } from '../../src/core/models/family';
import { MODEL_INFO, MODELS } from '../../src/core/spec/schema';
import { regressorTerms, termColumnName } from '../../src/core/spec/roles';
import type { ColumnRole, EditorProblem, SpecField, SpecFormState } from '../../src/protocol';
import { checkbox, dropdown, textField, type Choice, type Control, type DropdownControl } from '../ui';
import { el } from './format';

export interface FormCallbacks {
  setField(field: SpecField, value: string | number | boolean | null): void;
  setRole(column: string, role: ColumnRole): void;
}

/** The eight models (the schema's order: the default lag first), each with what it assumes under it. */
const MODEL_CHOICES: Choice[] = MODELS.map((m) => ({ value: m, label: MODEL_NAMES[m].name, title: MODEL_INFO[m] }));
const MODEL_HINTS: Record<string, string> = { ...MODEL_INFO };
const LOGDET_CHOICES: Choice[] = [
  { value: 'auto', label: 'auto' },
  { value: 'eigen', label: 'eigen (exact, small n)' },
  { value: 'sparse', label: 'sparse Cholesky/LU' },
  { value: 'chebyshev', label: 'Chebyshev' },
  { value: 'mc', label: 'Monte Carlo' },
];
const SE_CHOICES: Choice[] = [
  { value: 'asymptotic', label: 'asymptotic' },
  { value: 'hessian', label: 'numerical Hessian' },
];
const WEIGHT_CHOICES: Choice[] = [
  { value: 'gal', label: 'GAL file' },
  { value: 'gwt', label: 'GWT file' },
  { value: 'knn', label: 'k nearest neighbours' },
  { value: 'distance', label: 'distance band' },
  { value: 'contiguity', label: 'contiguity (polygons)' },
];
const STYLE_CHOICES: Choice[] = [
  { value: 'W', label: 'W (row-standardised)' },
  { value: 'B', label: 'B (binary)' },
  { value: 'C', label: 'C (global)' },
  { value: 'U', label: 'U (C / n)' },
  { value: 'S', label: 'S (variance-stabilising)' },
];
const DISTANCE_CHOICES: Choice[] = [
  { value: 'euclidean', label: 'euclidean' },
  { value: 'greatCircle', label: 'great circle (lon/lat)' },
];
const CRITERION_CHOICES: Choice[] = [
  { value: 'queen', label: 'queen' },
  { value: 'rook', label: 'rook' },
];
const POWER_CHOICES: Choice[] = [
  { value: '0', label: '0 (binary)' },
  { value: '1', label: '1 (1/d)' },
  { value: '2', label: '2 (1/d²)' },
];
const NONE = '\u0000none';

/** One line under the log-determinant and SE choices: what the choice does (src/core/logdet/choose.ts). */
const LOGDET_HINTS: Record<string, string> = {
  auto: 'Exact up to ~15,000–30,000 observations (eigenvalues, then sparse), approximated beyond.',
  eigen: 'Exact, from the eigenvalues of W (spatialreg\'s default); small data.',
  sparse: 'Exact, a sparse Cholesky or LU factorisation per ρ; medium data.',
  chebyshev: 'Approximated by a Chebyshev series in traces of W; large data.',
  mc: 'Approximated by Monte Carlo traces (Barry & Pace 1999); large data, any W.',
};
const SE_HINTS: Record<string, string> = {
  asymptotic: 'From the analytical information matrix (spatialreg\'s default).',
  hessian: 'From a numerical Hessian, as the source paper reports them.',
};

interface Field {
  control: Control<string> | Control<boolean>;
  wrap: HTMLElement;
  error: HTMLElement;
  /** Problem fields shown here (prefixes of EditorProblem.field). */
  problemFields: string[];
}

export class ModelForm {
  readonly el: HTMLFormElement;
  private readonly fields = new Map<string, Field>();
  private columns: string[] = [];
  private structureKey = '';
  private state?: SpecFormState;
  private readOnly = true;
  private regressorBox!: HTMLElement;
  private regressorChecks = new Map<string, ReturnType<typeof checkbox>>();
  /** The regressor checkbox that takes the list's one Tab stop (arrow keys move within the list). */
  private regressorFocus?: string;
  private readonly hints = new Map<string, { el: HTMLElement; texts: Record<string, string> }>();
  private weightsRow!: HTMLElement;
  private regressorError!: HTMLElement;

  constructor(private readonly cb: FormCallbacks) {
    this.el = el('form', { id: 'model-form', class: 'model-form', 'aria-label': 'Model' });
    this.el.addEventListener('submit', (e) => e.preventDefault());
  }

  update(state: SpecFormState, columns: string[], problems: EditorProblem[], readOnly: boolean): void {
    this.state = state;
    this.readOnly = readOnly;
    const key = `${columns.join('\u0001')}|${state.weights.type}`;
    if (key !== this.structureKey || columns.length !== this.columns.length) {
      this.structureKey = key;
      this.columns = columns;
      this.build(state);
    }
    this.fill(state);
    this.showProblems(problems);
    for (const f of this.fields.values()) f.control.disabled = readOnly;
    for (const c of this.regressorChecks.values()) c.disabled = readOnly;
  }

  // ── Building ─────────────────────────────────────────────────────────────

  private columnChoices(value: string | undefined, noneLabel?: string): Choice[] {
    const out: Choice[] = noneLabel ? [{ value: NONE, label: noneLabel }] : [];
    out.push(...this.columns.map((c) => ({ value: c, label: c })));
    // A transform of a column (the dependent as log(CRIME)) is a choice of its own.
    if (value && !this.columns.includes(value)) out.push({ value, label: this.columns.includes(termColumnName(value, this.columns)) ? value : `${value} (not in the data)` });
    if (!noneLabel && !value) out.unshift({ value: NONE, label: '(choose a column)' });
    return out;
  }

  private addField(id: string, label: string, control: Control<string> | Control<boolean>, problemFields: string[], cls = ''): HTMLElement {
    const wrap = el('div', { class: `field ${cls}`.trim() });
    const lab = el('label', { for: control.el.id, class: 'field-label' }, label);
    const error = el('div', { class: 'field-error', id: `${control.el.id}-error`, role: 'alert' });
    wrap.append(lab, control.el, error);
    this.fields.set(id, { control, wrap, error, problemFields });
    return wrap;
  }

  private dd(id: SpecField | string, label: string, choices: Choice[], value: string, problemFields: string[], onChange: (v: string) => void): HTMLElement {
    const control = dropdown({ id: `f-${id.replace(/\./g, '-')}`, label, choices, value, onChange });
    return this.addField(id, label, control, problemFields);
  }

  /** A drop-down with a one-line explanation of its current choice under it (also its accessible description). */
  private explained(id: SpecField, label: string, choices: Choice[], value: string, texts: Record<string, string>, onChange: (v: string) => void): HTMLElement {
    const wrap = this.dd(id, label, choices, value, [id], (v) => {
      hint.textContent = hint.title = texts[v] ?? '';
      onChange(v);
    });
    const hint = el('div', { class: 'field-hint', id: `f-${id}-hint`, title: texts[value] ?? '' }, texts[value] ?? '');
    this.fields.get(id)?.control.el.setAttribute('aria-describedby', hint.id);
    wrap.append(hint);
    this.hints.set(id, { el: hint, texts });
    return wrap;
  }

  private text(id: SpecField, label: string, value: string, placeholder: string, problemFields: string[], parse: (v: string) => string | number | null | { error: string }, size = 14): HTMLElement {
    const control = textField({
      id: `f-${id.replace(/\./g, '-')}`, label, value, placeholder, size,
      onCommit: (v) => {
        const parsed = parse(v.trim());
        const f = this.fields.get(id);
        if (parsed !== null && typeof parsed === 'object') {
          f?.control.setInvalid(parsed.error);
          if (f) f.error.textContent = parsed.error;
          return;
        }
        f?.control.setInvalid(undefined);
        this.cb.setField(id, parsed);
      },
    });
    return this.addField(id, label, control, problemFields);
  }

  private build(state: SpecFormState): void {
    this.fields.clear();
    this.regressorChecks.clear();
    const w = state.weights;
    const nonEmpty = (what: string) => (v: string) => (v === '' ? { error: `${what} cannot be empty` } : v);

    const row1 = el('div', { class: 'form-row' });
    row1.append(
      this.dd('dependent', 'Dependent (Y)', this.columnChoices(state.dependent), state.dependent ?? NONE, ['dependent'], (v) => {
        if (v !== NONE) this.cb.setField('dependent', v);
      }),
      this.explained('model', 'Model', MODEL_CHOICES, state.model, MODEL_HINTS, (v) => this.cb.setField('model', v)),
      this.explained('logdet', 'Log-determinant', LOGDET_CHOICES, state.logdet, LOGDET_HINTS, (v) => this.cb.setField('logdet', v)),
      this.explained('se', 'Standard errors', SE_CHOICES, state.se, SE_HINTS, (v) => this.cb.setField('se', v)),
      this.text('data', 'Data file', state.data ?? '', 'data.csv', ['data'], nonEmpty('The data file'), 20),
    );
    const intercept = checkbox({ id: 'f-intercept', label: 'Intercept', checked: state.intercept, onChange: (b) => this.cb.setField('intercept', b) });
    row1.append(this.addField('intercept', '', intercept, ['intercept'], 'checkbox-field'));

    // Regressors: one checkbox per column (the dependent excluded), one Tab stop for the whole
    // list (a composite widget: arrow keys move between the boxes, Space checks one).
    const regs = el('fieldset', { class: 'form-row regressors', id: 'f-regressors' });
    regs.append(el('legend', { class: 'field-label', id: 'f-regressors-label' }, 'Regressors (X)'));
    this.regressorBox = el('div', { class: 'regressor-list', role: 'group', 'aria-labelledby': 'f-regressors-label', 'aria-describedby': 'f-regressors-keys' });
    for (const col of this.columns) {
      const cbx = checkbox({
        id: `f-x-${cssId(col)}`, label: col, checked: regressorTerms(state, col, this.columns).length > 0,
        onChange: (b) => this.cb.setRole(col, b ? 'regressor' : 'none'),
      });
      cbx.el.dataset.column = col;
      cbx.input.tabIndex = -1;
      cbx.input.addEventListener('focus', () => this.setRegressorFocus(col));
      cbx.el.append(el('span', { class: 'term' }));
      this.regressorChecks.set(col, cbx);
      this.regressorBox.append(cbx.el);
    }
    this.regressorBox.addEventListener('keydown', (e) => this.onRegressorKey(e));
    for (const missing of state.independent.filter((c) => !this.columns.includes(termColumnName(c, this.columns)))) {
      this.regressorBox.append(el('span', { class: 'missing-column', title: 'Not a column of the data' }, `${missing} (not in the data)`));
    }
    this.regressorError = el('div', { class: 'field-error', role: 'alert' });
    regs.append(this.regressorBox, el('span', { class: 'sr-only', id: 'f-regressors-keys' }, 'Arrow keys move between the columns; Space checks or unchecks one.'), this.regressorError);

    // Weights: the type, then its parameters.
    this.weightsRow = el('fieldset', { class: 'form-row weights', id: 'f-weights' });
    this.weightsRow.append(el('legend', { class: 'field-label' }, 'Spatial weights'));
    this.weightsRow.append(this.dd('weights.type', 'Type', w.type && WEIGHT_CHOICES.some((c) => c.value === w.type) ? WEIGHT_CHOICES : [{ value: w.type ?? NONE, label: w.type ?? '(choose)' }, ...WEIGHT_CHOICES], w.type ?? NONE, ['weights.type', 'weights'], (v) => {
      if (v !== NONE) this.cb.setField('weights.type', v);
    }));
    const idColumn = (label = 'ID column') => this.dd('weights.idColumn', label, this.columnChoices(w.idColumn, '(row order)'), w.idColumn ?? NONE, ['weights.idColumn'], (v) => this.cb.setField('weights.idColumn', v === NONE ? null : v));
    const coords = () => [
      this.dd('weights.coordinates.0', 'x / longitude', this.columnChoices(w.coordinates[0]), w.coordinates[0] ?? NONE, ['weights.coordinates'], (v) => {
        if (v !== NONE) this.cb.setField('weights.coordinates.0', v);
      }),
      this.dd('weights.coordinates.1', 'y / latitude', this.columnChoices(w.coordinates[1]), w.coordinates[1] ?? NONE, ['weights.coordinates'], (v) => {
        if (v !== NONE) this.cb.setField('weights.coordinates.1', v);
      }),
      this.dd('weights.distance', 'Distance', DISTANCE_CHOICES, w.distance ?? 'euclidean', ['weights.distance'], (v) => this.cb.setField('weights.distance', v)),
    ];
    switch (w.type) {
      case 'gal':
      case 'gwt':
        this.weightsRow.append(this.text('weights.path', `${w.type.toUpperCase()} file`, w.path ?? '', `weights.${w.type}`, ['weights.path'], nonEmpty('The weights file')), idColumn());
        break;
      case 'knn':
        this.weightsRow.append(this.text('weights.k', 'k', w.k !== undefined ? String(w.k) : '', '6', ['weights.k'], (v) => (/^\d+$/.test(v) && Number(v) >= 1 && Number(v) <= 10000 ? Number(v) : { error: 'k must be a whole number from 1 to 10000' }), 5), ...coords(), idColumn('ID column (labels)'));
        break;
      case 'distance':
        this.weightsRow.append(
          this.text('weights.threshold', 'Threshold', w.threshold !== undefined ? String(w.threshold) : '', '1', ['weights.threshold'], (v) => (Number.isFinite(Number(v)) && Number(v) > 0 && v !== '' ? Number(v) : { error: 'the threshold must be a positive number' }), 8),
          ...coords(),
          this.dd('weights.inversePower', 'Inverse power', POWER_CHOICES, String(w.inversePower ?? 0), ['weights.inversePower'], (v) => this.cb.setField('weights.inversePower', Number(v))),
          idColumn('ID column (labels)'),
        );
        break;
      case 'contiguity':
        this.weightsRow.append(
          this.text('weights.geometry', 'GeoJSON file', w.geometry ?? '', 'map.geojson', ['weights.geometry'], nonEmpty('The geometry file')),
          this.dd('weights.criterion', 'Criterion', CRITERION_CHOICES, w.criterion ?? 'queen', ['weights.criterion'], (v) => this.cb.setField('weights.criterion', v)),
          this.text('weights.idProperty', 'ID property', w.idProperty ?? '', '(feature order)', ['weights.idProperty'], (v) => (v === '' ? null : v)),
          idColumn(),
        );
        break;
      default:
        break;
    }
    this.weightsRow.append(
      this.dd('weights.style', 'Style', STYLE_CHOICES, w.style ?? 'W', ['weights.style'], (v) => this.cb.setField('weights.style', v)),
    );
    const islands = checkbox({ id: 'f-weights-allowIslands', label: 'Allow islands', checked: w.allowIslands, onChange: (b) => this.cb.setField('weights.allowIslands', b), title: 'Allow observations without neighbours (spdep zero.policy)' });
    this.weightsRow.append(this.addField('weights.allowIslands', '', islands, ['weights.allowIslands'], 'checkbox-field'));

    this.el.replaceChildren(row1, regs, this.weightsRow);
  }

  // ── Values ───────────────────────────────────────────────────────────────

  private fill(state: SpecFormState): void {
    const w = state.weights;
    const set = (id: string, v: string | boolean) => {
      const f = this.fields.get(id);
      if (f) (f.control as Control<string | boolean>).value = v;
    };
    const setDd = (id: string, v: string | undefined, choices: () => Choice[]) => {
      const f = this.fields.get(id);
      if (!f) return;
      const dd = f.control as DropdownControl;
      const value = v ?? NONE;
      if (v && !this.columns.includes(v) && choices().some((c) => c.value === v && c.label.includes('not in'))) dd.setChoices(choices(), value);
      else dd.value = value;
    };
    setDd('dependent', state.dependent, () => this.columnChoices(state.dependent));
    set('model', state.model);
    set('logdet', state.logdet);
    set('se', state.se);
    set('data', state.data ?? '');
    set('intercept', state.intercept);
    set('weights.style', w.style ?? 'W');
    set('weights.allowIslands', w.allowIslands);
    set('weights.path', w.path ?? '');
    setDd('weights.idColumn', w.idColumn, () => this.columnChoices(w.idColumn, '(row order)'));
    set('weights.k', w.k !== undefined ? String(w.k) : '');
    setDd('weights.coordinates.0', w.coordinates[0], () => this.columnChoices(w.coordinates[0]));
    setDd('weights.coordinates.1', w.coordinates[1], () => this.columnChoices(w.coordinates[1]));
    set('weights.distance', w.distance ?? 'euclidean');
    set('weights.threshold', w.threshold !== undefined ? String(w.threshold) : '');
    set('weights.inversePower', String(w.inversePower ?? 0));
    set('weights.geometry', w.geometry ?? '');
    set('weights.criterion', w.criterion ?? 'queen');
    set('weights.idProperty', w.idProperty ?? '');
    const y = state.dependent !== undefined ? termColumnName(state.dependent, this.columns) : undefined;
    for (const [col, cbx] of this.regressorChecks) {
      const terms = regressorTerms(state, col, this.columns);
      cbx.value = terms.length > 0;
      // A transformed regressor shows its term: "HOVAL as log(HOVAL)".
      const shown = terms.filter((t) => t !== col);
      (cbx.el.querySelector('.term') as HTMLElement).textContent = shown.length ? ` as ${shown.join(', ')}` : '';
      // The dependent cannot also be a regressor.
      cbx.el.hidden = col === y;
    }
    const hinted: Record<string, string> = { model: state.model, logdet: state.logdet, se: state.se };
    for (const [id, h] of this.hints) h.el.textContent = h.el.title = h.texts[hinted[id]] ?? '';
    this.setRegressorFocus(this.regressorFocus);
  }

  /** The visible regressor checkboxes in order. */
  private regressorInputs(): [string, HTMLInputElement][] {
    return [...this.regressorChecks].filter(([, c]) => !c.el.hidden).map(([col, c]) => [col, c.input]);
  }

  /** Gives the list's one Tab stop to `col` (or the first visible box). */
  private setRegressorFocus(col: string | undefined): void {
    const inputs = this.regressorInputs();
    const target = inputs.find(([c]) => c === col) ?? inputs[0];
    this.regressorFocus = target?.[0];
    for (const [c, input] of inputs) input.tabIndex = c === this.regressorFocus ? 0 : -1;
    for (const [c, cbx] of this.regressorChecks) if (cbx.el.hidden && c !== this.regressorFocus) cbx.input.tabIndex = -1;
  }

  private onRegressorKey(e: KeyboardEvent): void {
    const inputs = this.regressorInputs();
    const i = inputs.findIndex(([, input]) => input === document.activeElement);
    if (i < 0) return;
    const to = e.key === 'ArrowRight' || e.key === 'ArrowDown' ? (i + 1) % inputs.length
      : e.key === 'ArrowLeft' || e.key === 'ArrowUp' ? (i - 1 + inputs.length) % inputs.length
      : e.key === 'Home' ? 0 : e.key === 'End' ? inputs.length - 1 : -1;
    if (to < 0) return;
    e.preventDefault();
    this.setRegressorFocus(inputs[to][0]);
    inputs[to][1].focus();
  }

  private showProblems(problems: EditorProblem[]): void {
    const spec = problems.filter((p) => p.where === 'spec' && p.field);
    for (const f of this.fields.values()) {
      const mine = spec.filter((p) => f.problemFields.some((pf) => p.field === pf || p.field!.startsWith(`${pf}.`)));
      const msg = mine.map((p) => p.message).join('; ');
      f.error.textContent = msg;
      f.control.setInvalid(msg || undefined);
      f.wrap.classList.toggle('has-error', !!msg);
    }
    const regs = spec.filter((p) => p.field === 'independent' || p.field!.startsWith('independent.'));
    this.regressorError.textContent = regs.map((p) => p.message).join('; ');
  }

  /** Focus the first control (keyboard users arriving in the editor). */
  focusFirst(): void {
    this.fields.get('dependent')?.control.focus();
  }

  get isReadOnly(): boolean {
    return this.readOnly;
  }

  get current(): SpecFormState | undefined {
    return this.state;
  }
}

function cssId(s: string): string {
  return s.replace(/[^A-Za-z0-9_-]/g, (ch) => `_${ch.charCodeAt(0).toString(16)}`);
}
