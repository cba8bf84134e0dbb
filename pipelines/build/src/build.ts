import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { CaptureStore } from '@imcat/capture-store';
import { Db, parseSize } from '@imcat/duckdb';
import { computeFusion } from '@imcat/pipeline-fusion';
import type { StageContext } from '@imcat/pipeline-normalize';
import { latestRelease, lockReleases, previousIds, writeRelease, type ReleaseOutcome } from '@imcat/pipeline-release';
import { resolve } from '@imcat/pipeline-resolve';
import type { SourceReport } from '@imcat/pipeline-scrape';
import { computeStats } from '@imcat/pipeline-stats';
import { readCaptureDir, type Logger, type Source } from '@imcat/source-kit';
import { prepareListings, type ListingInput } from './prepare';

export const EXIT = {
  /** A release was written (or nothing changed since the last one). */
  ok: 0,
  error: 1,
  usage: 2,
  /** Some sources are stale (their last good capture was used) or failed; a release was written if anything changed. */
  stale: 3,
  /** No release: a source's listing count fell too far (use --allow-drop). */
  blocked: 4,
} as const;

export interface BuildPaths {
  staging: string;
  store: string;
  work: string;
  releases: string;
}

export interface BuildHooks {
  stage?: (name: string) => void;
  sourceStart?: (source: Source) => void;
  sourceDone?: (report: SourceReport) => void;
}

export interface BuildOptions {
  sources: Source[];
  /** How listings arrive: scraped now (live, captures, store), or already staged (`imcat release`). */
  mode: ListingInput;
  paths: BuildPaths;
  log: Logger;
  gitCommit: string;
  /** Fingerprint of the pipeline code and vocabularies; with the input pages it decides whether anything changed. */
  pipelineFingerprint: string;
  allowDrop?: boolean;
  hooks?: BuildHooks;
  /** DuckDB database file for the build; in memory by default. */
  dbPath?: string;
}

export interface BuildSummary {
  listings: number;
  rejects: number;
  valueIssues: number;
  entities: number;
  families: number;
  fusionGroups: number;
  conflicts: number;
  staleSources: string[];
  failedSources: string[];
}

export interface BuildResult {
  outcome: ReleaseOutcome;
  reports: SourceReport[];
  summary: BuildSummary | null;
  timings: Record<string, number>;
  exitCode: number;
  fingerprint: string;
}

/**
 * DuckDB's memory limit for the pipeline: a cap, not a budget. Past it DuckDB spills tables and
 * spillable operators to a temporary directory under the work directory instead of growing
 * (by default it may take 80% of RAM). At 2GB a 1M-listing build spills part of its tables and
 * keeps its speed (resolve 52 s against 49 s at 4GB), and the process peaks near 2.8 GiB, not
 * 4.4. Operators that cannot spill, like the list aggregates of entity merging, fail past the
 * limit: 11-entity-values.sql merges entities in four parts so that they fit. The margin is thin:
 * on 3 threads, 12-entities.sql ran out of memory at 1M. IMCAT_MEMORY_LIMIT (a DuckDB size such
 * as "6GB") overrides it, for larger catalogs or machines with more or less memory.
 */
export const PIPELINE_MEMORY_LIMIT = process.env.IMCAT_MEMORY_LIMIT || '2GB';

/**
 * The buffer memory DuckDB keeps once used, as a share of the memory limit: half of it (1GB at 2GB). Freed blocks
 * are otherwise given back to the operating system and taken again, a page fault for every page each time: at 1M
 * listings the pipeline spent about a fifth of its CPU time in the kernel. Keeping 1GB, the 1M build measured
 * 96.9-107.3 s against 106.3-113.7 s (three runs each, alternated), kernel time 38-41 s against 49, and peak RSS
 * 2.77-2.86 GiB against 2.48-3.04 GiB. Keeping 1.5GB was faster still (92.3 s) but peaked at 3.17 GiB.
 */
export const BLOCK_ALLOCATOR_SHARE = 0.5;

/** Open the pipeline's database as a build does: 2 threads, the memory limit, spilling under workDir, half the limit kept. */
export async function openPipelineDb(path: string, workDir: string): Promise<Db> {
  const limit = parseSize(PIPELINE_MEMORY_LIMIT);
  return Db.open(path, {
    memoryLimit: PIPELINE_MEMORY_LIMIT,
    tempDirectory: join(workDir, 'duckdb-tmp'),
    ...(limit !== null ? { blockAllocatorMemory: `${Math.floor(limit * BLOCK_ALLOCATOR_SHARE)}B` } : {}),
  });
}

