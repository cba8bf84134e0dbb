import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Db } from '@imcat/duckdb';
import { QueryError } from '@imcat/errors';
import { ACCESS_SLUGS, anatomy, anatomyTerms, anatomyUnderRegion, dimensionality, isRegion, modality, regionForAnatomy, task } from '@imcat/vocab';

const SEARCH_SQL = readFileSync(fileURLToPath(new URL('../sql/search.sql', import.meta.url)), 'utf8');

export interface SearchCriteria {
  modality?: string;
  anatomy?: string;
  task?: string;
  dim?: string;
  access?: string;
  labelled?: boolean;
  family?: string;
  limit?: number;
}

/** Hits a search returns unless --limit says otherwise, and the most it may ask for. */
export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 100_000;

/** --access values: the most restrictive access accepted ("registration": open or registration). */
export const ACCESS_FILTERS = ACCESS_SLUGS.filter((s) => s !== 'unknown');

/** The columns of a hit, in order (search.sql's SELECT): CSV keeps its header when nothing matches. */
export const SEARCH_COLUMNS = [
  'match', 'reasons', 'dataset_id', 'name', 'family', 'year', 'modalities', 'anatomy', 'regions', 'tasks', 'dimensionality',
  'sample_count', 'sample_unit', 'has_labels', 'access', 'license', 'homepage_url', 'source_count',
] as const;

export interface SearchHit {
  match: 'strict' | 'near';
  reasons: string[];
  dataset_id: string;
  name: string;
  [column: string]: unknown;
}

function term(kind: string, matcher: { match(v: string): { terms: string[] } }, value: string | undefined): string | null {
  if (value === undefined) return null;
  const found = matcher.match(value).terms;
  if (found.length !== 1) {
    throw new QueryError(`--${kind} "${value}": expected one ${kind} term, found ${found.length ? found.join(', ') : 'none'}`);
  }
  return found[0]!;
}

/**
 * Resolve free-text criteria to vocabulary terms. An anatomy term that is a
 * region itself ("chest", "abdomen") searches the whole region, so organs
 * listed under it (CheXpert under "lung") are found too.
 */
export function resolveCriteria(c: SearchCriteria) {
  let anatomyTerm: string | null = null;
  let region: string | null = null;
  if (c.anatomy !== undefined) {
    const raw = c.anatomy.trim().toLowerCase();
    if (isRegion(raw)) region = raw;
    else {
      const t = term('anatomy', anatomy, c.anatomy)!;
      region = regionForAnatomy(t) ?? null;
      if (anatomyTerms.find((x) => x.slug === t)?.region !== t) anatomyTerm = t;
    }
  }
  // "unknown" is no level of access to accept up to: a dataset that does not state its access is a near match.
  const access = c.access?.trim().toLowerCase();
  if (access !== undefined && !ACCESS_FILTERS.includes(access)) {
    throw new QueryError(
      `--access "${c.access}": expected one of ${ACCESS_FILTERS.join(', ')} (the most restrictive access you accept; datasets that do not state their access are listed as near matches)`,
    );
  }
  if (c.family !== undefined && c.family.trim() === '') throw new QueryError('--family "": expected a family name, such as BraTS');
  const limit = c.limit ?? DEFAULT_LIMIT;
  if (!Number.isSafeInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
    throw new QueryError(`--limit ${c.limit}: expected a whole number from 1 to ${MAX_LIMIT}`);
  }
  return {
    modality: term('modality', modality, c.modality),
    task: term('task', task, c.task),
    dim: term('dim', dimensionality, c.dim),
    anatomy: anatomyTerm,
    region,
    // The anatomy terms under the region, for a near match's reason to name only those.
    region_terms: region ? anatomyUnderRegion(region).join(',') : '',
    access: access ?? null,
    labelled: c.labelled ?? null,
    family: c.family?.trim() ?? null,
    limit,
  };
}

const FAMILY_SQL = readFileSync(fileURLToPath(new URL('../sql/family-check.sql', import.meta.url)), 'utf8');

/** Refuse a --family no dataset belongs to (by name or family_id, any case), naming the near spellings there are. */
async function checkFamily(db: Db, family: string): Promise<void> {
  const rows = await db.all<{ family: string; exact: boolean }>(FAMILY_SQL, { family });
  if (rows[0]?.exact) return;
  const near = rows.map((r) => r.family);
  throw new QueryError(`--family "${family}": no such family${near.length ? `; did you mean ${near.join(', ')}?` : ''} (families are listed by imcat query "SELECT DISTINCT family FROM datasets")`);
}

export interface SearchResult {
  /** The hits the limit let through: strict first, then near. */
  hits: SearchHit[];
  /** Every match, before the limit. */
  strictTotal: number;
  nearTotal: number;
  limit: number;
}

/** Search, with how many matches there are in all (the hits stop at the limit). */
export async function searchWithTotals(db: Db, criteria: SearchCriteria): Promise<SearchResult> {
  const p = resolveCriteria(criteria);
  if (p.family !== null) await checkFamily(db, p.family);
  const rows = await db.all<SearchHit & { strict_total: number; near_total: number }>(SEARCH_SQL, p);
  const hits = rows.map(({ strict_total: _s, near_total: _n, ...hit }) => hit as SearchHit);
  return { hits, strictTotal: rows[0]?.strict_total ?? 0, nearTotal: rows[0]?.near_total ?? 0, limit: p.limit };
}

export async function search(db: Db, criteria: SearchCriteria): Promise<SearchHit[]> {
  return (await searchWithTotals(db, criteria)).hits;
}
