import * as cheerio from 'cheerio';
import { LayoutDriftError, ParseError } from '@imcat/errors';
import { SOURCE_ID, V0_FIELDS, V0_HEADER, V0_MIN_ROWS } from './config';
import { assertRenderedTables } from './template-check';

export interface V0Row {
  cells: Record<(typeof V0_FIELDS)[number], string>;
}

export interface License {
  license: string;
  license_url: string;
}

const clean = (text: string): string => text.replace(/\s+/g, ' ').trim();

/** A page cut short lacks its closing </html>. */
export function assertWholePage(html: string, url: string): void {
  if (!/<\/html>\s*$/i.test(html)) {
    throw new ParseError('the HTML page ends before </html> (truncated?)', {
      sourceId: SOURCE_ID,
      record: url,
      expected: 'a page ending with </html>',
      found: `"…${clean(html.slice(-60))}"`,
    });
  }
}

/** The overview table of v0.html: exactly the expected header, at least the 10 rows, 6 cells each. */
export function readV0Table(html: string, url: string): V0Row[] {
  assertWholePage(html, url);
  assertRenderedTables(html, url);
  const $ = cheerio.load(html);
  const tables = $('table')
    .toArray()
    .map((el) => {
      const t = $(el);
      const header = t
        .find('thead tr')
        .first()
        .find('th')
        .map((_, th) => clean($(th).text()))
        .get();
      return { t, header: header.join('|') };
    });
  const expected = V0_HEADER.join('|');
  const table = tables.find((t) => t.header === expected)?.t;
  if (!table) {
    throw new LayoutDriftError('the overview table is missing or its header changed', {
      sourceId: SOURCE_ID,
      record: url,
      expected: `header "${expected}"`,
      found: tables.length ? tables.map((t) => `"${t.header}"`).join(', ') : 'no <table>',
    });
  }
  const rows: V0Row[] = [];
  table
    .find('tbody tr')
    .each((i, tr) => {
      const cells = $(tr)
        .find('td')
        .map((_, td) => clean($(td).text()))
        .get();
      if (cells.length !== V0_FIELDS.length) {
        throw new ParseError('an overview row has the wrong number of cells', {
          sourceId: SOURCE_ID,
          record: `${url} row ${i + 1}`,
          expected: `${V0_FIELDS.length} cells (${expected})`,
          found: `${cells.length} cells: ${cells.join(' | ')}`,
        });
      }
      const entry = Object.fromEntries(V0_FIELDS.map((f, c) => [f, cells[c] ?? ''])) as V0Row['cells'];
      rows.push({ cells: entry });
    });
  if (rows.length < V0_MIN_ROWS) {
    throw new ParseError('the overview table has fewer rows than the page always had', {
      sourceId: SOURCE_ID,
      record: url,
      expected: `at least ${V0_MIN_ROWS} rows`,
      found: `${rows.length} rows`,
    });
  }
  return rows;
}

/** "OrganMNIST_{Axial,Coronal,Sagittal}" → three names; "OCTMNIST/PneumoniaMNIST" → two. */
export function expandHeadingNames(heading: string): string[] {
  return heading.split('/').flatMap((part) => {
    const m = /^(.*)\{([^}]*)\}(.*)$/.exec(part.trim());
    if (!m) return [part.trim()];
    return m[2]!.split(',').map((alt) => `${m[1]}${alt.trim()}${m[3]}`);
  });
}

/**
 * The "Citation and Licenses" section: an <h4> per subset (or group of
 * subsets) followed by a "License: <a>CC BY 4.0</a>" line. Keyed by
 * lower-cased subset name.
 */
export function readLicenses(html: string): Map<string, License> {
  const $ = cheerio.load(html);
  const out = new Map<string, License>();
  $('#citation h4').each((_, h4) => {
    const names = expandHeadingNames(clean($(h4).text()));
    const block = $(h4).nextUntil('h4');
    const link = block
      .filter((_, el) => /license/i.test($(el).text()))
      .find('a')
      .first();
    const license = clean(link.text());
    if (!license) return;
    for (const name of names) out.set(name.toLowerCase(), { license, license_url: link.attr('href') ?? '' });
  });
  return out;
}
