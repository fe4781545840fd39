/**
 * A map drawn on a <canvas>: one fill path per class, one outline path, one path of links,
 * each built once in map units (in chunks between animation frames, so 10⁵ polygons and their
 * 6·10⁵ links never freeze the page) and redrawn through the canvas transform on zoom and pan.
 * Points are drawn in screen units. A highlight dims everything else and outlines the selected
 * observations (fg over bg, so it shows on every fill and theme) and their neighbour rings.
 * Wheel zooms, drag pans, a click selects (the nearest point / the polygon under the pointer).
 */
import { hitTest, type MapGeometry } from './geometry';
import type { MapLayer } from './layers';
import { UNDEFINED_COLOR } from './layers';

export interface MapColours {
  bg: string;
  fg: string;
  /** Outline of the shapes: the background (light, dark) or the contrast border (high contrast). */
  outline: string;
  outlineWidth: number;
  links: string;
}

export interface Highlight {
  selected: readonly number[];
  /** Neighbour rings (order 1, order 2, …) around the selection. */
  rings: readonly (readonly number[])[];
}

export interface CanvasMapHandlers {
  select(observation: number | null): void;
  hover?(observation: number | null, event: MouseEvent): void;
}

const frame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));
/** Work per animation frame while building paths. */
const CHUNK = 25_000;

export class CanvasMap {
  readonly element: HTMLDivElement;
  readonly canvas: HTMLCanvasElement;
  private layer?: MapLayer;
  private classPaths: Path2D[] = [];
  private outlinePath?: Path2D;
  private linkPath?: Path2D;
  private links?: Int32Array;
  private highlight: Highlight | null = null;
  private width = 400;
  private height = 300;
  private zoom = 1;
  private panX = 0;
  private panY = 0;
  private build = 0;
  private colours: MapColours = { bg: '#ffffff', fg: '#000000', outline: '#ffffff', outlineWidth: 0.6, links: '#555555' };
  /** Point radius in CSS px. */
  private readonly radius: number;

  constructor(readonly geometry: MapGeometry, label: string, private readonly handlers: CanvasMapHandlers) {
    this.radius = geometry.n > 20_000 ? 1.5 : geometry.n > 2000 ? 2.5 : 5;
    this.canvas = document.createElement('canvas');
    this.canvas.className = 'sar-canvas';
    this.canvas.tabIndex = 0;
    this.canvas.setAttribute('role', 'img');
    this.canvas.setAttribute('aria-label', label);
    this.element = document.createElement('div');
    this.element.className = 'sar-canvas-map';
    this.element.appendChild(this.canvas);
    this.wire();
  }

  setColours(c: MapColours): void {
    this.colours = c;
    this.requestDraw();
  }

  async setLayer(layer: MapLayer): Promise<void> {
    this.layer = layer;
    const token = ++this.build;
    const g = this.geometry;
    const paths = layer.colors.map(() => new Path2D());
    const undefinedPath = new Path2D();
    if (g.kind === 'polygons') {
      for (let i = 0; i < g.n; i++) {
        const c = layer.classOf[i];
        addRings(c >= 0 ? paths[c] : undefinedPath, g.rings[i]);
        if (i % CHUNK === CHUNK - 1) {
          await frame();
          if (token !== this.build) return;
        }
      }
      if (!this.outlinePath) {
        const outline = new Path2D();
        for (let i = 0; i < g.n; i++) {
          addRings(outline, g.rings[i]);
          if (i % CHUNK === CHUNK - 1) await frame();
        }
        this.outlinePath = outline;
      }
    }
    if (token !== this.build) return;
    this.classPaths = [...paths, undefinedPath];
    this.draw();
  }

  async setLinks(pairs: Int32Array | null): Promise<void> {
    this.links = pairs ?? undefined;
    if (!pairs) {
      this.linkPath = undefined;
      this.draw();
      return;
    }
    const g = this.geometry;
    const path = new Path2D();
    for (let k = 0; k + 1 < pairs.length; k += 2) {
      const i = pairs[k];
      const j = pairs[k + 1];
      if (!Number.isFinite(g.anchorX[i]) || !Number.isFinite(g.anchorX[j])) continue;
      path.moveTo(g.anchorX[i], g.anchorY[i]);
      path.lineTo(g.anchorX[j], g.anchorY[j]);
      if (k % (2 * CHUNK) === 2 * CHUNK - 2) await frame();
    }
    if (this.links !== pairs) return;
    this.linkPath = path;
    this.draw();
  }

  setHighlight(h: Highlight | null): void {
    this.highlight = h && (h.selected.length || h.rings.some((r) => r.length)) ? h : null;
    this.draw();
  }

  resize(width: number, height: number): void {
    if (width === this.width && height === this.height) return;
    this.width = Math.max(120, Math.floor(width));
    this.height = Math.max(120, Math.floor(height));
    this.draw();
  }

  resetView(): void {
    this.zoom = 1;
    this.panX = 0;
    this.panY = 0;
    this.draw();
  }

