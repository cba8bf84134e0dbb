import { slugify as slugifyText } from '@imcat/source-kit';
import { createHash } from 'node:crypto';

/** Lower-case ASCII slug; accents folded, everything else becomes "-". */
export function slugify(text: string, max = 100): string {
  return slugifyText(text, { maxLength: max });
}

function shortHash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 10);
}

export interface KeyCandidate {
  /** Plain-text name. */
  name: string;
  url: string | null;
  /** Innermost section, the first disambiguator. */
  section: string;
  /** Everything the entry says, serialised: equal content means an exact duplicate. */
  content: string;
}

export interface KeyAssignment<T extends KeyCandidate> {
  keyed: { entry: T; key: string }[];
  /** Entries identical to an earlier one: rejected as "exact duplicate of <key>". */
  duplicates: { entry: T; of: string }[];
}

const QUALIFIERS: ((c: KeyCandidate) => string)[] = [
  (c) => slugify(c.section, 60) || 'top',
  (c) => (c.url ? slugify(c.url.replace(/^https?:\/\//, ''), 120) : 'no-url'),
  (c) => shortHash(c.content),
];

/**
 * Keys from content: the name's slug; names that occur more than once get
 * "--<section>", else "--<url>", else "--<content hash>", whichever first
 * tells them apart. Never depends on row order.
 */
export function assignKeys<T extends KeyCandidate>(entries: T[]): KeyAssignment<T> {
  const groups = new Map<string, T[]>();
  for (const entry of entries) {
    const base = slugify(entry.name) || `name-${shortHash(entry.name)}`;
    groups.set(base, [...(groups.get(base) ?? []), entry]);
  }
  const taken = new Set(groups.keys());
  const keyed: KeyAssignment<T>['keyed'] = [];
  const duplicates: { entry: T; firstOf: T }[] = [];
  for (const [base, members] of groups) {
    const firstByContent = new Map<string, T>();
    const distinct: T[] = [];
    for (const member of members) {
      const first = firstByContent.get(member.content);
      if (first) duplicates.push({ entry: member, firstOf: first });
      else {
        firstByContent.set(member.content, member);
        distinct.push(member);
      }
    }
    if (distinct.length === 1) {
      keyed.push({ entry: distinct[0]!, key: base });
      continue;
    }
    const qualifier =
      QUALIFIERS.find((q) => {
        const keys = distinct.map((m) => `${base}--${q(m)}`);
        return new Set(keys).size === keys.length && keys.every((k) => !taken.has(k));
      }) ?? QUALIFIERS[QUALIFIERS.length - 1]!;
    for (const member of distinct) {
      const key = `${base}--${qualifier(member)}`;
      taken.add(key);
      keyed.push({ entry: member, key });
    }
  }
  const keyOf = new Map(keyed.map(({ entry, key }) => [entry, key]));
  return { keyed, duplicates: duplicates.map(({ entry, firstOf }) => ({ entry, of: keyOf.get(firstOf)! })) };
}
