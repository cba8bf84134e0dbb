import { createHash } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Db } from '@imcat/duckdb';
import type { StageContext } from '@imcat/pipeline-normalize';
import type { SourceReport } from '@imcat/pipeline-scrape';
import { toJsonSchemaDocument } from '@imcat/schema';
import { writeDatasetsArrow } from './arrow';
import { diffDatasets, renderChangelog, schemaChanged, type DatasetChanges } from './diff';
import { croissant, dataPackage, type FileEntry, type TableMeta } from './metadata';
import { bumpVersion, compareVersions, fileSize, listReleases, publish, removeIncomplete, sha256File, writeFully, writeIndex, type Bump } from './release-dir';
import { RELEASE_TABLES, describe, sqlPath, tableQuery, writeParquetTables, type ColumnInfo, type LaneTask, type ReleaseTable } from './tables';

export interface Manifest {
  version: string;
  previous_version: string | null;
  bump: Bump | 'initial';
  created_at: string;
  inputs_fingerprint: string;
  pipeline: { git_commit: string; duckdb_version: string; schema_sha256: string };
  sources: {
    source_id: string;
    status: string;
    stale: boolean;
    reason: string | null;
    mode: string;
    fetched_at: string | null;
    listing_count: number;
    reject_count: number;
    pages: { url: string; sha256: string; fetched_at: string; bytes: number }[];
  }[];
  row_counts: Record<string, number>;
  files: Record<string, { sha256: string; bytes: number }>;
  changes: { added: number; removed: number; changed: number; retired_ids: number };
}

export interface PreviousRelease {
  version: string;
  dir: string;
  manifest: Manifest;
}

export function latestRelease(releasesDir: string): PreviousRelease | null {
  const version = listReleases(releasesDir).at(-1);
  if (!version) return null;
  const dir = join(releasesDir, version);
  return { version, dir, manifest: JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Manifest };
}

/**
 * The listing → id map stable ids start from, and every id ever used. Each listing maps as the newest release
 * holding it has it: the previous release for the listings it has, and an older one for a listing that left (its
 * source failed, say) and is back, so its dataset gets its id again instead of a new one.
 */
export async function previousIds(db: Db, previous: PreviousRelease | null) {
  if (!previous) return { listings: [], used: [] };
  const releasesDir = dirname(previous.dir);
  const versions = listReleases(releasesDir).filter((v) => compareVersions(v, previous.version) <= 0).reverse();
  const maps = versions
    .map((v, age) => `SELECT source_id, source_key, dataset_id, ${age} AS age FROM read_parquet(${sqlPath(join(releasesDir, v, 'listings.parquet'))})`)
    .join('\nUNION ALL ');
  const listings = await db.all<{ source_id: string; source_key: string; dataset_id: string | null; latest: boolean }>(
    `SELECT source_id, source_key, dataset_id, age = 0 AS latest FROM (${maps})
     QUALIFY row_number() OVER (PARTITION BY source_id, source_key ORDER BY age) = 1
     ORDER BY source_id, source_key`,
  );
  const used = await db.all<{ id: string }>(
    `SELECT dataset_id AS id FROM read_parquet(${sqlPath(join(previous.dir, 'datasets.parquet'))})
     UNION SELECT dataset_id FROM read_parquet(${sqlPath(join(previous.dir, 'id_history.parquet'))})
     UNION SELECT unnest(successors) FROM read_parquet(${sqlPath(join(previous.dir, 'id_history.parquet'))})`,
  );
  return { listings, used: used.map((u) => u.id) };
}

const DESCRIPTIONS: Record<ReleaseTable, string> = {
  datasets: 'One row per dataset entity, resolved across sources.',
  listings: 'Every listing that passed validation, with the dataset (or family) it resolved to and its raw fields.',
  families: 'Editions of one dataset grouped under a family name.',
  fusion_groups: 'Datasets sharing modality, anatomy and task that could be merged into one training corpus.',
  fusion_members: 'Membership of datasets in fusion groups.',
  conflicts: 'Values sources disagree on, each with its source; chosen marks the kept value.',
  rejects: 'Records and values that failed validation, with the reason.',
  stats: 'Catalog statistics: facets, cross-tabs, gaps and source overlap.',
  provenance: 'Which source supplied each canonical value.',
  id_history: 'Dataset id events across releases: merged, split, retired, with successors.',
};

