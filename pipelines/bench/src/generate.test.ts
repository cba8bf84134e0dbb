import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SourceListing } from '@imcat/schema';
import { generate, type TruthRow } from './generate';

const dirs: string[] = [];
const fresh = () => {
  const dir = mkdtempSync(join(tmpdir(), 'imcat-bench-test-'));
  dirs.push(dir);
  return dir;
};
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** Every file under a directory, by relative path, as bytes. */
function snapshot(dir: string): Record<string, Buffer> {
  const out: Record<string, Buffer> = {};
  const walk = (sub: string) => {
    for (const e of readdirSync(join(dir, sub), { withFileTypes: true })) {
      const rel = sub ? `${sub}/${e.name}` : e.name;
      if (e.isDirectory()) walk(rel);
      else out[rel] = readFileSync(join(dir, rel));
    }
  };
  walk('');
  return out;
}

const readNdjson = <T>(file: string): T[] =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as T);

describe('synthetic generator', () => {
  const a = fresh();
  const first = generate({ listings: 3000, dir: a, seed: 'test' });

  it('is deterministic: the same seed gives byte-identical staging and truth files', () => {
    const b = fresh();
    generate({ listings: 3000, dir: b, seed: 'test' });
    const sa = snapshot(a);
    const sb = snapshot(b);
    expect(Object.keys(sb).sort()).toEqual(Object.keys(sa).sort());
    for (const [file, bytes] of Object.entries(sa)) expect(sb[file]!.equals(bytes), file).toBe(true);
  });

  it('gives different data for another seed', () => {
    const c = fresh();
    generate({ listings: 3000, dir: c, seed: 'other' });
    expect(readFileSync(join(c, 'truth.ndjson')).equals(readFileSync(join(a, 'truth.ndjson')))).toBe(false);
  });

  it('writes exactly the listings asked for, as valid SourceListings with unique keys per source, one truth row each', () => {
    expect(first.listings).toBe(3000);
    const listings = first.listingFiles.flatMap((f) => readNdjson<unknown>(f));
    expect(listings).toHaveLength(3000);
    for (const l of listings) SourceListing.parse(l);
    const keys = listings.map((l) => `${(l as SourceListing).source_id}/${(l as SourceListing).source_key}`);
    expect(new Set(keys).size).toBe(keys.length);
    const truth = readNdjson<TruthRow>(first.truthFile);
    expect(truth.map((t) => `${t.source_id}/${t.source_key}`).sort()).toEqual([...keys].sort());
  });

  it('has the promised mix: cross-source duplicates, same-source duplicates, editions, look-alikes and family-level listings', () => {
    const truth = readNdjson<TruthRow>(first.truthFile);
    const byEntity = new Map<string, TruthRow[]>();
    for (const t of truth) if (t.kind === 'dataset') byEntity.set(t.entity, [...(byEntity.get(t.entity) ?? []), t]);
    const crossSource = [...byEntity.values()].filter((rows) => new Set(rows.map((r) => r.source_id)).size >= 2);
    const sameSource = [...byEntity.values()].filter((rows) => rows.length > new Set(rows.map((r) => r.source_id)).size);
    expect(crossSource.length).toBeGreaterThan(byEntity.size * 0.4);
    expect(sameSource.length).toBeGreaterThan(0);
    // Families with several datasets: editions, sequels, subsets and parts that must stay apart.
    const entitiesPerFamily = new Map<string, Set<string>>();
    for (const t of truth) if (t.kind === 'dataset') entitiesPerFamily.set(t.family, (entitiesPerFamily.get(t.family) ?? new Set()).add(t.entity));
    expect([...entitiesPerFamily.values()].filter((s) => s.size >= 2).length).toBeGreaterThan(50);
    expect(truth.filter((t) => t.kind === 'family').length).toBeGreaterThan(10);
    for (const key of [
      'truth: near-named look-alike families',
      'truth: subset or sibling-modality datasets',
      'truth: families with several year editions',
      'truth: families with sequels (v2, II)',
      'truth: collections in several parts',
    ]) {
      expect(first.mix[key], key).toBeGreaterThan(5);
    }
    // Names carry the noise the resolver must see through.
    const noise = truth.flatMap((t) => t.noise.split(','));
    for (const tag of ['typo', 'case:upper', 'edition:2-digit', 'form:long (short)', 'url:portal']) expect(noise, tag).toContain(tag);
  });

  it('draws modality and anatomy fields that map onto the vocabularies', async () => {
    const { mapValue } = await import('@imcat/pipeline-normalize');
    const table = readNdjson<SourceListing>(first.listingFiles.find((f) => f.includes('syn-table-1'))!);
    const mapped = table.filter((l) => l.raw.modality).map((l) => mapValue('modality', l.raw.modality!));
    expect(mapped.filter((m) => m.terms.length > 0).length).toBe(mapped.length);
    const anatomy = table.map((l) => mapValue('anatomy', l.raw.structure!));
    expect(anatomy.filter((m) => m.regions.length > 0).length).toBe(anatomy.length);
  });
});
