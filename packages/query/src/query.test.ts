import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Db } from '@imcat/duckdb';
import { QueryError } from '@imcat/errors';
import { displayWidth, formatResult, formatRows, truncate } from './format';
import { checkReleaseOption, openRelease, readOnlyQuery, runReadOnly, type OpenedRelease } from './open-release';
import { search, searchWithTotals } from './search';

/** A release of six datasets: enough to tell a family, a limit, a region and an access level apart. */
const DATASETS = `
SELECT * FROM (VALUES
  ('brats-2021-aaaaaa', 'BraTS 2021', 'BraTS', 'brats-111111', 2021, ['mr'], ['brain'], ['brain'], ['segmentation'], ['3d'], 1470, 'volumes', true, 'registration'),
  ('brats-2023-bbbbbb', 'BraTS 2023', 'BraTS', 'brats-111111', 2023, ['mr'], ['brain'], ['brain'], ['segmentation'], ['3d'], 5880, 'volumes', true, 'open'),
  ('lits-cccccc', 'LiTS', NULL, NULL, 2017, ['ct'], ['liver'], ['abdomen'], ['segmentation'], ['3d'], 201, 'volumes', true, 'open'),
  ('kits-dddddd', 'KiTS', 'KiTS', 'kits-222222', 2019, ['ct'], ['brain', 'kidney', 'lung'], ['brain', 'abdomen', 'chest'], ['segmentation'], ['3d'], 300, 'volumes', true, 'open'),
  ('mystery-eeeeee', 'Mystery CT', NULL, NULL, 2020, ['ct'], ['liver'], ['abdomen'], ['segmentation'], ['3d'], 10, 'volumes', true, 'unknown'),
  ('closed-ffffff', 'Closed CT', NULL, NULL, 2020, ['ct'], ['liver'], ['abdomen'], ['segmentation'], ['3d'], 20, 'volumes', true, 'restricted')
) AS t(dataset_id, name, family, family_id, year, modalities, anatomy, regions, tasks, dimensionality, sample_count, sample_unit, has_labels, access)`;

let root: string;
let releases: string;
let release: OpenedRelease;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'imcat-query-test-'));
  releases = join(root, 'releases');
  const dir = join(releases, 'v1.0.0');
  mkdirSync(dir, { recursive: true });
  const db = await Db.open();
  try {
    await db.exec(
      `COPY (SELECT *, 'unknown' AS license, NULL::VARCHAR AS homepage_url, 1 AS source_count FROM (${DATASETS})) TO '${join(dir, 'datasets.parquet')}' (FORMAT parquet)`,
    );
  } finally {
    db.close();
  }
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ version: 'v1.0.0', row_counts: { datasets: 6 } }));
  release = await openRelease(releases);
});
afterAll(() => {
  release.db.close();
  rmSync(root, { recursive: true, force: true });
});