  /** Map units → CSS px: x' = a·x + e, y' = d·y + f (d < 0: y up). */
  transform(width = this.width, height = this.height): { a: number; d: number; e: number; f: number } {
    const b = this.geometry.bounds;
    const m = 8;
    const s = Math.min((width - 2 * m) / (b.x1 - b.x0), (height - 2 * m) / (b.y1 - b.y0)) * this.zoom;
    const ox = (width - (b.x1 - b.x0) * s) / 2 + this.panX;
    const oy = (height - (b.y1 - b.y0) * s) / 2 + this.panY;
    return { a: s, d: -s, e: ox - b.x0 * s, f: oy + b.y1 * s };
  }

  private pending = false;
  private requestDraw(): void {
    if (this.pending) return;
    this.pending = true;
    requestAnimationFrame(() => {
      this.pending = false;
      this.draw();
    });
  }

  draw(): void {
    const dpr = window.devicePixelRatio || 1;
    const c = this.canvas;
    c.width = Math.round(this.width * dpr);
    c.height = Math.round(this.height * dpr);
    c.style.width = `${this.width}px`;
    c.style.height = `${this.height}px`;
    const ctx = c.getContext('2d');
    if (!ctx) return;
    const t = this.transform();
    this.element.dataset.transform = [t.a, t.d, t.e, t.f].join(',');
    this.paint(ctx, t, dpr);
    this.element.dataset.drawn = String(this.geometry.n);
  }

  /** Draws the map into `ctx` at transform `t` (also used for the PNG export). */
  paint(ctx: CanvasRenderingContext2D, t: { a: number; d: number; e: number; f: number }, dpr: number, box?: { x: number; y: number; w: number; h: number }): void {
    const g = this.geometry;
    const col = this.colours;
    const layer = this.layer;
    ctx.save();
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    if (!box) {
      ctx.fillStyle = col.bg;
      ctx.fillRect(0, 0, this.width, this.height);
    } else {
      ctx.beginPath();
      ctx.rect(box.x, box.y, box.w, box.h);
      ctx.clip();
    }
    const hl = this.highlight;
    const dim = hl ? 0.3 : 1;
    const toWorld = () => ctx.setTransform(dpr * t.a, 0, 0, dpr * t.d, dpr * t.e, dpr * t.f);
    const px = 1 / t.a;
    const colourOf = (c: number) => (c >= 0 && layer ? layer.colors[c] : UNDEFINED_COLOR);
    if (g.kind === 'polygons' && layer) {
      toWorld();
      ctx.globalAlpha = dim;
      this.classPaths.forEach((p, c) => {
        ctx.fillStyle = c < layer.colors.length ? layer.colors[c] : UNDEFINED_COLOR;
        ctx.fill(p, 'evenodd');
      });
      ctx.globalAlpha = 1;
      if (this.outlinePath) {
        ctx.strokeStyle = col.outline;
        ctx.lineWidth = col.outlineWidth * px;
        ctx.lineJoin = 'round';
        ctx.stroke(this.outlinePath);
      }
      if (hl) {
        for (const i of [...hl.selected, ...hl.rings.flat()]) {
          const p = new Path2D();
          addRings(p, g.rings[i]);
          ctx.fillStyle = colourOf(layer.classOf[i]);
          ctx.fill(p, 'evenodd');
        }
      }
    }
    if (this.linkPath) {
      toWorld();
      ctx.globalAlpha = hl ? 0.25 : g.n > 20_000 ? 0.35 : 0.7;
      ctx.strokeStyle = col.links;
      ctx.lineWidth = (g.n > 20_000 ? 0.4 : 0.9) * px;
      ctx.stroke(this.linkPath);
      ctx.globalAlpha = 1;
    }
    if (g.kind === 'points' && layer) {
      ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
      const r = this.radius;
      const byClass = new Map<number, Path2D>();
      for (let i = 0; i < g.n; i++) {
        const x = t.a * g.anchorX[i] + t.e;
        const y = t.d * g.anchorY[i] + t.f;
        if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
        const c = layer.classOf[i];
        let p = byClass.get(c);
        if (!p) byClass.set(c, (p = new Path2D()));
        p.moveTo(x + r, y);
        p.arc(x, y, r, 0, 2 * Math.PI);
      }
      ctx.globalAlpha = dim;
      for (const [c, p] of byClass) {
        ctx.fillStyle = colourOf(c);
        ctx.fill(p);
        if (g.n <= 20_000) {
          ctx.strokeStyle = col.outline;
          ctx.lineWidth = col.outlineWidth;
          ctx.stroke(p);
        }
      }
      ctx.globalAlpha = 1;
      if (hl) {
        for (const i of [...hl.selected, ...hl.rings.flat()]) {
          ctx.beginPath();
          ctx.arc(t.a * g.anchorX[i] + t.e, t.d * g.anchorY[i] + t.f, Math.max(r, 4), 0, 2 * Math.PI);
          ctx.fillStyle = colourOf(layer.classOf[i]);
          ctx.fill();
        }
      }
    }
    if (hl) this.paintHighlight(ctx, t, dpr);
    ctx.restore();
  }

