/**
 * What a map colours each observation by, with its legend: a class per observation, a colour
 * per class, and per class its label and count. Built from the engine's classification and
 * palettes (src/core/map) and its LISA / hot-spot classes (src/core/local), so the colours are
 * the same in every theme. Pure (no DOM): unit-tested.
 */
import { classify, type ClassificationMethod } from '../../src/core/map/classify';
import { paletteColors, paletteInfo, paletteRamp } from '../../src/core/map/palettes';
import { adjustPValues, type PAdjustMethod } from '../../src/core/local/padjust';
import { HOTSPOT_CLASS_ORDER, HOTSPOT_CLASSES, LISA_CLASS_ORDER, LISA_CLASSES, type LisaClass } from '../../src/core/local/clusters';
import { formatSignif } from '../../src/core/report/format';

export interface LegendEntry {
  label: string;
  color: string;
  count: number;
  /** The class (index into the layer's colours) the entry stands for; none for "no value" or a ramp. */
  cls?: number;
}

export interface MapLayer {
  /** The map's heading: the quantity it shows. */
  title: string;
  /** Class of each observation (index into `colors`), −1 for no value. */
  classOf: Int16Array;
  colors: string[];
  legend: LegendEntry[];
  /** Continuous maps: the ramp's colours low → high, for a gradient legend. */
  gradient?: string[];
  /** A line under the legend (the method, hinges, adjustment). */
  note?: string;
}

export const UNDEFINED_COLOR = '#bdbdbd';
/** Okabe & Ito (2008): eight colours told apart under every common colour-vision deficiency; for categories (components). */
export const OKABE_ITO = ['#e69f00', '#56b4e9', '#009e73', '#f0e442', '#0072b2', '#d55e00', '#cc79a7', '#000000'];

export interface ClassedOptions {
  method: ClassificationMethod;
  k?: number;
  hinge?: 1.5 | 3;
  palette: string;
  reverse?: boolean;
}

/** Steps of a continuous ramp (the map draws each observation in the nearest of them). */
const RAMP_STEPS = 64;

export const METHOD_LABELS: Record<ClassificationMethod, string> = {
  continuous: 'continuous', quantile: 'quantiles', naturalBreaks: 'natural breaks (Jenks)', equalInterval: 'equal intervals', standardDeviation: 'standard deviations', boxMap: 'box map',
};

export function classedLayer(title: string, values: ArrayLike<number>, o: ClassedOptions): MapLayer {
  const c = classify(values, { method: o.method, k: o.k, hinge: o.hinge });
  const n = values.length;
  const undefinedEntry = c.undefinedCount ? [{ label: 'no value', color: UNDEFINED_COLOR, count: c.undefinedCount }] : [];
  if (o.method === 'continuous') {
    const colors = Array.from({ length: RAMP_STEPS }, (_, s) => paletteRamp(o.palette, s / (RAMP_STEPS - 1), o.reverse));
    const classOf = new Int16Array(n);
    const span = c.max - c.min;
    for (let i = 0; i < n; i++) {
      const v = values[i];
      classOf[i] = Number.isFinite(v) ? Math.round(span > 0 ? ((v - c.min) / span) * (RAMP_STEPS - 1) : (RAMP_STEPS - 1) / 2) : -1;
    }
    return {
      title, classOf, colors, gradient: colors.filter((_, s) => s % 8 === 0 || s === RAMP_STEPS - 1),
      legend: [{ label: `${formatSignif(c.min, 4)} to ${formatSignif(c.max, 4)}`, color: colors[RAMP_STEPS - 1], count: n - c.undefinedCount }, ...undefinedEntry],
      note: 'continuous colour ramp',
    };
  }
  const k = c.classes.length;
  // Diverging palettes centre on the middle class; a box or sd map has six classes.
  const colors = paletteColors(o.palette, k, o.reverse);
  const classOf = Int16Array.from(c.classOf);
  const legend = c.classes.map((cl, j) => ({ label: cl.label, color: colors[j], count: cl.count, cls: j }));
  let note = METHOD_LABELS[o.method];
  if (c.hinges) note += `, hinge ${c.hinges.hinge}: Q1 ${formatSignif(c.hinges.q1, 4)}, median ${formatSignif(c.hinges.median, 4)}, Q3 ${formatSignif(c.hinges.q3, 4)}`;
  if (c.meanSd) note += `: mean ${formatSignif(c.meanSd.mean, 4)}, sd ${formatSignif(c.meanSd.sd, 4)}`;
  if (o.method === 'quantile' || o.method === 'naturalBreaks' || o.method === 'equalInterval') note += `, ${k} classes`;
  if (c.note) note += `; ${c.note}`;
  return { title, classOf, colors: [...colors], legend: [...legend, ...undefinedEntry], note };
}

