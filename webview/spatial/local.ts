/**
 * The local statistics view: global Moran's I (moran.test under randomisation and normality,
 * moran.mc), the LISA cluster map and its significance map (GeoDa's classes and colours), the G*
 * hot/cold-spot map, a classed map of the variable, and the Moran scatterplot — for a column or
 * the model's residuals. The variable and the permutations are computed by the host's worker;
 * the inference (permutation / analytic), the p-value adjustment and α only re-class here.
 */
import type { LocalViewData, ShowLocalMessage } from '../../src/protocol';
import { CLASSIFICATION_METHODS, type ClassificationMethod } from '../../src/core/map/classify';
import { PALETTES } from '../../src/core/map/palettes';
import type { PAdjustMethod } from '../../src/core/local/padjust';
import { formatSignif } from '../../src/core/report/format';
import { button, h, uid } from '../results/dom';
import { readTheme, vegaConfig } from '../results/theme';
import { renderChart, type Chart } from '../results/vegaView';
import { fmt } from '../results/charts';
import { Options, post } from './api';
import { buildGeometry, type MapGeometry } from './geometry';
import { neighbourRings } from './graph';
import {
  ADJUST_LABELS, classedLayer, defaultPalette, hotspotLayer, lisaLayer, METHOD_LABELS, reversedByDefault, significanceLayer, type MapLayer, type Significance,
} from './layers';
import { MapCard } from './mapCard';
import { moranScatterSpec } from './moranScatter';
import { observeSize, section, selectControl } from './controls';

const RESIDUALS = '\u0000residuals';

export class LocalView {
  private msg?: ShowLocalMessage;
  private cards: MapCard[] = [];
  private chart?: Chart;
  private chartBox?: HTMLElement;
  private selected: number | null = null;
  private selectionBox?: HTMLElement;
  private options?: Options;
  private layers: { lisa?: MapLayer } = {};

  constructor(private readonly root: HTMLElement, private readonly status: HTMLElement) {}

