import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { StatementType, type DuckDBExtractedStatements, type DuckDBType, type DuckDBValue } from '@duckdb/node-api';
import { Db } from '@imcat/duckdb';
import { QueryError } from '@imcat/errors';
import { RELEASE_TABLES, VERSION_PATTERN, checkVersion, listReleases, sqlPath } from '@imcat/pipeline-release';
import { needsExactText, toJson, toText, type JsonValue } from './values';

export interface OpenedRelease {
  db: Db;
  version: string;
  dir: string;
}

/** `--release latest` is the newest release, as is leaving --release out. */
export const LATEST = 'latest';

/**
 * Check a --release value before anything is opened: a version like v1.2.3 or `latest`. Anything else is a
 * usage error that names the releases there are.
 */
export function checkReleaseOption(releasesDir: string, version: string | undefined): void {
  if (version === undefined || version === LATEST || VERSION_PATTERN.test(version)) return;
  const available = listReleases(releasesDir);
  throw new QueryError(
    `--release "${version}": expected a release version like v1.2.3 (or ${LATEST} for the newest); available: ${available.join(', ') || `none in ${releasesDir}`}`,
  );
}

/**
 * Open a release for querying: each table is loaded into an in-memory
 * DuckDB, then the database is sealed (no file access, settings locked), so
 * a query can read the catalog and nothing else.
 */
export async function openRelease(releasesDir: string, version?: string): Promise<OpenedRelease> {
  const releases = listReleases(releasesDir);
  const chosen = version && version !== LATEST ? checkVersion(version) : releases.at(-1);
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

/** Column names made unique for JSON keys: a second "n" becomes "n_1". */
function uniqueNames(names: string[]): string[] {
  const seen = new Set<string>();
  return names.map((name) => {
    let key = name;
    for (let i = 1; seen.has(key); i++) key = `${name}_${i}`;
    seen.add(key);
    return key;
  });
}

/** A query's result: its columns (kept when there are no rows), their DuckDB types, and its values. */
export class QueryResult {
  /** Per column: it holds a wide number JSON cannot say exactly, so its wide numbers are printed as text. */
  private readonly exactText: boolean[];

  constructor(
    readonly columns: string[],
    readonly types: DuckDBType[],
    readonly values: DuckDBValue[][],
  ) {
    this.exactText = columns.map((_, c) => values.some((row) => needsExactText(row[c]!)));
  }

  /** Rows as JSON objects, keyed by column name (a repeated name gets a suffix: n, n_1). */
  rows(): Record<string, JsonValue>[] {
    const keys = uniqueNames(this.columns);
    return this.values.map((row) => {
      const out: Record<string, JsonValue> = {};
      keys.forEach((k, c) => (out[k] = toJson(row[c]!, this.types[c], this.exactText[c]!)));
      return out;
    });
  }

  /** Rows as text cells, in column order: what table and CSV output print. */
  cells(): string[][] {
    return this.values.map((row) => row.map((v, c) => toText(v, this.types[c], this.exactText[c]!)));
  }
}

// Only SELECT: EXPLAIN ANALYZE would run the statement it explains.
const ALLOWED = new Set<number>([StatementType.SELECT]);

/** SQL with its comments taken out, to tell an empty query from one that does not parse. */
function isBlank(sql: string): boolean {
  return /^[\s;]*$/.test(sql.replace(/--[^\n]*/g, '').replace(/\/\*[\s\S]*?\*\//g, ''));
}

/** Is the first of these statements the CREATE TYPE DuckDB makes of a PIVOT without IN? (Preparing runs nothing.) */
async function pivotType(extracted: DuckDBExtractedStatements): Promise<boolean> {
  try {
    return (await extracted.prepare(0)).statementType === StatementType.CREATE;
  } catch {
    return false;
  }
}

/** Run user SQL read-only: the one statement must be a SELECT; anything else is refused before it runs. */
export async function runReadOnly(db: Db, sql: string): Promise<QueryResult> {
  if (isBlank(sql)) throw new QueryError('expected a SELECT statement, but the query is empty');
  let extracted;
  try {
    extracted = await db.connection.extractStatements(sql);
  } catch (cause) {
    const message = (cause as Error).message;
    // DuckDB gives no message of its own for SQL with no statement in it.
    if (/^Error in native callback$/.test(message)) throw new QueryError('expected a SELECT statement, but the query has none', { cause });
    throw new QueryError(`the query does not parse: ${message}`, { cause });
  }
  if (extracted.count !== 1) {
    // DuckDB turns a PIVOT without IN (...) into two statements: one creates a type holding the values found,
    // the other pivots on it. Creating a type is a write, which the read-only sandbox does not run.
    if (extracted.count === 2 && /\bpivot\b/i.test(sql) && (await pivotType(extracted))) {
      throw new QueryError(
        "PIVOT without an IN list is not supported by imcat query (DuckDB would first create a type of the values it finds, a write the read-only query does not allow): list the values to pivot on, as in PIVOT datasets ON access IN ('open', 'registration') USING count(*)",
      );
    }
    throw new QueryError(`expected exactly one SELECT statement, found ${extracted.count}`);
  }
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
    return new QueryResult(reader.columnNames(), reader.columnTypes(), reader.getRows());
  } catch (cause) {
    throw new QueryError(`the query failed: ${(cause as Error).message.split('\n')[0]}`, { cause });
  }
}

/** Run user SQL read-only (see runReadOnly); rows as JSON objects. */
export async function readOnlyQuery(db: Db, sql: string): Promise<Record<string, unknown>[]> {
  return (await runReadOnly(db, sql)).rows();
}
