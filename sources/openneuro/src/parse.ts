import { ParseError } from '@imcat/errors';
import { ListingCollector, type ParseOutput, type RawPage } from '@imcat/source-kit';
import { DATASET_PAGE, IMAGING_TOKEN_PREFIXES, LISTING_COLUMNS, MRI_SUFFIX_TOKENS, PLACEHOLDER_NAME, SOURCE_ID } from './config';
import { readGraphqlPage, type DatasetRow } from './graphql-page';
import { readTsvPage } from './tsv-page';

interface DatasetRecord {
  page: RawPage;
  row: DatasetRow;
}

function isTsvPage(page: RawPage): boolean {
  return /tab-separated/i.test(page.headers['content-type'] ?? '') || new URL(page.url).pathname.endsWith('.tsv');
}

function isGraphqlPage(page: RawPage): boolean {
  return /json/i.test(page.headers['content-type'] ?? '') || new URL(page.url).pathname.endsWith('/graphql');
}

/** Comma-separated modality tokens, as given (junk tokens such as "events" or "01" included). */
export function modalityTokens(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean);
}

/** Imaging = any MRI/PET/microscopy token or a BIDS MRI suffix; EEG, MEG, iEEG, NIRS and behaviour alone are not. */
export function isImaging(tokens: string[]): boolean {
  return tokens.some((token) => {
    const t = token.toLowerCase();
    return IMAGING_TOKEN_PREFIXES.some((p) => t.startsWith(p)) || MRI_SUFFIX_TOKENS.has(t);
  });
}

function rowsOf(page: RawPage, collector: ListingCollector): DatasetRow[] {
  if (isTsvPage(page)) return readTsvPage(page);
  if (isGraphqlPage(page)) {
    const result = readGraphqlPage(page);
    for (const bad of result.invalid) collector.reject({ record: bad.record, field: 'node', reason: bad.reason, raw: bad.raw });
    return result.rows;
  }
  throw new ParseError('a page is neither the TSV export nor a GraphQL response', {
    sourceId: SOURCE_ID,
    record: page.url,
    expected: 'text/tab-separated-values (*.tsv) or application/json from /crn/graphql',
    found: `content-type ${page.headers['content-type'] ?? '(none)'}`,
  });
}

function rawFields(row: DatasetRow, nameMissing: boolean): Record<string, string | undefined> {
  const raw: Record<string, string | undefined> = {};
  for (const [column, value] of Object.entries(row)) {
    if (!LISTING_COLUMNS.has(column)) raw[column] = value;
  }
  if (nameMissing) {
    raw.name_missing = 'true';
    if (row.dataset_name?.trim()) raw.dataset_name = row.dataset_name;
  }
  raw.sample_unit = 'subjects';
  return raw;
}

function addRecord(collector: ListingCollector, { page, row }: DatasetRecord): void {
  const id = (row.accession_number ?? '').trim();
  const given = (row.dataset_name ?? '').trim();
  const tokens = modalityTokens(row.modalities);
  const record = id || '(no accession_number)';
  if (tokens.length === 0) {
    collector.reject({ record, field: 'modalities', reason: 'no modalities listed: cannot tell whether the dataset holds imaging', raw: given });
    return;
  }
  if (!isImaging(tokens)) {
    collector.reject({ record, field: 'modalities', reason: `non-imaging (modalities: ${tokens.join(', ')})`, raw: given });
    return;
  }
  // An empty name or one that is just the accession ("ds000005", "ds000030_R1.0.5") is no name: show the accession.
  const nameMissing = given === '' || PLACEHOLDER_NAME.test(given);
  collector.add(page, {
    key: id,
    name: nameMissing ? id : given,
    url: row.dataset_url?.trim() || (id ? DATASET_PAGE(id) : null),
    raw: rawFields(row, nameMissing),
  });
}

/** Sort by accession, then by content, so page order never decides which of two copies is kept. */
function byKeyThenContent(a: DatasetRecord, b: DatasetRecord): number {
  const ka = a.row.accession_number ?? '';
  const kb = b.row.accession_number ?? '';
  if (ka !== kb) return ka < kb ? -1 : 1;
  const ca = JSON.stringify(a.row);
  const cb = JSON.stringify(b.row);
  return ca < cb ? -1 : ca > cb ? 1 : 0;
}

export function parse(pages: RawPage[]): ParseOutput {
  const collector = new ListingCollector(SOURCE_ID);
  const records: DatasetRecord[] = [];
  for (const page of pages) {
    for (const row of rowsOf(page, collector)) records.push({ page, row });
  }
  records.sort(byKeyThenContent);
  let previous: DatasetRecord | undefined;
  for (const current of records) {
    const id = current.row.accession_number ?? '';
    if (previous && id !== '' && previous.row.accession_number === id && JSON.stringify(previous.row) === JSON.stringify(current.row)) {
      collector.reject({ record: id, field: null, reason: `exact duplicate of ${id}`, raw: current.row.dataset_name ?? '' });
      continue;
    }
    addRecord(collector, current);
    previous = current;
  }
  return collector.result();
}
