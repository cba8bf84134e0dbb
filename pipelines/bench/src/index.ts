export * from './generate';
export * from './report';
export * from './rng';
export * from './run';
export * from './reference';
