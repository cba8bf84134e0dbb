export * from './types';
export * from './define-source';
export * from './decode';
export * from './collect';
export * from './capture-dir';
export * from './paginate';
export * from './slug';
