/**
 * The model family side by side, from the fits of the eight models on the same data and weights:
 * logLik, parameters, AIC and BIC (R's `AIC`/`BIC`: −2ℓ + 2p, −2ℓ + p·ln n, σ² counted), ρ and λ,
 * the likelihood-ratio test of every nested pair (2(ℓ_general − ℓ_restricted), df the difference
 * in parameters; spatialreg `LR.Sarlm`), the common-factor test (SDM against SEM, H₀ θ = −ρβ;
 * Burridge 1981, Elhorst 2010 §3), the LM pre-tests, and the recommendation (compare/recommend).
 * Pure: the CLI, the extension's comparison panel and the tests share it.
 */
import type { FitResult, LmTests, TestStatistic } from '../result';
import type { ModelType } from '../spec/types';
import type { DurbinLmTests } from '../inference/durbinLmTests';
import { chisqTest } from '../inference/statistic';
import { warning, type Problem } from '../problems';
import { MODEL_NAMES } from '../models/family';
import { recommend, type Recommendation } from './recommend';

/** The order of the comparison table: from no spatial term to all three (Elhorst 2010, Fig. 1). */
export const FAMILY_ORDER: readonly ModelType[] = ['ols', 'slx', 'lag', 'error', 'durbin', 'sdem', 'sac', 'gns'];

/** Every nested pair: the general model, the restricted one, and the restriction tested. */
export const NESTED_PAIRS: readonly { general: ModelType; restricted: ModelType; restriction: string }[] = [
  { general: 'slx', restricted: 'ols', restriction: 'θ = 0' },
  { general: 'lag', restricted: 'ols', restriction: 'ρ = 0' },
  { general: 'error', restricted: 'ols', restriction: 'λ = 0' },
  { general: 'durbin', restricted: 'lag', restriction: 'θ = 0' },
  { general: 'durbin', restricted: 'slx', restriction: 'ρ = 0' },
  { general: 'durbin', restricted: 'error', restriction: 'common factor θ = −ρβ' },
  { general: 'sdem', restricted: 'error', restriction: 'θ = 0' },
  { general: 'sdem', restricted: 'slx', restriction: 'λ = 0' },
  { general: 'sac', restricted: 'lag', restriction: 'λ = 0' },
  { general: 'sac', restricted: 'error', restriction: 'ρ = 0' },
  { general: 'sac', restricted: 'ols', restriction: 'ρ = λ = 0' },
  { general: 'gns', restricted: 'durbin', restriction: 'λ = 0' },
  { general: 'gns', restricted: 'sdem', restriction: 'ρ = 0' },
  { general: 'gns', restricted: 'sac', restriction: 'θ = 0' },
];

export interface ModelComparisonRow {
  model: ModelType;
  logLik: number;
  parameters: number;
  aic: number;
  bic: number;
  rho?: number;
  lambda?: number;
  /** The optimiser met its convergence test (SAC/GNS: at the best of its starts). */
  converged: boolean;
}

export interface LrTestRow extends TestStatistic {
  general: ModelType;
  restricted: ModelType;
  restriction: string;
}

export interface FamilyComparison {
  n: number;
  dependent: string;
  alpha: number;
  models: ModelComparisonRow[];
  lrTests: LrTestRow[];
  commonFactor?: TestStatistic;
  /** LM tests on the OLS residuals (the pre-tests), and the Koley–Bera tests for the Durbin terms. */
  lmTests?: LmTests;
  durbinLm?: DurbinLmTests;
  recommendation: Recommendation;
  /** The lowest AIC and BIC. */
  bestAic: ModelType;
  bestBic: ModelType;
  /** A general model whose maximum is below its restricted model's: that optimiser missed the top. */
  warnings: Problem[];
}

/** Nested logLik may differ by rounding of the optimum; beyond this a general fit fell short. */
const LOGLIK_ORDER_TOLERANCE = 1e-6;

export function compareFits(fits: ReadonlyMap<ModelType, FitResult>, alpha = 0.05): FamilyComparison {
  const first = fits.values().next().value;
  if (!first) throw new Error('compareFits: no fits');
  const n = first.n;
  const models = FAMILY_ORDER.filter((m) => fits.has(m)).map((m): ModelComparisonRow => {
    const r = fits.get(m)!;
    return {
      model: m,
      logLik: r.logLik,
      parameters: r.parameters,
      aic: -2 * r.logLik + 2 * r.parameters,
      bic: -2 * r.logLik + r.parameters * Math.log(n),
      rho: r.rho?.estimate,
      lambda: r.lambda?.estimate,
      converged: r.optima ? r.optima[0].converged : true,
    };
  });
  const warnings: Problem[] = [];
  const lrTests: LrTestRow[] = [];
  for (const pair of NESTED_PAIRS) {
    const g = fits.get(pair.general);
    const r = fits.get(pair.restricted);
    if (!g || !r) continue;
    const diff = g.logLik - r.logLik;
    if (diff < -LOGLIK_ORDER_TOLERANCE) {
      warnings.push(warning(
        `${MODEL_NAMES[pair.general].short}'s log-likelihood (${g.logLik}) is below that of ${MODEL_NAMES[pair.restricted].short} (${r.logLik}), which it nests: its optimiser stopped at a local maximum`,
        undefined, undefined, 'nested-loglik-order',
      ));
    }
    // Within the tolerance a negative difference is rounding (LR 0); beyond it the test is NA.
    lrTests.push({ ...pair, ...chisqTest(diff >= -LOGLIK_ORDER_TOLERANCE ? 2 * Math.max(diff, 0) : NaN, g.parameters - r.parameters) });
  }
  const lr = (general: ModelType, restricted: ModelType) => lrTests.find((t) => t.general === general && t.restricted === restricted);
  const cf = lr('durbin', 'error');
  const lmTests = first.lmTestsOls;
  const durbinLm = [...fits.values()].find((r) => r.diagnostics?.ols.durbinLm)?.diagnostics?.ols.durbinLm;
  const recommendation = recommend({
    alpha,
    lm: lmTests ?? nanLmTests(),
    durbinLm,
    lr: (g, r) => {
      const t = lr(g, r);
      return t && { statistic: t.statistic, df: t.df, p: t.p };
    },
  });
  const best = (key: 'aic' | 'bic') => models.reduce((a, b) => (b[key] < a[key] ? b : a)).model;
  return {
    n, dependent: first.dependent, alpha, models, lrTests,
    commonFactor: cf && { statistic: cf.statistic, df: cf.df, p: cf.p },
    lmTests, durbinLm, recommendation,
    bestAic: best('aic'), bestBic: best('bic'), warnings,
  };
}

/** Without OLS pre-tests (no weights to test with), the LM steps are skipped: every test reads as undefined. */
function nanLmTests(): LmTests {
  const na = { statistic: NaN, df: 1, p: NaN };
  return { LMerr: na, LMlag: na, RLMerr: na, RLMlag: na, SARMA: { ...na, df: 2 } };
}
