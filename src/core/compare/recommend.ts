/**
 * "Which model?" — named, documented specification searches over the spatial model family, each
 * a list of the tests it looked at and what each decided:
 *
 * - **Specific to general, classic** (Anselin 2005, *Exploring Spatial Data with GeoDa*, ch. 23
 *   decision rules; spreg `stge_classic`): from OLS by the LM tests on its residuals — neither
 *   LMlag nor LMerr significant: OLS; one: that model; both: the one whose robust test is
 *   significant; both robust ones too: SAC when both of its spatial parameters are significant by
 *   LR (the ML counterpart of spreg's Anselin–Kelejian step), else the larger robust statistic.
 * - **Specific to general with Durbin terms** (Koley & Bera 2024; spreg `stge_kb`): the joint
 *   RS test of ρ and θ not significant: OLS; both adjusted tests: SDM; only ρ's: SAR; only θ's: SLX.
 * - **General to specific from GNS** (Elhorst 2010, "Applied spatial econometrics: raising the
 *   bar", Spatial Economic Analysis 5(1); spreg `gets_gns`, here by LR tests of ML fits): backward
 *   elimination — each of λ, ρ, θ still in the model is tested by LR against the model without
 *   it, and the least significant is dropped while one is not significant (spreg stops at OLS
 *   when all three are insignificant at once in the GNS, which over-parameterised GNS fits often
 *   are; eliminating one at a time re-tests the others in the smaller model); an SDM with both
 *   terms significant meets the common-factor test (θ = −ρβ: SEM when not rejected).
 * - **General to specific from SDM** (Elhorst 2010 §4; spreg `gets_sdm`): LR of θ = 0 (→ SAR) and
 *   of ρ = 0 (→ SLX); both rejected: the common-factor test (→ SEM when not rejected), then error
 *   left in the SDM (GNS vs SDM); each restricted model is checked for error left (SAC vs SAR,
 *   SDEM vs SLX) and against OLS.
 *
 * The recommendation is the general-to-specific path from GNS (it uses every ML fit and tests
 * every restriction by LR, as Elhorst recommends); the other paths are reported beside it, with a
 * note when they end elsewhere.
 */
import type { LmTests, TestStatistic } from '../result';
import type { DurbinLmTests } from '../inference/durbinLmTests';
import type { ModelType } from '../spec/types';
import { MODEL_NAMES } from '../models/family';

export type FamilyModel = ModelType;

/** Short names as the literature writes them. */
export const FAMILY_LABEL: Readonly<Record<FamilyModel, string>> = Object.fromEntries(
  Object.entries(MODEL_NAMES).map(([m, names]) => [m, names.short]),
) as Record<FamilyModel, string>;

export interface Evidence {
  /** Significance level of every test (default 0.05). */
  alpha: number;
  /** LM tests on the OLS residuals. */
  lm: LmTests;
  /** Koley–Bera tests on the OLS residuals. */
  durbinLm?: DurbinLmTests;
  /** LR test of `restricted` nested in `general` (undefined when either was not fitted). */
  lr(general: FamilyModel, restricted: FamilyModel): TestStatistic | undefined;
}

export interface Step {
  /** What was tested, e.g. "LR GNS vs SDM (λ = 0)". */
  test: string;
  statistic: number;
  df: number;
  p: number;
  significant: boolean;
  /** What the step concluded. */
  decision: string;
}

export interface SearchPath {
  procedure: string;
  reference: string;
  model: FamilyModel;
  steps: Step[];
}

export interface Recommendation extends SearchPath {
  /** Every path, the recommended one first. */
  paths: SearchPath[];
  /** Set when the paths end at different models. */
  disagreement?: string;
}

class Path {
  readonly steps: Step[] = [];
  constructor(private readonly e: Evidence) {}

  /** Records a test; true when significant at α. */
  test(name: string, t: TestStatistic | undefined, ifSignificant: string, ifNot: string): boolean | undefined {
    if (!t || !Number.isFinite(t.statistic) || !Number.isFinite(t.p)) return undefined;
    const significant = t.p < this.e.alpha;
    this.steps.push({ test: name, statistic: t.statistic, df: t.df, p: t.p, significant, decision: significant ? ifSignificant : ifNot });
    return significant;
  }

