import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { listValue } from '@imcat/duckdb';
import { ImcatError } from '@imcat/errors';
import type { FieldMap } from '@imcat/source-kit';
import { mapDistinctValues } from './map-parallel';
import { ROLES, type Role } from './map-value';
import type { StageContext } from './stage-context';

const SQL_DIR = fileURLToPath(new URL('../sql/', import.meta.url));

export interface NormalizeInput {
  /** listings.ndjson and rejects.ndjson per source, from the staging area. */
  listingFiles: string[];
  rejectFiles: string[];
  /** Each source's field map, by source id. */
  fieldMaps: Record<string, FieldMap>;
  /** Sources whose listings are each a distinct dataset (Source.distinctListings). */
  distinctSources?: string[];
  /** Worker threads mapping the distinct values (1: none, all mapped on this thread); by default 2 from PARALLEL_MAPPING_FROM listing values. */
  mappingWorkers?: number;
}

/** Listing values from which distinct values are mapped in worker threads (1M listings have ~6M). */
export const PARALLEL_MAPPING_FROM = 200_000;

export interface NormalizeSummary {
  listings: number;
  distinctValues: number;
  valueIssues: number;
  recordRejects: number;
}

interface FieldMapRow {
  source_id: string;
  role: Role;
  field: string | null;
  priority: number;
  default_value: string | null;
}

