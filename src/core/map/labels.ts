/**
 * Label placement for point maps: labels never overlap each other (nor, by default, the point
 * markers). Greedy, in priority order (higher first, then input order): each label tries its
 * candidate positions around its point (right, left, above, below, then the diagonals; Imhof's
 * preference order, as cartographic labelers use) and takes the first free one inside the
 * bounds, or is dropped. Overlap tests use a uniform grid of the placed boxes, so placing n labels
 * costs O(n) on average.
 */
export type LabelPosition = 'right' | 'left' | 'top' | 'bottom' | 'top-right' | 'bottom-right' | 'top-left' | 'bottom-left';
export const DEFAULT_POSITIONS: readonly LabelPosition[] = ['right', 'left', 'top', 'bottom', 'top-right', 'bottom-right', 'top-left', 'bottom-left'];

export interface LabelCandidate {
  /** The point, in screen units (y down). */
  x: number;
  y: number;
  /** Size of the label's box. */
  width: number;
  height: number;
  /** Higher is placed first (default 0). */
  priority?: number;
}

export interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export interface PlacedLabel {
  /** Index into the candidates. */
  index: number;
  position: LabelPosition;
  /** The label's box (x0, y0 top-left). */
  box: Box;
}

export interface LabelOptions {
  /** Space between the point and its label (default 3). */
  gap?: number;
  /** Point markers are boxes of this radius that labels must not cover (default 3; 0 to ignore them). */
  markerRadius?: number;
  /** Labels must lie inside (default: anywhere). */
  bounds?: Box;
  /** Positions to try, in order (default DEFAULT_POSITIONS). */
  positions?: readonly LabelPosition[];
}

/** The label box for a position around point (x, y). */
export function labelBox(c: LabelCandidate, position: LabelPosition, gap: number): Box {
  const { x, y, width: w, height: h } = c;
  let x0: number;
  let y0: number;
  switch (position) {
    case 'right': x0 = x + gap; y0 = y - h / 2; break;
    case 'left': x0 = x - gap - w; y0 = y - h / 2; break;
    case 'top': x0 = x - w / 2; y0 = y - gap - h; break;
    case 'bottom': x0 = x - w / 2; y0 = y + gap; break;
    case 'top-right': x0 = x + gap; y0 = y - gap - h; break;
    case 'bottom-right': x0 = x + gap; y0 = y + gap; break;
    case 'top-left': x0 = x - gap - w; y0 = y - gap - h; break;
    case 'bottom-left': x0 = x - gap - w; y0 = y + gap; break;
  }
  return { x0, y0, x1: x0 + w, y1: y0 + h };
}

/** Boxes overlap when their interiors intersect (touching edges is fine). */
export function overlaps(a: Box, b: Box): boolean {
  return a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
}

/** A uniform grid of boxes for overlap queries. */
class BoxGrid {
  private readonly cells = new Map<number, number[]>();
  private readonly boxes: Box[] = [];
  constructor(private readonly size: number) {}

  private range(b: Box): [number, number, number, number] {
    const s = this.size;
    return [Math.floor(b.x0 / s), Math.floor(b.y0 / s), Math.floor(b.x1 / s), Math.floor(b.y1 / s)];
  }

  private static key(cx: number, cy: number): number {
    return (cx + 1048576) * 2097152 + (cy + 1048576);
  }

  add(b: Box): void {
    const id = this.boxes.push(b) - 1;
    const [ax, ay, bx, by] = this.range(b);
    for (let cx = ax; cx <= bx; cx++) {
      for (let cy = ay; cy <= by; cy++) {
        const k = BoxGrid.key(cx, cy);
        const list = this.cells.get(k);
        if (list) list.push(id);
        else this.cells.set(k, [id]);
      }
    }
  }

  /** Whether b overlaps a stored box other than `ignore`. */
  hits(b: Box, ignore = -1): boolean {
    const [ax, ay, bx, by] = this.range(b);
    for (let cx = ax; cx <= bx; cx++) {
      for (let cy = ay; cy <= by; cy++) {
        const list = this.cells.get(BoxGrid.key(cx, cy));
        if (!list) continue;
        for (const id of list) if (id !== ignore && overlaps(b, this.boxes[id])) return true;
      }
    }
    return false;
  }
}

export function placeLabels(candidates: readonly LabelCandidate[], opts: LabelOptions = {}): { placed: PlacedLabel[]; dropped: number[] } {
  const gap = opts.gap ?? 3;
  const r = opts.markerRadius ?? 3;
  const positions = opts.positions ?? DEFAULT_POSITIONS;
  const bounds = opts.bounds;
  const n = candidates.length;
  for (let i = 0; i < n; i++) {
    const c = candidates[i];
    if (![c.x, c.y, c.width, c.height].every(Number.isFinite) || c.width < 0 || c.height < 0) {
      throw new RangeError(`label ${i}: position and size must be finite, the size non-negative`);
    }
  }
  // Cell size: the median label extent (at least 1), so that a box spans few cells.
  const extents = candidates.map((c) => Math.max(c.width, c.height)).sort((a, b) => a - b);
  const size = Math.max(1, extents[n >> 1] ?? 1, 2 * r);
  const markers = new BoxGrid(size);
  if (r > 0) for (const c of candidates) markers.add({ x0: c.x - r, y0: c.y - r, x1: c.x + r, y1: c.y + r });
  const labels = new BoxGrid(size);
  const order = candidates.map((_, i) => i).sort((a, b) => (candidates[b].priority ?? 0) - (candidates[a].priority ?? 0) || a - b);
  const placed: PlacedLabel[] = [];
  const dropped: number[] = [];
  for (const i of order) {
    const c = candidates[i];
    let done = false;
    for (const position of positions) {
      const box = labelBox(c, position, gap);
      if (bounds && (box.x0 < bounds.x0 || box.y0 < bounds.y0 || box.x1 > bounds.x1 || box.y1 > bounds.y1)) continue;
      // The label's own marker is never under its box (gap ≥ 0 keeps it beside), others are obstacles.
      if (labels.hits(box) || (r > 0 && markers.hits(box, i))) continue;
      labels.add(box);
      placed.push({ index: i, position, box });
      done = true;
      break;
    }
    if (!done) dropped.push(i);
  }
  dropped.sort((a, b) => a - b);
  return { placed, dropped };
}
