/// <reference path="./vega-lite.d.ts" />
/**
 * The panel's charts as vega-lite specs (pure: no DOM, no vega runtime), from a FitResult:
 * residuals histogram, fitted vs observed, Moran scatterplot of the residuals and the spillover
 * map (a choropleth of polygons, or a point map). Data go inline; every number a reader sees in
 * a tooltip is preformatted by src/core/report/format.ts. Each chart has a variable parameter
 * `hl` (the highlighted observation, −1 for none) that the panel sets on every chart at once.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { FitResult } from '../../src/core/result';
import type { FlatRing, MapData } from '../../src/protocol';
import { formatNumber, formatSignif } from '../../src/core/report/format';
import type { ChartTheme } from './theme';
import { classedLayer, defaultPalette, reversedByDefault, type ClassedOptions } from '../spatial/layers';
import { mercator } from '../spatial/geometry';
import { placeLabels } from '../../src/core/map/labels';

const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';
/** Tooltip numbers: R's format(x, digits = 5). */
export const fmt = (x: number) => (Number.isFinite(x) ? formatNumber(x, 5) : 'NA');

const hlParam = { name: 'hl', value: -1 };

/** [min, max] of the finite values (a loop: spreading 10⁵ values into Math.min overflows the stack); [0, 1] when none. */
export function finiteExtent(...arrays: readonly (readonly number[])[]): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const a of arrays) {
    for (const x of a) {
      if (!Number.isFinite(x)) continue;
      if (x < lo) lo = x;
      if (x > hi) hi = x;
    }
  }
  return lo <= hi ? [lo, hi] : [0, 1];
}

// ---------------------------------------------------------------------------------------------
// Residuals histogram (breaks as R's hist: pretty() on Sturges' number of classes, right-closed)

export interface HistBin {
  x0: number;
  x1: number;
  count: number;
  range: string;
  /** Accessible label of the bar. */
  desc: string;
}

export function prettyBreaks(lo: number, hi: number, n: number): number[] {
  if (!(hi > lo)) {
    const d = lo === 0 ? 0.5 : Math.abs(lo) * 0.05;
    lo -= d;
    hi += d;
  }
  const raw = (hi - lo) / Math.max(1, n);
  const mag = Math.pow(10, Math.floor(Math.log10(raw)));
  // R's pretty(): 1, 2, 5 or 10 × 10^k, biased towards the larger unit (high.u.bias = 1.5).
  const h = 1.5;
  const h5 = 0.5 + 1.5 * h;
  let unit = mag;
  if (2 * mag - raw < h * (raw - unit)) {
    unit = 2 * mag;
    if (5 * mag - raw < h5 * (raw - unit)) {
      unit = 5 * mag;
      if (10 * mag - raw < h * (raw - unit)) unit = 10 * mag;
    }
  }
  const start = Math.floor(lo / unit + 1e-10);
  const end = Math.ceil(hi / unit - 1e-10);
  const breaks: number[] = [];
  for (let k = start; k <= end; k++) breaks.push(Number((k * unit).toPrecision(12)));
  if (breaks.length < 2) breaks.push(Number(((end + 1) * unit).toPrecision(12)));
  return breaks;
}

export function histogramBins(values: readonly number[]): HistBin[] {
  const v = values.filter(Number.isFinite);
  if (!v.length) return [];
  const [lo, hi] = finiteExtent(v);
  const breaks = prettyBreaks(lo, hi, Math.ceil(Math.log2(v.length) + 1));
  const counts = new Array<number>(breaks.length - 1).fill(0);
  for (const x of v) {
    // (b[k], b[k+1]], the first bin closed on the left too (include.lowest).
    let k = 0;
    while (k < counts.length - 1 && x > breaks[k + 1]) k++;
    counts[k]++;
  }
  return counts.map((count, k) => {
    const range = `${k === 0 ? '[' : '('}${formatNumber(breaks[k], 7)}, ${formatNumber(breaks[k + 1], 7)}]`;
    return { x0: breaks[k], x1: breaks[k + 1], count, range, desc: `Residuals in ${range}: ${count} observation${count === 1 ? '' : 's'}` };
  });
}

