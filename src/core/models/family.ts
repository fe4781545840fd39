/**
 * The spatial model family as combinations of three spatial terms (Elhorst 2010, Fig. 1; LeSage &
 * Pace 2009 §2): ρWy (a lag of the outcome), WXθ (lags of the regressors) and λWu (correlated
 * errors). GNS has all three; each model drops some.
 */
import type { ModelType } from '../spec/types';

export interface ModelForm {
  rho: boolean;
  lambda: boolean;
  wx: boolean;
}

export const MODEL_FORM: Readonly<Record<ModelType, ModelForm>> = {
  ols: { rho: false, lambda: false, wx: false },
  slx: { rho: false, lambda: false, wx: true },
  lag: { rho: true, lambda: false, wx: false },
  error: { rho: false, lambda: true, wx: false },
  durbin: { rho: true, lambda: false, wx: true },
  sdem: { rho: false, lambda: true, wx: true },
  sac: { rho: true, lambda: true, wx: false },
  gns: { rho: true, lambda: true, wx: true },
};

/** OLS and SLX are linear regressions (t tests, R², `print.summary.lm`); the rest are ML fits. */
export const isLinear = (model: ModelType): boolean => !MODEL_FORM[model].rho && !MODEL_FORM[model].lambda;

/** Models whose regressors' effects spill over, reported as impacts (LeSage & Pace 2009 §2.7; Elhorst 2010 Table 2). */
export const hasImpacts = (model: ModelType): boolean => MODEL_FORM[model].rho || MODEL_FORM[model].wx;

export interface ModelNames {
  /** "Spatial lag model (SAR)". */
  name: string;
  /** "SAR". */
  short: string;
  /** spatialreg's `type` ("lag", "mixed", "sac", "sacmixed"; "error" also for SDEM) or lm for OLS/SLX. */
  rType: string;
  /** The R call that fits it (export/rscript.ts writes the full call). */
  rFunction: string;
}

export const MODEL_NAMES: Readonly<Record<ModelType, ModelNames>> = {
  ols: { name: 'Linear regression (OLS)', short: 'OLS', rType: 'ols', rFunction: 'lm' },
  slx: { name: 'Spatial lag of X model (SLX)', short: 'SLX', rType: 'SlX', rFunction: 'lmSLX' },
  lag: { name: 'Spatial lag model (SAR)', short: 'SAR', rType: 'lag', rFunction: 'lagsarlm' },
  error: { name: 'Spatial error model (SEM)', short: 'SEM', rType: 'error', rFunction: 'errorsarlm' },
  durbin: { name: 'Spatial Durbin model (SDM)', short: 'SDM', rType: 'mixed', rFunction: 'lagsarlm' },
  sdem: { name: 'Spatial Durbin error model (SDEM)', short: 'SDEM', rType: 'error', rFunction: 'errorsarlm' },
  sac: { name: 'Spatial autoregressive combined model (SAC)', short: 'SAC', rType: 'sac', rFunction: 'sacsarlm' },
  gns: { name: 'General nesting spatial model (GNS)', short: 'GNS', rType: 'sacmixed', rFunction: 'sacsarlm' },
};
