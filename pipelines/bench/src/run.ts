import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { Db } from '@imcat/duckdb';
import { buildCatalog, openPipelineDb, pipelineFingerprint } from '@imcat/pipeline-build';
import { computeFusion } from '@imcat/pipeline-fusion';
import { normalize, type StageContext } from '@imcat/pipeline-normalize';
import { sqlPath, writeRelease } from '@imcat/pipeline-release';
import { resolve } from '@imcat/pipeline-resolve';
import type { SourceReport } from '@imcat/pipeline-scrape';
import { computeStats } from '@imcat/pipeline-stats';
import { loadSources, REPO_ROOT } from '@imcat/registry';
import { defaultSnapshotsDir, type Logger } from '@imcat/source-kit';
import type { GenerateResult } from './generate';

export const STAGES = ['normalise', 'resolve', 'statistics', 'fusion', 'release'] as const;
export type Stage = (typeof STAGES)[number];

export interface Statement {
  stage: string;
  label: string;
  ms: number;
  calls: number;
}

export interface Breakdown {
  label: string;
  pairs: number;
}

export interface SizeResult {
  requested: number;
  listings: number;
  sources: number;
  truthEntities: number;
  truthFamilies: number;
  mix: Record<string, number>;
  generateMs: number;
  generateBytes: number;
  stages: Record<Stage, number>;
  /** Of each stage's time, how much was spent in DuckDB statements (the rest is JS: value mapping, JSON, Arrow, hashing, files). */
  sqlMs: Record<Stage, number>;
  totalMs: number;
  /** Stages that failed (statistics, fusion or release), with the error; their time is the time until the failure. */
  errors: Partial<Record<Stage, string>>;
  /** Highest sampled RSS while each stage ran, and over the whole pipeline run; maxRSS from the kernel. */
  stagePeakRss: Record<Stage, number>;
  /** The kernel's maxRSS when each stage ended (it only grows: a jump shows the stage that set a new peak). */
  maxRssAfter: Record<Stage, number>;
  /** DuckDB's own memory by tag (duckdb_memory()) when each stage ended. */
  duckdbMemoryAfter: Record<Stage, { tag: string; bytes: number }[]>;
  /** The largest tables (estimated rows) in the database after resolve. */
  largestTables: { table: string; rows: number }[];
  peakRss: number;
  maxRss: number;
  resolvedEntities: number;
  candidatePairs: number;
  precision: number;
  recall: number;
  truePairs: number;
  predictedPairs: number;
  correctPairs: number;
  unmatchedTruth: number;
  familyLevel: { truth: number; linkedToFamily: number };
  slowest: Statement[];
  falsePositives: Breakdown[];
  falseNegatives: Breakdown[];
  fnRateByNoise: { tag: string; pairs: number; missed: number }[];
  /** Match edges by the rule that drew them, and how many join different true datasets (of which, within one family). */
  rules: { rule: string; edges: number; wrong: number; wrongFamily: number }[];
  fpExamples: string[];
  fnExamples: string[];
  /** Filled in by the parent: average cores used by this run and by other work on the machine meanwhile. */
  cpu?: { pipelineCores: number; backgroundCores: number } | null;
}

export interface RealBuildResult {
  sources: number;
  listings: number | null;
  entities: number | null;
  fingerprintMs: number;
  firstMs: number;
  /** The median of the unchanged builds' times (unchangedMs). */
  secondMs: number;
  /** Each unchanged build's time: one is tens of milliseconds, so a single pause of the machine would decide it. */
  unchangedMs?: number[];
  ratio: number;
  firstOutcome: string;
  secondOutcome: string;
  firstTimings: Record<string, number>;
  secondTimings: Record<string, number>;
  peakRss: number;
  maxRss: number;
  cpu?: { pipelineCores: number; backgroundCores: number } | null;
}

const quiet: Logger = { info: () => {}, warn: () => {}, error: () => {} };

