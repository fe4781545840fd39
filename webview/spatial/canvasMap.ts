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
import { convexHull } from '../../src/core/map/hull';

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
/** Links stroked per frame (a software-rendered stroke of 10⁵ segments takes a noticeable fraction of a second). */
const LINK_CHUNK = 20_000;

export class CanvasMap {
  readonly element: HTMLDivElement;
  readonly canvas: HTMLCanvasElement;
  private layer?: MapLayer;
  private classPaths: Path2D[] = [];
  private outlinePath?: Path2D;
  /** The links in chunks of LINK_CHUNK segments, stroked one chunk per frame. */
  private linkPaths: Path2D[] = [];
  private links?: Int32Array;
  /** The map without the highlight (fills, outlines, links), drawn progressively and reused while only the highlight changes. */
  private base?: { canvas: HTMLCanvasElement; key: string; complete: boolean };
  /** Point maps: the study area's outline (the points' convex hull), when shown. */
  private hull?: Int32Array;
  private drawToken = 0;
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
    this.invalidate();
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
    this.invalidate();
  }

  /** Links being built: the map is not complete until they are drawn. */
  private linksPending = false;

  async setLinks(pairs: Int32Array | null): Promise<void> {
    this.links = pairs ?? undefined;
    this.linkPaths = [];
    this.linksPending = !!pairs;
    if (!pairs) {
      this.invalidate();
      return;
    }
    const g = this.geometry;
    const paths: Path2D[] = [];
    let path = new Path2D();
    let inPath = 0;
    for (let k = 0; k + 1 < pairs.length; k += 2) {
      const i = pairs[k];
      const j = pairs[k + 1];
      if (!Number.isFinite(g.anchorX[i]) || !Number.isFinite(g.anchorX[j])) continue;
      path.moveTo(g.anchorX[i], g.anchorY[i]);
      path.lineTo(g.anchorX[j], g.anchorY[j]);
      if (++inPath === LINK_CHUNK) {
        paths.push(path);
        path = new Path2D();
        inPath = 0;
        await frame();
        if (this.links !== pairs) return;
      }
    }
    if (inPath) paths.push(path);
    if (this.links !== pairs) return;
    this.linkPaths = paths;
    this.linksPending = false;
    this.invalidate();
  }

  setHighlight(h: Highlight | null): void {
    this.highlight = h && (h.selected.length || h.rings.some((r) => r.length)) ? h : null;
    this.requestDraw();
  }

  resize(width: number, height: number): void {
    if (width === this.width && height === this.height) return;
    this.width = Math.max(120, Math.floor(width));
    this.height = Math.max(120, Math.floor(height));
    this.requestDraw();
  }

  resetView(): void {
    this.zoom = 1;
    this.panX = 0;
    this.panY = 0;
    this.requestDraw();
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

  /** The layer, links or colours changed: the base image must be drawn again. */
  private layerVersion = 0;
  private invalidate(): void {
    this.layerVersion++;
    this.requestDraw();
  }

  private draw(): void {
    const dpr = window.devicePixelRatio || 1;
    const c = this.canvas;
    const w = Math.round(this.width * dpr);
    const hgt = Math.round(this.height * dpr);
    if (c.width !== w || c.height !== hgt) {
      c.width = w;
      c.height = hgt;
      c.style.width = `${this.width}px`;
      c.style.height = `${this.height}px`;
    }
    const t = this.transform();
    this.element.dataset.transform = [t.a, t.d, t.e, t.f].join(',');
    const key = [this.layerVersion, w, hgt, t.a, t.e, t.f].join(',');
    if (this.base?.key !== key) void this.drawBase(key, t, dpr);
    else this.compose();
  }

  /** The base image: fills and outlines at once, then the links one chunk per frame, composing after each. */
  private async drawBase(key: string, t: { a: number; d: number; e: number; f: number }, dpr: number): Promise<void> {
    const token = ++this.drawToken;
    const canvas = this.base?.canvas ?? document.createElement('canvas');
    canvas.width = this.canvas.width;
    canvas.height = this.canvas.height;
    this.base = { canvas, key, complete: false };
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    ctx.fillStyle = this.colours.bg;
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    this.paintShapes(ctx, t, dpr);
    this.compose();
    for (const path of this.linkPaths) {
      await frame();
      if (token !== this.drawToken) return;
      this.paintLinks(ctx, t, dpr, [path]);
      this.compose();
    }
    this.base.complete = true;
    this.compose();
  }

  /** The base image (dimmed under a highlight), then the highlight. */
  private compose(): void {
    const ctx = this.canvas.getContext('2d');
    const base = this.base;
    if (!ctx || !base) return;
    const t = this.transform();
    ctx.save();
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.fillStyle = this.colours.bg;
    ctx.fillRect(0, 0, this.canvas.width, this.canvas.height);
    ctx.globalAlpha = this.highlight ? 0.3 : 1;
    ctx.drawImage(base.canvas, 0, 0);
    ctx.restore();
    if (this.hull) this.paintHull(ctx, t, window.devicePixelRatio || 1);
    if (this.highlight) this.paintHighlight(ctx, t, window.devicePixelRatio || 1);
    if (base.complete && !this.linksPending) this.element.dataset.drawn = String(this.geometry.n);
  }

  /** The whole map into `ctx` at transform `t` in one go, clipped to `box` (the PNG export). */
  paint(ctx: CanvasRenderingContext2D, t: { a: number; d: number; e: number; f: number }, dpr: number, box: { x: number; y: number; w: number; h: number }): void {
    ctx.save();
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.beginPath();
    ctx.rect(box.x, box.y, box.w, box.h);
    ctx.clip();
    this.paintShapes(ctx, t, dpr);
    this.paintLinks(ctx, t, dpr, this.linkPaths);
    if (this.hull) this.paintHull(ctx, t, dpr);
    if (this.highlight) this.paintHighlight(ctx, t, dpr);
    ctx.restore();
  }

  /** Shows or hides the outline of a point map's study area (its convex hull); no-op for polygons. */
  setHull(on: boolean): void {
    const g = this.geometry;
    this.hull = on && g.kind === 'points' ? convexHull(g.anchorX, g.anchorY) : undefined;
    this.compose();
  }

  private paintHull(ctx: CanvasRenderingContext2D, t: { a: number; d: number; e: number; f: number }, dpr: number): void {
    const g = this.geometry;
    const hull = this.hull!;
    if (hull.length < 3) return;
    ctx.save();
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.beginPath();
    hull.forEach((i, k) => {
      const x = t.a * g.anchorX[i] + t.e;
      const y = t.d * g.anchorY[i] + t.f;
      if (k === 0) ctx.moveTo(x, y);
      else ctx.lineTo(x, y);
    });
    ctx.closePath();
    ctx.setLineDash([6, 4]);
    ctx.strokeStyle = this.colours.fg;
    ctx.lineWidth = 1.2;
    ctx.stroke();
    ctx.restore();
  }

  private paintShapes(ctx: CanvasRenderingContext2D, t: { a: number; d: number; e: number; f: number }, dpr: number): void {
    const g = this.geometry;
    const col = this.colours;
    const layer = this.layer;
    if (!layer) return;
    ctx.save();
    if (g.kind === 'polygons') {
      ctx.setTransform(dpr * t.a, 0, 0, dpr * t.d, dpr * t.e, dpr * t.f);
      this.classPaths.forEach((p, c) => {
        ctx.fillStyle = c < layer.colors.length ? layer.colors[c] : UNDEFINED_COLOR;
        ctx.fill(p, 'evenodd');
      });
      if (this.outlinePath) {
        ctx.strokeStyle = col.outline;
        ctx.lineWidth = col.outlineWidth / t.a;
        ctx.lineJoin = 'round';
        ctx.stroke(this.outlinePath);
      }
    } else {
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
      for (const [c, p] of byClass) {
        ctx.fillStyle = this.colourOf(c);
        ctx.fill(p);
        if (g.n <= 20_000) {
          ctx.strokeStyle = col.outline;
          ctx.lineWidth = col.outlineWidth;
          ctx.stroke(p);
        }
      }
    }
    ctx.restore();
  }

  private paintLinks(ctx: CanvasRenderingContext2D, t: { a: number; d: number; e: number; f: number }, dpr: number, paths: readonly Path2D[]): void {
    if (!paths.length) return;
    const big = this.geometry.n > 20_000;
    ctx.save();
    ctx.setTransform(dpr * t.a, 0, 0, dpr * t.d, dpr * t.e, dpr * t.f);
    ctx.globalAlpha = big ? 0.35 : 0.75;
    ctx.strokeStyle = this.colours.links;
    ctx.lineWidth = (big ? 0.4 : 0.9) / t.a;
    for (const p of paths) ctx.stroke(p);
    ctx.restore();
  }

  private colourOf(c: number): string {
    return c >= 0 && this.layer ? this.layer.colors[c] ?? UNDEFINED_COLOR : UNDEFINED_COLOR;
  }

  private paintHighlight(ctx: CanvasRenderingContext2D, t: { a: number; d: number; e: number; f: number }, dpr: number): void {
    const g = this.geometry;
    const hl = this.highlight!;
    const col = this.colours;
    const screen = (i: number): [number, number] => [t.a * g.anchorX[i] + t.e, t.d * g.anchorY[i] + t.f];
    ctx.save();
    // The highlighted observations at full colour over the dimmed map.
    const rows = [...hl.selected, ...hl.rings.flat()];
    if (g.kind === 'polygons') {
      ctx.setTransform(dpr * t.a, 0, 0, dpr * t.d, dpr * t.e, dpr * t.f);
      for (const i of rows) {
        const p = new Path2D();
        addRings(p, g.rings[i]);
        ctx.fillStyle = this.colourOf(this.layer?.classOf[i] ?? -1);
        ctx.fill(p, 'evenodd');
      }
    }
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    if (g.kind === 'points') {
      for (const i of rows) {
        ctx.beginPath();
        ctx.arc(...screen(i), Math.max(this.radius, 4), 0, 2 * Math.PI);
        ctx.fillStyle = this.colourOf(this.layer?.classOf[i] ?? -1);
        ctx.fill();
      }
    }
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
    ctx.restore();
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
