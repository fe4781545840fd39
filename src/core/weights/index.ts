/** Spatial weights: builders, styles, graph facts and orderings. */
export * from './types';
export * from './neighbours';
export * from './kdtree';
export * from './points';
export * from './contiguity';
export * from './style';
export * from './build';
export * from './locality';