/** Samples RSS on an interval and keeps the peak, overall and per named phase. */
export class RssSampler {
  peak = 0;
  phase: string | null = null;
  readonly phasePeak: Record<string, number> = {};
  private timer: NodeJS.Timeout;
  constructor(
    intervalMs = 50,
    private readonly limit = Infinity,
    private readonly onLimit: (rss: number) => void = () => {},
  ) {
    this.timer = setInterval(() => this.sample(), intervalMs);
    this.timer.unref();
  }
  sample(): number {
    const rss = process.memoryUsage.rss();
    if (rss > this.peak) this.peak = rss;
    if (this.phase) this.phasePeak[this.phase] = Math.max(this.phasePeak[this.phase] ?? 0, rss);
    if (rss > this.limit) this.onLimit(rss);
    return rss;
  }
  enter(phase: string): void {
    this.sample();
    this.phase = phase;
    this.sample();
  }
  stop(): void {
    this.sample();
    clearInterval(this.timer);
  }
}

/** The kernel's peak resident set size of this process, in bytes. */
export function maxRss(): number {
  return process.resourceUsage().maxRSS * 1024;
}

/** Marks a statement run on a second connection, concurrently with the first's. */
const CONCURRENT = ' (concurrent)';

/**
 * Time every statement batch the pipeline sends through this Db, labelled by
 * its SQL file (or, for release COPYs, the table), without touching pipeline code.
 */
function instrument(db: Db, current: () => string): Map<string, Statement> {
  const stats = new Map<string, Statement>();
  const record = (label: string, ms: number) => {
    const stage = current();
    const key = `${stage}\u0000${label}`;
    const s = stats.get(key) ?? { stage, label, ms: 0, calls: 0 };
    s.ms += ms;
    s.calls++;
    stats.set(key, s);
  };
  const label = (sql: string, file?: string) => {
    if (file) return basename(file);
    // Release queries start with a "-- <table>.parquet: …" comment.
    const table = /--\s*([a-z_]+)\.parquet:/.exec(sql.slice(0, 200))?.[1];
    if (table) {
      if (/^\s*COPY\b/i.test(sql)) return `COPY ${table} → parquet`;
      if (/^\s*SELECT column_name/i.test(sql)) return `DESCRIBE ${table}`;
      return `read ${table} rows into JS (JSON/Arrow files)`;
    }
    return sql.replace(/\s+/g, ' ').trim().slice(0, 70);
  };
  const wrapExec = (target: Db, suffix: string) => {
    const exec = target.exec.bind(target);
    target.exec = async (sql, params, file) => {
      const t = performance.now();
      try {
        return await exec(sql, params, file);
      } finally {
        record(label(sql, file) + suffix, performance.now() - t);
      }
    };
  };
  wrapExec(db, '');
  // A second connection's statements run while the first's do (the release writes two Parquet files at a time):
  // they are listed, marked concurrent, but not added to the stage's SQL time, which would then exceed its wall time.
  const connect = db.connect.bind(db);
  db.connect = async () => {
    const second = await connect();
    wrapExec(second, CONCURRENT);
    return second;
  };
  const all = db.all.bind(db);
  db.all = async <T>(sql: string, params?: Parameters<Db['all']>[1]) => {
    const t = performance.now();
    try {
      return await all<T>(sql, params);
    } finally {
      record(label(sql), performance.now() - t);
    }
  };
  return stats;
}

function syntheticReports(gen: GenerateResult): SourceReport[] {
  return gen.sources.map((s) => ({
    source_id: s.id,
    status: 'ok',
    mode: 'offline',
    reason: null,
    listing_count: gen.bySource[s.id] ?? 0,
    reject_count: 0,
    reject_reasons: {},
    notes: [],
    pages: [{ url: `https://synthetic.invalid/${s.id}`, sha256: '0'.repeat(64), fetched_at: '2026-11-22T00:00:00.000Z', bytes: 0 }],
    fetched_at: '2026-11-22T00:00:00.000Z',
  }));
}

/**
 * Pairwise precision and recall against the truth, by counting pairs per cluster (no all-pairs loops).
 * `pairsFile` holds the resolver's pair decisions (a, b, decision), saved while resolve ran.
 */
