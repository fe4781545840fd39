/**
 * `sar-studio compare SPEC [--json] [--alpha A]`: the eight models on the spec's data and weights,
 * one table, the tests and a recommendation. `--json` is the comparison (models, lrTests,
 * commonFactor, recommendation, …) with every model's full result under `fits.<model>`, each in
 * the shape of `fit --json`.
 */
import { CancelledError, ProblemError, type Problem } from '../core/problems';
import type { RunOptions } from '../core/run';
import type { FamilyComparison } from '../core/compare/family';
import type { FitResult } from '../core/result';
import type { ModelType } from '../core/spec/types';
import type { ParsedArgs } from './args';
import type { CliIo } from './main';
import type { CliHelpers } from './explore';
import { problemJson, resultToJson } from './json';
import { jsonValue } from './jsonValue';

export async function runCompareCommand(args: ParsedArgs, io: CliIo, options: RunOptions, h: CliHelpers & { clearProgress(): void }): Promise<number> {
  let out;
  try {
    const { compareSpecFile } = await import('../core/compare/run');
    out = await compareSpecFile(args.spec!, { ...options, alpha: args.alpha });
  } catch (e) {
    h.clearProgress();
    if (e instanceof ProblemError) {
      io.stderr(h.problemLines(e.problems));
      return 2;
    }
    if (e instanceof CancelledError) {
      io.stderr('sar-studio: cancelled\n');
      return 130;
    }
    return h.internalError(e);
  }
  h.clearProgress();
  const errors = out.problems.filter((p) => p.severity === 'error');
  if (errors.length || !out.comparison || !out.fits) {
    io.stderr(h.problemLines([...errors, ...out.problems.filter((p) => p.severity !== 'error')]));
    return 2;
  }
  if (args.json) {
    io.stdout(JSON.stringify(comparisonToJson(out.comparison, out.fits, out.problems)) + '\n');
  } else {
    const { formatComparison } = await import('../core/report/compare');
    io.stdout(formatComparison(out.comparison));
  }
  if (out.problems.length) io.stderr(h.problemLines(out.problems));
  return 0;
}

/** The comparison as JSON (non-finite numbers null), every fit as `fit --json` prints it. */
export function comparisonToJson(c: FamilyComparison, fits: ReadonlyMap<ModelType, FitResult>, warnings: readonly Problem[]) {
  const { recommendation: r, ...rest } = c;
  return {
    ...(jsonValue(rest) as object),
    warnings: warnings.map(problemJson),
    recommendation: jsonValue({ model: r.model, procedure: r.procedure, reference: r.reference, steps: r.steps, paths: r.paths, disagreement: r.disagreement }),
    fits: Object.fromEntries([...fits].map(([m, f]) => [m, resultToJson(f, f.warnings)])),
  };
}
