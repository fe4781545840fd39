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
import type { Csr } from '../sparse/csr';
import { error, Problem, ProblemError } from '../problems';
import { headerLine, NeighbourWriteOptions, writerIds } from './gal';
import { NeighbourFile, NeighbourFileBuilder, parseHeader, splitLines, tokens } from './neighbourFile';

const NUMBER_RE = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** Parse GWT text. Errors point at the offending line and token. */
export function parseGwt(text: string, file: string): NeighbourFile {
  const lines = splitLines(text);
  const { n, layer, idVariable } = parseHeader(lines[0], file, 'GWT');
  const b = new NeighbourFileBuilder();
  const problems: Problem[] = [];
  for (let i = 1; i < lines.length && problems.length < 20; i++) {
    const lineNo = i + 1;
    const t = tokens(lines[i]);
    if (t.length === 0) continue;
    if (t.length !== 3) {
      problems.push(error(`expected "origin destination weight", found ${t.length} value${t.length === 1 ? '' : 's'}`,
        file, { line: lineNo, column: (t[3] ?? t[0]).column }, 'gwt-syntax'));
      continue;
    }
    const w = t[2];
    const v = Number(w.text);
    if (!NUMBER_RE.test(w.text) || !Number.isFinite(v)) {
      problems.push(error(`the weight must be a number, found "${w.text}"`, file, { line: lineNo, column: w.column, endColumn: w.column + w.text.length }, 'gwt-syntax'));
      continue;
    }
    const from = b.id(t[0].text, lineNo, t[0].column);
    if (b.recordLine[from] === 0) b.recordLine[from] = lineNo;
    const to = b.id(t[1].text, lineNo, t[1].column);
    b.link(from, to, v, lineNo, t[1].column);
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
  const out: string[] = [headerLine(n, opts)];
  for (let i = 0; i < n; i++) {
    for (let p = w.rowPtr[i]; p < w.rowPtr[i + 1]; p++) out.push(`${ids[i]} ${ids[w.colIdx[p]]} ${String(w.values[p])}`);
  }
  return out.join('\n') + '\n';
}
