export * from './terms';
export * from './matcher';
export * from './values';
export * from './vocabularies';
