export * from './ids';
export * from './resolve';
