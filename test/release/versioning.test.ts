import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Db } from '@imcat/duckdb';
import { EXIT, buildCatalog } from '@imcat/pipeline-build';
import { LOCK_FILE, latestRelease, verifyRelease, writeIndex, type Manifest } from '@imcat/pipeline-release';
import { silentLogger } from '@imcat/source-testing';
import { BASE, miniSource, writeCaptures, type Row } from './mini-source';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));
function tmp() {
  const d = mkdtempSync(join(tmpdir(), 'imcat-versioning-'));
  dirs.push(d);
  return d;
}

async function build(root: string, data: Record<string, Row[]>, opts: { allowDrop?: boolean; fingerprint?: string } = {}) {
  const captures = join(root, 'captures');
  rmSync(captures, { recursive: true, force: true });
  writeCaptures(captures, data);
  return buildCatalog({
    sources: Object.keys(data).sort().map(miniSource),
    mode: { kind: 'offline', dir: captures },
    paths: { staging: join(root, 'staging'), store: join(root, 'store'), work: join(root, 'work'), releases: join(root, 'releases') },
    log: silentLogger,
    gitCommit: 'test',
    pipelineFingerprint: opts.fingerprint ?? 'pipeline-v1',
    allowDrop: opts.allowDrop,
  });
}

const ids = (root: string, version: string) =>
  (JSON.parse(readFileSync(join(root, 'releases', version, 'catalog.json'), 'utf8')) as { datasets: { dataset_id: string; name: string }[] }).datasets;

