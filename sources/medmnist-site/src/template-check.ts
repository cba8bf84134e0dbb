import * as cheerio from 'cheerio';
import { ParseError } from '@imcat/errors';
import { SOURCE_ID } from './config';

const PLACEHOLDER = /\{\{\s*[^{}]+?\s*\}\}/g;

/** Template placeholders ("{{subset.dataset}}") inside table rows, in document order, without repeats. */
export function tablePlaceholders(html: string): { placeholders: string[]; loops: string[] } {
  const $ = cheerio.load(html);
  const placeholders = new Set<string>();
  $('table tr').each((_, tr) => {
    for (const m of $(tr).text().matchAll(PLACEHOLDER)) placeholders.add(m[0].replace(/\s+/g, ''));
  });
  const loops = $('table tr[v-for]')
    .map((_, tr) => $(tr).attr('v-for') ?? '')
    .get();
  return { placeholders: [...placeholders], loops };
}

/**
 * Throw when a page's tables are client-side templates (Vue `v-for` rows,
 * `{{…}}` placeholders) rather than rendered data: a static fetch of such a
 * page has no datasets in it, only their template.
 */
export function assertRenderedTables(html: string, url: string): void {
  const { placeholders, loops } = tablePlaceholders(html);
  if (placeholders.length === 0 && loops.length === 0) return;
  const shown = placeholders.slice(0, 5).join(', ') || '(none)';
  throw new ParseError('the page holds a client-side template, not rendered rows', {
    sourceId: SOURCE_ID,
    record: url,
    expected: 'rendered rows',
    found: `template placeholders ${shown}${loops.length ? ` in <tr v-for="${loops.join('">, <tr v-for="')}">` : ''}`,
  });
}
