import { LayoutDriftError, ParseError } from '@imcat/errors';
import { ListingCollector, decodeJson, requirePage, type ParseOutput, type RawPage } from '@imcat/source-kit';
import { DATA_PATH, EXPECTED_COLUMNS, LINK_COLUMN, MIN_ROWS, NAME_COLUMN, SLUG_COLUMN, SOURCE_ID } from './config';
import { canonicalJson, flattenValue } from './flatten';
import { assignKeys, slugify } from './keys';
import { linkUrl } from './link';

interface Document {
  columns: string[];
  rows: unknown[];
}

function readDocument(value: unknown): Document {
  const doc = value as { columns?: unknown; rows?: unknown } | null;
  const columns = doc && typeof doc === 'object' ? doc.columns : undefined;
  const rows = doc && typeof doc === 'object' ? doc.rows : undefined;
  if (!Array.isArray(columns) || !columns.every((c) => typeof c === 'string') || !Array.isArray(rows)) {
    throw new LayoutDriftError('cleaned_total.json is not a {columns, rows} table', {
      sourceId: SOURCE_ID,
      record: DATA_PATH,
      expected: 'a JSON object {columns: string[], rows: object[]}',
      found: doc && typeof doc === 'object' ? `keys ${Object.keys(doc).join(', ') || '(none)'}` : `a JSON ${doc === null ? 'null' : typeof doc}`,
    });
  }
  const missing = EXPECTED_COLUMNS.filter((c) => !columns.includes(c));
  if (missing.length) {
    throw new LayoutDriftError(`cleaned_total.json lacks the column(s) ${missing.join(', ')}`, {
      sourceId: SOURCE_ID,
      record: DATA_PATH,
      expected: `columns ${EXPECTED_COLUMNS.join(', ')}`,
      found: `columns ${columns.join(', ')}`,
    });
  }
  if (rows.length < MIN_ROWS) {
    throw new ParseError('cleaned_total.json holds implausibly few rows', {
      sourceId: SOURCE_ID,
      record: DATA_PATH,
      expected: `at least ${MIN_ROWS} rows`,
      found: `${rows.length}`,
    });
  }
  return { columns, rows };
}

interface Row {
  name: string;
  link: string | undefined;
  raw: Record<string, string>;
  base: string;
  content: string;
}

function readRow(item: unknown): Row | string {
  if (!item || typeof item !== 'object' || Array.isArray(item)) return 'a row is not a JSON object';
  const record = item as Record<string, unknown>;
  const name = record[NAME_COLUMN];
  if (typeof name !== 'string' || !name.trim()) return 'a row has no name string';
  const raw: Record<string, string> = {};
  for (const [column, value] of Object.entries(record)) {
    if (column === NAME_COLUMN || column === LINK_COLUMN) continue;
    const text = flattenValue(value);
    if (text !== undefined) raw[column] = text;
  }
  const slug = typeof record[SLUG_COLUMN] === 'string' ? record[SLUG_COLUMN].trim() : '';
  const year = flattenValue(record.year) ?? '';
  const base = slug || [slugify(name), year].filter(Boolean).join('-');
  const link = typeof record[LINK_COLUMN] === 'string' ? record[LINK_COLUMN] : undefined;
  return { name, link, raw, base, content: canonicalJson(record) };
}

export function parse(pages: RawPage[]): ParseOutput {
  const page = requirePage(pages, SOURCE_ID, DATA_PATH);
  const { columns, rows } = readDocument(decodeJson(page, SOURCE_ID));
  const collector = new ListingCollector(SOURCE_ID);
  const extra = columns.filter((c) => !(EXPECTED_COLUMNS as readonly string[]).includes(c));
  if (extra.length) collector.note(`${SOURCE_ID}: new column(s) ${extra.join(', ')} kept in raw`);

  const read: Row[] = [];
  rows.forEach((item, index) => {
    const row = readRow(item);
    if (typeof row === 'string') collector.reject({ record: `rows[${index}]`, reason: row, raw: JSON.stringify(item) ?? '' });
    else read.push(row);
  });

  let messyLinks = 0;
  const keys = assignKeys(read.map(({ base, content }) => ({ base, content })));
  read.forEach((row, i) => {
    const { key, duplicate } = keys[i]!;
    if (duplicate) {
      collector.reject({ record: key, reason: `exact duplicate of ${key}`, raw: row.name });
      return;
    }
    const link = row.link === undefined ? { url: undefined, clean: true } : linkUrl(row.link);
    const raw = { ...row.raw };
    if (!link.clean && row.link !== undefined) {
      raw.link = row.link;
      messyLinks++;
    }
    collector.add(page, { key, name: row.name, url: link.url ?? null, raw });
  });
  if (messyLinks) {
    collector.note(`${SOURCE_ID}: ${messyLinks} listings have a link cell that is not one URL; kept in raw.link, the first URL in it (if any) used as url`);
  }
  return collector.result();
}