async function evaluate(db: Db, truthFile: string, pairsFile: string) {
  await db.exec(`CREATE OR REPLACE TABLE bench_pairs AS SELECT a, b, decision FROM read_parquet(${sqlPath(pairsFile)})`);
  await db.exec(
    `CREATE OR REPLACE TABLE bench_truth AS
     SELECT * FROM read_json($truth, format = 'newline_delimited',
       columns = {source_id: 'VARCHAR', source_key: 'VARCHAR', entity: 'VARCHAR', family: 'VARCHAR', kind: 'VARCHAR', noise: 'VARCHAR'});
     -- A listing the catalog left without a dataset (family-level) is its own singleton; so is a truth listing that names a family.
     CREATE OR REPLACE TABLE bench_eval AS
     SELECT m.listing_id, t.source_id, t.source_key, t.family, t.kind, t.noise, m.family_id, m.resolution_note,
            coalesce(m.dataset_id, 'single:' || m.listing_id) AS pred,
            CASE WHEN t.kind = 'family' THEN 'single:' || m.listing_id ELSE t.entity END AS truth
     FROM bench_truth AS t JOIN listing_map AS m USING (source_id, source_key);`,
    { truth: truthFile },
  );
  const counts = await db.one<{ predicted: number; actual: number; tp: number; unmatched: number; fam: number; famLinked: number }>(
    `SELECT
       (SELECT coalesce(sum(n * (n - 1) // 2), 0) FROM (SELECT count(*) AS n FROM bench_eval GROUP BY pred)) AS predicted,
       (SELECT coalesce(sum(n * (n - 1) // 2), 0) FROM (SELECT count(*) AS n FROM bench_eval GROUP BY truth)) AS actual,
       (SELECT coalesce(sum(n * (n - 1) // 2), 0) FROM (SELECT count(*) AS n FROM bench_eval GROUP BY pred, truth)) AS tp,
       (SELECT count(*) FROM bench_truth) - (SELECT count(*) FROM bench_eval) AS unmatched,
       (SELECT count(*) FROM bench_eval WHERE kind = 'family') AS fam,
       (SELECT count(*) FROM bench_eval WHERE kind = 'family' AND pred LIKE 'single:%' AND family_id IS NOT NULL) AS "famLinked"`,
  );
  const c = counts!;
  // Missed pairs (same truth, different prediction): what the resolver decided for each, if they were compared at all.
  await db.exec(`CREATE OR REPLACE TABLE bench_fn AS
    SELECT a.listing_id AS a, b.listing_id AS b, a.noise AS na, b.noise AS nb
    FROM bench_eval AS a JOIN bench_eval AS b ON a.truth = b.truth AND a.listing_id < b.listing_id
    WHERE a.pred <> b.pred`);
  const falseNegatives = await db.all<Breakdown>(`
    SELECT coalesce(CASE WHEN p.decision LIKE 'match:%' THEN p.decision || ' (then split apart)' ELSE p.decision END, 'never compared (no shared block)') AS label,
           count(*) AS pairs
    FROM bench_fn AS f LEFT JOIN bench_pairs AS p ON p.a = f.a AND p.b = f.b
    GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 10`);
  const fnRateByNoise = await db.all<{ tag: string; pairs: number; missed: number }>(`
    WITH all_pairs AS (
      SELECT a.listing_id AS a, b.listing_id AS b, a.noise || ',' || b.noise AS tags, a.pred <> b.pred AS missed
      FROM bench_eval AS a JOIN bench_eval AS b ON a.truth = b.truth AND a.listing_id < b.listing_id
    ),
    tagged AS (SELECT DISTINCT a, b, missed, unnest(string_split(tags, ',')) AS tag FROM all_pairs)
    SELECT tag, count(*) AS pairs, count(*) FILTER (WHERE missed) AS missed FROM tagged WHERE tag <> '' GROUP BY tag ORDER BY missed DESC, tag`);
  // Wrong pairs (same prediction, different truth), in predicted clusters of a size one can still pair up.
  const falsePositives = await db.all<Breakdown>(`
    WITH sized AS (SELECT *, count(*) OVER (PARTITION BY pred) AS size FROM bench_eval),
    fp AS (
      SELECT a.listing_id AS a, b.listing_id AS b, a.family = b.family AS same_family, a.kind = 'family' OR b.kind = 'family' AS family_level
      FROM sized AS a JOIN sized AS b ON a.pred = b.pred AND a.listing_id < b.listing_id
      WHERE a.truth <> b.truth AND a.size <= 2000
    )
    SELECT CASE WHEN family_level THEN 'family-level listing merged into a dataset'
                WHEN same_family THEN 'sibling in the same family (edition, sequel, subset or part)'
                ELSE 'different families' END
           || ' — ' || coalesce(p.decision, 'joined through other listings') AS label,
           count(*) AS pairs
    FROM fp LEFT JOIN bench_pairs AS p ON p.a = fp.a AND p.b = fp.b
    GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 10`);
  // Every match edge the resolver drew, by rule: how many join listings that are really one dataset.
  const rules = await db.all<{ rule: string; edges: number; wrong: number; wrongFamily: number }>(`
    SELECT p.decision AS rule, count(*) AS edges,
           count(*) FILTER (WHERE a.truth <> b.truth) AS wrong,
           count(*) FILTER (WHERE a.truth <> b.truth AND a.family = b.family) AS "wrongFamily"
    FROM bench_pairs AS p JOIN bench_eval AS a ON a.listing_id = p.a JOIN bench_eval AS b ON b.listing_id = p.b
    WHERE p.decision LIKE 'match:%'
    GROUP BY 1 ORDER BY wrong DESC, edges DESC`);
  const examples = async (sql: string) => (await db.all<{ x: string }>(sql)).map((r) => r.x);
  const fpExamples = await examples(`
    SELECT la.name || '  ≠  ' || lb.name || '  [' || coalesce(p.decision, 'transitive') || ']' AS x
    FROM bench_eval AS a JOIN bench_eval AS b ON a.pred = b.pred AND a.listing_id < b.listing_id AND a.truth <> b.truth AND a.pred NOT LIKE 'single:%'
    JOIN listings AS la ON la.listing_id = a.listing_id JOIN listings AS lb ON lb.listing_id = b.listing_id
    LEFT JOIN bench_pairs AS p ON p.a = a.listing_id AND p.b = b.listing_id
    ORDER BY hash(a.listing_id, b.listing_id) LIMIT 8`);
  const fnExamples = await examples(`
    SELECT la.name || '  =  ' || lb.name || '  [' || coalesce(p.decision, 'never compared') || ']' AS x
    FROM bench_fn AS f JOIN listings AS la ON la.listing_id = f.a JOIN listings AS lb ON lb.listing_id = f.b
    LEFT JOIN bench_pairs AS p ON p.a = f.a AND p.b = f.b
    ORDER BY hash(f.a, f.b) LIMIT 8`);
  return {
    precision: c.predicted ? c.tp / c.predicted : 1,
    recall: c.actual ? c.tp / c.actual : 1,
    truePairs: c.actual,
    predictedPairs: c.predicted,
    correctPairs: c.tp,
    unmatchedTruth: c.unmatched,
    familyLevel: { truth: c.fam, linkedToFamily: c.famLinked },
    falseNegatives,
    falsePositives,
    fnRateByNoise,
    rules,
    fpExamples,
    fnExamples,
  };
}

