/**
 * The engine's front door: spec file → problems or a fit result. Called by the CLI, the
 * extension's fit worker and the tests alike. Reads files (the only I/O of the engine, and
 * read-only), then runs the pure stages:
 * spec → table → weights → log-determinant → fit → tests and impacts → FitResult.
 */
import { CancelledError, ProblemError, type Problem } from './problems';
import { parseSpec, type ParsedSpec } from './spec/parse';
import type { LogDetMethod, ModelType, SeMethod, Spec } from './spec/types';
import { MAX_DRAWS } from './spec/schema';
import type { FitResult } from './result';
import { chooseLocalityOrder, gather, gatherLabels, permuteWeights, scatter } from './weights/locality';
import { chooseLogDet } from './logdet/choose';
import { buildDesign } from './models/design';
import { fitModel, plainDesign } from './models/fitModel';
import type { Design } from './models/design';
import { isLinear, MODEL_FORM, MODEL_NAMES } from './models/family';
import type { LogDet } from './logdet/types';
import { fiveNumber } from './models/quantiles';
import { analyseFit, preTests, type PreTests } from './analysis';
import { readText, type InputOptions } from './input/files';
import { placeProblems } from './input/place';
import { loadSpecData, type SpecData, type Step } from './input/specData';

export { validateSpecText } from './validate';
export { MAX_FILE_BYTES } from './input/files';

export interface RunOptions extends InputOptions {
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
}

export interface RunOutcome {
  result?: FitResult;
  /** Errors (then no result), and warnings / information that go with a result. */
  problems: Problem[];
}

export async function runSpecFile(specPath: string, options: RunOptions = {}): Promise<RunOutcome> {
  const out = await runModelsFile(specPath, undefined, options);
  const result = out.results?.values().next().value;
  return result ? { result, problems: out.problems } : { problems: out.problems };
}

export interface ModelsOutcome {
  /** One result per model asked for, in that order (absent when the inputs have errors). */
  results?: Map<ModelType, FitResult>;
  problems: Problem[];
}

/**
 * Fits `models` (the spec's own model when undefined) to the spec's data and weights, read and
 * built once and shared: the relabelled weights and one log-determinant set-up (eigenvalues, a
 * factorisation or the traces of a series) serve every fit. Problems of the inputs are reported
 * once; each result's warnings are its own.
 */
export async function runModelsFile(specPath: string, models: readonly ModelType[] | undefined, options: RunOptions = {}): Promise<ModelsOutcome> {
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
    const spec = parsed.spec;
    const step: Step = (label, fraction) => {
      if (options.isCancelled?.()) throw new CancelledError();
      options.onProgress?.(label, fraction);
    };
    // Once the inputs are read, the table (at n = 10⁶, millions of cell strings that every full
    // GC would have to mark during the fit) is no longer referenced.
    const inputs = withoutTable(await loadSpecData(spec, specPath, parsed, options, step, t0));
    const context = prepare(spec, specPath, parsed, inputs, options);
    const list = models ?? [spec.model];
    const results = new Map<ModelType, FitResult>();
    const inputProblems = placeProblems(inputs.problems, specPath, parsed);
    const problems = [...inputProblems];
    list.forEach((model, i) => {
      const share = (f: number) => 0.4 + (0.6 * (i + f)) / list.length;
      const label = list.length > 1 ? ` (${MODEL_NAMES[model].short}, ${i + 1} of ${list.length})` : '';
      const r = fitOne(context, model, options, (l, f) => step(`${l}${label}`, share((f - 0.4) / 0.6)), t0);
      const placed = placeProblems(r.warnings, specPath, parsed);
      const own = list.length > 1 ? placed.map((p) => ({ ...p, message: `${MODEL_NAMES[model].short}: ${p.message}` })) : placed;
      // The same design warning (a collinear regressor, say) from several models is one problem.
      problems.push(...own.filter((p) => !problems.some((q) => q.message === p.message && q.code === p.code)));
      r.warnings = [...inputProblems, ...own];
      results.set(model, r);
    });
    step('Done', 1);
    return { results, problems };
  } catch (e) {
    if (e instanceof ProblemError) return { problems: placeProblems(e.problems, specPath, parsed) };
    throw e;
  }
}

/** The inputs without the table, so that nothing in the fit's scope holds it. */
function withoutTable({ table, ...rest }: SpecData): Omit<SpecData, 'table'> {
  void table;
  return rest;
}