function base(width: number, height: number, description: string) {
  return { $schema: SCHEMA, width, height, description, autosize: { type: 'fit' as const, contains: 'padding' as const }, padding: 6 };
}

export function histogramSpec(r: FitResult, theme: ChartTheme, width: number, height = 220): TopLevelSpec {
  const bins = histogramBins(r.residuals.values);
  return {
    ...base(width, height, `Histogram of the ${r.n} residuals`),
    layer: [
      {
        data: { values: bins },
        mark: { type: 'bar', color: theme.accent, opacity: 0.85, stroke: theme.bg, strokeWidth: 0.5 },
        encoding: {
          x: { field: 'x0', type: 'quantitative', bin: { binned: true }, title: `Residual (observed − fitted ${r.dependent})` },
          x2: { field: 'x1' },
          y: { field: 'count', type: 'quantitative', title: 'Observations' },
          description: { field: 'desc', type: 'nominal' },
          tooltip: [
            { field: 'range', type: 'nominal', title: 'Residuals in' },
            { field: 'count', type: 'quantitative', title: 'Observations' },
          ],
        },
      },
      {
        data: { values: [{ x: 0 }] },
        mark: { type: 'rule', color: theme.fg, strokeWidth: 1.5, strokeDash: [5, 3] },
        encoding: { x: { field: 'x', type: 'quantitative' } },
      },
    ],
  } as TopLevelSpec;
}

// ---------------------------------------------------------------------------------------------
// Fitted vs observed

export function fittedSpec(r: FitResult, theme: ChartTheme, width: number, height = 220): TopLevelSpec {
  const pts = r.fitted.map((f, i) => ({
    obs: i,
    id: r.ids[i] ?? String(i + 1),
    fitted: f,
    observed: r.observed[i],
    tFitted: fmt(f),
    tObserved: fmt(r.observed[i]),
    tResidual: fmt(r.residuals.values[i] ?? NaN),
    desc: `${r.ids[i] ?? i + 1}: observed ${fmt(r.observed[i])}, fitted ${fmt(f)}`,
  }));
  const [lo, hi] = finiteExtent(r.fitted, r.observed);
  return {
    ...base(width, height, `Observed against fitted ${r.dependent} for ${r.n} observations`),
    params: [hlParam],
    layer: [
      {
        data: { values: [{ a: lo, b: lo }, { a: hi, b: hi }] },
        mark: { type: 'line', color: theme.fg, strokeWidth: 1.5, strokeDash: [6, 4], clip: true },
        encoding: { x: { field: 'a', type: 'quantitative' }, y: { field: 'b', type: 'quantitative' } },
      },
      {
        data: { values: pts },
        mark: { type: 'circle', color: theme.accent, cursor: 'pointer' },
        encoding: {
          x: { field: 'fitted', type: 'quantitative', title: `Fitted ${r.dependent}`, scale: { zero: false, nice: true } },
          y: { field: 'observed', type: 'quantitative', title: `Observed ${r.dependent}`, scale: { zero: false, nice: true } },
          ...selectedPoint(theme),
          description: { field: 'desc', type: 'nominal' },
          tooltip: [
            { field: 'id', type: 'nominal', title: 'Observation' },
            { field: 'tObserved', type: 'nominal', title: 'Observed' },
            { field: 'tFitted', type: 'nominal', title: 'Fitted' },
            { field: 'tResidual', type: 'nominal', title: 'Residual' },
          ],
        },
      },
    ],
  } as TopLevelSpec;
}

/** Scatter points: the selected observation (param `hl`) drawn larger, opaque and outlined. */
function selectedPoint(theme: ChartTheme) {
  return {
    size: { condition: { test: 'datum.obs === hl', value: 140 }, value: 36 },
    opacity: { condition: { test: 'datum.obs === hl', value: 1 }, value: 0.75 },
    stroke: { condition: { test: 'datum.obs === hl', value: theme.highlight }, value: null },
  };
}

// ---------------------------------------------------------------------------------------------
// Moran scatterplot of the residuals: e against W·e, with the least-squares line through the means

