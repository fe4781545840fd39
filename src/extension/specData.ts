/**
 * What hovers need from a spec before (or besides) a fit: the files it names, read tolerantly
 * from text that may not validate yet, and the data table (parsed once, cached by mtime and size,
 * shared with the as-you-type validation).
 */
import { promises as fs } from 'fs';
import * as path from 'path';
import { parseCsv } from '../core/io/csv';
import { readDecoded } from '../core/input/files';
import type { Table } from '../core/io/table';
import type { RunOptions } from '../core/run';
import { parseLooseJson } from '../core/spec/json';

export type TableCache = NonNullable<RunOptions['tableCache']>;

/** The files a spec names, absolute (only the ones present in the text), read without validating. */
export interface SpecFiles {
  data?: string;
  weights?: string;
  geometry?: string[];
}

export function specFiles(specText: string, specPath: string): SpecFiles {
  const o = parseLooseJson(specText);
  if (!o || typeof o !== 'object' || Array.isArray(o)) return {};
  const spec = o as Record<string, unknown>;
  const dir = path.dirname(specPath);
  const abs = (v: unknown) => (typeof v === 'string' && v.trim() ? path.resolve(dir, v) : undefined);
  const out: SpecFiles = { data: abs(spec.data) };
  const w = spec.weights as Record<string, unknown> | undefined;
  if (w && typeof w === 'object') out.weights = abs(w.path);
  const geo = [w && typeof w === 'object' ? abs(w.geometry) : undefined];
  const g = spec.geometry;
  geo.push(typeof g === 'string' ? abs(g) : g && typeof g === 'object' ? abs((g as Record<string, unknown>).path) : undefined);
  out.geometry = geo.filter((x): x is string => !!x);
  return out;
}

/** Every file of `specFiles`, as a list. */
export function referencedFiles(f: SpecFiles): string[] {
  return [f.data, f.weights, ...(f.geometry ?? [])].filter((x): x is string => !!x);
}

/**
 * Largest data file parsed on the extension host's thread for hovers and checks as you type
 * (~0.1 s of parsing, ~40,000 rows). Larger files are read whole only by the fit worker and, in
 * pages, by the spec editor, whose grid lists their invalid cells itself: a second parse there
 * made scrolling a 100,000-row grid stall for half a second.
 */
export const HOST_TABLE_LIMIT_BYTES = 4 * 2 ** 20;

/**
 * The data table at `abs`: the editor's text when open, else the file (cached while mtime and size
 * stay); undefined for a file over HOST_TABLE_LIMIT_BYTES.
 */
export async function loadTable(abs: string, overrides: ReadonlyMap<string, string>, cache: TableCache): Promise<Table | undefined> {
  const open = overrides.get(abs);
  // Named by its absolute path: the engine's problems carry the table's name as their file.
  if (open !== undefined) return parseCsv(open, abs);
  const st = await fs.stat(abs);
  if (st.size > HOST_TABLE_LIMIT_BYTES) return undefined;
  const hit = cache.get(abs);
  if (hit && hit.mtimeMs === st.mtimeMs && hit.size === st.size) return hit.table;
  const table = parseCsv(await readDecoded(abs), abs);
  cache.set(abs, { mtimeMs: st.mtimeMs, size: st.size, table });
  return table;
}

export interface ColumnSummary {
  name: string;
  rows: number;
  /** Cells that read as finite numbers. */
  count: number;
  mean: number;
  sd: number;
  min: number;
  max: number;
  /** Distinct values (for text columns such as ids). */
  distinct: number;
}

/** count, mean, sd (n − 1), min, max of the numeric cells of a column; undefined when the column is missing. */
export function summarizeColumn(table: Table, name: string): ColumnSummary | undefined {
  const c = table.columns.indexOf(name);
  if (c < 0) return undefined;
  const cells = table.cells[c];
  let count = 0;
  let mean = 0;
  let m2 = 0;
  let min = Infinity;
  let max = -Infinity;
  for (const raw of cells) {
    const s = raw.trim();
    if (s === '') continue;
    const v = Number(s);
    if (!Number.isFinite(v)) continue;
    count++;
    const d = v - mean; // Welford
    mean += d / count;
    m2 += d * (v - mean);
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return {
    name,
    rows: table.nrows,
    count,
    mean: count ? mean : NaN,
    sd: count > 1 ? Math.sqrt(m2 / (count - 1)) : NaN,
    min: count ? min : NaN,
    max: count ? max : NaN,
    distinct: new Set(cells).size,
  };
}
