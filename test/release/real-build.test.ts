import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import { parquetReadObjects } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Db } from '@imcat/duckdb';
import { buildCatalog, pipelineFingerprint, type BuildResult } from '@imcat/pipeline-build';
import { RELEASE_TABLES, verifyRelease, type Manifest } from '@imcat/pipeline-release';
import { openRelease, readOnlyQuery, search } from '@imcat/query';
import { REPO_ROOT, loadSources } from '@imcat/registry';
import { defaultSnapshotsDir } from '@imcat/source-kit';
import { silentLogger } from '@imcat/source-testing';

const roots: string[] = [];
async function buildInto(root: string): Promise<BuildResult> {
  return buildCatalog({
    sources: loadSources().sources,
    mode: { kind: 'offline', dir: defaultSnapshotsDir() },
    paths: { staging: join(root, 'staging'), store: join(root, 'store'), work: join(root, 'work'), releases: join(root, 'releases') },
    log: silentLogger,
    gitCommit: 'test-commit',
    pipelineFingerprint: pipelineFingerprint(REPO_ROOT),
  });
}

function sha(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

async function readParquet(path: string): Promise<Record<string, unknown>[]> {
  const buf = readFileSync(path);
  return parquetReadObjects({ file: buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) as ArrayBuffer, compressors });
}

/** JSON round trip, with BigInt as number, so values from different readers compare equal. */
function normalise(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? Number(v) : v)));
}

