import { ParseError } from '@imcat/errors';
import type { FetchContext, RawPage } from '@imcat/source-kit';
import { DATASETS_QUERY, GRAPHQL_URL, MAX_PAGES, PAGE_SIZE, SOURCE_ID } from './config';
import { readGraphqlPage } from './graphql-page';

export interface FetchOptions {
  pageSize?: number;
  maxPages?: number;
}

/**
 * POST the datasets query page by page, following pageInfo.endCursor while
 * hasNextPage is true. A cursor that repeats, or more pages than maxPages,
 * is an error rather than an endless loop.
 */
export async function fetchPages(ctx: FetchContext, options: FetchOptions = {}): Promise<RawPage[]> {
  const pageSize = options.pageSize ?? PAGE_SIZE;
  const maxPages = options.maxPages ?? MAX_PAGES;
  const pages: RawPage[] = [];
  const seen = new Set<string>();
  let after: string | null = null;
  for (;;) {
    ctx.signal?.throwIfAborted();
    if (pages.length >= maxPages) {
      throw new ParseError('GraphQL pagination did not end within the page cap', {
        sourceId: SOURCE_ID,
        record: GRAPHQL_URL,
        expected: `hasNextPage false within ${maxPages} pages of ${pageSize}`,
        found: `hasNextPage still true after cursor ${after ?? '(none)'}`,
      });
    }
    const body = JSON.stringify({ query: DATASETS_QUERY, variables: { first: pageSize, after } });
    const page = await ctx.http.post(GRAPHQL_URL, body, {
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      skipRobots: true,
    });
    pages.push(page);
    const { hasNextPage, endCursor, rows } = readGraphqlPage(page);
    ctx.log.info(`openneuro: page ${pages.length}, ${rows.length} datasets`, { after, hasNextPage });
    if (!hasNextPage) return pages;
    if (endCursor === null || seen.has(endCursor)) {
      throw new ParseError('GraphQL pagination cursor did not advance', {
        sourceId: SOURCE_ID,
        record: GRAPHQL_URL,
        field: 'pageInfo.endCursor',
        expected: 'a new endCursor while hasNextPage is true',
        found: endCursor === null ? 'no endCursor' : `cursor ${endCursor} seen before`,
      });
    }
    seen.add(endCursor);
    after = endCursor;
  }
}
