import { ConfigError, LayoutDriftError, ParseError, excerpt } from '@imcat/errors';
import { decodeJson } from './decode';
import type { FetchContext, RawPage } from './types';

interface PaginateCommon<Req> {
  sourceId: string;
  /** The first request (a URL, a cursor state …). */
  first: Req;
  /** Perform one request; normally a call on ctx.http. */
  send: (req: Req) => Promise<RawPage>;
  /** The request for the page after this one, or null when this was the last page. */
  nextOf: (page: RawPage, req: Req) => Req | null;
  /** Identity of a request: a key seen twice means the API loops. */
  keyOf: (req: Req) => string;
  /** The most pages one walk may fetch; a next request after that many pages is an error. */
  maxPages: number;
  /** What the next request is called in error messages ("next link", "cursor"). Default "next request". */
  label?: string;
  /** The page field that carries the next request, for errors ("next", "pageInfo.endCursor"). */
  field?: string;
  /** Called with each page as it arrives, before nextOf: check it, log progress. Throwing stops the walk. */
  onPage?: (page: RawPage, req: Req, pageNumber: number) => void;
}

/**
 * Options of {@link paginate}. `sameOrigin` (an origin, or any URL on it)
 * refuses a request whose URL, as given by `urlOf`, is on another origin; so
 * it needs `urlOf`.
 */
export type PaginateOptions<Req> = PaginateCommon<Req> &
  ({ sameOrigin?: undefined; urlOf?: (req: Req) => string } | { sameOrigin: string; urlOf: (req: Req) => string });

/**
 * Walk a paginated API from `first`, one request at a time, until nextOf
 * returns null, and return every page in order. So that a misbehaving API
 * cannot hang or redirect a run, it is a ParseError when a next request
 * repeats one already made (a loop), when pages keep coming after maxPages,
 * or (with sameOrigin) when a next URL is on another origin. ctx.signal is
 * checked before every request.
 */
export async function paginate<Req>(ctx: FetchContext, options: PaginateOptions<Req>): Promise<RawPage[]> {
  const { sourceId, send, nextOf, keyOf, maxPages, onPage, urlOf } = options;
  const label = options.label ?? 'next request';
  const field = options.field;
  if (!Number.isInteger(maxPages) || maxPages < 1) {
    throw new ConfigError(`paginate: maxPages must be a positive integer, got ${maxPages}`, { sourceId });
  }
  const origin = options.sameOrigin === undefined ? undefined : new URL(options.sameOrigin).origin;

  const checkOrigin = (req: Req, record: string | undefined): void => {
    if (origin === undefined || urlOf === undefined) return;
    const url = urlOf(req);
    let found: string;
    try {
      found = new URL(url).origin;
    } catch {
      found = '(not a URL)';
    }
    if (found !== origin) {
      throw new ParseError(`a ${label} leaves the API origin`, { sourceId, record, field, expected: `a URL on ${origin}`, found: url });
    }
  };

  checkOrigin(options.first, undefined);
  const pages: RawPage[] = [];
  const seen = new Set<string>([keyOf(options.first)]);
  let req = options.first;
  for (;;) {
    ctx.signal?.throwIfAborted();
    const page = await send(req);
    pages.push(page);
    onPage?.(page, req, pages.length);
    const next = nextOf(page, req);
    if (next === null) return pages;
    const key = keyOf(next);
    checkOrigin(next, page.url);
    if (seen.has(key)) {
      throw new ParseError(`the ${label} did not advance: it points back to a page already fetched`, {
        sourceId,
        record: page.url,
        field,
        expected: 'a new page',
        found: `${label} ${key} seen before`,
      });
    }
    if (pages.length >= maxPages) {
      throw new ParseError('pagination did not end within the page cap', {
        sourceId,
        record: page.url,
        field,
        expected: `the last page within ${maxPages} pages`,
        found: `another ${label} after page ${maxPages}: ${key}`,
      });
    }
    seen.add(key);
    req = next;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function shape(value: unknown): string {
  return excerpt(JSON.stringify(value) ?? String(value), 0, 120);
}

/**
 * nextOf for Django-REST-Framework list pages (`{"next": url|null, …}`):
 * the next page's absolute URL (a relative link is resolved against the
 * page's URL), or null on the last page. A page that is not JSON, or has no
 * `next` that is a URL or null, is a ParseError.
 */
export function drfNextLink(sourceId: string): (page: RawPage) => string | null {
  return (page) => {
    const json = decodeJson(page, sourceId);
    if (!isObject(json) || !('next' in json)) {
      throw new LayoutDriftError('the page is not a DRF list page', {
        sourceId,
        record: page.url,
        field: 'next',
        expected: '{"next": url|null, …}',
        found: isObject(json) ? `keys ${Object.keys(json).join(', ') || '(none)'}` : shape(json),
      });
    }
    const next = json.next;
    if (next === null) return null;
    if (typeof next !== 'string') {
      throw new LayoutDriftError('"next" is neither a URL nor null', { sourceId, record: page.url, field: 'next', expected: 'a URL or null', found: shape(next) });
    }
    try {
      return new URL(next, page.url).href;
    } catch (cause) {
      throw new ParseError('"next" is not a valid URL', { sourceId, record: page.url, field: 'next', expected: 'a URL or null', found: next, cause });
    }
  };
}

/** Request state of a Relay-style cursor walk: `after` is null for the first page. */
export interface CursorRequest {
  after: string | null;
}

/**
 * nextOf for a Relay-style GraphQL connection at `data.<path>`: reads
 * `pageInfo { hasNextPage, endCursor }` and gives the request for the next
 * page, or null when hasNextPage is false. A page without that pageInfo, or
 * hasNextPage without an endCursor, is a ParseError.
 */
export function relayCursor(sourceId: string, path: readonly string[]): (page: RawPage) => CursorRequest | null {
  const where = ['data', ...path].join('.');
  return (page) => {
    const json = decodeJson(page, sourceId);
    let node: unknown = isObject(json) ? json.data : undefined;
    for (const step of path) node = isObject(node) ? node[step] : undefined;
    const pageInfo = isObject(node) ? node.pageInfo : undefined;
    if (!isObject(pageInfo) || typeof pageInfo.hasNextPage !== 'boolean') {
      const errors = isObject(json) && Array.isArray(json.errors) ? json.errors : [];
      throw new (errors.length ? ParseError : LayoutDriftError)(
        errors.length ? 'the GraphQL API answered with errors instead of data' : `the GraphQL response has no ${where}.pageInfo`,
        {
          sourceId,
          record: page.url,
          field: `${where}.pageInfo`,
          expected: `${where}.pageInfo { hasNextPage: boolean, endCursor }`,
          found: errors.length ? shape(errors) : isObject(node) ? `pageInfo ${shape(pageInfo)}` : `no object at ${where}`,
        },
      );
    }
    if (!pageInfo.hasNextPage) return null;
    const endCursor = pageInfo.endCursor;
    if (typeof endCursor !== 'string' || endCursor === '') {
      throw new ParseError('the cursor did not advance: hasNextPage is true but there is no endCursor', {
        sourceId,
        record: page.url,
        field: `${where}.pageInfo.endCursor`,
        expected: 'a new endCursor while hasNextPage is true',
        found: `endCursor ${shape(endCursor)}`,
      });
    }
    return { after: endCursor };
  };
}
