/**
 * The observations' geometry in map units, computed once per map and shared by every canvas
 * that draws it: projected rings (planar as given, lon/lat by Mercator), per observation its
 * bounding box and anchor (a point, or the area centroid of a polygon's largest part: where
 * links start and labels sit), and a uniform grid for hit tests. Pure (no DOM): unit-tested.
 */
import type { FlatRing, MapData } from '../../src/protocol';
import { insideRings } from '../../src/core/map/rings';

export interface MapGeometry {
  kind: 'polygons' | 'points';
  n: number;
  /** Projected rings per observation: parts → rings → flat [x0, y0, …] (y up). */
  rings: Float64Array[][];
  anchorX: Float64Array;
  anchorY: Float64Array;
  /** Per observation [x0, y0, x1, y1] (NaN when it has no geometry). */
  bbox: Float64Array;
  bounds: { x0: number; y0: number; x1: number; y1: number };
  grid: HitGrid;
}

const RAD = Math.PI / 180;
/** Web Mercator in radians, latitude clamped to ±85°. */
export function mercator(lon: number, lat: number): [number, number] {
  const phi = Math.max(-85, Math.min(85, lat)) * RAD;
  return [lon * RAD, Math.log(Math.tan(Math.PI / 4 + phi / 2))];
}

/** Area-weighted centroid of a ring (shoelace); the vertex mean for a degenerate ring. */
export function ringCentroid(r: ArrayLike<number>): { x: number; y: number; area: number } {
  const m = r.length >> 1;
  let a = 0;
  let cx = 0;
  let cy = 0;
  for (let i = 0; i < m; i++) {
    const j = (i + 1) % m;
    const cross = r[2 * i] * r[2 * j + 1] - r[2 * j] * r[2 * i + 1];
    a += cross;
    cx += (r[2 * i] + r[2 * j]) * cross;
    cy += (r[2 * i + 1] + r[2 * j + 1]) * cross;
  }
  if (Math.abs(a) < 1e-300 || !Number.isFinite(a)) {
    let sx = 0;
    let sy = 0;
    for (let i = 0; i < m; i++) {
      sx += r[2 * i];
      sy += r[2 * i + 1];
    }
    return { x: sx / (m || 1), y: sy / (m || 1), area: 0 };
  }
  return { x: cx / (3 * a), y: cy / (3 * a), area: Math.abs(a / 2) };
}

/** Even-odd point-in-polygon over every ring (holes subtract): the engine's own test. */
export { insideRings };

/** A uniform grid of observation boxes (about one observation per cell). */
export class HitGrid {
  private readonly cells: Int32Array[];
  readonly cols: number;
  readonly rows: number;

  constructor(bbox: Float64Array, private readonly bounds: MapGeometry['bounds'], n: number) {
    const side = Math.max(1, Math.ceil(Math.sqrt(n)));
    this.cols = side;
    this.rows = side;
    const lists: number[][] = Array.from({ length: side * side }, () => []);
    for (let i = 0; i < n; i++) {
      if (!Number.isFinite(bbox[4 * i])) continue;
      const [ax, ay] = this.cell(bbox[4 * i], bbox[4 * i + 1]);
      const [bx, by] = this.cell(bbox[4 * i + 2], bbox[4 * i + 3]);
      for (let cx = ax; cx <= bx; cx++) for (let cy = ay; cy <= by; cy++) lists[cy * side + cx].push(i);
    }
    this.cells = lists.map((l) => Int32Array.from(l));
  }

  cell(x: number, y: number): [number, number] {
    const b = this.bounds;
    const fx = (x - b.x0) / (b.x1 - b.x0 || 1);
    const fy = (y - b.y0) / (b.y1 - b.y0 || 1);
    return [Math.min(this.cols - 1, Math.max(0, Math.floor(fx * this.cols))), Math.min(this.rows - 1, Math.max(0, Math.floor(fy * this.rows)))];
  }

