import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeError } from '@imcat/errors';
import { Db, SqlError } from './db';

describe('SqlError', () => {
  let dir: string;
  let db: Db;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'imcat-db-test-'));
    db = await Db.open(':memory:', { threads: 1, memoryLimit: '16MB', tempDirectory: join(dir, 'tmp') });
  });
  afterAll(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('marks DuckDB running out of memory, without the advice DuckDB appends about settings the pipeline owns', async () => {
    // One list of 20M integers is one value: it cannot spill, so it cannot fit in 16MB.
    const error = await db.exec('CREATE TABLE big AS SELECT list(range) AS l FROM range(20000000)', {}, 'big.sql').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SqlError);
    const sqlError = error as SqlError;
    expect(sqlError.outOfMemory).toBe(true);
    expect(sqlError.file).toBe('big.sql');
    expect(sqlError.message).toMatch(/^statement 1 of big\.sql failed: Out of Memory Error: /);
    expect(sqlError.message).not.toMatch(/Possible solutions|SET threads/);
    // DuckDB's own message, advice and all, stays on the cause; the rendered chain says it once.
    expect((sqlError.cause as Error).message).toMatch(/Possible solutions/);
    expect(describeError(sqlError)).toBe(sqlError.message);
  });

  it('does not mark other failures as out of memory, and keeps their whole message', async () => {
    const error = await db.all('SELECT * FROM no_such_table').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SqlError);
    expect((error as SqlError).outOfMemory).toBe(false);
    expect((error as SqlError).message).toContain('Table with name no_such_table does not exist');
  });
});
