import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { LayoutDriftError, ParseError } from '@imcat/errors';
import { defaultSnapshotsDir, readCaptureDir, sha256Hex, type RawPage } from '@imcat/source-kit';
import {
  changePages,
  type LoopbackServer,
  offlineSourceSuite,
  readSnapshotFile,
  reverseJsonArray,
  silentLogger,
  startLoopbackServer,
  testHttpClient,
} from '@imcat/source-testing';
import { CAPTURE_FILE, CAPTURE_URL, FIRST_PAGE_URL } from './config';
import { fetchPages } from './fetch';
import source from './index';

// Hand count: python3 -c "import json; d=json.load(open('challenges-api-v1-offset230-limit34.json'));
//   print(len(d['results']), len({r['slug'] for r in d['results']}), all(r['public'] for r in d['results']))"
//   → 34 34 True: 34 public challenges with distinct slugs, none out of scope (REG2026, DALPHIN and DoseRAD
//   work on images too), so 34 listings and no rejects.
offlineSourceSuite(source, {
  expectedListings: 34,
  howCounted: 'python: len(results) = 34, 34 distinct slugs, all public; none rejected',
  expectedRejects: 0,
  // The API page's results in reverse order.
  reorder: (pages) => changePages(pages, () => true, (text) => reverseJsonArray(text, ['results'])),
});

const FETCHED_AT = '2026-11-22T00:00:00.000Z';

function pageOf(url: string, body: string | Uint8Array): RawPage {
  const bytes = typeof body === 'string' ? new TextEncoder().encode(body) : body;
  return { url, status: 200, headers: { 'content-type': 'application/json' }, fetched_at: FETCHED_AT, sha256: sha256Hex(bytes), body: bytes };
}

const captureText = (): string => new TextDecoder().decode(readSnapshotFile('grand-challenge', CAPTURE_FILE));
const captured = (json: unknown): RawPage => pageOf(CAPTURE_URL, JSON.stringify(json));
const firstPageText = (): string => readFileSync(new URL('./fixtures/challenges-first-page.json', import.meta.url), 'utf8');

describe('grand-challenge capture', () => {
  const out = source.parse(readCaptureDir(defaultSnapshotsDir(), source).pages);
  const byKey = new Map(out.listings.map((l) => [l.source_key, l]));

  it('keys by slug, names by title, links the challenge site, and keeps the fields as strings', () => {
    expect(byKey.get('TopBrain2026')).toMatchObject({
      name: 'TopBrain Segmentation Challenge Version 2',
      url: 'https://topbrain2026.grand-challenge.org/',
      raw: { slug: 'TopBrain2026', status: 'OPEN_SOON', submission_types: 'Predictions, Algorithm', public: 'true' },
    });
    expect(byKey.get('OWL')?.raw).not.toHaveProperty('start_date');
    expect(byKey.get('ATM26')?.raw.publications?.split(' | ')).toHaveLength(3);
    expect(byKey.get('REG2026')?.name).toBe('Pathologist REasoning-Guided REport Generation Challenge');
  });

  it('raises LayoutDriftError when results is not an array', () => {
    const json = JSON.parse(captureText()) as { results: Record<string, unknown>[] };
    expect(() => source.parse([captured({ ...json, results: { items: json.results } })])).toThrow(LayoutDriftError);
    // Every result renames slug → short_name: the result layout changed.
    const renamed = json.results.map(({ slug, ...rest }) => ({ ...rest, short_name: slug }));
    expect(() => source.parse([captured({ ...json, results: renamed })])).toThrow(LayoutDriftError);
    expect(() => source.parse([captured({ ...json, results: renamed })])).toThrow(/expected results with slug, title, url/);
  });

  it('raises ParseError when count is smaller than the results seen, or the last page stops short', () => {
    const json = JSON.parse(captureText()) as { count: number; results: unknown[] };
    expect(() => source.parse([captured({ ...json, count: 250 })])).toThrow(/more results than its count allows/);
    expect(() => source.parse([captured({ ...json, results: json.results.slice(0, 20) })])).toThrow(/does not end at count/);
    const text = captureText();
    expect(() => source.parse([pageOf(CAPTURE_URL, text.slice(0, text.length - 40))])).toThrow(ParseError);
  });

  it('rejects a second identical copy of a challenge and a result without a slug', () => {
    const json = JSON.parse(captureText()) as { count: number; results: Record<string, unknown>[] };
    const first = json.results[0]!;
    const page2 = pageOf('https://grand-challenge.org/api/v1/challenges/?limit=2&offset=0', JSON.stringify({
      count: 264,
      next: null,
      previous: null,
      results: [first, { ...first, slug: undefined }],
    }));
    // Offset 0 with next=null cannot end at count 264, so give the duplicate page no offset.
    const noOffset = { ...page2, url: 'https://grand-challenge.org/api/v1/challenges/?limit=2' };
    const again = source.parse([readCaptureDir(defaultSnapshotsDir(), source).pages[0]!, noOffset]);
    expect(again.listings).toHaveLength(34);
    expect(again.rejects.map((r) => r.reason).sort()).toEqual(['challenge without slug', `exact duplicate of ${String(first.slug)}`]);
  });
});

