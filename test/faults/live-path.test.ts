import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpError, ImcatError, LayoutDriftError, ParseError } from '@imcat/errors';
import { rewriteToLoopback, type HttpClientOptions } from '@imcat/http';
import { runScrape } from '@imcat/pipeline-scrape';
import { loadSources } from '@imcat/registry';
import { defaultSnapshotsDir, readCaptureDir, type ParseOutput, type RawPage, type SourceListing } from '@imcat/source-kit';
import { silentLogger, startLoopbackServer, testHttpClient, type LoopbackReply, type LoopbackServer } from '@imcat/source-testing';
import { liveSite, type LiveSite, type Resource } from './sites';

/**
 * Fault injection on the live fetch path of every registered source. Each
 * source's live requests are served on 127.0.0.1 from its captures (see
 * sites.ts), and the FIRST request to each served path gets a fault: a 5xx
 * burst, 429 + Retry-After, a slow or hung body, a reset, a truncated body.
 * Then the path answers correctly (the retry must succeed with the same
 * listings as a clean run) or keeps failing (the fetch must end in an
 * HttpError). Corrupted bodies, ten-times bodies and drifted layouts must
 * end in typed errors, never in listings read from garbage.
 */

type Plan = (key: string, n: number, resource: Resource) => LoopbackReply | undefined;

const sites = loadSources().sources.map(liveSite);
const enc = new TextEncoder();
const dec = new TextDecoder();

interface Served {
  server: LoopbackServer;
  /** Requests per resource key. */
  counts: Map<string, number>;
}

const open: LoopbackServer[] = [];
afterAll(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
});

/** Serve a site; `plan` may replace the answer to the n-th request (0-based) for a fault key. */
async function serve(site: LiveSite, plan?: Plan, keys: Set<string> = site.faultKeys): Promise<Served> {
  const counts = new Map<string, number>();
  const server = await startLoopbackServer((req): LoopbackReply => {
    const hit = site.resolve(req);
    if (!hit) return { status: 404, body: 'not found' };
    const n = counts.get(hit.key) ?? 0;
    counts.set(hit.key, n + 1);
    const fault = plan && keys.has(hit.key) ? plan(hit.key, n, hit.resource) : undefined;
    return fault ?? { body: hit.resource.body, headers: { 'content-type': hit.resource.type } };
  });
  open.push(server);
  return { server, counts };
}

async function stop(served: Served): Promise<void> {
  const i = open.indexOf(served.server);
  if (i >= 0) open.splice(i, 1);
  await served.server.close();
}

function client(served: Served, overrides: HttpClientOptions = {}) {
  return testHttpClient(served.server, { perHostConcurrency: 8, ...overrides });
}

/** Listings without what depends on the page bytes rather than their content (fetch time, page hashes). */
const strip = (listings: SourceListing[]) =>
  listings.map(({ fetched_at: _f, snapshot_sha256: _s, raw, ...rest }) => ({
    ...rest,
    raw: Object.fromEntries(Object.entries(raw).filter(([k]) => !k.endsWith('sha256'))),
  }));

async function fetchPages(site: LiveSite, served: Served, overrides: HttpClientOptions = {}): Promise<RawPage[]> {
  return site.source.fetch({ http: client(served, overrides), log: silentLogger });
}

/** Fetch then parse; the error (if any) of either step, or the output. */
async function attempt(site: LiveSite, served: Served, overrides: HttpClientOptions = {}): Promise<{ out?: ParseOutput; error?: unknown }> {
  let pages: RawPage[];
  try {
    pages = await fetchPages(site, served, overrides);
  } catch (error) {
    return { error };
  }
  try {
    return { out: site.source.parse(pages) };
  } catch (error) {
    return { error };
  }
}

function describeUnknown(error: unknown): string {
  return error instanceof Error ? `${error.constructor.name}: ${error.message}\n${error.stack ?? ''}` : String(error);
}

/** Deterministic garbage: a PNG-like header, NUL runs and LCG bytes. */
function binaryGarbage(size: number, seed: number): Uint8Array {
  const out = new Uint8Array(size);
  out.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]);
  let x = seed >>> 0;
  for (let i = 12; i < size; i++) {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    out[i] = i % 97 < 8 ? 0 : x >>> 24;
  }
  return out;
}

/** The page with Windows-1252 bytes (curly quotes, é) spliced in at a line start near the middle: not UTF-8. */
function wrongEncoding(body: Uint8Array): Uint8Array {
  let at = body.length >> 1;
  while (at < body.length && body[at - 1] !== 0x0a) at++;
  const cp1252 = new Uint8Array([0x93, 0x43, 0x61, 0x66, 0xe9, 0x94, 0x20]);
  const out = new Uint8Array(body.length + cp1252.length);
  out.set(body.subarray(0, at));
  out.set(cp1252, at);
  out.set(body.subarray(at), at + cp1252.length);
  return out;
}

