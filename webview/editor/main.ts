/**
 * The spec editor's webview (bundled as dist/webview/editor.js, with this CSS as
 * dist/webview/editor.css): the model form on top, the linked CSV in a virtualised grid below.
 * Everything it shows comes from the host (src/extension/specEditor/session.ts); every change it
 * makes is a message the host validates and turns into an edit of the spec or the CSV document.
 */
import './editor.css';
import {
  FILTER_OPS, isHostToEditorMessage, PROTOCOL_VERSION,
  type ColumnRole, type EditorProblem, type EditorToHost, type FilterOp, type FilterSpec, type HostToEditor,
  type IssuesMessage, type SortSpec, type SpecMessage, type TableMessage,
} from '../../src/protocol';
import { columnRoles, TERM_TRANSFORMS, termColumnName, termText } from '../../src/core/spec/roles';
import { parseTerm } from '../../src/core/spec/terms';
import { button, defineUi, dropdown, progressRing, textField, type Choice } from '../ui';
import { vscodeApi, type PersistedState } from './api';
import { el, formatCount, formatStat, plural } from './format';
import { ModelForm } from './form';
import { ChartPanel } from './charts';
import { Grid, type RoleChoice, type TransformChoice } from './grid';

defineUi();
const api = vscodeApi();
const post = (m: EditorToHost) => api.postMessage(m);

const FILTER_LABELS: Record<FilterOp, string> = {
  contains: 'contains', '=': '=', '!=': '≠', '<': '<', '<=': '≤', '>': '>', '>=': '≥', empty: 'is empty', invalid: 'is not a number',
};

class EditorApp {
  private spec?: SpecMessage;
  private table?: TableMessage;
  private gen = -1;
  private viewId = -1;
  private viewRows = 0;
  private sort: SortSpec | null = null;
  private filter: FilterSpec | null = null;
  private issues?: IssuesMessage;
  private restored = false;
  private formOpen = true;
  private readonly persisted: PersistedState = api.getState() ?? {};

  private readonly root = el('section', { id: 'sar-spec-editor' });
  private readonly titleEl = el('h1', { class: 'title' });
  private readonly summaryLine = el('p', { class: 'summary-line', id: 'model-summary' });
  private readonly notices = el('div', { class: 'notices', id: 'notices', role: 'status', 'aria-live': 'polite' });
  private readonly specProblems = el('div', { class: 'problems', id: 'spec-problems' });
  private readonly form: ModelForm;
  private readonly dataSection = el('section', { class: 'data', id: 'data', 'aria-label': 'Data' });
  private readonly dataHeader = el('div', { class: 'data-header' });
  private readonly dataInfo = el('div', { class: 'data-info', id: 'data-info' });
  private readonly readOnlyBanner = el('div', { class: 'banner', id: 'read-only', role: 'note' });
  private readonly tableProblems = el('div', { class: 'problems', id: 'data-problems' });
  private readonly loading = el('div', { class: 'loading-state', id: 'data-loading' });
  private readonly grid: Grid;
  private readonly gridWrap = el('div', { class: 'grid-wrap' });
  private readonly statusLine = el('div', { class: 'status-line', id: 'grid-status', 'aria-live': 'polite' });
  private readonly issuesPanel = el('section', { class: 'issues', id: 'issues', 'aria-label': 'Invalid cells' });
  private readonly fitButton = button({ id: 'fit', label: 'Fit SAR model', appearance: 'primary', onClick: () => post({ type: 'fit' }) });
  private readonly compareButton = button({ id: 'compare', label: 'Compare models', appearance: 'secondary', title: 'Fit all eight models and compare them (SAR Studio: Compare models)', onClick: () => post({ type: 'compare' }) });
  private readonly summaryToggle = button({ id: 'toggle-summary', label: 'Summary', appearance: 'secondary', title: 'Show or hide the column summaries', onClick: () => this.toggleSummary() });
  // While a filter is on, changing its column or condition applies at once: the bar always says what the grid shows.
  private filterColumn = dropdown({ id: 'filter-column', label: 'Filter column', choices: [], value: '', onChange: () => this.reapplyFilter() });
  private readonly filterOp = dropdown({
    id: 'filter-op', label: 'Filter condition', value: 'contains',
    choices: FILTER_OPS.map((op) => ({ value: op, label: FILTER_LABELS[op] })),
    onChange: (v) => {
      this.filterValue.el.hidden = v === 'empty' || v === 'invalid';
      this.reapplyFilter();
    },
  });
  private readonly filterValue = textField({ id: 'filter-value', label: 'Filter value', value: '', placeholder: 'value', size: 12, onCommit: () => this.applyFilter() });
  private readonly filterApply = button({ id: 'filter-apply', label: 'Filter', appearance: 'secondary', onClick: () => this.applyFilter() });
  private readonly filterClear = button({ id: 'filter-clear', label: 'Show all rows', appearance: 'secondary', onClick: () => this.setView(this.sort, null) });
  private readonly viewInfo = el('span', { class: 'view-info', id: 'view-info', 'aria-live': 'polite' });
  private readonly charts = new ChartPanel({
    request: (kind, columns) => post({ type: 'chartData', gen: this.gen, kind, columns }),
    log: (message) => post({ type: 'log', level: 'error', message }),
  });

