/**
 * The comparison's front door: the spec's data and weights, read once, fitted by all eight models
 * (run.ts `runModelsFile` shares the log-determinant set-up among them), then compared.
 */
import { runModelsFile, type RunOptions } from '../run';
import type { FitResult } from '../result';
import type { ModelType } from '../spec/types';
import type { Problem } from '../problems';
import { compareFits, FAMILY_ORDER, type FamilyComparison } from './family';

export interface CompareOptions extends RunOptions {
  /** Significance level of every test of the recommendation (default 0.05). */
  alpha?: number;
}

export interface CompareOutcome {
  comparison?: FamilyComparison;
  fits?: Map<ModelType, FitResult>;
  problems: Problem[];
}

export async function compareSpecFile(specPath: string, options: CompareOptions = {}): Promise<CompareOutcome> {
  const alpha = options.alpha ?? 0.05;
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`compareSpecFile: alpha must be in (0, 1), got ${alpha}`);
  const out = await runModelsFile(specPath, FAMILY_ORDER, options);
  if (!out.results) return { problems: out.problems };
  const comparison = compareFits(out.results, alpha);
  return { comparison, fits: out.results, problems: [...out.problems, ...comparison.warnings] };
}
