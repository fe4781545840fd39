/**
 * GeoDa GWT files (general weights, e.g. distances or inverse distances).
 *
 * Format (GeoDa documentation, "GWT - Weights Files"; spdep `read.gwt2nb` / `write.sn2gwt`):
 *   header `0 n layer idVariable` (spdep also reads the legacy one-number header `n`),
 *   then one link per line: `origin destination weight`, whitespace separated.
 * Regions that never appear as an origin have no neighbours (spdep warns "are not origins").
 * The weights are used as given (spdep: `nb2listw(nb, glist = attr(nb, "GeoDa")$dist)`); GeoDa
 * itself writes distances in GWT files, so turn them into weights before fitting if needed.
 */
import { MAX_LINKS } from '../limits';
import type { Csr } from '../sparse/csr';
import { error, Problem, ProblemError } from '../problems';
import { DECIMAL_RE } from './csv';
import { headerLine, NeighbourWriteOptions, writerIds } from './gal';
import { LineReader, NeighbourFile, NeighbourFileBuilder, parseHeader } from './neighbourFile';

/** Parse GWT text. Errors point at the offending line and token. */
export function parseGwt(text: string, file: string): NeighbourFile {
  const rd = new LineReader(text);
  rd.next();
  const { n, layer, idVariable } = parseHeader(rd.line(), file, 'GWT');
  const b = new NeighbourFileBuilder(Math.min(n, text.length)); // a header's count is no promise: the text bounds the ids
  const problems: Problem[] = [];
  while (problems.length < 20 && rd.next()) {
    const lineNo = rd.lineNo;
    if (rd.ntok === 0) continue;
    if (rd.ntok !== 3) {
      problems.push(error(`expected "origin destination weight", found ${rd.ntok} value${rd.ntok === 1 ? '' : 's'}`,
        file, { line: lineNo, column: rd.col(rd.ntok > 3 ? 3 : 0) }, 'gwt-syntax'));
      continue;
    }
    const wText = rd.tok(2);
    const v = Number(wText);
    if (!Number.isFinite(v) || !DECIMAL_RE.test(wText)) {
      const shown = wText.length > 40 ? `${wText.slice(0, 40)}…` : wText;
      problems.push(error(DECIMAL_RE.test(wText) ? `the weight ${shown} is too large for a double (at most 1.8e308)` : `the weight must be a number, found "${shown}"`,
        file, { line: lineNo, column: rd.col(2), endColumn: rd.col(2) + wText.length }, 'gwt-syntax'));
      continue;
    }
    if (b.links >= MAX_LINKS) {
      problems.push(error(`more than ${MAX_LINKS} links: more than SAR Studio can fit with`, file, { line: lineNo, column: 1 }, 'too-many-links'));
      break;
    }
    const from = b.idOf(rd, 0);
    if (b.recordLine[from] === 0) b.recordLine[from] = lineNo;
    b.link(from, b.idOf(rd, 1), v, lineNo, rd.col(1));
  }
  if (!problems.length && b.ids.length > n) {
    // Point at the first id beyond the declared count.
    problems.push(error(`the header declares ${n} regions but the file uses ${b.ids.length} distinct ids (id "${b.ids[n]}" is number ${n + 1})`, file,
      { line: b.idLineOf(n), column: b.idColumnOf(n) }, 'weights-count'));
  }
  if (problems.length) throw new ProblemError(problems);
  return b.finish(file, 'gwt', n, layer, idVariable);
}

/**
 * GWT text of a weighted neighbour list: one `i j w` line per link in row order, weights in
 * the shortest form that reads back to the same double.
 */
export function writeGwt(w: Csr, opts: NeighbourWriteOptions = {}): string {
  const n = w.nrows;
  const ids = writerIds(n, opts);
  // Built in blocks of lines joined as they fill (bounded arrays keep the garbage collector calm).
  const blocks: string[] = [];
  let lines: string[] = [headerLine(n, opts)];
  for (let i = 0; i < n; i++) {
    for (let p = w.rowPtr[i]; p < w.rowPtr[i + 1]; p++) lines.push(`${ids[i]} ${ids[w.colIdx[p]]} ${String(w.values[p])}`);
    if (lines.length >= 8192) {
      blocks.push(lines.join('\n') + '\n');
      lines = [];
    }
  }
  if (lines.length) blocks.push(lines.join('\n') + '\n');
  return blocks.join('');
}
