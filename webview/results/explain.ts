/**
 * The panel's plain-language explanations. The one idea they must get right (the source paper
 * got it wrong): in a spatial lag (or Durbin) model the coefficient β is NOT the marginal effect
 * of its variable; the impacts are (LeSage & Pace 2009): direct = mean of the diagonal of
 * S_k = (I − ρW)⁻¹β_k, total = mean row sum, indirect = total − direct.
 */
import type { FitResult } from '../../src/core/result';
import { formatSignif } from '../../src/core/report/format';
import { coefCells, coefDigits, impactCells, EFFECTS, isOls, type CoefCells } from './tables';

export const hasSpillovers = (r: FitResult) => r.model === 'lag' || r.model === 'durbin';

/** The note under Table 1. */
export function coefficientNote(r: FitResult): string {
  switch (r.model) {
    case 'lag':
    case 'durbin':
      return `In a spatial ${r.model === 'lag' ? 'lag' : 'Durbin'} model a coefficient is not the marginal effect of its variable: a change in x at one location changes ${r.dependent} there and, through ρ and the neighbours, everywhere else (with feedback). Read the effects in the Impacts table below, not β.`;
    case 'error':
      return `In a spatial error model the spatial dependence is in the errors, so each coefficient is the marginal effect of its variable, read as in OLS; there is no spillover through ${r.dependent}.`;
    case 'ols':
      return 'Ordinary least squares ignores spatial dependence: check Moran’s I and the LM tests on its residuals below before trusting these standard errors.';
  }
}

/** The paragraph that explains how to read the impacts, with the first regressor as a worked example. */
export function impactsExplanation(r: FitResult): string[] {
  const rows = r.impacts ?? [];
  if (!rows.length) return [];
  const y = r.dependent;
  const rho = r.rho ? formatSignif(r.rho.estimate, 5) : undefined;
  const out = [
    `How to read them: ${y} depends on its neighbours’ ${y}${rho ? ` (ρ = ${rho})` : ''}, so a change in a regressor ripples through the map.`,
    `Direct: the change in ${y} at a location when x rises by one unit at that same location, feedback through the neighbours included, averaged over locations.`,
    `Indirect (the spillover): the change in ${y} at a location when x rises by one unit at all the other locations; equivalently, averaged over locations, the summed change at all other locations when x rises at one.`,
    `Total = direct + indirect: the change in ${y} at a typical location when x rises by one unit everywhere.`,
  ];
  const ex = rows[0];
  const coef = r.coefficients.find((c) => c.name === ex.name);
  if (coef) {
    const f = (x: number) => formatSignif(x, 5);
    out.push(`Example: ${ex.name} has β = ${f(coef.estimate)}${r.model === 'durbin' ? ' (plus θ for lag.' + ex.name + ')' : ''}, but its effects are direct ${f(ex.direct)}, indirect ${f(ex.indirect)} and total ${f(ex.total)}.`);
  }
  return out;
}

export interface Hover {
  heading: string;
  lines: string[];
}

/** The hover card of a coefficient: its row of Table 1, its impacts, and how to read them. */
export function coefficientHover(r: FitResult, term: string): Hover | undefined {
  const k = r.coefficients.findIndex((c) => c.name === term);
  if (k < 0) return undefined;
  const cells: CoefCells[] = coefCells(r.coefficients.map((c) => ({ name: c.name, estimate: c.estimate, stdError: c.stdError, statistic: c.z, p: c.p })), coefDigits(r));
  const c = cells[k];
  const stat = isOls(r) ? 't' : 'z';
  const lines = [`Estimate ${c.estimate}, std. error ${c.stdError}, ${stat} = ${c.statistic}, p = ${c.p.trim()}${c.stars ? ` ${c.stars}` : ''}`];
  const isLagTerm = r.model === 'durbin' && term.startsWith('lag.');
  const variable = isLagTerm ? term.slice(4) : term;
  const impacts = r.impacts ?? [];
  const i = impacts.findIndex((x) => x.name === variable);
  if (hasSpillovers(r)) {
    if (i >= 0) {
      const ic = impactCells(impacts);
      const [d, ind, t] = EFFECTS.map((e) => ic[e][i].estimate);
      lines.push(`Impacts of ${variable}: direct ${d}, indirect ${ind}, total ${t}`);
    }
    if (term === '(Intercept)') lines.push('The intercept has no impacts.');
    else if (isLagTerm) lines.push(`θ: the effect of the neighbours’ average of ${variable}; it is part of ${variable}’s impacts above. Read those, not θ.`);
    else lines.push(`β is not the marginal effect here: raising ${variable} by 1 at one location changes ${r.dependent} there by the direct effect and elsewhere by the indirect one.`);
  } else if (r.model === 'error') {
    lines.push(`Spatial error model: β is the marginal effect of ${variable} (no spillover through ${r.dependent}).`);
  } else {
    lines.push(`OLS: β is the marginal effect of ${variable}, if the residuals show no spatial dependence (see Moran’s I).`);
  }
  return { heading: term, lines };
}

export const TESTS_NOTE =
  'Tests on the residuals of the OLS fit of the same formula, the check the source paper skipped: a significant Moran’s I means spatial dependence OLS ignores; the robust LM tests (RLMlag, RLMerr) point to a lag or an error model (Anselin et al. 1996).';

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
