import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpClient, rewriteToLoopback } from '@imcat/http';
import { contentTypeFor, defaultSnapshotsDir, readCaptureDir, type Logger, type Source } from '@imcat/source-kit';
import { startLoopbackServer, type LoopbackReply, type LoopbackServer } from './loopback';

export const silentLogger: Logger = { info: () => {}, warn: () => {}, error: () => {} };

/** Routes "/<host>/<path>" → capture bytes, for every file the source maps. */
export function captureRoutes(source: Source, snapshotsDir = defaultSnapshotsDir()): Map<string, { body: Uint8Array; type: string }> {
  const { pages } = readCaptureDir(snapshotsDir, source);
  const routes = new Map<string, { body: Uint8Array; type: string }>();
  for (const page of pages) {
    const u = new URL(page.url);
    routes.set(decodeURIComponent(`/${u.host}${u.pathname}`), { body: page.body, type: page.headers['content-type'] ?? contentTypeFor(u.pathname) });
  }
  return routes;
}

/** A fast client for tests: no politeness delay, short backoff, aimed at the loopback server. */
export function testHttpClient(server: LoopbackServer, overrides: Parameters<typeof createHttpClient>[0] = {}) {
  return createHttpClient({
    rewrite: rewriteToLoopback(server.url),
    politenessDelayMs: 0,
    backoffMinMs: 5,
    backoffMaxMs: 20,
    retries: 3,
    timeoutMs: 2_000,
    log: silentLogger,
    ...overrides,
  });
}

function strip(listings: { fetched_at: string; snapshot_sha256: string }[]) {
  return listings.map(({ fetched_at: _f, snapshot_sha256: _s, ...rest }) => rest);
}

/**
 * The live fetch path, end to end on loopback: the captures are served at the
 * live endpoint's paths, the source fetches them through the real HTTP client,
 * and parsing what it fetched gives the same listings as the offline replay.
 * For sources whose live endpoint is not what was captured, write a custom test.
 */
export function liveFetchSuite(source: Source, options: { snapshotsDir?: string } = {}): void {
  describe(`source ${source.id}: live fetch on loopback`, () => {
    let server: LoopbackServer;
    const root = options.snapshotsDir ?? defaultSnapshotsDir();
    beforeAll(async () => {
      const routes = captureRoutes(source, root);
      server = await startLoopbackServer((req): LoopbackReply => {
        const hit = routes.get(req.path);
        return hit ? { body: hit.body, headers: { 'content-type': hit.type } } : { status: 404, body: 'not found' };
      });
    });
    afterAll(() => server.close());

    it('fetches the endpoint paths and parses to the same listings as the capture', async () => {
      const pages = await source.fetch({ http: testHttpClient(server), log: silentLogger });
      const live = source.parse(pages);
      const offline = source.parse(readCaptureDir(root, source).pages);
      expect(strip(live.listings)).toEqual(strip(offline.listings));
      const ua = server.requests[0]?.headers['user-agent'];
      expect(String(ua)).toMatch(/^imcat\//);
    });
  });
}

export function readSnapshotFile(sourceId: string, file: string, snapshotsDir = defaultSnapshotsDir()): Uint8Array {
  return new Uint8Array(readFileSync(join(snapshotsDir, sourceId, file)));
}
