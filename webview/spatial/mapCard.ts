/**
 * One map of the spatial views: its heading (the quantity shown), the canvas, the legend
 * (colour, class bounds, count; a click on an entry selects its observations), the hover
 * tooltip and the PNG / SVG export of the figure. The theme sets only the background, the text
 * and, in high contrast, visible outlines: the palette is the layer's own.
 */
import { button, h } from '../results/dom';
import { readTheme } from '../results/theme';
import { safeFileName } from '../results/files';
import { CanvasMap, type Highlight, type MapColours } from './canvasMap';
import type { MapGeometry } from './geometry';
import type { MapLayer } from './layers';
import { mapPng, mapSvg, type FigureColours } from './mapExport';
import type { SpatialToHost } from '../../src/protocol';

export interface MapCardOptions {
  key: string;
  ids: readonly string[];
  /** Tooltip lines of an observation. */
  describe(i: number): string[];
  select(i: number | null): void;
  selectSet(rows: number[]): void;
  /** The figure's lines under the title (model, data source). */
  figureLines(): string[];
  fileStem: string;
  post(m: SpatialToHost): void;
  height?: number;
}

export function mapColours(): MapColours & FigureColours {
  const t = readTheme();
  const css = getComputedStyle(document.body);
  const contrast = css.getPropertyValue('--vscode-contrastBorder').trim();
  const hc = t.kind === 'high-contrast';
  return { bg: t.bg, fg: t.fg, muted: t.muted, outline: hc ? contrast || t.fg : t.bg, outlineWidth: hc ? 1.2 : 0.6, links: hc ? t.fg : t.muted };
}

export class MapCard {
  readonly element: HTMLElement;
  readonly map: CanvasMap;
  private readonly heading: HTMLElement;
  private readonly legend: HTMLElement;
  private readonly note: HTMLElement;
  private readonly tooltip: HTMLElement;
  private layer?: MapLayer;

  constructor(geometry: MapGeometry, private readonly o: MapCardOptions) {
    this.map = new CanvasMap(geometry, 'map', {
      select: (i) => o.select(i),
      hover: (i, e) => this.hover(i, e),
    });
    this.heading = h('h3', { class: 'sar-map-title' });
    this.legend = h('ul', { class: 'sar-legend', 'aria-label': 'Legend' });
    this.note = h('p', { class: 'sar-hint' });
    this.tooltip = h('div', { class: 'sar-tooltip sar-map-tip', role: 'tooltip', hidden: true });
    // Point maps can show the study area's outline (the convex hull of the points).
    const hullId = `${o.key}-hull`;
    const hull = h('input', { type: 'checkbox', id: hullId });
    hull.addEventListener('change', () => this.map.setHull(hull.checked));
    const actions = h('div', { class: 'sar-actions' },
      ...(geometry.kind === 'points' ? [h('label', { for: hullId, class: 'sar-label' }, hull, 'study area')] : []),
      button('PNG', () => this.export('png'), { aria: 'Save this map as PNG (title, legend, model and data source)' }),
      button('SVG', () => this.export('svg'), { aria: 'Save this map as SVG (title, legend, model and data source)' }),
      button('Reset view', () => this.map.resetView(), { aria: 'Undo zoom and pan (wheel zooms, drag pans)' }),
    );
    this.element = h('figure', { class: 'sar-card sar-map-card', 'data-map': o.key },
      h('div', { class: 'sar-block-head' }, this.heading, actions),
      h('div', { class: 'sar-map-body' }, this.map.element, h('div', { class: 'sar-legend-box' }, this.legend, this.note)),
      this.tooltip);
    this.map.setColours(mapColours());
  }