  show(msg: ShowLocalMessage): void {
    this.msg = msg;
    this.options = new Options(`local:${msg.title}`);
    this.selected = null;
    this.chart?.finalize();
    this.chart = undefined;
    const v = msg.view;
    const o = this.options;

    const variable = selectControl('Variable', [...msg.variables.map((c) => [c, c] as const), [RESIDUALS, `Residuals of the ${msg.model} model`]],
      msg.choice.residuals ? RESIDUALS : msg.choice.column ?? v.variable);
    const perms = selectControl('Permutations', ['99', '199', '499', '999', '9999'].map((p) => [p, p] as const), String(v.nsim));
    const seedId = uid('seed');
    const seed = h('input', { type: 'number', id: seedId, class: 'sar-input', min: 0, step: 1, value: v.seed, size: 6 });
    const recompute = () => {
      const choice = variable.select.value;
      post({ type: 'compute', column: choice === RESIDUALS ? null : choice, residuals: choice === RESIDUALS, nsim: Number(perms.select.value), seed: Math.max(0, Math.floor(Number(seed.value) || 0)) });
    };
    variable.select.addEventListener('change', recompute);
    perms.select.addEventListener('change', recompute);
    seed.addEventListener('change', recompute);
    const inference = selectControl('Inference', [['permutation', 'conditional permutation'], ['analytic', 'analytic (localmoran)']], o.get('inference', 'permutation'));
    const adjust = selectControl('p adjustment', (['none', 'bonferroni', 'fdr'] as const).map((a) => [a, ADJUST_LABELS[a]] as const), o.get('adjust', 'none'));
    const alpha = selectControl('Significance', [['0.05', 'p ≤ 0.05'], ['0.01', 'p ≤ 0.01'], ['0.001', 'p ≤ 0.001']], o.get('alpha', '0.05'));
    const significance = (): Significance => ({ inference: inference.select.value as Significance['inference'], adjust: adjust.select.value as PAdjustMethod, alpha: Number(alpha.select.value) });

    const header = h('header', { class: 'sar-header' },
      h('h1', {}, `Local statistics of ${v.variable}`),
      h('p', { class: 'sar-meta' }, `${msg.title} · ${v.n} observations · ${msg.modelLine}`),
      h('div', { class: 'sar-controls', role: 'group', 'aria-label': 'What to compute' }, variable.label, perms.label, h('label', { for: seedId, class: 'sar-label' }, 'Seed ', seed)),
      h('div', { class: 'sar-controls', role: 'group', 'aria-label': 'Significance' }, inference.label, adjust.label, alpha.label),
      this.status,
      ...msg.notes.map((n) => h('p', { class: 'sar-hint' }, n)));

    const sections: HTMLElement[] = [header, this.globalSection(v)];
    this.cards = [];
    if (msg.map) {
      const geometry = buildGeometry(msg.map);
      const lisa = this.card(geometry, 'lisa-cluster-map');
      const sig = this.card(geometry, 'significance-map');
      const gstar = this.card(geometry, 'gstar-map');
      const classed = this.card(geometry, 'variable-map');
      const reclass = () => {
        const s = significance();
        o.set('inference', s.inference);
        o.set('adjust', s.adjust);
        o.set('alpha', String(s.alpha));
        this.layers.lisa = lisaLayer(v, s);
        void lisa.setLayer(this.layers.lisa);
        void sig.setLayer(significanceLayer(v, s));
        void gstar.setLayer(hotspotLayer(v, s));
        this.drawScatter();
        this.renderSelection();
      };
      for (const c of [inference, adjust, alpha]) c.select.addEventListener('change', reclass);
      reclass();
      const mapControls = this.classControls(v, classed);
      sections.push(section('sec-maps', 'Maps',
        h('p', { class: 'sar-hint' }, 'Click an observation to select it and its neighbours on every map and in the scatterplot; a legend entry selects its class. Wheel zooms, drag pans.'),
        h('div', { class: 'sar-map-grid' }, lisa.element, sig.element, gstar.element, h('div', {}, mapControls, classed.element))));
    } else {
      this.layers.lisa = lisaLayer(v, significance());
      for (const c of [inference, adjust, alpha]) c.select.addEventListener('change', () => {
        this.layers.lisa = lisaLayer(v, significance());
        this.drawScatter();
      });
      sections.push(section('sec-maps', 'Maps', h('p', { class: 'sar-explain' }, 'No map: the spec names no geometry and its weights no coordinates. The statistics and the scatterplot are below.')));
    }
    this.chartBox = h('div', { class: 'sar-chart' });
    const scatterActions = h('div', { class: 'sar-actions' },
      button('PNG', () => void this.exportChart('png'), { aria: 'Save the Moran scatterplot as PNG' }),
      button('SVG', () => void this.exportChart('svg'), { aria: 'Save the Moran scatterplot as SVG' }));
    sections.push(section('sec-scatter', 'Moran scatterplot', h('div', { class: 'sar-block-head' }, h('span', { class: 'sar-hint' }, 'Standardised axes; the line\'s slope is Moran\'s I for row-standardised weights.'), scatterActions), this.chartBox));
    this.selectionBox = h('div', { class: 'sar-selection-box', role: 'status', 'aria-live': 'polite' });
    sections.splice(2, 0, this.selectionBox);
    this.root.replaceChildren(...sections);
    this.root.dataset.sarLocal = v.variable;
    observeSize(this.chartBox, () => this.drawScatter());
    this.drawScatter();
    this.renderSelection();
  }

  private card(geometry: MapGeometry, key: string): MapCard {
    const msg = this.msg!;
    const v = msg.view;
    const card = new MapCard(geometry, {
      key, ids: v.ids,
      describe: (i) => this.describe(i),
      select: (i) => this.select(i),
      selectSet: (rows) => this.highlightRows(rows),
      figureLines: () => [`${v.n} observations; ${msg.modelLine}`, `Data: ${msg.title}${msg.map?.source ? `, geometry ${msg.map.source}` : ''}`],
      fileStem: msg.specName || 'local', post, height: 420,
    });
    observeSize(card.element, (w) => card.resize(w));
    this.cards.push(card);
    return card;
  }

