/**
 * The engine's front door: spec file → problems or a fit result. Called by the CLI, the
 * extension's fit worker and the tests alike. Reads files (the only I/O of the engine, and
 * read-only), then runs the pure stages:
 * spec → table → weights → log-determinant → fit → tests and impacts → FitResult.
 */
import { promises as fs } from 'fs';
import * as path from 'path';
import { CancelledError, error, formatProblem, info, ProblemError, warning, type Problem, type Range } from './problems';
import { checkColumns, parseSpec, type ParsedSpec } from './spec/parse';
import type { LogDetMethod, SeMethod, Spec } from './spec/types';
import { MAX_DRAWS } from './spec/schema';
import type { FitResult } from './result';
import { parseCsv } from './io/csv';
import { termColumn } from './io/termColumn';
import { isInside, isInsideReal } from './io/paths';
import type { Table } from './io/table';
import { rowIds } from './io/neighbourFile';
import { capEachKind } from './io/problemList';
import { decodeText } from './io/readFile';
import { buildWeights, type BuildWeightsOptions } from './weights/build';
import type { SpatialWeights } from './weights/types';
import { chooseLocalityOrder, gather, gatherLabels, permuteWeights, scatter } from './weights/locality';
import { parseGal } from './io/gal';
import { parseGwt } from './io/gwt';
import { joinFeatures, parseGeoJson, type GeoCollection } from './io/geojson';
import { chooseLogDet } from './logdet/choose';
import { buildDesign } from './models/design';
import { fitModel } from './models/fitModel';
import { fiveNumber } from './models/quantiles';
import { analyseFit } from './analysis';

export interface RunOptions {
  /** Override the spec's `logdet` / `se`. */
  logdet?: LogDetMethod;
  se?: SeMethod;
  /** Override the spec's impacts simulation draws (0 = no simulation). */
  draws?: number;
  seed?: number;
  /** Checked between steps; a cancelled run rejects with CancelledError. */
  isCancelled?: () => boolean;
  /** Progress between steps: a short label and a fraction in [0, 1]. */
  onProgress?: (step: string, fraction: number) => void;
  /** When set, files the spec names must lie inside this folder (the workspace). */
  rootDir?: string;
  /** Text of files already open in an editor (unsaved edits win over the disk), by absolute path. */
  overrides?: ReadonlyMap<string, string>;
  /**
   * Validation only: a data file larger than this is checked by its header (the column names),
   * not cell by cell — parsing 100 MB of CSV takes seconds, too long for checks as the user types
   * on the editor's thread. Its cells are checked when the model is fitted.
   */
  cellCheckLimitBytes?: number;
  /** Parsed CSVs kept between calls (validation as the user types), keyed by absolute path. */
  tableCache?: Map<string, { mtimeMs: number; size: number; table: Table }>;
}

export interface RunOutcome {
  result?: FitResult;
  /** Errors (then no result), and warnings / information that go with a result. */
  problems: Problem[];
}

/** Largest file the engine reads (V8's string limit is ~512 MiB). */
export const MAX_FILE_BYTES = 500 * 1024 * 1024;

export async function runSpecFile(specPath: string, options: RunOptions = {}): Promise<RunOutcome> {
  const t0 = performance.now();
  let parsed: ParsedSpec | undefined;
  try {
    const draws = options.draws;
    if (draws !== undefined && !(Number.isInteger(draws) && draws >= 0 && draws <= MAX_DRAWS)) {
      throw new RangeError(`runSpecFile: draws must be an integer from 0 to ${MAX_DRAWS}, got ${draws}`);
    }
    const text = await readText(specPath, specPath, undefined, options);
    parsed = parseSpec(text, specPath);
    if (!parsed.spec) return { problems: placeProblems(parsed.problems, specPath, parsed) };
    const outcome = await runSpec(parsed.spec, specPath, parsed, options, t0);
    const problems = placeProblems(outcome.problems, specPath, parsed);
    if (outcome.result) outcome.result.warnings = problems.filter((p) => p.severity !== 'error');
    return { ...outcome, problems };
  } catch (e) {
    if (e instanceof ProblemError) return { problems: placeProblems(e.problems, specPath, parsed) };
    throw e;
  }
}

