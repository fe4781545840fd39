/** The output channel's text for a run: the engine's report (the same as the CLI's) and the problems. */
import { formatProblem } from '../core/problems';
import { formatReport } from '../core/report/text';
import type { RunOutcome } from '../core/run';

/** 5 significant digits, for the status bar. */
export function formatNumber(x: number): string {
  return Number.isFinite(x) ? Number(x.toPrecision(5)).toString() : String(x);
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
  const spatial = r.rho ? `ρ = ${formatNumber(r.rho.estimate)}, ` : r.lambda ? `λ = ${formatNumber(r.lambda.estimate)}, ` : '';
  return `=> ${name}: ${r.model} model fitted, ${spatial}logLik = ${r.logLik.toFixed(2)} (${r.timings.totalMs.toFixed(0)} ms)`;
}
