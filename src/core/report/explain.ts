/**
 * How to read the estimates, in plain text: one source for the results panel, the spec's hovers
 * and the Markdown export. The idea they must get right (the source paper got it wrong): in a
 * spatial lag or Durbin model a coefficient is not the marginal effect of its variable; the
 * impacts are (LeSage & Pace 2009, §2.7): for S_k = (I − ρW)⁻¹(Iβ_k + Wθ_k), direct = mean of
 * the diagonal of S_k, total = mean row sum, indirect = total − direct.
 */
import type { FitResult } from '../result';
import { formatSignif } from './format';
import { hasImpacts, MODEL_FORM } from '../models/family';

/** How the text names the models with ρWy. */
const LAG_MODEL_PHRASE: Partial<Record<FitResult['model'], string>> = { lag: 'spatial lag', durbin: 'spatial Durbin', sac: 'SAC', gns: 'general nesting (GNS)' };

/** Models whose regressors' effects spill over (through ρW, or WX's θ) and so have impacts. */
export const hasSpillovers = (r: Pick<FitResult, 'model'>): boolean => hasImpacts(r.model);

/**
 * How to read the coefficient `term` (a regressor, a Durbin model's `lag.x`, or `(Intercept)`);
 * without `term`, any coefficient of the model (the note under the coefficients table).
 */
export function coefficientReading(r: Pick<FitResult, 'model' | 'dependent'>, term?: string): string {
  const y = r.dependent;
  if (term === '(Intercept)') return `The intercept is not the effect of a variable${hasSpillovers(r) ? ': it has no impacts' : ''}.`;
  const form = MODEL_FORM[r.model];
  const isLagTerm = form.wx && term !== undefined && term.startsWith('lag.');
  const x = isLagTerm ? term.slice(4) : (term ?? 'x');
  if (form.rho) {
    const impacts = 'The impacts are the marginal effects (LeSage & Pace 2009): direct (at the same location, feedback included), indirect (the spillover to all other locations) and total = direct + indirect, averaged over locations.';
    if (isLagTerm) return `θ (${term}), the effect of the neighbours’ average of ${x}, is part of ${x}’s impacts; neither β nor θ is the marginal effect of ${x}. ${impacts}`;
    return `In a ${LAG_MODEL_PHRASE[r.model] ?? 'spatial lag'} model β is not the marginal effect of ${x}${form.wx ? `, nor is θ of lag.${x}` : ''}: a change in ${x} at one location changes ${y} there and, through ρW, at its neighbours and back again (feedback). ${impacts}`;
  }
  if (form.wx) {
    // SLX, SDEM: no feedback, so the impacts are the coefficients (Elhorst 2010, Table 2; Halleck Vega & Elhorst 2015).
    if (isLagTerm) return `θ (${term}) is the indirect impact of ${x}: the change in ${y} when ${x} rises by one unit at all of a location’s neighbours (a local spillover, no feedback).`;
    return `β is the direct impact of ${x} on ${y}, read as in OLS; lag.${x}’s θ is its indirect impact (the local spillover from the neighbours), and total = β + θ.`;
  }
  if (form.lambda) return `In a spatial error model the spatial dependence is in the errors only, so β is the marginal effect of ${x} on ${y}, read as in OLS: there is no spillover through ${y}.`;
  return `In OLS β is the marginal effect of ${x} on ${y} if the residuals show no spatial dependence: check Moran’s I and the LM tests on them before trusting the standard errors.`;
}

/** How to read the impacts table, with the first regressor as a worked example (lag and Durbin models). */
export function impactsReading(r: FitResult): string[] {
  const rows = r.impacts ?? [];
  if (!rows.length) return [];
  const y = r.dependent;
  const rho = r.rho ? formatSignif(r.rho.estimate, 5) : undefined;
  const out = r.rho ? [
    `How to read them: ${y} depends on its neighbours’ ${y}${rho ? ` (ρ = ${rho})` : ''}, so a change in a regressor ripples through the map.`,
    `Direct: the change in ${y} at a location when x rises by one unit at that same location, feedback through the neighbours included, averaged over locations.`,
    `Indirect (the spillover): the change in ${y} at a location when x rises by one unit at all the other locations; equivalently, averaged over locations, the summed change at all other locations when x rises at one.`,
    `Total = direct + indirect: the change in ${y} at a typical location when x rises by one unit everywhere.`,
  ] : [
    `How to read them: without a lag of ${y} there is no feedback, so the impacts are the coefficients (Elhorst 2010): direct = β, indirect = θ of lag.x (the effect of the neighbours’ x), total = β + θ; their standard errors come from the coefficients’ covariance.`,
  ];
  const ex = rows[0];
  const coef = r.coefficients.find((c) => c.name === ex.name);
  if (coef) {
    const f = (v: number) => formatSignif(v, 5);
    out.push(`Example: ${ex.name} has β = ${f(coef.estimate)}${MODEL_FORM[r.model].wx ? ` (plus θ for lag.${ex.name})` : ''}, but its effects are direct ${f(ex.direct)}, indirect ${f(ex.indirect)} and total ${f(ex.total)}.`);
  }
  return out;
}
