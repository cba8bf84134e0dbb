import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { INTEGER, VARCHAR, type Db } from '@imcat/duckdb';
import { slugify as slugifyText } from '@imcat/source-kit';

/** A readable, URL-safe slug of a dataset name: "BraTS 2021" → "brats-2021". */
export function slugify(name: string, maxLength = 40): string {
  return slugifyText(name, { maxLength }) || 'dataset';
}

/**
 * New ids: the slug of the entity's name plus a short hash of its anchor (its
 * smallest source reference), so the id does not depend on input order. A
 * collision with a taken id lengthens the hash.
 */
export function assignNewIds(entities: { cluster: number; name: string; anchor: string }[], taken: Set<string>): Map<number, string> {
  return lengthenIds(
    entities.map((e) => ({ cluster: e.cluster, anchor: e.anchor, slug: slugify(e.name), hash: createHash('sha256').update(e.anchor).digest('hex') })),
    taken,
  );
}

/** Hex digits of a new id's hash in its short form (short_id in 00-macros.sql). */
export const SHORT_HASH = 6;

/**
 * assignNewIds given each entity's slug and the hex sha256 of its anchor: in anchor order, each takes
 * slug-hash[:6], or the first longer hash prefix (by two digits) no id in `taken` has. The resolver
 * computes slugs and hashes in SQL (13-new-ids.sql) and passes here only the ids that collide.
 */
export function lengthenIds(entities: { cluster: number; anchor: string; slug: string; hash: string }[], taken: Set<string>): Map<number, string> {
  const ids = new Map<number, string>();
  const sorted = [...entities].sort((a, b) => (a.anchor < b.anchor ? -1 : a.anchor > b.anchor ? 1 : 0));
  for (const e of sorted) {
    let length = SHORT_HASH;
    let id = `${e.slug}-${e.hash.slice(0, length)}`;
    while (taken.has(id) && length < e.hash.length) {
      length += 2;
      id = `${e.slug}-${e.hash.slice(0, length)}`;
    }
    taken.add(id);
    ids.set(e.cluster, id);
  }
  return ids;
}

/**
 * New ids for the entities no previous id carries (after 13-carried-ids.sql), as assignNewIds gives them:
 * 13-new-ids.sql computes slugs and hashes in SQL (er_fresh_ids), names beyond ASCII are slugged here, and only
 * the ids that collide at 6 hex digits (13-id-collisions.sql) are lengthened here. Returns the NDJSON file of
 * the lengthened ids that 14-outputs.sql reads; every other new id is its slug and 6 digits. At 1M listings
 * this replaced reading ~390k entities into JS to hash and slug them (about 3 s).
 */
export async function mintNewIds(
  db: Db,
  run: (file: string, params?: Record<string, string>) => Promise<void>,
  used: readonly string[],
  work: string,
): Promise<string> {
  const usedIdsFile = join(work, 'used-ids.ndjson');
  writeFileSync(usedIdsFile, used.map((id) => JSON.stringify({ id })).join('\n') + '\n');
  await run('13-new-ids.sql', { used_ids_file: usedIdsFile });
  const unslugged = await db.all<{ cluster: number; name: string }>('SELECT cluster, name FROM er_fresh_ids WHERE slug IS NULL ORDER BY cluster');
  if (unslugged.length) await db.appendColumns('er_fresh_slugs', [INTEGER, VARCHAR], [unslugged.map((u) => u.cluster), unslugged.map((u) => slugify(u.name))]);
  await run('13-id-collisions.sql');
  const colliding = await db.all<{ cluster: number; anchor: string; slug: string; hash: string }>('SELECT cluster, anchor, slug, hash FROM er_id_collisions');
  const taken = new Set((await db.all<{ id: string }>('SELECT id FROM er_id_taken')).map((r) => r.id));
  const newIdsFile = join(work, 'new-ids.ndjson');
  writeFileSync(newIdsFile, [...lengthenIds(colliding, taken)].map(([cluster, dataset_id]) => JSON.stringify({ cluster, dataset_id })).join('\n') + '\n');
  return newIdsFile;
}