/**
 * The last line of defence of "every problem names its file and place": a problem a stage made
 * without a file gets the spec file and the range of the spec field it comes from (`PLACE`, by
 * problem code; the model otherwise), one without a range line 1; and no kind floods the list.
 */
function placeProblems(problems: readonly Problem[], specPath: string, parsed: ParsedSpec | undefined): Problem[] {
  const fieldRange = (field: string): Range => {
    // The field, or the nearest enclosing field that is written (e.g. "weights" for "weights.style").
    for (let f = field; parsed; f = f.includes('.') ? f.slice(0, f.lastIndexOf('.')) : '') {
      const r = parsed.locate(f);
      if (r) return r;
      if (f === '') break;
    }
    return { line: 1, column: 1 };
  };
  return capEachKind(problems.map((p) => {
    if (!p.file) return { ...p, file: specPath, range: p.range ?? fieldRange(PLACE[p.code ?? ''] ?? 'model') };
    return p.range ? p : { ...p, range: { line: 1, column: 1 } };
  }));
}

type Step = (label: string, fraction: number) => void;

/** What the fit needs from the files: numbers, weights and row labels (no CSV text or cells). */
interface ModelInputs {
  y: Float64Array;
  /** R's names of the dependent variable and the regressors (`log(HOVAL)`). */
  yName: string;
  columns: { name: string; values: Float64Array }[];
  weights: SpatialWeights;
  ids: readonly string[];
  /** What the reading noticed without refusing (weights notes, an unusable map geometry). */
  problems: Problem[];
  readMs: number;
  weightsMs: number;
}

/** Runs a parsed spec; `specPath` locates relative paths and error positions. */
async function runSpec(spec: Spec, specPath: string, parsed: ParsedSpec, options: RunOptions = {}, t0 = performance.now()): Promise<RunOutcome> {
  const step: Step = (label, fraction) => {
    if (options.isCancelled?.()) throw new CancelledError();
    options.onProgress?.(label, fraction);
  };
  // Once the inputs are read, the table (at n = 10⁶, millions of cell strings that every full
  // GC would have to mark during the fit) is no longer referenced.
  const inputs = await readModelInputs(spec, specPath, parsed, options, step, t0);
  return fitInputs(spec, specPath, parsed, inputs, options, step, t0);
}

async function readModelInputs(spec: Spec, specPath: string, parsed: ParsedSpec, options: RunOptions, step: Step, t0: number): Promise<ModelInputs> {
  const dir = path.dirname(specPath);
  const resolve = (rel: string, jsonPath: string) => resolveInside(dir, rel, options.rootDir, { file: specPath, range: parsed.locate(jsonPath) });

  step('Reading data', 0.05);
  const { table, y, yName, columns } = await loadModelData(spec, specPath, parsed, options);
  const readMs = performance.now() - t0;

  step('Building spatial weights', 0.2);
  const t1 = performance.now();
  const w = spec.weights;
  const inputs: BuildWeightsOptions = { specFile: specPath, rangeOf: parsed.locate };
  let weightsGeometry: { file: string; geo: GeoCollection } | undefined;
  if (w.type === 'gal' || w.type === 'gwt') {
    const file = resolve(w.path, 'weights.path');
    const text = await readText(file, specPath, parsed.locate('weights.path'), options);
    inputs[w.type] = (w.type === 'gal' ? parseGal : parseGwt)(text, displayPath(file));
  } else if (w.type === 'contiguity') {
    const file = resolve(w.geometry, 'weights.geometry');
    const text = await readText(file, specPath, parsed.locate('weights.geometry'), options);
    inputs.geometry = parseGeoJson(text, displayPath(file), { idProperty: w.idProperty });
    weightsGeometry = { file, geo: inputs.geometry };
  }
  const weights = buildWeights(w, table, inputs);
  const idColumn = idColumnOf(spec);
  // Without an id column in the spec, the weights may have found one (a GAL header's id variable).
  const ids = idColumn !== undefined || !weights.ids ? rowIds(table, idColumn).labels : weights.ids;
  const weightsMs = performance.now() - t1;
  const problems = [...(weights.warnings ?? []), ...(await geometryProblems(spec, specPath, parsed, table, options, weightsGeometry))];
  return { y, yName, columns, weights, ids, problems, readMs, weightsMs };
}

