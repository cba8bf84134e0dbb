import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Db } from '@imcat/duckdb';
import { ImcatError } from '@imcat/errors';
import { mapDistinctValues } from './map-parallel';

// Raw values of every kind a source states, varied so that most map and some leave an issue.
const VALUES = `
CREATE TABLE distinct_values AS
SELECT * FROM (VALUES
  ('modality', 'CT'), ('modality', 'PET/CT/ MR/ US'), ('modality', 'EEG'), ('modality', 'Quantum holography'),
  ('anatomy', 'Lung (Thorax)'), ('task', 'Seg/ Cls'), ('dimensionality', '3D'), ('license', 'CC BY-NC-SA 4.0'),
  ('access', 'registration required'), ('has_labels', 'yes'), ('year', '2021'), ('diseases', 'glioma'),
  ('description', 'A <b>brain</b> MRI set\u0007 with "quotes"'), ('doi', '10.5281/zenodo.1234'),
  ('paper_url', 'https://arxiv.org/abs/2101.00001'), ('download_url', 'javascript:alert(1)')
) AS t(role, value)
UNION ALL SELECT 'samples', (i * 37) || ' CT volumes' FROM range(3000) AS r(i)
UNION ALL SELECT 'url', 'https://zenodo.org/records/' || i FROM range(3000) AS r(i)`;

describe('mapDistinctValues', () => {
  let db: Db;
  let dir: string;
  beforeAll(async () => {
    db = await Db.open(':memory:');
    await db.exec(VALUES);
    dir = mkdtempSync(join(tmpdir(), 'imcat-map-parallel-'));
  });
  afterAll(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const lines = (files: string[]) => files.flatMap((f) => readFileSync(f, 'utf8').split('\n').filter(Boolean)).sort();

  it('writes the same lines in two worker threads as on this thread', async () => {
    const here = [join(dir, 'here.ndjson')];
    const inWorkers = [join(dir, 'w0.ndjson'), join(dir, 'w1.ndjson')];
    const sql = 'SELECT role, value FROM distinct_values';
    expect(await mapDistinctValues(db, sql, here)).toBe(6016);
    expect(await mapDistinctValues(db, sql, inWorkers)).toBe(6016);
    expect(lines(inWorkers)).toEqual(lines(here));
    expect(lines(here)).toHaveLength(6016);
    // Both workers got work (chunks are dealt out in turn).
    for (const f of inWorkers) expect(readFileSync(f, 'utf8').length).toBeGreaterThan(0);
    expect(lines(here)).toContain('{"role":"modality","value":"CT","terms":["ct"]}');
  }, 30_000);

  it('fails with an error naming the file when a worker cannot write it', async () => {
    const missing = join(dir, 'no-such-dir', 'w.ndjson');
    const failure = mapDistinctValues(db, 'SELECT role, value FROM distinct_values', [missing, join(dir, 'ok.ndjson')]);
    await expect(failure).rejects.toBeInstanceOf(ImcatError);
    await expect(failure).rejects.toThrow(/no-such-dir.*worker thread.*ENOENT/s);
  }, 30_000);
});