export function fieldMapRows(fieldMaps: Record<string, FieldMap>): FieldMapRow[] {
  const rows: FieldMapRow[] = [];
  for (const sourceId of Object.keys(fieldMaps).sort()) {
    const map = fieldMaps[sourceId]!;
    for (const role of ROLES) {
      if (role === 'url' || role === 'sample_unit') continue;
      const fields = (map as Record<string, unknown>)[role];
      if (Array.isArray(fields)) fields.forEach((field, priority) => rows.push({ source_id: sourceId, role, field: String(field), priority, default_value: null }));
    }
    // A source may state the unit of its counts in raw.sample_unit.
    rows.push({ source_id: sourceId, role: 'sample_unit', field: 'sample_unit', priority: 0, default_value: null });
    for (const [role, value] of Object.entries(map.defaults ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      if (value !== undefined) rows.push({ source_id: sourceId, role: role as Role, field: null, priority: 999, default_value: value });
    }
  }
  return rows;
}

function ndjson(rows: unknown[]): string {
  return rows.map((r) => JSON.stringify(r)).join('\n') + '\n';
}

/** Single-quoted SQL string literal for a path we created ourselves (COPY TO takes no parameters). */
const sqlPath = (path: string) => `'${path.replace(/'/g, "''")}'`;

/**
 * Each staged listing has its own id, 1 to n: a source key staged twice for one source (which source-kit's
 * collector never writes) would join its id twice in 01-listings.sql. Fails naming the first such keys.
 */
async function checkListingIds(db: StageContext['db']): Promise<void> {
  const ids = await db.one<{ n: number; distinct_ids: number; max_id: number }>(
    'SELECT count(*) AS n, count(DISTINCT listing_id) AS distinct_ids, coalesce(max(listing_id), 0) AS max_id FROM staged_listings',
  );
  if (!ids || (ids.n === ids.distinct_ids && ids.n === ids.max_id)) return;
  const repeated = await db.all<{ source_id: string; source_key: string; n: number }>(
    // (each staged copy took an id of its own, so the ids of a key count its copies)
    'SELECT source_id, source_key, count(DISTINCT listing_id) AS n FROM staged_listings GROUP BY ALL HAVING n > 1 ORDER BY source_id, source_key LIMIT 5',
  );
  const first = repeated[0];
  throw new ImcatError(
    `staged listings: expected each source key once per source, found ${repeated
      .map((r) => `${r.source_id} "${r.source_key}" ${r.n} times`)
      .join(', ')}${repeated.length === 5 ? ' (and perhaps more)' : ''}; restage the source (imcat scrape) to rewrite its files`,
    { sourceId: first?.source_id },
  );
}

/**
 * Put the staged listings (01-listings.sql) in a Parquet file and read them through the view `listings`.
 * Past normalising, only the release reads them whole (their raw fields), and at 1M listings the table held
 * 440 MiB of the memory limit all through resolution, where DuckDB then spilled and evicted: resolve took
 * 59.8 s with it in memory, 52.7 s without. Writing the file (snappy; it is only read back) costs about 0.8 s.
 * The view holds the file's path: the work directory must outlive the database's use (it does, within a build).
 */
async function moveListingsToParquet(ctx: StageContext, file: string): Promise<void> {
  const { db } = ctx;
  const existing = await db.one<{ type: string }>("SELECT table_type AS type FROM information_schema.tables WHERE table_schema = 'main' AND table_name = 'listings'");
  if (existing) await db.exec(existing.type === 'VIEW' ? 'DROP VIEW listings' : 'DROP TABLE listings');
  await db.exec(
    `COPY staged_listings TO ${sqlPath(file)} (FORMAT parquet, COMPRESSION snappy);
     DROP TABLE staged_listings;
     CREATE VIEW listings AS SELECT * FROM read_parquet(${sqlPath(file)});`,
  );
}

const nonEmpty = (files: string[]) => files.filter((f) => existsSync(f) && statSync(f).size > 0).sort();

/**
 * Load every staged listing into DuckDB in bulk (read_json) and map its raw
 * values onto the vocabularies. Each distinct (role, value) is mapped once in
 * TypeScript and joined back in SQL, so the cost follows the number of
 * distinct values, not listings.
 */
export async function normalize(ctx: StageContext, input: NormalizeInput): Promise<NormalizeSummary> {
  const { db } = ctx;
  mkdirSync(ctx.workDir, { recursive: true });
  const listingFiles = nonEmpty(input.listingFiles);
  const rejectFiles = nonEmpty(input.rejectFiles);
  const emptyListings = join(ctx.workDir, 'empty.ndjson');
  writeFileSync(emptyListings, '');
  await db.execFile(join(SQL_DIR, '01-listings.sql'), { listing_files: listValue(listingFiles.length ? listingFiles : [emptyListings]) });
  await checkListingIds(db);
  await moveListingsToParquet(ctx, join(ctx.workDir, 'listings.parquet'));
  await db.execFile(join(SQL_DIR, '02-record-rejects.sql'), { reject_files: listValue(rejectFiles.length ? rejectFiles : [emptyListings]) });
  const fieldMapFile = join(ctx.workDir, 'field-map.ndjson');
  writeFileSync(fieldMapFile, ndjson(fieldMapRows(input.fieldMaps)));
  await db.execFile(join(SQL_DIR, '03-field-map.sql'), { field_map_file: fieldMapFile });
  await db.execFile(join(SQL_DIR, '04-listing-values.sql'));
  // Source ids are kebab-case (no commas), so a comma-joined list binds as one string, even when empty.
  await db.exec(
    "CREATE OR REPLACE TABLE source_traits AS SELECT unnest(list_filter(string_split($ids, ','), x -> x <> '')) AS source_id, true AS distinct_listings",
    { ids: [...(input.distinctSources ?? [])].sort().join(',') },
  );
  // Each distinct (role, value) is streamed out of DuckDB a chunk at a time, mapped, and written as
  // compact NDJSON (only the fields a value sets): at 1M listings there are ~1M distinct values, and
  // holding them all as JS objects (and one big JSON string) cost gigabytes and seconds. Many values
  // are mapped in worker threads (starting one costs ~0.2 s), a few here.
  const valueCount = (await db.one<{ n: number }>('SELECT count(*) AS n FROM listing_values'))?.n ?? 0;
  const workers = input.mappingWorkers ?? (valueCount >= PARALLEL_MAPPING_FROM ? Math.min(2, availableParallelism()) : 1);
  const valueMapFiles = Array.from({ length: Math.max(1, workers) }, (_, i) => join(ctx.workDir, `value-map-${i}.ndjson`));
  const distinctValues = await mapDistinctValues(db, 'SELECT DISTINCT role, value FROM listing_values', valueMapFiles);
  await db.execFile(join(SQL_DIR, '05-value-map.sql'), { value_map_files: listValue(valueMapFiles) });
  await db.execFile(join(SQL_DIR, '06-normalized-listings.sql'));
  await db.execFile(join(SQL_DIR, '07-value-issues.sql'));
  const counts = await db.one<{ listings: number; issues: number; rejects: number }>(
    'SELECT (SELECT count(*) FROM listings) AS listings, (SELECT count(*) FROM value_issues) AS issues, (SELECT count(*) FROM record_rejects) AS rejects',
  );
  ctx.log.info(`normalised ${counts?.listings ?? 0} listings (${distinctValues} distinct values, ${counts?.issues ?? 0} value issues)`);
  return { listings: counts?.listings ?? 0, distinctValues, valueIssues: counts?.issues ?? 0, recordRejects: counts?.rejects ?? 0 };
}