  lr(general: FamilyModel, restricted: FamilyModel, restriction: string, ifSignificant: string, ifNot: string): boolean | undefined {
    return this.test(`LR ${FAMILY_LABEL[general]} vs ${FAMILY_LABEL[restricted]} (${restriction})`, this.e.lr(general, restricted), ifSignificant, ifNot);
  }

  note(decision: string): void {
    this.steps.push({ test: '', statistic: NaN, df: 0, p: NaN, significant: false, decision });
  }
}

export function specificToGeneral(e: Evidence): SearchPath {
  const path = new Path(e);
  const lag = path.test('LMlag on the OLS residuals', e.lm.LMlag, 'a spatial lag is indicated', 'no spatial lag indicated');
  const err = path.test('LMerr on the OLS residuals', e.lm.LMerr, 'spatial error dependence is indicated', 'no spatial error dependence indicated');
  let model: FamilyModel;
  if (!lag && !err) model = 'ols';
  else if (lag && !err) model = 'lag';
  else if (!lag && err) model = 'error';
  else {
    const rlag = path.test('robust LM lag (RLMlag)', e.lm.RLMlag, 'the lag survives the error alternative', 'the lag does not survive the error alternative');
    const rerr = path.test('robust LM error (RLMerr)', e.lm.RLMerr, 'the error survives the lag alternative', 'the error does not survive the lag alternative');
    const larger: FamilyModel = e.lm.RLMlag.statistic >= e.lm.RLMerr.statistic ? 'lag' : 'error';
    if (rlag && !rerr) model = 'lag';
    else if (!rlag && rerr) model = 'error';
    else {
      const both = rlag && rerr && path.lr('sac', 'error', 'ρ = 0', 'ρ is needed beside λ', 'ρ is not needed beside λ') && path.lr('sac', 'lag', 'λ = 0', 'λ is needed beside ρ', 'λ is not needed beside ρ');
      model = both ? 'sac' : larger;
      if (!both) path.note(`${FAMILY_LABEL[larger]}: the larger robust statistic`);
    }
  }
  return { procedure: 'specific to general (classic LM decision rules)', reference: 'Anselin 2005; spreg stge_classic', model, steps: path.steps };
}

export function koleyBeraPath(e: Evidence): SearchPath | undefined {
  const t = e.durbinLm;
  if (!t) return undefined;
  const path = new Path(e);
  let model: FamilyModel = 'ols';
  const joint = path.test('joint RS test of ρ and θ (SDM)', t.SDM_Joint, 'spatial terms are indicated', 'no spatial lag or WX indicated');
  if (joint) {
    const rho = path.test('RS of ρ adjusted for WX', t.SDM_adjRSlag, 'ρ is indicated', 'ρ is not indicated');
    const theta = path.test('RS of θ adjusted for ρ', t.SDM_adjRSWX, 'WX is indicated', 'WX is not indicated');
    model = rho && theta ? 'durbin' : rho ? 'lag' : theta ? 'slx' : 'ols';
  }
  return { procedure: 'specific to general with Durbin terms (robust RS tests)', reference: 'Koley & Bera 2024; spreg stge_kb', model, steps: path.steps };
}

type Component = 'rho' | 'lambda' | 'theta';
const SYMBOL: Readonly<Record<Component, string>> = { rho: 'ρ', lambda: 'λ', theta: 'θ' };

/** The model with exactly these spatial components. */
function modelOf(parts: readonly Component[]): FamilyModel {
  const has = (c: Component) => parts.includes(c);
  if (has('rho') && has('lambda')) return has('theta') ? 'gns' : 'sac';
  if (has('rho')) return has('theta') ? 'durbin' : 'lag';
  if (has('lambda')) return has('theta') ? 'sdem' : 'error';
  return has('theta') ? 'slx' : 'ols';
}

/**
 * From GNS, backward elimination by LR: each remaining component is tested by the LR of the model
 * against the model without it; the least significant is dropped while one is not significant.
 * An SDM whose ρ and θ are both significant meets the common-factor test (SEM when not rejected).
 */