/**
 * The map's geometry (`geometry`) is not needed for the fit, so a missing or broken one is a
 * warning at the spec's `geometry` field rather than an error; but it is read and joined to the
 * rows here, so that the user hears of it with the fit and not only as a map that is missing.
 */
async function geometryProblems(spec: Spec, specPath: string, parsed: ParsedSpec, table: Table, options: RunOptions,
  weightsGeometry: { file: string; geo: GeoCollection } | undefined): Promise<Problem[]> {
  const g = spec.geometry;
  if (!g) return [];
  const range = parsed.locate('geometry.path') ?? parsed.locate('geometry');
  try {
    const file = resolveInside(path.dirname(specPath), g.path, options.rootDir, { file: specPath, range });
    const w = spec.weights;
    const geo = weightsGeometry && weightsGeometry.file === file && w.type === 'contiguity' && w.idProperty === g.idProperty
      ? weightsGeometry.geo
      : parseGeoJson(await readText(file, specPath, range, options), displayPath(file), { idProperty: g.idProperty });
    joinFeatures(geo, table, { idColumn: g.idColumn ?? w.idColumn, extraFeatures: 'ignore' });
    return [];
  } catch (e) {
    if (!(e instanceof ProblemError)) throw e;
    return [geometryWarning(e.problems, specPath, range)];
  }
}

/** One warning at the spec's geometry field for what keeps the map's geometry from being used. */
function geometryWarning(problems: readonly Problem[], specPath: string, range: Range | undefined): Problem {
  const first = problems[0];
  const why = first.file === specPath ? first.message : formatProblem(first).replace(/: error: /, ': ');
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more problem${problems.length > 2 ? 's' : ''})` : '';
  return warning(`the map's geometry cannot be used: ${why}${more}; the fit does not need it, the map does`, specPath, range, 'geometry-unusable');
}

function fitInputs(spec: Spec, specPath: string, parsed: ParsedSpec, inputs: ModelInputs, options: RunOptions, step: Step, t0: number): RunOutcome {
  const at = (jsonPath: string) => ({ file: specPath, range: parsed.locate(jsonPath) });
  const { y, yName, columns } = inputs;
  // Large problems are fitted in a locality order (weights/locality) and mapped back at the end.
  const t1 = performance.now();
  const order = chooseLocalityOrder(inputs.weights);
  const weights = order ? permuteWeights(inputs.weights, order) : inputs.weights;
  const weightsMs = inputs.weightsMs + performance.now() - t1;

  step('Fitting the model', 0.4);
  const t2 = performance.now();
  const model = spec.model;
  const design = buildDesign({
    y: order ? gather(y, order) : y,
    yName,
    columns: order ? columns.map((c) => ({ name: c.name, values: gather(c.values, order) })) : columns,
    intercept: spec.intercept,
    durbinW: model === 'durbin' ? weights.w : undefined,
    locate: (name) => at(name === yName ? 'dependent' : `independent.${columns.findIndex((c) => c.name === name)}`),
  });
  const logdetMethod = options.logdet ?? spec.logdet;
  const logdet = model === 'ols' ? undefined : chooseLogDet(weights, logdetMethod);
  const se = options.se ?? spec.se;
  const fit = fitModel(design, model, se, weights.w, logdet);
  step('Tests and impacts', 0.75);
  const result = analyseFit({
    spec, design, fit, weights, logdet,
    ids: order ? gatherLabels(inputs.ids, order) : [...inputs.ids],
    observed: order ? gather(y, order) : y,
    draws: options.draws ?? spec.impacts.draws,
    seed: options.seed ?? spec.impacts.seed,
  });
  if (order) restoreRowOrder(result, order, inputs);
  const fitMs = performance.now() - t2;
  result.timings = { readMs: inputs.readMs, weightsMs, fitMs, totalMs: performance.now() - t0 };
  result.residuals.quantiles = fiveNumber(result.residuals.values);
  step('Done', 1);
  const problems = [...inputs.problems, ...result.warnings];
  result.warnings = problems;
  return { result, problems };
}

/**
 * Puts the per-observation vectors of a fit made in a relabelled order back into data-row order
 * (observed values and ids are the inputs' own).
 */