/** The page as UTF-16LE with a BOM (a server that re-encoded it). */
function utf16(body: Uint8Array): Uint8Array {
  return new Uint8Array(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(dec.decode(body), 'utf16le')]));
}

/** Ten times the size: JSON objects get a padding member (still valid JSON), everything else trailing whitespace. */
function tenTimes(body: Uint8Array): Uint8Array {
  const text = dec.decode(body);
  const pad = body.length * 9;
  const trimmed = text.trimEnd();
  if (trimmed.startsWith('{') && trimmed.endsWith('}')) {
    try {
      JSON.parse(trimmed);
      return enc.encode(`${trimmed.slice(0, -1)}, "x_imcat_padding": "${'x'.repeat(pad)}"}`);
    } catch {
      // not JSON after all: pad with whitespace below
    }
  }
  return enc.encode(text + ' \n'.repeat(Math.ceil(pad / 2)));
}

describe.each(sites.map((s) => [s.source.id, s] as const))('live path faults: %s', (id, site) => {
  let baseline: ReturnType<typeof strip>;
  const maxSize = Math.max(...site.keys.map((k) => site.resolve(fakeRequest(site, k))?.resource.body.length ?? 0));

  beforeAll(async () => {
    const served = await serve(site);
    try {
      const pages = await fetchPages(site, served);
      baseline = strip(site.source.parse(pages).listings);
      // each page once; every page that holds the list among them
      for (const [key, n] of served.counts) expect(n, `clean run requests ${key}`).toBe(1);
      for (const key of site.listKeys) expect(served.counts.has(key), `clean run requests ${key}`).toBe(true);
    } finally {
      await stop(served);
    }
    expect(baseline.length).toBeGreaterThan(0);
  }, 20_000);

  const requestedFaultKeys = (served: Served) => [...site.faultKeys].filter((k) => served.counts.has(k));

  async function expectRecovers(plan: Plan, overrides: HttpClientOptions = {}, minRequests = 2): Promise<Served> {
    const served = await serve(site, plan);
    try {
      const pages = await fetchPages(site, served, overrides);
      expect(strip(site.source.parse(pages).listings)).toEqual(baseline);
      expect(requestedFaultKeys(served).length).toBeGreaterThan(0);
      for (const key of requestedFaultKeys(served)) expect(served.counts.get(key), key).toBeGreaterThanOrEqual(minRequests);
    } finally {
      await stop(served);
    }
    return served;
  }

  async function expectHttpError(plan: Plan, overrides: HttpClientOptions, message: RegExp): Promise<HttpError> {
    const served = await serve(site, plan);
    try {
      const error = await fetchPages(site, served, overrides).then(
        (pages) => new Error(`fetch returned ${pages.length} pages instead of failing`),
        (e: unknown) => e,
      );
      expect(error, describeUnknown(error)).toBeInstanceOf(HttpError);
      expect((error as HttpError).message).toMatch(message);
      return error as HttpError;
    } finally {
      await stop(served);
    }
  }

  /** A corrupted or drifted page must end in a typed error (from fetch or parse), never in listings. */
  async function expectTypedFailure(plan: Plan, keys: Set<string>, errorClass: typeof ParseError = ParseError): Promise<ImcatError> {
    const served = await serve(site, plan, keys);
    try {
      const { out, error } = await attempt(site, served, { retries: 1 });
      expect(out?.listings.length ?? 0, 'listings read from a corrupted page').toBe(0);
      expect(error, describeUnknown(error)).toBeInstanceOf(errorClass);
      return error as ImcatError;
    } finally {
      await stop(served);
    }
  }

  it('a burst of 5xx on each path is retried and the fetch succeeds', async () => {
    const statuses = [503, 500, 502];
    await expectRecovers((_k, n) => (n < statuses.length ? { status: statuses[n]!, body: 'busy' } : undefined), { retries: 3 }, 4);
  }, 15_000);

  it('a 5xx burst longer than the retries ends in an HttpError, not listings', async () => {
    const error = await expectHttpError((_k, n) => (n < 3 ? { status: 503, body: 'busy' } : undefined), { retries: 2 }, /answered 503/);
    expect(error.status).toBe(503);
  }, 15_000);

  it('a 429 with Retry-After waits as told (recorded, not slept) and then succeeds', async () => {
    const waits: number[] = [];
    const sleep = async (ms: number) => {
      waits.push(ms);
    };
    const served = await expectRecovers((_k, n) => (n === 0 ? { status: 429, headers: { 'retry-after': '2' }, body: 'slow down' } : undefined), { sleep, retries: 2 });
    expect(waits.filter((w) => w === 2000)).toHaveLength(requestedFaultKeys(served).length);
    // a Retry-After beyond the cap is capped
    waits.length = 0;
    await expectRecovers((_k, n) => (n === 0 ? { status: 429, headers: { 'retry-after': '86400' }, body: 'come back tomorrow' } : undefined), {
      sleep,
      retries: 2,
      retryAfterCapMs: 1_500,
    });
    expect(waits.length).toBeGreaterThan(0);
    expect(waits.every((w) => w === 1_500)).toBe(true);
  }, 15_000);

  it('a slow body (small chunks, delays between them) is read whole', async () => {
    await expectRecovers(
      (_k, n, r) => (n === 0 ? { slow: true, chunkDelayMs: 4, chunkBytes: Math.max(256, Math.ceil(r.body.length / 12)), body: r.body, headers: { 'content-type': r.type } } : undefined),
      {},
      1,
    );
  }, 15_000);

  it('a hung first response times out and the retry succeeds', async () => {
    await expectRecovers((_k, n) => (n === 0 ? { hang: true } : undefined), { timeoutMs: 800, retries: 1 });
  }, 20_000);

  it('a response that always hangs ends in an HttpError naming the timeout', async () => {
    await expectHttpError(() => ({ hang: true }), { timeoutMs: 200, retries: 0 }, /timed out after 200 ms/);
  }, 10_000);

  it('a connection reset is retried and the fetch succeeds', async () => {
    await expectRecovers((_k, n) => (n === 0 ? { reset: true } : undefined), { retries: 2 });
  }, 15_000);

  it('a connection that is always reset ends in an HttpError', async () => {
    await expectHttpError(() => ({ reset: true }), { retries: 1 }, /request failed|socket|ECONNRESET|closed/i);
  }, 10_000);

  it('a body that is always cut short ends in an HttpError, never in a listing', async () => {
    await expectHttpError(
      (_k, _n, r) => ({ truncate: true, sendBytes: Math.floor(r.body.length / 2), body: r.body, headers: { 'content-type': r.type } }),
      { retries: 1 },
      /truncated body|body ended/,
    );
  }, 10_000);

  it('a body in the wrong encoding (invalid UTF-8, or UTF-16) is refused with a ParseError', async () => {
    for (const key of site.listKeys) {
      const keys = new Set([key]);
      for (const corrupt of [wrongEncoding, utf16]) {
        const error = await expectTypedFailure((_k, _n, r) => ({ status: 200, body: corrupt(r.body), headers: { 'content-type': r.type } }), keys);
        expect(error.sourceId).toBe(id);
      }
    }
  }, 20_000);

  it('binary garbage with NUL bytes (status 200) is refused with a ParseError', async () => {
    for (const [i, key] of site.listKeys.entries()) {
      await expectTypedFailure(() => ({ status: 200, body: binaryGarbage(4096, i + 1), headers: { 'content-type': 'application/octet-stream' } }), new Set([key]));
    }
  }, 20_000);

  it('a body ten times the usual size parses to the same listings or ends in a typed error; over the size limit it is an HttpError', async () => {
    const served = await serve(site, (_k, _n, r) => ({ body: tenTimes(r.body), headers: { 'content-type': r.type } }));
    let result: { out?: ParseOutput; error?: unknown };
    try {
      result = await attempt(site, served, { timeoutMs: 10_000 });
    } finally {
      await stop(served);
    }
    if (result.error !== undefined) expect(result.error, describeUnknown(result.error)).toBeInstanceOf(ImcatError);
    else expect(strip(result.out!.listings)).toEqual(baseline);
    console.log(`${id}: ten-times body -> ${result.error ? `${(result.error as Error).constructor.name}: ${(result.error as Error).message.slice(0, 160)}` : `same ${baseline.length} listings`}`);
    await expectHttpError((_k, _n, r) => ({ body: tenTimes(r.body), headers: { 'content-type': r.type } }), { maxBodyBytes: maxSize * 5, timeoutMs: 10_000 }, /larger than the \d+-byte limit/);
  }, 30_000);

  it.skipIf(!site.drift)('a drifted layout (renamed column, key or heading) ends in a LayoutDriftError naming the source', async () => {
    const drift = site.drift!;
    const original = site.resolve(fakeRequest(site, drift.key))?.resource;
    expect(original && dec.decode(original.body).includes(drift.from), `${drift.key} contains ${drift.from}`).toBe(true);
    const error = await expectTypedFailure(
      (_k, _n, r) => ({ body: dec.decode(r.body).split(drift.from).join(drift.to), headers: { 'content-type': r.type } }),
      new Set([drift.key]),
      LayoutDriftError,
    );
    expect(error.sourceId).toBe(id);
    expect(error.message).toContain(id);
  }, 15_000);
});

