import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Db } from '@imcat/duckdb';

const SQL_DIR = fileURLToPath(new URL('../sql/', import.meta.url));

/** The release tables: file name, the SELECT that fills it (sorted by its key), and its key. */
export const RELEASE_TABLES = [
  { name: 'datasets', key: ['dataset_id'] },
  { name: 'listings', key: ['source_id', 'source_key'] },
  { name: 'families', key: ['family_id'] },
  { name: 'fusion_groups', key: ['group_id'] },
  { name: 'fusion_members', key: ['group_id', 'dataset_id'] },
  { name: 'conflicts', key: ['dataset_id', 'field', 'source_id', 'source_key', 'value'] },
  { name: 'rejects', key: ['kind', 'source_id', 'record', 'field', 'reason', 'value'] },
  { name: 'stats', key: ['stat', 'dim_a', 'value_a', 'dim_b', 'value_b'] },
  { name: 'provenance', key: ['dataset_id', 'field', 'value', 'source_id', 'source_key'] },
  { name: 'id_history', key: ['release', 'dataset_id', 'event'] },
] as const;
export type ReleaseTable = (typeof RELEASE_TABLES)[number]['name'];

export function tableQuery(name: ReleaseTable): string {
  return readFileSync(join(SQL_DIR, `${name}.sql`), 'utf8').trim().replace(/;$/, '');
}

/**
 * A table's SELECT and its trailing ORDER BY, apart: a query that sorts the
 * rows itself, or joins or counts them, takes the SELECT alone, so DuckDB does
 * not sort the whole wide table once more. `orderBy` is null (and `select` the
 * whole query) when the query does not end in a plain ORDER BY clause.
 */
export function splitOrderBy(name: ReleaseTable): { select: string; orderBy: string | null } {
  const query = tableQuery(name);
  const m = /\s+ORDER\s+BY\s+([^()'";]*)$/i.exec(query);
  return m ? { select: query.slice(0, m.index), orderBy: m[1]!.trim() } : { select: query, orderBy: null };
}

/** Single-quoted SQL string literal for a path we created ourselves (COPY TO takes no parameters). */
export function sqlPath(path: string): string {
  return `'${path.replace(/'/g, "''")}'`;
}

/**
 * Write one table as Parquet with zstd, sorted by its key: with ORDER BY,
 * DuckDB writes the same bytes whatever the thread count.
 */
export async function writeParquet(db: Db, name: ReleaseTable, dir: string): Promise<string> {
  const path = join(dir, `${name}.parquet`);
  await db.exec(`COPY (${tableQuery(name)}) TO ${sqlPath(path)} (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 100000)`);
  return path;
}

export interface ColumnInfo {
  column_name: string;
  column_type: string;
}

export async function describe(db: Db, query: string): Promise<ColumnInfo[]> {
  return db.all<ColumnInfo>(`SELECT column_name, column_type FROM (DESCRIBE ${query})`);
}
