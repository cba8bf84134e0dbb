import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { StageContext } from '@imcat/pipeline-normalize';
import { assignNewIds } from './ids';

const SQL_DIR = fileURLToPath(new URL('../sql/', import.meta.url));
const PRECEDENCE_FILE = fileURLToPath(new URL('../precedence.json', import.meta.url));

export interface PreviousIds {
  /** The previous release's listing → dataset id map. */
  listings: { source_id: string; source_key: string; dataset_id: string | null }[];
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
  maxIterations?: number;
  /** Keep the er_* working tables (for inspecting decisions); dropped by default to free memory. */
  keepIntermediate?: boolean;
}

export interface ResolveSummary {
  entities: number;
  newIds: number;
  carriedIds: number;
  candidatePairs: number;
  matchedPairs: number;
  familyLevelListings: number;
  families: number;
  conflicts: number;
  iterations: number;
}

/** Min-label propagation over er_edges until no label changes; returns the number of steps. */
async function propagate(db: StageContext['db'], maxIterations: number): Promise<number> {
  for (let step = 1; step <= maxIterations; step++) {
    await db.execFile(join(SQL_DIR, '07-components-step.sql'));
    const changed = await db.one<{ n: number }>(
      'SELECT count(*) AS n FROM er_component_next AS x JOIN er_component AS c USING (listing_id) WHERE x.component <> c.component',
    );
    await db.exec('DROP TABLE er_component; ALTER TABLE er_component_next RENAME TO er_component;');
    if (!changed || changed.n === 0) return step;
  }
  throw new Error(`component propagation did not converge in ${maxIterations} steps`);
}

function ndjson(rows: unknown[]): string {
  return rows.map((r) => JSON.stringify(r)).join('\n') + '\n';
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
  await run('00-macros.sql');
  await run('01-er-listings.sql');
  await run('02-name-variants.sql');
  await run('03-blocks.sql', {
    hub_names: options.hubNames ?? 3,
    exact_block_cap: options.exactBlockCap ?? 200,
    coarse_block_cap: options.coarseBlockCap ?? 25,
    hub_block_cap: options.hubBlockCap ?? 60,
  });
  await run('04-candidates.sql');
  await run('05-families.sql');
  await run('06-pairs.sql');
  await run('07-components-init.sql');
  let iterations = await propagate(db, options.maxIterations ?? 100);
  // 08 rebuilds the edges (dropping weak edges only inside conflicted components) and resets the labels.
  await run('08-component-repair.sql');
  iterations += await propagate(db, options.maxIterations ?? 100);
  const conflicted = await db.one<{ n: number }>('SELECT count(*) AS n FROM er_conflicted');
  if (conflicted && conflicted.n > 0) {
    await run('09-component-readd.sql');
    iterations += await propagate(db, options.maxIterations ?? 100);
    // Weak edges that were each fine alone may still join a pair that must stay apart: then keep strong edges only there.
    const still = await db.one<{ n: number }>(
      `SELECT count(*) AS n FROM er_pairs p JOIN er_component ca ON ca.listing_id = p.a JOIN er_component cb ON cb.listing_id = p.b
       WHERE p.cannot_link AND ca.component = cb.component`,
    );
    if (still && still.n > 0) {
      await db.exec(`DELETE FROM er_edges WHERE (x, y) IN (SELECT (a, b) FROM er_readded) OR (y, x) IN (SELECT (a, b) FROM er_readded);
                     CREATE OR REPLACE TABLE er_component AS SELECT listing_id, listing_id AS component FROM er_listings;`);
      iterations += await propagate(db, options.maxIterations ?? 100);
    }
  }
  await run('10-clusters.sql');
  const precedenceFile = join(work, 'precedence.ndjson');
  writeFileSync(precedenceFile, ndjson(precedenceRows()));
  await run('11-entity-values.sql', { precedence_file: precedenceFile });
  await run('12-entities.sql');
  const prevMapFile = join(work, 'prev-map.ndjson');
  writeFileSync(prevMapFile, ndjson(options.previous?.listings ?? []));
  await run('13-carried-ids.sql', { prev_map_file: prevMapFile });
  const carried = await db.all<{ cluster: string; dataset_id: string }>('SELECT cluster, dataset_id FROM er_carried_ids');
  const fresh = await db.all<{ cluster: string; name: string; anchor: string }>(
    'SELECT e.cluster, e.name, e.anchor FROM er_entities AS e ANTI JOIN er_carried_ids AS k USING (cluster) ORDER BY e.anchor',
  );
  const taken = new Set([...(options.previous?.used ?? []), ...carried.map((c) => c.dataset_id)]);
  const newIds = assignNewIds(fresh, taken);
  const entityIdsFile = join(work, 'entity-ids.ndjson');
  writeFileSync(
    entityIdsFile,
    ndjson([
      ...carried.map((c) => ({ cluster: c.cluster, dataset_id: c.dataset_id, is_new: false })),
      ...[...newIds].map(([cluster, dataset_id]) => ({ cluster, dataset_id, is_new: true })),
    ]),
  );
  await run('14-outputs.sql', { entity_ids_file: entityIdsFile });
  await run('15-conflicts.sql');
  await run('16-id-history.sql');
  const s0 = await db.one<{ candidatePairs: number; matchedPairs: number; familyLevelListings: number }>(`
    SELECT
      (SELECT count(*) FROM er_candidates) AS "candidatePairs",
      (SELECT count(*) FROM er_pairs WHERE decision LIKE 'match:%') AS "matchedPairs",
      (SELECT count(*) FROM er_clusters WHERE family_level) AS "familyLevelListings"`);
  if (!options.keepIntermediate) {
    const tables = await db.all<{ name: string }>("SELECT table_name AS name FROM duckdb_tables() WHERE table_name LIKE 'er\\_%' ESCAPE '\\' AND table_name NOT IN ('er_clusters', 'er_listings') ORDER BY 1");
    for (const t of tables) await db.exec(`DROP TABLE ${t.name}`);
  }
  const s = await db.one<ResolveSummary>(`
    SELECT
      (SELECT count(*) FROM datasets) AS entities,
      (SELECT count(*) FROM families) AS families,
      (SELECT count(*) FROM (SELECT DISTINCT dataset_id, field FROM conflicts)) AS conflicts`);
  const summary: ResolveSummary = { ...(s as ResolveSummary), ...s0!, newIds: newIds.size, carriedIds: carried.length, iterations };
  ctx.log.info(
    `resolved ${summary.entities} entities (${summary.carriedIds} ids carried, ${summary.newIds} new) from ${summary.candidatePairs} candidate pairs in ${iterations} propagation steps`,
  );
  return summary;
}
