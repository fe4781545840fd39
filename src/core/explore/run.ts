/**
 * The spatial views' front door (weights inspector, local statistics), for the CLI and the
 * extension's worker alike: spec file → its data and weights → a report, or located problems.
 */
import * as path from 'path';
import { ProblemError, type Problem } from '../problems';
import { weightsFileText, type WeightsFileFormat, type WeightsFileText } from '../io/writeWeights';
import { parseSpec, type ParsedSpec } from '../spec/parse';
import type { Spec } from '../spec/types';
import { numericColumn } from '../io/csv';
import { termColumn } from '../io/termColumn';
import { readText, type InputOptions } from '../input/files';
import { placeProblems } from '../input/place';
import { loadSpecData, type SpecData } from '../input/specData';
import { connectivityFix, type ConnectivityFix, type WeightsSource } from '../weights/connectivityFix';
import { formatWeightsSummary, summariseWeights, type WeightsSummary } from '../weights/summary';
import { runSpecFile, type RunOptions } from '../run';
import { localReport, type LocalOptions, type LocalReport } from './local';

export interface Explored<T> {
  report?: T;
  problems: Problem[];
}

/** A spec read with its data and weights built. */
export interface Loaded {
  spec: Spec;
  parsed: ParsedSpec;
  data: SpecData;
}

export interface ExploreOptions extends InputOptions {
  /**
   * Called with the loaded spec, data and weights before the report is made: the extension's
   * views take the table, neighbour lists and geometry from here instead of reading them twice.
   */
  onLoaded?: (loaded: Loaded) => Promise<void> | void;
}

async function explore<T>(specPath: string, options: ExploreOptions, body: (l: Loaded) => Promise<T> | T): Promise<Explored<T>> {
  let parsed: ParsedSpec | undefined;
  try {
    parsed = parseSpec(await readText(specPath, specPath, undefined, options), specPath);
    if (!parsed.spec) return { problems: placeProblems(parsed.problems, specPath, parsed) };
    const data = await loadSpecData(parsed.spec, specPath, parsed, options);
    const loaded = { spec: parsed.spec, parsed, data };
    await options.onLoaded?.(loaded);
    const report = await body(loaded);
    return { report, problems: placeProblems(data.problems, specPath, parsed) };
  } catch (e) {
    if (e instanceof ProblemError) return { problems: placeProblems(e.problems, specPath, parsed) };
    throw e;
  }
}

export interface WeightsReport {
  summary: WeightsSummary;
  fix: ConnectivityFix;
  /** spdep's `summary(nb2listw(nb))` print. */
  text: string;
  /** The weights as a GAL or GWT file's text, when asked for. */
  file?: WeightsFileText;
}

/** How the weights were made, as far as the connectivity fixes need it. */
function weightsSource(spec: Spec, data: SpecData): WeightsSource {
  const w = spec.weights;
  if (w.type === 'knn' || (w.type === 'distance' && typeof w.threshold === 'number')) {
    const x = numericColumn(data.table, w.coordinates[0]);
    const y = numericColumn(data.table, w.coordinates[1]);
    return w.type === 'knn' ? { type: 'knn', k: w.k, x, y, metric: w.distance } : { type: 'distance', threshold: w.threshold as number, x, y, metric: w.distance };
  }
  return { type: w.type === 'contiguity' || w.type === 'gal' || w.type === 'gwt' ? w.type : 'other' };
}

export function runWeightsReport(specPath: string, options: ExploreOptions & { save?: { format: WeightsFileFormat; file: string } } = {}): Promise<Explored<WeightsReport>> {
  return explore(specPath, options, ({ spec, data }) => {
    const weights = { ...data.weights, ids: data.ids };
    const summary = summariseWeights(weights);
    const idVariable = spec.weights.idColumn ?? spec.geometry?.idColumn;
    const file = options.save && weightsFileText(weights, { format: options.save.format, file: options.save.file, layer: path.basename(data.table.file).replace(/\.[^.]*$/, '').replace(/\s/g, '_'), idVariable });
    return { summary, fix: connectivityFix(summary, weightsSource(spec, data)), text: formatWeightsSummary(summary), file };
  });
}

export interface LocalRequest extends LocalOptions {
  /** A column or term of the data (`CRIME`, `log(HOVAL)`); or the residuals of the spec's model. */
  column?: string;
  residuals?: boolean;
}

export function runLocalReport(specPath: string, request: LocalRequest, options: RunOptions & Pick<ExploreOptions, 'onLoaded'> = {}): Promise<Explored<LocalReport>> {
  return explore(specPath, options, async ({ spec, parsed, data }) => {
    // A column asked for by name is looked for in the data's header; the default is the spec's dependent variable.
    const where = request.column !== undefined
      ? { file: data.table.file, range: { line: data.table.headerLine ?? 1, column: 1 } }
      : { file: specPath, range: parsed.locate('dependent') };
    if (request.residuals) {
      const fit = await runSpecFile(specPath, { ...options, draws: 0 });
      if (!fit.result) throw new ProblemError(fit.problems);
      return localReport(`residuals of the ${spec.model} model`, Float64Array.from(fit.result.residuals.values), data.weights, data.ids, request, where);
    }
    const text = request.column ?? spec.dependent;
    const { term, values } = termColumn(data.table, text, where.file, where.range, request.column !== undefined ? '--column' : 'dependent');
    return localReport(term.label, values, data.weights, data.ids, request, where);
  });
}
