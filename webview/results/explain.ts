/**
 * The panel's plain-language explanations beside its charts and map, and the coefficient hover
 * card. How to read a coefficient and the impacts is shared with the spec's hovers and the
 * Markdown export (src/core/report/explain.ts).
 */
import type { FitResult } from '../../src/core/result';
import { formatSignif } from '../../src/core/report/format';
import { coefficientReading, hasSpillovers } from '../../src/core/report/explain';
import { coefficientCells, impactCells } from '../../src/core/export/tables';

export interface Hover {
  heading: string;
  lines: string[];
}

/** The hover card of a coefficient: its row of Table 1, its impacts, and how to read them. */
export function coefficientHover(r: FitResult, term: string): Hover | undefined {
  const c = coefficientCells(r).find((x) => x.name === term);
  if (!c) return undefined;
  const stat = r.model === 'ols' ? 't' : 'z';
  const lines = [`Estimate ${c.estimate}, std. error ${c.stdError}, ${stat} = ${c.statistic}, p = ${c.p}${c.stars ? ` ${c.stars}` : ''}`];
  const variable = r.model === 'durbin' && term.startsWith('lag.') ? term.slice(4) : term;
  const impacts = impactCells(r).filter((x) => x.name === variable);
  if (hasSpillovers(r) && impacts.length) lines.push(`Impacts of ${variable}: ${impacts.map((x) => `${x.effect} ${x.estimate}`).join(', ')}`);
  lines.push(coefficientReading(r, term));
  return { heading: term, lines };
}

export const TESTS_NOTE =
  'Tests on the residuals of the OLS fit of the same formula, run before choosing a spatial model. The source paper (Nurbatsin et al. 2024, the Kazakhstan smart-city study) chose the lag model without them. A significant Moran’s I means spatial dependence OLS ignores; the robust LM tests (RLMlag, RLMerr) point to a lag or an error model (Anselin et al. 1996).';

export const HISTOGRAM_NOTE = 'Residual = observed − fitted: a negative residual means the model over-predicts there (fitted above observed). Look at sign and skew.';

export const FITTED_NOTE = 'Each point is an observation; on the line, fitted = observed. Points above the line are under-predicted.';

export function moranNote(moranI: number | undefined): string {
  const i = moranI !== undefined && Number.isFinite(moranI) ? ` Moran’s I of these residuals: ${formatSignif(moranI, 5)}.` : '';
  return `Each point: an observation’s residual (x) against the weighted average of its neighbours’ residuals (W·e, y). An upward slope means similar residuals cluster in space: dependence the model has not captured.${i}`;
}

/** What a map quantity means, one sentence. */
export function mapQuantityNote(r: FitResult, key: string): string {
  const y = r.dependent;
  const m = /^(direct|indirect|total):(.*)$/.exec(key);
  if (m) {
    const x = m[2];
    const imp = r.impacts?.find((i) => i.name === x);
    const avg = imp ? ` Averaged over locations this is the ${m[1]} impact in the table (${formatSignif(imp[m[1] as 'direct' | 'indirect' | 'total'], 5)}).` : '';
    const approx = r.localSpillover?.find((s) => s.name === x)?.diagonal === 'approximate' ? ' (Own effects approximated from traces of powers of W.)' : '';
    if (m[1] === 'indirect') return `Spillover sent out: the change in ${y} summed over all other locations when ${x} rises by one unit at this location only.${avg}${approx}`;
    if (m[1] === 'total') return `The change in ${y} summed over all locations, this one included, when ${x} rises by one unit at this location only.${avg}${approx}`;
    return `The change in ${y} at this location when ${x} rises by one unit here, feedback through the neighbours included.${avg}${approx}`;
  }
  switch (key) {
    case 'residual':
      return `Residual = observed − fitted ${y}: clusters of one colour are spatial dependence left in the residuals.`;
    case 'fitted':
      return `Fitted ${y}.`;
    case 'observed':
      return `Observed ${y}.`;
    case 'lagResidual':
      return 'W·e: the weighted average of the neighbours’ residuals.';
    default:
      return '';
  }
}
