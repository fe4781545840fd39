/**
 * `sar-studio local` and `sar-studio weights`: the spatial views on the command line, over the
 * engine's explore front door. `weights --save FILE` is the only command that writes a file, and
 * only a new one.
 */
import { promises as fs } from 'fs';
import * as path from 'path';
import { CancelledError, type Problem } from '../core/problems';
import type { ParsedArgs } from './args';
import type { CliIo } from './main';
import { jsonValue } from './jsonValue';

export interface CliHelpers {
  problemLines(problems: readonly Problem[]): string;
  internalError(e: unknown): number;
}

export async function runExploreCommand(args: ParsedArgs, io: CliIo, h: CliHelpers): Promise<number> {
  const spec = args.spec!;
  try {
    const explore = await import('../core/explore/run');
    if (args.command === 'local') {
      const out = await explore.runLocalReport(spec, {
        column: args.column, residuals: args.residuals, nsim: args.permutations, seed: args.seed, adjust: args.adjust, alpha: args.alpha,
      }, { isCancelled: io.isCancelled });
      if (!out.report) return fail(io, h, out.problems);
      const { formatLocalReport } = await import('../core/explore/local');
      io.stdout(args.json ? JSON.stringify(jsonValue({ ...out.report, warnings: out.problems })) + '\n' : formatLocalReport(out.report));
      return warn(io, h, out.problems);
    }
    let save: { format: 'gal' | 'gwt'; file: string } | undefined;
    if (args.save !== undefined) {
      const ext = path.extname(args.save).toLowerCase();
      if (ext !== '.gal' && ext !== '.gwt') {
        io.stderr(`sar-studio: error: --save needs a file name ending in .gal or .gwt, got '${args.save.slice(0, 60)}'\n`);
        return 2;
      }
      if (await exists(args.save)) {
        io.stderr(`sar-studio: error: ${args.save} exists; SAR Studio writes only new files: choose another name\n`);
        return 2;
      }
      save = { format: ext === '.gal' ? 'gal' : 'gwt', file: args.save };
    }
    const out = await explore.runWeightsReport(spec, { save });
    if (!out.report) return fail(io, h, out.problems);
    const problems = [...out.problems, ...(out.report.file?.warnings ?? [])];
    if (save && out.report.file) {
      await fs.writeFile(save.file, out.report.file.text, { flag: 'wx' });
      problems.push({ severity: 'info', message: `wrote ${save.file} (${save.format.toUpperCase()})`, file: save.file, range: { line: 1, column: 1 }, code: 'weights-saved' });
    }
    const { file, ...report } = out.report;
    void file;
    io.stdout(args.json ? JSON.stringify(jsonValue({ ...report, warnings: problems })) + '\n' : report.text.replace(/\n?$/, '\n') + (report.fix.suggestions.length ? `\nTo connect every observation:\n${report.fix.suggestions.map((s) => `  - ${s}`).join('\n')}\n` : ''));
    return warn(io, h, problems);
  } catch (e) {
    if (e instanceof CancelledError) {
      io.stderr('sar-studio: cancelled\n');
      return 130;
    }
    return h.internalError(e);
  }
}

function fail(io: CliIo, h: CliHelpers, problems: readonly Problem[]): number {
  const errors = problems.filter((p) => p.severity === 'error');
  io.stderr(h.problemLines([...errors, ...problems.filter((p) => p.severity !== 'error')]));
  return 2;
}

function warn(io: CliIo, h: CliHelpers, problems: readonly Problem[]): number {
  if (problems.length) io.stderr(h.problemLines(problems));
  return 0;
}

async function exists(file: string): Promise<boolean> {
  try {
    await fs.lstat(file);
    return true;
  } catch {
    return false;
  }
}
