/**
 * The engine's reading of the files a spec names — the only I/O of the engine, and read-only:
 * paths resolved against the spec and kept inside the workspace, size and emptiness checked with
 * problems pointing at the spec field that names the file, text decoded (UTF-8 or UTF-16), the
 * editor's unsaved text preferred over the disk, parsed CSVs cached between calls.
 */
import { promises as fs } from 'fs';
import * as path from 'path';
import { error, ProblemError, type Range } from '../problems';
import { parseCsv } from '../io/csv';
import { isInside, isInsideReal } from '../io/paths';
import { decodeText } from '../io/readFile';
import type { Table } from '../io/table';

export interface InputOptions {
  /** When set, files the spec names must lie inside this folder (the workspace). */
  rootDir?: string;
  /** Text of files already open in an editor (unsaved edits win over the disk), by absolute path. */
  overrides?: ReadonlyMap<string, string>;
  /**
   * Validation only: a data file larger than this is checked by its header (the column names),
   * not cell by cell — parsing 100 MB of CSV takes seconds, too long for checks as the user types
   * on the editor's thread. Its cells are checked when the model is fitted.
   */
  cellCheckLimitBytes?: number;
  /** Parsed CSVs kept between calls (validation as the user types), keyed by absolute path. */
  tableCache?: Map<string, { mtimeMs: number; size: number; table: Table }>;
}

/** Largest file the engine reads (V8's string limit is ~512 MiB). */
export const MAX_FILE_BYTES = 500 * 1024 * 1024;

export async function readTable(file: string, specPath: string, range: Range | undefined, options: InputOptions): Promise<Table> {
  const cache = options.tableCache;
  if (!cache || options.overrides?.has(path.resolve(file))) return parseCsv(await readText(file, specPath, range, options), displayPath(file));
  const st = await statFile(file, specPath, range);
  const hit = cache.get(file);
  if (hit && hit.mtimeMs === st.mtimeMs && hit.size === st.size) return hit.table;
  const table = parseCsv(await readDecoded(file), displayPath(file)); // stat checked above
  cache.set(file, { mtimeMs: st.mtimeMs, size: st.size, table });
  return table;
}

export function resolveInside(dir: string, rel: string, rootDir: string | undefined, where: { file: string; range?: Range }): string {
  const abs = path.resolve(dir, rel);
  if (rootDir) {
    if (!isInsideReal(rootDir, abs)) {
      throw new ProblemError(error(`"${rel}" is outside the workspace folder; SAR Studio only reads files inside it`, where.file, where.range, 'outside-workspace'));
    }
  }
  return abs;
}

export function displayPath(abs: string): string {
  const rel = path.relative(process.cwd(), abs);
  return rel && isInside(process.cwd(), abs) ? rel : abs;
}

/** Checks that a file exists, is not empty and not over the size limit; problems point at the spec. */
export async function statFile(file: string, specPath: string, range: Range | undefined): Promise<{ mtimeMs: number; size: number }> {
  const where = file === specPath ? { file: specPath, range: { line: 1, column: 1 } } : { file: specPath, range };
  let st: { mtimeMs: number; size: number; isFile(): boolean };
  try {
    st = await fs.stat(file);
  } catch (e) {
    throw new ProblemError(error(`cannot read "${file}": ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`, where.file, where.range, 'missing-file'));
  }
  if (!st.isFile()) throw new ProblemError(error(`"${file}" is not a file`, where.file, where.range, 'not-a-file'));
  if (st.size === 0) throw new ProblemError(error(`"${file}" is empty`, where.file, where.range, 'empty-file'));
  if (st.size > MAX_FILE_BYTES) {
    throw new ProblemError(error(`"${file}" is ${(st.size / 2 ** 20).toFixed(0)} MiB; the limit is ${MAX_FILE_BYTES / 2 ** 20} MiB`, where.file, where.range, 'file-too-large'));
  }
  return st;
}

/** Longest first line `readHead` looks for: a header of about a million columns. */
export const MAX_HEAD_BYTES = 16 * 2 ** 20;

/**
 * The first lines of a file, enough for a CSV header: its first 64 KiB cut at the last complete
 * line, or, when the first line is longer (thousands of columns), reads of twice the size until
 * one ends — never a header cut short, whose missing columns would read as unknown. Undefined
 * when no line ends within MAX_HEAD_BYTES.
 */
export async function readHead(file: string, shown: string): Promise<string | undefined> {
  const fh = await fs.open(file, 'r');
  try {
    let buf = Buffer.alloc(64 * 1024);
    let have = 0;
    for (;;) {
      const { bytesRead } = await fh.read(buf, have, buf.length - have, have);
      have += bytesRead;
      const text = decodeText(buf.subarray(0, have), shown);
      if (have < buf.length) return text; // the whole file
      const end = Math.max(text.lastIndexOf('\n'), text.lastIndexOf('\r'));
      if (end >= 0) return text.slice(0, end + 1);
      if (buf.length >= MAX_HEAD_BYTES) return undefined;
      const bigger = Buffer.alloc(2 * buf.length);
      buf.copy(bigger, 0, 0, have);
      buf = bigger;
    }
  } finally {
    await fh.close();
  }
}

/** A file's text (UTF-8 or UTF-16, see io/readFile), or the editor's unsaved text of it. */
export async function readText(file: string, specPath: string, range: Range | undefined, options: InputOptions): Promise<string> {
  const open = options.overrides?.get(path.resolve(file));
  if (open !== undefined) return open;
  await statFile(file, specPath, range);
  return readDecoded(file);
}

/**
 * A file's text decoded as every reader of the engine decodes it (UTF-8, BOM or not, or UTF-16;
 * io/readFile), without the spec-relative checks of `readText`: for the extension's own reads of
 * the same files (hovers, the results panel, New model from CSV), so a UTF-16 file reads alike
 * everywhere.
 */
export async function readDecoded(file: string): Promise<string> {
  return decodeText(await fs.readFile(file), displayPath(file));
}
