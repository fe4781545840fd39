/**
 * Colour-blind-safe palettes for classed and continuous maps, the same in every theme: the
 * ColorBrewer sequential and diverging schemes that ColorBrewer marks colour-blind safe, and the
 * viridis family (tables in paletteTables.ts, with their sources). vega-scale's `scheme()` has
 * these only as continuous interpolators (not ColorBrewer's per-class-count tables) and is an
 * ES module that drags d3-scale into the engine, so the small tables live here.
 */
import { BREWER_DIVERGING, BREWER_SEQUENTIAL, VIRIDIS, type PaletteTable } from './paletteTables';

export type PaletteKind = 'sequential' | 'diverging';

export interface PaletteInfo {
  name: string;
  kind: PaletteKind;
  family: 'ColorBrewer' | 'viridis';
  /** Class counts with a designed table; other counts are interpolated. */
  minClasses: number;
  maxClasses: number;
}

const TABLES: Record<string, { table: PaletteTable; info: PaletteInfo }> = {};
for (const [family, kind, group] of [
  ['ColorBrewer', 'sequential', BREWER_SEQUENTIAL], ['ColorBrewer', 'diverging', BREWER_DIVERGING], ['viridis', 'sequential', VIRIDIS],
] as const) {
  for (const [name, table] of Object.entries(group)) {
    TABLES[name] = { table, info: { name, kind, family, minClasses: table[0], maxClasses: table[0] + table[1].length - 1 } };
  }
}

/** Every palette, sequential ones first. */
export const PALETTES: readonly PaletteInfo[] = Object.values(TABLES).map((t) => t.info).sort((a, b) => (a.kind === b.kind ? 0 : a.kind === 'sequential' ? -1 : 1));

export function paletteInfo(name: string): PaletteInfo | undefined {
  return TABLES[name]?.info;
}

function entry(name: string): { table: PaletteTable; info: PaletteInfo } {
  const t = TABLES[name];
  if (!t) throw new RangeError(`unknown palette ${JSON.stringify(name)}; known: ${Object.keys(TABLES).join(', ')}`);
  return t;
}

/**
 * k colours (#rrggbb, low to high; `reverse` for high to low): the designed table when the
 * palette has one for k, else k evenly spaced samples of its continuous ramp.
 */
export function paletteColors(name: string, k: number, reverse = false): string[] {
  if (!(Number.isInteger(k) && k >= 1 && k <= 256)) throw new RangeError(`the number of colours must be an integer in 1..256, got ${k}`);
  const { table, info } = entry(name);
  let out: string[];
  if (k >= info.minClasses && k <= info.maxClasses) out = [...table[1][k - info.minClasses]];
  else out = Array.from({ length: k }, (_, i) => paletteRamp(name, k === 1 ? 0.5 : i / (k - 1)));
  return reverse ? out.reverse() : out;
}

/** The colour at t ∈ [0, 1] of the palette's continuous ramp: linear RGB between the colours of its largest table. */
export function paletteRamp(name: string, t: number, reverse = false): string {
  const { table } = entry(name);
  const stops = table[1][table[1].length - 1];
  let u = Math.min(1, Math.max(0, Number.isFinite(t) ? t : 0));
  if (reverse) u = 1 - u;
  const x = u * (stops.length - 1);
  const i = Math.min(stops.length - 2, Math.floor(x));
  const f = x - i;
  const a = rgb(stops[i]);
  const b = rgb(stops[i + 1]);
  return hex(a.map((v, c) => v + f * (b[c] - v)));
}

function rgb(h: string): number[] {
  return [1, 3, 5].map((o) => parseInt(h.slice(o, o + 2), 16));
}

function hex(c: number[]): string {
  return '#' + c.map((v) => Math.round(v).toString(16).padStart(2, '0')).join('');
}