/** What every model fitted to the same inputs shares. */
interface FitContext {
  spec: Spec;
  at: (jsonPath: string) => { file: string; range: ReturnType<ParsedSpec['locate']> };
  inputs: Omit<SpecData, 'table'>;
  /** Large problems are fitted in a locality order (weights/locality) and mapped back at the end. */
  order?: Int32Array;
  weights: SpecData['weights'];
  weightsMs: number;
  /** The log-determinant, set up on first use (OLS and SLX need none). */
  logdet: () => LogDet;
  /** The OLS pre-tests, computed on first use from a model's plain design: the same for every model. */
  preTests: (design: Design) => PreTests;
}

/** spatialreg's create_WX lags the constant for every style but "W". */
const lagsIntercept = (spec: Spec): boolean => spec.weights.style !== 'W';

function prepare(spec: Spec, specPath: string, parsed: ParsedSpec, inputs: Omit<SpecData, 'table'>, options: RunOptions): FitContext {
  const t1 = performance.now();
  const order = chooseLocalityOrder(inputs.weights);
  const weights = order ? permuteWeights(inputs.weights, order) : inputs.weights;
  const weightsMs = inputs.weightsMs + performance.now() - t1;
  let logdet: LogDet | undefined;
  let tests: PreTests | undefined;
  return {
    spec, inputs, order, weights, weightsMs,
    at: (jsonPath) => ({ file: specPath, range: parsed.locate(jsonPath) }),
    logdet: () => (logdet ??= chooseLogDet(weights, options.logdet ?? spec.logdet)),
    preTests: (design) => (tests ??= preTests(plainDesign(design), weights.w, spec.lagX, lagsIntercept(spec))),
  };
}

function fitOne(c: FitContext, model: ModelType, options: RunOptions, step: Step, t0: number): FitResult {
  const { spec, inputs, order, weights } = c;
  const { y, yName, columns } = inputs;
  step('Fitting the model', 0.4);
  const t2 = performance.now();
  const design = buildDesign({
    y: order ? gather(y, order) : y,
    yName,
    columns: order ? columns.map((col) => ({ name: col.name, values: gather(col.values, order) })) : columns,
    intercept: spec.intercept,
    durbinW: MODEL_FORM[model].wx ? weights.w : undefined,
    lagX: spec.lagX,
    lagIntercept: lagsIntercept(spec),
    locate: (name) => c.at(name === yName ? 'dependent' : `independent.${columns.findIndex((col) => col.name === name)}`),
  });
  const logdet = isLinear(model) ? undefined : c.logdet();
  const fit = fitModel(design, model, options.se ?? spec.se, weights.w, logdet);
  step('Tests and impacts', 0.75);
  const result = analyseFit({
    spec: { ...spec, model }, design, fit, weights, logdet,
    ids: order ? gatherLabels(inputs.ids, order) : [...inputs.ids],
    observed: order ? gather(y, order) : y,
    draws: options.draws ?? spec.impacts.draws,
    seed: options.seed ?? spec.impacts.seed,
    preTests: c.preTests(design),
  });
  if (order) restoreRowOrder(result, order, inputs);
  const fitMs = performance.now() - t2;
  result.timings = { readMs: inputs.readMs, weightsMs: c.weightsMs, fitMs, totalMs: performance.now() - t0 };
  result.residuals.quantiles = fiveNumber(result.residuals.values);
  return result;
}

/**
 * Puts the per-observation vectors of a fit made in a relabelled order back into data-row order
 * (observed values and ids are the inputs' own).
 */
function restoreRowOrder(r: FitResult, perm: Int32Array, inputs: Omit<SpecData, 'table'>): void {
  r.residuals.values = scatter(r.residuals.values, perm);
  r.fitted = scatter(r.fitted, perm);
  r.observed = Array.from(inputs.y);
  r.ids = [...inputs.ids];
  if (r.prediction) {
    const p = r.prediction;
    r.prediction = { trend: scatter(p.trend, perm), signal: scatter(p.signal, perm), reducedForm: p.reducedForm && scatter(p.reducedForm, perm) };
  }
  for (const s of r.localSpillover ?? []) {
    s.total = scatter(s.total, perm);
    s.direct = scatter(s.direct, perm);
    s.indirect = scatter(s.indirect, perm);
  }
}

