/**
 * What the results panel needs besides the FitResult: the map geometry per observation
 * (`MapData`), the spatial lag of the residuals (W·e, for the Moran scatterplot) and where each
 * data row sits in the CSV (to reveal an observation). Pure functions first, then one async
 * loader that reads the spec's files with the engine's own readers.
 *
 * No `vscode` import: unit-testable under plain mocha.
 */
import * as path from 'path';
import type { CoordinateSystem, FlatRing, MapData } from '../../protocol';
import type { FitResult } from '../../core/result';
import type { Spec } from '../../core/spec/types';
import { parseSpec } from '../../core/spec/parse';
import { parseLooseJson } from '../../core/spec/json';
import { numericColumn, parseCsv } from '../../core/io/csv';
import type { Table } from '../../core/io/table';
import { joinFeatures, parseGeoJson, type GeoCollection } from '../../core/io/geojson';
import { parseGal } from '../../core/io/gal';
import { parseGwt } from '../../core/io/gwt';
import { buildWeights, type BuildWeightsOptions } from '../../core/weights/build';
import type { SpatialWeights } from '../../core/weights/types';
import { matVec, type Csr } from '../../core/sparse/csr';
import { ProblemError, formatProblem } from '../../core/problems';
import { isInsideReal } from '../../core/io/paths';
import { readDecoded } from '../../core/input/files';
import { referencedFiles, specFiles } from '../specData';

/** Where the map's geometry comes from: an explicit `geometry` entry, else contiguity weights' GeoJSON. */
export interface GeometrySource {
  path: string;
  idProperty?: string;
  idColumn?: string;
}

export function mapGeometrySource(spec: Spec): GeometrySource | undefined {
  if (spec.geometry) return { path: spec.geometry.path, idProperty: spec.geometry.idProperty, idColumn: spec.geometry.idColumn ?? spec.weights.idColumn };
  const w = spec.weights;
  if (w.type === 'contiguity') return { path: w.geometry, idProperty: w.idProperty, idColumn: w.idColumn };
  return undefined;
}

/**
 * Planar or lon/lat? GeoJSON in practice carries no reliable marker (Columbus's polygons are in
 * planar units although RFC 7946 says WGS 84), so the weights' metric decides: great-circle
 * distances mean lon/lat. An explicit choice wins.
 */
export function coordinateSystemOf(spec: Spec, explicit?: CoordinateSystem): CoordinateSystem {
  if (explicit) return explicit;
  const w = spec.weights;
  return (w.type === 'knn' || w.type === 'distance') && w.distance === 'greatCircle' ? 'lonlat' : 'planar';
}

export interface BuildMapOptions {
  /** Display name of the geometry file (captions, problems). */
  geometryFile?: string;
  /** Override the planar / lon-lat decision. */
  coordinates?: CoordinateSystem;
}

/**
 * The map of a spec's observations, in data-row order: polygons (or points) from the GeoJSON
 * text when the spec names geometry, else points from the kNN / distance weights' coordinate
 * columns; undefined when the spec gives neither. Throws ProblemError when the geometry does not
 * parse or does not join to the rows.
 */
export function buildMapData(spec: Spec, table: Table, geometryText?: string, opts: BuildMapOptions = {}): MapData | undefined {
  const coordinates = coordinateSystemOf(spec, opts.coordinates);
  const source = mapGeometrySource(spec);
  if (source && geometryText !== undefined) {
    const file = opts.geometryFile ?? source.path;
    const geo = parseGeoJson(geometryText, file, { idProperty: source.idProperty });
    return mapFromGeoJson(geo, table, source.idColumn, coordinates, path.basename(file));
  }
  const w = spec.weights;
  if (w.type === 'knn' || w.type === 'distance') {
    const x = numericColumn(table, w.coordinates[0]);
    const y = numericColumn(table, w.coordinates[1]);
    return { kind: 'points', coordinates, x: Array.from(x), y: Array.from(y), ids: rowLabels(table, w.idColumn), source: `columns ${w.coordinates[0]}, ${w.coordinates[1]}` };
  }
  return undefined;
}

