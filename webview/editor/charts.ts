/// <reference path="../results/vega-lite.d.ts" />
/**
 * Data exploration in the spec editor: a histogram of a column, or a scatter of two, over the
 * rows the grid shows (its filter applies), drawn with vega-lite under the webview's CSP and
 * coloured by the same theme rules as the results panel (../results/theme.ts, ../results/vegaView.ts).
 * The numbers come from the host (`chartData`), which samples evenly above MAX_CHART_POINTS rows.
 */
import type { TopLevelSpec } from 'vega-lite';
import { MAX_CHART_POINTS, type ChartDataMessage, type ChartKind } from '../../src/protocol';
import { readTheme, vegaConfig, type ChartTheme } from '../results/theme';
import { renderChart, type Chart } from '../results/vegaView';
import { button, dropdown, type Choice, type DropdownControl } from '../ui';
import { el, formatCount, plural } from './format';

export interface ChartPanelCallbacks {
  /** Ask the host for the numbers of a chart. */
  request(kind: ChartKind, columns: number[]): void;
  log(message: string): void;
}

/** The vega-lite spec of a histogram of `values` (about 30 bins, vega-lite's "nice" breaks). */
export function histogramSpec(values: readonly number[], column: string, theme: ChartTheme, width: number, height = 220): TopLevelSpec {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    width, height,
    data: { values: values.map((x) => ({ x })) },
    mark: { type: 'bar', color: theme.accent, stroke: theme.bg, strokeWidth: 0.5 },
    encoding: {
      x: { field: 'x', type: 'quantitative', bin: { maxbins: 30 }, title: column, axis: { labelOverlap: true, labelFlush: true } },
      y: { aggregate: 'count', type: 'quantitative', title: 'rows' },
      tooltip: [{ field: 'x', bin: { maxbins: 30 }, type: 'quantitative', title: column }, { aggregate: 'count', type: 'quantitative', title: 'rows' }],
    },
  } as TopLevelSpec;
}

/** The vega-lite spec of a scatter of y against x (axes not forced through zero). */
export function scatterSpec(x: readonly number[], y: readonly number[], xName: string, yName: string, theme: ChartTheme, width: number, height = 260): TopLevelSpec {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    width, height,
    data: { values: x.map((v, i) => ({ x: v, y: y[i] })) },
    mark: { type: 'circle', color: theme.accent, opacity: x.length > 2000 ? 0.35 : 0.75, size: x.length > 2000 ? 12 : 36 },
    encoding: {
      x: { field: 'x', type: 'quantitative', title: xName, scale: { zero: false, nice: true }, axis: { labelOverlap: true, labelFlush: true } },
      y: { field: 'y', type: 'quantitative', title: yName, scale: { zero: false, nice: true }, axis: { labelOverlap: true } },
      tooltip: [{ field: 'x', type: 'quantitative', title: xName }, { field: 'y', type: 'quantitative', title: yName }],
    },
  } as TopLevelSpec;
}

export class ChartPanel {
  readonly el = el('section', { class: 'chart-panel', id: 'chart-panel', 'aria-labelledby': 'chart-title' });
  private readonly title = el('h2', { id: 'chart-title', class: 'chart-title' });
  private readonly note = el('p', { class: 'chart-note', id: 'chart-note', 'aria-live': 'polite' });
  private readonly holder = el('div', { class: 'chart-holder', id: 'chart-holder' });
  private readonly axes = el('div', { class: 'chart-axes' });
  private xSelect?: DropdownControl;
  private ySelect?: DropdownControl;
  private chart?: Chart;
  private last?: ChartDataMessage;
  private columns: string[] = [];
  private numeric: (c: number) => boolean = () => true;
  private token = 0;

  constructor(private readonly cb: ChartPanelCallbacks) {
    const close = button({ id: 'chart-close', label: 'Close', appearance: 'secondary', title: 'Close the chart', onClick: () => this.close() });
    const head = el('div', { class: 'chart-head' });
    head.append(this.title, this.axes, close.el);
    this.el.append(head, this.holder, this.note);
    this.el.hidden = true;
    // Redraw on theme changes (VS Code sets the theme's variables on <html> and its kind on <body>).
    const redraw = new MutationObserver(() => {
      if (!this.el.hidden) void this.draw();
    });
    redraw.observe(document.body, { attributes: true, attributeFilter: ['class'] });
    new ResizeObserver(() => {
      if (!this.el.hidden && this.last && Math.abs(this.width() - this.drawnWidth) > 24) void this.draw();
    }).observe(this.el);
  }

