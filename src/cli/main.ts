/**
 * The command line: `sar-studio fit | local | weights SPEC [options]` (see USAGE).
 * A thin layer over the engine's front doors: parse arguments, run, print the report (or JSON) on
 * stdout and problems on stderr as `FILE:LINE:COL: severity: MESSAGE`.
 * Exit codes: 0 success (warnings allowed), 2 input problems or bad usage, 1 internal error,
 * 130 interrupted. `main(argv, io)` is exported so tests can drive it with captured output.
 */
import { version } from '../../package.json';
import { CancelledError, ProblemError, formatProblem, type Problem } from '../core/problems';
import type { RunOptions, RunOutcome } from '../core/run';
import { MAX_DRAWS } from '../core/spec/schema';
import { COMMANDS, parseArgs, UsageError, type ParsedArgs } from './args';
import { runExploreCommand } from './explore';
import { runCompareCommand } from './compare';

export { parseArgs, UsageError } from './args';
import { formatReport } from '../core/report/text';
import { resultToJson } from './json';

export const PROGRAM = 'sar-studio';

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Progress is written to stderr only when it is a terminal. */
  stderrIsTTY?: boolean;
  /** The engine (tests inject a fake). Defaults to `runSpecFile`. */
  run?: (specPath: string, options: RunOptions) => Promise<RunOutcome>;
  /** Environment (SAR_STUDIO_DEBUG=1 prints stacks of internal errors). */
  env?: Record<string, string | undefined>;
  /** Set by the caller (e.g. on SIGINT) to cancel between engine steps. */
  isCancelled?: () => boolean;
}

/** The help text, from the command table. */
export const USAGE = `Usage: ${PROGRAM} COMMAND SPEC [options]
       ${PROGRAM} --help | --version

Commands (SPEC is a .sar.json model spec):
${Object.entries(COMMANDS).map(([name, c]) => `  ${(name + ' ' + c.args).padEnd(14)}${c.summary}`).join('\n')}

Options:
  --json              print one JSON object instead of the text report
  --logdet M          fit, compare: log-determinant: auto (default), eigen, sparse, chebyshev, mc
  --se S              fit: standard errors: asymptotic, hessian (numerical Hessian)
  --draws N           fit: impacts simulation draws, 0 to ${MAX_DRAWS} (default: the spec's, 1000; 0 = none)
  --seed N            fit: seed of the impacts simulation; local: of the permutations (default 1)
  --column NAME       local: the column or term to analyse (default: the dependent variable)
  --residuals         local: the residuals of the spec's model instead
  --permutations N    local: conditional permutations (default 999)
  --adjust A          local: p-value adjustment: none (default), bonferroni, fdr
  --alpha A           local: significance level of the cluster maps; compare: of the tests (default 0.05)
  --save FILE         weights: write them as FILE.gal (neighbours) or FILE.gwt (raw weights)
  -h, --help          show this help
  -V, --version       show the version

Exit status: 0 success (warnings are printed on stderr); 2 problems in the input, one
per line on stderr as FILE:LINE:COL: error: MESSAGE, or bad usage; 1 internal error.
`;

/**
 * Text as one line of output: line breaks and other control characters in it (a column name or
 * an argument can hold them) become escapes, so that each problem is exactly one line.
 */
