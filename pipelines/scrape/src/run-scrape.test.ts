import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CaptureStore } from '@imcat/capture-store';
import { HttpError, ParseError } from '@imcat/errors';
import { ListingCollector, decodeText, defineSource, type RawPage, type Source } from '@imcat/source-kit';
import { silentLogger, startLoopbackServer, type LoopbackServer } from '@imcat/source-testing';
import { rewriteToLoopback } from '@imcat/http';
import { readReports, runScrape } from './index';

/** A tiny line-per-dataset source: "key|Name". */
function lineSource(id: string, url = `https://example.org/${id}.txt`): Source {
  return defineSource({
    id,
    title: id,
    homepage: 'https://example.org',
    endpoints: [url],
    fieldMap: {},
    fetch: async (ctx) => [await ctx.http.get(url)],
    captureFiles: (files) => files.filter((f) => f === 'list.txt').map((file) => ({ file, url })),
    parse(pages: RawPage[]) {
      const c = new ListingCollector(id);
      for (const page of pages) {
        const text = decodeText(page, id);
        if (!text.startsWith('#list')) throw new ParseError('not a list', { sourceId: id, expected: '#list header', found: text.slice(0, 10) });
        for (const line of text.split('\n').slice(1).filter(Boolean)) {
          const [key, name] = line.split('|');
          c.add(page, { key: key!, name: name ?? '', raw: {} });
        }
      }
      return c.result();
    },
  });
}

const dirs: string[] = [];
let server: LoopbackServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
  dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true }));
});
function tmp() {
  const d = mkdtempSync(join(tmpdir(), 'imcat-scrape-'));
  dirs.push(d);
  return d;
}
function page(url: string, text: string): RawPage {
  const body = new TextEncoder().encode(text);
  return { url, status: 200, headers: {}, fetched_at: '2026-11-01T00:00:00.000Z', sha256: createHash('sha256').update(body).digest('hex'), body };
}

describe('runScrape', () => {
  it('replays captures offline and stages sorted listings with a report', async () => {
    const captures = tmp();
    mkdirSync(join(captures, 'alpha'));
    writeFileSync(join(captures, 'alpha', 'list.txt'), '#list\nb|Beta\na|Alpha\n');
    writeFileSync(join(captures, 'alpha', 'SOURCE.json'), JSON.stringify({ retrieved: '2026-11-22' }));
    const staging = tmp();
    const { reports, failed } = await runScrape({ sources: [lineSource('alpha')], mode: { kind: 'offline', dir: captures }, stagingDir: staging, log: silentLogger });
    expect(failed).toEqual([]);
    expect(reports[0]).toMatchObject({ status: 'ok', listing_count: 2, fetched_at: '2026-11-22T00:00:00.000Z' });
    const lines = readFileSync(join(staging, 'alpha', 'listings.ndjson'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => l.source_key)).toEqual(['a', 'b']);
  });

  it('finishes the other sources when one fails, and reports the failure', async () => {
    server = await startLoopbackServer((req) => (req.path.includes('good') ? { body: '#list\nx|X\n' } : { status: 404 }));
    const staging = tmp();
    const { reports, failed } = await runScrape({
      sources: [lineSource('bad'), lineSource('good')],
      mode: { kind: 'live', http: { rewrite: rewriteToLoopback(server.url), politenessDelayMs: 0, retries: 0 } },
      stagingDir: staging,
      log: silentLogger,
    });
    expect(reports.map((r) => [r.source_id, r.status])).toEqual([
      ['bad', 'failed'],
      ['good', 'ok'],
    ]);
    expect(failed[0]?.reason).toMatch(/404/);
    expect(readReports(staging).map((r) => r.listing_count)).toEqual([0, 1]);
  });

  it('falls back to the last good capture in the store and marks the source stale', async () => {
    server = await startLoopbackServer(() => ({ body: 'garbage, not a list' }));
    const store = new CaptureStore(tmp());
    store.saveRun('beta', [page('https://example.org/beta.txt', '#list\nold|Old dataset\n')], 'ok');
    const { reports } = await runScrape({
      sources: [lineSource('beta')],
      mode: { kind: 'live', http: { rewrite: rewriteToLoopback(server.url), politenessDelayMs: 0, retries: 0 } },
      stagingDir: tmp(),
      store,
      log: silentLogger,
    });
    expect(reports[0]).toMatchObject({ status: 'stale', mode: 'store', listing_count: 1 });
    expect(reports[0]?.reason).toMatch(/not a list.*used the capture of 2026-11-01/);
    expect(store.runs('beta').map((r) => r.status)).toEqual(['ok', 'failed']);
  });

  it('replays the last good run from the store, and fails a source that has none', async () => {
    const store = new CaptureStore(tmp());
    store.saveRun('delta', [page('https://example.org/delta.txt', '#list\nd|Delta\n')], 'ok');
    const { reports } = await runScrape({ sources: [lineSource('delta'), lineSource('epsilon')], mode: { kind: 'store' }, stagingDir: tmp(), store, log: silentLogger });
    expect(reports.map((r) => [r.source_id, r.status, r.mode, r.listing_count])).toEqual([
      ['delta', 'ok', 'store', 1],
      ['epsilon', 'failed', 'store', 0],
    ]);
    expect(reports[1]?.reason).toMatch(/no good run of epsilon in the capture store/);
  });

  it('records a good live run in the store', async () => {
    server = await startLoopbackServer(() => ({ body: '#list\nn|New\n', headers: { etag: '"e1"' } }));
    const store = new CaptureStore(tmp());
    await runScrape({
      sources: [lineSource('gamma')],
      mode: { kind: 'live', http: { rewrite: rewriteToLoopback(server.url), politenessDelayMs: 0 } },
      stagingDir: tmp(),
      store,
      log: silentLogger,
    });
    expect(store.lastGoodRun('gamma')?.pages[0]?.headers.etag).toBe('"e1"');
    expect(HttpError).toBeDefined();
  });
});
