import { sha256Hex, slugify } from '@imcat/source-kit';
import type { JoinedRow } from './join';

export function slug(text: string): string {
  return slugify(text, { unicode: true });
}

/** The row's whole content, as one canonical string: equal strings mean fully identical rows. */
export function identity(row: JoinedRow): string {
  const raw = Object.entries(row.raw).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return JSON.stringify([row.section, row.name, row.url, raw]);
}

export interface KeyedRow {
  row: JoinedRow;
  key: string;
  /** Set when the row is a full duplicate of an earlier one (which holds this key). */
  duplicate: boolean;
}

function baseKey(row: JoinedRow): string {
  const name = slug(row.name) || `name-${sha256Hex(row.name).slice(0, 8)}`;
  return `${name}--${slug(row.section) || 'no-section'}`;
}

/** Keys for rows sharing one base key, by content only so file order never changes them. */
function disambiguate(base: string, distinct: JoinedRow[]): Map<JoinedRow, string> {
  const keys = new Map<JoinedRow, string>();
  if (distinct.length === 1) {
    keys.set(distinct[0]!, base);
    return keys;
  }
  const withYear = (row: JoinedRow) => `${base}--${slug(row.raw.year ?? '') || 'no-year'}`;
  const counts = new Map<string, number>();
  for (const row of distinct) counts.set(withYear(row), (counts.get(withYear(row)) ?? 0) + 1);
  for (const row of distinct) {
    const key = withYear(row);
    keys.set(row, counts.get(key) === 1 ? key : `${key}--${sha256Hex(identity(row)).slice(0, 8)}`);
  }
  return keys;
}

/**
 * source_key = slug(name)--slug(section); names listed twice in one section
 * add --year, and if still clashing, --<8 hex of the row's content hash>.
 * Fully identical rows share a key and all but the first are marked duplicate.
 */
export function assignKeys(rows: JoinedRow[]): KeyedRow[] {
  const groups = new Map<string, JoinedRow[]>();
  for (const row of rows) {
    const base = baseKey(row);
    const group = groups.get(base);
    if (group) group.push(row);
    else groups.set(base, [row]);
  }
  const keyOf = new Map<JoinedRow, string>();
  const duplicates = new Set<JoinedRow>();
  for (const [base, group] of groups) {
    const firstByContent = new Map<string, JoinedRow>();
    for (const row of group) {
      const id = identity(row);
      const first = firstByContent.get(id);
      if (first) duplicates.add(row);
      else firstByContent.set(id, row);
    }
    const keys = disambiguate(base, [...firstByContent.values()]);
    for (const row of group) keyOf.set(row, keys.get(firstByContent.get(identity(row))!)!);
  }
  return rows.map((row) => ({ row, key: keyOf.get(row)!, duplicate: duplicates.has(row) }));
}