function oneLine(text: string): string {
  return text.replace(/[\u0000-\u0008\u000a-\u001f\u007f\u2028\u2029]/g, (c) =>
    c === '\n' ? '\\n' : c === '\r' ? '\\r' : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function problemLines(problems: readonly Problem[]): string {
  return problems.map((p) => oneLine(formatProblem(p)) + '\n').join('');
}

/** Exit 1 with one line (Node's own messages can carry a multi-line "Require stack"). */
function internalError(e: unknown, io: CliIo): number {
  const message = (e instanceof Error ? e.message : String(e)).split('\n')[0];
  io.stderr(`${PROGRAM}: internal error: ${oneLine(message)}\n`);
  if (io.env?.SAR_STUDIO_DEBUG && e instanceof Error && e.stack) io.stderr(e.stack + '\n');
  return 1;
}

/** The CLI. Resolves to the exit code; never throws. */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  let args: ParsedArgs;
  try {
    args = parseArgs(argv);
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`${PROGRAM}: error: ${oneLine(e.message)}\nTry '${PROGRAM} --help'.\n`);
      return 2;
    }
    throw e;
  }
  if (args.command === 'help') {
    io.stdout(USAGE);
    return 0;
  }
  if (args.command === 'version') {
    io.stdout(`${PROGRAM} ${version}\n`);
    return 0;
  }
  if (args.command === 'local' || args.command === 'weights') return runExploreCommand(args, io, { problemLines, internalError: (e) => internalError(e, io) });

  const options: RunOptions = {};
  if (args.logdet) options.logdet = args.logdet;
  if (args.se) options.se = args.se;
  if (args.draws !== undefined) options.draws = args.draws;
  if (args.seed !== undefined) options.seed = args.seed;
  if (io.isCancelled) options.isCancelled = io.isCancelled;
  const progress = progressLine(io);
  options.onProgress = progress.show;
  const clearProgress = progress.clear;
  if (args.command === 'compare') {
    return runCompareCommand(args, io, options, { problemLines, internalError: (e) => internalError(e, io), clearProgress });
  }

  let outcome: RunOutcome;
  try {
    // Loaded on demand: --help / usage errors (and tests with a fake engine) never load the engine.
    const run = io.run ?? (await import('../core/run')).runSpecFile;
    outcome = await run(args.spec!, options);
  } catch (e) {
    clearProgress();
    if (e instanceof ProblemError) {
      io.stderr(problemLines(e.problems));
      return 2;
    }
    if (e instanceof CancelledError) {
      io.stderr(`${PROGRAM}: cancelled\n`);
      return 130;
    }
    return internalError(e, io);
  }
  clearProgress();

  const errors = outcome.problems.filter((p) => p.severity === 'error');
  if (errors.length > 0 || !outcome.result) {
    // Errors first, then the warnings that came with them.
    const others = outcome.problems.filter((p) => p.severity !== 'error');
    io.stderr(problemLines([...errors, ...others]));
    if (errors.length === 0) io.stderr(`${PROGRAM}: error: the fit produced no result\n`);
    return 2;
  }
  const result = outcome.result;
  // Warnings travel both in outcome.problems and in result.warnings; print each once.
  const seen = new Set<string>();
  const warnings: Problem[] = [];
  for (const p of [...outcome.problems, ...result.warnings]) {
    const line = formatProblem(p);
    if (seen.has(line)) continue;
    seen.add(line);
    warnings.push(p);
  }
  try {
    if (args.json) {
      io.stdout(JSON.stringify(resultToJson(result, warnings)) + '\n');
    } else {
      io.stdout(formatReport(result));
    }
  } catch (e) {
    io.stderr(`${PROGRAM}: internal error while printing the result: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  }
  if (warnings.length) io.stderr(problemLines(warnings));
  return 0;
}

/** The "[ 40%] Fitting the model" line on a terminal's stderr (nothing when it is not one). */
function progressLine(io: CliIo): { show?: (step: string, fraction: number) => void; clear: () => void } {
  let shown = false;
  if (!io.stderrIsTTY) return { clear: () => undefined };
  return {
    show: (step, fraction) => {
      const pct = Math.max(0, Math.min(100, Math.round(fraction * 100)));
      io.stderr(`\r\x1b[K[${String(pct).padStart(3)}%] ${step}`);
      shown = true;
    },
    clear: () => {
      if (shown) io.stderr('\r\x1b[K');
      shown = false;
    },
  };
}

/** Real process I/O, with Ctrl-C turned into cancellation between engine steps. */
export function nodeIo(): CliIo {
  let cancelled = false;
  process.once('SIGINT', () => {
    cancelled = true;
  });
  // `sar-studio fit x --json | head`: a closed pipe is not an error of ours.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0);
    throw e;
  });
  return {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    stderrIsTTY: Boolean(process.stderr.isTTY),
    env: process.env,
    isCancelled: () => cancelled,
  };
}

if (require.main === module) {
  main(process.argv.slice(2), nodeIo()).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`${PROGRAM}: internal error: ${e instanceof Error ? e.message : String(e)}\n`);
      process.exitCode = 1;
    },
  );
}
