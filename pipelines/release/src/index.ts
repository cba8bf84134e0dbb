export * from './arrow';
export * from './changeset';
export * from './diff';
export * from './metadata';
export * from './release';
export * from './release-dir';
export * from './tables';
export * from './verify';
