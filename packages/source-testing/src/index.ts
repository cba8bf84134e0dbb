export * from './offline-suite';
export * from './loopback';
export * from './live-suite';
export * from './reorder';
