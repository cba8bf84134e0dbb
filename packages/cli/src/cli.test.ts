import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqlError } from '@imcat/duckdb';
import { QueryError, ReleaseError } from '@imcat/errors';
import { defaultSnapshotsDir } from '@imcat/source-kit';
import { buildCommand } from './commands/build';
import { queryCommand, searchCommand, verifyCommand } from './commands/inspect';
import { errorHint, main } from './main';
import { Progress } from './progress';

class Capture extends Writable {
  text = '';
  isTTY = false;
  columns = 120;
  override _write(chunk: Buffer, _enc: string, done: () => void) {
    this.text += chunk.toString();
    done();
  }
}

const SOURCE = 'adalca-medical-datasets';
let root: string;
let releases: string;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'imcat-cli-'));
  // Captures of one small source, so the CLI build is quick.
  cpSync(join(defaultSnapshotsDir(), SOURCE), join(root, 'captures', SOURCE), { recursive: true });
  releases = join(root, 'releases');
  const log = new Capture();
  const code = await buildCommand(
    {
      sources: [SOURCE],
      offline: join(root, 'captures'),
      repoRoot: root,
      snapshotsDir: join(root, 'captures'),
      staging: join(root, 'staging'),
      store: join(root, 'store'),
      work: join(root, 'work'),
      releases,
      changeset: true,
    },
    new Progress(log as unknown as NodeJS.WriteStream, false),
    async () => false,
  );
  expect(code).toBe(0);
  expect(log.text).toMatch(/scrape 1\/1 adalca-medical-datasets: ok, 71 listings, 3 rejects/);
  expect(log.text).toMatch(/Release v1\.0\.0 written/);
  expect(log.text).toMatch(/changeset written/);
}, 60_000);
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('imcat build', () => {
  it('writes a changeset that bumps @imcat/catalog', () => {
    const [file] = readdirSync(join(root, '.changeset'));
    expect(readFileSync(join(root, '.changeset', file!), 'utf8')).toMatch(/^---\n"@imcat\/catalog": major\n---/);
  });

  it('says so when nothing changed, and exits 0', async () => {
    const log = new Capture();
    const code = await buildCommand(
      { sources: [SOURCE], offline: join(root, 'captures'), repoRoot: root, snapshotsDir: join(root, 'captures'), staging: join(root, 'staging'), store: join(root, 'store'), work: join(root, 'work'), releases },
      new Progress(log as unknown as NodeJS.WriteStream, false),
      async () => false,
    );
    expect(code).toBe(0);
    expect(log.text).toMatch(/No new release: inputs and pipeline are unchanged since v1\.0\.0/);
  });
});

describe('imcat release', () => {
  const args = (releasesDir: string, sources = [SOURCE]) => ({
    sources,
    staged: true,
    repoRoot: root,
    snapshotsDir: join(root, 'captures'),
    staging: join(root, 'staging'),
    store: join(root, 'store'),
    work: join(root, 'work'),
    releases: releasesDir,
    changeset: false,
  });

  it('builds a release from what is staged, without scraping', async () => {
    const log = new Capture();
    const code = await buildCommand(args(join(root, 'releases-from-staging')), new Progress(log as unknown as NodeJS.WriteStream, false), async () => {
      throw new Error('release must not probe the network');
    });
    expect(code).toBe(0);
    expect(log.text).toMatch(/^release: from the listings staged in/);
    expect(log.text).not.toMatch(/scrape 1\/1/);
    expect(readFileSync(join(root, 'releases-from-staging', 'v1.0.0', 'datasets.parquet')).byteLength).toBeGreaterThan(0);
  });

  it('refuses --offline and --live, which belong to build and scrape', async () => {
    await expect(main(['release', '--offline', '/tmp/captures'])).rejects.toThrow(/imcat release builds from the listings imcat scrape staged: --offline belongs to/);
    await expect(main(['release', '--live'])).rejects.toThrow(/--live belongs to/);
  });

  it('says which sources are not staged', async () => {
    await expect(buildCommand(args(join(root, 'releases-none'), [SOURCE, 'openneuro']), new Progress(new Capture() as unknown as NodeJS.WriteStream, false), async () => false)).rejects.toThrow(
      /nothing staged for openneuro.*run `imcat scrape` first/,
    );
  });
});

