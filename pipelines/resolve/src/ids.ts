import { createHash } from 'node:crypto';
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
export function assignNewIds(entities: { cluster: string; name: string; anchor: string }[], taken: Set<string>): Map<string, string> {
  const ids = new Map<string, string>();
  const sorted = [...entities].sort((a, b) => (a.anchor < b.anchor ? -1 : a.anchor > b.anchor ? 1 : 0));
  for (const e of sorted) {
    const hash = createHash('sha256').update(e.anchor).digest('hex');
    const slug = slugify(e.name);
    let length = 6;
    let id = `${slug}-${hash.slice(0, length)}`;
    while (taken.has(id) && length < hash.length) {
      length += 2;
      id = `${slug}-${hash.slice(0, length)}`;
    }
    taken.add(id);
    ids.set(e.cluster, id);
  }
  return ids;
}
