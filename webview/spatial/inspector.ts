/**
 * The weights inspector: spdep's `summary.nb` (the facts, then the print itself), the
 * neighbour-count histogram (a bar selects its observations), the connectivity map (links
 * between anchors; a click on an observation highlights its neighbours, and theirs for order 2,
 * and can show its row in the spec editor's grid), and the components and islands with the fix.
 */
import type { ShowWeightsMessage, WeightsViewData } from '../../src/protocol';
import { formatNumber, formatSignif } from '../../src/core/report/format';
import { button, h, uid } from '../results/dom';
import { Options, post } from './api';
import { buildGeometry } from './geometry';
import { linkPairs, neighbourRings } from './graph';
import { cardinalityLayer, componentLayer, type MapLayer } from './layers';
import { MapCard } from './mapCard';
import { observeSize, section, selectControl } from './controls';

interface Selection {
  rows: number[];
  rings: number[][];
  what: string;
}

export class InspectorView {
  private msg?: ShowWeightsMessage;
  private card?: MapCard;
  private selection: Selection | null = null;
  private selectionBox?: HTMLElement;
  private options?: Options;

  constructor(private readonly root: HTMLElement, private readonly status: HTMLElement) {}

  show(msg: ShowWeightsMessage): void {
    this.msg = msg;
    this.options = new Options(`weights:${msg.title}`);
    this.selection = null;
    const v = msg.view;
    const header = h('header', { class: 'sar-header' },
      h('h1', {}, `Spatial weights of ${msg.title}`),
      h('p', { class: 'sar-meta' }, `${v.description} · ${v.n} observations · ${v.nLinks} links`),
      h('div', { class: 'sar-toolbar', role: 'toolbar', 'aria-label': 'Weights actions' },
        button('Save weights…', () => post({ type: 'saveWeights' }), { secondary: false, aria: 'Save these weights as a GAL or GWT file' }),
        button('Refresh', () => post({ type: 'refresh' }), { aria: 'Build the weights again from the spec\'s files' })),
      this.status,
      ...msg.notes.map((n) => h('p', { class: 'sar-hint' }, n)));
    this.root.replaceChildren(header, this.summarySection(v), this.histogramSection(v), this.mapSection(msg), this.connectivitySection(v));
    this.root.dataset.sarWeights = String(v.n);
  }

  private summarySection(v: WeightsViewData): HTMLElement {
    const f = (x: number) => formatNumber(x, 7);
    const rows: [string, string][] = [
      ['Number of regions', String(v.n)],
      ['Number of nonzero links', String(v.nLinks)],
      ['Percentage nonzero weights', f(v.percentNonzero)],
      ['Average number of links', f(v.meanNeighbours)],
      ['Fewest / most links', `${v.minNeighbours} / ${v.maxNeighbours}`],
      ['Least connected', v.leastConnected ? `${this.idList(v.leastConnected.rows)} (${v.leastConnected.neighbours} links)` : '–'],
      ['Most connected', v.mostConnected ? `${this.idList(v.mostConnected.rows)} (${v.mostConnected.neighbours} links)` : '–'],
      ['Regions with no links', v.islands.length ? `${v.islands.length}: ${this.idList(v.islands)}` : 'none'],
      ['Connected components', String(v.components.count)],
      ['Symmetric', v.symmetric ? 'yes' : 'no (non-symmetric neighbours list)'],
      [`Weights constants (style ${v.style})`, `n ${v.constants.n}, S0 ${f(v.constants.S0)}, S1 ${f(v.constants.S1)}, S2 ${f(v.constants.S2)}`],
    ];
    const table = h('table', { class: 'sar-table sar-summary-table', 'aria-label': 'Summary of the neighbour list' },
      h('tbody', {}, ...rows.map(([k, val]) => h('tr', {}, h('th', { scope: 'row', class: 'sar-rowhead' }, k), h('td', { class: 'txt' }, val)))));
    const pre = h('pre', { class: 'sar-summary-print', 'aria-label': 'summary(nb2listw(nb)) as spdep prints it' }, v.summaryText);
    return section('sec-summary', 'Summary (spdep summary.nb)', h('div', { class: 'sar-two' }, h('div', { class: 'sar-table-scroll' }, table),
      h('details', { class: 'sar-values', open: true }, h('summary', {}, 'As spdep prints it'), pre)));
  }

  private idList(rows: readonly number[], max = 12): string {
    const ids = this.msg!.view.ids;
    return rows.slice(0, max).map((i) => ids[i] ?? String(i + 1)).join(', ') + (rows.length > max ? `, … (${rows.length})` : '');
  }