describe('imcat query', () => {
  it('prints a table, CSV or JSON', async () => {
    const sql = "SELECT dataset_id, name FROM datasets WHERE name = 'CheXpert'";
    const table = new Capture();
    await queryCommand(sql, { releases }, table);
    expect(table.text).toMatch(/^dataset_id\s+name\n-+\s+-+\nchexpert-[0-9a-f]{6}\s+CheXpert\n\(1 row\)\n$/);
    const csv = new Capture();
    await queryCommand(sql, { releases, format: 'csv' }, csv);
    expect(csv.text).toMatch(/^dataset_id,name\nchexpert-[0-9a-f]{6},CheXpert\n$/);
    const json = new Capture();
    await queryCommand(sql, { releases, format: 'json' }, json);
    expect(JSON.parse(json.text)).toEqual([{ dataset_id: expect.stringMatching(/^chexpert-/), name: 'CheXpert' }]);
  });

  it('refuses anything but a SELECT', async () => {
    await expect(queryCommand('DROP TABLE datasets', { releases }, new Capture())).rejects.toBeInstanceOf(QueryError);
    await expect(queryCommand('SELECT 1', { releases, format: 'xml' }, new Capture())).rejects.toThrow(/expected table, csv or json/);
  });

  it('keeps the header of a result with no rows, and says an empty query is empty', async () => {
    const csv = new Capture();
    await queryCommand('SELECT name, year FROM datasets WHERE false', { releases, format: 'csv' }, csv);
    expect(csv.text).toBe('name,year\n');
    await expect(queryCommand('  ', { releases }, new Capture())).rejects.toThrow(/^expected a SELECT statement, but the query is empty$/);
  });

  it('prints dates, times, intervals and maps as DuckDB does, and as JSON values in JSON', async () => {
    const sql = "SELECT DATE '2026-12-05' AS d, TIME '01:02:03' AS t, INTERVAL 3 DAY AS i, MAP {'k': 2} AS m";
    const csv = new Capture();
    await queryCommand(sql, { releases, format: 'csv' }, csv);
    expect(csv.text).toBe("d,t,i,m\n2026-12-05,01:02:03,3 days,{'k': 2}\n");
    const json = new Capture();
    await queryCommand(sql, { releases, format: 'json' }, json);
    expect(JSON.parse(json.text)).toEqual([{ d: '2026-12-05', t: '01:02:03', i: '3 days', m: { k: 2 } }]);
  });

  it('takes --release latest, and refuses a malformed one naming the form and the releases there are', async () => {
    const out = new Capture();
    expect(await queryCommand('SELECT 1 AS x', { releases, release: 'latest' }, out)).toBe(0);
    expect(out.text).toMatch(/^x\n/);
    await expect(main(['query', 'SELECT 1', '--release', '2.0.0', '--releases', releases])).rejects.toThrow(
      /--release "2\.0\.0": expected a release version like v1\.2\.3 \(or latest for the newest\); available: v1\.0\.0/,
    );
  });

  it('names the releases there are when asked for one that is not', async () => {
    await expect(queryCommand('SELECT 1', { releases, release: 'v9.9.9' }, new Capture())).rejects.toThrow(/v9\.9\.9 not found.*available: v1\.0\.0/);
  });
});

describe('imcat search', () => {
  it('lists strict matches, then near ones with why', async () => {
    const out = new Capture();
    await searchCommand({ modality: 'MRI', anatomy: 'hippocampus' }, { releases }, out);
    expect(out.text).toMatch(/^imcat v1\.0\.0: \d+ strict match(es)?, \d+ near/);
    // The adalca list states no anatomy, so its MRI sets are near matches, and say why.
    expect(out.text).toMatch(/Near matches:[\s\S]*anatomy not stated/);
  });

  it('counts every match and says when --limit cut the list', async () => {
    const all = new Capture();
    await searchCommand({ modality: 'MRI' }, { releases }, all);
    const [, strict, near] = /: (\d+) strict match(?:es)?, (\d+) near\n/.exec(all.text)!.map(Number);
    expect(strict! + near!).toBeGreaterThan(1);
    expect(all.text).not.toMatch(/--limit/);
    const cut = new Capture();
    await searchCommand({ modality: 'MRI', limit: 1 }, { releases }, cut);
    expect(cut.text.split('\n')[0]).toMatch(new RegExp(`^imcat v1\\.0\\.0: ${strict} strict match(es)?, ${near} near; showing .*; --limit N to see more$`));
    // CSV and JSON stay data; the note goes to stderr.
    const json = new Capture();
    const err = new Capture();
    await searchCommand({ modality: 'MRI', limit: 1 }, { releases, format: 'json' }, json, err);
    expect(JSON.parse(json.text)).toHaveLength(1);
    expect(err.text).toMatch(/showing .*; --limit N to see more/);
  });

  it('refuses a family there is not, an access of "unknown", and a --limit that is not a plain whole number', async () => {
    await expect(searchCommand({ family: 'NoSuchFamily' }, { releases }, new Capture())).rejects.toThrow(/--family "NoSuchFamily": no such family/);
    await expect(searchCommand({ access: 'unknown' }, { releases }, new Capture())).rejects.toThrow(/--access "unknown": expected one of open, registration, application, restricted/);
    expect(await searchCommand({ access: 'Open' }, { releases }, new Capture())).toBe(0);
    for (const limit of ['1e300', '0x10', '0', '2.5', '100001', '-3']) {
      await expect(main(['search', `--limit=${limit}`, '--releases', releases]), limit).rejects.toThrow(
        new RegExp(`--limit: expected a whole number from 1 to 100000, found "${limit.replace('.', '\\.')}"`),
      );
    }
  });

  it('explains a value it cannot read', async () => {
    await expect(searchCommand({ modality: 'telepathy' }, { releases }, new Capture())).rejects.toThrow(/--modality "telepathy": expected one modality term, found none/);
  });
});

