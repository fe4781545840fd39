/// <reference path="../results/vega-lite.d.ts" />
/**
 * The Moran scatterplot as GeoDa draws it (Anselin 1996): the standardised variable against its
 * spatial lag, both divided by the variable's standard deviation (n − 1), the quadrants split at
 * 0 and named, points coloured by their LISA class, the least-squares line (its slope is Moran's
 * I when W is row-standardised), and the global I with its permutation and analytic p-values in
 * the title. Pure: a vega-lite spec.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { LocalViewData } from '../../src/protocol';
import { formatSignif } from '../../src/core/report/format';
import type { ChartTheme } from '../results/theme';
import { finiteExtent, fmt, moranSlope } from '../results/charts';
import type { MapLayer } from './layers';

export function standardised(v: Pick<LocalViewData, 'centred' | 'lag'>): { x: number[]; y: number[]; sd: number } {
  const n = v.centred.length;
  let ss = 0;
  for (const z of v.centred) ss += z * z;
  const sd = Math.sqrt(ss / Math.max(1, n - 1)) || 1;
  return { x: v.centred.map((z) => z / sd), y: v.lag.map((l) => l / sd), sd };
}

export function moranTitle(v: LocalViewData): string[] {
  const m = v.moran;
  return [
    `Moran's I = ${formatSignif(m.randomisation.I, 5)}`,
    `permutation p = ${formatSignif(m.permutation.p, 4)} (${m.permutation.nsim} permutations, seed ${m.permutation.seed}); analytic p = ${formatSignif(m.randomisation.p, 4)} (randomisation), ${formatSignif(m.normality.p, 4)} (normality)`,
  ];
}

export function moranScatterSpec(v: LocalViewData, clusters: MapLayer, theme: ChartTheme, width: number, height = 360): TopLevelSpec {
  const { x, y } = standardised(v);
  const labels = clusters.legend.map((e) => e.label);
  const labelOf = new Map(clusters.legend.map((e) => [e.cls, e.label]));
  const classLabel = (i: number) => labelOf.get(clusters.classOf[i]) ?? '';
  const pts = x.map((xi, i) => ({ obs: i, id: v.ids[i] ?? String(i + 1), x: xi, y: y[i], cls: classLabel(i), tx: fmt(xi), ty: fmt(y[i]), tI: fmt(v.Ii[i]) }));
  const { slope, meanE, meanWe } = moranSlope(x, y);
  const [lo, hi] = finiteExtent(x);
  const [ylo, yhi] = finiteExtent(y);
  const line = Number.isFinite(slope) ? [{ a: lo, b: meanWe + slope * (lo - meanE) }, { a: hi, b: meanWe + slope * (hi - meanE) }] : [];
  const corner = [
    { qx: hi, qy: yhi, t: 'High-High', align: 'right', baseline: 'top' },
    { qx: lo, qy: ylo, t: 'Low-Low', align: 'left', baseline: 'bottom' },
    { qx: lo, qy: yhi, t: 'Low-High', align: 'left', baseline: 'top' },
    { qx: hi, qy: ylo, t: 'High-Low', align: 'right', baseline: 'bottom' },
  ];
  const colours = clusters.legend.map((e) => e.color);
  const axis = { tickCount: 6, labelOverlap: 'parity' as const, labelFlush: true };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    width, height, padding: 6, autosize: { type: 'fit', contains: 'padding' },
    description: `Moran scatterplot of ${v.variable}: slope ${formatSignif(slope, 5)}`,
    title: { text: `Moran scatterplot of ${v.variable}`, subtitle: moranTitle(v), anchor: 'start' },
    params: [{ name: 'hl', value: -1 }],
    layer: [
      { data: { values: [{ v: 0 }] }, mark: { type: 'rule', color: theme.fg, strokeWidth: 1, opacity: 0.7 }, encoding: { x: { field: 'v', type: 'quantitative' } } },
      { data: { values: [{ v: 0 }] }, mark: { type: 'rule', color: theme.fg, strokeWidth: 1, opacity: 0.7 }, encoding: { y: { field: 'v', type: 'quantitative' } } },
      ...corner.map((c) => ({
        data: { values: [c] },
        mark: { type: 'text' as const, align: c.align, baseline: c.baseline, color: theme.muted, fontSize: 11, dx: c.align === 'right' ? -4 : 4, aria: false },
        encoding: { x: { field: 'qx', type: 'quantitative' as const }, y: { field: 'qy', type: 'quantitative' as const }, text: { field: 't', type: 'nominal' as const } },
      })),
      {
        data: { values: pts },
        mark: { type: 'circle', cursor: 'pointer', stroke: theme.fg, strokeWidth: 0.4 },
        encoding: {
          x: { field: 'x', type: 'quantitative', title: `${v.variable} (standardised)`, scale: { nice: true }, axis },
          y: { field: 'y', type: 'quantitative', title: `Spatial lag of ${v.variable} (standardised)`, scale: { nice: true }, axis },
          color: { field: 'cls', type: 'nominal', title: 'LISA cluster', scale: { domain: labels, range: colours }, legend: { orient: 'bottom', direction: 'horizontal' } },
          size: { condition: { test: 'datum.obs === hl', value: 160 }, value: v.n > 5000 ? 8 : 40 },
          strokeWidth: { condition: { test: 'datum.obs === hl', value: 2.5 }, value: 0.4 },
          tooltip: [
            { field: 'id', type: 'nominal', title: 'Observation' },
            { field: 'tx', type: 'nominal', title: 'Standardised value' },
            { field: 'ty', type: 'nominal', title: 'Spatial lag' },
            { field: 'tI', type: 'nominal', title: 'Local Moran Ii' },
            { field: 'cls', type: 'nominal', title: 'Cluster' },
          ],
        },
      },
      {
        data: { values: line },
        mark: { type: 'line', color: theme.line, strokeWidth: 2.5, clip: true },
        encoding: { x: { field: 'a', type: 'quantitative' }, y: { field: 'b', type: 'quantitative' } },
      },
    ],
  } as TopLevelSpec;
}
