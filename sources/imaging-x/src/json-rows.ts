import { LayoutDriftError, ParseError } from '@imcat/errors';
import { JSON_KEYS, MIN_ROWS, SOURCE_ID } from './config';
import { normalizeSection } from './section';

/** One datasets.json object, its values as strings (null dropped). */
export interface JsonRow {
  section: string;
  name: string;
  url: string;
  /** Every other key, in file order; label stays "true"/"false". */
  values: Record<string, string>;
  /** Whether label was true/false in the file (README shows it as Yes/No). */
  label: boolean | undefined;
}

export interface InvalidRow {
  index: number;
  reason: string;
  raw: string;
}

export function valueText(value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

function checkShape(value: unknown): asserts value is unknown[] {
  if (!Array.isArray(value)) {
    throw new LayoutDriftError('datasets.json is not a list of datasets', {
      sourceId: SOURCE_ID,
      record: 'datasets.json',
      expected: 'a JSON array of dataset objects',
      found: value === null ? 'null' : `a JSON ${typeof value}`,
    });
  }
  if (value.length < MIN_ROWS) {
    throw new ParseError('datasets.json holds implausibly few rows', {
      sourceId: SOURCE_ID,
      record: 'datasets.json',
      expected: `at least ${MIN_ROWS} dataset objects`,
      found: `${value.length}`,
    });
  }
  const seen = new Set<string>();
  for (const item of value) if (item && typeof item === 'object') for (const k of Object.keys(item)) seen.add(k);
  const missing = JSON_KEYS.filter((k) => !seen.has(k));
  if (missing.length) {
    throw new LayoutDriftError(`datasets.json objects lack the key(s) ${missing.join(', ')}`, {
      sourceId: SOURCE_ID,
      record: 'datasets.json',
      expected: `keys ${JSON_KEYS.join(', ')}`,
      found: `keys ${[...seen].join(', ')}`,
    });
  }
}

/** The rows of datasets.json; objects without a usable name or section come back as invalid. */
export function readJsonRows(value: unknown): { rows: JsonRow[]; invalid: InvalidRow[] } {
  checkShape(value);
  const rows: JsonRow[] = [];
  const invalid: InvalidRow[] = [];
  value.forEach((item, index) => {
    const raw = JSON.stringify(item) ?? String(item);
    if (!item || typeof item !== 'object' || Array.isArray(item)) {
      invalid.push({ index, reason: 'a datasets.json entry is not an object', raw });
      return;
    }
    const record = item as Record<string, unknown>;
    const name = typeof record.name === 'string' ? record.name.trim() : '';
    const section = typeof record.section === 'string' ? normalizeSection(record.section) : '';
    if (!name || !section) {
      invalid.push({ index, reason: `a datasets.json entry has no ${name ? 'section' : 'name'} string`, raw });
      return;
    }
    const values: Record<string, string> = {};
    for (const [key, v] of Object.entries(record)) {
      if (key === 'name' || key === 'url' || key === 'section') continue;
      const text = valueText(v);
      if (text !== undefined) values[key] = text;
    }
    rows.push({
      section,
      name,
      url: valueText(record.url)?.trim() ?? '',
      values,
      label: typeof record.label === 'boolean' ? record.label : undefined,
    });
  });
  return { rows, invalid };
}