export type ReleaseOutcome =
  | { status: 'written'; version: string; dir: string; bump: Bump | 'initial'; changes: DatasetChanges; manifest: Manifest }
  /** Nothing to write: the inputs' fingerprint is the last release's (`inputs`), or the tables built are byte for byte its (`tables`). */
  | { status: 'unchanged'; version: string; why: 'inputs' | 'tables' }
  | { status: 'blocked'; reasons: string[] };

export interface ReleaseOptions {
  releasesDir: string;
  reports: SourceReport[];
  previous: PreviousRelease | null;
  gitCommit: string;
  /** Fingerprint of the input pages and the pipeline; a later build with the same one has nothing to do. */
  inputsFingerprint: string;
  allowDrop?: boolean;
  /** Largest fall in a source's listing count, against the previous release, that does not block (0.2 = 20%). */
  maxDrop?: number;
}

/** Per-source listing counts that fell by more than the limit since the previous release. */
export function droppedSources(reports: SourceReport[], previous: PreviousRelease | null, maxDrop: number): string[] {
  if (!previous) return [];
  const reasons: string[] = [];
  for (const before of previous.manifest.sources) {
    const now = reports.find((r) => r.source_id === before.source_id);
    const count = now?.listing_count ?? 0;
    if (before.listing_count > 0 && count < before.listing_count * (1 - maxDrop)) {
      reasons.push(
        `${before.source_id}: ${count} listings, down from ${before.listing_count} in ${previous.version} (more than ${Math.round(maxDrop * 100)}%)${now?.reason ? `: ${now.reason}` : ''}`,
      );
    }
  }
  return reasons;
}

/** Hashes of files written in this release, so each file is read once however often it is described. */
const hashCache = new Map<string, string>();
function hashOf(path: string): string {
  let h = hashCache.get(path);
  if (!h) {
    h = sha256File(path);
    hashCache.set(path, h);
  }
  return h;
}

/** Write a file we hold in memory and remember its hash, so it is never read back. */
function writeHashed(path: string, text: string): void {
  const data = Buffer.from(text);
  const fd = openSync(path, 'w');
  try {
    writeFully(fd, data);
  } finally {
    closeSync(fd);
  }
  hashCache.set(path, createHash('sha256').update(data).digest('hex'));
}

function fileEntry(dir: string, name: string): FileEntry {
  const path = join(dir, name);
  return { path: name, bytes: fileSize(path), sha256: hashOf(path) };
}

/**
 * A JSON mirror of a table: `{...header, <key>: [rows]}`, written by DuckDB
 * in one COPY, so a large table never passes through JS objects or JS I/O.
 * It is what COPY (FORMAT json, ARRAY true) writes (DuckDB turns that into
 * this CSV COPY of to_json rows, with "[\n\t" … ",\n\t" … "\n]\n" around them),
 * with the header before and the closing brace after.
 *
 * The rows come from the table's Parquet file, already written and sorted:
 * one file read back keeps its row order (DuckDB preserves insertion order
 * for a single-table scan), which spares sorting the wide table again. Only
 * when a column type would not come back the same from Parquet (then its
 * JSON could differ) are they read from the table's query.
 */
async function writeJsonMirror(db: Db, table: ReleaseTable, columns: ColumnInfo[], parquet: string, path: string, header: Record<string, string>, key: string): Promise<void> {
  const fromParquet = `SELECT * FROM read_parquet(${sqlPath(parquet)})`;
  const sameTypes = JSON.stringify(await describe(db, fromParquet)) === JSON.stringify(columns);
  const head = JSON.stringify(header, null, 2).replace(/\n}$/, `,\n  "${key}": `);
  const literal = (text: string) => `'${text.replace(/'/g, "''")}'`;
  await db.exec(
    `COPY (SELECT to_json(struct_pack(*COLUMNS(*))) FROM (${sameTypes ? fromParquet : tableQuery(table)}))
     TO ${sqlPath(path)}
     (FORMAT csv, HEADER false, QUOTE '', ESCAPE '', DELIMITER ${literal('\n')},
      PREFIX ${literal(`${head}[\n\t`)}, NEW_LINE ${literal(',\n\t')}, SUFFIX ${literal('\n]\n\n}\n')})`,
  );
}

function writeJson(path: string, value: unknown): void {
  writeHashed(path, JSON.stringify(value, null, 2) + '\n');
}