export function moranSlope(e: readonly number[], we: readonly number[]): { slope: number; meanE: number; meanWe: number } {
  const n = Math.min(e.length, we.length);
  let me = 0;
  let mw = 0;
  for (let i = 0; i < n; i++) {
    me += e[i];
    mw += we[i];
  }
  me /= n || 1;
  mw /= n || 1;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < n; i++) {
    sxy += (e[i] - me) * (we[i] - mw);
    sxx += (e[i] - me) ** 2;
  }
  return { slope: sxx > 0 ? sxy / sxx : NaN, meanE: me, meanWe: mw };
}

export function moranSpec(r: FitResult, lagged: readonly number[], theme: ChartTheme, width: number, height = 220): TopLevelSpec {
  const e = r.residuals.values;
  const pts = e.map((x, i) => ({ obs: i, id: r.ids[i] ?? String(i + 1), e: x, we: lagged[i], tE: fmt(x), tWe: fmt(lagged[i]), desc: `${r.ids[i] ?? i + 1}: residual ${fmt(x)}, W·residual ${fmt(lagged[i])}` }));
  const { slope, meanE, meanWe } = moranSlope(e, lagged);
  const [lo, hi] = finiteExtent(e);
  const line = Number.isFinite(slope) ? [{ a: lo, b: meanWe + slope * (lo - meanE) }, { a: hi, b: meanWe + slope * (hi - meanE) }] : [];
  return {
    ...base(width, height, `Moran scatterplot: residuals against the spatial lag of the residuals, slope ${formatSignif(slope, 5)}`),
    params: [hlParam],
    layer: [
      { data: { values: [{ v: 0 }] }, mark: { type: 'rule', color: theme.fg, opacity: 0.6, strokeDash: [3, 3] }, encoding: { x: { field: 'v', type: 'quantitative' } } },
      { data: { values: [{ v: 0 }] }, mark: { type: 'rule', color: theme.fg, opacity: 0.6, strokeDash: [3, 3] }, encoding: { y: { field: 'v', type: 'quantitative' } } },
      {
        data: { values: line },
        mark: { type: 'line', color: theme.line, strokeWidth: 2.5, clip: true },
        encoding: { x: { field: 'a', type: 'quantitative' }, y: { field: 'b', type: 'quantitative' } },
      },
      {
        data: { values: pts },
        mark: { type: 'circle', color: theme.accent, cursor: 'pointer' },
        encoding: {
          x: { field: 'e', type: 'quantitative', title: 'Residual e', scale: { nice: true } },
          y: { field: 'we', type: 'quantitative', title: 'Spatial lag of the residual, W·e', scale: { nice: true } },
          ...selectedPoint(theme),
          description: { field: 'desc', type: 'nominal' },
          tooltip: [
            { field: 'id', type: 'nominal', title: 'Observation' },
            { field: 'tE', type: 'nominal', title: 'Residual' },
            { field: 'tWe', type: 'nominal', title: 'W·residual' },
          ],
        },
      },
    ],
  } as TopLevelSpec;
}

// ---------------------------------------------------------------------------------------------
// Spillover map

export interface MapQuantity {
  /** 'indirect:INC', 'total:INC', 'direct:INC', 'residual', 'fitted', 'observed', 'lagResidual'. */
  key: string;
  label: string;
  values: readonly number[];
}

/** The per-observation quantities the map can show, spillovers first. */
export function mapQuantities(r: FitResult, lagged?: readonly number[]): MapQuantity[] {
  const q: MapQuantity[] = [];
  for (const s of r.localSpillover ?? []) {
    q.push({ key: `indirect:${s.name}`, label: `Spillover of ${s.name} (local indirect effect)`, values: s.indirect });
    q.push({ key: `total:${s.name}`, label: `Local total effect of ${s.name}`, values: s.total });
    q.push({ key: `direct:${s.name}`, label: `Local direct effect of ${s.name}`, values: s.direct });
  }
  q.push({ key: 'residual', label: 'Residual', values: r.residuals.values });
  q.push({ key: 'fitted', label: `Fitted ${r.dependent}`, values: r.fitted });
  q.push({ key: 'observed', label: `Observed ${r.dependent}`, values: r.observed });
  if (lagged && lagged.length === r.n) q.push({ key: 'lagResidual', label: 'Spatial lag of the residual (W·e)', values: lagged });
  return q.filter((x) => x.values.length === r.n);
}

