export * from './db';
export { listValue, DuckDBListValue, INTEGER, VARCHAR, BOOLEAN, BIGINT, LIST, type DuckDBType } from '@duckdb/node-api';
