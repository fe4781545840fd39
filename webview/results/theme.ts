/// <reference path="./vega-lite.d.ts" />
/**
 * Chart colours from the workbench theme: VS Code sets `--vscode-*` CSS variables on the page
 * and a `vscode-light` / `vscode-dark` / `vscode-high-contrast` class on <body>; charts read the
 * computed values (vega needs concrete colours, not var()).
 */
import type { Config } from 'vega-lite';

export interface ChartTheme {
  kind: 'light' | 'dark' | 'high-contrast';
  fg: string;
  bg: string;
  muted: string;
  grid: string;
  /** Bars and points. */
  accent: string;
  /** Reference lines. */
  line: string;
  /** Highlighted observation. */
  highlight: string;
  font: string;
  fontSize: number;
}

export function themeKind(body: HTMLElement = document.body): ChartTheme['kind'] {
  const c = body.classList;
  if (c.contains('vscode-high-contrast') || c.contains('vscode-high-contrast-light')) return 'high-contrast';
  return c.contains('vscode-light') ? 'light' : 'dark';
}

export function readTheme(el: HTMLElement = document.body): ChartTheme {
  const css = getComputedStyle(el);
  const v = (name: string, fallback: string) => css.getPropertyValue(name).trim() || fallback;
  const kind = themeKind(el);
  const light = kind === 'light';
  const fg = v('--vscode-editor-foreground', v('--vscode-foreground', light ? '#1f1f1f' : '#cccccc'));
  return {
    kind,
    fg,
    bg: v('--vscode-editor-background', light ? '#ffffff' : '#1e1e1e'),
    muted: v('--vscode-descriptionForeground', light ? '#616161' : '#9d9d9d'),
    grid: v('--vscode-editorWidget-border', v('--vscode-panel-border', light ? '#e0e0e0' : '#3c3c3c')),
    accent: v('--vscode-charts-blue', light ? '#1a85ff' : '#3794ff'),
    line: v('--vscode-charts-orange', light ? '#d18616' : '#d18616'),
    highlight: v('--vscode-focusBorder', fg),
    font: v('--vscode-font-family', 'system-ui, sans-serif'),
    fontSize: parseFloat(v('--vscode-font-size', '13px')) || 13,
  };
}

/** vega-lite config for a theme: transparent-free (exports carry the editor background), themed axes and legends. */
export function vegaConfig(t: ChartTheme): Config {
  const small = Math.max(10, t.fontSize - 2);
  return {
    background: t.bg,
    font: t.font,
    view: { stroke: null },
    axis: {
      domainColor: t.muted,
      tickColor: t.muted,
      gridColor: t.grid,
      gridOpacity: 0.6,
      labelColor: t.fg,
      titleColor: t.fg,
      labelFont: t.font,
      titleFont: t.font,
      labelFontSize: small,
      titleFontSize: small + 1,
      titleFontWeight: 'normal',
      // Tick labels never run together ("−40−30"): fewer ticks, and overlapping labels hidden.
      tickCount: 6,
      labelOverlap: 'greedy',
      labelSeparation: 6,
      labelFlush: true,
    },
    legend: { labelColor: t.fg, titleColor: t.fg, labelFont: t.font, titleFont: t.font, labelFontSize: small, titleFontSize: small + 1, titleFontWeight: 'normal', gradientLength: 180 },
    title: { color: t.fg, font: t.font, fontSize: t.fontSize, fontWeight: 'normal', subtitleColor: t.muted },
    text: { color: t.fg, font: t.font },
  };
}
