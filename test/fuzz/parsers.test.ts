import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSources } from '@imcat/registry';
import type { ShardRequest } from './fuzz-worker';
import { mutatedCase } from './mutate';
import { DEFAULT_CASES, DEFAULT_SEED, checkOutput, prepareSource, runOne, type ShardResult } from './run-cases';

/**
 * Parser fuzzing: every registered parser gets DEFAULT_CASES (10,000)
 * mutated copies of its real capture, one page mutated per case, from a
 * fixed seed. A parse must either return listings that all pass
 * SourceListing (non-empty name and key, no duplicate keys, http(s) url or
 * null, no markup or control characters in the name) or throw an
 * ImcatError subclass. Anything else fails with the seed, source and case
 * index; replay one case in-process with
 *   IMCAT_FUZZ_CASE=<source-id>:<index> npx vitest run test/fuzz
 * IMCAT_FUZZ_SEED, IMCAT_FUZZ_CASES and IMCAT_FUZZ_WORKERS override the
 * defaults (for exploring; the suite's own run uses the defaults).
 *
 * The cases run on worker threads (one per core) so a 2-core machine
 * parses two cases at once; each worker is a plain Node thread loading the
 * TypeScript through tsx.
 */

const SEED = Number(process.env.IMCAT_FUZZ_SEED ?? DEFAULT_SEED);
const CASES = Number(process.env.IMCAT_FUZZ_CASES ?? DEFAULT_CASES);
const WORKERS = Math.max(1, Number(process.env.IMCAT_FUZZ_WORKERS ?? availableParallelism()));
const REPLAY = process.env.IMCAT_FUZZ_CASE;

/** Measured single-thread cost of one case (ms) on the reference machine; sets each parser's time budget. */
const MS_PER_CASE: Record<string, number> = {
  'imaging-x': 45,
  'imaging-x-browser': 30,
  'm-aryayi-medical-imaging-datasets': 36,
  'openmedlab-awesome-medical-dataset': 22,
  openneuro: 32,
  'medmnist-site': 16,
};

function budgetMs(sourceId: string): number {
  const perCase = MS_PER_CASE[sourceId] ?? 8;
  // generous (6x the measured cost): the machine is shared, and the budget only has to stop a runaway parser
  return Math.max(60_000, Math.round((perCase * CASES * 6) / WORKERS) + 15_000);
}

const sourceIds = loadSources().sources.map((s) => s.id);

class WorkerPool {
  private readonly workers: Worker[] = [];

  constructor(size: number) {
    const require = createRequire(import.meta.url);
    const tsxApi = pathToFileURL(require.resolve('tsx/package.json').replace(/package\.json$/, 'dist/esm/api/index.mjs')).href;
    const entry = new URL('./fuzz-worker.ts', import.meta.url).href;
    const boot = `import(${JSON.stringify(tsxApi)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); });`;
    for (let i = 0; i < size; i++) this.workers.push(new Worker(boot, { eval: true }));
  }

