/**
 * The spatial views' data, built from a spec file by the engine's explore front door
 * (src/core/explore/run.ts): the weights inspector's summary, graph and fixes, and the local
 * statistics of a variable, each with the map geometry of the observations (the results panel's
 * own `buildMapData`). Runs in the spatial worker (./worker.ts); no `vscode` import.
 */
import * as path from 'path';
import type { LocalVariableChoice, LocalViewData, MapData, NeighbourLists, ShowLocalMessage, ShowWeightsMessage, WeightsViewData } from '../../protocol';
import { runLocalReport, runWeightsReport, type Loaded } from '../../core/explore/run';
import type { LocalReport } from '../../core/explore/local';
import type { WeightsReport } from '../../core/explore/run';
import { numericColumn } from '../../core/io/csv';
import type { Table } from '../../core/io/table';
import { readText, resolveInside, type InputOptions } from '../../core/input/files';
import { formatProblem, ProblemError, type Problem } from '../../core/problems';
import type { Csr } from '../../core/sparse/csr';
import type { Spec, WeightsSpec } from '../../core/spec/types';
import { cardinalities } from '../../core/weights/neighbours';
import { buildMapData, mapGeometrySource } from '../results/mapData';

export type Built<T> = { message: T; problems: Problem[] } | { message?: undefined; problems: Problem[] };

/** "GAL file weights.gal", "kNN (k = 4, symmetric)", … with the style. */
export function weightsDescription(w: WeightsSpec): string {
  const order = 'order' in w && w.order && w.order > 1 ? `, order ${w.order}${w.cumulative ? ' (cumulative)' : ''}` : '';
  let what: string;
  switch (w.type) {
    case 'gal': what = `GAL file ${w.path}`; break;
    case 'gwt': what = `GWT file ${w.path}`; break;
    case 'knn': what = `kNN (k = ${w.k}${w.symmetric ? ', symmetric' : ''}, ${w.distance})`; break;
    case 'distance': what = `distance band (threshold ${w.threshold}, ${w.distance}${w.inversePower ? `, inverse power ${w.inversePower}` : ''})`; break;
    case 'contiguity': what = `${w.criterion} contiguity of ${w.geometry}`; break;
    case 'kernel': what = `${w.function} kernel (bandwidth ${w.bandwidth}${w.k ? `, k = ${w.k}` : ''})`; break;
  }
  return `${what}${order}, style ${w.style}`;
}

export function neighbourLists(nb: Csr): NeighbourLists {
  return { rowPtr: Array.from(nb.rowPtr), colIdx: Array.from(nb.colIdx) };
}

/** The map of the observations; a note instead when the geometry cannot be read (the view draws no map then). */
async function mapOf(l: Loaded, specPath: string, options: InputOptions, notes: string[]): Promise<MapData | undefined> {
  try {
    const source = mapGeometrySource(l.spec);
    let text: string | undefined;
    let file: string | undefined;
    if (source) {
      file = resolveInside(path.dirname(specPath), source.path, options.rootDir, { file: specPath });
      text = await readText(file, specPath, undefined, options);
    }
    const map = buildMapData(l.spec, l.data.table, text, { geometryFile: file && path.basename(file) });
    if (!map) notes.push('No map: the spec names no geometry and its weights no coordinates.');
    return map;
  } catch (e) {
    notes.push(`No map: ${e instanceof ProblemError ? e.problems.slice(0, 3).map(formatProblem).join('; ') : e instanceof Error ? e.message : String(e)}`);
    return undefined;
  }
}

export function weightsView(r: WeightsReport, l: Loaded): WeightsViewData {
  const s = r.summary;
  const nb = l.data.weights.raw ?? l.data.weights.w;
  const w = l.spec.weights;
  return {
    n: s.n,
    ids: [...l.data.ids],
    description: weightsDescription(w),
    summaryText: r.text,
    nLinks: s.nLinks,
    percentNonzero: s.percentNonzero,
    meanNeighbours: s.meanNeighbours,
    minNeighbours: s.minNeighbours,
    maxNeighbours: s.maxNeighbours,
    symmetric: s.symmetric,
    style: s.style,
    constants: { ...s.constants },
    histogram: s.histogram,
    leastConnected: s.leastConnected && { neighbours: s.leastConnected.neighbours, rows: s.leastConnected.rows },
    mostConnected: s.mostConnected && { neighbours: s.mostConnected.neighbours, rows: s.mostConnected.rows },
    cardinalities: Array.from(s.cardinalities),
    islands: s.islands.rows,
    components: { count: s.components.count, componentOf: Array.from(s.components.componentOf), sizes: s.components.sizes },
    fix: {
      suggestions: r.fix.suggestions,
      note: r.fix.note,
      islands: r.fix.islands.map((i) => ({ row: i.row, nearest: i.nearest && { to: i.nearest.to, distance: i.nearest.distance } })),
      components: r.fix.components.map((c) => ({ component: c.component, size: c.size, rows: c.rows, nearest: c.nearestOutside })),
    },
    neighbours: neighbourLists(nb),
    order: 'order' in w && w.order ? w.order : 1,
  };
}

