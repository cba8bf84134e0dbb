import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseSize } from '@imcat/duckdb';
import { BLOCK_ALLOCATOR_SHARE, openPipelineDb, PIPELINE_MEMORY_LIMIT } from './build';

describe("the pipeline's database", () => {
  const work = mkdtempSync(join(tmpdir(), 'imcat-open-db-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('opens on 2 threads, under the memory limit, spilling under the work directory and keeping half the limit of buffer memory', async () => {
    const db = await openPipelineDb(':memory:', work);
    try {
      const settings = Object.fromEntries(
        (await db.all<{ name: string; value: string }>(
          "SELECT name, value FROM duckdb_settings() WHERE name IN ('threads', 'memory_limit', 'temp_directory', 'block_allocator_memory')",
        )).map((r) => [r.name, r.value]),
      );
      const limit = parseSize(PIPELINE_MEMORY_LIMIT)!;
      expect(settings.threads).toBe('2');
      expect(settings.temp_directory).toBe(join(work, 'duckdb-tmp'));
      // DuckDB shows sizes rounded to a tenth of a binary unit ("1.8 GiB" for 2GB, "953.6 MiB" for 1GB)
      expect(Math.abs(parseSize(settings.memory_limit!)! - limit) / limit).toBeLessThan(0.05);
      expect(Math.abs(parseSize(settings.block_allocator_memory!)! - limit * BLOCK_ALLOCATOR_SHARE) / limit).toBeLessThan(0.05);
      expect(db.memoryLimit).toBe(PIPELINE_MEMORY_LIMIT);
    } finally {
      db.close();
    }
  });
});
