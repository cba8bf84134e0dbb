import { ParseError, LayoutDriftError } from '@imcat/errors';
import { ListingCollector, decodeText, type ParseOutput, type RawPage } from '@imcat/source-kit';
import { DATA_JS_URL, SOURCE_ID, V0_VERSION } from './config';
import { assertRenderedTables } from './template-check';
import { assertWholePage, readLicenses, readV0Table } from './v0-page';

type PageKind = 'index' | 'v0' | 'data-js';

function kindOf(page: RawPage): PageKind {
  const path = new URL(page.url).pathname;
  if (path === '/' || path.endsWith('/index.html')) return 'index';
  if (path.endsWith('/v0.html')) return 'v0';
  if (path === new URL(DATA_JS_URL).pathname) return 'data-js';
  throw new ParseError('an unexpected page was given to the MedMNIST parser', {
    sourceId: SOURCE_ID,
    record: page.url,
    expected: 'https://medmnist.com/, /v0.html or /assets/v2/data.js',
    found: page.url,
  });
}

/** source_key: the subset name lower-cased, other characters to "-" ("OrganMNIST_Axial" → "organmnist-axial"). */
export function subsetKey(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/**
 * The current index page: its overview tables are Vue templates, so a
 * static fetch has no subsets in it. Always an error; parse records it as a
 * reject so the v0 listings still come through.
 */
export function readIndexPage(page: RawPage): never {
  const html = decodeText(page, SOURCE_ID);
  assertWholePage(html, page.url);
  assertRenderedTables(html, page.url);
  throw new LayoutDriftError('the index page no longer holds the Vue-templated overview tables this parser knows', {
    sourceId: SOURCE_ID,
    record: page.url,
    expected: 'overview tables with <tr v-for="subset in medmnist2d"> and {{subset.dataset}} placeholders',
    found: 'tables without template placeholders (rendered rows are not parsed)',
  });
}

function addV0(collector: ListingCollector, page: RawPage): void {
  const html = decodeText(page, SOURCE_ID);
  const rows = readV0Table(html, page.url);
  const licenses = readLicenses(html);
  for (const { cells } of rows) {
    const license = licenses.get(cells.name.toLowerCase());
    if (!license) collector.note(`${cells.name}: no license line under "Citation and Licenses" names this subset`);
    const { name, ...fields } = cells;
    collector.add(page, {
      key: subsetKey(name),
      name,
      url: page.url,
      raw: { ...fields, version: V0_VERSION, license: license?.license, license_url: license?.license_url },
    });
  }
}

export function parse(pages: RawPage[]): ParseOutput {
  const collector = new ListingCollector(SOURCE_ID);
  const ordered = [...pages].sort((a, b) => (a.url < b.url ? -1 : a.url > b.url ? 1 : 0));
  for (const page of ordered) {
    const kind = kindOf(page);
    if (kind === 'v0') {
      addV0(collector, page);
      continue;
    }
    if (kind === 'data-js') {
      collector.reject({
        record: page.url,
        field: null,
        reason: 'assets/v2/data.js holds the current subsets as JavaScript; parsing it is out of scope until a capture exists',
        raw: '',
      });
      continue;
    }
    try {
      readIndexPage(page);
    } catch (error) {
      if (!(error instanceof ParseError)) throw error;
      collector.reject({ record: page.url, field: null, reason: error.message, raw: '' });
    }
  }
  return collector.result();
}
