/// <reference path="./vega-lite.d.ts" />
/**
 * Renders a vega-lite spec under the webview's CSP: compiled to vega, parsed with `ast: true`
 * and evaluated by vega-interpreter, so no expression is ever turned into code with
 * `new Function` (no 'unsafe-eval'). Data are inline (no loader, no network).
 */
import { parse, View, type Item, type Spec as VegaSpec } from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { expressionInterpreter } from 'vega-interpreter';
import type { Config } from 'vega-lite';

export interface ChartHandlers {
  /** Pointer over a mark with a tooltip: show it (value null: hide). */
  tooltip(event: MouseEvent, value: Record<string, unknown> | null): void;
  /** A mark of an observation was clicked. */
  select?(observation: number): void;
}

export interface Chart {
  readonly view: View;
  setHighlight(observation: number | null): void;
  png(scale?: number): Promise<string>;
  svg(): Promise<string>;
  finalize(): void;
}

/** The observation (0-based row) behind a scenegraph item, if any. */
export function observationOf(item: Item | null | undefined): number | undefined {
  const d = item?.datum as { obs?: unknown; properties?: { obs?: unknown } } | undefined;
  const obs = d?.obs ?? d?.properties?.obs;
  return typeof obs === 'number' && Number.isInteger(obs) && obs >= 0 ? obs : undefined;
}

export function compileSpec(spec: TopLevelSpec, config: Config): VegaSpec {
  return compile(spec, { config }).spec;
}

/** Above this many observations charts draw on a canvas (an SVG of 10⁵ paths is slow); exports are unaffected. */
export const SVG_LIMIT = 4000;

export async function renderChart(container: HTMLElement, spec: TopLevelSpec, config: Config, handlers: ChartHandlers, marks = 0): Promise<Chart> {
  const runtime = parse(compileSpec(spec, config), undefined, { ast: true });
  const view = new View(runtime, {
    expr: expressionInterpreter,
    renderer: marks > SVG_LIMIT ? 'canvas' : 'svg',
    container,
    hover: true,
  });
  view.tooltip((_handler: unknown, event: MouseEvent, _item: unknown, value: unknown) => {
    handlers.tooltip(event, value && typeof value === 'object' ? (value as Record<string, unknown>) : null);
  });
  if (handlers.select) {
    const select = handlers.select;
    view.addEventListener('click', (_e, item) => {
      const obs = observationOf(item);
      if (obs !== undefined) select(obs);
    });
  }
  await view.runAsync();
  const hasHl = (() => {
    try {
      view.signal('hl');
      return true;
    } catch {
      return false;
    }
  })();
  return {
    view,
    setHighlight(observation) {
      if (hasHl) void view.signal('hl', observation ?? -1).runAsync();
    },
    png: (scale = 2) => view.toImageURL('png', scale),
    svg: () => view.toSVG(),
    finalize: () => view.finalize(),
  };
}
