/**
 * Problems travel as values: every stage reports what is wrong with its input as
 * `Problem`s carrying a file and a 1-based range, so the CLI prints them as
 * `FILE:LINE:COL: error: MESSAGE` and the extension turns the same values into
 * VS Code diagnostics. A stage that cannot go on throws a `ProblemError` holding them.
 */
export type Severity = 'error' | 'warning' | 'info';

/** 1-based line and column; `end*` exclusive, optional. */
export interface Range {
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
}

export interface Problem {
  severity: Severity;
  message: string;
  /** Path of the file the problem is in (as given to the engine). */
  file?: string;
  range?: Range;
  /** Stable machine-readable code, e.g. 'unknown-column', 'island'. */
  code?: string;
  /** For quick fixes: e.g. the suggested column name. */
  suggestion?: string;
}

export class ProblemError extends Error {
  readonly problems: Problem[];
  constructor(problems: Problem[] | Problem) {
    const list = Array.isArray(problems) ? problems : [problems];
    super(list.map(formatProblem).join('\n'));
    this.name = 'ProblemError';
    this.problems = list;
  }
}

export function error(message: string, file?: string, range?: Range, code?: string, suggestion?: string): Problem {
  return { severity: 'error', message, file, range, code, suggestion };
}

export function warning(message: string, file?: string, range?: Range, code?: string): Problem {
  return { severity: 'warning', message, file, range, code };
}

/** `FILE:LINE:COL: error: MESSAGE`, the form compilers use and editors parse. */
export function formatProblem(p: Problem): string {
  const where = p.file ? `${p.file}:${p.range?.line ?? 1}:${p.range?.column ?? 1}: ` : '';
  return `${where}${p.severity}: ${p.message}`;
}

/** Thrown when a caller's cancellation token fires between steps. */
export class CancelledError extends Error {
  constructor() {
    super('cancelled');
    this.name = 'CancelledError';
  }
}

/** Levenshtein distance, to suggest the nearest name for a misspelt one. */
export function nearestName(name: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  const a = name.toLowerCase();
  for (const c of candidates) {
    const b = c.toLowerCase();
    const prev = new Array<number>(b.length + 1);
    for (let j = 0; j <= b.length; j++) prev[j] = j;
    for (let i = 1; i <= a.length; i++) {
      let diag = prev[0];
      prev[0] = i;
      for (let j = 1; j <= b.length; j++) {
        const tmp = prev[j];
        prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
        diag = tmp;
      }
    }
    const d = prev[b.length];
    if (d < bestD) {
      bestD = d;
      best = c;
    }
  }
  // Only suggest when the name is plausibly a typo of the candidate.
  return best !== undefined && bestD <= Math.max(2, Math.floor(name.length / 2)) ? best : undefined;
}

export function info(message: string, file?: string, range?: Range, code?: string): Problem {
  return { severity: 'info', message, file, range, code };
}
