import { ConfigError, LayoutDriftError, ParseError } from '@imcat/errors';
import { describe, expect, it } from 'vitest';
import { decodeJson } from './decode';
import { drfNextLink, paginate, relayCursor, type CursorRequest } from './paginate';
import type { FetchContext, RawPage } from './types';

const ctx: FetchContext = {
  http: {
    get: () => Promise.reject(new Error('no network in unit tests')),
    post: () => Promise.reject(new Error('no network in unit tests')),
  },
  log: { info: () => undefined, warn: () => undefined, error: () => undefined },
};

function pageOf(url: string, body: string | object): RawPage {
  return {
    url,
    status: 200,
    headers: { 'content-type': 'application/json' },
    fetched_at: '2026-01-01T00:00:00.000Z',
    sha256: '0'.repeat(64),
    body: new TextEncoder().encode(typeof body === 'string' ? body : JSON.stringify(body)),
  };
}

const API = 'https://api.example.org/items/';

/** A fake DRF API: one page per URL; records the URLs asked for. */
function drfApi(pages: Record<string, object | string>) {
  const requests: string[] = [];
  const send = (url: string): Promise<RawPage> => {
    requests.push(url);
    const body = pages[url];
    return body === undefined ? Promise.reject(new Error(`404 ${url}`)) : Promise.resolve(pageOf(url, body));
  };
  return { requests, send };
}

const drf = (send: (url: string) => Promise<RawPage>, maxPages = 10) => ({
  sourceId: 'demo',
  first: `${API}?offset=0`,
  send,
  nextOf: drfNextLink('demo'),
  keyOf: (url: string) => url,
  urlOf: (url: string) => url,
  sameOrigin: API,
  maxPages,
  label: 'next link',
});

/** A fake GraphQL API: the page for each `after` cursor (null for the first). */
function graphqlApi(reply: (after: string | null, i: number) => object) {
  const requests: (string | null)[] = [];
  const send = ({ after }: CursorRequest): Promise<RawPage> => {
    requests.push(after);
    return Promise.resolve(pageOf('https://api.example.org/graphql', reply(after, requests.length - 1)));
  };
  return { requests, send };
}

const connection = (ids: string[], hasNextPage: boolean, endCursor: string | null) => ({
  data: { things: { edges: ids.map((id) => ({ node: { id } })), pageInfo: { hasNextPage, endCursor } } },
});

const relay = (send: (req: CursorRequest) => Promise<RawPage>, maxPages = 10) => ({
  sourceId: 'demo',
  first: { after: null },
  send,
  nextOf: relayCursor('demo', ['things']),
  keyOf: (req: CursorRequest) => req.after ?? '',
  maxPages,
  label: 'cursor',
});

