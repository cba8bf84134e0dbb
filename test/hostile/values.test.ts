import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Db } from '@imcat/duckdb';
import { ConfigError, ImcatError, QueryError, ReleaseError } from '@imcat/errors';
import { plainText } from '@imcat/markdown';
import { mapValue } from '@imcat/pipeline-normalize';
import { checkVersion } from '@imcat/pipeline-release';
import { stagingPaths } from '@imcat/pipeline-scrape';
import { openRelease, readOnlyQuery } from '@imcat/query';
import { loadSources } from '@imcat/registry';
import { SourceId } from '@imcat/schema';
import {
  ListingCollector,
  defaultSnapshotsDir,
  defineSource,
  readCaptureDir,
  safeJoin,
  sha256Hex,
  type RawPage,
  type Source,
} from '@imcat/source-kit';
import { canonicalUrl } from '@imcat/vocab';
import { queryCommand } from '../../packages/cli/src/commands/inspect';

/**
 * Hostile values, end to end through the code that handles them: unsafe
 * URL schemes, markup and control characters in text, path traversal in
 * source ids, capture paths and release versions, and SQL that would write,
 * attach, install, load or change settings through `imcat query`.
 */

const dirs: string[] = [];
afterAll(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));
function tmp(prefix = 'imcat-hostile-'): string {
  const d = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(d);
  return d;
}

function page(url: string, text: string): RawPage {
  const body = new TextEncoder().encode(text);
  return { url, status: 200, headers: {}, fetched_at: '2026-11-22T00:00:00.000Z', sha256: sha256Hex(body), body };
}

/** C0, DEL, C1, zero-width and BOM characters: none may survive in a text field. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u200b-\u200d\u2060\ufeff]/;
/** Anything a browser would read as a tag. */
const TAG = /<\/?[a-z][^>]*>/i;

const HOSTILE_URLS = [
  'javascript:alert(1)',
  'JaVaScRiPt:alert(document.cookie)',
  '  javascript:alert(1)',
  'java\tscript:alert(1)',
  '\u0001javascript:alert(1)',
  'javascript://example.org/%0Aalert(1)',
  'data:text/html,<script>alert(1)</script>',
  'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
  'DATA:image/svg+xml,<svg onload=alert(1)>',
  'vbscript:msgbox(1)',
  'file:///etc/passwd',
  'file://localhost/etc/hostname',
];

describe('unsafe URL schemes', () => {
  it.each(HOSTILE_URLS)('ListingCollector keeps %j out of the listing url and rejects it naming the field', (hostile) => {
    const c = new ListingCollector('hostile-test');
    const p = page('https://example.org/list.md', '');
    const listing = c.add(p, { key: 'evil', name: 'Evil dataset', url: hostile, raw: {} });
    expect(listing?.url).toBeNull();
    const { rejects } = c.result();
    expect(rejects).toHaveLength(1);
    expect(rejects[0]).toMatchObject({ source_id: 'hostile-test', record: 'evil', field: 'url' });
    expect(rejects[0]!.reason).toMatch(/http\(s\)/);
  });

  it('ListingCollector still takes http(s) urls', () => {
    const c = new ListingCollector('hostile-test');
    const listing = c.add(page('https://example.org/list.md', ''), { key: 'ok', name: 'Fine', url: 'https://example.org/data', raw: {} });
    expect(listing?.url).toBe('https://example.org/data');
    expect(c.result().rejects).toEqual([]);
  });

  it.each(HOSTILE_URLS)('canonicalUrl refuses %j', (hostile) => {
    const result = canonicalUrl(hostile);
    expect(result.ok).toBe(false);
  });

  it.each(HOSTILE_URLS)('the normaliser maps no homepage, paper or download url from %j', (hostile) => {
    for (const role of ['url', 'paper_url', 'download_url'] as const) {
      const mapped = mapValue(role, hostile);
      expect(mapped.text, role).toBeNull();
      expect(mapped.issue, role).toBeTruthy();
    }
  });
});