  /** Observations whose box is in the cells within `radius` map units of (x, y). */
  near(x: number, y: number, radius: number): number[] {
    const [ax, ay] = this.cell(x - radius, y - radius);
    const [bx, by] = this.cell(x + radius, y + radius);
    const out = new Set<number>();
    for (let cx = ax; cx <= bx; cx++) for (let cy = ay; cy <= by; cy++) for (const i of this.cells[cy * this.cols + cx]) out.add(i);
    return [...out];
  }
}

export function buildGeometry(map: MapData): MapGeometry {
  const project = map.coordinates === 'lonlat' ? mercator : (x: number, y: number): [number, number] => [x, y];
  const n = map.kind === 'polygons' ? map.shapes.length : map.x.length;
  const anchorX = new Float64Array(n).fill(NaN);
  const anchorY = new Float64Array(n).fill(NaN);
  const bbox = new Float64Array(4 * n).fill(NaN);
  const rings: Float64Array[][] = [];
  const bounds = { x0: Infinity, y0: Infinity, x1: -Infinity, y1: -Infinity };
  const grow = (i: number, x: number, y: number) => {
    if (!Number.isFinite(x) || !Number.isFinite(y)) return;
    const o = 4 * i;
    if (!(bbox[o] <= x)) bbox[o] = x;
    if (!(bbox[o + 1] <= y)) bbox[o + 1] = y;
    if (!(bbox[o + 2] >= x)) bbox[o + 2] = x;
    if (!(bbox[o + 3] >= y)) bbox[o + 3] = y;
    bounds.x0 = Math.min(bounds.x0, x);
    bounds.y0 = Math.min(bounds.y0, y);
    bounds.x1 = Math.max(bounds.x1, x);
    bounds.y1 = Math.max(bounds.y1, y);
  };
  if (map.kind === 'polygons') {
    map.shapes.forEach((parts: FlatRing[][], i) => {
      const out: Float64Array[] = [];
      let best = -1;
      for (const part of parts) {
        part.forEach((ring, k) => {
          const r = new Float64Array(ring.length);
          for (let p = 0; p + 1 < ring.length; p += 2) {
            const [x, y] = project(ring[p], ring[p + 1]);
            r[p] = x;
            r[p + 1] = y;
            grow(i, x, y);
          }
          out.push(r);
          if (k === 0) {
            const c = ringCentroid(r);
            if (c.area > best) {
              best = c.area;
              anchorX[i] = c.x;
              anchorY[i] = c.y;
            }
          }
        });
      }
      rings.push(out);
    });
  } else {
    for (let i = 0; i < n; i++) {
      const [x, y] = project(map.x[i], map.y[i]);
      if (Number.isFinite(x) && Number.isFinite(y)) {
        anchorX[i] = x;
        anchorY[i] = y;
        grow(i, x, y);
      }
      rings.push([]);
    }
  }
  if (!(bounds.x1 >= bounds.x0)) Object.assign(bounds, { x0: 0, y0: 0, x1: 1, y1: 1 });
  if (bounds.x1 === bounds.x0) bounds.x1 = bounds.x0 + 1;
  if (bounds.y1 === bounds.y0) bounds.y1 = bounds.y0 + 1;
  return { kind: map.kind, n, rings, anchorX, anchorY, bbox, bounds, grid: new HitGrid(bbox, bounds, n) };
}

/** The observation at map point (x, y): the polygon that contains it, or the nearest point within `radius`. */
export function hitTest(g: MapGeometry, x: number, y: number, radius: number): number | undefined {
  let best: number | undefined;
  let bestD = Infinity;
  for (const i of g.grid.near(x, y, radius)) {
    if (g.kind === 'polygons') {
      const o = 4 * i;
      if (x < g.bbox[o] || x > g.bbox[o + 2] || y < g.bbox[o + 1] || y > g.bbox[o + 3]) continue;
      if (insideRings(g.rings[i], x, y)) return i;
    } else {
      const d = Math.hypot(g.anchorX[i] - x, g.anchorY[i] - y);
      if (d <= radius && d < bestD) {
        bestD = d;
        best = i;
      }
    }
  }
  return best;
}
