import { ParseError } from '@imcat/errors';
import type { FetchContext, RawPage } from '@imcat/source-kit';
import { readChallengePage } from './challenge-page';
import { FIRST_PAGE_URL, MAX_PAGES, SOURCE_ID } from './config';

export interface FetchOptions {
  firstPageUrl?: string;
  maxPages?: number;
}

function fail(message: string, expected: string, found: string): never {
  throw new ParseError(message, { sourceId: SOURCE_ID, record: FIRST_PAGE_URL, field: 'next', expected, found });
}

/**
 * Follow DRF `next` links from the first page until next is null. A link to
 * another origin, a link seen before, or more than maxPages pages is an
 * error, so a looping API cannot hang the run.
 */
export async function fetchPages(ctx: FetchContext, options: FetchOptions = {}): Promise<RawPage[]> {
  const first = options.firstPageUrl ?? FIRST_PAGE_URL;
  const maxPages = options.maxPages ?? MAX_PAGES;
  const origin = new URL(first).origin;
  const pages: RawPage[] = [];
  const seen = new Set<string>();
  let url: string | null = first;
  while (url !== null) {
    ctx.signal?.throwIfAborted();
    if (pages.length >= maxPages) fail('pagination did not end within the page cap', `next=null within ${maxPages} pages`, `next=${url}`);
    seen.add(new URL(url).href);
    const page = await ctx.http.get(url, { headers: { accept: 'application/json' }, skipRobots: true });
    pages.push(page);
    const { next, count, results } = readChallengePage(page);
    ctx.log.info(`grand-challenge: page ${pages.length}, ${results.length} of ${count} challenges`, { url });
    if (next === null) break;
    const resolved: URL = new URL(next, url);
    if (resolved.origin !== origin) fail('a next link leaves the API origin', `a URL on ${origin}`, next);
    if (seen.has(resolved.href)) fail('a next link points back to a page already fetched', 'a new page', resolved.href);
    url = resolved.href;
  }
  return pages;
}