/** The build's input fingerprint: every page's sha256 per source, plus the pipeline's own fingerprint. */
export function inputFingerprint(
  reports: (Pick<SourceReport, 'source_id' | 'status'> & { pages: { url: string; sha256: string }[] })[],
  pipelineFingerprint: string,
): string {
  const h = createHash('sha256').update(`pipeline ${pipelineFingerprint}\n`);
  for (const r of [...reports].sort((a, b) => (a.source_id < b.source_id ? -1 : a.source_id > b.source_id ? 1 : 0))) {
    h.update(`source ${r.source_id} ${r.status}\n`);
    for (const p of r.pages) h.update(`${p.url} ${p.sha256}\n`);
  }
  return h.digest('hex');
}

/** The fingerprint a replay of these captures would give, from their bytes' hashes (undefined if a capture is missing). */
export function offlineFingerprint(sources: Source[], dir: string, pipelineFingerprint: string): string | undefined {
  try {
    const reports = sources.map((source) => {
      const { pages } = readCaptureDir(dir, source);
      return { source_id: source.id, status: 'ok' as const, pages: pages.map((p) => ({ url: p.url, sha256: p.sha256 })).sort((a, b) => (a.url < b.url ? -1 : a.url > b.url ? 1 : 0)) };
    });
    return inputFingerprint(reports, pipelineFingerprint);
  } catch {
    return undefined;
  }
}

/**
 * scrape → normalise → resolve → statistics → fusion → release, end to end.
 * When the inputs and the pipeline are those of the latest release, it stops
 * after scraping and says so.
 */
export async function buildCatalog(options: BuildOptions): Promise<BuildResult> {
  // One build at a time per releases directory (release-dir.ts: lockReleases).
  const unlock = lockReleases(options.paths.releases);
  try {
    return await buildLocked(options);
  } finally {
    unlock();
  }
}

async function buildLocked(options: BuildOptions): Promise<BuildResult> {
  const { paths, log, hooks } = options;
  const timings: Record<string, number> = {};
  const timed = async <T>(name: string, fn: () => Promise<T>): Promise<T> => {
    hooks?.stage?.(name);
    const start = performance.now();
    try {
      return await fn();
    } finally {
      timings[name] = Math.round(performance.now() - start);
    }
  };
  mkdirSync(paths.work, { recursive: true });
  const previous = latestRelease(paths.releases);
  // Replaying captures: their hashes alone tell whether anything changed, before any parsing.
  if (previous && options.mode.kind === 'offline') {
    const quick = offlineFingerprint(options.sources, options.mode.dir, options.pipelineFingerprint);
    if (quick === previous.manifest.inputs_fingerprint) {
      return { outcome: { status: 'unchanged', version: previous.version, why: 'inputs' }, reports: [], summary: null, timings, exitCode: EXIT.ok, fingerprint: quick };
    }
  }
  const db = await openPipelineDb(options.dbPath ?? ':memory:', paths.work);
  try {
    const ctx: StageContext = { db, log, workDir: paths.work };
    const { reports, normalized } = await timed('scrape+normalise', () =>
      prepareListings({
        db,
        sources: options.sources,
        mode: options.mode,
        stagingDir: paths.staging,
        workDir: paths.work,
        store: new CaptureStore(paths.store),
        log,
        onSourceStart: hooks?.sourceStart,
        onSourceDone: hooks?.sourceDone,
      }),
    );
    const fingerprint = inputFingerprint(reports, options.pipelineFingerprint);
    const stale = reports.filter((r) => r.status === 'stale').map((r) => r.source_id);
    const failed = reports.filter((r) => r.status === 'failed').map((r) => r.source_id);
    // Stale or failed sources are reported whether or not a release is written: a scheduler should hear of them.
    const sourcesExit = stale.length || failed.length ? EXIT.stale : EXIT.ok;
    if (previous && previous.manifest.inputs_fingerprint === fingerprint) {
      return { outcome: { status: 'unchanged', version: previous.version, why: 'inputs' }, reports, summary: null, timings, exitCode: sourcesExit, fingerprint };
    }
    const prevIds = await previousIds(db, previous);
    const resolved = await timed('resolve', () => resolve(ctx, { previous: prevIds }));
    await timed('statistics', () => computeStats(ctx));
    const fusion = await timed('fusion', () => computeFusion(ctx));
    const outcome = await timed('release', () =>
      writeRelease(ctx, {
        releasesDir: paths.releases,
        reports,
        previous,
        gitCommit: options.gitCommit,
        allowDrop: options.allowDrop,
        inputsFingerprint: fingerprint,
      }),
    );
    const summary: BuildSummary = {
      listings: normalized.listings,
      rejects: normalized.recordRejects,
      valueIssues: normalized.valueIssues,
      entities: resolved.entities,
      families: resolved.families,
      fusionGroups: fusion.groups,
      conflicts: resolved.conflicts,
      staleSources: stale,
      failedSources: failed,
    };
    const exitCode = outcome.status === 'blocked' ? EXIT.blocked : sourcesExit;
    return { outcome, reports, summary, timings, exitCode, fingerprint };
  } finally {
    db.close();
  }
}