  constructor(private readonly mount: HTMLElement) {
    this.form = new ModelForm({
      setField: (field, value) => post({ type: 'setField', field, value }),
      setRole: (column, role) => post({ type: 'setRole', column, role }),
    });
    this.grid = new Grid({
      requestRows: (start, count) => {
        if (this.gen >= 0 && this.viewId >= 0) post({ type: 'requestRows', gen: this.gen, viewId: this.viewId, start, count });
      },
      editCell: (row, column, value) => post({ type: 'editCell', gen: this.gen, row, column, value }),
      setRole: (column, role) => post({ type: 'setRole', column, role }),
      setSort: (sort) => this.setView(sort, this.filter),
      filterColumn: (c) => {
        this.filterColumn.value = String(c);
        this.filterValue.focus();
      },
      setTransform: (column, transform) => post({ type: 'setTransform', column, transform }),
      chart: (kind, columns) => {
        this.charts.setColumns(this.table?.columns ?? [], (c) => this.grid.isNumeric(c));
        this.charts.open(kind, columns);
      },
      undo: (redo) => post({ type: redo ? 'redo' : 'undo' }),
      onSelection: () => {
        this.updateStatus();
        this.persist();
      },
      onScroll: () => this.persist(),
      notice: (m) => this.showNotice('info', m),
    });
    this.grid.roleChoices = (c) => this.roleChoices(c);
    this.grid.transformChoices = (c) => this.transformChoices(c);
    this.grid.setSummaryVisible(this.persisted.summary ?? true);
    this.build();
  }

  private build(): void {
    const top = el('header', { class: 'top' });
    const heading = el('div', { class: 'heading' });
    heading.append(this.titleEl, this.summaryLine);
    // Compare before Fit: the Tab order from "Fit" into the form stays as it was.
    top.append(heading, this.compareButton.el, this.fitButton.el);

    const filterBar = el('div', { class: 'filter-bar', role: 'search', 'aria-label': 'Filter rows' });
    filterBar.append(this.filterColumn.el, this.filterOp.el, this.filterValue.el, this.filterApply.el, this.filterClear.el, this.viewInfo);
    this.filterClear.el.hidden = true;

    this.dataHeader.append(this.dataInfo, filterBar, this.summaryToggle.el);
    this.gridWrap.append(this.grid.el);
    this.dataSection.append(this.dataHeader, this.readOnlyBanner, this.tableProblems, this.loading, this.charts.el, this.gridWrap, this.statusLine, this.issuesPanel);
    this.readOnlyBanner.hidden = true;
    this.loading.hidden = true;
    this.issuesPanel.hidden = true;
    // The form folds away (native <details>: keyboard and screen readers know it) to give the grid room.
    const details = el('details', { class: 'model-details', id: 'model-details' });
    details.open = this.persisted.formOpen ?? true;
    const summary = el('summary', { class: 'model-details-summary' }, 'Model and weights');
    details.append(summary, this.form.el);
    details.addEventListener('toggle', () => {
      this.formOpen = details.open;
      this.persist();
      this.grid.queueRender();
    });
    this.formOpen = details.open;
    this.root.append(top, this.notices, details, this.specProblems, this.dataSection);
    this.mount.replaceChildren(this.root);
  }

