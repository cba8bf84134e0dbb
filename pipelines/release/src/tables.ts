import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseSize, type Db } from '@imcat/duckdb';
import { ReleaseError } from '@imcat/errors';

const SQL_DIR = fileURLToPath(new URL('../sql/', import.meta.url));

/**
 * The release tables: file name, the SELECT that fills it (sorted by its key), and its key. `unique: false` marks a
 * sort order that is no primary key: a source can reject the same record twice for one reason (exact duplicates),
 * and rejects and stats leave parts of it empty (a record-level reject has no field; a one-way count no dim_b).
 */
export const RELEASE_TABLES = [
  { name: 'datasets', key: ['dataset_id'], unique: true },
  { name: 'listings', key: ['source_id', 'source_key'], unique: true },
  { name: 'families', key: ['family_id'], unique: true },
  { name: 'fusion_groups', key: ['group_id'], unique: true },
  { name: 'fusion_members', key: ['group_id', 'dataset_id'], unique: true },
  { name: 'conflicts', key: ['dataset_id', 'field', 'source_id', 'source_key', 'value'], unique: true },
  { name: 'rejects', key: ['kind', 'source_id', 'record', 'field', 'reason', 'value'], unique: false },
  { name: 'stats', key: ['stat', 'dim_a', 'value_a', 'dim_b', 'value_b'], unique: false },
  { name: 'provenance', key: ['dataset_id', 'field', 'value', 'source_id', 'source_key'], unique: true },
  { name: 'id_history', key: ['release', 'dataset_id', 'event'], unique: true },
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
 * Share of the database's memory limit DuckDB's buffer manager keeps while the release writes. The Parquet writers'
 * row groups and compression buffers (two COPYs at a time) live outside it. At 1M listings, the release under the full 2GB limit peaked
 * at 2.52–3.23 GiB RSS over four runs, and under 0.75 of it at 2.11–2.17 GiB over three, in about the same time
 * (the tables it no longer reads move to the temporary directory instead).
 */
export const RELEASE_MEMORY_SHARE = 0.75;

/**
 * Run `work` as the release writes: DuckDB on one thread, and, when the database was opened with a memory
 * limit, RELEASE_MEMORY_SHARE of it. Both settings go back afterwards, whether `work` succeeds or fails.
 * They are settings of the whole database instance, so nothing else may run on it meanwhile (the release
 * stage runs its statements one after another).
 */
export async function withReleaseSettings<T>(db: Db, work: () => Promise<T>): Promise<T> {
  const before = await db.one<{ threads: number }>("SELECT current_setting('threads') AS threads");
  const threads = Number(before?.threads);
  if (!Number.isInteger(threads) || threads < 1) throw new ReleaseError(`unexpected DuckDB thread count: ${String(before?.threads)}`);
  // A limit given in another form than a size (DuckDB checked it when the database opened) is left as it is.
  const limit = db.memoryLimit === null ? null : parseSize(db.memoryLimit);
  if (threads !== 1) await db.exec('SET threads = 1');
  if (limit !== null) await db.exec(`SET memory_limit = '${Math.floor(limit * RELEASE_MEMORY_SHARE)}B'`);
  try {
    return await work();
  } finally {
    if (limit !== null) await db.exec(`SET memory_limit = '${db.memoryLimit!.replace(/'/g, '')}'`);
    if (threads !== 1) await db.exec(`SET threads = ${threads}`);
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

/** Work for writeParquetTables' two lanes besides the tables: it runs on whichever connection it is given. */
export interface LaneTask {
  name: string;
  /** Its expected cost, in the units of the tables' (rows × columns): heavier tasks start first. */
  weight: number;
  /** Tables whose Parquet file it reads: it starts once they are written. */
  after?: readonly ReleaseTable[];
  run: (connection: Db) => Promise<void>;
}

/**
 * Write several tables as writeParquet does, two at a time: with DuckDB on one thread, each
 * COPY still runs as one task after another (so its row groups, and its bytes, are those of
 * a write alone), and a second connection runs another COPY meanwhile on the other core.
 * The two connections take work from one queue, heaviest first (a table weighs its rows
 * times its columns), each the next as soon as it is free; `extra` tasks (the Arrow file,
 * the JSON mirrors) join the queue, a task that reads a table's file after that table. The order only changes how long the writes take, never what they
 * write. Returns the tables' paths in the order of `names`.
 */
export async function writeParquetTables(db: Db, names: readonly ReleaseTable[], dir: string, extra: readonly LaneTask[] = []): Promise<string[]> {
  const paths = names.map((name) => join(dir, `${name}.parquet`));
  const tasks: LaneTask[] = [...extra];
  for (const [i, name] of names.entries()) {
    tasks.push({ name, weight: (await rowEstimate(db, name)) * (await describe(db, tableQuery(name))).length, run: (c) => copyParquet(c, name, paths[i]!) });
  }
  tasks.sort((a, b) => b.weight - a.weight || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  // A task waiting for a file comes after the task writing it, so a lane only ever waits for a write under way.
  for (const task of [...tasks]) {
    const last = Math.max(-1, ...(task.after ?? []).map((dep) => tasks.findIndex((t) => t.name === dep)));
    const at = tasks.indexOf(task);
    if (last > at) tasks.splice(last, 0, ...tasks.splice(at, 1));
  }
  // Each task's completion, for the tasks that wait on a table's file.
  const finished = new Map<string, { promise: Promise<void>; resolve: () => void; reject: (e: unknown) => void }>();
  for (const t of tasks) {
    let resolve!: () => void;
    let reject!: (e: unknown) => void;
    const promise = new Promise<void>((res, rej) => ((resolve = res), (reject = rej)));
    promise.catch(() => {});
    finished.set(t.name, { promise, resolve, reject });
  }
  for (const t of tasks) {
    for (const dep of t.after ?? []) if (!finished.has(dep)) throw new ReleaseError(`${t.name} waits for ${dep}.parquet, which is not among the files written`);
  }
  await withReleaseSettings(db, async () => {
    const second = tasks.length > 1 ? await db.connect() : null;
    let failed = false;
    const lane = async (connection: Db) => {
      for (let task = tasks.shift(); task && !failed; task = tasks.shift()) {
        const done = finished.get(task.name)!;
        try {
          for (const dep of task.after ?? []) await finished.get(dep)!.promise;
          await task.run(connection);
          done.resolve();
        } catch (error) {
          failed = true;
          done.reject(error);
          throw error;
        }
      }
    };
    try {
      const results = await Promise.allSettled(second ? [lane(db), lane(second)] : [lane(db)]);
      const rejected = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
      if (rejected) throw rejected.reason;
    } finally {
      second?.close();
    }
  });
  return paths;
}

/** A release table's rows, as DuckDB's catalog estimates them (counted when it is a view, such as listings over its Parquet file). */
async function rowEstimate(db: Db, name: ReleaseTable): Promise<number> {
  const found = await db.one<{ rows: number | null; type: string }>(
    `SELECT t.table_type AS type, d.estimated_size AS rows
     FROM information_schema.tables AS t LEFT JOIN duckdb_tables() AS d ON d.schema_name = t.table_schema AND d.table_name = t.table_name
     WHERE t.table_schema = 'main' AND t.table_name = $name`,
    { name },
  );
  if (!found) return 0;
  if (found.rows !== null && found.rows !== undefined) return Number(found.rows);
  return Number((await db.one<{ n: number }>(`SELECT count(*) AS n FROM "${name}"`))?.n ?? 0);
}

export interface ColumnInfo {
  column_name: string;
  column_type: string;
}

export async function describe(db: Db, query: string): Promise<ColumnInfo[]> {
  return db.all<ColumnInfo>(`SELECT column_name, column_type FROM (DESCRIBE ${query})`);
}