export interface RunOptions {
  gen: GenerateResult;
  generateMs: number;
  requested: number;
  progress: (line: string) => void;
  rssLimit?: number;
}

/** Normalise → resolve → statistics → fusion → release over generated sources, timed stage by stage, then scored against the truth. */
export async function runSize(options: RunOptions): Promise<SizeResult> {
  const { gen, progress } = options;
  const work = mkdtempSync(join(tmpdir(), 'imcat-bench-run-'));
  const sampler = new RssSampler(50, options.rssLimit ?? Infinity, (rss) => {
    progress(`ABORT: RSS ${(rss / 2 ** 30).toFixed(1)} GiB is over the limit`);
    process.exit(3);
  });
  let stage = 'open';
  // Opened as buildCatalog opens it (memory limit, spilling to a temporary directory).
  const db = await openPipelineDb(':memory:', work);
  const statements = instrument(db, () => stage);
  const ctx: StageContext = { db, log: quiet, workDir: join(work, 'work') };
  mkdirSync(ctx.workDir, { recursive: true });
  const stages = {} as Record<Stage, number>;
  const errors: Partial<Record<Stage, string>> = {};
  const maxRssAfter = {} as Record<Stage, number>;
  const duckdbMemoryAfter = {} as Record<Stage, { tag: string; bytes: number }[]>;
  let largestTables: { table: string; rows: number }[] = [];
  // Time spent inside a stage on the bench's own diagnostics (onPairs), taken out of the stage's time.
  let excludedMs = 0;
  const timed = async <T>(name: Stage, fn: () => Promise<T>): Promise<T> => {
    stage = name;
    sampler.enter(name);
    progress(`  ${name} …`);
    const t = performance.now();
    excludedMs = 0;
    try {
      return await fn();
    } finally {
      stages[name] = Math.round(performance.now() - t - excludedMs);
      maxRssAfter[name] = maxRss();
      // What DuckDB itself holds when the stage ends (not timed as part of the stage).
      stage = 'meta';
      const mem = await db.all<{ tag: string; bytes: number }>(
        'SELECT tag, memory_usage_bytes AS bytes FROM duckdb_memory() WHERE memory_usage_bytes > 0 ORDER BY bytes DESC',
      );
      duckdbMemoryAfter[name] = mem;
      if (name === 'resolve') {
        largestTables = await db.all<{ table: string; rows: number }>(
          'SELECT table_name AS "table", estimated_size AS rows FROM duckdb_tables() ORDER BY estimated_size DESC LIMIT 12',
        );
      }
      progress(`  ${name}: ${(stages[name] / 1000).toFixed(2)} s, RSS now ${(sampler.sample() / 2 ** 20).toFixed(0)} MiB`);
    }
  };
  // Statistics, fusion and release do not change the resolution: when one fails, the failure is recorded with the time
  // it took to fail, and the run goes on, so the other stages and the quality are still measured.
  const tolerant = async (name: Stage, fn: () => Promise<unknown>): Promise<void> => {
    try {
      await timed(name, fn);
    } catch (error) {
      const e = error as Error;
      const where = e.stack?.split('\n').find((l) => /pipelines\/(?!bench)/.test(l))?.trim() ?? '';
      errors[name] = `${e.name}: ${e.message}${where ? ` (${where.split(`${REPO_ROOT}/`).join('')})` : ''}`;
      progress(`  ${name} FAILED: ${errors[name]}`);
    }
  };
  try {
    const normalized = await timed('normalise', () =>
      normalize(
        { ...ctx, workDir: join(ctx.workDir, 'normalize') },
        {
          listingFiles: gen.listingFiles,
          rejectFiles: [],
          fieldMaps: Object.fromEntries(gen.sources.map((s) => [s.id, s.fieldMap])),
          distinctSources: gen.sources.filter((s) => s.distinct).map((s) => s.id),
        },
      ),
    );
    // The rule-by-rule diagnostics read the pair decisions, which resolve drops once it no longer needs them: they are
    // saved to a Parquet file when final (onPairs), outside the stage's time and statement counts, and read back after
    // the run. The resolver runs as the build runs it, dropping its working tables.
    const pairsFile = join(work, 'pairs.parquet');
    const resolved = await timed('resolve', () =>
      resolve(ctx, {
        previous: { listings: [], used: [] },
        onPairs: async (d) => {
          const t = performance.now();
          const was = stage;
          stage = 'meta';
          sampler.phase = null;
          try {
            await d.exec(`COPY (SELECT a, b, decision FROM er_pairs) TO ${sqlPath(pairsFile)} (FORMAT parquet)`);
          } finally {
            stage = was;
            sampler.phase = was;
            excludedMs += performance.now() - t;
          }
        },
      }),
    );
    await tolerant('statistics', () => computeStats(ctx));
    await tolerant('fusion', () => computeFusion(ctx));
    await tolerant('release', async () => {
      const outcome = await writeRelease(ctx, {
        releasesDir: join(work, 'releases'),
        reports: syntheticReports(gen),
        previous: null,
        gitCommit: 'bench',
        inputsFingerprint: `bench-${gen.listings}`,
      });
      if (outcome.status !== 'written') throw new Error(`release was not written: ${JSON.stringify(outcome)}`);
    });
    sampler.phase = null;
    const peakRss = sampler.peak;
    const kernelPeak = maxRss();
    stage = 'evaluate';
    progress('  scoring against the truth …');
    const q = await evaluate(db, gen.truthFile, pairsFile);
    sampler.stop();
    const slowest = [...statements.values()]
      .filter((s) => (STAGES as readonly string[]).includes(s.stage))
      .sort((a, b) => b.ms - a.ms)
      .slice(0, 15)
      .map((s) => ({ ...s, ms: Math.round(s.ms) }));
    return {
      requested: options.requested,
      listings: normalized.listings,
      sources: gen.sources.length,
      truthEntities: gen.entities,
      truthFamilies: gen.families,
      mix: gen.mix,
      generateMs: options.generateMs,
      generateBytes: gen.bytes,
      stages,
      sqlMs: Object.fromEntries(
        STAGES.map((k) => [k, Math.round([...statements.values()].filter((x) => x.stage === k && !x.label.endsWith(CONCURRENT)).reduce((sum, x) => sum + x.ms, 0))]),
      ) as Record<Stage, number>,
      totalMs: STAGES.reduce((s, k) => s + stages[k], 0),
      stagePeakRss: Object.fromEntries(STAGES.map((k) => [k, sampler.phasePeak[k] ?? 0])) as Record<Stage, number>,
      maxRssAfter,
      duckdbMemoryAfter,
      largestTables,
      peakRss,
      maxRss: kernelPeak,
      errors,
      resolvedEntities: resolved.entities,
      candidatePairs: resolved.candidatePairs,
      slowest,
      ...q,
    };
  } finally {
    db.close();
    rmSync(work, { recursive: true, force: true });
  }
}