  private drawnWidth = 0;

  /** The table's columns (for the axis choices) and which are numeric. */
  setColumns(columns: string[], numeric: (c: number) => boolean): void {
    this.columns = columns;
    this.numeric = numeric;
  }

  /** Opens the panel for a chart and asks for its numbers. */
  open(kind: ChartKind, columns: number[]): void {
    this.el.hidden = false;
    this.last = undefined;
    this.title.textContent = kind === 'histogram' ? `Histogram of ${this.columns[columns[0]] ?? ''}` : `${this.columns[columns[1]] ?? ''} against ${this.columns[columns[0]] ?? ''}`;
    this.note.textContent = 'Reading the column…';
    this.buildAxes(kind, columns);
    this.cb.request(kind, columns);
  }

  /** The current chart again (the view changed: a new filter). */
  refresh(): void {
    if (this.el.hidden || !this.last) return;
    this.cb.request(this.last.kind, this.last.columns);
  }

  close(): void {
    this.el.hidden = true;
    this.chart?.finalize();
    this.chart = undefined;
    this.last = undefined;
    this.holder.replaceChildren();
  }

  get isOpen(): boolean {
    return !this.el.hidden;
  }

  private buildAxes(kind: ChartKind, columns: number[]): void {
    if (kind === 'histogram') {
      this.axes.replaceChildren();
      return;
    }
    const choices: Choice[] = this.columns.map((c, i) => ({ value: String(i), label: c })).filter((c) => this.numeric(Number(c.value)));
    const pick = (which: 'x' | 'y') => (v: string) => {
      const x = which === 'x' ? Number(v) : Number(this.xSelect?.value);
      const y = which === 'y' ? Number(v) : Number(this.ySelect?.value);
      this.open('scatter', [x, y]);
    };
    this.xSelect = dropdown({ id: 'chart-x', label: 'x axis', choices, value: String(columns[0]), onChange: pick('x') });
    this.ySelect = dropdown({ id: 'chart-y', label: 'y axis', choices, value: String(columns[1]), onChange: pick('y') });
    const lab = (text: string, control: HTMLElement) => {
      const l = el('label', { class: 'chart-axis' }, text);
      l.append(control);
      return l;
    };
    this.axes.replaceChildren(lab('x', this.xSelect.el), lab('y', this.ySelect.el));
  }

  /** The host's numbers arrived: draw them. */
  show(m: ChartDataMessage): void {
    if (this.el.hidden) return;
    this.last = m;
    const n = m.values[0]?.length ?? 0;
    const parts = [`${plural(n, 'row')}${m.filtered ? ` of the ${formatCount(m.viewRows)} the filter shows` : ''}`];
    if (m.sampled) parts.push(`an even sample of ${formatCount(MAX_CHART_POINTS)} of the ${formatCount(m.viewRows)} rows`);
    if (m.skipped) parts.push(`${plural(m.skipped, 'row')} left out (not a number)`);
    this.note.textContent = parts.join(' · ');
    void this.draw();
  }

  private width(): number {
    return Math.max(220, Math.min(720, this.el.clientWidth - 90));
  }

  private async draw(): Promise<void> {
    const m = this.last;
    if (!m) return;
    const token = ++this.token;
    const theme = readTheme();
    const width = this.width();
    const names = m.columns.map((c) => this.columns[c] ?? '');
    const spec = m.kind === 'histogram' ? histogramSpec(m.values[0], names[0], theme, width) : scatterSpec(m.values[0], m.values[1], names[0], names[1], theme, width);
    const box = el('div', { class: 'chart-vega', role: 'img', 'aria-label': this.title.textContent ?? 'chart' });
    try {
      const chart = await renderChart(box, spec, vegaConfig(theme), { tooltip: () => undefined }, m.values[0].length);
      if (token !== this.token) {
        chart.finalize();
        return;
      }
      this.chart?.finalize();
      this.chart = chart;
      this.drawnWidth = width;
      this.holder.replaceChildren(box);
      this.el.dataset.chartReady = `${m.kind}:${m.values[0].length}`;
    } catch (e) {
      this.holder.replaceChildren(el('p', { class: 'error-text' }, `The chart could not be drawn: ${e instanceof Error ? e.message : String(e)}`));
      this.cb.log(`chart: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
    }
  }
}
