/**
 * The engine's front door: spec file → problems or a fit result. Called by the CLI, the
 * extension's fit worker and the tests alike. Reads files (the only I/O of the engine, and
 * read-only), then runs the pure stages:
 * spec → table → weights → log-determinant → fit → tests and impacts → FitResult.
 */
import { CancelledError, ProblemError, type Problem } from './problems';
import { parseSpec, type ParsedSpec } from './spec/parse';
import type { LogDetMethod, SeMethod, Spec } from './spec/types';
import { MAX_DRAWS } from './spec/schema';
import type { FitResult } from './result';
import { chooseLocalityOrder, gather, gatherLabels, permuteWeights, scatter } from './weights/locality';
import { chooseLogDet } from './logdet/choose';
import { buildDesign } from './models/design';
import { fitModel } from './models/fitModel';
import { MODEL_FORM } from './models/family';
import { fiveNumber } from './models/quantiles';
import { analyseFit } from './analysis';
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

/** Runs a parsed spec; `specPath` locates relative paths and error positions. */
async function runSpec(spec: Spec, specPath: string, parsed: ParsedSpec, options: RunOptions = {}, t0 = performance.now()): Promise<RunOutcome> {
  const step: Step = (label, fraction) => {
    if (options.isCancelled?.()) throw new CancelledError();
    options.onProgress?.(label, fraction);
  };
  // Once the inputs are read, the table (at n = 10⁶, millions of cell strings that every full
  // GC would have to mark during the fit) is no longer referenced.
  const inputs = withoutTable(await loadSpecData(spec, specPath, parsed, options, step, t0));
  return fitInputs(spec, specPath, parsed, inputs, options, step, t0);
}

/** The inputs without the table, so that nothing in the fit's scope holds it. */
function withoutTable({ table, ...rest }: SpecData): Omit<SpecData, 'table'> {
  void table;
  return rest;
}

function fitInputs(spec: Spec, specPath: string, parsed: ParsedSpec, inputs: Omit<SpecData, 'table'>, options: RunOptions, step: Step, t0: number): RunOutcome {
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
    durbinW: MODEL_FORM[model].wx ? weights.w : undefined,
    lagX: spec.lagX,
    // spatialreg's create_WX lags the constant for every style but "W".
    lagIntercept: spec.weights.style !== 'W',
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

