/**
 * GeoDa GAL files (binary contiguity neighbours).
 *
 * Format (GeoDa documentation, "GAL - Weights Files"; spdep `read.gal` / `write.nb.gal`):
 *   header   `n` (old style) or `0 n layer idVariable` (new style, GeoDa ≥ 0.9.5)
 *   then per region two lines: `id count` and the `count` neighbour ids separated by spaces
 *   (an empty line when count is 0).
 * Ids are matched to the data's id column, or to row numbers 1..n when there is none
 * (spdep's default `region.id`), in `matchNeighbours`.
 */
import { MAX_LINKS } from '../limits';
import type { Csr } from '../sparse/csr';
import { error, Problem, ProblemError } from '../problems';
import { LineReader, NeighbourFile, NeighbourFileBuilder, parseHeader } from './neighbourFile';

/** Parse GAL text. Errors point at the offending line and token. */
export function parseGal(text: string, file: string): NeighbourFile {
  const rd = new LineReader(text);
  rd.next();
  const { n, layer, idVariable } = parseHeader(rd.line(), file, 'GAL');
  const b = new NeighbourFileBuilder(Math.min(n, text.length)); // a header's count is no promise: the text bounds the ids
  const problems: Problem[] = [];
  const fail = (msg: string, line: number, column = 1, code = 'gal-syntax'): void => {
    if (problems.length < 20) problems.push(error(msg, file, { line, column }, code));
  };
  let records = 0;
  while (problems.length < 20 && rd.next()) {
    const lineNo = rd.lineNo;
    if (rd.ntok === 0) continue; // blank lines between records and at the end
    if (rd.ntok !== 2) {
      fail(`expected a record line "id count", found ${rd.ntok} values`, lineNo, rd.col(0));
      break; // the record structure is lost: further messages would be noise
    }
    const idText = rd.tok(0);
    const idCol = rd.col(0);
    const count = rd.uint(1);
    if (count < 0) {
      fail(`the neighbour count must be a non-negative integer, found "${rd.tok(1)}"`, lineNo, rd.col(1));
      break;
    }
    const countCol = rd.col(1);
    records++;
    if (records > n) {
      fail(`more records than the ${n} regions the header declares`, lineNo, idCol, 'weights-count');
      break;
    }
    const self = b.idOf(rd, 0);
    if (b.recordLine[self] > 0) {
      fail(`second record for region "${idText}" (the first is on line ${b.recordLine[self]})`, lineNo, idCol, 'duplicate-record');
      continue;
    }
    b.recordLine[self] = lineNo;
    // The neighbour line. For count 0 it is empty; tolerate its absence when the next line is
    // already the next record (some writers omit it).
    if (count === 0) {
      if (rd.next() && rd.ntok > 0) rd.pushBack();
      continue;
    }
    if (!rd.next()) {
      fail(`region "${idText}" has ${count} neighbours but the file ends before their line`, lineNo, countCol);
      break;
    }
    const nbLineNo = rd.lineNo;
    const listed: number = rd.ntok;
    if (listed !== count) {
      // Point at the first extra id, or at the last one when some are missing.
      const column = listed === 0 ? 1 : rd.col(listed > count ? count : listed - 1);
      fail(`region "${idText}": the record on line ${lineNo} says ${count} neighbour${count === 1 ? '' : 's'} but this line lists ${listed}`,
        nbLineNo, column, 'gal-count');
      continue;
    }
    if (b.links + listed > MAX_LINKS) {
      fail(`more than ${MAX_LINKS} links: more than SAR Studio can fit with`, nbLineNo, 1, 'too-many-links');
      break;
    }
    for (let t = 0; t < listed; t++) b.link(self, b.idOf(rd, t), 1, nbLineNo, rd.col(t));
  }
  if (!problems.length && records < n) {
    fail(`the header declares ${n} regions but the file has ${records} record${records === 1 ? '' : 's'}`, 1, 1, 'weights-count');
  }
  if (problems.length) throw new ProblemError(problems);
  return b.finish(file, 'gal', n, layer, idVariable);
}

export interface NeighbourWriteOptions {
  /** Region ids in row order (default: row numbers 1..n). Must not contain whitespace. */
  ids?: readonly string[];
  /** Header fields of the new-style header (default "unknown", as spdep writes). */
  layer?: string;
  idVariable?: string;
  /** Write the old one-number header (ids are then 1..n). */
  oldStyle?: boolean;
}

function idsFor(n: number, opts: NeighbourWriteOptions): readonly string[] {
  if (opts.oldStyle || !opts.ids) return Array.from({ length: n }, (_, i) => String(i + 1));
  if (opts.ids.length !== n) throw new Error(`writeGal/writeGwt: ${opts.ids.length} ids for ${n} regions`);
  for (const id of opts.ids) if (/\s/.test(id) || id === '') throw new Error(`GAL/GWT ids cannot be empty or contain spaces: ${JSON.stringify(id)}`);
  return opts.ids;
}

export function headerLine(n: number, opts: NeighbourWriteOptions): string {
  return opts.oldStyle ? `${n}` : `0 ${n} ${opts.layer ?? 'unknown'} ${opts.idVariable ?? 'unknown'}`;
}

/** GAL text of a neighbour list (weights are ignored: GAL is binary), as spdep's write.nb.gal. */
export function writeGal(nb: Csr, opts: NeighbourWriteOptions = {}): string {
  const n = nb.nrows;
  const ids = idsFor(n, opts);
  // Built in blocks of lines joined as they fill (bounded arrays keep the garbage collector calm).
  const blocks: string[] = [];
  let lines: string[] = [headerLine(n, opts)];
  const row: string[] = [];
  for (let i = 0; i < n; i++) {
    const a = nb.rowPtr[i];
    const e = nb.rowPtr[i + 1];
    lines.push(`${ids[i]} ${e - a}`);
    row.length = 0;
    for (let p = a; p < e; p++) row.push(ids[nb.colIdx[p]]);
    lines.push(row.join(' '));
    if (lines.length >= 8192) {
      blocks.push(lines.join('\n') + '\n');
      lines = [];
    }
  }
  if (lines.length) blocks.push(lines.join('\n') + '\n');
  return blocks.join('');
}

export { idsFor as writerIds };
