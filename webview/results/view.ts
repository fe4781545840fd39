/// <reference path="./vega-lite.d.ts" />
/**
 * The results panel's page: builds the DOM for a `show` message (tables, explanations, charts,
 * map, warnings), wires copy / export / reveal to the host, hover cards on coefficients, the
 * shared observation highlight, theme and size changes, and the persisted view state.
 */
import type { ExportFormat, ShowResultsMessage, StatusMessage } from '../../src/protocol';
import type { FitResult } from '../../src/core/result';
import { formatNumber } from '../../src/core/report/format';
import { post, loadState, saveState, type ViewState } from './api';
import { button, h, uid } from './dom';
import { cellTableElement } from './cellTable';
import { safeFileName } from './files';
import {
  coefficientTable,
  confidenceTable,
  diagnosticsTables,
  formulaText,
  impactsTable,
  lmTestsTable,
  moranTable,
  MODEL_TITLES,
  residualTable,
  residualTestsHeading,
  seLabel,
  statisticsTable,
  type CellTable,
} from '../../src/core/export/tables';
import { tableMarkdown, toMarkdown } from '../../src/core/export/markdown';
import { observationsCsv, tableTsv } from '../../src/core/export/csv';
import { coefficientReading, hasSpillovers, impactsReading } from '../../src/core/report/explain';
import { coefficientHover, FITTED_NOTE, HISTOGRAM_NOTE, mapQuantityNote, moranNote, TESTS_NOTE } from './explain';
import { fittedSpec, fmt, histogramSpec, mapQuantities, mapSpec, moranSpec, type MapQuantity } from './charts';
import { mapStyleControls } from './mapControls';
import { readTheme, vegaConfig } from './theme';
import { renderChart, type Chart } from './vegaView';
import type { TopLevelSpec } from 'vega-lite';

interface ChartSlot {
  key: string;
  title: string;
  container: HTMLElement;
  build(width: number): TopLevelSpec | undefined;
  chart?: Chart;
}

export class ResultsView {
  private msg?: ShowResultsMessage;
  private state: ViewState = loadState();
  private charts: ChartSlot[] = [];
  private highlighted: number | null = null;
  private renderToken = 0;
  private lastWidth = 0;
  private readonly tooltip: HTMLElement;
  private selectionBar?: HTMLElement;
  private statusBar?: HTMLElement;
  private status?: StatusMessage;