/** A palette that suits the data: diverging when the values straddle 0 (residuals, z-values), else sequential. */
export function defaultPalette(values: ArrayLike<number>): string {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return lo < 0 && hi > 0 ? 'RdBu' : 'viridis';
}

/** Diverging ColorBrewer tables run from red (low) to blue (high); a map reads better with high = warm. */
export function reversedByDefault(palette: string): boolean {
  return paletteInfo(palette)?.kind === 'diverging';
}

/** From LISA_CLASSES' keys to the quadrant names the report carries. */
const QUADRANT_CLASS: Record<string, LisaClass> = { 'High-High': 'highHigh', 'Low-Low': 'lowLow', 'Low-High': 'lowHigh', 'High-Low': 'highLow' };

export interface Significance {
  /** Which p: localmoran's analytic or the permutation's folded pseudo p. */
  inference: 'permutation' | 'analytic';
  adjust: PAdjustMethod;
  alpha: number;
}

export const ADJUST_LABELS: Record<PAdjustMethod, string> = { none: 'no adjustment', bonferroni: 'Bonferroni', fdr: 'FDR (Benjamini–Hochberg)' };

function describe(s: Significance, nsim: number): string {
  return `${s.inference === 'permutation' ? `${nsim} permutations` : 'analytic (localmoran)'}, p ≤ ${s.alpha}, ${ADJUST_LABELS[s.adjust]}`;
}

export interface LocalInputs {
  variable: string;
  nsim: number;
  p: readonly number[];
  pSim: readonly number[];
  quadrant: readonly string[];
  cardinalities: readonly number[];
  gStarZ: readonly number[];
  gStarP: readonly number[];
}

export function adjustedP(v: LocalInputs, s: Significance): Float64Array {
  return adjustPValues(s.inference === 'permutation' ? v.pSim : v.p, s.adjust);
}

function categorical<C extends string>(title: string, classes: readonly C[], styles: Record<C, { label: string; color: string }>, classOf: C[], note: string): MapLayer {
  const index = new Map(classes.map((c, j) => [c, j]));
  const ids = Int16Array.from(classOf, (c) => index.get(c) ?? -1);
  const counts = new Array<number>(classes.length).fill(0);
  for (const j of ids) if (j >= 0) counts[j]++;
  return {
    title, classOf: ids, colors: classes.map((c) => styles[c].color), note,
    // "Isolated" only when there are isolated observations.
    legend: classes.map((c, j) => ({ label: styles[c].label, color: styles[c].color, count: counts[j], cls: j })).filter((e, j) => e.count > 0 || j < classes.length - 1),
  };
}

/** The LISA cluster map (GeoDa's classes and colours): the quadrant where p ≤ α. */
export function lisaLayer(v: LocalInputs, s: Significance): MapLayer {
  const p = adjustedP(v, s);
  const classOf = v.quadrant.map((q, i): LisaClass => (v.cardinalities[i] === 0 || q === 'none' ? 'isolated' : p[i] <= s.alpha ? QUADRANT_CLASS[q] : 'notSignificant'));
  return categorical(`LISA cluster map of ${v.variable}`, LISA_CLASS_ORDER, LISA_CLASSES, classOf, describe(s, v.nsim));
}

/** GeoDa's significance map colours (AbstractMapCanvas: str_p005 … str_p00001). */
export const SIGNIFICANCE_CLASSES = {
  notSignificant: { label: 'Not significant', color: '#f0f0f0' },
  p05: { label: 'p ≤ 0.05', color: '#4bff50' },
  p01: { label: 'p ≤ 0.01', color: '#06c40b' },
  p001: { label: 'p ≤ 0.001', color: '#037406' },
  p0001: { label: 'p ≤ 0.0001', color: '#014603' },
  isolated: { label: 'Isolated', color: '#8c8c8c' },
} as const;
type SignificanceClass = keyof typeof SIGNIFICANCE_CLASSES;
const SIGNIFICANCE_ORDER: readonly SignificanceClass[] = ['p05', 'p01', 'p001', 'p0001', 'notSignificant', 'isolated'];

