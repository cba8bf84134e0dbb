import type { DatasetRow } from './readme';
import { slugify as slug } from '@imcat/source-kit';

/** slug of the linked resource file name ("SMILE-UHURA 2023.md" -> "smile-uhura-2023"), else of the name. */
export function baseKeyOf(row: DatasetRow): string {
  const file = row.resource?.path.split('/').pop()?.replace(/\.md$/i, '');
  return slug(file || row.name);
}

const DISAMBIGUATORS: ((row: DatasetRow) => string)[] = [(row) => slug(row.section), (row) => slug(row.releaseDate)];

function allDistinct(values: string[]): boolean {
  return values.every((v) => v !== '') && new Set(values).size === values.length;
}

/**
 * Keys for rows that are not exact duplicates of each other. A base key used
 * by several rows gets the first disambiguator that tells all of them apart
 * (the section, else the release date), else both.
 */
export function assignKeys(rows: DatasetRow[]): Map<DatasetRow, string> {
  const byBase = new Map<string, DatasetRow[]>();
  for (const row of rows) {
    const base = baseKeyOf(row);
    byBase.set(base, [...(byBase.get(base) ?? []), row]);
  }
  const keys = new Map<DatasetRow, string>();
  for (const [base, group] of byBase) {
    if (group.length === 1) {
      keys.set(group[0]!, base);
      continue;
    }
    const pick = DISAMBIGUATORS.find((d) => allDistinct(group.map(d)));
    for (const row of group) {
      const suffix = pick ? pick(row) : DISAMBIGUATORS.map((d) => d(row)).join('--');
      keys.set(row, `${base}--${suffix}`);
    }
  }
  return keys;
}