/** A request as the loopback server would see it for a resource key (to look resources up outside a server). */
function fakeRequest(site: LiveSite, key: string) {
  if (key.startsWith('graphql after=')) {
    const after = key.slice('graphql after='.length);
    return { method: 'POST', path: '/openneuro.org/crn/graphql', query: new URLSearchParams(), headers: {}, body: JSON.stringify({ variables: { after: after === 'null' ? null : after } }) };
  }
  const [path, query = ''] = key.split('?');
  return { method: 'GET', path: path!, query: new URLSearchParams(query), headers: {}, body: '' };
}

describe('runScrape on the live path: one source serves garbage', () => {
  const GARBAGE = 'amaljova-medical-imaging-datasets';
  const dirs: string[] = [];
  afterAll(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));
  const tmp = () => {
    const d = mkdtempSync(join(tmpdir(), 'imcat-faults-'));
    dirs.push(d);
    return d;
  };

  async function serveAll(): Promise<LoopbackServer> {
    const server = await startLoopbackServer((req): LoopbackReply => {
      for (const site of sites) {
        const hit = site.resolve(req);
        if (!hit) continue;
        if (site.source.id === GARBAGE) return { body: binaryGarbage(2048, 7), headers: { 'content-type': 'text/plain' } };
        return { body: hit.resource.body, headers: { 'content-type': hit.resource.type } };
      }
      return { status: 404, body: 'not found' };
    });
    open.push(server);
    return server;
  }

  const http = (server: LoopbackServer): HttpClientOptions => ({
    rewrite: rewriteToLoopback(server.url),
    politenessDelayMs: 0,
    perHostConcurrency: 8,
    retries: 1,
    backoffMinMs: 5,
    backoffMaxMs: 20,
    timeoutMs: 5_000,
  });

  it('reports that source failed with an empty staged listings file, and the others succeed', async () => {
    const server = await serveAll();
    const staging = tmp();
    // listings an earlier run staged for the garbage source must not survive its failure
    mkdirSync(join(staging, GARBAGE), { recursive: true });
    writeFileSync(join(staging, GARBAGE, 'listings.ndjson'), '{"source_id":"old"}\n');
    const { reports, failed } = await runScrape({ sources: sites.map((s) => s.source), mode: { kind: 'live', http: http(server) }, stagingDir: staging, log: silentLogger });
    expect(failed.map((r) => r.source_id)).toEqual([GARBAGE]);
    expect(failed[0]!.reason).toMatch(/NUL byte|not valid UTF-8/);
    expect(reports).toHaveLength(sites.length);
    for (const r of reports.filter((x) => x.source_id !== GARBAGE)) {
      expect(r.status, `${r.source_id}: ${r.reason}`).toBe('ok');
      expect(r.listing_count, r.source_id).toBeGreaterThan(0);
      const staged = readFileSync(join(staging, r.source_id, 'listings.ndjson'), 'utf8').trim().split('\n');
      expect(staged).toHaveLength(r.listing_count);
    }
    const file = join(staging, GARBAGE, 'listings.ndjson');
    expect(existsSync(file)).toBe(true);
    expect(readFileSync(file, 'utf8')).toBe('');
  }, 60_000);

  it('with a capture fallback the garbage source is stale, read from its capture, and says why', async () => {
    const server = await serveAll();
    const staging = tmp();
    const sources = sites.map((s) => s.source).filter((s) => s.id === GARBAGE || s.id === 'adalca-medical-datasets');
    const { reports, failed } = await runScrape({
      sources,
      mode: { kind: 'live', http: http(server), fallbackDir: defaultSnapshotsDir() },
      stagingDir: staging,
      log: silentLogger,
    });
    expect(failed).toEqual([]);
    const stale = reports.find((r) => r.source_id === GARBAGE)!;
    expect(stale).toMatchObject({ status: 'stale', mode: 'offline' });
    expect(stale.reason).toMatch(/^live fetch failed \(.*(NUL byte|UTF-8).*\); used the capture of /);
    const source = sources.find((s) => s.id === GARBAGE)!;
    expect(stale.listing_count).toBe(source.parse(readCaptureDir(defaultSnapshotsDir(), source).pages).listings.length);
    expect(reports.find((r) => r.source_id === 'adalca-medical-datasets')?.status).toBe('ok');
  }, 60_000);
});
