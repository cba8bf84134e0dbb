import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Db, parseSize } from '@imcat/duckdb';
import { RELEASE_MEMORY_SHARE, sqlPath, withReleaseSettings, writeParquet, writeParquetTables, type LaneTask } from './tables';

const ROWS = 2_000_000;

// provenance as the release reads it, in a scrambled insertion order, with
// strings of varied length: 20 row groups of about 100,000 rows when written.
const PROVENANCE = `
CREATE TABLE provenance AS
SELECT
  'ds-' || lpad(CAST((i * 7919) % ${ROWS} AS VARCHAR), 8, '0') AS dataset_id,
  (['modality', 'anatomy', 'task', 'license', 'access', 'dimensionality'])[1 + i % 6] AS field,
  md5(CAST(i AS VARCHAR)) || CASE WHEN i % 3 = 0 THEN repeat('x', CAST(i % 50 AS INTEGER)) ELSE '' END AS value,
  'src' || CAST(i % 13 AS VARCHAR) AS source_id,
  'key/' || CAST(i * 31 % 100003 AS VARCHAR) AS source_key
FROM range(${ROWS}) AS r(i)`;

// A second large table (stats' columns), so two writes overlap for a while.
const STATS = `
CREATE TABLE stats AS
SELECT
  (['facet', 'crosstab', 'gap'])[1 + i % 3] AS stat,
  'modality' AS dim_a, md5(CAST(i AS VARCHAR)) AS value_a,
  CASE WHEN i % 2 = 0 THEN 'anatomy' END AS dim_b, CASE WHEN i % 2 = 0 THEN md5(CAST(i * 3 AS VARCHAR)) END AS value_b,
  i % 997 AS n
FROM range(1000000) AS r(i)`;

function sha(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

async function threads(db: Db): Promise<number> {
  return Number((await db.one<{ n: number }>("SELECT current_setting('threads') AS n"))?.n);
}

describe('Parquet bytes do not depend on thread timing', () => {
  let db: Db;
  let root: string;
  beforeAll(async () => {
    db = await Db.open(':memory:');
    await db.exec(PROVENANCE);
    await db.exec(STATS);
    root = mkdtempSync(join(tmpdir(), 'imcat-parquet-det-'));
  }, 60_000);
  afterAll(() => {
    db.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('writes a table of many row groups twice with the same sha256, and leaves the thread count as it was', async () => {
    expect(await threads(db)).toBe(2);
    const a = await writeParquet(db, 'provenance', mkdtempSync(join(root, 'a-')));
    expect(await threads(db)).toBe(2);
    const b = await writeParquet(db, 'provenance', mkdtempSync(join(root, 'b-')));
    const meta = await db.one<{ groups: number }>(`SELECT count(DISTINCT row_group_id) AS groups FROM parquet_metadata(${sqlPath(a)})`);
    expect(meta?.groups).toBeGreaterThanOrEqual(10);
    expect(Number((await db.one<{ n: number }>(`SELECT count(*) AS n FROM read_parquet(${sqlPath(a)})`))?.n)).toBe(ROWS);
    expect(sha(b)).toBe(sha(a));
  }, 60_000);

  it('writes two tables at once, on two connections, with the bytes each has when written alone', async () => {
    const alone = [await writeParquet(db, 'provenance', mkdtempSync(join(root, 'c-'))), await writeParquet(db, 'stats', mkdtempSync(join(root, 'c-')))];
    const together = await writeParquetTables(db, ['provenance', 'stats'], mkdtempSync(join(root, 'd-')));
    expect(together.map((p) => p.split('/').at(-1))).toEqual(['provenance.parquet', 'stats.parquet']);
    expect(together.map(sha)).toEqual(alone.map(sha));
    expect(await threads(db)).toBe(2);
  }, 60_000);

  it('puts the thread count back when the write fails', async () => {
    // No families table here: the COPY fails inside withReleaseSettings.
    await expect(writeParquet(db, 'families', root)).rejects.toThrow(/families/);
    expect(await threads(db)).toBe(2);
    // … also when one of two concurrent writes fails (the other is waited for first).
    await expect(writeParquetTables(db, ['stats', 'families'], mkdtempSync(join(root, 'e-')))).rejects.toThrow(/families/);
    expect(await threads(db)).toBe(2);
    await db.exec('SET threads = 3');
    try {
      expect(await withReleaseSettings(db, () => threads(db))).toBe(1);
      expect(await threads(db)).toBe(3);
    } finally {
      await db.exec('SET threads = 2');
    }
  });

  it('writes under a share of the memory limit the database was opened with, and puts the limit back', async () => {
    const limited = await Db.open(':memory:', { memoryLimit: '1GB' });
    const limit = async (d: Db) => (await d.one<{ m: string }>("SELECT current_setting('memory_limit') AS m"))!.m;
    try {
      await limited.exec(STATS);
      const opened = await limit(limited);
      expect(opened).toBe('953.6 MiB');
      const seen: string[] = [];
      const task: LaneTask = { name: 'limit', weight: 1, run: async (connection) => void seen.push(await limit(connection)) };
      await writeParquetTables(limited, ['stats'], mkdtempSync(join(root, 'g-')), [task]);
      // 0.75 of 10^9 bytes, as DuckDB prints it; the same on both connections (a setting of the database).
      expect(RELEASE_MEMORY_SHARE).toBe(0.75);
      expect(seen).toEqual(['715.2 MiB']);
      expect(await limit(limited)).toBe(opened);
      // … also when the write fails.
      await expect(writeParquetTables(limited, ['families'], root)).rejects.toThrow(/families/);
      expect(await limit(limited)).toBe(opened);
    } finally {
      limited.close();
    }
  }, 30_000);

  it('reads DuckDB size settings', () => {
    expect(parseSize('2GB')).toBe(2e9);
    expect(parseSize('1.5 GiB')).toBe(1.5 * 2 ** 30);
    expect(parseSize('2000MB')).toBe(2e9);
    expect(parseSize('1000000')).toBe(1e6);
    expect(parseSize('80%')).toBeNull();
    expect(parseSize('lots')).toBeNull();
  });

  it('runs a task that reads a table\'s file after that file is written, whatever its weight, and refuses an unknown one', async () => {
    const dir = mkdtempSync(join(root, 'f-'));
    const seen: number[] = [];
    const heavy: LaneTask = {
      name: 'reads stats.parquet',
      after: ['stats'],
      // Heavier than any table: by weight alone it would start first, before stats.parquet exists.
      weight: Number.MAX_SAFE_INTEGER,
      run: async (connection) => {
        seen.push(Number((await connection.one<{ n: number }>(`SELECT count(*) AS n FROM read_parquet(${sqlPath(join(dir, 'stats.parquet'))})`))?.n));
      },
    };
    await writeParquetTables(db, ['provenance', 'stats'], dir, [heavy]);
    expect(seen).toEqual([1_000_000]);
    await expect(writeParquetTables(db, ['stats'], mkdtempSync(join(root, 'g-')), [{ ...heavy, after: ['families'] }])).rejects.toThrow(/waits for families\.parquet/);
    expect(await threads(db)).toBe(2);
  }, 60_000);
});
