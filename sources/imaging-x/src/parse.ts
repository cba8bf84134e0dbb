import { ParseError } from '@imcat/errors';
import { ListingCollector, decodeJson, decodeText, type ParseOutput, type RawPage } from '@imcat/source-kit';
import { DATASETS_PATH, MIN_ROWS, OWNER_REPO, README_PATH, SOURCE_ID } from './config';
import { joinRows } from './join';
import { readJsonRows } from './json-rows';
import { assignKeys } from './keys';
import { readReadmeRows } from './readme-rows';

/** The raw.githubusercontent.com page for a repository file, at whatever ref (branch or pinned commit). */
function findRawFile(pages: RawPage[], repoPath: string): RawPage {
  const page = pages.find((p) => {
    const parts = new URL(p.url).pathname.split('/');
    return `${parts[1]}/${parts[2]}` === OWNER_REPO && parts.slice(4).join('/') === repoPath;
  });
  if (!page) {
    throw new ParseError('a required page is missing', {
      sourceId: SOURCE_ID,
      expected: `the file ${repoPath} of ${OWNER_REPO}`,
      found: pages.length ? pages.map((p) => p.url).join(', ') : 'no pages',
    });
  }
  return page;
}

/** The optional commits-API answer fetch() adds; it only yields a note. */
function commitNote(pages: RawPage[]): string | undefined {
  const page = pages.find((p) => new URL(p.url).pathname.endsWith(`/repos/${OWNER_REPO}/commits`));
  if (!page) return undefined;
  try {
    const list = decodeJson(page, SOURCE_ID) as { sha?: unknown; commit?: { committer?: { date?: unknown } } }[];
    const sha = list[0]?.sha;
    if (typeof sha === 'string') return `${SOURCE_ID}: files read at commit ${sha} (${String(list[0]?.commit?.committer?.date ?? 'date unknown')})`;
  } catch (error) {
    if (!(error instanceof ParseError)) throw error;
  }
  return `${SOURCE_ID}: the commits API answer could not be read; version not pinned`;
}

export function parse(pages: RawPage[]): ParseOutput {
  const jsonPage = findRawFile(pages, DATASETS_PATH);
  const readmePage = findRawFile(pages, README_PATH);
  const { rows: jsonRows, invalid } = readJsonRows(decodeJson(jsonPage, SOURCE_ID));
  const readmeRows = readReadmeRows(decodeText(readmePage, SOURCE_ID));
  if (readmeRows.length < MIN_ROWS) {
    throw new ParseError('README.md tables hold implausibly few rows', {
      sourceId: SOURCE_ID,
      record: 'README.md',
      expected: `at least ${MIN_ROWS} table rows`,
      found: `${readmeRows.length}`,
    });
  }

  const collector = new ListingCollector(SOURCE_ID);
  const pinned = commitNote(pages);
  if (pinned) collector.note(pinned);
  for (const bad of invalid) collector.reject({ record: `datasets.json[${bad.index}]`, reason: bad.reason, raw: bad.raw });

  for (const { row, key, duplicate } of assignKeys(joinRows(jsonRows, readmeRows))) {
    if (duplicate) {
      collector.reject({ record: key, reason: `exact duplicate of ${key}`, raw: row.name });
      continue;
    }
    for (const d of row.disagreements) {
      collector.note(`${SOURCE_ID}: ${key} field ${d.field}: datasets.json "${d.json}" vs README "${d.readme}" (README line ${row.line})`);
    }
    if (row.raw.only_in === 'datasets.json') collector.note(`${SOURCE_ID}: ${key} is in datasets.json but has no README row`);
    if (row.raw.only_in === 'readme') collector.note(`${SOURCE_ID}: ${key} (README line ${row.line}) has no datasets.json object`);
    if (row.raw.readme_extra_cells) collector.note(`${SOURCE_ID}: ${key} README row has extra cells "${row.raw.readme_extra_cells}"`);
    collector.add(row.origin === 'readme' ? readmePage : jsonPage, { key, name: row.name, url: row.url || null, raw: row.raw });
  }
  return collector.result();
}
