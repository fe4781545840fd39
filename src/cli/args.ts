/**
 * The command line's words: `sar-studio COMMAND SPEC [options]`, each command with its own
 * options, every value checked against the engine's own lists and bounds. Throws UsageError.
 */
import type { LogDetMethod, SeMethod } from '../core/spec/types';
import { LOGDETS, SES } from '../core/spec/parse';
import { MAX_DRAWS } from '../core/spec/schema';
import { P_ADJUST_METHODS, type PAdjustMethod } from '../core/local/padjust';

export const COMMANDS = {
  fit: { args: 'SPEC', summary: "fit the spec's model; print a report laid out like R spatialreg's summary()", options: ['--json', '--logdet', '--se', '--draws', '--seed'] },
  compare: { args: 'SPEC', summary: 'fit all eight models (OLS, SLX, SAR, SEM, SDM, SDEM, SAC, GNS) on the spec\'s data and weights; compare them and recommend one', options: ['--json', '--logdet', '--se', '--draws', '--seed', '--alpha'] },
  local: { args: 'SPEC', summary: 'global and local Moran\'s I, LISA clusters and Getis–Ord G* of a column (or the residuals) on the spec\'s weights', options: ['--json', '--column', '--residuals', '--permutations', '--seed', '--adjust', '--alpha'] },
  weights: { args: 'SPEC', summary: "summarise the spec's weights as spdep's summary.nb, with what to change when they are disconnected; --save writes them", options: ['--json', '--save'] },
} as const;
export type Command = keyof typeof COMMANDS;

export interface ParsedArgs {
  command: Command | 'help' | 'version';
  spec?: string;
  json: boolean;
  logdet?: LogDetMethod;
  se?: SeMethod;
  draws?: number;
  seed?: number;
  column?: string;
  residuals?: boolean;
  permutations?: number;
  adjust?: PAdjustMethod;
  alpha?: number;
  save?: string;
}

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** An argument as shown in a message: long ones cut (an argument can be megabytes long). */
export function shorten(value: string): string {
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

function oneOf<T extends string>(option: string, value: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(value)) throw new UsageError(`${option} must be one of ${allowed.join(', ')}; got '${shorten(value)}'`);
  return value as T;
}

const FLAGS = new Set(['--json', '--residuals']);
const VALUES = new Set(['--logdet', '--se', '--draws', '--seed', '--column', '--permutations', '--adjust', '--alpha', '--save']);

/** Parse the command line (without `node` and the script). */
export function parseArgs(argv: readonly string[]): ParsedArgs {
  const out: ParsedArgs = { command: 'fit', json: false };
  const positional: string[] = [];
  const given: string[] = [];
  let wantHelp = false;
  let wantVersion = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      positional.push(...argv.slice(i + 1));
      break;
    }
    if (arg === '-h' || arg === '--help') { wantHelp = true; continue; }
    if (arg === '-V' || arg === '--version') { wantVersion = true; continue; }
    if (!arg.startsWith('-') || arg === '-') { positional.push(arg); continue; }
    const eq = arg.indexOf('=');
    const name = eq >= 0 ? arg.slice(0, eq) : arg;
    if (FLAGS.has(name) && eq < 0) {
      given.push(name);
      if (name === '--json') out.json = true;
      else out.residuals = true;
      continue;
    }
    if (!VALUES.has(name)) throw new UsageError(`unknown option '${shorten(name)}'`);
    given.push(name);
    let value: string;
    if (eq >= 0) value = arg.slice(eq + 1);
    else {
      if (i + 1 >= argv.length) throw new UsageError(`${name} needs a value`);
      value = argv[++i];
    }
    switch (name) {
      case '--logdet': out.logdet = oneOf(name, value, LOGDETS); break;
      case '--se': out.se = oneOf(name, value, SES); break;
      case '--draws': out.draws = parseInteger(name, value, 0, MAX_DRAWS); break;
      case '--seed': out.seed = parseInteger(name, value, 0); break;
      case '--permutations': out.permutations = parseInteger(name, value, 1, 99_999); break;
      case '--adjust': out.adjust = oneOf(name, value, P_ADJUST_METHODS); break;
      case '--alpha': {
        const a = Number(value);
        if (!/^\s*[\d.eE+-]+\s*$/.test(value) || !(a > 0 && a < 1)) throw new UsageError(`--alpha must be a number between 0 and 1, got '${shorten(value)}'`);
        out.alpha = a;
        break;
      }
      case '--column':
      case '--save':
        if (value === '') throw new UsageError(`${name} needs a non-empty value`);
        if (name === '--column') out.column = value;
        else out.save = value;
        break;
    }
  }
  if (wantHelp) return { ...out, command: 'help' };
  if (wantVersion) return { ...out, command: 'version' };
  const names = Object.keys(COMMANDS).join(', ');
  if (positional.length === 0) throw new UsageError(`missing command (one of ${names}; try: fit SPEC)`);
  const [command, ...rest] = positional;
  if (!(command in COMMANDS)) throw new UsageError(`unknown command '${shorten(command)}' (the commands are: ${names})`);
  const c = command as Command;
  for (const g of given) {
    if (!(COMMANDS[c].options as readonly string[]).includes(g)) throw new UsageError(`${g} is not an option of ${c} (its options: ${COMMANDS[c].options.join(' ')})`);
  }
  if (c === 'local' && out.column !== undefined && out.residuals) throw new UsageError('local takes --column or --residuals, not both');
  if (rest.length === 0 || rest[0] === '') throw new UsageError(`${c} needs a SPEC file (a .sar.json)`);
  if (rest.length > 1) throw new UsageError(`${c} takes one SPEC file, got ${rest.length}: ${shorten(rest.join(' '))}`);
  return { ...out, command: c, spec: rest[0] };
}