describe('grand-challenge live fetch on loopback', () => {
  let server: LoopbackServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('follows next from the first page to the captured last page', async () => {
    const last = readSnapshotFile('grand-challenge', CAPTURE_FILE);
    server = await startLoopbackServer((req) => {
      if (req.path !== '/grand-challenge.org/api/v1/challenges/') return { status: 404 };
      const offset = req.query.get('offset');
      if (offset === '0' && req.query.get('limit') === '100') return { body: firstPageText(), headers: { 'content-type': 'application/json' } };
      if (offset === '230' && req.query.get('limit') === '34') return { body: last, headers: { 'content-type': 'application/json' } };
      return { status: 404 };
    });
    const pages = await source.fetch({ http: testHttpClient(server), log: silentLogger });
    expect(pages.map((p) => p.url)).toEqual([FIRST_PAGE_URL, CAPTURE_URL]);
    const out = source.parse(pages);
    expect(out.listings).toHaveLength(35);
    expect(out.listings.find((l) => l.source_key === 'LUNA16')?.raw.publications).toBe(
      'https://doi.org/10.1016/j.media.2017.06.015 | https://arxiv.org/abs/1612.08012',
    );
    expect(out.rejects).toEqual([expect.objectContaining({ record: 'hidden-test', reason: 'challenge is not public' })]);
    const strip = <T extends { fetched_at: string; snapshot_sha256: string }>(l: T): T => ({ ...l, fetched_at: '', snapshot_sha256: '' });
    const offline = source.parse(readCaptureDir(defaultSnapshotsDir(), source).pages).listings.map(strip);
    expect(out.listings.map(strip).filter((l) => l.source_key !== 'LUNA16')).toEqual(offline);
  });

  it('stops a next chain that loops or never ends', async () => {
    const page = (next: string) => JSON.stringify({ count: 1000, next, previous: null, results: [] });
    server = await startLoopbackServer((req) => ({ body: page(`https://grand-challenge.org/api/v1/challenges/?limit=100&offset=${req.query.get('offset')}`) }));
    await expect(fetchPages({ http: testHttpClient(server), log: silentLogger })).rejects.toThrow(/points back to a page already fetched/);
    await server.close();
    server = await startLoopbackServer((req) => ({
      body: page(`https://grand-challenge.org/api/v1/challenges/?limit=100&offset=${Number(req.query.get('offset')) + 100}`),
    }));
    await expect(fetchPages({ http: testHttpClient(server), log: silentLogger }, { maxPages: 4 })).rejects.toThrow(/within 4 pages/);
    expect(server.requests).toHaveLength(4);
    await server.close();
    server = await startLoopbackServer(() => ({ body: page('https://evil.example.org/api/v1/challenges/?offset=100') }));
    await expect(fetchPages({ http: testHttpClient(server), log: silentLogger })).rejects.toThrow(/leaves the API origin/);
  });
});
