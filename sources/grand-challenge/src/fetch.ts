import { drfNextLink, paginate, type FetchContext, type RawPage } from '@imcat/source-kit';
import { readChallengePage } from './challenge-page';
import { FIRST_PAGE_URL, MAX_PAGES, SOURCE_ID } from './config';

export interface FetchOptions {
  firstPageUrl?: string;
  maxPages?: number;
}

/**
 * Follow DRF `next` links from the first page until next is null. Each page
 * is checked as it arrives; the shared paginator refuses a link to another
 * origin, a link seen before, or more than maxPages pages, so a looping API
 * cannot hang the run.
 */
export function fetchPages(ctx: FetchContext, options: FetchOptions = {}): Promise<RawPage[]> {
  const first = options.firstPageUrl ?? FIRST_PAGE_URL;
  return paginate(ctx, {
    sourceId: SOURCE_ID,
    first,
    send: (url) => ctx.http.get(url, { headers: { accept: 'application/json' }, skipRobots: true }),
    onPage: (page, url, n) => {
      const { count, results } = readChallengePage(page);
      ctx.log.info(`grand-challenge: page ${n}, ${results.length} of ${count} challenges`, { url });
    },
    nextOf: drfNextLink(SOURCE_ID),
    keyOf: (url) => new URL(url).href,
    urlOf: (url) => url,
    sameOrigin: first,
    maxPages: options.maxPages ?? MAX_PAGES,
    label: 'next link',
    field: 'next',
  });
}
