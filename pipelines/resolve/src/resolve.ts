import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { INTEGER, listValue } from '@imcat/duckdb';
import type { StageContext } from '@imcat/pipeline-normalize';
import { mintNewIds } from './ids';
import { analyseNames } from './names/parallel';
import { wordMacros } from './names/words';

const SQL_DIR = fileURLToPath(new URL('../sql/', import.meta.url));
const PRECEDENCE_FILE = fileURLToPath(new URL('../precedence.json', import.meta.url));

export interface PreviousIds {
  /**
   * The listing → dataset id map: the previous release's, plus listings it lacks with the id an older release gave
   * them (`latest: false`). Only ids of the previous release (`latest` true or absent) get merged/split/retired events.
   */
  listings: { source_id: string; source_key: string; dataset_id: string | null; latest?: boolean }[];
  /** Every id ever used (current and retired), so a new id never reuses one. */
  used: string[];
}

export interface ResolveOptions {
  previous?: PreviousIds;
  /** A URL or DOI shared by more distinct names than this is a portal, not a dataset. */
  hubNames?: number;
  exactBlockCap?: number;
  coarseBlockCap?: number;
  /** Largest portal (a link shared by many names) whose listings are still compared with each other. */
  hubBlockCap?: number;
  /** Worker threads analysing names (1: none, all on this thread); by default 2 from PARALLEL_NAMES_FROM listings. */
  nameWorkers?: number;
  /** Keep the er_* working tables (for inspecting decisions); dropped by default to free memory. */
  keepIntermediate?: boolean;
  /**
   * Called with the database once the pair decisions are final (er_pairs: a, b, decision, cannot_link …;
   * er_listings), before resolve drops them: for diagnostics that read the decisions, like the benchmark's.
   * Its time counts as resolve's unless the caller takes it out.
   */
  onPairs?: (db: StageContext['db']) => Promise<void>;
}

/** Listings from which their names are analysed in worker threads (starting one costs ~0.2 s; 1M listings have ~815k distinct names). */
export const PARALLEL_NAMES_FROM = 50_000;

export interface ResolveSummary {
  entities: number;
  newIds: number;
  carriedIds: number;
  candidatePairs: number;
  matchedPairs: number;
  familyLevelListings: number;
  families: number;
  conflicts: number;
  /** Component passes (union-find over the edges: first, after repair, after re-adding weak edges). */
  iterations: number;
}

/**
 * Connected components over er_edges by union-find in TypeScript, written back as
 * er_component (every listing: the smallest listing id connected to it). This is
 * the fixed point min-label propagation reaches, in one pass over the edges instead
 * of a pass over every listing per step; only listings that join another travel back
 * to DuckDB. Returns 1 (one pass), so the summary still counts component passes.
 */
async function components(db: StageContext['db']): Promise<number> {
  const xs: number[] = [];
  const ys: number[] = [];
  let maxId = 0;
  await db.forEachChunk('SELECT x, y FROM er_edges', {}, ([x, y]) => {
    for (let i = 0; i < x!.length; i++) {
      const a = x![i] as number;
      const b = y![i] as number;
      xs.push(a);
      ys.push(b);
      if (a > maxId) maxId = a;
      if (b > maxId) maxId = b;
    }
  });
  const parent = new Int32Array(maxId + 1);
  for (let i = 0; i <= maxId; i++) parent[i] = i;
  const find = (v: number): number => {
    let root = v;
    while (parent[root] !== root) root = parent[root]!;
    while (parent[v] !== root) {
      const next = parent[v]!;
      parent[v] = root;
      v = next;
    }
    return root;
  };
  // The smaller root always wins, so every root is the smallest id of its set.
  for (let i = 0; i < xs.length; i++) {
    const a = find(xs[i]!);
    const b = find(ys[i]!);
    if (a < b) parent[b] = a;
    else if (b < a) parent[a] = b;
  }
  const ids: number[] = [];
  const roots: number[] = [];
  for (let v = 0; v <= maxId; v++) {
    const root = find(v);
    if (root !== v) {
      ids.push(v);
      roots.push(root);
    }
  }
  await db.exec('CREATE OR REPLACE TABLE er_component_links (listing_id INTEGER, component INTEGER)');
  await db.appendColumns('er_component_links', [INTEGER, INTEGER], [ids, roots]);
  await db.execFile(join(SQL_DIR, '07-components-apply.sql'));
  return 1;
}

