/**
 * "SAR Studio: New model from CSV…": a first `.sar.json` for a CSV, from what its columns look
 * like. Every choice is a guess, and each one is written down in the spec's `description`:
 * - coordinates: columns named lon/lng/long/longitude with lat/latitude (case-insensitive), else
 *   x with y (also `X`/`Y`) or easting with northing; great-circle distance when the names say
 *   lon/lat and the values are degrees (longitude in −180..180, latitude in −90..90), else euclidean;
 * - weights: the k = 6 nearest neighbours on those coordinates (a GAL/GWT file or a GeoJSON given
 *   by the caller wins); row-standardised;
 * - id: a column named like an id (`id`, `fid`, `POLYID`, `city_code`, …) with unique values, else a
 *   unique text column (`city`, `name`), else a run of unique consecutive integers (10+ rows);
 * - dependent: the first numeric column that is not an id or a coordinate (or the caller's);
 * - regressors: the other numeric columns, without ids, coordinates, constant columns and columns
 *   that are exact linear combinations of the ones before (or the caller's).
 * The text parses with `parseSpec` without problems; with coordinates it fits as it stands.
 */
import { error, nearestName, ProblemError } from '../problems';
import { numericColumn } from '../io/csv';
import type { Table } from '../io/table';
import type { DistanceMetric, ModelType } from './types';

export interface CreateSpecOptions {
  /** The dependent variable (default: the first numeric column that is not an id or a coordinate). */
  dependent?: string;
  /** The regressors (default: the other usable numeric columns). */
  independent?: string[];
  /** Default "lag". */
  model?: ModelType;
  /** Neighbours for kNN weights (default 6, at most n − 1). */
  k?: number;
  title?: string;
  /** A GAL or GWT file (path relative to the spec) to use as the weights instead of coordinates. */
  weightsFile?: string;
  /** A GeoJSON file (relative to the spec): queen contiguity weights (unless `weightsFile`) and the map. */
  geometryFile?: string;
}

export interface SpecGuess {
  /** The spec as written (key order as in the text). */
  spec: Record<string, unknown>;
  dependent: string;
  independent: string[];
  coordinates?: { x: string; y: string; distance: DistanceMetric };
  /** The column that names the rows (used in the spec where the weights take one). */
  idColumn?: string;
  weightsType: 'knn' | 'gal' | 'gwt' | 'contiguity';
  /** No coordinates, weights file or geometry: the weights point at a GAL file still to be made. */
  weightsPlaceholder: boolean;
  /** Numeric columns left out of the regressors, and why. */
  excluded: { column: string; reason: string }[];
  /** One sentence per guess (the `description`). */
  notes: string[];
}

export const DEFAULT_K = 6;

const LON_NAMES = ['longitude', 'lon', 'lng', 'long'];
const LAT_NAMES = ['latitude', 'lat'];
const X_NAMES = ['x', 'easting'];
const Y_NAMES = ['y', 'northing'];

/** Names that say "identifier": id, fid, gid, objectid, POLYID, city_id, regionCode, GEOID, … */
export function isIdName(name: string): boolean {
  const n = name.trim();
  return (
    /^(id|fid|gid|oid|uid|objectid|object_id|key|code|geoid|fips|index|row)$/i.test(n) ||
    /(^|[_\s.-])(id|code|key)$/i.test(n) ||
    /[A-Z0-9]ID$/.test(n) ||
    /[a-z0-9]I[dD]$/.test(n)
  );
}

interface Column {
  name: string;
  index: number;
  values?: Float64Array;
  unique: boolean;
  /** Unique integers forming a consecutive run (row numbers, codes 1001..1049), in 10 rows or more. */
  consecutive: boolean;
  constant: boolean;
}

function describe(table: Table): Column[] {
  return table.columns.map((name, index) => {
    let values: Float64Array | undefined;
    try {
      values = numericColumn(table, name);
    } catch (e) {
      if (!(e instanceof ProblemError)) throw e;
    }
    const cells = table.cells[index];
    const seen = new Set<string>();
    let unique = true;
    for (const c of cells) {
      const key = values ? String(Number(c)) : c.trim();
      if (key === '' || seen.has(key)) {
        unique = false;
        break;
      }
      seen.add(key);
    }
    let consecutive = false;
    let constant = false;
    if (values && values.length) {
      let min = Infinity;
      let max = -Infinity;
      let integers = true;
      for (const v of values) {
        if (v < min) min = v;
        if (v > max) max = v;
        if (!Number.isInteger(v)) integers = false;
      }
      constant = min === max;
      // With few rows a small count variable is easily a permutation of 1..n: not an id then.
      consecutive = unique && integers && values.length >= 10 && max - min === values.length - 1;
    }
    return { name, index, values, unique, consecutive, constant };
  });
}

