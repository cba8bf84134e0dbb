import { EXIT, buildCatalog, pipelineFingerprint, type BuildResult } from '@imcat/pipeline-build';
import { writeChangeset } from '@imcat/pipeline-release';
import type { Progress } from '../progress';
import { gitCommit } from '../git';
import { chooseMode, describeReport, resolveSources } from './scrape';

export interface BuildArgs {
  sources?: string[];
  offline?: string;
  live?: boolean;
  allowDrop?: boolean;
  changeset?: boolean;
  /** Release what `imcat scrape` staged, without scraping (`imcat release`). */
  staged?: boolean;
  repoRoot: string;
  snapshotsDir: string;
  staging: string;
  store: string;
  work: string;
  releases: string;
}

function plural(n: number, word: string): string {
  return `${n} ${n === 1 ? word : word.endsWith('y') ? `${word.slice(0, -1)}ies` : `${word}s`}`;
}

export function renderSummary(result: BuildResult): string[] {
  const lines: string[] = [];
  const o = result.outcome;
  if (o.status === 'unchanged') {
    lines.push(
      o.why === 'inputs'
        ? `No new release: inputs and pipeline are unchanged since ${o.version}.`
        : `No new release: the tables built are identical to ${o.version}'s.`,
    );
    const stale = result.reports.filter((r) => r.status === 'stale').map((r) => r.source_id);
    const failed = result.reports.filter((r) => r.status === 'failed').map((r) => r.source_id);
    if (stale.length) lines.push(`  stale sources (last good capture used): ${stale.join(', ')}`);
    if (failed.length) lines.push(`  failed sources (no capture to fall back on): ${failed.join(', ')}`);
    return lines;
  }
  if (o.status === 'blocked') {
    lines.push('Release BLOCKED: listing counts fell by more than 20% against the previous release (rerun with --allow-drop if this is expected):');
    for (const r of o.reasons) lines.push(`  - ${r}`);
    return lines;
  }
  const s = result.summary!;
  lines.push(`Release ${o.version} written to ${o.dir} (${o.bump}).`);
  lines.push(
    `  ${plural(s.listings, 'listing')}, ${plural(s.entities, 'dataset')}, ${plural(s.families, 'family')}, ${plural(s.fusionGroups, 'fusion group')}, ` +
      `${plural(s.rejects, 'rejected record')}, ${plural(s.valueIssues, 'rejected value')}, ${plural(s.conflicts, 'conflict')}`,
  );
  lines.push(`  since the previous release: ${o.changes.added.length} added, ${o.changes.removed.length} removed, ${o.changes.changed.length} changed`);
  if (s.staleSources.length) lines.push(`  stale sources (last good capture used): ${s.staleSources.join(', ')}`);
  if (s.failedSources.length) lines.push(`  failed sources (no capture to fall back on): ${s.failedSources.join(', ')}`);
  lines.push(`  stage times: ${Object.entries(result.timings).map(([k, v]) => `${k} ${v} ms`).join(', ')}`);
  return lines;
}

export async function buildCommand(args: BuildArgs, progress: Progress, probe: () => Promise<boolean>): Promise<number> {
  const sources = resolveSources(args.sources, progress);
  const mode = args.staged ? ({ kind: 'staged' } as const) : await chooseMode({ ...args, stagingDir: args.staging, storeDir: args.store }, probe);
  progress.line(mode.kind === 'staged' ? `release: from the listings staged in ${args.staging}` : mode.kind === 'offline' ? `build: replaying captures from ${mode.dir}` : mode.kind === 'store' ? 'build: replaying the capture store' : 'build: fetching live');
  let done = 0;
  const result = await buildCatalog({
    sources,
    mode,
    paths: { staging: args.staging, store: args.store, work: args.work, releases: args.releases },
    log: progress,
    gitCommit: gitCommit(args.repoRoot),
    pipelineFingerprint: pipelineFingerprint(args.repoRoot),
    allowDrop: args.allowDrop,
    hooks: {
      stage: (name) => progress.line(`stage: ${name}`),
      sourceStart: (s) => progress.status('scrape', done, sources.length, s.id),
      sourceDone: (r) => {
        done++;
        progress.step('scrape', done, sources.length, describeReport(r));
      },
    },
  });
  progress.done();
  for (const line of renderSummary(result)) progress.line(line);
  if (result.outcome.status === 'written' && args.changeset !== false) {
    const o = result.outcome;
    const file = writeChangeset(args.repoRoot, o.version, o.bump, `${o.changes.added.length} added, ${o.changes.removed.length} removed, ${o.changes.changed.length} changed datasets.`);
    progress.line(`  changeset written: ${file} (run \`npx changeset version\` to bump @imcat/catalog)`);
  }
  return result.exitCode === EXIT.ok || result.exitCode === EXIT.stale || result.exitCode === EXIT.blocked ? result.exitCode : EXIT.error;
}