  constructor(private readonly root: HTMLElement) {
    this.tooltip = h('div', { id: 'sar-tooltip', class: 'sar-tooltip', role: 'tooltip', hidden: true });
    document.body.appendChild(this.tooltip);
    // Re-draw charts when the theme (body class) changes or the panel is resized.
    // (VS Code sets the theme's variables on <html style> and its kind as a class on <body>.)
    const themeObserver = new MutationObserver(() => this.scheduleCharts(true));
    themeObserver.observe(document.body, { attributes: true, attributeFilter: ['class', 'data-vscode-theme-kind'] });
    themeObserver.observe(document.documentElement, { attributes: true, attributeFilter: ['style', 'class'] });
    new ResizeObserver(() => {
      const w = this.root.clientWidth;
      if (Math.abs(w - this.lastWidth) > 24) this.scheduleCharts(false);
    }).observe(this.root);
    let scrollTimer: number | undefined;
    window.addEventListener('scroll', () => {
      window.clearTimeout(scrollTimer);
      scrollTimer = window.setTimeout(() => this.persist({ scrollY: Math.round(window.scrollY) }), 200);
    });
    document.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') this.hideTooltip();
    });
  }

  // ---------------------------------------------------------------------------------------------
  // Messages

  show(msg: ShowResultsMessage): void {
    this.msg = msg;
    // A result arrived: the fit it came from is over, so no "Fitting…" banner above it.
    this.status = undefined;
    const sameSpec = this.state.title === msg.title;
    if (!sameSpec) this.state = { v: 1, title: msg.title };
    const r = msg.result;
    this.highlighted = sameSpec && typeof this.state.highlighted === 'number' && this.state.highlighted < r.n ? this.state.highlighted : null;
    this.persist({});
    this.render();
    if (sameSpec && this.state.scrollY) window.scrollTo(0, this.state.scrollY);
  }

  setStatus(s: StatusMessage): void {
    this.status = s;
    this.renderStatus();
  }

  // ---------------------------------------------------------------------------------------------
  // Page

  private persist(patch: Partial<ViewState>): void {
    this.state = { ...this.state, ...patch, v: 1 };
    saveState(this.state);
  }

  private render(): void {
    const msg = this.msg;
    if (!msg) return;
    const r = msg.result;
    for (const c of this.charts) c.chart?.finalize();
    this.charts = [];
    this.hideTooltip();

    const sections: HTMLElement[] = [];
    const nav: [string, string][] = [];
    const section = (id: string, heading: string, ...children: (Node | null | undefined | false)[]) => {
      const hid = `${id}-heading`;
      const s = h('section', { id, class: 'sar-section', 'aria-labelledby': hid }, h('h2', { id: hid }, heading), ...children);
      sections.push(s);
      nav.push([id, heading]);
      return s;
    };

    // Tables 1–3
    const t1 = coefficientTable(r);
    const ci = confidenceTable(r);
    section('sec-coefficients', 'Coefficients', this.tableBlock(t1, true), h('p', { class: `sar-explain${hasSpillovers(r) ? ' sar-key' : ''}` }, coefficientReading(r)));
    if (ci) section('sec-confint', 'Confidence intervals', this.tableBlock(ci));
    section('sec-residuals', 'Residuals', this.tableBlock(residualTable(r)));
    section('sec-statistics', 'Model statistics', this.tableBlock(statisticsTable(r)));

    // Tests on the OLS residuals: the first step of the analysis, so near the top (not after the charts).
    const tm = moranTable(r);
    const tl = lmTestsTable(r);
    if (tm || tl) section('sec-tests', residualTestsHeading(r), tm && this.tableBlock(tm), tl && this.tableBlock(tl), h('p', { class: 'sar-explain' }, TESTS_NOTE));

    // Regression diagnostics (multicollinearity, normality, heteroskedasticity, Koley–Bera, BP of the model), as the text report.
    const diag = diagnosticsTables(r);
    if (diag.length) section('sec-diagnostics', 'Regression diagnostics', ...diag.map((t) => this.tableBlock(t)));

    // Impacts
    const ti = impactsTable(r);
    if (ti) {
      const expl = impactsReading(r);
      section('sec-impacts', 'Impacts: the marginal effects', this.tableBlock(ti), h('div', { class: 'sar-explain sar-key' }, ...expl.map((l) => h('p', {}, l))));
    }

    // Map
    const quantities = mapQuantities(r, msg.laggedResiduals);
    if (msg.map) sections.push(this.mapSection(r, msg, quantities, nav));
    else section('sec-map', 'Map', h('p', { class: 'sar-explain' }, 'No map: the spec names no geometry. Add "geometry": {"path": "….geojson", "idProperty": "…", "idColumn": "…"} to the spec (or use kNN / distance weights on coordinates) and fit again.'));

    // Charts
    sections.push(this.chartsSection(r, msg, nav));

    // Warnings
    if (r.warnings.length) {
      section('sec-warnings', `Warnings (${r.warnings.length})`, h('ul', { class: 'sar-warnings' }, ...r.warnings.map((w) => h('li', { class: `sar-${w.severity}` }, h('span', { class: 'sar-severity' }, w.severity === 'error' ? 'Error' : w.severity === 'warning' ? 'Warning' : 'Note'), ' ', w.message))));
    }

    const header = this.header(r, msg, nav);
    this.selectionBar = h('div', { class: 'sar-selection', role: 'status', 'aria-live': 'polite', hidden: true });
    this.root.replaceChildren(header, this.selectionBar, ...sections);
    // Stable markers for end-to-end tests: the page shows a result; body[data-charts-ready] once charts are drawn.
    this.root.dataset.sarResults = r.model;
    this.renderStatus();
    this.renderSelection();
    this.scheduleCharts(true);
  }

  private header(r: FitResult, msg: ShowResultsMessage, nav: [string, string][]): HTMLElement {
    const w = r.weightsSummary;
    const meta2: string[] = [];
    if (w) meta2.push(`Weights: ${w.type}, style ${w.style}, ${w.nLinks} links, ${formatNumber(w.averageNeighbours, 4)} neighbours on average${w.islands.length ? `, ${w.islands.length} without neighbours` : ''}${w.components > 1 ? `, ${w.components} connected components` : ''}`);
    if (r.model !== 'ols') meta2.push(`Log-determinant: ${r.logdet}${r.logdetExact ? ' (exact)' : ' (approximation)'}`, `Standard errors: ${seLabel(r)}`);
    meta2.push(`${r.n} observations`, `fitted in ${formatNumber(r.timings.totalMs, 3)} ms`);
    const stem = msg.specName || 'results';
    const toolbar = h('div', { class: 'sar-toolbar', role: 'toolbar', 'aria-label': 'Results actions' },
      button('Fit again', () => post({ type: 'refit' }), { secondary: false, aria: 'Fit the model again' }),
      button('Compare models', () => post({ type: 'compare' }), { aria: 'Fit all eight models of the family and compare them' }),
      button('Copy report', () => post({ type: 'copy', format: 'markdown', what: 'the report', text: toMarkdown(r, { title: msg.title }) }), { aria: 'Copy all tables as Markdown' }),
      button('Export Markdown…', () => this.export('markdown', safeFileName(`${stem}-results`, '.md'), toMarkdown(r, { title: msg.title })), { aria: 'Save all tables as a Markdown file' }),
      button('Export CSV…', () => this.export('csv', safeFileName(`${stem}-observations`, '.csv'), observationsCsv(r, msg.laggedResiduals)), { aria: 'Save per-observation values (observed, fitted, residuals, local effects) as CSV' }),
      button('Add to data…', () => post({ type: 'addColumns' }), { aria: 'Add the fitted values, residuals or local spillovers to the data as columns' }),
    );
    this.statusBar = h('div', { class: 'sar-status', role: 'status', 'aria-live': 'polite', hidden: true });
    return h('header', { class: 'sar-header' },
      h('h1', {}, msg.title),
      h('p', { class: 'sar-meta' }, `${MODEL_TITLES[r.model]} · `, h('code', {}, formulaText(r))),
      h('p', { class: 'sar-meta' }, meta2.join(' · ')),
      toolbar,
      this.statusBar,
      h('nav', { class: 'sar-nav', 'aria-label': 'Sections' }, ...nav.map(([id, label]) => h('a', { href: `#${id}` }, label))),
    );
  }

  private renderStatus(): void {
    const bar = this.statusBar;
    if (!bar) return;
    const s = this.status;
    if (!s || s.state === 'idle') {
      bar.hidden = true;
      bar.textContent = '';
      return;
    }
    bar.hidden = false;
    bar.className = `sar-status sar-status-${s.state}`;
    bar.textContent = s.state === 'fitting'
      ? `Fitting…${s.text ? ` ${s.text}.` : ''} The results below are from the previous fit.`
      : `The last fit failed${s.text ? `: ${s.text}` : ''}. The results below are from the previous fit.`;
  }

  // ---------------------------------------------------------------------------------------------
  // Tables

  private tableBlock(t: CellTable, coefficientHovers = false): HTMLElement {
    const headingId = uid(`t-${t.id}`);
    const table = cellTableElement(t, {
      labelledBy: headingId,
      decorate: (tr, row) => {
        if (coefficientHovers && row.term) this.wireCoefficientRow(tr, row.term);
      },
    });
    const actions = h('div', { class: 'sar-actions' },
      button('Copy', () => post({ type: 'copy', format: 'tsv', what: t.title, text: tableTsv(t) }), { aria: `Copy ${t.title} as tab-separated values` }),
      button('Copy Markdown', () => post({ type: 'copy', format: 'markdown', what: t.title, text: tableMarkdown(t) }), { aria: `Copy ${t.title} as Markdown` }),
    );
    return h('div', { class: 'sar-table-block' },
      h('div', { class: 'sar-block-head' }, h('h3', { id: headingId }, t.title), actions),
      this.tableScroll(table, t.title),
      t.notes.length ? h('p', { class: 'sar-notes' }, ...t.notes.flatMap((n, k) => (k ? [h('br'), n] : [n]))) : null,
    );
  }

  /**
   * A table's sideways scroller. Narrower than its table (half width), it shows an edge shadow
   * and a scrollbar (Chromium may draw overlay scrollbars that only appear while scrolling), and
   * takes focus so the keyboard scrolls it.
   */
  private tableScroll(table: HTMLElement, title: string): HTMLElement {
    const scroll = h('div', { class: 'sar-table-scroll', role: 'region', 'aria-label': title, tabindex: 0 }, table);
    this.overflowObserver.observe(scroll);
    return scroll;
  }

  private readonly overflowObserver = new ResizeObserver((entries) => {
    for (const e of entries) {
      const el = e.target as HTMLElement;
      el.classList.toggle('sar-overflows', el.scrollWidth > el.clientWidth + 1);
    }
  });

  private wireCoefficientRow(tr: HTMLTableRowElement, term: string): void {
    const r = this.msg?.result;
    if (!r) return;
    const head = tr.querySelector('th');
    if (head) {
      head.tabIndex = 0;
      head.setAttribute('aria-describedby', 'sar-tooltip');
      head.classList.add('sar-hoverable');
    }
    const show = (anchor: HTMLElement) => {
      const card = coefficientHover(r, term);
      if (!card) return;
      this.tooltip.replaceChildren(h('strong', {}, card.heading), ...card.lines.map((l) => h('div', {}, l)));
      // Under the table, so the card covers none of its other rows.
      const table = anchor.closest('table') ?? anchor;
      const row = anchor.getBoundingClientRect();
      this.placeTooltip({ left: row.left, right: row.right, top: row.top, bottom: table.getBoundingClientRect().bottom });
      tr.classList.add('sar-hovered');
    };
    const hide = () => {
      tr.classList.remove('sar-hovered');
      this.hideTooltip();
    };
    tr.addEventListener('mouseenter', () => show(tr));
    tr.addEventListener('mouseleave', hide);
    head?.addEventListener('focus', () => show(tr));
    head?.addEventListener('blur', hide);
  }

  private placeTooltip(anchor: { left: number; right: number; top: number; bottom: number }, atPointer = false): void {
    const tip = this.tooltip;
    tip.hidden = false;
    const vw = document.documentElement.clientWidth;
    const tw = Math.min(tip.offsetWidth, vw - 16);
    let left = atPointer ? anchor.left + 14 : anchor.left + 24;
    if (left + tw > vw - 8) left = Math.max(8, (atPointer ? anchor.left - 14 : vw - 8) - tw);
    let top = (atPointer ? anchor.top + 16 : anchor.bottom + 4) + window.scrollY;
    if (atPointer && anchor.top + 16 + tip.offsetHeight > window.innerHeight) top = anchor.top - tip.offsetHeight - 8 + window.scrollY;
    // CSSOM writes, allowed under the style-src CSP (no inline style attributes).
    tip.style.left = `${Math.round(left + window.scrollX)}px`;
    tip.style.top = `${Math.round(top)}px`;
  }

  private hideTooltip(): void {
    this.tooltip.hidden = true;
  }

  // ---------------------------------------------------------------------------------------------
  // Map and charts

  private chartActions(slot: () => ChartSlot | undefined, label: string): HTMLElement {
    const stem = this.msg?.specName || 'results';
    const save = async (format: 'png' | 'svg') => {
      const s = slot();
      if (!s?.chart) return;
      try {
        const data = format === 'png' ? await s.chart.png(2) : await s.chart.svg();
        this.export(format, safeFileName(`${stem}-${s.key}`, `.${format}`), data);
      } catch (e) {
        post({ type: 'log', level: 'error', message: `export of ${s.key} as ${format} failed: ${String(e)}` });
      }
    };
    return h('div', { class: 'sar-actions' },
      button('PNG', () => void save('png'), { aria: `Save ${label} as PNG` }),
      button('SVG', () => void save('svg'), { aria: `Save ${label} as SVG` }),
    );
  }

  private mapSection(r: FitResult, msg: ShowResultsMessage, quantities: MapQuantity[], nav: [string, string][]): HTMLElement {
    const map = msg.map!;
    const defaultKey = quantities.find((q) => q.key.startsWith('indirect:'))?.key ?? 'residual';
    let current = quantities.find((q) => q.key === this.state.mapKey) ?? quantities.find((q) => q.key === defaultKey) ?? quantities[0];
    const selectId = uid('map-quantity');
    const select = h('select', { id: selectId, class: 'sar-select' },
      ...quantities.map((q) => h('option', { value: q.key, selected: q.key === current.key }, q.label)));
    const note = h('p', { class: 'sar-explain' }, mapQuantityNote(r, current.key));
    const container = h('div', { class: 'sar-chart sar-map' });
    const valuesBox = h('details', { class: 'sar-values' }, h('summary', {}, 'Values by observation'));
    const id = 'sec-map';
    const heading = h('h2', { id: `${id}-heading` }, `Map: ${current.label}`);
    const caption = {
      model: `${MODEL_TITLES[r.model]}: ${formulaText(r)}`,
      source: `Data: ${msg.title}; geometry: ${map.kind}${map.source ? ` from ${map.source}` : ''}`,
    };
    const style = mapStyleControls(() => current.values, this.state.mapStyle, (s) => {
      this.persist({ mapStyle: s });
      void this.drawChart(slot, this.renderToken);
    });
    const slot: ChartSlot = {
      key: 'map',
      title: 'Map',
      container,
      build: (width) => mapSpec(map, current, r, readTheme(), width, style.value(), caption),
    };
    this.charts.push(slot);
    const fillValues = () => {
      if (!valuesBox.open) return;
      valuesBox.replaceChildren(valuesBox.firstChild as Node, this.valuesTable(r, current));
    };
    valuesBox.addEventListener('toggle', fillValues);
    select.addEventListener('change', () => {
      current = quantities.find((q) => q.key === select.value) ?? current;
      note.textContent = mapQuantityNote(r, current.key);
      heading.textContent = `Map: ${current.label}`;
      this.persist({ mapKey: current.key });
      fillValues();
      style.reset(); // redraws
    });
    nav.push([id, hasSpillovers(r) ? 'Spillover map' : 'Map']);
    const what = map.kind === 'polygons' ? 'area' : 'point';
    const source = ` Geometry: ${map.kind === 'polygons' ? 'polygons' : 'points'}${map.source ? ` from ${map.source}` : ''}, ${map.coordinates === 'lonlat' ? 'longitude/latitude (Mercator)' : 'planar coordinates'}.`;
    return h('section', { id, class: 'sar-section', 'aria-labelledby': `${id}-heading` },
      heading,
      h('div', { class: 'sar-block-head' },
        h('label', { for: selectId, class: 'sar-label' }, 'Colour by ', select),
        this.chartActions(() => slot, 'the map'),
      ),
      style.element,
      container,
      note,
      h('p', { class: 'sar-hint' }, `Hover for values; click a${what === 'area' ? 'n' : ''} ${what} to select the observation in every chart (click again to clear).${source}`),
      valuesBox,
    );
  }

  private valuesTable(r: FitResult, q: MapQuantity): HTMLElement {
    const order = q.values.map((_, i) => i).sort((a, b) => (q.values[b] ?? -Infinity) - (q.values[a] ?? -Infinity));
    const limit = 2000;
    const table = h('table', { class: 'sar-table sar-values-table', 'aria-label': `${q.label} by observation, largest first` },
      h('thead', {}, h('tr', {}, h('th', { scope: 'col', class: 'sar-rowhead' }, 'Observation'), h('th', { scope: 'col', class: 'num' }, q.label))));
    const tbody = h('tbody');
    for (const i of order.slice(0, limit)) {
      const tr = h('tr', { tabindex: 0, class: 'sar-clickable', 'aria-label': `Select observation ${r.ids[i]}` }, h('th', { scope: 'row', class: 'sar-rowhead' }, r.ids[i] ?? String(i + 1)), h('td', { class: 'num' }, fmt(q.values[i])));
      tr.addEventListener('click', () => this.select(i, true));
      tr.addEventListener('keydown', (e) => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          this.select(i, true);
        }
      });
      tbody.append(tr);
    }
    table.append(tbody);
    return h('div', { class: 'sar-table-scroll sar-values-scroll' }, table, order.length > limit ? h('p', { class: 'sar-hint' }, `First ${limit} of ${order.length}; export the CSV for all.`) : null);
  }

  private chartsSection(r: FitResult, msg: ShowResultsMessage, nav: [string, string][]): HTMLElement {
    const cards: HTMLElement[] = [];
    const card = (key: string, title: string, note: string, build: (width: number) => TopLevelSpec | undefined) => {
      const container = h('div', { class: 'sar-chart' });
      const slot: ChartSlot = { key, title, container, build };
      this.charts.push(slot);
      cards.push(h('figure', { class: 'sar-card' },
        h('div', { class: 'sar-block-head' }, h('h3', {}, title), this.chartActions(() => slot, title)),
        container,
        h('figcaption', { class: 'sar-explain' }, note)));
    };
    const theme = () => readTheme();
    card('residuals-histogram', 'Residuals', HISTOGRAM_NOTE, (w) => histogramSpec(r, theme(), w));
    card('fitted-observed', 'Fitted vs observed', FITTED_NOTE, (w) => fittedSpec(r, theme(), w));
    const lagged = msg.laggedResiduals;
    if (lagged && lagged.length === r.n) card('moran-scatterplot', 'Moran scatterplot of the residuals', moranNote(msg.residualMoranI), (w) => moranSpec(r, lagged, theme(), w));
    else cards.push(h('figure', { class: 'sar-card' }, h('h3', {}, 'Moran scatterplot of the residuals'), h('p', { class: 'sar-explain' }, 'Not available: the spatial lag of the residuals was not computed for this fit.')));
    const id = 'sec-charts';
    nav.push([id, 'Charts']);
    return h('section', { id, class: 'sar-section', 'aria-labelledby': `${id}-heading` }, h('h2', { id: `${id}-heading` }, 'Residual charts'), h('div', { class: 'sar-cards' }, ...cards));
  }

  private chartTimer?: number;

  private scheduleCharts(now: boolean): void {
    window.clearTimeout(this.chartTimer);
    this.lastWidth = this.root.clientWidth;
    const token = ++this.renderToken;
    this.chartTimer = window.setTimeout(() => void this.drawCharts(token), now ? 0 : 150);
  }

  private async drawCharts(token: number): Promise<void> {
    this.lastWidth = this.root.clientWidth;
    for (const slot of this.charts) {
      if (token !== this.renderToken) return;
      await this.drawChart(slot, token);
    }
    document.body.dataset.chartsReady = String(token);
  }

  private async drawChart(slot: ChartSlot, token: number): Promise<void> {
    const width = Math.max(200, Math.floor(slot.container.clientWidth || this.root.clientWidth) - 4);
    try {
      const spec = slot.build(width);
      if (!spec) return;
      const holder = h('div', { class: 'sar-vega' });
      const chart = await renderChart(holder, spec, vegaConfig(readTheme()), {
        tooltip: (event, value) => this.chartTooltip(event, value),
        select: (obs) => this.select(obs, true),
      }, this.msg?.result.n ?? 0);
      if (token !== this.renderToken) {
        chart.finalize();
        return;
      }
      slot.chart?.finalize();
      slot.chart = chart;
      slot.container.replaceChildren(holder);
      if (this.highlighted !== null) chart.setHighlight(this.highlighted);
    } catch (e) {
      slot.container.replaceChildren(h('p', { class: 'sar-error' }, `This chart could not be drawn: ${e instanceof Error ? e.message : String(e)}`));
      post({ type: 'log', level: 'error', message: `chart ${slot.key}: ${e instanceof Error ? e.stack ?? e.message : String(e)}` });
    }
  }

  private chartTooltip(event: MouseEvent, value: Record<string, unknown> | null): void {
    if (!value) {
      this.tooltip.hidden = true;
      return;
    }
    this.tooltip.replaceChildren(...Object.entries(value).map(([k, v]) => h('div', {}, h('span', { class: 'sar-tip-key' }, `${k}: `), String(v))));
    this.placeTooltip({ left: event.clientX, right: event.clientX, top: event.clientY, bottom: event.clientY }, true);
  }

  // ---------------------------------------------------------------------------------------------
  // Selection

  private select(observation: number | null, fromUser: boolean): void {
    const r = this.msg?.result;
    if (!r) return;
    if (observation !== null && !(observation >= 0 && observation < r.n)) observation = null;
    if (fromUser && observation !== null && observation === this.highlighted) observation = null; // click again: clear
    this.highlighted = observation;
    this.persist({ highlighted: observation });
    for (const s of this.charts) s.chart?.setHighlight(observation);
    this.renderSelection();
  }

  private renderSelection(): void {
    const bar = this.selectionBar;
    const r = this.msg?.result;
    if (!bar || !r) return;
    const i = this.highlighted;
    if (i === null) {
      bar.hidden = true;
      bar.replaceChildren();
      return;
    }
    bar.hidden = false;
    const parts = [`observed ${fmt(r.observed[i])}`, `fitted ${fmt(r.fitted[i])}`, `residual ${fmt(r.residuals.values[i])}`];
    for (const s of r.localSpillover ?? []) parts.push(`spillover of ${s.name} ${fmt(s.indirect[i])}`);
    bar.replaceChildren(
      h('span', {}, h('strong', {}, `Observation ${r.ids[i] ?? i + 1}`), `: ${parts.join(', ')}`),
      button('Reveal in data', () => post({ type: 'reveal', observation: i }), { aria: `Show observation ${r.ids[i]} in the data file` }),
      button('Clear', () => this.select(null, false), { aria: 'Clear the selection' }),
    );
  }

  // ---------------------------------------------------------------------------------------------
  // Export

  private export(format: ExportFormat, suggestedName: string, data: string): void {
    post({ type: 'export', format, suggestedName, data });
  }

}

