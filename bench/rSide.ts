/**
 * R spatialreg on the bench's data, measured in the same run (scripts/r/bench-lagsarlm.R): when
 * `Rscript` with spatialreg, spdep, dbscan, data.table and jsonlite is installed; otherwise a note
 * says why the column is empty. R is never a test dependency.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

export interface RTiming {
  readS: number;
  weightsS: number;
  fitS: number;
  impactsS: number;
  rho: number;
  rhoSe: number;
}

/** The script, found from the bundle (dist/) or the sources (bench/). */
function script(): string | undefined {
  for (const dir of [path.join(__dirname, '..', 'scripts', 'r'), path.join(process.cwd(), 'scripts', 'r')]) {
    const file = path.join(dir, 'bench-lagsarlm.R');
    if (fs.existsSync(file)) return file;
  }
  return undefined;
}

/** Why R cannot be run here, or undefined when it can. */
export function rUnavailable(): string | undefined {
  if (!script()) return 'scripts/r/bench-lagsarlm.R not found';
  try {
    execFileSync('Rscript', ['-e', 'suppressPackageStartupMessages({library(spatialreg); library(spdep); library(dbscan); library(data.table); library(jsonlite)})'], { stdio: 'pipe', timeout: 120_000 });
    return undefined;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'Rscript is not installed' : 'R lacks one of spatialreg, spdep, dbscan, data.table, jsonlite';
  }
}

/** R's seconds per step on `csv`, or an error message. */
export function timeR(csv: string): RTiming | { error: string } {
  try {
    const out = execFileSync('Rscript', [script()!, csv], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 3_600_000, maxBuffer: 1 << 24 });
    return JSON.parse(out.trim().split('\n').pop()!) as RTiming;
  } catch (e) {
    return { error: (e as Error).message.split('\n')[0] };
  }
}

export function rTotalS(r: RTiming): number {
  return r.readS + r.weightsS + r.fitS + r.impactsS;
}
