/** Local and global spatial autocorrelation of a variable: LISA, Getis–Ord G, Moran's I. */
export * from './centred';
export * from './quadrants';
export * from './localMoran';
export * from './permutation';
export * from './padjust';
export * from './clusters';
export * from './localG';
export * from './globalMoran';