export function significanceLayer(v: LocalInputs, s: Significance): MapLayer {
  const p = adjustedP(v, s);
  // GeoDa lists only the levels the permutations can reach: the smallest pseudo p is 1/(nsim + 1).
  const floor = s.inference === 'permutation' ? 1 / (v.nsim + 1) : 0;
  const classOf = v.quadrant.map((q, i): SignificanceClass => {
    if (v.cardinalities[i] === 0 || q === 'none') return 'isolated';
    const x = p[i];
    if (!(x <= s.alpha)) return 'notSignificant';
    if (x <= 0.0001 && floor <= 0.0001) return 'p0001';
    if (x <= 0.001 && floor <= 0.001) return 'p001';
    if (x <= 0.01 && floor <= 0.01) return 'p01';
    return 'p05';
  });
  return categorical(`Significance map of local Moran's I of ${v.variable}`, SIGNIFICANCE_ORDER, SIGNIFICANCE_CLASSES, classOf, describe(s, v.nsim));
}

/** G* hot and cold spots: z of localG with its two-sided analytic p (adjusted) ≤ α. */
export function hotspotLayer(v: LocalInputs, s: Pick<Significance, 'adjust' | 'alpha'>): MapLayer {
  const p = adjustPValues(v.gStarP, s.adjust);
  const classOf = v.gStarZ.map((z, i) => (v.cardinalities[i] === 0 ? 'isolated' : p[i] <= s.alpha && z !== 0 ? (z > 0 ? 'hot' : 'cold') : 'notSignificant') as keyof typeof HOTSPOT_CLASSES);
  return categorical(`G* hot and cold spots of ${v.variable}`, HOTSPOT_CLASS_ORDER, HOTSPOT_CLASSES, classOf, `localG with include.self, two-sided p ≤ ${s.alpha}, ${ADJUST_LABELS[s.adjust]}`);
}

/** The connectivity map coloured by neighbour count (one class per count when few, else by quantiles) or by connected component. */
export function cardinalityLayer(cardinalities: readonly number[], palette = 'YlGnBu'): MapLayer {
  const distinct = [...new Set(cardinalities)].sort((a, b) => a - b);
  if (distinct.length <= 9) {
    const index = new Map(distinct.map((c, j) => [c, j]));
    const colors = paletteColors(palette, Math.max(3, distinct.length)).slice(-distinct.length);
    if (distinct[0] === 0) colors[0] = '#8c8c8c'; // islands: GeoDa's neighbourless grey
    const counts = distinct.map((c) => cardinalities.filter((x) => x === c).length);
    return {
      title: 'Number of neighbours', classOf: Int16Array.from(cardinalities, (c) => index.get(c) ?? -1), colors,
      legend: distinct.map((c, j) => ({ label: `${c} neighbour${c === 1 ? '' : 's'}`, color: colors[j], count: counts[j], cls: j })),
    };
  }
  return classedLayer('Number of neighbours', cardinalities, { method: 'quantile', k: 5, palette });
}

export function componentLayer(componentOf: readonly number[], sizes: readonly number[]): MapLayer {
  // The largest components get the colours; the rest share grey.
  const order = sizes.map((_, c) => c).sort((a, b) => sizes[b] - sizes[a]);
  const rank = new Map(order.map((c, r) => [c, r]));
  const shown = Math.min(order.length, OKABE_ITO.length - 1);
  const colors = [...OKABE_ITO.slice(0, shown), '#8c8c8c'];
  const classOf = Int16Array.from(componentOf, (c) => Math.min(rank.get(c) ?? shown, shown));
  const legend: LegendEntry[] = order.slice(0, shown).map((c, r) => ({ label: `component ${r + 1}`, color: colors[r], count: sizes[c], cls: r }));
  if (order.length > shown) legend.push({ label: `${order.length - shown} smaller components`, color: colors[shown], count: order.slice(shown).reduce((s, c) => s + sizes[c], 0), cls: shown });
  return { title: 'Connected components', classOf, colors, legend };
}
