import { afterEach, describe, expect, it } from 'vitest';
import { HttpError } from '@imcat/errors';
import { startLoopbackServer, testHttpClient, type LoopbackHandler, type LoopbackServer } from '@imcat/source-testing';
import { parseRetryAfter } from './client';

const URL_A = 'https://example.org/data/list.json';
let server: LoopbackServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function serve(handler: LoopbackHandler) {
  server = await startLoopbackServer(handler);
  return server;
}

describe('retries', () => {
  it('retries a 500 and succeeds on the following 200', async () => {
    const s = await serve((_req, n) => (n === 0 ? { status: 500, body: 'boom' } : { body: '{"ok":true}' }));
    const page = await testHttpClient(s).get(URL_A);
    expect(new TextDecoder().decode(page.body)).toBe('{"ok":true}');
    expect(page.url).toBe(URL_A);
    expect(s.requests.map((r) => r.path)).toEqual(['/example.org/data/list.json', '/example.org/data/list.json']);
  });

  it('waits for Retry-After on 429 before retrying', async () => {
    const waits: number[] = [];
    const s = await serve((_req, n) => (n === 0 ? { status: 429, headers: { 'retry-after': '2' }, body: '' } : { body: 'ok' }));
    const page = await testHttpClient(s, { sleep: async (ms) => void waits.push(ms) }).get(URL_A);
    expect(page.status).toBe(200);
    expect(waits).toContain(2000);
  });

  it('caps a very long Retry-After', async () => {
    const waits: number[] = [];
    const s = await serve((_req, n) => (n === 0 ? { status: 503, headers: { 'retry-after': '86400' } } : { body: 'ok' }));
    await testHttpClient(s, { sleep: async (ms) => void waits.push(ms), retryAfterCapMs: 5000 }).get(URL_A);
    expect(waits).toContain(5000);
  });

  it('gives up after the retry budget with the last status in the error', async () => {
    const s = await serve(() => ({ status: 502, body: 'bad gateway' }));
    const error = await testHttpClient(s, { retries: 2 }).get(URL_A).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpError);
    expect((error as HttpError).status).toBe(502);
    expect(s.requests).toHaveLength(3);
  });

  it('does not retry other 4xx', async () => {
    const s = await serve(() => ({ status: 404, body: 'nope' }));
    const error = await testHttpClient(s).get(URL_A).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpError);
    expect((error as HttpError).message).toMatch(/404.*not retried/);
    expect(s.requests).toHaveLength(1);
  });

  it('retries a connection reset', async () => {
    const s = await serve((_req, n) => (n === 0 ? { reset: true } : { body: 'fine' }));
    const page = await testHttpClient(s).get(URL_A);
    expect(new TextDecoder().decode(page.body)).toBe('fine');
  });
});

describe('timeouts and incomplete bodies', () => {
  it('times out a hung response and reports it', async () => {
    const s = await serve(() => ({ hang: true }));
    const error = await testHttpClient(s, { timeoutMs: 150, retries: 1 }).get(URL_A).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpError);
    expect((error as Error).message).toMatch(/timed out after 150 ms/);
    expect(s.requests).toHaveLength(2);
  });

  it('treats a truncated body as an error, never a short page', async () => {
    const body = new TextEncoder().encode('x'.repeat(1000));
    const s = await serve(() => ({ truncate: true, sendBytes: 400, body }));
    const error = await testHttpClient(s, { retries: 1 }).get(URL_A).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpError);
    expect((error as Error).message).toMatch(/body ended after|truncated body/);
  });

  it('recovers when a truncated body is followed by a whole one', async () => {
    const body = new TextEncoder().encode('y'.repeat(500));
    const s = await serve((_req, n) => (n === 0 ? { truncate: true, sendBytes: 10, body } : { body }));
    const page = await testHttpClient(s).get(URL_A);
    expect(page.body.byteLength).toBe(500);
  });

  it('refuses a body over the size limit', async () => {
    const s = await serve(() => ({ body: 'z'.repeat(5000) }));
    const error = await testHttpClient(s, { maxBodyBytes: 1000 }).get(URL_A).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/larger than the 1000-byte limit/);
  });

  it('reads a slow but steady body', async () => {
    const body = new TextEncoder().encode('s'.repeat(300));
    const s = await serve(() => ({ slow: true, chunkDelayMs: 5, chunkBytes: 50, body }));
    const page = await testHttpClient(s).get(URL_A);
    expect(page.body.byteLength).toBe(300);
  });
});

describe('politeness and identity', () => {
  it('sends the imcat User-Agent', async () => {
    const s = await serve(() => ({ body: 'ok' }));
    await testHttpClient(s).get(URL_A);
    expect(String(s.requests[0]?.headers['user-agent'])).toMatch(/^imcat\/.*\+https:\/\//);
  });

  it('sends conditional headers and reuses the cached page on 304', async () => {
    const cachedBody = new TextEncoder().encode('cached');
    const cached = {
      url: URL_A,
      status: 200,
      headers: { etag: '"v1"', 'last-modified': 'Sun, 22 Nov 2026 00:00:00 GMT' },
      fetched_at: '2026-11-22T00:00:00.000Z',
      sha256: 'c'.repeat(64),
      body: cachedBody,
    };
    const s = await serve((req) => (req.headers['if-none-match'] === '"v1"' ? { status: 304 } : { body: 'new' }));
    const page = await testHttpClient(s, { cache: { lookup: () => cached } }).get(URL_A);
    expect(page.body).toBe(cachedBody);
    expect(page.headers['x-imcat-not-modified']).toBe('true');
    expect(s.requests[0]?.headers['if-modified-since']).toBe('Sun, 22 Nov 2026 00:00:00 GMT');
  });

  it('checks robots.txt before fetching an HTML page', async () => {
    const s = await serve((req) =>
      req.path.endsWith('/robots.txt') ? { body: 'User-agent: *\nDisallow: /private/\n' } : { body: '<html></html>' },
    );
    const client = testHttpClient(s, { respectRobots: true });
    await expect(client.get('https://example.org/private/page.html')).rejects.toThrow(/robots.txt .* disallows/);
    const ok = await client.get('https://example.org/public/');
    expect(ok.status).toBe(200);
    expect(s.requests.filter((r) => r.path.endsWith('/robots.txt'))).toHaveLength(1);
  });

  it('does not consult robots.txt for raw data files', async () => {
    const s = await serve(() => ({ body: '{}' }));
    await testHttpClient(s, { respectRobots: true }).get(URL_A);
    expect(s.requests.map((r) => r.path)).toEqual(['/example.org/data/list.json']);
  });

  it('limits concurrent requests per host', async () => {
    let active = 0;
    let peak = 0;
    const s = await serve(async () => {
      active++;
      peak = Math.max(peak, active);
      await new Promise((r) => setTimeout(r, 30));
      active--;
      return { body: 'ok' };
    });
    const client = testHttpClient(s, { perHostConcurrency: 2 });
    await Promise.all(Array.from({ length: 6 }, (_, i) => client.get(`https://example.org/data/${i}.json`)));
    expect(peak).toBe(2);
  });

  it('refuses non-http schemes', async () => {
    const s = await serve(() => ({ body: 'ok' }));
    await expect(testHttpClient(s).get('file:///etc/passwd')).rejects.toThrow(/expected an http\(s\) URL/);
    expect(s.requests).toHaveLength(0);
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates', () => {
    const now = new Date('2026-11-22T00:00:00Z');
    expect(parseRetryAfter('3', now)).toBe(3000);
    expect(parseRetryAfter('Sun, 22 Nov 2026 00:00:10 GMT', now)).toBe(10_000);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
  });
});