  receive(m: HostToEditor): void {
    // When each kind of message first arrived (ms since the webview started), for benchmarks.
    const key = `t${m.type[0].toUpperCase()}${m.type.slice(1)}`;
    if (!this.grid.el.dataset[key]) this.grid.el.dataset[key] = String(Math.round(performance.now()));
    switch (m.type) {
      case 'spec':
        this.onSpec(m);
        break;
      case 'table':
        this.onTable(m);
        break;
      case 'view':
        if (m.gen !== this.gen) return;
        this.onView(m.viewId, m.nrows, m.sort, m.filter);
        break;
      case 'rows':
        if (m.gen !== this.gen || m.viewId !== this.viewId) return;
        this.grid.addPage(m.start, m.rows, m.fileRows, m.invalid);
        if (!this.restored) this.restore();
        this.updateStatus();
        break;
      case 'stats':
        if (m.gen !== this.gen) return;
        this.grid.setStats(m.stats, m.done, m.rows, m.filtered);
        this.updateStatus();
        break;
      case 'chartData':
        if (m.gen !== this.gen) return;
        this.charts.show(m);
        break;
      case 'issues':
        if (m.gen !== this.gen) return;
        this.issues = m;
        this.renderIssues();
        break;
      case 'located':
        if (m.gen !== this.gen || m.viewId !== this.viewId) return;
        if (m.viewIndex < 0) {
          this.showNotice('info', `Row ${formatCount(m.row + 1)} is hidden by the filter; showing all rows.`);
          this.setView(this.sort, null);
          return;
        }
        this.grid.moveTo(m.viewIndex, m.column);
        this.grid.focus();
        break;
      case 'notice':
        this.showNotice(m.level, m.message);
        break;
    }
  }

  // ── Spec ─────────────────────────────────────────────────────────────────

  private onSpec(m: SpecMessage): void {
    this.spec = m;
    const f = m.form;
    this.root.dataset.file = m.fileName;
    this.titleEl.textContent = f.title ? f.title : m.fileName;
    this.titleEl.title = m.fileName;
    const span = (id: string, text: string) => el('span', { id, class: 'token' }, text);
    this.summaryLine.replaceChildren(
      span('model-type', f.model), document.createTextNode(' model of '),
      span('dependent', f.dependent ?? '—'), document.createTextNode(' on '),
      span('regressors', f.independent.length ? f.independent.join(', ') : '—'),
      document.createTextNode(' · weights '), span('weights-type', f.weights.type ?? '—'),
      document.createTextNode(' · '), span('spec-file', m.fileName),
    );
    this.fitButton.disabled = !m.trusted;
    this.compareButton.disabled = !m.trusted;
    this.fitButton.el.title = m.trusted ? 'Fit the model (SAR Studio: Fit SAR model)' : 'Restricted mode: fits are off in an untrusted workspace';
    this.form.update(f, this.table?.columns ?? [], m.problems, m.readOnly);
    this.renderSpecProblems();
    this.updateRoles();
    this.renderBanner();
  }

  private renderSpecProblems(): void {
    const spec = this.spec;
    if (!spec) return;
    const items: HTMLElement[] = [];
    if (!spec.trusted) items.push(el('div', { class: 'banner restricted', id: 'restricted' }, 'Restricted mode: this workspace is not trusted, so the spec and its data are read-only here and nothing is fitted. Trust the workspace to edit and fit.'));
    if (spec.form.syntaxError) items.push(this.problemItem({ severity: 'error', message: `${spec.form.syntaxError} The form is read-only until the text is fixed.`, where: 'spec', fileName: spec.fileName }));
    // Problems shown next to a form field are listed here too, so each can be opened in the text.
    for (const p of spec.problems) items.push(this.problemItem(p));
    this.specProblems.replaceChildren(...items);
    this.specProblems.hidden = items.length === 0;
  }

  private problemItem(p: EditorProblem): HTMLElement {
    const item = el('div', { class: `problem ${p.severity}` });
    const icon = el('span', { class: 'problem-icon', 'aria-hidden': 'true' }, p.severity === 'error' ? '✕' : p.severity === 'warning' ? '!' : 'i');
    item.append(icon);
    const where = p.line !== undefined ? `${p.fileName}:${p.line}:${p.column ?? 1}` : p.fileName;
    const canOpen = p.where !== 'other' && !(p.where === 'data' && this.table?.via === 'filesystem');
    if (canOpen) {
      const link = el('button', { class: 'link', type: 'button', title: `Open ${where} in the text editor` }, where);
      link.addEventListener('click', () => post({ type: 'openText', target: p.where === 'data' ? 'data' : 'spec', line: p.line ?? null, column: p.column ?? null }));
      item.append(link);
    } else {
      item.append(el('span', { class: 'where' }, where));
    }
    item.append(el('span', { class: 'message' }, p.message));
    return item;
  }