describe('versioned releases', () => {
  it('writes v1.0.0 first, resolving editions and spellings into entities', async () => {
    const root = tmp();
    const r = await build(root, BASE);
    expect(r.outcome.status).toBe('written');
    expect(r.exitCode).toBe(EXIT.ok);
    const names = ids(root, 'v1.0.0').map((d) => d.name).sort();
    expect(names).toEqual(['BraTS 2021', 'CheXpert', 'Deep Lesion', 'KiTS 2019', 'LiTS', 'NIH Chest X-ray 14'].sort());
    const index = JSON.parse(readFileSync(join(root, 'releases', 'index.json'), 'utf8'));
    expect(index.latest).toBe('v1.0.0');
  });

  it('writes nothing when inputs and pipeline are unchanged, and says so', async () => {
    const root = tmp();
    await build(root, BASE);
    const again = await build(root, BASE);
    expect(again.outcome).toEqual({ status: 'unchanged', version: 'v1.0.0', why: 'inputs' });
    expect(readdirSync(join(root, 'releases')).filter((n) => n.startsWith('v'))).toEqual(['v1.0.0']);
  });

  it('writes nothing when a changed pipeline builds the same tables, and says which of the two it was', async () => {
    const root = tmp();
    await build(root, BASE);
    const again = await build(root, BASE, { fingerprint: 'pipeline-v2' });
    expect(again.outcome).toEqual({ status: 'unchanged', version: 'v1.0.0', why: 'tables' });
    expect(again.exitCode).toBe(EXIT.ok);
    expect(readdirSync(join(root, 'releases')).filter((n) => n.startsWith('v'))).toEqual(['v1.0.0']);
  });

  it('bumps minor for added datasets and keeps every existing id', async () => {
    const root = tmp();
    await build(root, BASE);
    const before = ids(root, 'v1.0.0');
    const more = { ...BASE, beta: [...BASE.beta!, ['luna16', 'LUNA16', 'https://luna16.grand-challenge.org', 'CT', 'Lung', 'Det', '2016'] as Row] };
    const r = await build(root, more);
    expect(r.outcome.status === 'written' && r.outcome.version).toBe('v1.1.0');
    const after = ids(root, 'v1.1.0');
    for (const d of before) expect(after.map((x) => x.dataset_id)).toContain(d.dataset_id);
    expect(after.find((d) => d.name === 'LUNA16')).toBeDefined();
  });

  it('bumps patch for corrections, with field-level changes in the changelog', async () => {
    const root = tmp();
    await build(root, BASE);
    const fixed = { ...BASE, alpha: BASE.alpha!.map((r) => (r[0] === 'lits' ? ([...r.slice(0, 6), '2018', ...r.slice(7)] as Row) : r)) };
    const r = await build(root, fixed);
    expect(r.outcome.status === 'written' && r.outcome.version).toBe('v1.0.1');
    const changes = JSON.parse(readFileSync(join(root, 'releases', 'v1.0.1', 'changes.json'), 'utf8'));
    const lits = changes.changed.find((c: { name: string }) => c.name === 'LiTS');
    expect(lits.fields).toContainEqual({ field: 'year', before: 2017, after: 2018 });
  });

  it('bumps major when an id is retired, and records the retired id', async () => {
    const root = tmp();
    await build(root, BASE);
    const lits = ids(root, 'v1.0.0').find((d) => d.name === 'LiTS')!;
    const without = { ...BASE, alpha: BASE.alpha!.filter((r) => r[0] !== 'lits') };
    // One of four listings is a 25% drop for that source, so the removal has to be allowed.
    const r = await build(root, without, { allowDrop: true });
    expect(r.outcome.status === 'written' && r.outcome.version).toBe('v2.0.0');
    const db = await Db.open();
    try {
      const history = await db.all<{ dataset_id: string; event: string; release: string }>(
        `SELECT dataset_id, event, release FROM read_parquet('${join(root, 'releases', 'v2.0.0', 'id_history.parquet')}')`,
      );
      expect(history).toContainEqual({ dataset_id: lits.dataset_id, event: 'retired', release: 'v2.0.0' });
    } finally {
      db.close();
    }
  });

  it('gives a dataset its id back when its listings return after a release without them', async () => {
    const root = tmp();
    await build(root, BASE);
    const lits = ids(root, 'v1.0.0').find((d) => d.name === 'LiTS')!;
    const without: Record<string, Row[]> = { ...BASE, alpha: BASE.alpha!.filter((r) => r[0] !== 'lits') };
    await build(root, without, { allowDrop: true });
    expect(ids(root, 'v2.0.0').map((d) => d.dataset_id)).not.toContain(lits.dataset_id);
    // A correction while LiTS is still gone is a patch: its id was retired once, in v2.0.0, not again.
    const corrected = { ...without, beta: without.beta!.map((r) => (r[0] === BASE.beta![0]![0] ? ([...r.slice(0, 6), '2001', ...r.slice(7)] as Row) : r)) };
    const patch = await build(root, corrected);
    expect(patch.outcome.status === 'written' && patch.outcome.version).toBe('v2.0.1');
    const db = await Db.open();
    try {
      const retired = await db.all<{ release: string }>(
        `SELECT release FROM read_parquet('${join(root, 'releases', 'v2.0.1', 'id_history.parquet')}') WHERE dataset_id = '${lits.dataset_id}'`,
      );
      expect(retired).toEqual([{ release: 'v2.0.0' }]);
    } finally {
      db.close();
    }
    // LiTS is back (its source answered again): the same listings, the same id, not a new longer one.
    const back = await build(root, BASE);
    expect(back.outcome.status === 'written' && back.outcome.version).toBe('v2.1.0');
    expect(ids(root, 'v2.1.0').find((d) => d.name === 'LiTS')?.dataset_id).toBe(lits.dataset_id);
    expect(ids(root, 'v2.1.0').map((d) => d.dataset_id).sort()).toEqual(ids(root, 'v1.0.0').map((d) => d.dataset_id).sort());
  });

  it('blocks a release when a source loses more than 20% of its listings, unless allowed', async () => {
    const root = tmp();
    await build(root, BASE);
    const shrunk = { ...BASE, beta: BASE.beta!.slice(0, 2) };
    const blocked = await build(root, shrunk);
    expect(blocked.outcome.status).toBe('blocked');
    expect(blocked.exitCode).toBe(EXIT.blocked);
    expect(blocked.outcome.status === 'blocked' && blocked.outcome.reasons[0]).toMatch(/beta: 2 listings, down from 4/);
    expect(latestRelease(join(root, 'releases'))?.version).toBe('v1.0.0');
    const allowed = await build(root, shrunk, { allowDrop: true });
    expect(allowed.outcome.status).toBe('written');
  });

  it('never overwrites an existing release directory', async () => {
    const root = tmp();
    await build(root, BASE);
    // Pretend v1.1.0 exists already (say, written by another machine) but is not the latest by content.
    mkdirSync(join(root, 'releases', 'v1.1.0'));
    writeFileSync(join(root, 'releases', 'v1.1.0', 'keep.txt'), 'not ours');
    const more = { ...BASE, alpha: [...BASE.alpha!, ['isic18', 'ISIC18', 'https://challenge.isic-archive.com/landing/2018', 'Dermoscopy', 'Skin', 'Seg', '2018'] as Row] };
    await expect(build(root, more)).rejects.toThrow(/already exists.*immutable/);
    expect(readFileSync(join(root, 'releases', 'v1.1.0', 'keep.txt'), 'utf8')).toBe('not ours');
  });

  it('lets one build at a time write into a releases directory, and takes over the lock of a build that is gone', async () => {
    const root = tmp();
    await build(root, BASE);
    const more = { ...BASE, beta: [...BASE.beta!, ['luna16', 'LUNA16', 'https://luna16.grand-challenge.org', 'CT', 'Lung', 'Det', '2016'] as Row] };
    // Two builds at once: the second is refused at the start, before it touches anything, and the first completes.
    const [first, second] = await Promise.allSettled([build(root, more), build(root, more)]);
    expect(first.status).toBe('fulfilled');
    expect(second.status === 'rejected' && String(second.reason)).toMatch(/another build \(process \d+\) is writing releases in .*: expected the directory free/);
    expect(existsSync(join(root, 'releases', LOCK_FILE))).toBe(false);
    // A lock left by a killed build (a process id no longer running) does not stop the next one.
    writeFileSync(join(root, 'releases', LOCK_FILE), '2147483646\n');
    const again = await build(root, { ...more, beta: [...more.beta, ['lidc', 'LIDC-IDRI', 'https://wiki.cancerimagingarchive.net/lidc', 'CT', 'Lung', 'Det', '2011'] as Row] });
    expect(again.outcome.status === 'written' && again.outcome.version).toBe('v1.2.0');
    expect(existsSync(join(root, 'releases', LOCK_FILE))).toBe(false);
  });

  it('recovers from an interrupted build: half-written directories are removed and the index rebuilt', async () => {
    const root = tmp();
    await build(root, BASE);
    // A build killed while writing leaves only a temporary directory and, at worst, a stale index.
    mkdirSync(join(root, 'releases', '.tmp-release-99999'));
    writeFileSync(join(root, 'releases', '.tmp-release-99999', 'datasets.parquet'), 'half');
    writeFileSync(join(root, 'releases', 'index.json'), '{"latest": null, "releases": []}');
    expect(writeIndex(join(root, 'releases')).latest).toBe('v1.0.0');
    const more = { ...BASE, beta: [...BASE.beta!, ['camelyon16', 'CAMELYON16', 'https://camelyon16.grand-challenge.org', 'Histopathology (WSI)', 'Lymph node', 'Det', '2016'] as Row] };
    const r = await build(root, more);
    expect(r.outcome.status === 'written' && r.outcome.version).toBe('v1.1.0');
    expect(existsSync(join(root, 'releases', '.tmp-release-99999'))).toBe(false);
    const db = await Db.open();
    try {
      expect((await verifyRelease(db, join(root, 'releases'))).problems).toEqual([]);
    } finally {
      db.close();
    }
  });

  it('marks sources in the manifest with their snapshot hashes and fetched time', async () => {
    const root = tmp();
    await build(root, BASE);
    const manifest = JSON.parse(readFileSync(join(root, 'releases', 'v1.0.0', 'manifest.json'), 'utf8')) as Manifest;
    expect(manifest.sources.map((s) => [s.source_id, s.status, s.fetched_at])).toEqual([
      ['alpha', 'ok', '2026-11-22T00:00:00.000Z'],
      ['beta', 'ok', '2026-11-22T00:00:00.000Z'],
    ]);
    expect(manifest.sources[0]!.pages[0]!.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(manifest.created_at).toBe('2026-11-22T00:00:00.000Z');
  });
});