/** Signed area of a flat ring (shoelace; positive = counter-clockwise with y up). */
export function ringArea(r: FlatRing): number {
  let a = 0;
  const m = r.length / 2;
  for (let i = 0; i < m; i++) {
    const j = (i + 1) % m;
    a += r[2 * i] * r[2 * j + 1] - r[2 * j] * r[2 * i + 1];
  }
  return a / 2;
}

function ringPairs(r: FlatRing, clockwise: boolean | undefined): [number, number][] {
  const pts: [number, number][] = [];
  for (let k = 0; k + 1 < r.length; k += 2) pts.push([r[k], r[k + 1]]);
  if (pts.length && (pts[0][0] !== pts[pts.length - 1][0] || pts[0][1] !== pts[pts.length - 1][1])) pts.push([pts[0][0], pts[0][1]]);
  if (clockwise !== undefined && ringArea(r) > 0 === clockwise) pts.reverse();
  return pts;
}

/**
 * GeoJSON features for the polygons. On the sphere (lon/lat) d3-geo wants exterior rings
 * clockwise and holes counter-clockwise (the opposite of RFC 7946), else a polygon is read as the
 * rest of the world; planar (identity) drawing does not care.
 */
export function polygonFeatures(map: Extract<MapData, { kind: 'polygons' }>, props: (i: number) => Record<string, unknown>) {
  const sphere = map.coordinates === 'lonlat';
  const out: { type: 'Feature'; geometry: { type: 'MultiPolygon'; coordinates: [number, number][][][] }; properties: Record<string, unknown> }[] = [];
  map.shapes.forEach((parts, i) => {
    if (!parts.length) return;
    const coordinates = parts.map((rings) => rings.map((ring, k) => ringPairs(ring, sphere ? k === 0 : undefined)));
    out.push({ type: 'Feature', geometry: { type: 'MultiPolygon', coordinates }, properties: props(i) });
  });
  return out;
}

/** Bounding box of the map, and its height / width ratio as drawn. */
export function mapAspect(map: MapData): number {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  const add = (x: number, y: number) => {
    if (!Number.isFinite(x) || !Number.isFinite(y)) return;
    minX = Math.min(minX, x);
    maxX = Math.max(maxX, x);
    minY = Math.min(minY, y);
    maxY = Math.max(maxY, y);
  };
  if (map.kind === 'polygons') for (const parts of map.shapes) for (const rings of parts) for (const r of rings) for (let k = 0; k + 1 < r.length; k += 2) add(r[k], r[k + 1]);
  else map.x.forEach((x, i) => add(x, map.y[i]));
  if (!(maxX > minX) || !(maxY > minY)) return 0.75;
  if (map.coordinates === 'lonlat') {
    const merc = (lat: number) => Math.log(Math.tan(Math.PI / 4 + (Math.max(-85, Math.min(85, lat)) * Math.PI) / 360));
    return (merc(maxY) - merc(minY)) / (((maxX - minX) * Math.PI) / 180);
  }
  return (maxY - minY) / (maxX - minX);
}

/** How the map classes and colours its quantity (the engine's classifications and colour-blind-safe palettes). */
export type MapStyle = ClassedOptions;

/** A quantity's default: quantiles of 5 on viridis, or a box map on a diverging palette when it straddles 0 (residuals, effects of either sign). */
export function defaultMapStyle(values: readonly number[]): MapStyle {
  const palette = defaultPalette(values);
  return palette === 'viridis' ? { method: 'quantile', k: 5, palette } : { method: 'boxMap', hinge: 1.5, palette, reverse: reversedByDefault(palette) };
}

/**
 * Where each point's label goes, in the plot's pixels: the points projected as vega's `fit` does
 * (d3 fitExtent: the largest scale that fits the extent, centred), then the engine's label placer,
 * which drops the labels that would overlap another label or a point. Undefined for dropped ones.
 */
