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
import type { Csr } from '../sparse/csr';
import { error, Problem, ProblemError } from '../problems';
import { NeighbourFile, NeighbourFileBuilder, parseHeader, splitLines, tokens } from './neighbourFile';

/** Parse GAL text. Errors point at the offending line and token. */
export function parseGal(text: string, file: string): NeighbourFile {
  const lines = splitLines(text);
  const { n, layer, idVariable } = parseHeader(lines[0], file, 'GAL');
  const b = new NeighbourFileBuilder();
  const problems: Problem[] = [];
  const fail = (msg: string, line: number, column = 1, code = 'gal-syntax'): void => {
    if (problems.length < 20) problems.push(error(msg, file, { line, column }, code));
  };
  let records = 0;
  let i = 1; // 0-based index into lines
  while (i < lines.length && problems.length < 20) {
    const lineNo = i + 1;
    const head = tokens(lines[i]);
    i++;
    if (head.length === 0) continue; // blank lines between records and at the end
    if (head.length !== 2) {
      fail(`expected a record line "id count", found ${head.length} value${head.length === 1 ? '' : 's'}`, lineNo, head[0].column);
      break; // the record structure is lost: further messages would be noise
    }
    const [idTok, countTok] = head;
    if (!/^\d+$/.test(countTok.text)) {
      fail(`the neighbour count must be a non-negative integer, found "${countTok.text}"`, lineNo, countTok.column);
      break;
    }
    const count = Number(countTok.text);
    records++;
    if (records > n) {
      fail(`more records than the ${n} regions the header declares`, lineNo, idTok.column, 'weights-count');
      break;
    }
    const self = b.id(idTok.text, lineNo, idTok.column);
    if (b.recordLine[self] > 0) {
      fail(`second record for region "${idTok.text}" (the first is on line ${b.recordLine[self]})`, lineNo, idTok.column, 'duplicate-record');
      continue;
    }
    b.recordLine[self] = lineNo;
    // The neighbour line. For count 0 it is empty; tolerate its absence when the next line is
    // already the next record (some writers omit it).
    if (count === 0) {
      if (i < lines.length && tokens(lines[i]).length === 0) i++;
      continue;
    }
    if (i >= lines.length) {
      fail(`region "${idTok.text}" has ${count} neighbours but the file ends before their line`, lineNo, countTok.column);
      break;
    }
    const nbLineNo = i + 1;
    const nbs = tokens(lines[i]);
    i++;
    if (nbs.length !== count) {
      fail(`region "${idTok.text}": the record on line ${lineNo} says ${count} neighbour${count === 1 ? '' : 's'} but this line lists ${nbs.length}`,
        nbLineNo, (nbs[Math.min(nbs.length, count)] ?? nbs[nbs.length - 1] ?? { column: 1 }).column, 'gal-count');
      continue;
    }
    for (const t of nbs) b.link(self, b.id(t.text, nbLineNo, t.column), 1, nbLineNo, t.column);
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
  const out: string[] = [headerLine(n, opts)];
  for (let i = 0; i < n; i++) {
    const a = nb.rowPtr[i];
    const e = nb.rowPtr[i + 1];
    out.push(`${ids[i]} ${e - a}`);
    const row: string[] = [];
    for (let p = a; p < e; p++) row.push(ids[nb.colIdx[p]]);
    out.push(row.join(' '));
  }
  return out.join('\n') + '\n';
}

export { idsFor as writerIds };
