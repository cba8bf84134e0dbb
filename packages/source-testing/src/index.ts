export * from './offline-suite';
