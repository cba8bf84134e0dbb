export * from './format';
export * from './open-release';
export * from './search';
export * from './values';