const specName = (specPath: string) => path.basename(specPath).replace(/\.sar\.json$/i, '');
const notesOf = (problems: readonly Problem[]) => problems.filter((p) => p.severity !== 'error').map((p) => p.message);

/** The weights inspector's message for a spec, or its problems. */
export async function buildWeightsMessage(specPath: string, options: InputOptions = {}): Promise<Built<ShowWeightsMessage>> {
  let loaded: Loaded | undefined;
  let map: MapData | undefined;
  const notes: string[] = [];
  const out = await runWeightsReport(specPath, {
    ...options,
    onLoaded: async (l) => {
      loaded = l;
      map = await mapOf(l, specPath, options, notes);
    },
  });
  if (!out.report || !loaded) return { problems: out.problems };
  return {
    message: { type: 'weights', title: path.basename(specPath), specName: specName(specPath), view: weightsView(out.report, loaded), map, notes: [...notesOf(out.problems), ...notes] },
    problems: out.problems,
  };
}

/** The numeric columns of a table (every cell a number), in file order. */
export function numericColumns(table: Table): string[] {
  return table.columns.filter((c) => {
    try {
      numericColumn(table, c);
      return true;
    } catch {
      return false;
    }
  });
}

export function localView(r: LocalReport, values: ArrayLike<number>, nb: Csr): LocalViewData {
  return {
    variable: r.variable,
    n: r.n,
    ids: [...r.ids],
    nsim: r.nsim,
    seed: r.seed,
    values: Array.from(values),
    moran: {
      randomisation: pickTest(r.moran.randomisation),
      normality: pickTest(r.moran.normality),
      permutation: { statistic: r.moran.permutation.statistic, p: r.moran.permutation.p, nsim: r.moran.permutation.nsim, seed: r.moran.permutation.seed, rank: r.moran.permutation.rank },
    },
    Ii: r.local.Ii,
    p: r.local.p,
    pSim: r.local.pSim,
    centred: r.local.centred,
    lag: r.local.lag,
    quadrant: r.local.quadrant,
    gStarZ: r.gStar.z,
    gStarP: r.gStar.p,
    cardinalities: Array.from(cardinalities(nb)),
    neighbours: neighbourLists(nb),
  };
}

function pickTest(t: { I: number; expectation: number; variance: number; z: number; p: number }) {
  return { I: t.I, expectation: t.expectation, variance: t.variance, z: t.z, p: t.p };
}

function modelLine(spec: Spec): string {
  const rhs = [...(spec.intercept ? [] : ['0']), ...spec.independent].join(' + ') || '1';
  return `${spec.model} model: ${spec.dependent} ~ ${rhs}; weights ${weightsDescription(spec.weights)}`;
}

export interface LocalRequestOptions {
  nsim?: number;
  seed?: number;
}

/** The local statistics view's message for a variable of a spec (default: its dependent variable), or the problems. */
export async function buildLocalMessage(specPath: string, choice: LocalVariableChoice, request: LocalRequestOptions = {}, options: InputOptions = {}): Promise<Built<ShowLocalMessage>> {
  let loaded: Loaded | undefined;
  let map: MapData | undefined;
  const notes: string[] = [];
  const out = await runLocalReport(specPath, { column: choice.column ?? undefined, residuals: choice.residuals, nsim: request.nsim, seed: request.seed }, {
    ...options,
    draws: 0,
    onLoaded: async (l) => {
      loaded = l;
      map = await mapOf(l, specPath, options, notes);
    },
  });
  if (!out.report || !loaded) return { problems: out.problems };
  const l: Loaded = loaded;
  const values = valuesOf(out.report);
  const view = localView(out.report, values, l.data.weights.raw ?? l.data.weights.w);
  return {
    message: {
      type: 'local', title: path.basename(specPath), specName: specName(specPath), view, map, notes: [...notesOf(out.problems), ...notes],
      variables: numericColumns(l.data.table), model: l.spec.model, choice, modelLine: modelLine(l.spec),
    },
    problems: out.problems,
  };
}

/** The variable's values: x = (x − mean) + mean. */
function valuesOf(r: LocalReport): number[] {
  return r.local.centred.map((z) => z + r.mean);
}
