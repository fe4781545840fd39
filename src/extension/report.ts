/**
 * A fit in words: the output channel's report for a run (the engine's report, the same as the
 * CLI's, and the problems) and the one-line headline the status bar, output, CodeLens and hovers show.
 */
import { formatProblem } from '../core/problems';
import { formatNumber } from '../core/report/format';
import { formatReport } from '../core/report/text';
import type { FitResult } from '../core/result';
import type { RunOutcome } from '../core/run';

/** The model's spatial parameter: ρ (lag, Durbin) or λ (error); none for OLS. */
export function spatialParameter(r: FitResult): { symbol: 'ρ' | 'λ'; estimate: number; p: number } | undefined {
  const par = r.model === 'error' ? r.lambda : r.rho;
  return par && { symbol: r.model === 'error' ? 'λ' : 'ρ', estimate: par.estimate, p: par.p };
}

/**
 * A fit's headline, worded alike everywhere, ρ to 5 significant digits:
 * - `short`: `ρ = 0.40389, logLik = -183.17` (output channel);
 * - `compact`: `ρ=0.40389 logLik=-183.17` (status bar);
 * - `detailed`: `ρ = 0.40389, logLik = -183.1683, AIC = 376.337`, logLik and AIC to 7 and 6
 *   digits as spatialreg's summary prints them (CodeLens, hovers).
 */
export function fitHeadline(r: FitResult, style: 'short' | 'compact' | 'detailed'): string {
  const [eq, sep] = style === 'compact' ? ['=', ' '] : [' = ', ', '];
  const par = spatialParameter(r);
  const parts = par ? [`${par.symbol}${eq}${formatNumber(par.estimate, 5)}`] : [];
  if (style === 'detailed') parts.push(`logLik${eq}${formatNumber(r.logLik, 7)}`, `AIC${eq}${formatNumber(r.aic, 6)}`);
  else parts.push(`logLik${eq}${r.logLik.toFixed(2)}`);
  return parts.join(sep);
}

export function outcomeReport(outcome: RunOutcome): string[] {
  const lines: string[] = [];
  const r = outcome.result;
  if (r) lines.push(...formatReport(r).replace(/\n+$/, '').split('\n'));
  // The outcome's problems normally include the result's warnings: print each once.
  const problems = [...new Set([...outcome.problems, ...(r?.warnings ?? [])].map(formatProblem))];
  if (problems.length > 0) {
    if (lines.length > 0) lines.push('');
    lines.push(...problems);
  }
  if (lines.length === 0) lines.push('(no result and no problems)');
  return lines;
}

/** The last line of a run's block in the output channel (the one in view after the panel scrolls). */
export function outcomeHeadline(name: string, outcome: RunOutcome): string {
  const r = outcome.result;
  if (!r) {
    const errors = outcome.problems.filter((p) => p.severity === 'error').length;
    return `=> ${name} could not be fitted: ${errors} error${errors === 1 ? '' : 's'}`;
  }
  return `=> ${name}: ${r.model} model fitted, ${fitHeadline(r, 'short')} (${r.timings.totalMs.toFixed(0)} ms)`;
}