function restoreRowOrder(r: FitResult, perm: Int32Array, inputs: ModelInputs): void {
  r.residuals.values = scatter(r.residuals.values, perm);
  r.fitted = scatter(r.fitted, perm);
  r.observed = Array.from(inputs.y);
  r.ids = [...inputs.ids];
  for (const s of r.localSpillover ?? []) {
    s.total = scatter(s.total, perm);
    s.direct = scatter(s.direct, perm);
    s.indirect = scatter(s.indirect, perm);
  }
}

/** The data table and the model's numeric columns, with every problem located. */
async function loadModelData(spec: Spec, specPath: string, parsed: ParsedSpec, options: RunOptions) {
  const dataPath = resolveInside(path.dirname(specPath), spec.data, options.rootDir, { file: specPath, range: parsed.locate('data') });
  const table = await readTable(dataPath, specPath, parsed.locate('data'), options);
  const columnProblems = checkColumns(spec, parsed, table.columns, specPath);
  if (columnProblems.length) throw new ProblemError(columnProblems);
  return { table, ...readModelColumns(spec, table, specPath, parsed) };
}

/**
 * Validation without fitting, for the editor as the user types: the spec, the files it
 * names, the columns and the model columns' cells. Problems only; never throws for bad input.
 */
export async function validateSpecText(text: string, specPath: string, options: RunOptions = {}): Promise<Problem[]> {
  const parsed = parseSpec(text, specPath);
  if (!parsed.spec) return placeProblems(parsed.problems, specPath, parsed);
  const spec = parsed.spec;
  const problems: Problem[] = [];
  const collect = async (check: () => Promise<unknown>) => {
    try {
      await check();
    } catch (e) {
      if (!(e instanceof ProblemError)) throw e;
      problems.push(...e.problems);
    }
  };
  await collect(async () => {
    const dataPath = resolveInside(path.dirname(specPath), spec.data, options.rootDir, { file: specPath, range: parsed.locate('data') });
    const limit = options.cellCheckLimitBytes;
    const size = limit === undefined || options.overrides?.has(dataPath) ? 0 : (await statFile(dataPath, specPath, parsed.locate('data'))).size;
    if (limit === undefined || size <= limit) {
      await loadModelData(spec, specPath, parsed, options);
      return;
    }
    const header = parseCsv(await readHead(dataPath, displayPath(dataPath)), displayPath(dataPath));
    const columnProblems = checkColumns(spec, parsed, header.columns, specPath);
    if (columnProblems.length) throw new ProblemError(columnProblems);
    problems.push(info(`${path.basename(dataPath)} is ${(size / 2 ** 20).toFixed(0)} MB: its cells are checked when the model is fitted, not as you type`, specPath, parsed.locate('data'), 'large-data'));
  });
  const w = spec.weights;
  const files: [string, string][] = [];
  if (w.type === 'gal' || w.type === 'gwt') files.push([w.path, 'weights.path']);
  if (w.type === 'contiguity') files.push([w.geometry, 'weights.geometry']);
  if (spec.geometry) files.push([spec.geometry.path, 'geometry.path']);
  for (const [rel, jsonPath] of files) {
    const range = parsed.locate(jsonPath) ?? parsed.locate(jsonPath.split('.')[0]);
    const found: Problem[] = [];
    await collect(async () => {
      try {
        const abs = resolveInside(path.dirname(specPath), rel, options.rootDir, { file: specPath, range });
        if (!options.overrides?.has(abs)) await statFile(abs, specPath, range);
      } catch (e) {
        // The map's geometry is optional for the fit: a warning, as when fitting.
        if (!(e instanceof ProblemError) || jsonPath !== 'geometry.path') throw e;
        found.push(geometryWarning(e.problems, specPath, range));
      }
    });
    problems.push(...found);
  }
  return placeProblems(problems, specPath, parsed);
}

async function readTable(file: string, specPath: string, range: Range | undefined, options: RunOptions): Promise<Table> {
  const cache = options.tableCache;
  if (!cache || options.overrides?.has(path.resolve(file))) return parseCsv(await readText(file, specPath, range, options), displayPath(file));
  const st = await statFile(file, specPath, range);
  const hit = cache.get(file);
  if (hit && hit.mtimeMs === st.mtimeMs && hit.size === st.size) return hit.table;
  const table = parseCsv(decodeText(await fs.readFile(file), displayPath(file)), displayPath(file)); // stat checked above
  cache.set(file, { mtimeMs: st.mtimeMs, size: st.size, table });
  return table;
}

