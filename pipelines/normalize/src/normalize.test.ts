import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Db } from '@imcat/duckdb';
import { ImcatError } from '@imcat/errors';
import { normalize } from './normalize';

const quiet = { info() {}, warn() {}, error() {}, debug() {} };
const listing = (source_id: string, source_key: string, name: string, raw: Record<string, string>, url = `https://example.org/${source_key}`) =>
  JSON.stringify({ source_id, source_key, name, url, raw, fetched_at: '2026-12-04T00:00:00Z', snapshot_sha256: 'a'.repeat(64) });

describe('normalize: staged listings', () => {
  let dir: string;
  let db: Db;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'imcat-normalize-'));
    db = await Db.open(':memory:', { threads: 2 });
  });
  afterEach(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const run = (files: Record<string, string[]>) => {
    const listingFiles = Object.entries(files).map(([id, lines]) => {
      const file = join(dir, `${id}.ndjson`);
      writeFileSync(file, lines.join('\n') + '\n');
      return file;
    });
    return normalize(
      { db, log: quiet as never, workDir: join(dir, 'work') },
      { listingFiles, rejectFiles: [], fieldMaps: { a: { modality: ['Modality'], license: ['license'], access: ['access'] }, b: { modality: ['mod'] } } },
    );
  };

  it('numbers listings by (source, key), whatever order the files hold them in, with their raw fields in key order', async () => {
    await run({
      b: [listing('b', 'k2', 'Two', { mod: 'CT', zeta: '1', alpha: '2' }), listing('b', 'k1', 'One', { mod: 'MRI' })],
      a: [listing('a', 'z', 'Zed', { Modality: 'PET' }), listing('a', 'a', 'Ay', { Modality: 'US' })],
    });
    const rows = await db.all<{ listing_id: number; source_id: string; source_key: string; raw: unknown }>(
      'SELECT listing_id, source_id, source_key, map_keys(raw) AS raw FROM listings ORDER BY listing_id',
    );
    expect(rows.map((r) => [r.listing_id, r.source_id, r.source_key])).toEqual([
      [1, 'a', 'a'],
      [2, 'a', 'z'],
      [3, 'b', 'k1'],
      [4, 'b', 'k2'],
    ]);
    expect(rows[3]!.raw).toEqual(['alpha', 'mod', 'zeta']);
    const modalities = await db.all<{ source_key: string; modalities: string[] }>('SELECT source_key, modalities FROM normalized_listings ORDER BY listing_id');
    expect(modalities.map((r) => r.modalities)).toEqual([['ultrasound'], ['pet'], ['mr'], ['ct']]);
  });

  it("takes access as stated, else as the license's terms set it, else from the URL's host", async () => {
    const tcia = 'https://www.cancerimagingarchive.net/collection/x/';
    await run({
      a: [
        listing('a', 'restricted', 'R', { license: 'CC BY 4.0 - TCIA Restricted' }, tcia),
        listing('a', 'public', 'P', { license: 'CC BY 4.0' }, tcia),
        listing('a', 'stated', 'S', { license: 'TCIA Restricted', access: 'Open' }, tcia),
        listing('a', 'none', 'N', { license: 'CC BY 4.0' }),
      ],
    });
    const rows = await db.all<{ source_key: string; access: string; access_basis: string }>('SELECT source_key, access, access_basis FROM normalized_listings ORDER BY source_key');
    expect(rows).toEqual([
      { source_key: 'none', access: 'unknown', access_basis: 'none' },
      { source_key: 'public', access: 'open', access_basis: 'url-domain' },
      { source_key: 'restricted', access: 'application', access_basis: 'license' },
      { source_key: 'stated', access: 'open', access_basis: 'stated' },
    ]);
  });

  it('refuses a source key staged twice for one source, naming the source and the key', async () => {
    const failure = run({ a: [listing('a', 'k1', 'One', {}), listing('a', 'k2', 'Two', {}), listing('a', 'k1', 'One again', {})], b: [listing('b', 'k1', 'Other', {})] });
    await expect(failure).rejects.toBeInstanceOf(ImcatError);
    await expect(failure).rejects.toThrow(/expected each source key once per source, found a "k1" 2 times/);
  });
});