export function pointLabelBoxes(map: Extract<MapData, { kind: 'points' }>, labels: readonly string[], extent: number[][], fontSize: number): ({ x: number; y: number } | undefined)[] {
  const n = map.x.length;
  const px = new Float64Array(n);
  const py = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const [x, y] = map.coordinates === 'lonlat' ? mercator(map.x[i], map.y[i]) : [map.x[i], map.y[i]];
    px[i] = x;
    py[i] = -y;
  }
  const [lo, hi] = finiteExtent(Array.from(px));
  const [ylo, yhi] = finiteExtent(Array.from(py));
  const w = extent[1][0] - extent[0][0];
  const h = extent[1][1] - extent[0][1];
  const k = Math.min(w / (hi - lo || 1), h / (yhi - ylo || 1));
  const ox = extent[0][0] + (w - k * (hi + lo)) / 2;
  const oy = extent[0][1] + (h - k * (yhi + ylo)) / 2;
  const candidates = labels.map((t, i) => ({ x: ox + k * px[i], y: oy + k * py[i], width: t.length * fontSize * 0.6 + 2, height: fontSize + 2 }))
    .map((c) => (Number.isFinite(c.x) && Number.isFinite(c.y) ? c : { ...c, x: -1e6, y: -1e6 }));
  const { placed } = placeLabels(candidates, { markerRadius: 6, gap: 5 });
  const out: ({ x: number; y: number } | undefined)[] = new Array(n).fill(undefined);
  for (const p of placed) if (candidates[p.index].x > -1e5) out[p.index] = { x: p.box.x0, y: p.box.y0 };
  return out;
}

export interface MapCaption {
  /** "lag model: CRIME ~ INC + HOVAL" */
  model: string;
  /** "Geometry: polygons from geometry.geojson" */
  source: string;
}