  /** Run one shard per worker: worker w takes cases w, w + size, w + 2·size, … */
  async run(sourceId: string, seed: number, count: number): Promise<ShardResult[]> {
    return Promise.all(
      this.workers.map(
        (worker, w) =>
          new Promise<ShardResult>((resolve, reject) => {
            const cleanup = () => {
              worker.off('message', onMessage);
              worker.off('error', onError);
              worker.off('exit', onExit);
            };
            const onMessage = (m: { ok: true; result: ShardResult } | { ok: false; error: string }) => {
              cleanup();
              if (m.ok) resolve(m.result);
              else reject(new Error(`fuzz worker ${w} failed on ${sourceId}: ${m.error}`));
            };
            const onError = (error: Error) => {
              cleanup();
              reject(error);
            };
            const onExit = (code: number) => {
              cleanup();
              reject(new Error(`fuzz worker ${w} exited (${code}) while fuzzing ${sourceId}`));
            };
            worker.on('message', onMessage);
            worker.on('error', onError);
            worker.on('exit', onExit);
            const request: ShardRequest = { sourceId, seed, start: w, stride: this.workers.length, count };
            worker.postMessage(request);
          }),
      ),
    );
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

function merge(sourceId: string, shards: ShardResult[]): ShardResult {
  const total: ShardResult = {
    sourceId,
    cases: 0,
    returned: 0,
    listingsChecked: 0,
    typed: {},
    failures: [],
    failureCount: 0,
    slowest: { index: -1, ms: 0, description: '' },
    ms: 0,
  };
  for (const s of shards) {
    total.cases += s.cases;
    total.returned += s.returned;
    total.listingsChecked += s.listingsChecked;
    for (const [k, v] of Object.entries(s.typed)) total.typed[k] = (total.typed[k] ?? 0) + v;
    total.failures.push(...s.failures);
    total.failureCount += s.failureCount;
    if (s.slowest.ms > total.slowest.ms) total.slowest = s.slowest;
    total.ms = Math.max(total.ms, s.ms);
  }
  total.failures.sort((a, b) => a.index - b.index);
  return total;
}

describe('fuzz harness', () => {
  it('is deterministic: one (seed, source, index) always gives the same mutated pages', () => {
    const ps = prepareSource('grand-challenge');
    const a = mutatedCase(ps.prepared, SEED, 'grand-challenge', 42, ps.options);
    const b = mutatedCase(ps.prepared, SEED, 'grand-challenge', 42, ps.options);
    expect(a.description).toBe(b.description);
    expect(a.pages.map((p) => p.sha256)).toEqual(b.pages.map((p) => p.sha256));
    expect(Buffer.from(a.pages[0]!.body).equals(Buffer.from(b.pages[0]!.body))).toBe(true);
  });

  it('really mutates: nearly every case differs from the capture, and the capture itself passes the checks', () => {
    for (const id of sourceIds) {
      const ps = prepareSource(id);
      const out = ps.source.parse(ps.prepared.map((p) => p.page));
      expect(checkOutput(id, out), id).toBeUndefined();
      expect(out.listings.length, id).toBeGreaterThan(0);
      let changed = 0;
      for (let i = 0; i < 40; i++) {
        const c = mutatedCase(ps.prepared, SEED, id, i, ps.options);
        if (c.pages.some((p, j) => p.sha256 !== ps.prepared[j]?.page.sha256)) changed++;
      }
      expect(changed, id).toBeGreaterThanOrEqual(36);
    }
  });
});

describe.runIf(REPLAY)('replay one fuzz case (IMCAT_FUZZ_CASE=<source-id>:<index>)', () => {
  it('parses the case in-process and rethrows whatever it throws', () => {
    const [id, index] = (REPLAY ?? '').split(':');
    const ps = prepareSource(id!);
    const c = mutatedCase(ps.prepared, SEED, id!, Number(index), ps.options);
    console.log(`seed ${SEED}, ${id} case ${index}: ${c.description}`);
    const outcome = runOne(ps.source, c);
    console.log(outcome);
    if (outcome.kind === 'failed') ps.source.parse(c.pages);
    expect(outcome.kind).not.toBe('failed');
  });
});

describe.skipIf(REPLAY)(`parser fuzz: ${CASES} mutated captures per parser, seed ${SEED}, ${WORKERS} worker thread(s)`, () => {
  let pool: WorkerPool;
  beforeAll(() => {
    pool = new WorkerPool(WORKERS);
  });
  afterAll(async () => {
    await pool?.close();
  });

  describe.each(sourceIds)('%s', (sourceId) => {
    it(
      'returns valid listings or throws an ImcatError on every mutated capture',
      async () => {
        const result = merge(sourceId, await pool.run(sourceId, SEED, CASES));
        const typed = Object.entries(result.typed)
          .map(([k, v]) => `${k} ${v}`)
          .join(', ');
        console.log(
          `fuzz ${sourceId}: ${result.cases} cases in ${(result.ms / 1000).toFixed(1)} s wall ` +
            `(${((result.ms * WORKERS) / result.cases).toFixed(1)} ms/case); returned ${result.returned} ` +
            `(${result.listingsChecked} listings checked); typed errors: ${typed || 'none'}; ` +
            `slowest case ${result.slowest.index} ${result.slowest.ms.toFixed(0)} ms`,
        );
        const report = result.failures
          .map(
            (f) =>
              `\n  seed ${SEED}, source ${sourceId}, case ${f.index}\n    mutation: ${f.description}\n    problem: ${f.problem}` +
              (f.stack ? `\n    ${f.stack.split('\n').slice(0, 8).join('\n    ')}` : '') +
              `\n    replay: IMCAT_FUZZ_CASE=${sourceId}:${f.index} npx vitest run test/fuzz`,
          )
          .join('');
        expect(result.cases).toBe(CASES);
        expect(result.failureCount, `${result.failureCount} failing case(s):${report}`).toBe(0);
      },
      budgetMs(sourceId),
    );
  });
});