describe('imcat verify', () => {
  it('exits 0 on a clean release and 1 when a file was changed', async () => {
    const ok = new Capture();
    expect(await verifyCommand(undefined, releases, ok)).toBe(0);
    expect(ok.text).toMatch(/v1\.0\.0: ok/);
    const file = join(releases, 'v1.0.0', 'catalog.json');
    const before = readFileSync(file);
    writeFileSync(file, '{}');
    try {
      const bad = new Capture();
      expect(await verifyCommand('v1.0.0', releases, bad)).toBe(1);
      expect(bad.text).toMatch(/catalog\.json: sha256/);
    } finally {
      writeFileSync(file, before);
    }
  });
});

describe('the command line', () => {
  it('prints usage for help, and exits 2 for an unknown command', async () => {
    expect(await main(['help'])).toBe(0);
    expect(await main(['frobnicate'])).toBe(2);
  });
  it('rejects unknown flags', async () => {
    await expect(main(['scrape', '--bogus'])).rejects.toThrow(/Unknown option '--bogus'/);
  });
  it('writes all of a large result to a pipe before it exits, and exits 2 on a flag it does not know', () => {
    const cli = (...args: string[]) =>
      spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./main.ts', import.meta.url)), ...args], { encoding: 'utf8', maxBuffer: 64 * 2 ** 20 });
    // About 2.4 MB of CSV, far more than a pipe holds (64 KiB); it once stopped there.
    const big = cli('query', 'SELECT range AS n, repeat(\'x\', 10) AS pad FROM range(200000)', '--format', 'csv', '--releases', releases);
    expect(big.status).toBe(0);
    const lines = big.stdout.split('\n');
    expect(lines.length).toBe(200002);
    expect(lines.at(-2)).toBe('199999,xxxxxxxxxx');
    const bogus = cli('query', 'SELECT 1', '--bogus', '--releases', releases);
    expect(bogus.status).toBe(2);
    expect(bogus.stderr).toMatch(/Unknown option '--bogus'/);
    // A malformed --release or --limit is bad usage too.
    const release = cli('query', 'SELECT 1', '--release', '2.0.0', '--releases', releases);
    expect(release.status).toBe(2);
    expect(release.stderr).toMatch(/expected a release version like v1\.2\.3/);
    const limit = cli('search', '--limit', '1e300', '--releases', releases);
    expect(limit.status).toBe(2);
    expect(limit.stderr).toMatch(/--limit: expected a whole number from 1 to 100000, found "1e300"/);
  });
  it('tells a build that ran out of memory how to give it more, and says nothing for other errors', () => {
    const oom = new SqlError('statement 1 of 11-entity-values.sql failed: Out of Memory Error: failed to allocate', '11-entity-values.sql', 'SELECT 1', new Error('Out of Memory Error: failed to allocate data of size 32.0 MiB'));
    expect(oom.outOfMemory).toBe(true);
    // Found below a wrapper too.
    const wrapped = new ReleaseError('datasets.arrow: reading its rows from DuckDB failed', { cause: oom });
    for (const command of ['build', 'release']) {
      expect(errorHint(command, wrapped, '2GB')).toBe(
        "DuckDB needed more memory than the pipeline's limit of 2GB (IMCAT_MEMORY_LIMIT) allows; run again with IMCAT_MEMORY_LIMIT=4GB or more",
      );
    }
    // `imcat query` opens its own database, which IMCAT_MEMORY_LIMIT does not govern.
    expect(errorHint('query', oom, '2GB')).toBeNull();
    const other = new SqlError('query failed: Catalog Error', undefined, 'SELECT 1', new Error('Catalog Error: Table with name x does not exist!'));
    expect(errorHint('build', other, '2GB')).toBeNull();
  });
});

describe('progress', () => {
  it('writes plain lines when not on a terminal', () => {
    const out = new Capture();
    const p = new Progress(out as unknown as NodeJS.WriteStream, false);
    p.status('scrape', 0, 2, 'alpha');
    p.step('scrape', 1, 2, 'alpha: ok');
    expect(out.text).toBe('scrape 1/2 alpha: ok\n');
  });
  it('redraws one bar on a terminal', () => {
    const out = new Capture();
    const p = new Progress(out as unknown as NodeJS.WriteStream, true);
    p.status('scrape', 0, 2, 'alpha');
    p.step('scrape', 1, 2, 'alpha: ok');
    p.line('done');
    expect(out.text).toContain('scrape [----------------------------------------'.slice(0, 14));
    expect(out.text).toContain('\r\x1b[2K');
    expect(out.text).toContain('scrape [##########----------] 1/2 alpha: ok');
  });
});