  private histogramSection(v: WeightsViewData): HTMLElement {
    const max = Math.max(1, ...v.histogram.map((b) => b.regions));
    const bars = v.histogram.map((b) => {
      const bar = h('button', { type: 'button', class: 'sar-bar', 'data-neighbours': b.neighbours, 'aria-label': `${b.neighbours} neighbour${b.neighbours === 1 ? '' : 's'}: ${b.regions} observation${b.regions === 1 ? '' : 's'}; select them`, title: `${b.regions} observations with ${b.neighbours} neighbours` },
        h('span', { class: 'sar-bar-count' }, String(b.regions)),
        h('span', { class: 'sar-bar-fill' }),
        h('span', { class: 'sar-bar-label' }, String(b.neighbours)));
      (bar.children[1] as HTMLElement).style.height = `${Math.max(2, Math.round((150 * b.regions) / max))}px`;
      bar.addEventListener('click', () => {
        const rows: number[] = [];
        v.cardinalities.forEach((c, i) => c === b.neighbours && rows.push(i));
        this.select({ rows, rings: [], what: `${rows.length} observation${rows.length === 1 ? '' : 's'} with ${b.neighbours} neighbour${b.neighbours === 1 ? '' : 's'}` });
        for (const other of bar.parentElement?.children ?? []) other.classList.toggle('sar-bar-selected', other === bar);
      });
      return bar;
    });
    return section('sec-histogram', 'Neighbour-count histogram', h('div', { class: 'sar-histogram', role: 'group', 'aria-label': 'Number of observations by number of neighbours; a bar selects them' }, ...bars),
      h('p', { class: 'sar-hint' }, 'Number of neighbours (x) and of observations with that many (bar). Click a bar to select those observations on the map.'));
  }

  private mapSection(msg: ShowWeightsMessage): HTMLElement {
    const v = msg.view;
    if (!msg.map) return section('sec-map', 'Connectivity map', h('p', { class: 'sar-explain' }, 'No map: the spec names no geometry (add "geometry": {"path": "….geojson", "idProperty": …, "idColumn": …}) and its weights use no coordinates.'));
    const geometry = buildGeometry(msg.map);
    const opts = this.options!;
    const colourBy = selectControl('Colour by', [['cardinality', 'number of neighbours'], ['component', 'connected component']], opts.get('colourBy', 'cardinality'));
    const order = selectControl('Highlight', [['1', 'neighbours'], ['2', 'neighbours and theirs (order 2)']], opts.get('order', v.order > 1 ? '2' : '1'));
    const linksId = uid('links');
    const links = h('input', { type: 'checkbox', id: linksId, checked: opts.get('links', 'on') === 'on' });
    const findId = uid('find');
    const find = h('input', { type: 'text', id: findId, class: 'sar-input', placeholder: 'id', size: 8, 'aria-label': 'Select the observation with this id' });
    const findButton = button('Select', () => {
      const i = v.ids.indexOf(find.value.trim());
      if (i >= 0) this.selectObservation(i);
    }, { aria: 'Select the observation with this id' });
    find.addEventListener('keydown', (e) => {
      if (e.key === 'Enter') findButton.click();
    });
    const card = new MapCard(geometry, {
      key: 'connectivity-map', ids: v.ids,
      describe: (i) => [`${v.cardinalities[i]} neighbour${v.cardinalities[i] === 1 ? '' : 's'}`, ...(v.components.count > 1 ? [`component ${v.components.componentOf[i] + 1}`] : [])],
      select: (i) => (i === null ? this.select(null) : this.selectObservation(i)),
      selectSet: (rows) => this.select({ rows, rings: [], what: `${rows.length} observations` }),
      figureLines: () => [`Weights: ${v.description}; ${v.n} observations, ${v.nLinks} links, ${formatSignif(v.meanNeighbours, 4)} neighbours on average`, `Data: ${msg.title}${msg.map?.source ? `, geometry ${msg.map.source}` : ''}`],
      fileStem: msg.specName || 'weights', post,
    });
    this.card = card;
    const layer = (): MapLayer => (colourBy.select.value === 'component' ? componentLayer(v.components.componentOf, v.components.sizes) : cardinalityLayer(v.cardinalities));
    void card.setLayer(layer());
    const pairs = linkPairs(v.neighbours);
    void card.map.setLinks(links.checked ? pairs : null);
    colourBy.select.addEventListener('change', () => {
      opts.set('colourBy', colourBy.select.value);
      void card.setLayer(layer());
    });
    order.select.addEventListener('change', () => {
      opts.set('order', order.select.value);
      const sel = this.selection;
      if (sel && sel.rows.length === 1 && sel.rings.length) this.selectObservation(sel.rows[0]);
    });
    links.addEventListener('change', () => {
      opts.set('links', links.checked ? 'on' : 'off');
      void card.map.setLinks(links.checked ? pairs : null);
    });
    observeSize(card.element, (w) => card.resize(w));
    this.selectionBox = h('div', { class: 'sar-selection-box', role: 'status', 'aria-live': 'polite' }, h('p', { class: 'sar-hint' }, 'Click an observation to see its neighbours; wheel zooms, drag pans.'));
    this.orderSelect = order.select;
    return section('sec-map', 'Connectivity map',
      h('div', { class: 'sar-controls' }, colourBy.label, order.label, h('label', { for: linksId, class: 'sar-label' }, links, 'links'), h('span', { class: 'sar-label' }, h('label', { for: findId }, 'Find'), find, findButton)),
      card.element, this.selectionBox);
  }

