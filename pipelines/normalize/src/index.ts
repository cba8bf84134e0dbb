export * from './map-value';
export * from './normalize';
export * from './stage-context';
export * from './coverage';