function ndjson(rows: unknown[]): string {
  return rows.map((r) => JSON.stringify(r)).join('\n') + '\n';
}

/** The resolution macros: the word lists (words.json) and 00-macros.sql, which reads them. */
export async function installMacros(db: StageContext['db']): Promise<void> {
  await db.exec(wordMacros());
  await db.execFile(join(SQL_DIR, '00-macros.sql'));
}

export function precedenceRows(): { field: string; source_id: string; rank: number }[] {
  const config = JSON.parse(readFileSync(PRECEDENCE_FILE, 'utf8')) as { fields: Record<string, string[]> };
  return Object.entries(config.fields).flatMap(([field, sources]) => sources.map((source_id, rank) => ({ field, source_id, rank })));
}

/**
 * Entity resolution in DuckDB: blocking, pair scoring, connected components,
 * edition-aware splitting, field merging by precedence, conflicts, and ids
 * carried forward from the previous release.
 */
export async function resolve(ctx: StageContext, options: ResolveOptions = {}): Promise<ResolveSummary> {
  const { db } = ctx;
  const work = join(ctx.workDir, 'resolve');
  mkdirSync(work, { recursive: true });
  const run = (file: string, params = {}) => db.execFile(join(SQL_DIR, file), params);
  /**
   * Drop the er_* working tables (and views) not in `keep`: at 1M listings they are gigabytes,
   * and each is dropped as soon as no later step reads it. keepIntermediate keeps them all.
   */
  const sweep = async (keep: string[]) => {
    if (options.keepIntermediate) return;
    const objects = await db.all<{ name: string; kind: string }>(
      `SELECT table_name AS name, 'TABLE' AS kind FROM duckdb_tables() WHERE table_name LIKE 'er\\_%' ESCAPE '\\'
       UNION ALL SELECT view_name, 'VIEW' FROM duckdb_views() WHERE NOT internal AND view_name LIKE 'er\\_%' ESCAPE '\\'
       ORDER BY 1`,
    );
    for (const o of objects) if (!keep.includes(o.name)) await db.exec(`DROP ${o.kind} ${o.name}`);
  };
  // normalize() keeps the raw values and their mapping (listing_values, value_map) for the vocabulary
  // coverage report, which reads them right after it; nothing from here on does.
  if (!options.keepIntermediate) await db.exec('DROP TABLE IF EXISTS listing_values; DROP TABLE IF EXISTS value_map;');
  await installMacros(db);
  // Each working table goes as soon as no later step reads it: under the memory limit, what stays resident
  // is what the next statements cannot use (at 1M listings: 815k analysed names, 1.1M name variants, 4.4M block rows).
  // Each distinct name is analysed once, in TypeScript (src/names/analyse.ts), and read back from CSV files.
  const distinctNames = readFileSync(join(SQL_DIR, '01-distinct-names.sql'), 'utf8');
  const listingCount = (await db.one<{ n: number }>('SELECT count(*) AS n FROM normalized_listings'))?.n ?? 0;
  const nameWorkers = options.nameWorkers ?? (listingCount >= PARALLEL_NAMES_FROM ? Math.min(2, availableParallelism()) : 1);
  const started = performance.now();
  const nameFiles = await analyseNames(db, distinctNames, work, nameWorkers);
  // IMCAT_PROFILE=1 prints it, as it prints each SQL file's time (Db.execFile).
  if (process.env.IMCAT_PROFILE) process.stderr.write(`names: ${nameFiles.analysed} analysed in ${nameWorkers} thread(s): ${Math.round(performance.now() - started)} ms\n`);
  await run('01-er-names.sql', { name_files: listValue(nameFiles.names), variant_files: listValue(nameFiles.variants) });
  // (read: at 1M listings they are some 270 MB)
  for (const file of [...nameFiles.names, ...nameFiles.variants]) rmSync(file, { force: true });
  await run('01-er-listings.sql');
  await sweep(['er_listings', 'er_name_variants']);
  await run('02-name-variants.sql');
  await sweep(['er_listings', 'er_variants']);
  await run('03-blocks.sql', {
    hub_names: options.hubNames ?? 3,
    exact_block_cap: options.exactBlockCap ?? 200,
    coarse_block_cap: options.coarseBlockCap ?? 25,
    hub_block_cap: options.hubBlockCap ?? 60,
  });
  await sweep(['er_listings', 'er_blocks']);
  await run('04-candidates.sql');
  await sweep(['er_listings', 'er_candidates']);
  await run('05-families.sql');
  await run('06-pairs.sql');
  const pairCounts = await db.one<{ candidatePairs: number; matchedPairs: number }>(`
    SELECT
      (SELECT count(*) FROM er_candidates) AS "candidatePairs",
      (SELECT count(*) FROM er_pairs WHERE decision LIKE 'match:%') AS "matchedPairs"`);
  // From here on only the decisions, the analysed listings and the family editions are read.
  await sweep(['er_listings', 'er_pairs', 'er_family_editions']);
  await run('07-components-init.sql');
  let iterations = await components(db);
  // 08 rebuilds the edges, dropping weak edges only inside conflicted components.
  await run('08-component-repair.sql');
  iterations += await components(db);
  const conflicted = await db.one<{ n: number }>('SELECT count(*) AS n FROM er_conflicted');
  if (conflicted && conflicted.n > 0) {
    await run('09-component-readd.sql');
    iterations += await components(db);
    // Weak edges that were each fine alone may still join a pair that must stay apart: then keep strong edges only there.
    const still = await db.one<{ n: number }>(
      `SELECT count(*) AS n FROM er_pairs p JOIN er_component ca ON ca.listing_id = p.a JOIN er_component cb ON cb.listing_id = p.b
       WHERE p.cannot_link AND ca.component = cb.component`,
    );
    if (still && still.n > 0) {
      await db.exec('DELETE FROM er_edges WHERE (x, y) IN (SELECT (a, b) FROM er_readded)');
      iterations += await components(db);
    }
  }
  // The pair decisions are final: the caller may read them now, before they go.
  if (options.onPairs) await options.onPairs(db);
  await sweep(['er_listings', 'er_family_editions', 'er_component']);
  await run('10-clusters.sql');
  const familyLevel = await db.one<{ n: number }>('SELECT count(*) AS n FROM er_clusters WHERE family_level');
  await sweep(['er_family_editions', 'er_clusters']);
  const precedenceFile = join(work, 'precedence.ndjson');
  writeFileSync(precedenceFile, ndjson(precedenceRows()));
  await run('11-entity-values.sql', { precedence_file: precedenceFile });
  await run('12-entities.sql');
  await sweep(['er_family_editions', 'er_clusters', 'er_entity_listings', 'er_entity_chosen', 'er_chosen_values', 'er_entities']);
  const prevMapFile = join(work, 'prev-map.ndjson');
  writeFileSync(prevMapFile, ndjson(options.previous?.listings ?? []));
  await run('13-carried-ids.sql', { prev_map_file: prevMapFile });
  const newIdsFile = await mintNewIds(db, run, options.previous?.used ?? [], work);
  const ids = await db.one<{ carried: number; fresh: number }>('SELECT (SELECT count(*) FROM er_carried_ids) AS carried, (SELECT count(*) FROM er_fresh_ids) AS fresh');
  await run('14-outputs.sql', { new_ids_file: newIdsFile });
  await run('15-conflicts.sql');
  await run('16-id-history.sql');
  await sweep([]);
  const s = await db.one<ResolveSummary>(`
    SELECT
      (SELECT count(*) FROM datasets) AS entities,
      (SELECT count(*) FROM families) AS families,
      (SELECT count(*) FROM (SELECT DISTINCT dataset_id, field FROM conflicts)) AS conflicts`);
  const summary: ResolveSummary = {
    ...(s as ResolveSummary),
    ...pairCounts!,
    familyLevelListings: familyLevel?.n ?? 0,
    newIds: ids?.fresh ?? 0, carriedIds: ids?.carried ?? 0, iterations };
  ctx.log.info(
    `resolved ${summary.entities} entities (${summary.carriedIds} ids carried, ${summary.newIds} new) from ${summary.candidatePairs} candidate pairs in ${iterations} component passes`,
  );
  return summary;
}
