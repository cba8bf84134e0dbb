import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Db } from '@imcat/duckdb';
import { QueryError } from '@imcat/errors';
import { ACCESS_SLUGS, anatomy, anatomyTerms, dimensionality, isRegion, modality, regionForAnatomy, task } from '@imcat/vocab';

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
  if (c.access !== undefined && !ACCESS_SLUGS.includes(c.access)) {
    throw new QueryError(`--access "${c.access}": expected one of ${ACCESS_SLUGS.join(', ')}`);
  }
  return {
    modality: term('modality', modality, c.modality),
    task: term('task', task, c.task),
    dim: term('dim', dimensionality, c.dim),
    anatomy: anatomyTerm,
    region,
    access: c.access ?? null,
    labelled: c.labelled ?? null,
    family: c.family ?? null,
    limit: c.limit ?? 50,
  };
}

export async function search(db: Db, criteria: SearchCriteria): Promise<SearchHit[]> {
  const p = resolveCriteria(criteria);
  return db.all<SearchHit>(SEARCH_SQL, p);
}