function rowLabels(table: Table, idColumn: string | undefined): string[] {
  if (idColumn !== undefined) {
    const c = table.columns.indexOf(idColumn);
    if (c >= 0) return table.cells[c].map((s) => s.trim());
  }
  return Array.from({ length: table.nrows }, (_, r) => String(r + 1));
}

/** Join features to rows; polygons when any feature is a polygon, else points. */
export function mapFromGeoJson(geo: GeoCollection, table: Table, idColumn: string | undefined, coordinates: CoordinateSystem, source?: string): MapData {
  const featureOfRow = joinFeatures(geo, table, { idColumn, extraFeatures: 'ignore' });
  const ids = rowLabels(table, idColumn);
  const feats = Array.from(featureOfRow, (k) => geo.features[k]);
  if (feats.some((f) => f.kind === 'polygon')) {
    const shapes = feats.map((f) => {
      const parts: FlatRing[][] = [];
      f.rings.forEach((ring, k) => {
        const p = f.ringPart[k];
        while (parts.length <= p) parts.push([]);
        parts[p].push(Array.from(ring));
      });
      return parts.filter((p) => p.length > 0);
    });
    return { kind: 'polygons', coordinates, shapes, ids, source };
  }
  const x = feats.map((f) => f.point?.[0] ?? NaN);
  const y = feats.map((f) => f.point?.[1] ?? NaN);
  return { kind: 'points', coordinates, x, y, ids, source };
}

/** W·v for a vector in data-row order. */
export function spatialLag(w: Csr, v: readonly number[]): number[] {
  return Array.from(matVec(w, Float64Array.from(v)));
}

/** Moran's I of v under W: n / S0 · z'Wz / z'z with z = v − mean(v). NaN when undefined. */
export function moranI(w: Csr, v: readonly number[]): number {
  const n = v.length;
  if (n === 0 || w.nrows !== n) return NaN;
  const mean = v.reduce((s, x) => s + x, 0) / n;
  const z = Float64Array.from(v, (x) => x - mean);
  const wz = matVec(w, z);
  let s0 = 0;
  for (let p = 0; p < w.rowPtr[n]; p++) s0 += w.values[p];
  let num = 0;
  let den = 0;
  for (let i = 0; i < n; i++) {
    num += z[i] * wz[i];
    den += z[i] * z[i];
  }
  return s0 !== 0 && den !== 0 ? (n / s0) * (num / den) : NaN;
}

// ---------------------------------------------------------------------------------------------
// Loading from the spec's files

export interface PanelData {
  /** The spec's "title", when it has one. */
  title?: string;
  map?: MapData;
  laggedResiduals?: number[];
  residualMoranI?: number;
  /** The data file (absolute) and the 1-based line of each data row, to reveal an observation. */
  dataFile?: string;
  lineOfRow?: number[];
  /** Every file the spec names (absolute): exports never overwrite them. */
  inputFiles?: string[];
  /** Why something is missing (for the output channel): e.g. the geometry did not join. */
  notes: string[];
}

export interface PanelDataOptions {
  /** Refuse files outside this folder (the workspace), as the fit does. */
  rootDir?: string;
  /** Unsaved editor text by absolute path (wins over the disk). */
  overrides?: ReadonlyMap<string, string>;
  /** The weights of the fit, when the caller kept them (saves rebuilding them). */
  weights?: SpatialWeights;
  coordinates?: CoordinateSystem;
}

/**
 * Reads the spec, its data, weights and geometry again (read-only) and derives the panel's extra
 * data for `result`. Never throws for a problem with the inputs: what cannot be built is left
 * out and explained in `notes`.
 */
export async function loadPanelData(specPath: string, result: FitResult, opts: PanelDataOptions = {}): Promise<PanelData> {
  return (await loadPanelDataForFits(specPath, [result], opts))[0];
}

/**
 * `loadPanelData` for several fits of one spec (the comparison's models): the files are read, the
 * map and the weights built once; each fit gets its own W·e. The map object is shared.
 */
