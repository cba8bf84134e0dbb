export * from './text';
export * from './tables';