describe('paginate with DRF next links', () => {
  it('follows next links, relative and absolute, to the last page', async () => {
    const api = drfApi({
      [`${API}?offset=0`]: { count: 5, next: '?offset=2', results: [1, 2] },
      [`${API}?offset=2`]: { count: 5, next: `${API}?offset=4`, results: [3, 4] },
      [`${API}?offset=4`]: { count: 5, next: null, results: [5] },
    });
    const seen: number[] = [];
    const pages = await paginate(ctx, { ...drf(api.send), onPage: (_p, _u, n) => seen.push(n) });
    expect(pages.map((p) => p.url)).toEqual([`${API}?offset=0`, `${API}?offset=2`, `${API}?offset=4`]);
    expect(pages.flatMap((p) => (decodeJson(p, 'demo') as { results: number[] }).results)).toEqual([1, 2, 3, 4, 5]);
    expect(seen).toEqual([1, 2, 3]);
  });

  it('detects a next link that loops back', async () => {
    const api = drfApi({
      [`${API}?offset=0`]: { next: `${API}?offset=2` },
      [`${API}?offset=2`]: { next: `${API}?offset=0` },
    });
    const run = paginate(ctx, drf(api.send));
    await expect(run).rejects.toThrow(ParseError);
    await expect(run).rejects.toThrow(/\[source demo, record https:\/\/api\.example\.org\/items\/\?offset=2.*next link did not advance.*seen before/);
    expect(api.requests).toHaveLength(2);
  });

  it('enforces the page cap without fetching past it', async () => {
    const requests: string[] = [];
    const endless = (url: string): Promise<RawPage> => {
      requests.push(url);
      const offset = Number(new URL(url).searchParams.get('offset'));
      return Promise.resolve(pageOf(url, { next: `${API}?offset=${offset + 1}` }));
    };
    await expect(paginate(ctx, drf(endless, 3))).rejects.toThrow(/page cap: expected the last page within 3 pages, found another next link after page 3/);
    expect(requests).toHaveLength(3);
  });

  it('refuses a next link on another origin before requesting it', async () => {
    const api = drfApi({ [`${API}?offset=0`]: { next: 'https://evil.example.com/items/?offset=2' } });
    await expect(paginate(ctx, drf(api.send))).rejects.toThrow(/next link leaves the API origin: expected a URL on https:\/\/api\.example\.org, found https:\/\/evil/);
    expect(api.requests).toHaveLength(1);
    // Without sameOrigin the same link is followed.
    const other = drfApi({ [`${API}?offset=0`]: { next: 'https://mirror.example.com/items/' }, 'https://mirror.example.com/items/': { next: null } });
    const { sameOrigin: _s, ...open } = drf(other.send);
    expect(await paginate(ctx, open)).toHaveLength(2);
  });

  it('fails a page that is not JSON or not a DRF page as a ParseError', async () => {
    await expect(paginate(ctx, drf(drfApi({ [`${API}?offset=0`]: '<html>oops</html>' }).send))).rejects.toThrow(/not valid JSON/);
    await expect(paginate(ctx, drf(drfApi({ [`${API}?offset=0`]: { results: [] } }).send))).rejects.toThrow(LayoutDriftError);
    await expect(paginate(ctx, drf(drfApi({ [`${API}?offset=0`]: { next: 7 } }).send))).rejects.toThrow(/neither a URL nor null/);
  });

  it('checks the abort signal before every request', async () => {
    const controller = new AbortController();
    controller.abort(new Error('stopped by user'));
    const api = drfApi({ [`${API}?offset=0`]: { next: null } });
    await expect(paginate({ ...ctx, signal: controller.signal }, drf(api.send))).rejects.toThrow(/stopped by user/);
    expect(api.requests).toHaveLength(0);

    const midway = new AbortController();
    const requests: string[] = [];
    const send = (url: string): Promise<RawPage> => {
      requests.push(url);
      if (requests.length === 2) midway.abort(new Error('stopped midway'));
      const offset = Number(new URL(url).searchParams.get('offset'));
      return Promise.resolve(pageOf(url, { next: `${API}?offset=${offset + 1}` }));
    };
    await expect(paginate({ ...ctx, signal: midway.signal }, drf(send))).rejects.toThrow(/stopped midway/);
    expect(requests).toHaveLength(2);
  });

  it('refuses a maxPages that is not a positive integer', async () => {
    await expect(paginate(ctx, drf(drfApi({}).send, 0))).rejects.toThrow(ConfigError);
  });
});

describe('paginate with Relay cursors', () => {
  it('follows endCursor until hasNextPage is false', async () => {
    const api = graphqlApi((after) =>
      after === null ? connection(['a', 'b'], true, 'c1') : after === 'c1' ? connection(['c', 'd'], true, 'c2') : connection(['e'], false, null),
    );
    const pages = await paginate(ctx, relay(api.send));
    expect(pages).toHaveLength(3);
    expect(api.requests).toEqual([null, 'c1', 'c2']);
  });

  it('detects a cursor that repeats', async () => {
    const api = graphqlApi(() => connection([], true, 'same'));
    await expect(paginate(ctx, relay(api.send))).rejects.toThrow(/cursor did not advance.*cursor same seen before/);
    expect(api.requests).toEqual([null, 'same']);
  });

  it('fails hasNextPage without an endCursor', async () => {
    const api = graphqlApi(() => connection([], true, null));
    await expect(paginate(ctx, relay(api.send))).rejects.toThrow(/field data\.things\.pageInfo\.endCursor.*no endCursor/);
  });

  it('enforces the page cap', async () => {
    const api = graphqlApi((_after, i) => connection([], true, `c${i}`));
    await expect(paginate(ctx, relay(api.send, 4))).rejects.toThrow(/within 4 pages/);
    expect(api.requests).toHaveLength(4);
  });

  it('fails a response without the connection, naming GraphQL errors when there are some', async () => {
    await expect(paginate(ctx, relay(graphqlApi(() => ({ data: { other: {} } })).send))).rejects.toThrow(LayoutDriftError);
    await expect(paginate(ctx, relay(graphqlApi(() => ({ data: null, errors: [{ message: 'rate limited' }] })).send))).rejects.toThrow(
      /answered with errors.*rate limited/,
    );
  });
});