function findColumn(cols: Column[], names: readonly string[], reserved: ReadonlySet<string>): Column | undefined {
  for (const n of names) {
    const c = cols.find((col) => col.values && !reserved.has(col.name) && col.name.trim().toLowerCase() === n);
    if (c) return c;
  }
  return undefined;
}

function looksLikeDegrees(lon: Float64Array, lat: Float64Array): boolean {
  for (let i = 0; i < lon.length; i++) if (!(Math.abs(lon[i]) <= 180 && Math.abs(lat[i]) <= 90)) return false;
  return true;
}

function pickId(cols: Column[]): { column: Column; why: string } | undefined {
  const exact = cols.find((c) => c.unique && c.name.trim().toLowerCase() === 'id');
  if (exact) return { column: exact, why: 'named "id", unique values' };
  const named = cols.find((c) => c.unique && isIdName(c.name));
  if (named) return { column: named, why: 'named like an identifier, unique values' };
  const text = cols.find((c) => c.unique && !c.values);
  if (text) return { column: text, why: 'the first text column with unique values' };
  const run = cols.find((c) => c.consecutive);
  if (run) return { column: run, why: 'unique consecutive integers' };
  return undefined;
}

/**
 * Greedy rank check: keeps the columns (in order) that are not, up to 1e-10 of their variance,
 * linear combinations of the intercept and the columns kept before them.
 */
function independentColumns(cols: Column[], dependent?: Column): { kept: Column[]; dropped: Column[] } {
  const basis: Float64Array[] = [];
  const kept: Column[] = [];
  const dropped: Column[] = [];
  // The dependent goes first: a regressor that is an exact function of y would fit perfectly.
  for (const c of dependent?.values ? [dependent, ...cols] : cols) {
    const v = c.values!;
    const n = v.length;
    let mean = 0;
    for (let i = 0; i < n; i++) mean += v[i];
    mean /= n;
    const r = new Float64Array(n);
    let norm0 = 0;
    for (let i = 0; i < n; i++) {
      r[i] = v[i] - mean;
      norm0 += r[i] * r[i];
    }
    if (!(norm0 > 0)) {
      if (c !== dependent) dropped.push(c);
      continue;
    }
    // Modified Gram–Schmidt, twice for stability.
    for (let pass = 0; pass < 2; pass++) {
      for (const q of basis) {
        let dot = 0;
        for (let i = 0; i < n; i++) dot += q[i] * r[i];
        for (let i = 0; i < n; i++) r[i] -= dot * q[i];
      }
    }
    let norm = 0;
    for (let i = 0; i < n; i++) norm += r[i] * r[i];
    if (norm <= 1e-10 * norm0) {
      if (c !== dependent) dropped.push(c);
      continue;
    }
    const s = 1 / Math.sqrt(norm);
    for (let i = 0; i < n; i++) r[i] *= s;
    basis.push(r);
    if (c !== dependent) kept.push(c);
  }
  return { kept, dropped };
}

function list(names: string[]): string {
  return names.map((n) => `"${n}"`).join(', ');
}

function stripCsv(file: string): string {
  const base = file.replace(/\\/g, '/').split('/').pop() ?? file;
  return base.replace(/\.(csv|tsv|txt)$/i, '');
}