describe('a full release built from the real captures', () => {
  let first: BuildResult;
  let dir: string;
  let releases: string;
  beforeAll(async () => {
    const root = mkdtempSync(join(tmpdir(), 'imcat-real-'));
    roots.push(root);
    first = await buildInto(root);
    if (first.outcome.status !== 'written') throw new Error(`expected a release, got ${first.outcome.status}`);
    dir = first.outcome.dir;
    releases = join(root, 'releases');
  }, 180_000);
  afterAll(() => roots.forEach((r) => rmSync(r, { recursive: true, force: true })));

  it('covers every source and writes every promised file', () => {
    expect(first.reports.map((r) => [r.source_id, r.status])).toEqual(loadSources().sources.map((s) => [s.id, 'ok']));
    expect(readdirSync(dir).sort()).toEqual(
      [...RELEASE_TABLES.map((t) => `${t.name}.parquet`), 'datasets.arrow', 'catalog.json', 'stats.json', 'schema.json', 'datapackage.json', 'croissant.json', 'manifest.json', 'changes.json', 'CHANGELOG.md'].sort(),
    );
  });

  it('is byte-identical when rebuilt from the same captures', async () => {
    const root = mkdtempSync(join(tmpdir(), 'imcat-real-again-'));
    roots.push(root);
    const again = await buildInto(root);
    if (again.outcome.status !== 'written') throw new Error('expected a release');
    for (const file of readdirSync(dir)) expect(sha(join(again.outcome.dir, file)), file).toBe(sha(join(dir, file)));
  }, 180_000);

  it('reads back with hyparquet, an independent Parquet reader, equal to the JSON mirrors and the manifest', async () => {
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Manifest;
    for (const t of RELEASE_TABLES) {
      const rows = await readParquet(join(dir, `${t.name}.parquet`));
      expect(rows.length, t.name).toBe(manifest.row_counts[t.name]);
    }
    const catalog = JSON.parse(readFileSync(join(dir, 'catalog.json'), 'utf8')) as { datasets: unknown[] };
    expect(normalise(await readParquet(join(dir, 'datasets.parquet')))).toEqual(normalise(catalog.datasets));
    const stats = JSON.parse(readFileSync(join(dir, 'stats.json'), 'utf8')) as { stats: unknown[] };
    expect(normalise(await readParquet(join(dir, 'stats.parquet')))).toEqual(normalise(stats.stats));
  });

  it('writes datasets.arrow with the same rows, in the same order', async () => {
    const table = tableFromIPC(readFileSync(join(dir, 'datasets.arrow')));
    const parquet = await readParquet(join(dir, 'datasets.parquet'));
    expect(table.numRows).toBe(parquet.length);
    expect(table.getChild('dataset_id')!.toArray()).toEqual(parquet.map((r) => r.dataset_id));
    expect(String(table.schema.fields.find((f) => f.name === 'modalities')!.type)).toBe('List<Utf8>');
  });

  it('describes itself: datapackage keys and croissant hashes match the files', () => {
    const pkg = JSON.parse(readFileSync(join(dir, 'datapackage.json'), 'utf8'));
    const datasets = pkg.resources.find((r: { name: string }) => r.name === 'datasets');
    expect(datasets.schema.primaryKey).toEqual(['dataset_id']);
    expect(pkg.resources.find((r: { name: string }) => r.name === 'listings').schema.foreignKeys[0].reference.resource).toBe('datasets');
    const croissant = JSON.parse(readFileSync(join(dir, 'croissant.json'), 'utf8'));
    expect(croissant.conformsTo).toBe('http://mlcommons.org/croissant/1.0');
    for (const f of croissant.distribution) expect(f.sha256, f.name).toBe(sha(join(dir, f.contentUrl)));
  });

  it('declares a primary key only where the data holds one: unique and never empty', async () => {
    const pkg = JSON.parse(readFileSync(join(dir, 'datapackage.json'), 'utf8')) as { resources: { name: string; path: string; schema: { primaryKey?: string[] } }[] };
    expect(pkg.resources.filter((r) => !r.schema.primaryKey).map((r) => r.name).sort()).toEqual(['rejects', 'stats']);
    const db = await Db.open();
    try {
      for (const r of pkg.resources.filter((x) => x.schema.primaryKey)) {
        const key = r.schema.primaryKey!.map((k) => `"${k}"`);
        const check = await db.one<{ n: number; d: number; empty: number }>(
          `SELECT count(*) AS n, count(DISTINCT (${key.join(', ')})) AS d, count(*) FILTER (WHERE ${key.map((k) => `${k} IS NULL`).join(' OR ')}) AS empty FROM read_parquet('${join(dir, r.path)}')`,
        );
        expect({ table: r.name, ...check }).toEqual({ table: r.name, n: check!.n, d: check!.n, empty: 0 });
      }
    } finally {
      db.close();
    }
  });

  it('verifies clean, and finds a tampered file', async () => {
    const db = await Db.open();
    try {
      expect((await verifyRelease(db, releases)).problems).toEqual([]);
      const target = join(dir, 'stats.json');
      const original = readFileSync(target);
      writeFileSync(target, '{"tampered": true}\n');
      try {
        expect((await verifyRelease(db, releases)).problems.join('\n')).toMatch(/stats\.json: sha256/);
      } finally {
        writeFileSync(target, original);
      }
      // A file the release never wrote is found too.
      const extra = join(dir, 'extra.parquet');
      writeFileSync(extra, 'junk');
      try {
        expect((await verifyRelease(db, releases)).problems).toEqual(['extra.parquet: not listed in the manifest']);
      } finally {
        rmSync(extra);
      }
    } finally {
      db.close();
    }
  });

  it('finds CheXpert and NIH ChestX-ray14 for chest X-ray classification, though their sources file them under "Lung"', async () => {
    const { db } = await openRelease(releases);
    try {
      const hits = await search(db, { modality: 'X-ray', anatomy: 'chest', task: 'classification', limit: 500 });
      const strict = hits.filter((h) => h.match === 'strict').map((h) => h.name);
      expect(strict).toContain('CheXpert');
      expect(strict.some((n) => /ChestX-ray14|Chest X-ray 14/.test(n))).toBe(true);
      const lung = await readOnlyQuery(db, "SELECT anatomy FROM datasets WHERE name = 'CheXpert'");
      expect(lung[0]!.anatomy).toEqual(['lung']);
    } finally {
      db.close();
    }
  });

  it('ranks open before restricted, labelled before not, larger before smaller', async () => {
    const { db } = await openRelease(releases);
    try {
      const hits = await search(db, { modality: 'ct', task: 'segmentation', limit: 200 });
      const strict = hits.filter((h) => h.match === 'strict');
      const order = ['open', 'registration', 'application', 'restricted', 'unknown'];
      // Access, then labels (stated true, not stated, stated false), then samples (unknown last): each hit's key is
      // no smaller than the one before.
      const key = (h: (typeof strict)[number]) => [
        order.indexOf(String(h.access)),
        h.has_labels === true ? 0 : h.has_labels === null ? 1 : 2,
        h.sample_count === null ? Infinity : -Number(h.sample_count),
      ];
      const states = new Set(strict.map((h) => key(h)[1]));
      expect(states.size, 'the search should hold every label state for this test to mean something').toBe(3);
      for (let i = 1; i < strict.length; i++) {
        const [a, b] = [key(strict[i - 1]!), key(strict[i]!)];
        const first = a.findIndex((x, k) => x !== b[k]);
        if (first >= 0) expect(b[first]!, `${strict[i - 1]!.name} before ${strict[i]!.name}`).toBeGreaterThan(a[first]!);
      }
    } finally {
      db.close();
    }
  });

  it('gives near matches with the reason they are near', async () => {
    const { db } = await openRelease(releases);
    try {
      const hits = await search(db, { modality: 'ct', anatomy: 'liver', task: 'segmentation', limit: 500 });
      const near = hits.filter((h) => h.match === 'near');
      expect(near.length).toBeGreaterThan(0);
      for (const h of near) expect(h.reasons.length).toBeGreaterThan(0);
      expect(near.some((h) => h.reasons.some((r) => /same region \(abdomen\)/.test(r)))).toBe(true);
    } finally {
      db.close();
    }
  });
});