export function generalToSpecificGns(e: Evidence): SearchPath {
  const path = new Path(e);
  let parts: Component[] = ['rho', 'lambda', 'theta'];
  for (;;) {
    const model = modelOf(parts);
    if (!parts.length) return done(path, model);
    const results = parts.map((c) => {
      const smaller = modelOf(parts.filter((x) => x !== c));
      const t = e.lr(model, smaller);
      const sig = path.lr(model, smaller, `${SYMBOL[c]} = 0`, `${SYMBOL[c]} is needed`, `${SYMBOL[c]} may be dropped`);
      return { c, p: t?.p ?? NaN, sig };
    });
    const droppable = results.filter((r) => r.sig === false).sort((a, b) => b.p - a.p);
    if (!droppable.length) {
      if (model === 'durbin') {
        const cf = path.lr('durbin', 'error', 'common factor θ = −ρβ', 'rejected: SDM', 'not rejected: the SDM reduces to SEM');
        return done(path, cf === false ? 'error' : 'durbin');
      }
      return done(path, model);
    }
    const drop = droppable[0].c;
    parts = parts.filter((x) => x !== drop);
    path.note(`drop ${SYMBOL[drop]}, the least significant: ${FAMILY_LABEL[modelOf(parts)]}`);
  }

  function done(p: Path, model: FamilyModel): SearchPath {
    return { procedure: 'general to specific from GNS (backward elimination by LR tests)', reference: 'Elhorst 2010; spreg gets_gns (here by ML and LR)', model, steps: p.steps };
  }
}

/** A one-component model must beat OLS; OLS is final. */
function finalCheck(path: Path, model: FamilyModel): FamilyModel {
  if (model === 'ols') return 'ols';
  const s = path.lr(model, 'ols', 'no spatial term', `${FAMILY_LABEL[model]}`, 'OLS');
  return s === false ? 'ols' : model;
}

/** The general-to-specific search from SDM (Elhorst 2010), with checks for error left in the result. */
export function generalToSpecificSdm(e: Evidence): SearchPath {
  const path = new Path(e);
  const theta = path.lr('durbin', 'lag', 'θ = 0', 'θ is needed', 'θ may be dropped: SAR');
  const rho = path.lr('durbin', 'slx', 'ρ = 0', 'ρ is needed', 'ρ may be dropped: SLX');
  let model: FamilyModel;
  if (theta && rho) {
    const cf = path.lr('durbin', 'error', 'common factor θ = −ρβ', 'rejected: SDM', 'not rejected: SEM');
    if (cf === false) model = 'error';
    else model = path.lr('gns', 'durbin', 'λ = 0 (error left in the SDM)', 'GNS', 'SDM') ? 'gns' : 'durbin';
  } else if (!theta && !rho) {
    model = path.lr('error', 'ols', 'λ = 0', 'SEM', 'OLS') ? 'error' : 'ols';
  } else if (!rho) {
    model = path.lr('sdem', 'slx', 'λ = 0 (error left in the SLX)', 'SDEM', 'SLX') ? 'sdem' : finalCheck(path, 'slx');
  } else {
    model = path.lr('sac', 'lag', 'λ = 0 (error left in the SAR)', 'SAC', 'SAR') ? 'sac' : finalCheck(path, 'lag');
  }
  return { procedure: 'general to specific from SDM (LR tests)', reference: 'Elhorst 2010; spreg gets_sdm (here by ML and LR)', model, steps: path.steps };
}

export function recommend(e: Evidence): Recommendation {
  const primary = generalToSpecificGns(e);
  const others = [generalToSpecificSdm(e), specificToGeneral(e), koleyBeraPath(e)].filter((p): p is SearchPath => p !== undefined);
  const paths = [primary, ...others];
  const elsewhere = others.filter((p) => p.model !== primary.model);
  return {
    ...primary,
    paths,
    disagreement: elsewhere.length
      ? `${elsewhere.map((p) => `${p.procedure} ends at ${FAMILY_LABEL[p.model]}`).join('; ')}, not ${FAMILY_LABEL[primary.model]}`
      : undefined,
  };
}
