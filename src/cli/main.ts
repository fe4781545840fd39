/**
 * The command line: `sar-studio fit SPEC [--json] [--logdet M] [--se S] [--draws N] [--seed N]`.
 * A thin layer over `runSpecFile`: parse arguments, run, print the report (or JSON) on stdout and
 * problems on stderr as `FILE:LINE:COL: severity: MESSAGE`.
 * Exit codes: 0 success (warnings allowed), 2 input problems or bad usage, 1 internal error,
 * 130 interrupted. `main(argv, io)` is exported so tests can drive it with captured output.
 */
import { version } from '../../package.json';
import { CancelledError, ProblemError, formatProblem, type Problem } from '../core/problems';
import type { RunOptions, RunOutcome } from '../core/run';
import type { LogDetMethod, SeMethod } from '../core/spec/types';
import { LOGDETS, SES } from '../core/spec/parse';
import { MAX_DRAWS } from '../core/spec/schema';
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

export const USAGE = `Usage: ${PROGRAM} fit SPEC [options]
       ${PROGRAM} --help | --version

Fits the spatial regression model described by SPEC (a .sar.json file) by maximum
likelihood and prints a report laid out like R spatialreg's summary(), followed by the
impacts and the tests for spatial dependence in the OLS residuals.

Options:
  --json          print one JSON object (the full result) instead of the report
  --logdet M      log-determinant: auto (default), eigen, sparse, chebyshev, mc
  --se S          standard errors: asymptotic, hessian (numerical Hessian)
  --draws N       impacts simulation draws, 0 to ${MAX_DRAWS} (default: the spec's, 1000; 0 = none)
  --seed N        seed of the impacts simulation (default: the spec's, 1)
  -h, --help      show this help
  -V, --version   show the version

Exit status: 0 success (warnings are printed on stderr); 2 problems in the input, one
per line on stderr as FILE:LINE:COL: error: MESSAGE, or bad usage; 1 internal error.
`;

export interface ParsedArgs {
  command: 'fit' | 'help' | 'version';
  spec?: string;
  json: boolean;
  logdet?: LogDetMethod;
  se?: SeMethod;
  draws?: number;
  seed?: number;
}

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** An argument as shown in a message: long ones cut (an argument can be megabytes long). */
function shorten(value: string): string {
  return value.length > 60 ? `${value.slice(0, 60)}…` : value;
}

function parseInteger(option: string, value: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
  const shown = shorten(value);
  if (!/^[+-]?\d+$/.test(value.trim())) throw new UsageError(`${option} expects an integer, got '${shown}'`);
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < min || n > max) {
    throw new UsageError(max === Number.MAX_SAFE_INTEGER ? `${option} must be an integer ≥ ${min}, got '${shown}'` : `${option} must be an integer from ${min} to ${max}, got '${shown}'`);
  }
  return n;
}

/** Parse the command line (without `node` and the script). Throws UsageError. */
export function parseArgs(argv: readonly string[]): ParsedArgs {
  const out: ParsedArgs = { command: 'fit', json: false };
  const positional: string[] = [];
  let wantHelp = false;
  let wantVersion = false;
  const valueOptions = new Set(['--logdet', '--se', '--draws', '--seed']);
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      positional.push(...argv.slice(i + 1));
      break;
    }
    if (arg === '-h' || arg === '--help') {
      wantHelp = true;
      continue;
    }
    if (arg === '-V' || arg === '--version') {
      wantVersion = true;
      continue;
    }
    if (arg === '--json') {
      out.json = true;
      continue;
    }
    if (arg.startsWith('-') && arg !== '-') {
      const eq = arg.indexOf('=');
      const name = eq >= 0 ? arg.slice(0, eq) : arg;
      if (!valueOptions.has(name)) throw new UsageError(`unknown option '${shorten(name)}'`);
      let value: string;
      if (eq >= 0) value = arg.slice(eq + 1);
      else {
        if (i + 1 >= argv.length) throw new UsageError(`${name} needs a value`);
        value = argv[++i];
      }
      switch (name) {
        case '--logdet':
          if (!(LOGDETS as readonly string[]).includes(value)) throw new UsageError(`--logdet must be one of ${LOGDETS.join(', ')}; got '${shorten(value)}'`);
          out.logdet = value as LogDetMethod;
          break;
        case '--se':
          if (!(SES as readonly string[]).includes(value)) throw new UsageError(`--se must be one of ${SES.join(', ')}; got '${shorten(value)}'`);
          out.se = value as SeMethod;
          break;
        case '--draws':
          out.draws = parseInteger('--draws', value, 0, MAX_DRAWS);
          break;
        case '--seed':
          out.seed = parseInteger('--seed', value, 0);
          break;
      }
      continue;
    }
    positional.push(arg);
  }
  if (wantHelp) return { ...out, command: 'help' };
  if (wantVersion) return { ...out, command: 'version' };
  if (positional.length === 0) throw new UsageError('missing command (try: fit SPEC)');
  const [command, ...rest] = positional;
  if (command !== 'fit') throw new UsageError(`unknown command '${shorten(command)}' (the command is: fit SPEC)`);
  if (rest.length === 0 || rest[0] === '') throw new UsageError('fit needs a SPEC file (a .sar.json)');
  if (rest.length > 1) throw new UsageError(`fit takes one SPEC file, got ${rest.length}: ${shorten(rest.join(' '))}`);
  out.spec = rest[0];
  return out;
}

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

  const options: RunOptions = {};
  if (args.logdet) options.logdet = args.logdet;
  if (args.se) options.se = args.se;
  if (args.draws !== undefined) options.draws = args.draws;
  if (args.seed !== undefined) options.seed = args.seed;
  if (io.isCancelled) options.isCancelled = io.isCancelled;
  let progressShown = false;
  if (io.stderrIsTTY) {
    options.onProgress = (step, fraction) => {
      const pct = Math.max(0, Math.min(100, Math.round(fraction * 100)));
      io.stderr(`\r\x1b[K[${String(pct).padStart(3)}%] ${step}`);
      progressShown = true;
    };
  }
  const clearProgress = () => {
    if (progressShown) io.stderr('\r\x1b[K');
    progressShown = false;
  };

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
    const env = io.env ?? {};
    // One line: Node's own messages can carry a multi-line "Require stack".
    const message = (e instanceof Error ? e.message : String(e)).split('\n')[0];
    io.stderr(`${PROGRAM}: internal error: ${oneLine(message)}\n`);
    if (env.SAR_STUDIO_DEBUG && e instanceof Error && e.stack) io.stderr(e.stack + '\n');
    return 1;
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