/**
 * Write a release: Parquet tables (DuckDB, zstd, sorted), Arrow, JSON
 * mirrors, schema, Frictionless and Croissant metadata, manifest and
 * changelog, into a temporary directory renamed into place. Nothing is
 * written when the tables equal the previous release's.
 */
export async function writeRelease(ctx: StageContext, options: ReleaseOptions): Promise<ReleaseOutcome> {
  const { db } = ctx;
  const { releasesDir, previous, reports } = options;
  const dropped = droppedSources(reports, previous, options.maxDrop ?? 0.2);
  if (dropped.length && !options.allowDrop) return { status: 'blocked', reasons: dropped };

  mkdirSync(releasesDir, { recursive: true });
  for (const name of removeIncomplete(releasesDir)) ctx.log.warn(`removed an incomplete release left by an interrupted build: ${name}`);
  const tmp = join(releasesDir, `.tmp-release-${process.pid}`);
  rmSync(tmp, { recursive: true, force: true });
  hashCache.clear();
  mkdirSync(tmp, { recursive: true });
  try {
    const dataTables = RELEASE_TABLES.filter((t) => t.name !== 'id_history');
    // What the version depends on is known before any file is written (the datasets are compared as the
    // tables hold them), so the JSON mirrors, which carry it, can be written alongside the Parquet files.
    const columns: Record<string, ColumnInfo[]> = {};
    for (const t of dataTables) columns[t.name] = await describe(db, tableQuery(t.name));
    const previousColumns: Record<string, ColumnInfo[]> = {};
    if (previous) {
      for (const t of dataTables) {
        const file = join(previous.dir, `${t.name}.parquet`);
        if (existsSync(file)) previousColumns[t.name] = await describe(db, `SELECT * FROM read_parquet(${sqlPath(file)})`);
      }
    }
    const schemaReasons = schemaChanged(previousColumns, columns);
    const changes = await diffDatasets(db, previous ? join(previous.dir, 'datasets.parquet') : null);
    const events = await db.all<{ event: string; n: number }>('SELECT event, count(*) AS n FROM id_events GROUP BY event ORDER BY event');
    const retired = events.filter((e) => e.event === 'merged' || e.event === 'retired').reduce((s, e) => s + e.n, 0);
    const bump: Bump = schemaReasons.length || retired > 0 ? 'major' : changes.added.length > 0 ? 'minor' : 'patch';
    const version = bumpVersion(previous?.version ?? null, bump);
    await db.exec(
      previous && existsSync(join(previous.dir, 'id_history.parquet'))
        ? `CREATE OR REPLACE TABLE id_history AS
           SELECT dataset_id, event, successors, release FROM read_parquet(${sqlPath(join(previous.dir, 'id_history.parquet'))})
           UNION ALL SELECT dataset_id, event, successors, $version FROM id_events`
        : `CREATE OR REPLACE TABLE id_history AS SELECT dataset_id, event, successors, $version AS release FROM id_events`,
      { version },
    );
    columns.id_history = await describe(db, tableQuery('id_history'));
    // Time stamps come from the inputs, never the wall clock, so rebuilds are byte-identical.
    const createdAt = reports.map((r) => r.fetched_at).filter((x): x is string => Boolean(x)).sort().at(-1) ?? '1970-01-01T00:00:00.000Z';
    const header = { version, created_at: createdAt };

    // The writes' queue: every Parquet file, the Arrow file (built in JS from the datasets' rows, on a core a
    // COPY leaves free) and the JSON mirrors (each read from its table's Parquet file once that is written).
    const datasetsWork = columns.datasets!.length * Number((await db.one<{ n: number }>('SELECT count(*) AS n FROM datasets'))?.n ?? 0);
    const arrowPath = join(tmp, 'datasets.arrow');
    const extra: LaneTask[] = [
      {
        name: 'datasets.arrow',
        // About the work of writing datasets.parquet twice over (reading and building in JS, then writing).
        weight: 2 * datasetsWork,
        run: async (connection) => {
          hashCache.set(arrowPath, (await writeDatasetsArrow(connection, arrowPath)).sha256);
        },
      },
      {
        name: 'catalog.json',
        after: ['datasets'],
        weight: datasetsWork / 2,
        run: (connection) => writeJsonMirror(connection, 'datasets', columns.datasets!, join(tmp, 'datasets.parquet'), join(tmp, 'catalog.json'), header, 'datasets'),
      },
      {
        name: 'stats.json',
        after: ['stats'],
        weight: 0,
        run: (connection) => writeJsonMirror(connection, 'stats', columns.stats!, join(tmp, 'stats.parquet'), join(tmp, 'stats.json'), header, 'stats'),
      },
    ];
    await writeParquetTables(db, RELEASE_TABLES.map((t) => t.name), tmp, extra);

    const unchanged =
      previous &&
      dataTables.every((t) => previous.manifest.files[`${t.name}.parquet`]?.sha256 === hashOf(join(tmp, `${t.name}.parquet`)));
    if (unchanged) {
      rmSync(tmp, { recursive: true, force: true });
      return { status: 'unchanged', version: previous.version, why: 'tables' };
    }

    const rowCounts: Record<string, number> = {};
    for (const t of RELEASE_TABLES) {
      const r = await db.one<{ n: number }>(`SELECT count(*) AS n FROM read_parquet(${sqlPath(join(tmp, `${t.name}.parquet`))})`);
      rowCounts[t.name] = r?.n ?? 0;
    }

    const schemaDoc = toJsonSchemaDocument();
    writeJson(join(tmp, 'schema.json'), schemaDoc);

    const tables: TableMeta[] = RELEASE_TABLES.map((t) => ({
      name: t.name,
      description: DESCRIPTIONS[t.name],
      key: t.key,
      unique: t.unique,
      columns: columns[t.name]!,
      rows: rowCounts[t.name]!,
      file: fileEntry(tmp, `${t.name}.parquet`),
    }));
    const extraFiles = ['datasets.arrow', 'catalog.json', 'stats.json', 'schema.json'].map((f) => fileEntry(tmp, f));
    writeJson(join(tmp, 'datapackage.json'), dataPackage(version, createdAt, tables));
    writeJson(join(tmp, 'croissant.json'), croissant(version, createdAt, tables, extraFiles));
    const notes = [
      ...schemaReasons.map((r) => `schema: ${r}`),
      ...events.map((e) => `ids ${e.event}: ${e.n}`),
      ...reports.filter((r) => r.status === 'stale').map((r) => `stale source ${r.source_id}: ${r.reason}`),
      ...dropped.map((d) => `allowed drop: ${d}`),
    ];
    writeJson(join(tmp, 'changes.json'), { version, previous_version: previous?.version ?? null, bump: previous ? bump : 'initial', notes, ...changes });
    writeHashed(join(tmp, 'CHANGELOG.md'), renderChangelog(version, previous?.version ?? null, bump, changes, notes));

    const duck = await db.one<{ v: string }>('SELECT version() AS v');
    const files: Manifest['files'] = {};
    for (const name of [...RELEASE_TABLES.map((t) => `${t.name}.parquet`), 'datasets.arrow', 'catalog.json', 'stats.json', 'schema.json', 'datapackage.json', 'croissant.json', 'changes.json', 'CHANGELOG.md']) {
      const e = fileEntry(tmp, name);
      files[name] = { sha256: e.sha256, bytes: e.bytes };
    }
    const manifest: Manifest = {
      version,
      previous_version: previous?.version ?? null,
      bump: previous ? bump : 'initial',
      created_at: createdAt,
      inputs_fingerprint: options.inputsFingerprint,
      pipeline: { git_commit: options.gitCommit, duckdb_version: duck?.v ?? 'unknown', schema_sha256: hashOf(join(tmp, 'schema.json')) },
      sources: reports.map((r) => ({
        source_id: r.source_id,
        status: r.status,
        stale: r.status === 'stale',
        reason: r.reason,
        mode: r.mode,
        fetched_at: r.fetched_at,
        listing_count: r.listing_count,
        reject_count: r.reject_count,
        pages: r.pages,
      })),
      row_counts: rowCounts,
      files,
      changes: { added: changes.added.length, removed: changes.removed.length, changed: changes.changed.length, retired_ids: retired },
    };
    writeJson(join(tmp, 'manifest.json'), manifest);
    const dir = publish(tmp, releasesDir, version);
    writeIndex(releasesDir);
    return { status: 'written', version, dir, bump: manifest.bump, changes, manifest };
  } catch (error) {
    rmSync(tmp, { recursive: true, force: true });
    throw error;
  }
}