  private roleChoices(c: number): RoleChoice[] {
    const f = this.spec?.form;
    const col = this.table?.columns[c] ?? '';
    if (!f) return [];
    const t = f.weights.type;
    const coords = t === 'knn' || t === 'distance';
    const ids = t !== undefined || f.geometryIdColumn !== undefined;
    const isY = f.dependent !== undefined && termColumnName(f.dependent, this.table?.columns) === col;
    const isCoord = coords && f.weights.coordinates.includes(col);
    const ro = this.spec?.readOnly ? 'The spec is read-only' : undefined;
    return [
      { role: 'dependent', label: 'Dependent (Y)', disabledReason: ro },
      { role: 'regressor', label: 'Regressor (X)', disabledReason: ro ?? (isY ? 'It is the dependent: choose another dependent first' : undefined) },
      { role: 'coordX', label: 'x coordinate', disabledReason: ro ?? (coords ? undefined : `Only for kNN or distance weights (now ${t ?? 'none'})`) },
      { role: 'coordY', label: 'y coordinate', disabledReason: ro ?? (coords ? undefined : `Only for kNN or distance weights (now ${t ?? 'none'})`) },
      { role: 'id', label: 'ID column', disabledReason: ro ?? (ids ? undefined : 'Set the weights first') },
      { role: 'none', label: 'No role', disabledReason: ro ?? (isY ? 'The model needs a dependent: choose another one instead' : isCoord ? 'The weights need it: choose another coordinate instead' : undefined) },
    ];
  }

  /** The header menu's "In the model as" items: where the column is (or would be) a term, its transforms. */
  private transformChoices(c: number): TransformChoice[] {
    const f = this.spec?.form;
    const cols = this.table?.columns ?? [];
    const col = cols[c];
    if (!f || col === undefined || !this.grid.isNumeric(c)) return [];
    const terms = [...(f.dependent !== undefined ? [f.dependent] : []), ...f.independent].filter((t) => termColumnName(t, cols) === col);
    const used = new Set(terms.map((t) => parseTerm(t, cols).transform ?? 'none'));
    const ro = this.spec?.readOnly ? 'The spec is read-only' : undefined;
    return TERM_TRANSFORMS.map((t) => ({
      transform: t,
      label: t === 'scale' ? `${termText(col, t)} (standardised)` : termText(col, t),
      current: terms.length > 0 && used.has(t),
      disabledReason: ro,
    }));
  }

  private updateRoles(): void {
    const f = this.spec?.form;
    const cols = this.table?.columns ?? [];
    this.grid.setRoles(cols.map((c) => (f ? columnRoles(f, c, cols) : ([] as ColumnRole[]))));
  }

  // ── Table and view ───────────────────────────────────────────────────────

  private onTable(m: TableMessage): void {
    const sameRows = this.table?.status === 'ready' && m.status === 'ready' && this.table.nrows === m.nrows && this.table.columns.join('\u0001') === m.columns.join('\u0001');
    this.table = m;
    this.gen = m.gen;
    this.grid.readOnlyReason = m.readOnlyReason;
    this.grid.setColumns(m.columns, m.readOnly);
    if (!sameRows) this.issues = undefined;
    this.updateRoles();
    if (this.spec) this.form.update(this.spec.form, m.columns, this.spec.problems, this.spec.readOnly);
    const choices: Choice[] = m.columns.map((c, i) => ({ value: String(i), label: c }));
    const prev = this.filterColumn.value;
    this.filterColumn.setChoices(choices, choices.some((c) => c.value === prev) ? prev : '0');

    const size = m.sizeBytes !== undefined ? ` · ${(m.sizeBytes / 1e6).toFixed(m.sizeBytes < 1e6 ? 2 : 0)} MB` : '';
    const via = m.via === 'filesystem' ? ' · read-only' : '';
    if (m.loadMs !== undefined) this.dataInfo.dataset.loadMs = String(m.loadMs);
    this.dataInfo.title = m.loadMs !== undefined ? `Read in ${m.loadMs} ms${m.via === 'filesystem' ? ' through the file system' : ' as a text document'}` : '';
    this.dataInfo.replaceChildren(
      el('span', { class: 'data-file', id: 'data-file' }, m.file ?? '(no data file)'),
      el('span', { class: 'data-dims', id: 'data-dims' }, m.status === 'ready' ? `${plural(m.nrows, 'row')} × ${plural(m.columns.length, 'column')}${size}${via}` : ''),
    );
    this.loading.hidden = m.status !== 'loading' && m.status !== 'error' && m.status !== 'none';
    if (m.status === 'loading') this.loading.replaceChildren(progressRing('Reading the data'), el('span', {}, `Reading ${m.file ?? 'the data'}…`));
    else if (m.status === 'error') this.loading.replaceChildren(el('span', { class: 'error-text', id: 'data-error' }, m.error ?? 'The data cannot be shown.'));
    else if (m.status === 'none') this.loading.replaceChildren(el('span', {}, m.error ?? 'No data file.'));
    this.gridWrap.hidden = m.status !== 'ready';
    this.dataHeader.hidden = false;
    this.tableProblems.replaceChildren(...m.problems.map((p) => this.problemItem(p)));
    this.tableProblems.hidden = m.problems.length === 0;
    this.renderBanner();
    if (m.status !== 'ready') {
      this.grid.setView(0, null, false, false);
      this.renderIssues();
    }
  }