/** Markup and control characters, and what must be left of each. */
const MARKUP: [string, string][] = [
  ['<script>alert(1)</script>Brain MRI', 'Brain MRI'],
  ['<SCRIPT type="text/javascript">alert(1)</SCRIPT >Brain MRI', 'Brain MRI'],
  ['Brain MRI<script>alert(1)', 'Brain MRI'],
  ['<style>body{display:none}</style>Brain MRI', 'Brain MRI'],
  ['<img src=x onerror=alert(1)>Brain MRI', 'Brain MRI'],
  ['<svg/onload=alert(1)>Brain MRI', 'Brain MRI'],
  ['<a href="javascript:alert(1)">Brain MRI</a>', 'Brain MRI'],
  ['<b onmouseover="alert(1)">Brain</b> <i>MRI</i>', 'Brain MRI'],
  ['[Brain MRI](https://example.org/data)', 'Brain MRI'],
  ['![logo](https://example.org/x.png)Brain MRI', 'Brain MRI'],
  ['**Brain** _MRI_', 'Brain MRI'],
  ['__Brain__ ~~old~~ `MRI`', 'Brain old MRI'],
  ['&lt;img src=x onerror=alert(1)&gt;Brain MRI', 'Brain MRI'],
  ['&#60;img src=x onerror=alert(1)&#62;Brain MRI', 'Brain MRI'],
  ['&#x3C;b&#x3E;Brain&#x3C;/b&#x3E; MRI', 'Brain MRI'],
  ['<!-- hidden -->Brain MRI', 'Brain MRI'],
  ['Brain MRI<!-- never closed', 'Brain MRI'],
  ['Br\u0000ain\u0007 MRI\u001b', 'Br ain MRI'],
  ['Brain\u0085 MRI\u009f', 'Brain MRI'],
  ['Bra\u200bin\u200d MRI\u2060\ufeff', 'Bra in MRI'],
  ['Brain\r\nMRI\t', 'Brain MRI'],
];

describe('markup and control characters in text', () => {
  it.each(MARKUP)('plainText(%j) is %j', (input, expected) => {
    expect(plainText(input)).toBe(expected);
  });

  it.each([
    '[Brain MRI](javascript:alert(1))',
    '&lt;script&gt;alert(1)&lt;/script&gt;Brain MRI',
    '<scr<script>ipt>alert(1)</script>Brain MRI',
    '<<script>script>alert(1)<</script>/script>Brain MRI',
    'Brain <a href="javascript:alert(1)">MRI</a>',
    '<iframe src="javascript:alert(1)"></iframe>Brain MRI',
  ])('plainText(%j) keeps no tag, no javascript: and no control characters', (input) => {
    const out = plainText(input);
    expect(out).not.toMatch(TAG);
    expect(out).not.toMatch(/<script/i);
    expect(out).not.toMatch(/javascript:/i);
    expect(out).not.toMatch(CONTROL);
    expect(out).toMatch(/Brain/);
  });

  it('ListingCollector strips markup and control characters from names, and rejects a name that is nothing but markup', () => {
    const c = new ListingCollector('hostile-test');
    const p = page('https://example.org/list.md', '');
    const listing = c.add(p, { key: 'a', name: '<script>alert(1)</script>**Brain** <img src=x onerror=alert(1)>MRI\u0007\u200b', raw: {} });
    expect(listing?.name).toBe('Brain MRI');
    expect(c.add(p, { key: 'b', name: '<script>alert(1)</script><img src=x>\u0000', raw: {} })).toBeUndefined();
    expect(c.result().rejects).toEqual([expect.objectContaining({ record: 'b', field: 'name' })]);
  });

  it('ListingCollector removes control characters (C0, DEL and C1) from raw values', () => {
    const c = new ListingCollector('hostile-test');
    const listing = c.add(page('https://example.org/list.md', ''), {
      key: 'a',
      name: 'Brain MRI',
      raw: { modality: 'M\u0000R\u0007I\u001b\u007f', notes: 'next\u0085line\u009b31m' },
    });
    for (const [field, value] of Object.entries(listing!.raw)) expect(value, field).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/);
  });

  it('the description the catalog shows is plain text (no HTML, markdown or control characters)', () => {
    const mapped = mapValue('description', '<p>Brain <b>MRI</b></p><script>alert(1)</script> **bold** [link](javascript:alert(1))\u0007\u0085\u200b');
    expect(mapped.text).not.toMatch(TAG);
    expect(mapped.text).not.toMatch(/javascript:|\*\*/);
    expect(mapped.text).not.toMatch(CONTROL);
  });
});

