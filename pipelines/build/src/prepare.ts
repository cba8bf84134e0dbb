import { join } from 'node:path';
import type { CaptureStore } from '@imcat/capture-store';
import type { Db } from '@imcat/duckdb';
import { normalize, type NormalizeSummary } from '@imcat/pipeline-normalize';
import { ConfigError } from '@imcat/errors';
import { readReports, runScrape, stagingPaths, type ScrapeMode, type SourceReport } from '@imcat/pipeline-scrape';
import type { Logger, Source } from '@imcat/source-kit';

/** Where the listings come from: scraped now (any ScrapeMode), or already staged by `imcat scrape`. */
export type ListingInput = ScrapeMode | { kind: 'staged' };

export interface PrepareOptions {
  db: Db;
  sources: Source[];
  mode: ListingInput;
  stagingDir: string;
  workDir: string;
  store?: CaptureStore;
  log: Logger;
  onSourceStart?: (source: Source) => void;
  onSourceDone?: (report: SourceReport) => void;
}

/** The reports `imcat scrape` left in the staging area, one per source, or an error naming the sources not staged. */
export function stagedReports(stagingDir: string, sources: Source[]): SourceReport[] {
  const staged = new Map(readReports(stagingDir).map((r) => [r.source_id, r]));
  const missing = sources.filter((s) => !staged.has(s.id)).map((s) => s.id);
  if (missing.length) {
    throw new ConfigError(`nothing staged for ${missing.join(', ')} in ${stagingDir}: run \`imcat scrape\` first (or \`imcat build\`)`);
  }
  return sources.map((s) => staged.get(s.id)!);
}

/** Scrape (or replay) every source into the staging area, or take what is staged, then load and normalise it in DuckDB. */
export async function prepareListings(options: PrepareOptions): Promise<{ reports: SourceReport[]; normalized: NormalizeSummary }> {
  const mode = options.mode;
  const reports =
    mode.kind === 'staged'
      ? stagedReports(options.stagingDir, options.sources)
      : (
          await runScrape({
            sources: options.sources,
            mode,
            stagingDir: options.stagingDir,
            store: options.store,
            log: options.log,
            onSourceStart: options.onSourceStart,
            onSourceDone: options.onSourceDone,
          })
        ).reports;
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
