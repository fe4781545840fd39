/** The `.sar.json` model spec, after validation. Paths are as written (relative to the spec file). */
export type DistanceMetric = 'euclidean' | 'greatCircle';
/** spdep `nb2listw` styles: W row-standardised, B binary, C globally standardised, U = C / n, S variance-stabilising. */
export type WeightsStyle = 'W' | 'B' | 'C' | 'U' | 'S';

interface WeightsCommon {
  style: WeightsStyle;
  allowIslands: boolean;
  /** Column naming the observations (labels in reports, maps, island messages); row numbers 1..n without it. */
  idColumn?: string;
}
/** Neighbours of order k (spdep `nblag`), with the lower orders too when cumulative (`nblag_cumul`). */
interface HigherOrder {
  /** Default 1 (the neighbours themselves). */
  order?: number;
  /** Default false (order k exactly). */
  cumulative?: boolean;
}
export interface GalWeightsSpec extends WeightsCommon, HigherOrder { type: 'gal'; path: string }
export interface GwtWeightsSpec extends WeightsCommon { type: 'gwt'; path: string }
export interface KnnWeightsSpec extends WeightsCommon, HigherOrder {
  type: 'knn';
  k: number;
  coordinates: [string, string];
  distance: DistanceMetric;
  /** i ~ j when either is among the other's k nearest (spdep `make.sym.nb`); default false. */
  symmetric?: boolean;
}
export interface DistanceWeightsSpec extends WeightsCommon, HigherOrder {
  type: 'distance';
  /** A threshold, or 'minimum': the smallest that gives every observation a neighbour. */
  threshold: number | 'minimum';
  coordinates: [string, string];
  distance: DistanceMetric;
  inversePower: 0 | 1 | 2;
}
export interface ContiguityWeightsSpec extends WeightsCommon, HigherOrder {
  type: 'contiguity';
  geometry: string;
  criterion: 'queen' | 'rook';
  idProperty?: string;
}
export type KernelFunction = 'triangular' | 'uniform' | 'quadratic' | 'quartic' | 'gaussian';
/** Kernel weights K(d_ij / h) (libpysal `Kernel`, GeoDa). */
export interface KernelWeightsSpec extends WeightsCommon {
  type: 'kernel';
  coordinates: [string, string];
  distance: DistanceMetric;
  function: KernelFunction;
  /** A fixed bandwidth; 'fixed' = the largest k-th-neighbour distance; 'adaptive' = each row's own. */
  bandwidth: number | 'fixed' | 'adaptive';
  /** The neighbour that sets the bandwidth ('fixed' / 'adaptive'). */
  k?: number;
  /** w_ii: the kernel's value at 0 (libpysal) or 1 (GeoDa's option). */
  diagonal: 'kernel' | 'one';
}
export type WeightsSpec = GalWeightsSpec | GwtWeightsSpec | KnnWeightsSpec | DistanceWeightsSpec | ContiguityWeightsSpec | KernelWeightsSpec;

export type ModelType = 'lag' | 'error' | 'durbin' | 'sdem' | 'slx' | 'sac' | 'gns' | 'ols';
export type LogDetMethod = 'auto' | 'eigen' | 'sparse' | 'chebyshev' | 'mc';
export type SeMethod = 'asymptotic' | 'hessian';

export interface GeometrySpec {
  path: string;
  idProperty?: string;
  idColumn?: string;
}

export interface Spec {
  data: string;
  dependent: string;
  independent: string[];
  intercept: boolean;
  /** Durbin-type models: the regressors (as in `independent`) that get a spatial lag; all when absent. */
  lagX?: string[];
  weights: WeightsSpec;
  model: ModelType;
  logdet: LogDetMethod;
  se: SeMethod;
  geometry?: GeometrySpec;
  /** Impacts simulation: number of draws (0 = none) and RNG seed. */
  impacts: { draws: number; seed: number };
}
