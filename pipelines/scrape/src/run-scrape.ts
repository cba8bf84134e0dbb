import type { CaptureStore } from '@imcat/capture-store';
import { ConfigError, describeError } from '@imcat/errors';
import { createHttpClient, type HttpClientOptions } from '@imcat/http';
import { readCaptureDir, type Logger, type ParseOutput, type RawPage, type Source } from '@imcat/source-kit';
import { writeStaging, type SourceReport } from './staging';

export type ScrapeMode =
  /** Fetch live; on failure fall back to the store's last good run, then to `fallbackDir` captures (marked stale). */
  | { kind: 'live'; http?: HttpClientOptions; fallbackDir?: string }
  /** Replay captures laid out like ../shared/snapshots. */
  | { kind: 'offline'; dir: string }
  /** Replay each source's last good run from the raw capture store. */
  | { kind: 'store' };

export interface ScrapeOptions {
  sources: Source[];
  mode: ScrapeMode;
  stagingDir: string;
  store?: CaptureStore;
  log: Logger;
  /** Called as each source finishes, for progress display. */
  onSourceDone?: (report: SourceReport) => void;
  onSourceStart?: (source: Source) => void;
}

function summariseRejects(output: ParseOutput): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of output.rejects) {
    const reason = r.reason.replace(/"[^"]*"/g, '"…"').slice(0, 120);
    counts[reason] = (counts[reason] ?? 0) + 1;
  }
  return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

function report(source: Source, pages: RawPage[], output: ParseOutput, status: SourceReport['status'], mode: SourceReport['mode'], reason: string | null): SourceReport {
  const fetched = pages.map((p) => p.fetched_at).sort();
  return {
    source_id: source.id,
    status,
    mode,
    reason,
    listing_count: output.listings.length,
    reject_count: output.rejects.length,
    reject_reasons: summariseRejects(output),
    notes: output.notes,
    pages: pages
      .map((p) => ({ url: p.url, sha256: p.sha256, fetched_at: p.fetched_at, bytes: p.body.byteLength }))
      .sort((a, b) => (a.url < b.url ? -1 : a.url > b.url ? 1 : 0)),
    fetched_at: fetched.at(-1) ?? null,
  };
}

async function scrapeOne(source: Source, options: ScrapeOptions, http: ReturnType<typeof createHttpClient> | undefined): Promise<SourceReport> {
  const { mode, log, store } = options;
  const finish = (pages: RawPage[], output: ParseOutput, status: SourceReport['status'], how: SourceReport['mode'], reason: string | null) => {
    const r = report(source, pages, output, status, how, reason);
    writeStaging(options.stagingDir, r, output.listings, output.rejects);
    return r;
  };
  if (mode.kind === 'offline') {
    const { pages } = readCaptureDir(mode.dir, source);
    return finish(pages, source.parse(pages), 'ok', 'offline', null);
  }
  if (mode.kind === 'store') {
    const last = store?.lastGoodRun(source.id);
    if (!last) throw new ConfigError(`no good run of ${source.id} in the capture store to replay`, { sourceId: source.id });
    return finish(last.pages, source.parse(last.pages), 'ok', 'store', null);
  }
  let pages: RawPage[] = [];
  try {
    pages = await source.fetch({ http: http!, log });
    const output = source.parse(pages);
    store?.saveRun(source.id, pages, 'ok');
    return finish(pages, output, 'ok', 'live', null);
  } catch (error) {
    const reason = describeError(error);
    log.warn(`source ${source.id} failed live: ${reason}`);
    if (pages.length) store?.saveRun(source.id, pages, 'failed', reason);
    const last = store?.lastGoodRun(source.id);
    if (last) {
      return finish(last.pages, source.parse(last.pages), 'stale', 'store', `live fetch failed (${reason}); used the capture of ${last.run.fetched_at}`);
    }
    if (mode.fallbackDir) {
      const { pages: captured, manifest } = readCaptureDir(mode.fallbackDir, source);
      return finish(captured, source.parse(captured), 'stale', 'offline', `live fetch failed (${reason}); used the capture of ${manifest.retrieved}`);
    }
    throw error;
  }
}

/**
 * Fetch (or replay) and parse every source, writing listings, rejects and a
 * report per source to the staging area. One failing source never stops the
 * others: its failure is reported and the run result says so.
 */
export async function runScrape(options: ScrapeOptions): Promise<{ reports: SourceReport[]; failed: SourceReport[] }> {
  const http = options.mode.kind === 'live' ? createHttpClient({ ...options.mode.http, cache: options.store, log: options.log }) : undefined;
  const reports: SourceReport[] = [];
  for (const source of options.sources) {
    options.onSourceStart?.(source);
    let r: SourceReport;
    try {
      r = await scrapeOne(source, options, http);
    } catch (error) {
      const reason = describeError(error);
      options.log.error(`source ${source.id} failed: ${reason}`, { source: source.id });
      r = {
        source_id: source.id,
        status: 'failed',
        mode: options.mode.kind === 'live' ? 'live' : options.mode.kind,
        reason,
        listing_count: 0,
        reject_count: 0,
        reject_reasons: {},
        notes: [],
        pages: [],
        fetched_at: null,
      };
      // Clear what an earlier run staged, so a failed source is never loaded from old files by accident.
      writeStaging(options.stagingDir, r, [], []);
    }
    reports.push(r);
    options.onSourceDone?.(r);
  }
  return { reports, failed: reports.filter((r) => r.status === 'failed') };
}
