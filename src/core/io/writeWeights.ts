/**
 * Save built weights as a GAL or GWT file that GeoDa, spdep (`read.gal`, `read.gwt2nb`) and
 * libpysal (`open(...).read()`) read back:
 *   GAL  header `0 n layer idVariable`, then per region `id count` and a line of neighbour ids —
 *        who neighbours whom only (binary);
 *   GWT  the same header, then one `origin destination weight` line per link, the raw
 *        (unstyled) weights: the readers apply their own style, as spdep's
 *        `nb2listw(nb, glist = attr(nb, "GeoDa")$dist, style)`.
 * Ids are the weights' ids (the id column's values, or row numbers 1..n). The formats split on
 * whitespace, so ids must be non-empty, without whitespace, and distinct.
 */
import { error, Problem, ProblemError, warning } from '../problems';
import type { SpatialWeights } from '../weights/types';
import { writeGal } from './gal';
import { writeGwt } from './gwt';
import { firstFew } from './neighbourFile';

export type WeightsFileFormat = 'gal' | 'gwt';

export interface WriteWeightsOptions {
  format: WeightsFileFormat;
  /** The header's layer name, e.g. the data file's base name (default "unknown"). */
  layer?: string;
  /** The header's id variable: the column holding the ids (default "unknown", as spdep writes). */
  idVariable?: string;
  /** GWT: the raw weights (default) or the styled ones. */
  values?: 'raw' | 'styled';
  /** The file being written, for problems. */
  file?: string;
}

export interface WeightsFileText {
  text: string;
  /** E.g. that a GAL file drops non-binary weights. */
  warnings: Problem[];
}

/** The file text; a ProblemError when the ids or header fields cannot be written. */
export function weightsFileText(weights: SpatialWeights, opts: WriteWeightsOptions): WeightsFileText {
  const n = weights.n;
  const ids = weights.ids ?? Array.from({ length: n }, (_, i) => String(i + 1));
  const problems: Problem[] = [];
  const bad: string[] = [];
  const seen = new Map<string, number>();
  const dup: string[] = [];
  ids.forEach((id, i) => {
    if (id === '' || /\s/.test(id)) bad.push(`row ${i + 1} (${JSON.stringify(id)})`);
    const first = seen.get(id);
    if (first !== undefined) dup.push(`${JSON.stringify(id)} (rows ${first + 1} and ${i + 1})`);
    else seen.set(id, i);
  });
  if (bad.length) {
    problems.push(error(`${opts.format.toUpperCase()} files separate ids by whitespace, so ids cannot be empty or contain spaces: ${firstFew(bad, 5)}; use an id column without spaces`,
      opts.file, undefined, 'weights-id-space'));
  }
  if (dup.length) problems.push(error(`ids must be distinct to be read back: ${firstFew(dup, 5)}`, opts.file, undefined, 'weights-id-duplicate'));
  const header = { layer: opts.layer ?? 'unknown', idVariable: opts.idVariable ?? 'unknown' };
  for (const [field, value] of Object.entries(header)) {
    if (value === '' || /\s/.test(value)) problems.push(error(`the header's ${field} cannot be empty or contain spaces: ${JSON.stringify(value)}`, opts.file, undefined, 'weights-header'));
  }
  if (problems.length) throw new ProblemError(problems);

  const raw = weights.raw;
  const warnings: Problem[] = [];
  const writeOpts = { ids, ...header };
  if (opts.format === 'gal') {
    const nb = raw ?? weights.w;
    if (raw && raw.values.some((v) => v !== 1)) {
      warnings.push(warning('a GAL file keeps only who neighbours whom: the weights themselves are not saved (save as GWT to keep them)', opts.file, undefined, 'gal-binary'));
    }
    return { text: writeGal(nb, writeOpts), warnings };
  }
  const values = opts.values ?? 'raw';
  if (values === 'raw' && !raw) throw new Error('weightsFileText: these weights carry no raw (unstyled) weights; write values: "styled"');
  return { text: writeGwt(values === 'raw' ? raw! : weights.w, writeOpts), warnings };
}