  private orderSelect?: HTMLSelectElement;

  refreshTheme(): void {
    this.card?.refreshTheme();
  }

  private selectObservation(i: number): void {
    const v = this.msg!.view;
    const order = Number(this.orderSelect?.value ?? '1');
    const rings = neighbourRings(v.neighbours, [i], order);
    this.select({ rows: [i], rings, what: `Observation ${v.ids[i] ?? i + 1}` });
  }

  private select(sel: Selection | null): void {
    this.selection = sel;
    this.card?.setHighlight(sel ? { selected: sel.rows, rings: sel.rings } : null);
    const box = this.selectionBox;
    if (!box) return;
    if (!sel) {
      box.replaceChildren(h('p', { class: 'sar-hint' }, 'Click an observation to see its neighbours; wheel zooms, drag pans.'));
      delete box.dataset.selected;
      return;
    }
    box.dataset.selected = sel.rows.join(',');
    box.dataset.neighbours = (sel.rings[0] ?? []).join(',');
    box.dataset.second = (sel.rings[1] ?? []).join(',');
    const lines = [h('strong', {}, sel.what)];
    if (sel.rows.length === 1 && sel.rings.length) {
      const one = sel.rings[0];
      lines.push(h('span', {}, `: ${one.length} neighbour${one.length === 1 ? '' : 's'} (${this.idList(one, 40)})`));
      if (sel.rings[1]) lines.push(h('span', {}, `; ${sel.rings[1].length} of order 2 (${this.idList(sel.rings[1], 40)})`));
    } else if (sel.rows.length) lines.push(h('span', {}, `: ${this.idList(sel.rows, 40)}`));
    const row = sel.rows[0];
    box.replaceChildren(h('p', {}, ...lines),
      h('div', { class: 'sar-actions' },
        sel.rows.length === 1 ? button('Reveal in data', () => post({ type: 'reveal', observation: row }), { aria: 'Show this observation\'s row in the spec editor\'s grid' }) : null,
        button('Clear', () => this.select(null), { aria: 'Clear the selection' })));
  }

  private connectivitySection(v: WeightsViewData): HTMLElement {
    const items: HTMLElement[] = [];
    const selectRows = (rows: number[], what: string) => () => this.select({ rows, rings: [], what });
    if (v.islands.length) {
      items.push(h('h3', {}, `${v.islands.length} observation${v.islands.length === 1 ? '' : 's'} without neighbours (islands)`),
        h('ul', { class: 'sar-list' }, ...v.fix.islands.slice(0, 50).map((isl) => h('li', {},
          button(v.ids[isl.row] ?? String(isl.row + 1), selectRows([isl.row], `Island ${v.ids[isl.row]}`), { aria: `Select island ${v.ids[isl.row]}` }),
          isl.nearest ? ` nearest observation ${v.ids[isl.nearest.to]} at ${formatSignif(isl.nearest.distance, 5)}` : ''))));
    }
    if (v.components.count > 1) {
      items.push(h('h3', {}, `${v.components.count} connected components`),
        h('ul', { class: 'sar-list' }, ...v.fix.components.slice(0, 50).map((c) => {
          const rows = c.rows ?? v.components.componentOf.flatMap((k, i) => (k === c.component ? [i] : []));
          return h('li', {},
            button(`component of ${c.size}`, selectRows(rows, `Component of ${c.size}`), { aria: `Select the ${c.size} observations of this component` }),
            c.rows ? '' : ' (the largest)',
            c.nearest ? ` — nearest outside: ${v.ids[c.nearest.row]} to ${v.ids[c.nearest.to]} at ${formatSignif(c.nearest.distance, 5)}` : '');
        })));
    }
    if (!items.length) items.push(h('p', { class: 'sar-explain' }, 'Every observation has a neighbour and the graph is connected (one component).'));
    if (v.fix.suggestions.length) items.push(h('h3', {}, 'To connect every observation'), h('ul', { class: 'sar-fixes' }, ...v.fix.suggestions.map((s) => h('li', {}, s))));
    if (v.fix.note) items.push(h('p', { class: 'sar-hint' }, v.fix.note));
    return section('sec-connectivity', 'Components and islands', ...items);
  }
}
