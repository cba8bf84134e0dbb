export * from './db';
export { listValue, DuckDBListValue } from '@duckdb/node-api';