  private classControls(v: LocalViewData, card: MapCard): HTMLElement {
    const o = this.options!;
    const method = selectControl('Classes', CLASSIFICATION_METHODS.map((m) => [m, METHOD_LABELS[m]] as const), o.get('method', 'quantile'));
    const k = selectControl('k', ['3', '4', '5', '6', '7', '8', '9'].map((x) => [x, x] as const), o.get('k', '5'));
    const hinge = selectControl('Hinge', [['1.5', '1.5'], ['3', '3']], o.get('hinge', '1.5'));
    const palette = selectControl('Palette', PALETTES.map((p) => [p.name, `${p.name} (${p.kind})`] as const), o.get('palette', defaultPalette(v.values)));
    const reverseId = uid('rev');
    const reverse = h('input', { type: 'checkbox', id: reverseId, checked: o.get('reverse', String(reversedByDefault(palette.select.value))) === 'true' });
    const apply = () => {
      const m = method.select.value as ClassificationMethod;
      k.label.hidden = !(m === 'quantile' || m === 'naturalBreaks' || m === 'equalInterval');
      hinge.label.hidden = m !== 'boxMap';
      o.set('method', m);
      o.set('k', k.select.value);
      o.set('hinge', hinge.select.value);
      o.set('palette', palette.select.value);
      o.set('reverse', String(reverse.checked));
      void card.setLayer(classedLayer(v.variable, v.values, { method: m, k: Number(k.select.value), hinge: hinge.select.value === '3' ? 3 : 1.5, palette: palette.select.value, reverse: reverse.checked }));
    };
    for (const c of [method, k, hinge, palette]) c.select.addEventListener('change', apply);
    reverse.addEventListener('change', apply);
    apply();
    return h('div', { class: 'sar-controls sar-class-controls' }, method.label, k.label, hinge.label, palette.label, h('label', { for: reverseId, class: 'sar-label' }, reverse, 'reverse'));
  }

  private globalSection(v: LocalViewData): HTMLElement {
    const g = (x: number) => formatSignif(x, 5);
    const m = v.moran;
    const row = (name: string, t: { I: number; expectation: number; variance: number; z: number; p: number }) =>
      h('tr', {}, h('th', { scope: 'row', class: 'sar-rowhead' }, name), ...[t.I, t.expectation, t.variance, t.z, t.p].map((x) => h('td', { class: 'num' }, g(x))));
    const table = h('table', { class: 'sar-table sar-table-moran-global', 'aria-label': 'Global Moran\'s I' },
      h('thead', {}, h('tr', {}, h('th', { scope: 'col', class: 'sar-rowhead' }, 'moran.test'), ...['I', 'E(I)', 'Var(I)', 'z', 'p'].map((c) => h('th', { scope: 'col', class: 'num' }, c)))),
      h('tbody', {}, row('randomisation', m.randomisation), row('normality', m.normality),
        h('tr', {}, h('th', { scope: 'row', class: 'sar-rowhead' }, `moran.mc (${m.permutation.nsim})`), h('td', { class: 'num' }, g(m.permutation.statistic)), h('td', {}), h('td', {}), h('td', {}), h('td', { class: 'num' }, g(m.permutation.p)))));
    return section('sec-global', 'Global Moran\'s I', h('div', { class: 'sar-table-scroll' }, table),
      h('p', { class: 'sar-hint' }, `Alternative "greater" (positive autocorrelation), as spdep. Permutation test: ${m.permutation.nsim} permutations, seed ${m.permutation.seed}, observed rank ${m.permutation.rank}.`));
  }