/** The guesses for a CSV, with the spec object. Throws ProblemError when no spec can be made. */
export function guessSpec(table: Table, csvFileName: string, options: CreateSpecOptions = {}): SpecGuess {
  const fail = (message: string, code: string, suggestion?: string): never => {
    throw new ProblemError(error(message, table.file, { line: 1, column: 1 }, code, suggestion));
  };
  const n = table.nrows;
  if (n < 3) fail(`${table.file} has ${n} data row${n === 1 ? '' : 's'}; a spatial model needs at least 3`, 'create-too-few-rows');
  const cols = describe(table);
  const byName = new Map(cols.map((c) => [c.name, c]));
  const need = (name: string, role: string): Column => {
    const c = byName.get(name);
    if (!c) {
      const near = nearestName(name, table.columns);
      return fail(`unknown column "${name}" (${role}) in ${table.file}${near ? `; did you mean "${near}"?` : ''}`, 'unknown-column', near);
    }
    if (!c.values) return fail(`column "${name}" (${role}) is not numeric in every row`, 'not-numeric');
    return c;
  };
  const notes: string[] = [`Created by SAR Studio from ${csvFileName}: each choice below is a guess, check it.`];

  // Coordinates
  let coordinates: SpecGuess['coordinates'];
  // Columns the caller chose as variables are not coordinates.
  const reserved = new Set([options.dependent ?? '', ...(options.independent ?? [])]);
  const lon = findColumn(cols, LON_NAMES, reserved);
  const lat = findColumn(cols, LAT_NAMES, reserved);
  const xCol = findColumn(cols, X_NAMES, reserved);
  const yCol = findColumn(cols, Y_NAMES, reserved);
  if (lon && lat) {
    const degrees = looksLikeDegrees(lon.values!, lat.values!);
    coordinates = { x: lon.name, y: lat.name, distance: degrees ? 'greatCircle' : 'euclidean' };
    notes.push(
      degrees
        ? `Coordinates: "${lon.name}", "${lat.name}" (named longitude/latitude, values in degrees), so great-circle distances in km.`
        : `Coordinates: "${lon.name}", "${lat.name}" (named longitude/latitude, but the values are not all within ±180/±90, so they are taken as projected and distances are euclidean).`,
    );
  } else if (xCol && yCol) {
    coordinates = { x: xCol.name, y: yCol.name, distance: 'euclidean' };
    notes.push(`Coordinates: "${xCol.name}", "${yCol.name}" (named x/y), euclidean distances; if they are longitude/latitude in degrees, set "distance": "greatCircle".`);
  }
  const coordNames = new Set(coordinates ? [coordinates.x, coordinates.y] : []);

  // Id
  const id = pickId(cols);
  const idColumn = id?.column.name;
  const isIdLike = (c: Column) => c.name === idColumn || (c.unique && isIdName(c.name)) || c.consecutive;

  // Dependent and regressors
  const excluded: SpecGuess['excluded'] = [];
  // Other coordinate-named columns are left out when they come in pairs (Columbus: X and Y besides
  // x and y); a lone "y" or "x" is an ordinary variable.
  const coordLike = (names: readonly string[]) => cols.filter((c) => c.values && !coordNames.has(c.name) && !reserved.has(c.name) && names.includes(c.name.trim().toLowerCase()));
  const xLike = coordLike([...LON_NAMES, ...X_NAMES]);
  const yLike = coordLike([...LAT_NAMES, ...Y_NAMES]);
  const otherCoordinates = new Set(xLike.length && yLike.length ? [...xLike, ...yLike].map((c) => c.name) : []);
  const reasonOf = (c: Column): string | undefined => {
    if (coordNames.has(c.name)) return 'coordinate';
    if (otherCoordinates.has(c.name)) return 'named like a coordinate';
    if (isIdLike(c)) return 'identifier';
    if (c.constant) return 'constant';
    return undefined;
  };
  let dependent: string;
  if (options.dependent !== undefined) {
    dependent = need(options.dependent, 'dependent variable').name;
    notes.push(`Dependent variable: "${dependent}" (chosen).`);
  } else {
    const dep = cols.find((c) => c.values && reasonOf(c) === undefined);
    if (!dep) return fail(`${table.file} has no numeric column that is not an id or a coordinate, so there is no dependent variable to model`, 'create-no-numeric');
    dependent = dep.name;
    notes.push(`Dependent variable: "${dependent}" (the first numeric column that is not an id or a coordinate).`);
  }
  let independent: string[];
  if (options.independent !== undefined) {
    independent = options.independent.map((x) => need(x, 'regressor').name).filter((x, i, a) => x !== dependent && a.indexOf(x) === i);
    notes.push(`Regressors: ${independent.length ? list(independent) : 'none (intercept only)'} (chosen).`);
  } else {
    const candidates: Column[] = [];
    for (const c of cols) {
      if (!c.values || c.name === dependent) continue;
      const why = reasonOf(c);
      if (why) excluded.push({ column: c.name, reason: why });
      else candidates.push(c);
    }
    const { kept, dropped } = independentColumns(candidates, byName.get(dependent));
    dropped.forEach((c) => excluded.push({ column: c.name, reason: 'an exact linear combination of the dependent variable and the columns before it' }));
    // Keep at least 3 residual degrees of freedom: n > intercept + regressors + ρ + σ² + 1.
    const maxRegressors = Math.max(0, n - 5);
    kept.slice(maxRegressors).forEach((c) => excluded.push({ column: c.name, reason: `too many regressors for ${n} rows` }));
    independent = kept.slice(0, maxRegressors).map((c) => c.name);
    const left = excluded.length ? `; left out: ${excluded.map((e) => `"${e.column}" (${e.reason})`).join(', ')}` : '';
    notes.push(`Regressors: ${independent.length ? list(independent) : 'none (intercept only)'} (the other numeric columns${left}).`);
  }

  // Weights
  let weights: Record<string, unknown>;
  let weightsType: SpecGuess['weightsType'];
  let weightsPlaceholder = false;
  const k = Math.max(1, Math.min(options.k ?? DEFAULT_K, n - 1));
  if (options.weightsFile) {
    weightsType = /\.gwt$/i.test(options.weightsFile) ? 'gwt' : 'gal';
    weights = { type: weightsType, path: options.weightsFile, ...(idColumn ? { idColumn } : {}), style: 'W' };
    notes.push(`Weights: the neighbours in ${options.weightsFile}${idColumn ? `, ids matched to column "${idColumn}"` : ', ids matched to row numbers'}, row-standardised (style W).`);
  } else if (options.geometryFile) {
    weightsType = 'contiguity';
    weights = { type: 'contiguity', geometry: options.geometryFile, criterion: 'queen', ...(idColumn ? { idColumn } : {}), style: 'W' };
    notes.push(`Weights: queen contiguity of the polygons in ${options.geometryFile} (shared edge or corner)${idColumn ? `, features matched to column "${idColumn}"` : ', features in row order'}, row-standardised (style W).`);
  } else if (coordinates) {
    weightsType = 'knn';
    weights = { type: 'knn', k, coordinates: [coordinates.x, coordinates.y], distance: coordinates.distance, style: 'W' };
    notes.push(`Weights: each row's ${k} nearest neighbours${coordinates.distance === 'greatCircle' ? ' by great-circle distance' : ''} (k = ${k}${k === DEFAULT_K ? ', a common default' : ''}), row-standardised (style W).`);
  } else {
    weightsType = 'gal';
    weightsPlaceholder = true;
    const file = `${stripCsv(csvFileName)}.gal`;
    weights = { type: 'gal', path: file, ...(idColumn ? { idColumn } : {}), style: 'W' };
    notes.push(`Weights: no coordinate columns found (lon/lat, x/y), so the spec points at ${file}, which does not exist yet: make it (e.g. in GeoDa) or change "weights" to knn, distance or contiguity weights.`);
  }
  if (idColumn) {
    const where = weightsType === 'knn' ? 'kNN weights do not use it, so the spec does not name it' : weightsType === 'contiguity' ? 'used to match the polygons and the map' : 'used to match the weights';
    notes.push(`Row id: "${idColumn}" (${id!.why}; ${where}).`);
  }
  const model = options.model ?? 'lag';
  notes.push(`Model: ${model === 'lag' ? 'spatial lag (SAR)' : model === 'error' ? 'spatial error (SEM)' : model === 'durbin' ? 'spatial Durbin (SDM)' : 'OLS'}.`);

  const spec: Record<string, unknown> = {
    title: options.title ?? `${dependent}: ${model === 'ols' ? 'OLS' : `spatial ${model === 'lag' ? 'lag' : model === 'error' ? 'error' : 'Durbin'} model`} (${csvFileName})`,
    description: notes.join(' '),
    data: csvFileName.replace(/\\/g, '/'),
    dependent,
    independent,
    weights,
    model,
    logdet: 'auto',
    se: 'asymptotic',
  };
  if (options.geometryFile) spec.geometry = { path: options.geometryFile, ...(idColumn ? { idColumn } : {}) };
  return { spec, dependent, independent, coordinates, idColumn, weightsType, weightsPlaceholder, excluded, notes };
}

/**
 * Pretty JSON as people write specs: one top-level field per line, nested objects and arrays on
 * one line when they fit in `width` characters (as examples/columbus/columbus.sar.json).
 */
export function prettyJson(value: unknown, width = 100, indent = ''): string {
  const flat = JSON.stringify(value, null, 1)?.replace(/\n\s*/g, ' ').replace(/\[ /g, '[').replace(/ \]/g, ']') ?? 'null';
  const isContainer = value !== null && typeof value === 'object';
  if (!isContainer || (indent !== '' && indent.length + flat.length <= width)) return isContainer ? flat.replace(/\{ /g, '{ ').replace(/ \}/g, ' }') : flat;
  const inner = indent + '  ';
  if (Array.isArray(value)) {
    return `[\n${value.map((v) => inner + prettyJson(v, width, inner)).join(',\n')}\n${indent}]`;
  }
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
  return `{\n${entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${prettyJson(v, width - k.length - 4, inner)}`).join(',\n')}\n${indent}}`;
}

/** The spec text (pretty JSON, final newline) for a CSV. */
export function createSpecFromCsv(table: Table, csvFileName: string, options: CreateSpecOptions = {}): string {
  return prettyJson(guessSpec(table, csvFileName, options).spec) + '\n';
}
