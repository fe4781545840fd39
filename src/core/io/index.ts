/** Readers and writers: CSV tables, GAL/GWT neighbour files, GeoJSON geometry. */
export * from './table';
export * from './csv';
export * from './neighbourFile';
export * from './gal';
export * from './gwt';
export * from './geojson';
export * from './readFile';
