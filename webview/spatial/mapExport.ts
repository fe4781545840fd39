/**
 * A map as a publishable figure: the title (the quantity shown), the map as on screen, its
 * legend (colours, class bounds, counts, the method) and the lines under it (the model, the
 * data source). SVG is built as text from the geometry (pure, unit-tested); PNG is painted on a
 * canvas at twice the size.
 */
import type { MapGeometry } from './geometry';
import type { MapLayer } from './layers';
import { UNDEFINED_COLOR } from './layers';

export interface FigureText {
  title: string;
  /** Lines under the title: the model, the data source, … */
  lines: string[];
}

export interface FigureColours {
  bg: string;
  fg: string;
  muted: string;
  outline: string;
}

type Transform = { a: number; d: number; e: number; f: number };

const TITLE = 16;
const TEXT = 11;
const LINE = 15;
const LEGEND_W = 250;
const PAD = 12;

export function escapeXml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c] as string);
}

/** Layout: header height, map box, legend origin, total size. */
export function figureLayout(text: FigureText, layer: MapLayer, mapW: number, mapH: number) {
  const header = PAD + TITLE + 6 + text.lines.length * LINE + 6;
  const legendH = (layer.legend.length + 2) * LINE + PAD;
  const width = PAD + mapW + PAD + LEGEND_W;
  const height = header + Math.max(mapH, legendH) + PAD;
  return { header, width, height, map: { x: PAD, y: header, w: mapW, h: mapH }, legend: { x: PAD + mapW + PAD, y: header } };
}

const num = (x: number) => (Math.round(x * 100) / 100).toString();

export function mapSvg(g: MapGeometry, layer: MapLayer, t: Transform, mapW: number, mapH: number, text: FigureText, col: FigureColours): string {
  const L = figureLayout(text, layer, mapW, mapH);
  const ox = L.map.x;
  const oy = L.map.y;
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${L.width}" height="${L.height}" viewBox="0 0 ${L.width} ${L.height}" font-family="sans-serif">`,
    `<title>${escapeXml(text.title)}</title>`,
    `<rect width="100%" height="100%" fill="${col.bg}"/>`,
    `<text x="${PAD}" y="${PAD + TITLE}" font-size="${TITLE}" font-weight="bold" fill="${col.fg}">${escapeXml(text.title)}</text>`,
    ...text.lines.map((l, k) => `<text x="${PAD}" y="${PAD + TITLE + 6 + (k + 1) * LINE - 3}" font-size="${TEXT}" fill="${col.muted}">${escapeXml(l)}</text>`),
    `<clipPath id="map"><rect x="${ox}" y="${oy}" width="${mapW}" height="${mapH}"/></clipPath>`,
    `<g clip-path="url(#map)" stroke="${col.outline}" stroke-width="0.6" stroke-linejoin="round">`,
  ];
  const colourOf = (c: number) => (c >= 0 ? layer.colors[c] : UNDEFINED_COLOR);
  for (let i = 0; i < g.n; i++) {
    const fill = colourOf(layer.classOf[i]);
    if (g.kind === 'polygons') {
      const d: string[] = [];
      for (const r of g.rings[i]) {
        for (let p = 0; p + 1 < r.length; p += 2) d.push(`${p === 0 ? 'M' : 'L'}${num(ox + t.a * r[p] + t.e)} ${num(oy + t.d * r[p + 1] + t.f)}`);
        if (r.length) d.push('Z');
      }
      if (d.length) out.push(`<path d="${d.join('')}" fill="${fill}" fill-rule="evenodd"/>`);
    } else if (Number.isFinite(g.anchorX[i])) {
      out.push(`<circle cx="${num(ox + t.a * g.anchorX[i] + t.e)}" cy="${num(oy + t.d * g.anchorY[i] + t.f)}" r="${g.n > 2000 ? 2 : 5}" fill="${fill}"/>`);
    }
  }
  out.push('</g>');
  const lx = L.legend.x;
  let ly = L.legend.y;
  if (layer.gradient) {
    out.push(`<defs><linearGradient id="ramp">${layer.gradient.map((c, k) => `<stop offset="${(k / (layer.gradient!.length - 1)).toFixed(3)}" stop-color="${c}"/>`).join('')}</linearGradient></defs>`,
      `<rect x="${lx}" y="${ly}" width="160" height="12" fill="url(#ramp)"/>`);
    ly += LINE;
  }
  for (const e of layer.legend) {
    out.push(`<rect x="${lx}" y="${ly}" width="14" height="11" fill="${e.color}" stroke="${col.muted}" stroke-width="0.5"/>`,
      `<text x="${lx + 20}" y="${ly + 10}" font-size="${TEXT}" fill="${col.fg}">${escapeXml(`${e.label} (${e.count})`)}</text>`);
    ly += LINE;
  }
  if (layer.note) out.push(`<text x="${lx}" y="${ly + 10}" font-size="${TEXT - 1}" fill="${col.muted}">${escapeXml(layer.note)}</text>`);
  out.push('</svg>');
  return out.join('\n');
}

/** The same figure as a PNG data URL; `paint` draws the map into its box. */
export function mapPng(layer: MapLayer, mapW: number, mapH: number, text: FigureText, col: FigureColours,
  paint: (ctx: CanvasRenderingContext2D, box: { x: number; y: number; w: number; h: number }, scale: number) => void, scale = 2): string {
  const L = figureLayout(text, layer, mapW, mapH);
  const c = document.createElement('canvas');
  c.width = L.width * scale;
  c.height = L.height * scale;
  const ctx = c.getContext('2d')!;
  ctx.setTransform(scale, 0, 0, scale, 0, 0);
  ctx.fillStyle = col.bg;
  ctx.fillRect(0, 0, L.width, L.height);
  ctx.fillStyle = col.fg;
  ctx.font = `bold ${TITLE}px sans-serif`;
  ctx.fillText(text.title, PAD, PAD + TITLE);
  ctx.font = `${TEXT}px sans-serif`;
  ctx.fillStyle = col.muted;
  text.lines.forEach((l, k) => ctx.fillText(l, PAD, PAD + TITLE + 6 + (k + 1) * LINE - 3));
  paint(ctx, L.map, scale);
  ctx.setTransform(scale, 0, 0, scale, 0, 0);
  const lx = L.legend.x;
  let ly = L.legend.y;
  if (layer.gradient) {
    const grad = ctx.createLinearGradient(lx, 0, lx + 160, 0);
    layer.gradient.forEach((g, k) => grad.addColorStop(k / (layer.gradient!.length - 1), g));
    ctx.fillStyle = grad;
    ctx.fillRect(lx, ly, 160, 12);
    ly += LINE;
  }
  for (const e of layer.legend) {
    ctx.fillStyle = e.color;
    ctx.fillRect(lx, ly, 14, 11);
    ctx.strokeStyle = col.muted;
    ctx.lineWidth = 0.5;
    ctx.strokeRect(lx, ly, 14, 11);
    ctx.fillStyle = col.fg;
    ctx.fillText(`${e.label} (${e.count})`, lx + 20, ly + 10);
    ly += LINE;
  }
  if (layer.note) {
    ctx.fillStyle = col.muted;
    ctx.font = `${TEXT - 1}px sans-serif`;
    ctx.fillText(layer.note, lx, ly + 10);
  }
  return c.toDataURL('image/png');
}
