/**
 * What a spec's files hold, read and checked: the data table, the model's variables (terms
 * evaluated), the spatial weights built, the row labels, and what the reading noticed without
 * refusing (weights notes, an unusable map geometry). Shared by the fit, the comparison of the
 * model family, and the spatial views (weights inspector, local statistics).
 */
import * as path from 'path';
import { formatProblem, ProblemError, warning, type Problem, type Range } from '../problems';
import { checkColumns, type ParsedSpec } from '../spec/parse';
import type { Spec } from '../spec/types';
import { termColumn } from '../io/termColumn';
import type { Table } from '../io/table';
import { rowIds } from '../io/neighbourFile';
import { parseGal } from '../io/gal';
import { parseGwt } from '../io/gwt';
import { joinFeatures, parseGeoJson, type GeoCollection } from '../io/geojson';
import { buildWeights, type BuildWeightsOptions } from '../weights/build';
import { warmHelper } from '../traces/helperThread';
import { HELPER_MIN_N } from '../traces/moments';
import type { SpatialWeights } from '../weights/types';
import { displayPath, readTable, readText, resolveInside, type InputOptions } from './files';

/** Called between steps (cancellation, progress). */
export type Step = (label: string, fraction: number) => void;

/** The data and weights of a spec; `table` is dropped by callers that no longer need the cells (a fit at n = 10⁶). */
export interface SpecData {
  table: Table;
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

/** Reads the data, evaluates the model's terms and builds the weights; problems located at their files. */
export async function loadSpecData(spec: Spec, specPath: string, parsed: ParsedSpec, options: InputOptions, step: Step = () => undefined, t0 = performance.now()): Promise<SpecData> {
  const dir = path.dirname(specPath);
  const resolve = (rel: string, jsonPath: string) => resolveInside(dir, rel, options.rootDir, { file: specPath, range: parsed.locate(jsonPath) });

  step('Reading data', 0.05);
  const { table, y, yName, columns } = await loadModelData(spec, specPath, parsed, options);
  const readMs = performance.now() - t0;
  // A large fit's trace kernels use a helper thread: started now, it is ready when they are.
  if (table.nrows >= HELPER_MIN_N && spec.model !== 'ols') warmHelper();

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
  return { table, y, yName, columns, weights, ids, problems, readMs, weightsMs };
}

/**
 * The map's geometry (`geometry`) is not needed for the fit, so a missing or broken one is a
 * warning at the spec's `geometry` field rather than an error; but it is read and joined to the
 * rows here, so that the user hears of it with the fit and not only as a map that is missing.
 */
async function geometryProblems(spec: Spec, specPath: string, parsed: ParsedSpec, table: Table, options: InputOptions,
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
export function geometryWarning(problems: readonly Problem[], specPath: string, range: Range | undefined): Problem {
  const first = problems[0];
  const why = first.file === specPath ? first.message : formatProblem(first).replace(/: error: /, ': ');
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more problem${problems.length > 2 ? 's' : ''})` : '';
  return warning(`the map's geometry cannot be used: ${why}${more}; the fit does not need it, the map does`, specPath, range, 'geometry-unusable');
}

/** The data table and the model's numeric columns, with every problem located. */
export async function loadModelData(spec: Spec, specPath: string, parsed: ParsedSpec, options: InputOptions) {
  const dataPath = resolveInside(path.dirname(specPath), spec.data, options.rootDir, { file: specPath, range: parsed.locate('data') });
  const table = await readTable(dataPath, specPath, parsed.locate('data'), options);
  const columnProblems = checkColumns(spec, parsed, table.columns, specPath);
  if (columnProblems.length) throw new ProblemError(columnProblems);
  return { table, ...readModelColumns(spec, table, specPath, parsed) };
}

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