describe('search', () => {
  it('keeps to the family asked for, by name or id in any case, and leaves out datasets with no family', async () => {
    for (const family of ['BraTS', 'brats', 'BRATS-111111']) {
      const hits = await search(release.db, { family });
      expect(hits.map((h) => h.name).sort(), family).toEqual(['BraTS 2021', 'BraTS 2023']);
    }
  });

  it('refuses a family there is not, naming near spellings', async () => {
    await expect(search(release.db, { family: 'Brat' })).rejects.toThrow(/--family "Brat": no such family; did you mean BraTS\?/);
    await expect(search(release.db, { family: 'Kits19' })).rejects.toThrow(/did you mean KiTS\?/);
    const error = await search(release.db, { family: 'Camelyon' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(QueryError);
    expect((error as Error).message).toMatch(/no such family \(/);
  });

  it('counts every match, not only those the limit lets through', async () => {
    const result = await searchWithTotals(release.db, { modality: 'ct', limit: 1 });
    expect(result.hits).toHaveLength(1);
    expect(result.strictTotal).toBe(4);
    expect(result.nearTotal).toBe(0);
    expect(result.hits[0]).not.toHaveProperty('strict_total');
  });

  it('names only the anatomy in the region as the reason a match is near', async () => {
    const hits = await search(release.db, { modality: 'ct', anatomy: 'liver' });
    const kits = hits.find((h) => h.name === 'KiTS')!;
    expect(kits.match).toBe('near');
    expect(kits.reasons).toEqual(['anatomy kidney is in the same region (abdomen) as liver']);
  });

  it('takes --access in any case, and refuses "unknown", which is no level to accept up to', async () => {
    const open = await search(release.db, { modality: 'ct', access: ' Open ' });
    expect(open.filter((h) => h.match === 'strict').map((h) => h.name).sort()).toEqual(['KiTS', 'LiTS']);
    // Access not stated: near, with the reason.
    expect(open.find((h) => h.name === 'Mystery CT')).toMatchObject({ match: 'near', reasons: ['access not stated'] });
    await expect(search(release.db, { access: 'unknown' })).rejects.toThrow(/--access "unknown": expected one of open, registration, application, restricted/);
  });

  it('refuses a limit out of range', async () => {
    await expect(search(release.db, { limit: 0 })).rejects.toThrow(/expected a whole number from 1 to 100000/);
    await expect(search(release.db, { limit: 1e300 })).rejects.toBeInstanceOf(QueryError);
  });
});

describe('readOnlyQuery values', () => {
  const TYPED = `SELECT DATE '2026-12-05' AS d, TIME '01:02:03' AS t, INTERVAL 3 DAY AS i, 'abc'::BLOB AS b, MAP {'k': 'v'} AS m,
    1.50::DECIMAL(5, 2) AS dec, 'nan'::DOUBLE AS n, 'inf'::DOUBLE AS inf, TIMESTAMP '2020-01-02 03:04:05' AS ts, [DATE '2020-01-01'] AS ld`;

  it('prints DuckDB text in table and CSV cells', async () => {
    const result = await runReadOnly(release.db, TYPED);
    expect(formatResult(result, 'csv')).toBe(
      'd,t,i,b,m,dec,n,inf,ts,ld\n' + `2026-12-05,01:02:03,3 days,abc,{'k': 'v'},1.50,NaN,Infinity,2020-01-02 03:04:05,"[""2020-01-01""]"\n`,
    );
    const lines = formatResult(result, 'table').split('\n');
    expect(lines[2]).toBe(`2026-12-05  01:02:03  3 days  abc  {'k': 'v'}  1.50  NaN  Infinity  2020-01-02 03:04:05  ["2020-01-01"]`);
  });

  it('gives JSON values in JSON: dates as text, maps as objects, NaN and Infinity as strings', async () => {
    const [row] = await readOnlyQuery(release.db, TYPED);
    expect(row).toEqual({ d: '2026-12-05', t: '01:02:03', i: '3 days', b: 'abc', m: { k: 'v' }, dec: 1.5, n: 'NaN', inf: 'Infinity', ts: '2020-01-02 03:04:05', ld: ['2020-01-01'] });
  });

  it('keeps every digit of wide numbers, and a column all numbers or all strings', async () => {
    const sql = `SELECT * FROM (VALUES (1::HUGEINT, 2.5::DECIMAL(38, 2), 7::BIGINT), (170141183460469231731687303715884105727::HUGEINT, 12345678901234567.89::DECIMAL(38, 2), 8::BIGINT)) AS t(h, d, small)`;
    const result = await runReadOnly(release.db, sql);
    expect(result.rows()).toEqual([
      { h: '1', d: '2.50', small: 7 },
      { h: '170141183460469231731687303715884105727', d: '12345678901234567.89', small: 8 },
    ]);
    expect(formatResult(result, 'csv')).toBe('h,d,small\n1,2.50,7\n170141183460469231731687303715884105727,12345678901234567.89,8\n');
    expect(await readOnlyQuery(release.db, "SELECT 12::UBIGINT AS u, 0.25::DECIMAL(18, 3) AS d, 'nan'::FLOAT AS f, 0.1::FLOAT AS g")).toEqual([{ u: 12, d: 0.25, f: 'NaN', g: 0.1 }]);
  });

  it('keeps the column names of a result with no rows', async () => {
    const result = await runReadOnly(release.db, 'SELECT name, year FROM datasets WHERE false');
    expect(formatResult(result, 'csv')).toBe('name,year\n');
    expect(formatResult(result, 'table')).toBe('name  year\n----  ----\n(0 rows)\n');
    expect(formatResult(result, 'json')).toBe('[]\n');
  });

  it('says to list the values of a PIVOT without IN, and runs one with it', async () => {
    await expect(readOnlyQuery(release.db, 'PIVOT datasets ON access USING count(*)')).rejects.toThrow(/PIVOT without an IN list .* list the values to pivot on.*IN \(/);
    const rows = await readOnlyQuery(release.db, "PIVOT (SELECT access FROM datasets) ON access IN ('open', 'restricted') USING count(*)");
    expect(rows).toEqual([{ open: 3, restricted: 1 }]);
  });

  it('says an empty query is empty', async () => {
    for (const sql of ['', '   ', '-- nothing\n', ';', '/* */ ;']) {
      await expect(readOnlyQuery(release.db, sql), JSON.stringify(sql)).rejects.toThrow(/^expected a SELECT statement, but the query is empty$/);
    }
  });
});

describe('--release', () => {
  it('takes vX.Y.Z and latest, and names the releases there are for anything else', async () => {
    expect(() => checkReleaseOption(releases, 'v1.0.0')).not.toThrow();
    expect(() => checkReleaseOption(releases, 'latest')).not.toThrow();
    expect(() => checkReleaseOption(releases, '2.0.0')).toThrow(/--release "2\.0\.0": expected a release version like v1\.2\.3 \(or latest for the newest\); available: v1\.0\.0$/);
    const latest = await openRelease(releases, 'latest');
    expect(latest.version).toBe('v1.0.0');
    latest.db.close();
  });
});

describe('table output', () => {
  it('measures and cuts by grapheme, wide characters taking two columns', () => {
    expect(displayWidth('中文')).toBe(4);
    expect(displayWidth('👍🏽')).toBe(2);
    expect(displayWidth('e\u0301')).toBe(1);
    const cut = truncate(`${'x'.repeat(58)}👍🏽👍🏽`, 60);
    expect(cut).toBe(`${'x'.repeat(58)}…`);
    expect(truncate('👍🏽'.repeat(40), 60)).toBe(`${'👍🏽'.repeat(29)}…`);
  });

  it('lays out a long result (200,000 rows once overflowed the stack)', () => {
    const out = formatRows(Array.from({ length: 200_000 }, (_, n) => ({ n })), 'table');
    expect(out.endsWith('199999\n(200000 rows)\n')).toBe(true);
  });

  it('aligns CJK text, and keeps a header with a newline on its line', () => {
    const out = formatRows([{ 'a\nb': '中文字符', z: 1 }, { 'a\nb': 'abc', z: 2 }], 'table');
    expect(out).toBe('a\\nb      z\n--------  -\n中文字符  1\nabc       2\n(2 rows)\n');
  });
});
