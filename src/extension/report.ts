/**
 * A short plain-text report of a run for the output channel. (When the engine's own text
 * report lands in src/core/report, use it here instead.)
 */
import type { RunOutcome } from '../core/run';
import { formatProblem } from '../core/problems';

export function formatNumber(x: number): string {
  return Number.isFinite(x) ? Number(x.toPrecision(5)).toString() : String(x);
}

export function outcomeReport(outcome: RunOutcome): string[] {
  const lines: string[] = [];
  const r = outcome.result;
  if (r) {
    lines.push(`Model: ${r.model}   dependent: ${r.dependent}   n = ${r.n}   log-det: ${r.logdet}   SE: ${r.se}`);
    lines.push('');
    lines.push(`${'term'.padEnd(16)}${'estimate'.padStart(14)}${'std.error'.padStart(14)}${'z'.padStart(10)}${'p'.padStart(12)}`);
    for (const c of r.coefficients) {
      lines.push(`${c.name.padEnd(16)}${formatNumber(c.estimate).padStart(14)}${formatNumber(c.stdError).padStart(14)}${c.z.toFixed(3).padStart(10)}${c.p.toExponential(3).padStart(12)}`);
    }
    const sp = r.rho ? ['rho', r.rho] as const : r.lambda ? ['lambda', r.lambda] as const : undefined;
    if (sp) {
      lines.push('');
      lines.push(`${sp[0]} = ${formatNumber(sp[1].estimate)}   (std.error ${formatNumber(sp[1].stdError)}, z = ${sp[1].z.toFixed(3)}, p = ${sp[1].p.toExponential(3)})`);
    }
    lines.push(`log-likelihood = ${r.logLik.toFixed(4)}   AIC = ${r.aic.toFixed(2)} (OLS ${r.aicOls.toFixed(2)})   sigma² = ${formatNumber(r.sigma2)}`);
    lines.push(`time: ${r.timings.totalMs.toFixed(0)} ms`);
  }
  // The outcome's problems normally include the result's warnings: print each once.
  const problems = [...new Set([...outcome.problems, ...(r?.warnings ?? [])].map(formatProblem))];
  if (problems.length > 0) {
    if (lines.length > 0) lines.push('');
    lines.push(...problems);
  }
  if (lines.length === 0) lines.push('(no result and no problems)');
  return lines;
}
