import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Db } from '@imcat/duckdb';
import { assignNewIds, mintNewIds, slugify } from './ids';
import { installMacros } from './resolve';

const SQL_DIR = fileURLToPath(new URL('../sql/', import.meta.url));

// 30,000 entities under a few names: ids collide at 6 hex digits (with each other, with a carried id and with an id
// used before), and names beyond ASCII, punctuation only or longer than 40 characters take the TypeScript slug.
const ENTITIES = `
CREATE TABLE er_entities AS
SELECT CAST(i AS INTEGER) AS cluster, 'src-' || (i % 5) || '/' || i AS anchor,
  CASE WHEN i % 7 = 0 THEN 'Über Daten ' || (i % 3)
       WHEN i % 11 = 0 THEN '—·—'
       WHEN i % 13 = 0 THEN 'ＦＵＬＬ-width ﬁle ' || (i % 2)
       WHEN i % 17 = 0 THEN 'A very long dataset name that goes on --- and on, past forty characters'
       ELSE 'BraTS ' || (i % 3) END AS name
FROM range(30000) AS r(i);
CREATE TABLE er_carried_ids AS SELECT 1 AS cluster, 'brats-1-' || left(sha256('src-4/4'), 6) AS dataset_id`;

describe('new dataset ids minted in SQL', () => {
  let db: Db;
  let work: string;
  beforeAll(async () => {
    db = await Db.open(':memory:');
    await installMacros(db);
    await db.exec(ENTITIES);
    work = mkdtempSync(join(tmpdir(), 'imcat-ids-'));
  });
  afterAll(() => {
    db.close();
    rmSync(work, { recursive: true, force: true });
  });

  it('are the ids assignNewIds gives, collisions lengthened in anchor order', async () => {
    const used = ['brats-2-' + 'f'.repeat(6), `brats-0-${(await db.one<{ h: string }>("SELECT left(sha256('src-3/3'), 6) AS h"))!.h}`];
    const run = (file: string, params: Record<string, string> = {}) => db.execFile(join(SQL_DIR, file), params);
    const file = await mintNewIds(db, run, used, work);
    await db.exec(
      `CREATE TABLE minted AS SELECT f.cluster, coalesce(l.dataset_id, short_id(f.slug, f.hash)) AS id
       FROM er_fresh_ids AS f LEFT JOIN read_json($file, format = 'newline_delimited', columns = {cluster: 'INTEGER', dataset_id: 'VARCHAR'}) AS l USING (cluster)`,
      { file },
    );
    const minted = new Map((await db.all<{ cluster: number; id: string }>('SELECT cluster, id FROM minted')).map((r) => [r.cluster, r.id]));
    const fresh = await db.all<{ cluster: number; name: string; anchor: string }>('SELECT cluster, name, anchor FROM er_entities WHERE cluster <> $c', { c: 1 });
    const expected = assignNewIds(fresh, new Set([...used, (await db.one<{ id: string }>('SELECT dataset_id AS id FROM er_carried_ids'))!.id]));
    expect(minted.size).toBe(29_999);
    expect(Object.fromEntries(minted)).toEqual(Object.fromEntries(expected));
    // The case is real: some ids were lengthened, and some names were slugged in TypeScript.
    const lengthened = [...minted.values()].filter((id) => /-[0-9a-f]{8,}$/.test(id));
    expect(lengthened.length).toBeGreaterThan(2);
    // Entity 3's short id was used before, 4's is carried by entity 1: both lengthened.
    expect(minted.get(3)).toMatch(/^brats-0-[0-9a-f]{8}$/);
    expect(minted.get(4)).toMatch(/^brats-1-[0-9a-f]{8}$/);
    expect((await db.one<{ n: number }>("SELECT count(*) AS n FROM er_fresh_slugs WHERE slug = 'uber-daten-1'"))!.n).toBeGreaterThan(0);
    expect(new Set(minted.values()).size).toBe(minted.size);
  }, 30_000);

  it('slug ASCII names in SQL as slugify does', async () => {
    const names = ['BraTS 2021', '  --Hello, World!--  ', '---', '', 'a'.repeat(39) + '-b', 'MSD Task06_Lung (CT)', 'x'.repeat(41), 'A\tB\nC'];
    for (const name of names) {
      const sql = await db.one<{ s: string }>('SELECT ascii_slug($name) AS s', { name });
      expect(sql!.s, name).toBe(slugify(name));
    }
  });
});
