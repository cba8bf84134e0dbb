import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { CaptureStore } from '@imcat/capture-store';
import { ConfigError } from '@imcat/errors';
import { runScrape, type ScrapeMode, type SourceReport } from '@imcat/pipeline-scrape';
import { loadSources, selectSources } from '@imcat/registry';
import type { Source } from '@imcat/source-kit';
import type { Progress } from '../progress';

export interface ScrapeArgs {
  sources?: string[];
  offline?: string;
  live?: boolean;
  /** Replay the last good run of each source from the raw capture store. */
  fromStore?: boolean;
  stagingDir: string;
  storeDir: string;
  snapshotsDir: string;
}

export function resolveSources(ids: string[] | undefined, progress: Progress): Source[] {
  const { sources, failures } = loadSources();
  for (const f of failures) progress.error(`source ${f.id} failed to load: ${f.error.message}`);
  return selectSources(sources, ids);
}

/** Decide live or offline: --offline wins; otherwise live when the network answers, else the captures. */
export async function chooseMode(args: ScrapeArgs, probe: () => Promise<boolean>): Promise<ScrapeMode> {
  if (args.fromStore) return { kind: 'store' };
  if (args.offline) {
    const dir = resolve(args.offline);
    if (!existsSync(dir)) throw new ConfigError(`--offline ${args.offline}: expected a capture directory laid out like ../shared/snapshots, found nothing at ${dir}`);
    return { kind: 'offline', dir };
  }
  if (args.live || (await probe())) return { kind: 'live', fallbackDir: existsSync(args.snapshotsDir) ? args.snapshotsDir : undefined };
  if (!existsSync(args.snapshotsDir)) {
    throw new ConfigError(`no network and no captures: expected ${args.snapshotsDir} (set IMCAT_SNAPSHOTS or pass --offline DIR)`);
  }
  return { kind: 'offline', dir: args.snapshotsDir };
}

export function describeReport(r: SourceReport): string {
  const base = `${r.source_id}: ${r.status}, ${r.listing_count} listings, ${r.reject_count} rejects`;
  return r.reason ? `${base} (${r.reason})` : base;
}

export async function scrapeCommand(args: ScrapeArgs, progress: Progress, probe: () => Promise<boolean>) {
  const sources = resolveSources(args.sources, progress);
  const mode = await chooseMode(args, probe);
  progress.line(mode.kind === 'offline' ? `scrape: replaying captures from ${mode.dir}` : mode.kind === 'store' ? `scrape: replaying the capture store ${args.storeDir}` : 'scrape: fetching live');
  let done = 0;
  const result = await runScrape({
    sources,
    mode,
    stagingDir: args.stagingDir,
    store: new CaptureStore(args.storeDir),
    log: progress,
    onSourceStart: (s) => progress.status('scrape', done, sources.length, s.id),
    onSourceDone: (r) => {
      done++;
      progress.step('scrape', done, sources.length, describeReport(r));
    },
  });
  progress.done();
  for (const r of result.reports) progress.line(`  ${describeReport(r)}`);
  return { ...result, mode };
}