  private renderBanner(): void {
    const m = this.table;
    const show = !!m && m.status === 'ready' && m.readOnly && !!m.readOnlyReason;
    this.readOnlyBanner.hidden = !show;
    if (show) this.readOnlyBanner.textContent = `Read-only: ${m.readOnlyReason}`;
  }

  private onView(viewId: number, nrows: number, sort: SortSpec | null, filter: FilterSpec | null): void {
    // Same ordering, new generation (e.g. after an edit): keep showing the old rows until new ones arrive.
    const sameOrder = JSON.stringify(sort) === JSON.stringify(this.sort) && JSON.stringify(filter) === JSON.stringify(this.filter) && nrows === this.viewRows;
    this.viewId = viewId;
    this.viewRows = nrows;
    this.sort = sort;
    this.filter = filter;
    this.grid.setView(nrows, sort, !!filter, sameOrder);
    const total = this.table?.nrows ?? nrows;
    this.filterClear.el.hidden = !filter;
    // The bar shows the filter the grid applies (none: cleared, ready for a new one).
    if (filter) {
      this.filterColumn.value = String(filter.column);
      this.filterOp.value = filter.op;
      this.filterValue.value = filter.value;
    } else {
      this.filterOp.value = 'contains';
      this.filterValue.value = '';
    }
    this.filterValue.el.hidden = this.filterOp.value === 'empty' || this.filterOp.value === 'invalid';
    const sorted = sort ? `sorted by ${this.table?.columns[sort.column] ?? ''} (${sort.dir === 'asc' ? 'ascending' : 'descending'}); the file keeps its order` : '';
    const shown = filter ? `${formatCount(nrows)} of ${formatCount(total)} rows${this.grid.summaryShown ? ' (summaries of these rows)' : ''}` : '';
    this.viewInfo.textContent = [shown, sorted].filter(Boolean).join(' · ');
    if (!sameOrder) this.charts.refresh();
    this.updateStatus();
  }

  private setView(sort: SortSpec | null, filter: FilterSpec | null): void {
    post({ type: 'setView', gen: this.gen, sort, filter });
  }

  /** A filter is on and its column or condition changed: apply the bar as it is now. */
  private reapplyFilter(): void {
    if (this.filter) this.applyFilter();
  }

  private applyFilter(): void {
    const column = Number(this.filterColumn.value);
    const op = this.filterOp.value as FilterOp;
    if (!Number.isInteger(column) || column < 0) return;
    this.setView(this.sort, { column, op, value: op === 'empty' || op === 'invalid' ? '' : this.filterValue.value });
  }

  private toggleSummary(): void {
    this.grid.setSummaryVisible(!this.grid.summaryShown);
    this.persist();
  }

  // ── Issues, status, notices ──────────────────────────────────────────────