export function mapSpec(map: MapData, q: MapQuantity, r: FitResult, theme: ChartTheme, width: number, style: MapStyle = defaultMapStyle(q.values), caption?: MapCaption): TopLevelSpec {
  const layer = classedLayer(q.label, q.values, style);
  const legendWidth = 190;
  const plotWidth = Math.max(160, width - legendWidth);
  const height = Math.round(Math.max(220, Math.min(560, plotWidth * mapAspect(map))));
  const continuous = style.method === 'continuous';
  const labels = layer.legend.map((e) => `${e.label} (${e.count})`);
  const labelOf = new Map(layer.legend.map((e, j) => [e.cls, labels[j]]));
  const props = (i: number) => {
    const id = r.ids[i] ?? map.ids[i] ?? String(i + 1);
    return { obs: i, id, value: q.values[i], cls: labelOf.get(layer.classOf[i]) ?? labels[labels.length - 1], label: fmt(q.values[i]), desc: `${id}: ${q.label} ${fmt(q.values[i])}` };
  };
  // Fit the shapes into the plot with a margin (points get room for their labels on the right).
  const pointLabels = map.kind === 'points' && map.x.length <= 80;
  const m = map.kind === 'points' ? 14 : 4;
  const extent = [[m, m], [plotWidth - m - (pointLabels ? 70 : 0), height - m]];
  const projection = map.coordinates === 'lonlat' ? { type: 'mercator' as const, extent } : { type: 'identity' as const, reflectY: true, extent };
  // The palette is the same in every theme; the theme sets only the background, text and (high contrast) outlines.
  const color = continuous
    ? { field: 'value', type: 'quantitative' as const, title: legendTitle(q.label), scale: { range: layer.gradient }, legend: { orient: 'right' as const, direction: 'vertical' as const } }
    : { field: 'cls', type: 'nominal' as const, title: legendTitle(q.label), scale: { domain: labels, range: layer.legend.map((e) => e.color) }, legend: { orient: 'right' as const, direction: 'vertical' as const, symbolType: 'square', symbolStrokeColor: theme.muted, symbolStrokeWidth: 0.5, labelLimit: 220 } };
  const outline = theme.kind === 'high-contrast' ? theme.fg : theme.bg;
  const outlineWidth = theme.kind === 'high-contrast' ? 1 : 0.7;
  const tooltip = (prefix: string) => [
    { field: `${prefix}id`, type: 'nominal' as const, title: 'Observation' },
    { field: `${prefix}label`, type: 'nominal' as const, title: q.label },
    ...(continuous ? [] : [{ field: `${prefix}cls`, type: 'nominal' as const, title: 'Class' }]),
  ];
  const description = `Map of ${q.label} for ${r.n} observations`;
  const title = { text: q.label, subtitle: [...(caption ? [caption.model, caption.source] : []), layer.note ?? ''].filter(Boolean), anchor: 'start' as const, subtitleColor: theme.muted };
  if (map.kind === 'polygons') {
    // Two layers: the choropleth, then the highlighted observation's outline on top of its neighbours.
    return {
      ...base(plotWidth, height, description),
      title,
      autosize: { type: 'pad' },
      params: [hlParam],
      data: { values: polygonFeatures(map, (i) => props(i)) },
      projection,
      layer: [
        {
          mark: { type: 'geoshape', cursor: 'pointer', strokeJoin: 'round', stroke: outline, strokeWidth: outlineWidth },
          encoding: { color: continuous ? { ...color, field: 'properties.value' } : { ...color, field: 'properties.cls' }, description: { field: 'properties.desc', type: 'nominal' }, tooltip: tooltip('properties.') },
        },
        {
          // The selected area keeps its fill: an outline only, fg over a wider bg line so it shows on any colour.
          transform: [{ filter: 'datum.properties.obs === hl' }],
          mark: { type: 'geoshape', filled: false, fill: null, stroke: theme.bg, strokeWidth: 5, strokeJoin: 'round', aria: false },
        },
        {
          transform: [{ filter: 'datum.properties.obs === hl' }],
          mark: { type: 'geoshape', filled: false, fill: null, stroke: theme.fg, strokeWidth: 2.5, strokeJoin: 'round', aria: false },
        },
      ],
    } as TopLevelSpec;
  }
  const fontSize = Math.max(9, theme.fontSize - 3);
  const boxes = pointLabels ? pointLabelBoxes(map, map.x.map((_, i) => r.ids[i] ?? map.ids[i] ?? String(i + 1)), extent, fontSize) : [];
  const pts = map.x.map((x, i) => ({ lon: x, lat: map.y[i], ...props(i) })).filter((p) => Number.isFinite(p.lon) && Number.isFinite(p.lat));
  const labelled = pts.flatMap((p) => (boxes[p.obs] ? [{ id: p.id, lx: boxes[p.obs]!.x, ly: boxes[p.obs]!.y }] : []));
  const position = { longitude: { field: 'lon', type: 'quantitative' }, latitude: { field: 'lat', type: 'quantitative' } };
  return {
    ...base(plotWidth, height, description),
    title,
    autosize: { type: 'pad' },
    params: [hlParam],
    data: { values: pts },
    projection,
    layer: [
      ...(pointLabels
        ? [{
          // Labels placed beside their points in pixels; those that would overlap are left out.
          data: { values: labelled },
          mark: { type: 'text', align: 'left', baseline: 'top', fontSize, color: theme.muted, aria: false },
          encoding: { x: { field: 'lx', type: 'quantitative', scale: null }, y: { field: 'ly', type: 'quantitative', scale: null }, text: { field: 'id', type: 'nominal' } },
        }]
        : []),
      {
        mark: { type: 'circle', cursor: 'pointer', opacity: 0.95 },
        encoding: {
          ...position,
          color,
          size: { condition: { test: 'datum.obs === hl', value: 260 }, value: 90 },
          stroke: { condition: { test: 'datum.obs === hl', value: theme.fg }, value: outline },
          strokeWidth: { condition: { test: 'datum.obs === hl', value: 3 }, value: 0.8 },
          description: { field: 'desc', type: 'nominal' },
          tooltip: tooltip(''),
        },
      },
    ],
  } as TopLevelSpec;
}

/** Legend titles wrap onto lines of ~22 characters (vega-lite takes an array of lines). */
export function legendTitle(label: string): string[] {
  const words = label.split(' ');
  const lines: string[] = [];
  let cur = '';
  for (const w of words) {
    if (cur && (cur + ' ' + w).length > 22) {
      lines.push(cur);
      cur = w;
    } else cur = cur ? `${cur} ${w}` : w;
  }
  if (cur) lines.push(cur);
  return lines;
}