/**
 * The spec field a problem of a stage that knows no spec belongs to, by problem code (its range
 * in the editor, and its place in `FILE:LINE:COL`); other codes belong to "model".
 */
const PLACE: Record<string, string> = {
  islands: 'weights',
  disconnected: 'weights',
  'weights-sum': 'weights.style',
  'weights-overflow': 'weights.style',
  collinearity: 'independent',
  'approximate-traces': 'se',
  'asymptotic-failed': 'se',
  'logdet-too-large': 'logdet',
};

function idColumnOf(spec: Spec): string | undefined {
  return spec.weights.idColumn ?? spec.geometry?.idColumn;
}

/** y and the regressors (terms: a column or a transform of one) as numbers, every bad cell of every model column at once. */
function readModelColumns(spec: Spec, table: Table, specPath: string, parsed: ParsedSpec) {
  const problems: Problem[] = [];
  const read = (text: string, jsonPath: string): { name: string; values: Float64Array } => {
    try {
      const { term, values } = termColumn(table, text, specPath, parsed.locate(jsonPath), jsonPath.replace(/\.(\d+)$/, '[$1]'));
      return { name: term.label, values };
    } catch (e) {
      if (!(e instanceof ProblemError)) throw e;
      problems.push(...e.problems);
      return { name: text, values: new Float64Array(0) };
    }
  };
  const dependent = read(spec.dependent, 'dependent');
  const columns = spec.independent.map((text, i) => read(text, `independent.${i}`));
  if (problems.length) throw new ProblemError(problems);
  return { y: dependent.values, yName: dependent.name, columns };
}

function resolveInside(dir: string, rel: string, rootDir: string | undefined, where: { file: string; range?: Range }): string {
  const abs = path.resolve(dir, rel);
  if (rootDir) {
    if (!isInsideReal(rootDir, abs)) {
      throw new ProblemError(error(`"${rel}" is outside the workspace folder; SAR Studio only reads files inside it`, where.file, where.range, 'outside-workspace'));
    }
  }
  return abs;
}

function displayPath(abs: string): string {
  const rel = path.relative(process.cwd(), abs);
  return rel && isInside(process.cwd(), abs) ? rel : abs;
}

/** Checks that a file exists, is not empty and not over the size limit; problems point at the spec. */
async function statFile(file: string, specPath: string, range: Range | undefined): Promise<{ mtimeMs: number; size: number }> {
  const where = file === specPath ? { file: specPath, range: { line: 1, column: 1 } } : { file: specPath, range };
  let st: { mtimeMs: number; size: number; isFile(): boolean };
  try {
    st = await fs.stat(file);
  } catch (e) {
    throw new ProblemError(error(`cannot read "${file}": ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`, where.file, where.range, 'missing-file'));
  }
  if (!st.isFile()) throw new ProblemError(error(`"${file}" is not a file`, where.file, where.range, 'not-a-file'));
  if (st.size === 0) throw new ProblemError(error(`"${file}" is empty`, where.file, where.range, 'empty-file'));
  if (st.size > MAX_FILE_BYTES) {
    throw new ProblemError(error(`"${file}" is ${(st.size / 2 ** 20).toFixed(0)} MiB; the limit is ${MAX_FILE_BYTES / 2 ** 20} MiB`, where.file, where.range, 'file-too-large'));
  }
  return st;
}

/** The first lines of a file (up to 64 KiB, cut at the last complete line): enough for a CSV header. */
async function readHead(file: string, shown: string): Promise<string> {
  const fh = await fs.open(file, 'r');
  try {
    const buf = Buffer.alloc(64 * 1024);
    const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
    const text = decodeText(buf.subarray(0, bytesRead), shown);
    const end = Math.max(text.lastIndexOf('\n'), text.lastIndexOf('\r'));
    return bytesRead < buf.length || end < 0 ? text : text.slice(0, end + 1);
  } finally {
    await fh.close();
  }
}

/** A file's text (UTF-8 or UTF-16, see io/readFile), or the editor's unsaved text of it. */
async function readText(file: string, specPath: string, range: Range | undefined, options: RunOptions): Promise<string> {
  const open = options.overrides?.get(path.resolve(file));
  if (open !== undefined) return open;
  await statFile(file, specPath, range);
  return decodeText(await fs.readFile(file), displayPath(file));
}

