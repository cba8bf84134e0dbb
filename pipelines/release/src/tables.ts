import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Db } from '@imcat/duckdb';
import { ReleaseError } from '@imcat/errors';

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
 * Run `work` with DuckDB on one thread, and put the thread count back
 * afterwards, whether `work` succeeds or fails. `threads` is a setting of the
 * whole database instance, so nothing else may run on it meanwhile (the
 * release stage runs its statements one after another).
 */
export async function onOneThread<T>(db: Db, work: () => Promise<T>): Promise<T> {
  const before = await db.one<{ threads: number }>("SELECT current_setting('threads') AS threads");
  const threads = Number(before?.threads);
  if (!Number.isInteger(threads) || threads < 1) throw new ReleaseError(`unexpected DuckDB thread count: ${String(before?.threads)}`);
  if (threads === 1) return work();
  await db.exec('SET threads = 1');
  try {
    return await work();
  } finally {
    await db.exec(`SET threads = ${threads}`);
  }
}

/**
 * Write one table as Parquet with zstd, sorted by its key, on one thread.
 *
 * ORDER BY fixes the rows and their order, but not the bytes: on several
 * threads DuckDB's order-preserving Parquet writer cuts row groups where the
 * sorted batches happen to end, which depends on thread timing (on a
 * 5.5M-row table, the size of provenance at 1M listings, one run in five cut
 * a row group of 98,304 rows where the others cut one of 100,352).
 * ROW_GROUP_SIZE is only a target, give or take a vector of 2,048 rows. On one thread the batches
 * arrive in one fixed sequence, so the row groups, and the bytes, are the same
 * every time. Tables of one row group (all of them on the real captures) come
 * out byte for byte as they did on two threads. writeParquetTables writes two tables at a time
 * this way.
 */
export async function writeParquet(db: Db, name: ReleaseTable, dir: string): Promise<string> {
  return (await writeParquetTables(db, [name], dir))[0]!;
}

function copyParquet(db: Db, name: ReleaseTable, path: string): Promise<void> {
  return db.exec(`COPY (${tableQuery(name)}) TO ${sqlPath(path)} (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 100000)`);
}

/**
 * Write several tables as writeParquet does, two at a time: with DuckDB on one thread, each
 * COPY still runs as one task after another (so its row groups, and its bytes, are those of
 * a write alone), and a second connection runs another COPY meanwhile on the other core.
 * Tables go to the two connections largest first (by their row count in DuckDB's catalog),
 * which only changes how long the writes take, never what they write. Returns the paths in
 * the order of `names`.
 */
export async function writeParquetTables(db: Db, names: readonly ReleaseTable[], dir: string): Promise<string[]> {
  const paths = names.map((name) => join(dir, `${name}.parquet`));
  const sizes = new Map(
    (await db.all<{ name: string; rows: number }>("SELECT table_name AS name, estimated_size AS rows FROM duckdb_tables() WHERE schema_name = 'main'")).map((t) => [t.name, t.rows]),
  );
  const order = names.map((name, i) => ({ name, path: paths[i]!, rows: sizes.get(name) ?? 0 })).sort((a, b) => b.rows - a.rows || a.name.localeCompare(b.name));
  const lanes: { rows: number; tables: typeof order }[] = [{ rows: 0, tables: [] }, { rows: 0, tables: [] }];
  for (const t of order) {
    const lane = lanes[0]!.rows <= lanes[1]!.rows ? lanes[0]! : lanes[1]!;
    lane.tables.push(t);
    lane.rows += t.rows;
  }
  await onOneThread(db, async () => {
    const second = lanes[1]!.tables.length ? await db.connect() : null;
    try {
      const results = await Promise.allSettled(
        lanes.map(async (lane, i) => {
          for (const t of lane.tables) await copyParquet(i === 0 ? db : second!, t.name, t.path);
        }),
      );
      const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
      if (failed) throw failed.reason;
    } finally {
      second?.close();
    }
  });
  return paths;
}

export interface ColumnInfo {
  column_name: string;
  column_type: string;
}

export async function describe(db: Db, query: string): Promise<ColumnInfo[]> {
  return db.all<ColumnInfo>(`SELECT column_name, column_type FROM (DESCRIBE ${query})`);
}
