/** Pure helpers for maps: classification, palettes, label placement. */
export * from './classify';
export * from './jenks';
export * from './palettes';
export * from './labels';
export * from './hull';
