import { join } from 'node:path';
import type { CaptureStore } from '@imcat/capture-store';
import type { Db } from '@imcat/duckdb';
import { normalize, type NormalizeSummary } from '@imcat/pipeline-normalize';
import { runScrape, stagingPaths, type ScrapeMode, type SourceReport } from '@imcat/pipeline-scrape';
import type { Logger, Source } from '@imcat/source-kit';

export interface PrepareOptions {
  db: Db;
  sources: Source[];
  mode: ScrapeMode;
  stagingDir: string;
  workDir: string;
  store?: CaptureStore;
  log: Logger;
  onSourceStart?: (source: Source) => void;
  onSourceDone?: (report: SourceReport) => void;
}

/** Scrape (or replay) every source into the staging area, then load and normalise it in DuckDB. */
export async function prepareListings(options: PrepareOptions): Promise<{ reports: SourceReport[]; normalized: NormalizeSummary }> {
  const { reports } = await runScrape({
    sources: options.sources,
    mode: options.mode,
    stagingDir: options.stagingDir,
    store: options.store,
    log: options.log,
    onSourceStart: options.onSourceStart,
    onSourceDone: options.onSourceDone,
  });
  const staged = reports.filter((r) => r.status !== 'failed').map((r) => stagingPaths(options.stagingDir, r.source_id));
  const normalized = await normalize(
    { db: options.db, log: options.log, workDir: join(options.workDir, 'normalize') },
    {
      listingFiles: staged.map((p) => p.listings),
      rejectFiles: staged.map((p) => p.rejects),
      fieldMaps: Object.fromEntries(options.sources.map((s) => [s.id, s.fieldMap])),
      distinctSources: options.sources.filter((s) => s.distinctListings).map((s) => s.id),
    },
  );
  return { reports, normalized };
}