/** Unchanged builds timed after the first; their median is the second build's time. */
export const UNCHANGED_BUILDS = 3;

/**
 * The real build from every capture, offline, then again with nothing changed (UNCHANGED_BUILDS times, in one
 * process): the unchanged builds should stop early.
 */
export async function runRealBuild(progress: (line: string) => void): Promise<RealBuildResult> {
  const sampler = new RssSampler();
  const tmp = mkdtempSync(join(tmpdir(), 'imcat-bench-real-'));
  try {
    const { sources, failures } = loadSources();
    for (const f of failures) progress(`  source ${f.id} failed to load: ${f.error.message}`);
    const paths = { staging: join(tmp, 'staging'), store: join(tmp, 'store'), work: join(tmp, 'work'), releases: join(tmp, 'releases') };
    const snapshots = defaultSnapshotsDir();
    let fingerprintMs = 0;
    const once = async () => {
      const t = performance.now();
      // Like the CLI: the pipeline fingerprint is computed on every build.
      const f0 = performance.now();
      const fingerprint = pipelineFingerprint(REPO_ROOT);
      fingerprintMs = Math.round(performance.now() - f0);
      const result = await buildCatalog({
        sources,
        mode: { kind: 'offline', dir: snapshots },
        paths,
        log: quiet,
        gitCommit: 'bench',
        pipelineFingerprint: fingerprint,
      });
      return { ms: Math.round(performance.now() - t), result };
    };
    progress(`  first build (${sources.length} sources, captures from ${snapshots}) …`);
    const first = await once();
    progress(`  first build: ${(first.ms / 1000).toFixed(2)} s, ${first.result.outcome.status}`);
    const unchanged: Awaited<ReturnType<typeof once>>[] = [];
    for (let i = 0; i < UNCHANGED_BUILDS; i++) unchanged.push(await once());
    const byTime = [...unchanged].sort((a, b) => a.ms - b.ms);
    const second = byTime[Math.floor(byTime.length / 2)]!;
    const outcomes = [...new Set(unchanged.map((u) => u.result.outcome.status))].join(', ');
    progress(`  unchanged builds: ${unchanged.map((u) => (u.ms / 1000).toFixed(2)).join(', ')} s (median ${(second.ms / 1000).toFixed(2)} s), ${outcomes}`);
    sampler.stop();
    return {
      sources: sources.length,
      listings: first.result.summary?.listings ?? null,
      entities: first.result.summary?.entities ?? null,
      fingerprintMs,
      firstMs: first.ms,
      secondMs: second.ms,
      unchangedMs: unchanged.map((u) => u.ms),
      ratio: second.ms / first.ms,
      firstOutcome: first.result.outcome.status === 'written' ? `written ${first.result.outcome.version}` : first.result.outcome.status,
      secondOutcome: outcomes,
      firstTimings: first.result.timings,
      secondTimings: second.result.timings,
      peakRss: sampler.peak,
      maxRss: maxRss(),
    };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