describe('hostile values through real source parsers', () => {
  const sources = loadSources().sources;
  const byId = (id: string): Source => {
    const s = sources.find((x) => x.id === id);
    if (!s) throw new Error(`source ${id} is not registered`);
    return s;
  };

  it('grand-challenge (JSON): a hostile title, url and description end as a plain name, a rejected url and no markup downstream', () => {
    const source = byId('grand-challenge');
    const [capture] = readCaptureDir(defaultSnapshotsDir(), source).pages;
    const doc = JSON.parse(new TextDecoder().decode(capture!.body)) as { results: Record<string, unknown>[] };
    const target = doc.results[0]!;
    target.title = '<script>alert(1)</script>**Evil** <img src=x onerror=alert(1)>Challenge\u0007\u200b';
    target.url = 'javascript:alert(document.cookie)';
    target.description = '<img src=x onerror=alert(1)>A <b>CT</b> challenge\u0001\u0085 [x](javascript:alert(1))';
    const body = new TextEncoder().encode(JSON.stringify(doc));
    const out = source.parse([{ ...capture!, body, sha256: sha256Hex(body) }]);
    const listing = out.listings.find((l) => l.source_key === target.slug);
    expect(listing).toBeDefined();
    expect(listing!.name).toBe('Evil Challenge');
    expect(listing!.url).toBeNull();
    expect(out.rejects).toContainEqual(expect.objectContaining({ record: target.slug, field: 'url' }));
    const description = mapValue('description', listing!.raw.description ?? '').text ?? '';
    expect(description).not.toMatch(TAG);
    expect(description).not.toMatch(/javascript:/);
    expect(description).not.toMatch(CONTROL);
    expect(description).toMatch(/CT challenge/);
  });

  it('adalca (markdown): an injected entry with a javascript: link and markup in its name is listed plain, its url rejected', () => {
    const source = byId('adalca-medical-datasets');
    const [capture] = readCaptureDir(defaultSnapshotsDir(), source).pages;
    const text = new TextDecoder().decode(capture!.body);
    const at = text.indexOf('### [CheXpert]');
    expect(at).toBeGreaterThan(0);
    const evil = '### [**Evil** <img src=x onerror=alert(1)>Scans\u0007](javascript:alert(1))\nA <script>alert(1)</script> dataset\n**Keywords**: MRI, <b>labels</b>\n\n';
    const out = source.parse([page(capture!.url, text.slice(0, at) + evil + text.slice(at))]);
    const listing = out.listings.find((l) => l.name.includes('Evil'));
    expect(listing).toBeDefined();
    expect(listing!.name).toBe('Evil Scans');
    expect(listing!.url).toBeNull();
    expect(out.rejects.some((r) => r.field === 'url' && /javascript/.test(r.raw))).toBe(true);
    for (const l of out.listings) {
      expect(l.name).not.toMatch(TAG);
      expect(l.name).not.toMatch(CONTROL);
      expect(l.url === null || /^https?:\/\//.test(l.url)).toBe(true);
    }
  });
});

const TRAVERSAL = ['../x', '/etc', 'a/../../b', '..', '../../../../etc/passwd', 'a/..', '..\\x', 'a\\..\\..\\b'];

describe('path traversal', () => {
  it.each([...TRAVERSAL, '.', '', 'A', 'a b', 'a\u0000b', `a${'b'.repeat(64)}`, '-a'])('SourceId refuses %j', (id) => {
    expect(SourceId.safeParse(id).success).toBe(false);
  });

  it('SourceId takes kebab-case ids', () => {
    expect(SourceId.parse('grand-challenge')).toBe('grand-challenge');
  });

  it.each(TRAVERSAL)('safeJoin refuses %j with a ConfigError', (child) => {
    const root = tmp();
    expect(() => safeJoin(root, child, 'capture file')).toThrow(ConfigError);
  });

  it.each(['/etc', '/etc/hostname', '/tmp'])('safeJoin refuses the absolute path %j', (child) => {
    expect(() => safeJoin(tmp(), child)).toThrow(ConfigError);
  });

  function fakeSource(id: string, files: (present: string[]) => string[]): Source {
    return {
      id,
      title: 'hostile',
      homepage: 'https://example.org',
      endpoints: ['https://example.org/list.md'],
      fieldMap: {},
      fetch: async () => [],
      parse: () => ({ listings: [], rejects: [], notes: [] }),
      captureFiles: (present) => files(present).map((file) => ({ file, url: 'https://example.org/list.md' })),
    };
  }

  function captureRoot(): string {
    const root = tmp();
    mkdirSync(join(root, 'good'));
    writeFileSync(join(root, 'good', 'list.md'), '# list\n');
    writeFileSync(join(root, 'good', 'SOURCE.json'), JSON.stringify({ retrieved: '2026-11-22' }));
    // a file beside the captures that no source may read
    writeFileSync(join(root, 'secret.txt'), 'secret\n');
    return root;
  }

  it.each(TRAVERSAL.filter((t) => t !== '..\\x'))('readCaptureDir refuses a source whose id is %j', (id) => {
    const root = captureRoot();
    expect(() => readCaptureDir(root, fakeSource(id, (f) => f))).toThrow();
  });

  it.each(['../secret.txt', '/etc/hostname', 'a/../../secret.txt', '../good/../../secret.txt'])('readCaptureDir refuses the capture file %j with a ConfigError', (file) => {
    const root = captureRoot();
    expect(() => readCaptureDir(root, fakeSource('good', () => [file]))).toThrow(ConfigError);
    // the legitimate file still reads
    expect(readCaptureDir(root, fakeSource('good', (f) => f)).pages).toHaveLength(1);
  });

  it.each(TRAVERSAL)('a source module with the id %j does not load', (id) => {
    expect(() => defineSource(fakeSource(id, (f) => f))).toThrow(ConfigError);
  });

  it.each(TRAVERSAL)('the staging area refuses the source id %j', (id) => {
    expect(() => stagingPaths(tmp(), id)).toThrow();
  });

  it.each(['../v1.0.0', 'v1.0.0/../../x', '/tmp/v1', '/tmp/v1.0.0', 'v1.0.0/..', '..', 'v1.0.0\u0000', ' v1.0.0', 'v1.0.0 ', 'v1.0', 'v01.0.0', 'v1.0.0-rc1', 'latest'])(
    'checkVersion refuses %j with a ReleaseError',
    (version) => {
      expect(() => checkVersion(version)).toThrow(ReleaseError);
    },
  );

  it('checkVersion takes v1.2.3', () => {
    expect(checkVersion('v1.2.3')).toBe('v1.2.3');
  });
});

/** Every file under dir, relative to it. */
function listTree(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const full = join(d, e.name);
      out.push(relative(dir, full));
      if (e.isDirectory()) walk(full);
    }
  };
  walk(dir);
  return out.sort();
}

