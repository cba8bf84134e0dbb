import { unescapeMarkdown } from '@imcat/markdown';
import { COMPARED_FIELDS, type ComparedField } from './config';
import type { JsonRow } from './json-rows';
import type { ReadmeRow } from './readme-rows';

export interface Disagreement {
  field: ComparedField;
  json: string;
  readme: string;
}

/** One dataset row after joining the two files. */
export interface JoinedRow {
  section: string;
  name: string;
  url: string;
  raw: Record<string, string>;
  /** Which file the listing's values come from (and whose page it cites). */
  origin: 'datasets.json' | 'readme';
  disagreements: Disagreement[];
  /** README line, when there is a README row. */
  line: number | undefined;
}

function groupKey(section: string, name: string): string {
  return `${section}\u0000${name}`;
}

/** How datasets.json's value reads in the README: booleans as Yes/No, escapes removed. */
function comparableJson(row: JsonRow, field: ComparedField): string {
  if (field === 'label' && row.label !== undefined) return row.label ? 'Yes' : 'No';
  const value = field === 'url' ? row.url : (row.values[field] ?? '');
  return unescapeMarkdown(value).trim();
}

function compare(json: JsonRow, readme: ReadmeRow): Disagreement[] {
  const out: Disagreement[] = [];
  for (const field of COMPARED_FIELDS) {
    const j = comparableJson(json, field);
    const r = readme.fields[field];
    if (j !== r) out.push({ field, json: j, readme: r });
  }
  return out;
}

function fromJson(json: JsonRow, readme: ReadmeRow | undefined): JoinedRow {
  const raw: Record<string, string> = { section: json.section, ...json.values };
  const disagreements = readme ? compare(json, readme) : [];
  for (const d of disagreements) raw[`readme_${d.field}`] = d.readme;
  if (readme?.extra.length) raw.readme_extra_cells = readme.extra.join(' | ');
  if (!readme) raw.only_in = 'datasets.json';
  return { section: json.section, name: json.name, url: json.url, raw, origin: 'datasets.json', disagreements, line: readme?.line };
}

function fromReadme(readme: ReadmeRow): JoinedRow {
  const { url, ...fields } = readme.fields;
  const raw: Record<string, string> = { section: readme.section, ...fields, only_in: 'readme' };
  if (readme.extra.length) raw.readme_extra_cells = readme.extra.join(' | ');
  return { section: readme.section, name: readme.name, url, raw, origin: 'readme', disagreements: [], line: readme.line };
}

/**
 * Pair datasets.json objects with README rows by section + name + the
 * occurrence of that name within the section (the n-th "ImageCLEF 2016" under
 * Dermoscopy in one file is the n-th in the other). Rows only one file has
 * are kept and flagged with raw.only_in.
 */
export function joinRows(jsonRows: JsonRow[], readmeRows: ReadmeRow[]): JoinedRow[] {
  const pending = new Map<string, ReadmeRow[]>();
  for (const row of readmeRows) {
    const key = groupKey(row.section, row.name);
    const queue = pending.get(key);
    if (queue) queue.push(row);
    else pending.set(key, [row]);
  }
  const joined = jsonRows.map((json) => fromJson(json, pending.get(groupKey(json.section, json.name))?.shift()));
  for (const queue of pending.values()) for (const row of queue) joined.push(fromReadme(row));
  return joined;
}
