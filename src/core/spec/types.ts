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
export interface GalWeightsSpec extends WeightsCommon { type: 'gal'; path: string }
export interface GwtWeightsSpec extends WeightsCommon { type: 'gwt'; path: string }
export interface KnnWeightsSpec extends WeightsCommon {
  type: 'knn';
  k: number;
  coordinates: [string, string];
  distance: DistanceMetric;
}
export interface DistanceWeightsSpec extends WeightsCommon {
  type: 'distance';
  threshold: number;
  coordinates: [string, string];
  distance: DistanceMetric;
  inversePower: 0 | 1 | 2;
}
export interface ContiguityWeightsSpec extends WeightsCommon {
  type: 'contiguity';
  geometry: string;
  criterion: 'queen' | 'rook';
  idProperty?: string;
}
export type WeightsSpec = GalWeightsSpec | GwtWeightsSpec | KnnWeightsSpec | DistanceWeightsSpec | ContiguityWeightsSpec;

export type ModelType = 'lag' | 'error' | 'durbin' | 'ols';
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
  weights: WeightsSpec;
  model: ModelType;
  logdet: LogDetMethod;
  se: SeMethod;
  geometry?: GeometrySpec;
  /** Impacts simulation: number of draws (0 = none) and RNG seed. */
  impacts: { draws: number; seed: number };
}
