export * from './build';
export * from './fingerprint';
export * from './prepare';