  private paintHighlight(ctx: CanvasRenderingContext2D, t: { a: number; d: number; e: number; f: number }, dpr: number): void {
    const g = this.geometry;
    const hl = this.highlight!;
    const col = this.colours;
    const screen = (i: number): [number, number] => [t.a * g.anchorX[i] + t.e, t.d * g.anchorY[i] + t.f];
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    // Links from the selection to its first ring.
    if (this.links && hl.selected.length <= 50 && hl.rings[0]?.length) {
      const ring = new Set(hl.rings[0]);
      const sel = new Set(hl.selected);
      ctx.beginPath();
      for (let k = 0; k + 1 < this.links.length; k += 2) {
        const i = this.links[k];
        const j = this.links[k + 1];
        if ((sel.has(i) && ring.has(j)) || (sel.has(j) && ring.has(i))) {
          ctx.moveTo(...screen(i));
          ctx.lineTo(...screen(j));
        }
      }
      stroke2(ctx, col, 2);
    }
    const outline = (rows: readonly number[], width: number, dash: number[]) => {
      ctx.beginPath();
      for (const i of rows) {
        if (g.kind === 'polygons') {
          for (const r of g.rings[i]) {
            for (let p = 0; p + 1 < r.length; p += 2) {
              const x = t.a * r[p] + t.e;
              const y = t.d * r[p + 1] + t.f;
              if (p === 0) ctx.moveTo(x, y);
              else ctx.lineTo(x, y);
            }
            ctx.closePath();
          }
        } else {
          const [x, y] = screen(i);
          const r = Math.max(this.radius, 4) + 1;
          ctx.moveTo(x + r, y);
          ctx.arc(x, y, r, 0, 2 * Math.PI);
        }
      }
      ctx.setLineDash(dash);
      stroke2(ctx, col, width);
      ctx.setLineDash([]);
    };
    hl.rings.forEach((ring, k) => outline(ring, k === 0 ? 1.6 : 1.2, k === 0 ? [] : [4, 3]));
    outline(hl.selected, 2.6, []);
  }

  private wire(): void {
    const c = this.canvas;
    let down: { x: number; y: number; panX: number; panY: number } | undefined;
    let moved = false;
    const at = (e: MouseEvent): number | undefined => {
      const rect = c.getBoundingClientRect();
      const t = this.transform();
      const x = (e.clientX - rect.left - t.e) / t.a;
      const y = (e.clientY - rect.top - t.f) / t.d;
      return hitTest(this.geometry, x, y, (this.radius + 4) / t.a);
    };
    c.addEventListener('mousedown', (e) => {
      down = { x: e.clientX, y: e.clientY, panX: this.panX, panY: this.panY };
      moved = false;
    });
    window.addEventListener('mousemove', (e) => {
      if (!down) return;
      const dx = e.clientX - down.x;
      const dy = e.clientY - down.y;
      if (Math.abs(dx) + Math.abs(dy) > 4) moved = true;
      if (moved) {
        this.panX = down.panX + dx;
        this.panY = down.panY + dy;
        this.requestDraw();
      }
    });
    window.addEventListener('mouseup', (e) => {
      if (!down) return;
      down = undefined;
      if (!moved && e.target === c) this.handlers.select(at(e) ?? null);
    });
    c.addEventListener('mousemove', (e) => {
      if (down || !this.handlers.hover) return;
      this.handlers.hover(at(e) ?? null, e);
    });
    c.addEventListener('mouseleave', (e) => this.handlers.hover?.(null, e));
    c.addEventListener('wheel', (e) => {
      e.preventDefault();
      const rect = c.getBoundingClientRect();
      const mx = e.clientX - rect.left;
      const my = e.clientY - rect.top;
      const before = this.transform();
      const wx = (mx - before.e) / before.a;
      const wy = (my - before.f) / before.d;
      this.zoom = Math.min(200, Math.max(1, this.zoom * Math.exp(-e.deltaY / 400)));
      // Keep the map point under the pointer where it was.
      const after = this.transform();
      this.panX += mx - (after.a * wx + after.e);
      this.panY += my - (after.d * wy + after.f);
      this.requestDraw();
    }, { passive: false });
    c.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') this.handlers.select(null);
      if (e.key === '0') this.resetView();
    });
  }
}

function addRings(p: Path2D, rings: readonly Float64Array[]): void {
  for (const r of rings) {
    if (r.length < 6) continue;
    p.moveTo(r[0], r[1]);
    for (let k = 2; k + 1 < r.length; k += 2) p.lineTo(r[k], r[k + 1]);
    p.closePath();
  }
}

/** A line in the foreground colour over a wider one in the background colour: visible on any fill. */
function stroke2(ctx: CanvasRenderingContext2D, col: MapColours, width: number): void {
  ctx.lineJoin = 'round';
  ctx.strokeStyle = col.bg;
  ctx.lineWidth = width + 2;
  ctx.stroke();
  ctx.strokeStyle = col.fg;
  ctx.lineWidth = width;
  ctx.stroke();
}
