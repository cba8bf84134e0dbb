import { ImcatError } from '@imcat/errors';
import { loadSources } from '@imcat/registry';
import { SourceListing } from '@imcat/schema';
import { defaultSnapshotsDir, readCaptureDir, type ParseOutput, type Source } from '@imcat/source-kit';
import { mutatedCase, preparePage, type CaseOptions, type MutatedCase, type PreparedPage } from './mutate';

/** The fixed seed of the suite; IMCAT_FUZZ_SEED overrides it to explore further. */
export const DEFAULT_SEED = 20261122;

/** Cases per parser; the issue asks for at least 10,000. */
export const DEFAULT_CASES = 10_000;

/** A single case slower than this is reported as a failure (a runaway regex or quadratic loop). */
export const SLOW_CASE_MS = 10_000;

export interface CaseFailure {
  index: number;
  description: string;
  problem: string;
  stack: string;
}

export interface ShardResult {
  sourceId: string;
  cases: number;
  /** Cases whose parse returned listings (all checked). */
  returned: number;
  listingsChecked: number;
  /** Typed errors thrown, by class name. */
  typed: Record<string, number>;
  failures: CaseFailure[];
  failureCount: number;
  slowest: { index: number; ms: number; description: string };
  ms: number;
}

/** Per-source case settings: openmedlab's 380 resource pages are sampled so one case costs one README parse, not 380 pages. */
export function caseOptionsFor(sourceId: string): CaseOptions {
  if (sourceId === 'openmedlab-awesome-medical-dataset') {
    return {
      firstPageBias: 0.5,
      subset: (rng, prepared, mutated) => {
        const chosen = new Set<number>([0, mutated]);
        for (let i = 0; i < 10; i++) chosen.add(1 + rng.int(prepared.length - 1));
        return [...chosen].sort((a, b) => a - b);
      },
    };
  }
  return { firstPageBias: 0.5 };
}

export interface PreparedSource {
  source: Source;
  prepared: PreparedPage[];
  options: CaseOptions;
}

export function prepareSource(sourceId: string): PreparedSource {
  const source = loadSources().sources.find((s) => s.id === sourceId);
  if (!source) throw new Error(`no registered source ${sourceId}`);
  const { pages } = readCaptureDir(defaultSnapshotsDir(), source);
  const first = pages.findIndex((p) => /README\.md$/i.test(new URL(p.url).pathname));
  // the README (or the one page) goes first, so the first-page bias targets the page that holds the list
  if (first > 0) pages.unshift(...pages.splice(first, 1));
  return { source, prepared: pages.map(preparePage), options: caseOptionsFor(sourceId) };
}

const SAFE_URL = /^https?:$/;

/** What must hold for a parse that returned: returns the first problem, or undefined. */
export function checkOutput(sourceId: string, out: ParseOutput): string | undefined {
  if (!out || !Array.isArray(out.listings) || !Array.isArray(out.rejects) || !Array.isArray(out.notes)) {
    return 'parse returned something that is not a ParseOutput';
  }
  const keys = new Set<string>();
  for (const listing of out.listings) {
    const checked = SourceListing.safeParse(listing);
    if (!checked.success) return `listing ${JSON.stringify(listing.source_key)} fails SourceListing: ${checked.error.message.slice(0, 300)}`;
    if (listing.source_id !== sourceId) return `listing ${listing.source_key} has source_id ${listing.source_id}`;
    if (!listing.name.trim()) return `listing ${listing.source_key} has an empty name`;
    if (!listing.source_key.trim()) return `a listing named ${JSON.stringify(listing.name)} has an empty source_key`;
    if (keys.has(listing.source_key)) return `duplicate source_key ${JSON.stringify(listing.source_key)}`;
    keys.add(listing.source_key);
    if (listing.url !== null && !SAFE_URL.test(new URL(listing.url).protocol)) return `listing ${listing.source_key} has url ${listing.url}`;
    if (/<script/i.test(listing.name)) return `listing ${listing.source_key} keeps markup in its name: ${JSON.stringify(listing.name)}`;
    if (/[\u0000-\u001f\u007f-\u009f]/.test(listing.name)) return `listing ${listing.source_key} keeps control characters in its name: ${JSON.stringify(listing.name)}`;
  }
  return undefined;
}

export type CaseOutcome = { kind: 'returned'; listings: number } | { kind: 'typed'; name: string } | { kind: 'failed'; problem: string; stack: string };

export function runOne(source: Source, c: MutatedCase): CaseOutcome {
  let out: ParseOutput;
  try {
    out = source.parse(c.pages);
  } catch (error) {
    if (error instanceof ImcatError) return { kind: 'typed', name: error.name };
    const e = error instanceof Error ? error : new Error(String(error));
    return { kind: 'failed', problem: `threw a ${e.constructor.name}, not an ImcatError: ${e.message}`, stack: e.stack ?? '' };
  }
  const problem = checkOutput(source.id, out);
  return problem ? { kind: 'failed', problem, stack: '' } : { kind: 'returned', listings: out.listings.length };
}

/** Run the cases start, start+stride, … below count. */
export function runShard(ps: PreparedSource, seed: number, start: number, stride: number, count: number): ShardResult {
  const began = performance.now();
  const result: ShardResult = {
    sourceId: ps.source.id,
    cases: 0,
    returned: 0,
    listingsChecked: 0,
    typed: {},
    failures: [],
    failureCount: 0,
    slowest: { index: -1, ms: 0, description: '' },
    ms: 0,
  };
  for (let index = start; index < count; index += stride) {
    const t0 = performance.now();
    const c = mutatedCase(ps.prepared, seed, ps.source.id, index, ps.options);
    const outcome = runOne(ps.source, c);
    const ms = performance.now() - t0;
    result.cases++;
    if (ms > result.slowest.ms) result.slowest = { index, ms, description: c.description };
    if (outcome.kind === 'returned') {
      result.returned++;
      result.listingsChecked += outcome.listings;
    } else if (outcome.kind === 'typed') {
      result.typed[outcome.name] = (result.typed[outcome.name] ?? 0) + 1;
    } else {
      result.failureCount++;
      if (result.failures.length < 10) result.failures.push({ index, description: c.description.slice(0, 400), problem: outcome.problem, stack: outcome.stack });
    }
    if (ms > SLOW_CASE_MS) {
      result.failureCount++;
      if (result.failures.length < 10) result.failures.push({ index, description: c.description.slice(0, 400), problem: `one parse took ${Math.round(ms)} ms`, stack: '' });
    }
  }
  result.ms = performance.now() - began;
  return result;
}