  private describe(i: number): string[] {
    const v = this.msg!.view;
    const lisa = this.layers.lisa;
    const label = lisa?.legend.find((e) => e.cls === lisa.classOf[i])?.label ?? '';
    return [`${v.variable} ${fmt(v.values[i])}`, `Ii ${fmt(v.Ii[i])}, p ${fmt(v.p[i])} (analytic), ${fmt(v.pSim[i])} (permutation)`, `cluster ${label}`, `G* z ${fmt(v.gStarZ[i])}`];
  }

  private select(i: number | null): void {
    const v = this.msg!.view;
    if (i !== null && i === this.selected) i = null;
    this.selected = i;
    const hl = i === null ? null : { selected: [i], rings: neighbourRings(v.neighbours, [i], 1) };
    for (const c of this.cards) c.setHighlight(hl);
    this.chart?.setHighlight(i);
    this.renderSelection();
  }

  private highlightRows(rows: number[]): void {
    this.selected = null;
    for (const c of this.cards) c.setHighlight({ selected: rows, rings: [] });
    this.chart?.setHighlight(null);
    this.renderSelection(rows.length);
  }

  private renderSelection(setSize?: number): void {
    const box = this.selectionBox;
    const msg = this.msg;
    if (!box || !msg) return;
    const i = this.selected;
    if (i === null) {
      delete box.dataset.selected;
      box.replaceChildren(...(setSize ? [h('p', {}, `${setSize} observations selected.`), button('Clear', () => this.select(null))] : []));
      return;
    }
    const v = msg.view;
    const lisa = this.layers.lisa;
    box.dataset.selected = String(i);
    box.dataset.cluster = lisa?.legend.find((e) => e.cls === lisa.classOf[i])?.label ?? '';
    const ring = neighbourRings(v.neighbours, [i], 1)[0] ?? [];
    box.replaceChildren(
      h('p', {}, h('strong', {}, `Observation ${v.ids[i] ?? i + 1}`), `: ${this.describe(i).join('; ')}; ${ring.length} neighbours (${ring.slice(0, 20).map((j) => v.ids[j]).join(', ')}${ring.length > 20 ? ', …' : ''})`),
      h('div', { class: 'sar-actions' },
        button('Reveal in data', () => post({ type: 'reveal', observation: i }), { aria: 'Show this observation\'s row in the spec editor\'s grid' }),
        button('Clear', () => this.select(null), { aria: 'Clear the selection' })));
  }

  private drawToken = 0;

  private drawScatter(): void {
    const box = this.chartBox;
    const msg = this.msg;
    const lisa = this.layers.lisa;
    if (!box || !msg || !lisa) return;
    const token = ++this.drawToken;
    const width = Math.max(260, Math.min(760, box.clientWidth - 8 || 600));
    const holder = h('div', { class: 'sar-vega' });
    void renderChart(holder, moranScatterSpec(msg.view, lisa, readTheme(), width), vegaConfig(readTheme()), {
      tooltip: () => undefined,
      select: (obs) => this.select(obs),
    }, msg.view.n).then((chart) => {
      if (token !== this.drawToken) return chart.finalize();
      this.chart?.finalize();
      this.chart = chart;
      box.replaceChildren(holder);
      chart.setHighlight(this.selected);
      document.body.dataset.scatterReady = String(token);
    }, (e: unknown) => post({ type: 'log', level: 'error', message: `Moran scatterplot: ${e instanceof Error ? e.stack ?? e.message : String(e)}` }));
  }

  private async exportChart(format: 'png' | 'svg'): Promise<void> {
    if (!this.chart) return;
    const data = format === 'png' ? await this.chart.png(2) : await this.chart.svg();
    const stem = (this.msg?.specName || 'local').replace(/[^A-Za-z0-9_.-]+/g, '-');
    post({ type: 'export', format, suggestedName: `${stem}-moran-scatterplot.${format}`, data });
  }

  refreshTheme(): void {
    for (const c of this.cards) c.refreshTheme();
    this.drawScatter();
  }
}

