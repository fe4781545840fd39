/**
 * LISA cluster and hot-spot classes with GeoDa's colours (libgeoda `UniLocalMoran`, `UniGstar`):
 * the class of an observation is its scatterplot quadrant when its (adjusted) p-value is at most
 * α, else "Not significant"; observations without neighbours are "Isolated".
 */
import type { QuadrantCodes } from './quadrants';

export interface ClassStyle {
  readonly label: string;
  /** Fill colour, #rrggbb. */
  readonly color: string;
}

/** Local Moran cluster classes, GeoDa's order and colours. */
export const LISA_CLASSES = {
  notSignificant: { label: 'Not significant', color: '#eeeeee' },
  highHigh: { label: 'High-High', color: '#ff0000' },
  lowLow: { label: 'Low-Low', color: '#0000ff' },
  lowHigh: { label: 'Low-High', color: '#a7adf9' },
  highLow: { label: 'High-Low', color: '#f4ada8' },
  isolated: { label: 'Isolated', color: '#999999' },
} as const satisfies Record<string, ClassStyle>;
export type LisaClass = keyof typeof LISA_CLASSES;
export const LISA_CLASS_ORDER: readonly LisaClass[] = ['highHigh', 'lowLow', 'lowHigh', 'highLow', 'notSignificant', 'isolated'];

/** Getis–Ord G / G* hot and cold spots, GeoDa's colours. */
export const HOTSPOT_CLASSES = {
  notSignificant: { label: 'Not significant', color: '#eeeeee' },
  hot: { label: 'Hot spot (High)', color: '#ff0000' },
  cold: { label: 'Cold spot (Low)', color: '#0000ff' },
  isolated: { label: 'Isolated', color: '#999999' },
} as const satisfies Record<string, ClassStyle>;
export type HotspotClass = keyof typeof HOTSPOT_CLASSES;
export const HOTSPOT_CLASS_ORDER: readonly HotspotClass[] = ['hot', 'cold', 'notSignificant', 'isolated'];

const QUADRANT_CLASS: readonly LisaClass[] = ['lowLow', 'highLow', 'lowHigh', 'highHigh'];

export interface Classes<C extends string> {
  readonly classOf: C[];
  readonly counts: Record<C, number>;
}

function tally<C extends string>(classOf: C[], order: readonly C[]): Classes<C> {
  const counts = Object.fromEntries(order.map((c) => [c, 0])) as Record<C, number>;
  for (const c of classOf) counts[c]++;
  return { classOf, counts };
}

/**
 * Cluster class per observation from its quadrant code, p-value (already adjusted if wanted)
 * and cardinality (0 = isolated). Significant means p ≤ α, as GeoDa.
 */
export function lisaClusters(quadrant: QuadrantCodes, p: ArrayLike<number>, cardinality: ArrayLike<number>, alpha = 0.05): Classes<LisaClass> {
  checkAlpha(alpha);
  const out: LisaClass[] = new Array(quadrant.length);
  for (let i = 0; i < quadrant.length; i++) {
    out[i] = cardinality[i] === 0 ? 'isolated' : p[i] <= alpha ? QUADRANT_CLASS[quadrant[i]] : 'notSignificant';
  }
  return tally(out, LISA_CLASS_ORDER);
}

/** Hot (z > 0) and cold (z < 0) spots of G / G* z-values with p ≤ α. */
export function hotspotClasses(z: ArrayLike<number>, p: ArrayLike<number>, cardinality: ArrayLike<number>, alpha = 0.05): Classes<HotspotClass> {
  checkAlpha(alpha);
  const out: HotspotClass[] = new Array(z.length);
  for (let i = 0; i < z.length; i++) {
    out[i] = cardinality[i] === 0 ? 'isolated' : p[i] <= alpha && z[i] !== 0 ? (z[i] > 0 ? 'hot' : 'cold') : 'notSignificant';
  }
  return tally(out, HOTSPOT_CLASS_ORDER);
}

function checkAlpha(alpha: number): void {
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`the significance level must be in (0, 1), got ${alpha}`);
}
