import { LayoutDriftError, ParseError } from '@imcat/errors';
import { extractLinks, plainText } from '@imcat/markdown';
import { ListingCollector, decodeText, type ParseOutput, type RawPage } from '@imcat/source-kit';
import { EXPECTED_SECTIONS, MIN_LISTINGS, NON_DATASET_TABLES, README_PATH, RESOURCES_DIR, SOURCE_ID } from './config';
import { assignKeys } from './keys';
import { readReadme, type DatasetRow, type ReadmeContents } from './readme';
import { repoPathOf } from './resource-links';
import { readResourceMeta } from './resource-meta';

interface Pages {
  readme: RawPage;
  /** Resource pages by decoded repository path ("resources/SMILE-UHURA 2023.md"). */
  resources: Map<string, RawPage>;
}

function sortPages(pages: RawPage[]): Pages {
  let readme: RawPage | undefined;
  const resources = new Map<string, RawPage>();
  for (const page of pages) {
    const path = repoPathOf(page.url);
    if (path === README_PATH) readme = page;
    else if (path?.startsWith(RESOURCES_DIR)) resources.set(path, page);
  }
  if (!readme) {
    throw new ParseError('a required page is missing', {
      sourceId: SOURCE_ID,
      expected: `the ${README_PATH} page`,
      found: pages.length ? pages.slice(0, 5).map((p) => p.url).join(', ') + (pages.length > 5 ? ', …' : '') : 'no pages',
    });
  }
  return { readme, resources };
}

/** Every expected section and non-dataset table must be there: they run to the end of the page, so a cut page misses some. */
function checkComplete(contents: ReadmeContents): void {
  const sections = new Set(contents.rows.map((r) => r.section));
  const missingSections = EXPECTED_SECTIONS.filter((s) => !sections.has(s));
  const missingTables = NON_DATASET_TABLES.filter((t) => !contents.nonDatasetRows.has(t.id));
  if (missingSections.length || missingTables.length) {
    throw new LayoutDriftError('expected README sections or tables are missing (page truncated or layout changed)', {
      sourceId: SOURCE_ID,
      expected: [
        ...missingSections.map((s) => `a dataset table under "${s}"`),
        ...missingTables.map((t) => `the ${t.id} table "${t.header.join('|')}"`),
      ].join(', '),
      found: `dataset tables under ${[...sections].map((s) => `"${s}"`).join(', ') || 'no section'}`,
    });
  }
  const listed = contents.rows.filter((r) => r.group !== 'text').length;
  if (listed < MIN_LISTINGS) {
    throw new ParseError('too few dataset rows', {
      sourceId: SOURCE_ID,
      expected: `at least ${MIN_LISTINGS} imaging and image-text rows`,
      found: String(listed),
    });
  }
}

/** Exact repeats go before keys are assigned, so they do not push the first copy onto a disambiguated key. */
function splitExactDuplicates(rows: DatasetRow[]): { unique: DatasetRow[]; duplicates: { row: DatasetRow; of: DatasetRow }[] } {
  const first = new Map<string, DatasetRow>();
  const unique: DatasetRow[] = [];
  const duplicates: { row: DatasetRow; of: DatasetRow }[] = [];
  for (const row of rows) {
    const seen = first.get(row.signature);
    if (seen) duplicates.push({ row, of: seen });
    else {
      first.set(row.signature, row);
      unique.push(row);
    }
  }
  return { unique, duplicates };
}

function websiteOf(cell: string): { urls: string[]; text: string } {
  const urls = extractLinks(cell).map((l) => l.url.trim());
  return { urls, text: urls.length ? urls.join(' ') : plainText(cell) };
}

/** A near miss for a missing resource page: same name in another letter case or folder. */
function nearMiss(path: string, resources: Map<string, RawPage>): string | undefined {
  const file = path.split('/').pop()?.toLowerCase();
  return [...resources.keys()].find((p) => p !== path && p.split('/').pop()?.toLowerCase() === file);
}

function rowRaw(row: DatasetRow, pages: Pages, collector: ListingCollector): Record<string, string | undefined> {
  const website = websiteOf(row.officialWebsite);
  const raw: Record<string, string | undefined> = {
    group: row.group,
    section: row.section,
    description: row.description,
    official_website: website.text,
    release_date: row.releaseDate,
    challenge: row.challenge,
    resource_file: row.resource?.path,
  };
  if (!row.resource) {
    collector.note(`${row.name} (${row.section}): no resources/*.md link in the Dataset cell`);
    return raw;
  }
  if (row.resource.correctedDirectory) {
    collector.note(`${row.name}: link "${row.resource.href}" read as ${row.resource.path}`);
  }
  const page = pages.resources.get(row.resource.path);
  if (!page) {
    const near = nearMiss(row.resource.path, pages.resources);
    collector.note(
      `${row.name}: resource page ${row.resource.path} is not among the pages` + (near ? ` (${near} has the same file name; not joined)` : ''),
    );
    return raw;
  }
  raw.resource_sha256 = page.sha256;
  const meta = readResourceMeta(decodeText(page, SOURCE_ID), row.resource.path);
  if (meta.found) Object.assign(raw, meta.fields);
  else collector.note(`${row.resource.path}: ${meta.reason}; listed without meta_* fields`);
  return raw;
}

function noteSharedAndUnlinked(rows: DatasetRow[], pages: Pages, collector: ListingCollector): void {
  const byPath = new Map<string, string[]>();
  for (const row of rows) if (row.resource) byPath.set(row.resource.path, [...(byPath.get(row.resource.path) ?? []), row.name]);
  for (const [path, names] of byPath) {
    if (names.length > 1) collector.note(`${names.length} rows link ${path} (${names.join('; ')}); each gets its meta fields`);
  }
  const unlinked = [...pages.resources.keys()].filter((p) => !byPath.has(p)).sort();
  if (unlinked.length) collector.note(`${unlinked.length} resource pages are linked by no README row: ${unlinked.join(', ')}`);
}

export function parse(pages: RawPage[]): ParseOutput {
  const sorted = sortPages(pages);
  const contents = readReadme(decodeText(sorted.readme, SOURCE_ID));
  checkComplete(contents);
  const collector = new ListingCollector(SOURCE_ID);

  const skipped = NON_DATASET_TABLES.map((t) => `${t.id} ${contents.nonDatasetRows.get(t.id) ?? 0}`);
  const skippedTotal = [...contents.nonDatasetRows.values()].reduce((a, b) => a + b, 0);
  collector.note(`skipped ${skippedTotal} rows of non-dataset tables: ${skipped.join(', ')}`);

  for (const bad of contents.malformed) {
    collector.reject({ record: bad.name || `line ${bad.line}`, reason: bad.reason, raw: bad.text });
  }
  const { unique, duplicates } = splitExactDuplicates(contents.rows);
  const keys = assignKeys(unique);
  for (const row of unique) {
    const key = keys.get(row) ?? '';
    if (row.group === 'text') {
      collector.reject({ record: key, reason: `non-imaging dataset (section ${row.section})`, raw: row.name });
      continue;
    }
    const raw = rowRaw(row, sorted, collector);
    collector.add(sorted.readme, { key, name: row.nameCell, url: websiteOf(row.officialWebsite).urls[0], raw });
  }
  for (const { row, of } of duplicates) {
    const key = keys.get(of) ?? '';
    collector.reject({ record: key, field: 'source_key', reason: `exact duplicate of ${key}`, raw: row.name });
  }
  noteSharedAndUnlinked(contents.rows, sorted, collector);
  return collector.result();
}