  async setLayer(layer: MapLayer): Promise<void> {
    this.layer = layer;
    this.heading.textContent = layer.title;
    this.map.canvas.setAttribute('aria-label', `${layer.title}: ${layer.legend.map((e) => `${e.label} ${e.count}`).join(', ')}`);
    this.legend.replaceChildren(...layer.legend.map((e) => {
      const cls = e.cls ?? -1;
      const item = h('li', {},
        h('span', { class: 'sar-swatch', 'aria-hidden': 'true' }),
        h('span', { class: 'sar-legend-label' }, e.label),
        h('span', { class: 'sar-legend-count' }, String(e.count)));
      (item.firstChild as HTMLElement).style.background = e.color;
      item.dataset.cls = String(cls);
      if (cls >= 0 && e.count > 0) {
        item.tabIndex = 0;
        item.classList.add('sar-clickable');
        item.title = `Select the ${e.count} observations in this class`;
        const pick = () => this.o.selectSet(rowsOfClass(layer, cls));
        item.addEventListener('click', pick);
        item.addEventListener('keydown', (ev) => {
          if (ev.key === 'Enter' || ev.key === ' ') {
            ev.preventDefault();
            pick();
          }
        });
      }
      return item;
    }));
    if (layer.gradient) {
      const bar = h('li', { class: 'sar-gradient', 'aria-hidden': 'true' });
      bar.style.background = `linear-gradient(to right, ${layer.gradient.join(', ')})`;
      this.legend.prepend(bar);
    }
    this.note.textContent = layer.note ?? '';
    this.element.dataset.classes = layer.legend.map((e) => `${e.label}:${e.count}`).join('|');
    // Each observation's class label, for tests and assistive scripts (small maps only).
    if (layer.classOf.length <= 5000) {
      const labelOf = new Map(layer.legend.map((e) => [e.cls, e.label]));
      this.element.dataset.classOf = Array.from(layer.classOf, (c) => labelOf.get(c) ?? '').join('|');
    }
    await this.map.setLayer(layer);
  }

  setHighlight(hl: Highlight | null): void {
    this.map.setHighlight(hl);
  }

  resize(width: number): void {
    const w = Math.max(200, width);
    const legendW = w > 560 ? 230 : 0;
    const mapW = w - legendW - (legendW ? 12 : 0);
    const b = this.map.geometry.bounds;
    const aspect = (b.y1 - b.y0) / (b.x1 - b.x0);
    this.map.resize(mapW, Math.round(Math.max(220, Math.min(this.o.height ?? 520, mapW * aspect))));
  }

  refreshTheme(): void {
    this.map.setColours(mapColours());
  }

  private hover(i: number | null, e: MouseEvent): void {
    if (i === null) {
      this.tooltip.hidden = true;
      return;
    }
    this.tooltip.replaceChildren(h('strong', {}, this.o.ids[i] ?? String(i + 1)), ...this.o.describe(i).map((l) => h('div', {}, l)));
    this.tooltip.hidden = false;
    const rect = this.element.getBoundingClientRect();
    this.tooltip.style.left = `${Math.round(e.clientX - rect.left + 14)}px`;
    this.tooltip.style.top = `${Math.round(e.clientY - rect.top + 14)}px`;
  }

  private export(format: 'png' | 'svg'): void {
    const layer = this.layer;
    if (!layer) return;
    const col = mapColours();
    const text = { title: layer.title, lines: this.o.figureLines() };
    const w = parseFloat(this.map.canvas.style.width) || 600;
    const hh = parseFloat(this.map.canvas.style.height) || 400;
    const t = this.map.transform(w, hh);
    const data = format === 'svg'
      ? mapSvg(this.map.geometry, layer, t, w, hh, text, col)
      : mapPng(layer, w, hh, text, col, (ctx, box, scale) => this.map.paint(ctx, { a: t.a, d: t.d, e: t.e + box.x, f: t.f + box.y }, scale, box));
    this.o.post({ type: 'export', format, suggestedName: safeFileName(`${this.o.fileStem}-${this.o.key}`, `.${format}`), data });
  }
}

export function rowsOfClass(layer: MapLayer, cls: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < layer.classOf.length; i++) if (layer.classOf[i] === cls) out.push(i);
  return out;
}
