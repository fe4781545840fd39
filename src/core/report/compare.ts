/**
 * The comparison's text report (`sar-studio compare`): the family table as R users compare
 * models (logLik, parameters, AIC, BIC, ρ, λ), the LR tests of the nested pairs as spatialreg's
 * `LR.Sarlm` prints them, the common-factor test, the LM pre-tests, and the recommendation with
 * the tests that led there, path by path.
 */
import type { FamilyComparison } from '../compare/family';
import type { SearchPath, Step } from '../compare/recommend';
import type { TestStatistic } from '../result';
import { MODEL_NAMES } from '../models/family';
import { formatNumber, formatPval, formatReal, formatSignif, layoutTable, signifStars, SIGNIF_LEGEND } from './format';
import { formatLmTests } from './text';

const short = (m: keyof typeof MODEL_NAMES) => MODEL_NAMES[m].short;
const na = (x: number | undefined, f: (x: number) => string) => (x === undefined ? '' : Number.isFinite(x) ? f(x) : 'NA');

/** The family table's cells, one row per model: logLik, df, AIC, BIC, ρ, λ and the notes column. */
export function modelTableCells(c: FamilyComparison, digits = 5): { header: string[]; rowNames: string[]; cells: string[][] } {
  const col = (xs: (number | undefined)[], d: number) => {
    const defined = xs.filter((x): x is number => x !== undefined && Number.isFinite(x));
    const cells = formatReal(defined, d).map((s) => s.trim());
    let i = 0;
    return xs.map((x) => (x === undefined ? '' : Number.isFinite(x) ? cells[i++] : 'NA'));
  };
  const ll = col(c.models.map((m) => m.logLik), 7);
  const aic = col(c.models.map((m) => m.aic), digits);
  const bic = col(c.models.map((m) => m.bic), digits);
  const rho = c.models.map((m) => na(m.rho, (x) => formatSignif(x, digits)));
  const lambda = c.models.map((m) => na(m.lambda, (x) => formatSignif(x, digits)));
  const cells = c.models.map((m, i) => [
    ll[i], String(m.parameters), aic[i], bic[i], rho[i], lambda[i],
    [m.model === c.bestAic ? 'min AIC' : '', m.model === c.bestBic ? 'min BIC' : '', m.converged ? '' : 'not converged'].filter(Boolean).join(', '),
  ]);
  return { header: ['logLik', 'df', 'AIC', 'BIC', 'rho', 'lambda', ''], rowNames: c.models.map((m) => short(m.model)), cells };
}

function modelTable(c: FamilyComparison, digits: number): string {
  const t = modelTableCells(c, digits);
  return layoutTable(t.rowNames, t.header, t.cells, { leftAlign: [false, false, false, false, false, false, true] });
}

/** The LR tests' cells, one row per nested pair: restricted model, H0, LR, df, p-value, stars. */
export function lrTableCells(c: FamilyComparison, digits = 5): { header: string[]; rowNames: string[]; cells: string[][] } {
  const stats = formatReal(c.lrTests.map((t) => t.statistic), digits).map((s) => s.trim());
  const ps = formatPval(c.lrTests.map((t) => t.p), 4);
  const cells = c.lrTests.map((t, i) => [short(t.restricted), t.restriction, stats[i], String(t.df), ps[i], signifStars(t.p)]);
  return { header: ['vs', 'H0', 'LR', 'df', 'p-value', ''], rowNames: c.lrTests.map((t) => short(t.general)), cells };
}

function lrTable(c: FamilyComparison, digits: number): string {
  const t = lrTableCells(c, digits);
  return layoutTable(t.rowNames, t.header, t.cells, { leftAlign: [true, true, false, false, false, true] });
}

/** A step's numbers as the report prints them: the statistic, its df, the p-value. */
export function stepNumbers(s: Pick<Step, 'statistic' | 'df' | 'p'>, digits = 5): { statistic: string; df: string; p: string } {
  return { statistic: formatSignif(s.statistic, digits), df: String(s.df), p: formatPval([s.p], 4)[0] };
}

/** "LR 4.2782 on 2 DF, p-value 0.1178": the common-factor test's line. */
export function commonFactorText(t: TestStatistic, digits = 5): string {
  const n = stepNumbers(t, digits);
  return `LR ${n.statistic} on ${n.df} DF, p-value ${n.p}`;
}

function pathLines(p: SearchPath, digits: number): string[] {
  const lines: string[] = [];
  let k = 0;
  for (const s of p.steps) {
    if (!s.test) {
      lines.push(`     -> ${s.decision}`);
      continue;
    }
    k++;
    const n = stepNumbers(s, digits);
    lines.push(`  ${String(k).padStart(2)}. ${s.test}: ${n.statistic} on ${n.df} DF, p-value ${n.p}${s.significant ? ' (significant)' : ''}: ${s.decision}`);
  }
  return lines;
}

export function formatComparison(c: FamilyComparison, digits = 5): string {
  const lines = [
    `SAR Studio: which model? ${c.dependent}, n = ${c.n}: the spatial model family by maximum likelihood`,
    '',
    modelTable(c, digits),
    '',
    'Likelihood ratio tests of the nested pairs (spatialreg LR.Sarlm):',
    lrTable(c, digits),
    '---',
    SIGNIF_LEGEND,
  ];
  if (c.commonFactor) {
    lines.push('', `Common-factor test (SDM vs SEM, H0: theta = -rho beta): ${commonFactorText(c.commonFactor, digits)}`);
  }
  if (c.lmTests) lines.push('', 'Pre-tests on the OLS residuals:', formatLmTests(c.lmTests));
  const r = c.recommendation;
  lines.push('', `Recommendation (alpha = ${formatNumber(c.alpha, 4)}): ${MODEL_NAMES[r.model].name}`, `  by ${r.procedure} [${r.reference}]:`, ...pathLines(r, digits));
  for (const p of r.paths.slice(1)) {
    lines.push('', `  ${p.procedure} [${p.reference}]: ${short(p.model)}`, ...pathLines(p, digits));
  }
  if (r.disagreement) lines.push('', `Note: the paths disagree: ${r.disagreement}.`);
  return lines.join('\n').replace(/[ \t]+$/gm, '') + '\n';
}
