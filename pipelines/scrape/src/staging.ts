import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync, existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { RejectedRecord, SourceListing } from '@imcat/schema';
import { checkSourceId } from '@imcat/source-kit';

/** What one source's scrape produced, as written beside its listings. */
export interface SourceReport {
  source_id: string;
  /** ok: fetched (or replayed from the captures asked for) and parsed; stale: the live path failed and the last good capture was used; failed: nothing usable. */
  status: 'ok' | 'stale' | 'failed';
  mode: 'live' | 'offline' | 'store';
  reason: string | null;
  listing_count: number;
  reject_count: number;
  /** Reject counts by reason, for the run summary. */
  reject_reasons: Record<string, number>;
  notes: string[];
  pages: { url: string; sha256: string; fetched_at: string; bytes: number }[];
  fetched_at: string | null;
}

export function stagingPaths(stagingDir: string, sourceId: string) {
  const dir = join(stagingDir, checkSourceId(sourceId));
  return {
    dir,
    listings: join(dir, 'listings.ndjson'),
    rejects: join(dir, 'rejects.ndjson'),
    report: join(dir, 'report.json'),
  };
}

function ndjson(rows: unknown[]): string {
  return rows.map((r) => JSON.stringify(r)).join('\n') + (rows.length ? '\n' : '');
}

/** Write one source's staging files atomically: a crash leaves the previous files, never half of new ones. */
export function writeStaging(stagingDir: string, report: SourceReport, listings: SourceListing[], rejects: RejectedRecord[]): void {
  const paths = stagingPaths(stagingDir, report.source_id);
  const tmp = `${paths.dir}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  const sorted = [...listings].sort((a, b) => (a.source_key < b.source_key ? -1 : a.source_key > b.source_key ? 1 : 0));
  writeFileSync(join(tmp, 'listings.ndjson'), ndjson(sorted));
  writeFileSync(join(tmp, 'rejects.ndjson'), ndjson(rejects));
  writeFileSync(join(tmp, 'report.json'), JSON.stringify(report, null, 2) + '\n');
  rmSync(paths.dir, { recursive: true, force: true });
  mkdirSync(stagingDir, { recursive: true });
  renameSync(tmp, paths.dir);
}

export function readReports(stagingDir: string): SourceReport[] {
  if (!existsSync(stagingDir)) return [];
  return readdirSync(stagingDir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && !d.name.includes('.tmp-'))
    .map((d) => join(stagingDir, d.name, 'report.json'))
    .filter((f) => existsSync(f))
    .map((f) => JSON.parse(readFileSync(f, 'utf8')) as SourceReport)
    .sort((a, b) => (a.source_id < b.source_id ? -1 : a.source_id > b.source_id ? 1 : 0));
}
