import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type DataType, Int64, List, Struct, Table, type Vector, tableFromIPC, tableToIPC, vectorFromArray } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Db } from '@imcat/duckdb';
import { arrowType, readArrowTable, writeArrowFile } from './arrow';
import { describe as describeQuery } from './tables';

/** What the release used to do: every row into JS values, then apache-arrow's own builders. */
async function referenceIpc(db: Db, query: string): Promise<Uint8Array> {
  const columns = await describeQuery(db, query);
  const data = (await db.connection.runAndReadAll(query)).getColumnsObjectJS() as Record<string, unknown[]>;
  const toArrow = (value: unknown, type: DataType): unknown => {
    if (value === null || value === undefined) return null;
    if (type instanceof Int64) return BigInt(value as number);
    if (type instanceof List) return (value as unknown[]).map((v) => toArrow(v, type.children[0]!.type));
    if (type instanceof Struct) return Object.fromEntries(type.children.map((f) => [f.name, toArrow((value as Record<string, unknown>)[f.name], f.type)]));
    return value;
  };
  const vectors: Record<string, Vector> = {};
  for (const c of columns) {
    const type = arrowType(c.column_type);
    vectors[c.column_name] = vectorFromArray((data[c.column_name] ?? []).map((v) => toArrow(v, type)) as never[], type) as Vector;
  }
  return tableToIPC(new Table(vectors), 'file');
}

// Every type the release maps, NULL at every level, empty and multi-byte strings, and more rows than a DuckDB chunk (2048).
const TABLE = `
CREATE TABLE t AS
SELECT
  CAST(i AS INTEGER) AS id,
  CASE WHEN i % 7 = 0 THEN NULL WHEN i % 11 = 0 THEN '' ELSE repeat('é日', i % 23) || 'x' || i END AS s,
  CASE WHEN i % 5 = 0 THEN NULL ELSE CAST(i * 3 - 4000 AS INTEGER) END AS n32,
  CASE WHEN i % 6 = 0 THEN NULL ELSE CAST(i AS BIGINT) * 3000000000 END AS n64,
  CASE WHEN i % 4 = 0 THEN NULL ELSE i % 3 = 0 END AS flag,
  CASE WHEN i % 9 = 0 THEN NULL ELSE i / 7.0 END AS ratio,
  CASE WHEN i % 8 = 0 THEN NULL WHEN i % 8 = 1 THEN [] ELSE [CAST(i AS VARCHAR), NULL, repeat('long ', i % 13), '🙂'] END AS tags,
  CASE WHEN i % 10 = 0 THEN NULL
       ELSE [{'a': 'k' || i, 'b': CAST(i AS INTEGER)}, NULL, {'a': NULL, 'b': NULL}] END AS pairs,
  CASE WHEN i % 12 = 0 THEN NULL ELSE {'name': 'n' || i, 'big': CAST(i AS BIGINT), 'ok': i % 2 = 0} END AS rec,
  CASE WHEN i % 13 = 0 THEN NULL ELSE [['a', NULL], NULL, [], [repeat('z', i % 40)]] END AS nested
FROM range(3000) AS r(i)`;

describe('datasets.arrow, built column by column from DuckDB chunks', () => {
  let db: Db;
  let dir: string;
  beforeAll(async () => {
    db = await Db.open(':memory:');
    await db.exec(TABLE);
    dir = mkdtempSync(join(tmpdir(), 'imcat-arrow-'));
  });
  afterAll(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  for (const [label, where] of [
    ['3000 rows with NULLs at every level', ''],
    ['no rows', 'WHERE id < 0'],
  ] as const) {
    it(`writes the same bytes as apache-arrow's builders over JS values: ${label}`, async () => {
      const path = join(dir, 'out.arrow');
      const select = `SELECT * FROM t ${where}`;
      const table = await readArrowTable(db, select, await describeQuery(db, select), 'id');
      const written = await writeArrowFile(table, path);
      const bytes = readFileSync(path);
      expect(written.bytes).toBe(bytes.length);
      expect(Buffer.compare(bytes, Buffer.from(await referenceIpc(db, `${select} ORDER BY id`)))).toBe(0);
    });
  }

  it('reads back the values DuckDB holds', async () => {
    const path = join(dir, 'values.arrow');
    const select = 'SELECT * FROM t';
    await writeArrowFile(await readArrowTable(db, select, await describeQuery(db, select), 'id DESC'), path);
    const back = tableFromIPC(readFileSync(path));
    expect(back.numRows).toBe(3000);
    // Sorted as asked (descending here), so row i holds id 2999 - i.
    const row = (id: number) => JSON.parse(JSON.stringify(back.get(2999 - id)?.toJSON(), (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)));
    expect(row(0)).toMatchObject({ id: 0, s: null, n32: null, n64: null, flag: null, ratio: null, tags: null, pairs: null, rec: null, nested: null });
    expect(row(22)).toMatchObject({ id: 22, s: '', n32: -3934, n64: '66000000000', flag: false, tags: ['22', null, 'long long long long long long long long long ', '🙂'] });
    expect(row(23)).toMatchObject({ s: 'x23', rec: { name: 'n23', big: '23', ok: false }, pairs: [{ a: 'k23', b: 23 }, null, { a: null, b: null }] });
    expect(row(25).s).toBe(`${'é日'.repeat(2)}x25`);
    expect(row(2999).nested).toEqual([['a', null], null, [], ['z'.repeat(2999 % 40)]]);
  });
});
