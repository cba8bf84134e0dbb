import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { StatementType } from '@duckdb/node-api';
import { Db } from '@imcat/duckdb';
import { QueryError } from '@imcat/errors';
import { RELEASE_TABLES, checkVersion, listReleases, sqlPath } from '@imcat/pipeline-release';

export interface OpenedRelease {
  db: Db;
  version: string;
  dir: string;
}

/**
 * Open a release for querying: each table is loaded into an in-memory
 * DuckDB, then the database is sealed (no file access, settings locked), so
 * a query can read the catalog and nothing else.
 */
export async function openRelease(releasesDir: string, version?: string): Promise<OpenedRelease> {
  const releases = listReleases(releasesDir);
  const chosen = version ? checkVersion(version) : releases.at(-1);
  if (!chosen) throw new QueryError(`no release found in ${releasesDir}; build one with \`imcat build\``);
  if (!releases.includes(chosen)) throw new QueryError(`release ${chosen} not found in ${releasesDir}; available: ${releases.join(', ') || 'none'}`);
  const dir = join(releasesDir, chosen);
  const db = await Db.open(':memory:');
  for (const t of RELEASE_TABLES) {
    const file = join(dir, `${t.name}.parquet`);
    if (existsSync(file)) await db.exec(`CREATE TABLE ${t.name} AS SELECT * FROM read_parquet(${sqlPath(file)})`);
  }
  await db.exec('SET enable_external_access = false; SET lock_configuration = true;');
  return { db, version: chosen, dir };
}

// Only SELECT: EXPLAIN ANALYZE would run the statement it explains.
const ALLOWED = new Set<number>([StatementType.SELECT]);

/** Run user SQL read-only: the one statement must be a SELECT; anything else is refused before it runs. */
export async function readOnlyQuery(db: Db, sql: string): Promise<Record<string, unknown>[]> {
  let extracted;
  try {
    extracted = await db.connection.extractStatements(sql);
  } catch (cause) {
    throw new QueryError(`the query does not parse: ${(cause as Error).message}`, { cause });
  }
  if (extracted.count !== 1) throw new QueryError(`expected exactly one SELECT statement, found ${extracted.count}`);
  let statement;
  try {
    statement = await extracted.prepare(0);
  } catch (cause) {
    throw new QueryError(`the query cannot run: ${(cause as Error).message.split('\n')[0]}`, { cause });
  }
  if (!ALLOWED.has(statement.statementType)) {
    throw new QueryError(
      `imcat query is read-only: expected a SELECT, found a ${StatementType[statement.statementType] ?? statement.statementType} statement`,
    );
  }
  try {
    const reader = await statement.runAndReadAll();
    return db.plainRows(reader.getRowObjectsJS());
  } catch (cause) {
    throw new QueryError(`the query failed: ${(cause as Error).message.split('\n')[0]}`, { cause });
  }
}