export async function loadPanelDataForFits(specPath: string, results: readonly FitResult[], opts: PanelDataOptions = {}): Promise<PanelData[]> {
  const notes: string[] = [];
  const base: PanelData = { notes };
  const each = () => results.map((): PanelData => ({ ...base, notes: [...notes] }));
  const dir = path.dirname(specPath);
  const read = async (rel: string): Promise<{ abs: string; text: string }> => {
    const abs = path.resolve(dir, rel);
    if (opts.rootDir && !isInsideReal(opts.rootDir, abs)) throw new Error(`"${rel}" is outside the workspace folder`);
    return { abs, text: opts.overrides?.get(abs) ?? (await readDecoded(abs)) };
  };
  const why = (e: unknown) => (e instanceof ProblemError ? e.problems.slice(0, 3).map(formatProblem).join('; ') : e instanceof Error ? e.message : String(e));
  const n = results[0]?.n;

  let spec: Spec;
  let table: Table;
  try {
    const specText = opts.overrides?.get(path.resolve(specPath)) ?? (await readDecoded(specPath));
    base.inputFiles = referencedFiles(specFiles(specText, specPath));
    const parsed = parseSpec(specText, specPath);
    if (!parsed.spec) {
      notes.push('the spec does not parse');
      return each();
    }
    spec = parsed.spec;
    base.title = specTitle(specText);
    const data = await read(spec.data);
    table = parseCsv(data.text, path.basename(data.abs));
    base.dataFile = data.abs;
    base.lineOfRow = Array.from(table.lineOfRow);
  } catch (e) {
    notes.push(`cannot read the spec or its data: ${why(e)}`);
    return each();
  }
  if (table.nrows !== n) {
    notes.push(`the data have ${table.nrows} rows but the fit used ${n}; fit again to see the map`);
    return each();
  }

  // Map
  try {
    const source = mapGeometrySource(spec);
    const geo = source ? await read(source.path) : undefined;
    base.map = buildMapData(spec, table, geo?.text, { geometryFile: geo ? path.basename(geo.abs) : undefined, coordinates: opts.coordinates });
    if (!base.map) notes.push('no map: the spec names no geometry (add "geometry": {"path": "….geojson", "idProperty": …, "idColumn": …})');
  } catch (e) {
    notes.push(`no map: ${why(e)}`);
  }

  // W·e, per fit
  let weights: SpatialWeights | undefined;
  try {
    weights = opts.weights ?? (await rebuildWeights(spec, table, read));
  } catch (e) {
    notes.push(`no Moran scatterplot: ${why(e)}`);
  }
  return results.map((result) => {
    const out: PanelData = { ...base, notes: [...notes] };
    if (weights && weights.n === result.n && result.residuals.values.length === result.n) {
      out.laggedResiduals = spatialLag(weights.w, result.residuals.values);
      out.residualMoranI = moranI(weights.w, result.residuals.values);
    }
    return out;
  });
}

async function rebuildWeights(spec: Spec, table: Table, read: (rel: string) => Promise<{ abs: string; text: string }>): Promise<SpatialWeights> {
  const w = spec.weights;
  const inputs: BuildWeightsOptions = {};
  if (w.type === 'gal' || w.type === 'gwt') {
    const f = await read(w.path);
    inputs[w.type] = (w.type === 'gal' ? parseGal : parseGwt)(f.text, path.basename(f.abs));
  } else if (w.type === 'contiguity') {
    const f = await read(w.geometry);
    inputs.geometry = parseGeoJson(f.text, path.basename(f.abs), { idProperty: w.idProperty });
  }
  return buildWeights(w, table, inputs);
}

/** The spec's optional "title" (not part of the validated Spec). */
function specTitle(text: string): string | undefined {
  const o = parseLooseJson(text) as { title?: unknown } | undefined;
  return o && typeof o.title === 'string' && o.title.trim() ? o.title.trim().slice(0, 200) : undefined;
}