describe('imcat query is read-only', () => {
  let root: string;
  let releases: string;
  /** Where refused statements aim their writes: inside the test's own temp dir. */
  let target: string;

  beforeAll(async () => {
    root = tmp('imcat-hostile-query-');
    releases = join(root, 'releases');
    target = join(root, 'target');
    mkdirSync(target);
    const dir = join(releases, 'v1.0.0');
    mkdirSync(dir, { recursive: true });
    const db = await Db.open();
    try {
      await db.exec(
        `COPY (SELECT * FROM (VALUES ('brain-mri-abc123', 'Brain MRI', 2020), ('chest-ct-def456', 'Chest CT', 2021)) AS t(dataset_id, name, year)) TO '${join(dir, 'datasets.parquet')}' (FORMAT parquet)`,
      );
      await db.exec(
        `COPY (SELECT * FROM (VALUES ('src-a', 'k1', 'brain-mri-abc123'), ('src-b', 'k2', 'chest-ct-def456')) AS t(source_id, source_key, dataset_id)) TO '${join(dir, 'listings.parquet')}' (FORMAT parquet)`,
      );
    } finally {
      db.close();
    }
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ version: 'v1.0.0', row_counts: { datasets: 2, listings: 2 } }));
  });

  async function run(sql: string, release = 'v1.0.0'): Promise<{ output: string; error?: unknown }> {
    const sink = new PassThrough();
    const chunks: Buffer[] = [];
    sink.on('data', (c: Buffer) => chunks.push(c));
    try {
      await queryCommand(sql, { releases, release, format: 'json' }, sink);
      return { output: Buffer.concat(chunks).toString('utf8') };
    } catch (error) {
      return { output: Buffer.concat(chunks).toString('utf8'), error };
    }
  }

  it('a normal SELECT works', async () => {
    const { output, error } = await run('SELECT name, year FROM datasets ORDER BY year');
    expect(error).toBeUndefined();
    expect(JSON.parse(output)).toEqual([
      { name: 'Brain MRI', year: 2020 },
      { name: 'Chest CT', year: 2021 },
    ]);
    const joined = await run('SELECT d.name FROM datasets d JOIN listings l USING (dataset_id) WHERE l.source_id = \'src-b\'');
    expect(JSON.parse(joined.output)).toEqual([{ name: 'Chest CT' }]);
  });

  /** [what, statement aimed at the target dir]; every one must be refused. */
  const STATEMENTS: [string, (target: string) => string][] = [
      ['COPY TO', (d) => `COPY datasets TO '${d}/x.csv'`],
      ['COPY (query) TO parquet', (d) => `COPY (SELECT * FROM datasets) TO '${d}/x.parquet' (FORMAT parquet)`],
      ['COPY FROM', () => `COPY datasets FROM '/etc/hostname'`],
      ['ATTACH', (d) => `ATTACH '${d}/x.duckdb' AS x`],
      ['DETACH', () => 'DETACH memory'],
      ['INSTALL', () => 'INSTALL httpfs'],
      ['LOAD', () => 'LOAD httpfs'],
      ['SET', () => 'SET enable_external_access = true'],
      ['RESET', () => 'RESET lock_configuration'],
      ['PRAGMA', () => 'PRAGMA threads=4'],
      ['CREATE TABLE AS', () => 'CREATE TABLE t AS SELECT 1'],
      ['CREATE MACRO', () => 'CREATE MACRO m() AS 1'],
      ['INSERT', () => "INSERT INTO datasets VALUES ('x-000000', 'x', 1999)"],
      ['UPDATE', () => "UPDATE datasets SET name = 'pwned'"],
      ['DELETE', () => 'DELETE FROM datasets'],
      ['DROP', () => 'DROP TABLE datasets'],
      ['ALTER', () => 'ALTER TABLE datasets RENAME TO d2'],
      ['read_csv', () => "SELECT * FROM read_csv('/etc/passwd')"],
      ['read_text', () => "SELECT * FROM read_text('/etc/hostname')"],
      ['read_blob', () => "SELECT * FROM read_blob('/etc/hostname')"],
      ['read_parquet of a path', () => `SELECT * FROM read_parquet('${releases}/v1.0.0/datasets.parquet')`],
      ['glob', () => "SELECT * FROM glob('/etc/*')"],
      ['EXPORT DATABASE', (d) => `EXPORT DATABASE '${d}/export'`],
      ['CALL', () => "CALL pragma_table_info('datasets')"],
      ['CHECKPOINT', () => 'CHECKPOINT'],
      ['two statements', () => 'SELECT 1; DROP TABLE datasets'],
      ['a statement after a comment', (d) => `SELECT 1; -- harmless\nCOPY datasets TO '${d}/z.csv'`],
      ['query() with a DDL string', () => "SELECT * FROM query('DROP TABLE datasets')"],
      ['EXPLAIN ANALYZE CREATE', () => 'EXPLAIN ANALYZE CREATE TABLE t AS SELECT 1'],
      ['EXPLAIN ANALYZE INSERT', () => 'EXPLAIN ANALYZE INSERT INTO datasets SELECT * FROM datasets'],
      ['EXPLAIN ANALYZE DROP', () => 'EXPLAIN ANALYZE DROP TABLE listings'],
      ['EXPLAIN ANALYZE COPY TO', (d) => `EXPLAIN ANALYZE COPY datasets TO '${d}/y.csv'`],
  ];

  it.each(STATEMENTS)('%s is refused with a QueryError and writes no file', async (_what, make) => {
    const before = listTree(root);
    const sql = make(target);
    const { output, error } = await run(sql);
    expect(error, `${sql} was not refused; output: ${output.slice(0, 200)}`).toBeInstanceOf(QueryError);
    expect(output).toBe('');
    expect(listTree(root)).toEqual(before);
    expect(existsSync(join(target, 'x.csv'))).toBe(false);
  });

  it.each(STATEMENTS)('%s changes nothing in the opened catalog (tables, rows, settings)', async (_what, make) => {
    const { db } = await openRelease(releases, 'v1.0.0');
    try {
      const state = async () => ({
        tables: await db.all("SELECT database_name, table_name, estimated_size FROM duckdb_tables() ORDER BY ALL"),
        datasets: await db.all('SELECT * FROM datasets ORDER BY ALL'),
        listings: await db.all('SELECT * FROM listings ORDER BY ALL'),
        settings: await db.all(
          "SELECT name, value FROM duckdb_settings() WHERE name IN ('enable_external_access', 'lock_configuration', 'threads', 'autoinstall_known_extensions', 'autoload_known_extensions') ORDER BY name",
        ),
        databases: await db.all('SELECT database_name FROM duckdb_databases() ORDER BY ALL'),
        macros: await db.all("SELECT function_name FROM duckdb_functions() WHERE NOT internal ORDER BY ALL"),
      });
      const before = await state();
      await expect(readOnlyQuery(db, make(target))).rejects.toBeInstanceOf(QueryError);
      expect(await state()).toEqual(before);
    } finally {
      db.close();
    }
  });

  it.each(['../v1.0.0', 'v1.0.0/../../x', '/tmp/v1'])('refuses the release %j with a typed error', async (release) => {
    const { error } = await run('SELECT 1', release);
    expect(error).toBeInstanceOf(ImcatError);
    expect(error).toBeInstanceOf(ReleaseError);
  });
});