  private renderIssues(): void {
    const m = this.issues;
    const ready = this.table?.status === 'ready';
    if (!m || !ready || m.total === 0) {
      this.issuesPanel.hidden = !(m && ready && m.columns.length > 0);
      this.issuesPanel.replaceChildren(el('p', { class: 'ok', id: 'issues-ok' }, m && m.columns.length ? `Every cell of the model columns (${m.columns.join(', ')}) is a number.` : ''));
      return;
    }
    this.issuesPanel.hidden = false;
    const title = el('h2', { id: 'issues-title' }, `${plural(m.total, 'invalid cell')} in the model columns`);
    const note = el('p', { class: 'note' }, `A fit needs a number in every row of ${m.columns.join(', ')}. ${m.total > m.items.length ? `The first ${formatCount(m.items.length)} are listed. ` : ''}Click one to go to it.`);
    const list = el('ul', { class: 'issue-list', id: 'issue-list' });
    for (const it of m.items) {
      const li = el('li');
      const b = el('button', { class: 'issue', type: 'button', 'data-row': String(it.row), 'data-column': String(it.column) });
      b.append(el('span', { class: 'issue-where' }, `row ${formatCount(it.row + 1)}, ${this.table?.columns[it.column] ?? ''}`), el('span', { class: 'issue-why' }, it.reason));
      b.addEventListener('click', () => post({ type: 'locateRow', gen: this.gen, row: it.row, column: it.column }));
      li.append(b);
      list.append(li);
    }
    this.issuesPanel.replaceChildren(title, note, list);
  }

  private updateStatus(): void {
    const t = this.table;
    if (!t || t.status !== 'ready') {
      this.statusLine.textContent = '';
      return;
    }
    const { r, c } = this.grid.active;
    const name = t.columns[c] ?? '';
    const parts: string[] = [];
    if (r < 0) parts.push(`Column ${name} (header): Enter opens its menu`);
    else {
      const fileRow = this.grid.fileRowOf(r);
      const v = this.grid.cellValue(r, c);
      parts.push(`Row ${fileRow !== undefined ? formatCount(fileRow + 1) : '…'}, ${name}: ${v === undefined ? '…' : v === '' ? '(empty)' : v}`);
      const [r0, r1, c0, c1] = this.grid.selectionBox();
      if (r1 > r0 || c1 > c0) parts.push(`${formatCount((r1 - r0 + 1) * (c1 - c0 + 1))} cells selected (Ctrl+C copies)`);
    }
    this.statusLine.replaceChildren(el('span', {}, parts.join(' · ')));
    const stats = this.statsFor(c);
    if (stats) this.statusLine.append(el('span', { class: 'col-stats', id: 'column-stats' }, stats));
  }

  private statsFor(c: number): string | undefined {
    const s = this.grid.columnStats(c);
    if (!s) return undefined;
    return `${this.table?.columns[c]}: count ${formatCount(s.count)} · missing ${formatCount(s.missing)}${s.text ? ` · text ${formatCount(s.text)}` : ''} · mean ${formatStat(s.mean)} · sd ${formatStat(s.sd)} · min ${formatStat(s.min)} · max ${formatStat(s.max)}`;
  }

  private noticeTimer?: ReturnType<typeof setTimeout>;
  private showNotice(level: 'info' | 'warning' | 'error', message: string): void {
    const n = el('div', { class: `notice ${level}`, role: level === 'error' ? 'alert' : 'status' }, message);
    this.notices.replaceChildren(n);
    clearTimeout(this.noticeTimer);
    this.noticeTimer = setTimeout(() => n.remove(), 10_000);
  }

  // ── Persistence ──────────────────────────────────────────────────────────

  private persistTimer?: ReturnType<typeof setTimeout>;
  private persist(): void {
    clearTimeout(this.persistTimer);
    this.persistTimer = setTimeout(() => {
      const s = this.grid.scroll;
      api.setState({ scrollTop: s.top, scrollLeft: s.left, active: this.grid.active, summary: this.grid.summaryShown, formOpen: this.formOpen });
    }, 200);
  }

  private restore(): void {
    this.restored = true;
    const p = this.persisted;
    if (p.scrollTop || p.scrollLeft) this.grid.restoreScroll(p.scrollTop ?? 0, p.scrollLeft ?? 0);
    if (p.active && p.active.r < this.viewRows) {
      this.grid.active = { ...p.active };
      this.grid.invalidate();
    }
  }
}

const mount = document.getElementById('app');
if (mount) {
  const app = new EditorApp(mount);
  // Coming back to the editor (e.g. after Ctrl+Z undid a cell in the data file's tab): back to the grid if it had focus.
  let gridHadFocus = false;
  document.addEventListener('focusin', (e) => {
    gridHadFocus = (e.target as HTMLElement | null)?.id === 'grid';
  });
  window.addEventListener('focus', () => {
    if (gridHadFocus && (document.activeElement === document.body || !document.activeElement)) document.getElementById('grid')?.focus({ preventScroll: true });
  });
  window.addEventListener('message', (e: MessageEvent<unknown>) => {
    if (isHostToEditorMessage(e.data)) app.receive(e.data);
  });
  post({ type: 'ready', version: PROTOCOL_VERSION });
}
