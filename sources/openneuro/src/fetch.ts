import { paginate, relayCursor, type CursorRequest, type FetchContext, type RawPage } from '@imcat/source-kit';
import { DATASETS_QUERY, GRAPHQL_URL, MAX_PAGES, PAGE_SIZE, SOURCE_ID } from './config';
import { readGraphqlPage } from './graphql-page';

export interface FetchOptions {
  pageSize?: number;
  maxPages?: number;
}

/**
 * POST the datasets query page by page, following pageInfo.endCursor while
 * hasNextPage is true. The shared paginator makes a cursor that repeats, or
 * more pages than maxPages, an error rather than an endless loop.
 */
export function fetchPages(ctx: FetchContext, options: FetchOptions = {}): Promise<RawPage[]> {
  const pageSize = options.pageSize ?? PAGE_SIZE;
  return paginate<CursorRequest>(ctx, {
    sourceId: SOURCE_ID,
    first: { after: null },
    send: ({ after }) =>
      ctx.http.post(GRAPHQL_URL, JSON.stringify({ query: DATASETS_QUERY, variables: { first: pageSize, after } }), {
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        skipRobots: true,
      }),
    onPage: (page, { after }, n) => {
      const { hasNextPage, rows } = readGraphqlPage(page);
      ctx.log.info(`openneuro: page ${n}, ${rows.length} datasets`, { after, hasNextPage });
    },
    nextOf: relayCursor(SOURCE_ID, ['datasets']),
    keyOf: ({ after }) => after ?? '',
    maxPages: options.maxPages ?? MAX_PAGES,
    label: 'cursor',
    field: 'pageInfo.endCursor',
  });
}
