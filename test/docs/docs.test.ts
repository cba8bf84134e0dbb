import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Db } from '@imcat/duckdb';
import { buildCatalog } from '@imcat/pipeline-build';
import { RELEASE_TABLES, sqlPath } from '@imcat/pipeline-release';
import { REPO_ROOT } from '@imcat/registry';
import { silentLogger } from '@imcat/source-testing';
import { BASE, miniSource, writeCaptures } from '../release/mini-source';

const formatDoc = readFileSync(join(REPO_ROOT, 'docs', 'release-format.md'), 'utf8');
const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
const rootPackage = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };

/** The `| \`column\` | TYPE | …` rows under "### <table>.parquet". */
function documentedColumns(table: string): [string, string][] {
  const start = formatDoc.indexOf(`### ${table}.parquet`);
  if (start < 0) return [];
  const rest = formatDoc.slice(start + 4);
  const section = rest.slice(0, rest.search(/\n### |\n## /) === -1 ? undefined : rest.search(/\n### |\n## /));
  return [...section.matchAll(/^\| `([a-z0-9_]+)` \| ([A-Z][^|]*?) \|/gm)].map((m) => [m[1]!, m[2]!.trim()]);
}

describe('docs/release-format.md', () => {
  let root: string;
  let dir: string;
  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'imcat-docs-'));
    writeCaptures(join(root, 'captures'), BASE);
    const r = await buildCatalog({
      sources: Object.keys(BASE).map(miniSource),
      mode: { kind: 'offline', dir: join(root, 'captures') },
      paths: { staging: join(root, 'staging'), store: join(root, 'store'), work: join(root, 'work'), releases: join(root, 'releases') },
      log: silentLogger,
      gitCommit: 'test',
      pipelineFingerprint: 'docs',
    });
    if (r.outcome.status !== 'written') throw new Error('expected a release');
    dir = r.outcome.dir;
  }, 60_000);
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  for (const t of RELEASE_TABLES) {
    it(`documents every column of ${t.name}.parquet, with its type, and nothing else`, async () => {
      const db = await Db.open();
      try {
        const actual = await db.all<{ column_name: string; column_type: string }>(
          `SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM read_parquet(${sqlPath(join(dir, `${t.name}.parquet`))}))`,
        );
        expect(documentedColumns(t.name)).toEqual(actual.map((c) => [c.column_name, c.column_type]));
      } finally {
        db.close();
      }
    });
  }

  it('lists every file a release holds', () => {
    for (const name of [...RELEASE_TABLES.map((t) => `${t.name}.parquet`), 'datasets.arrow', 'catalog.json', 'stats.json', 'schema.json', 'datapackage.json', 'croissant.json', 'manifest.json', 'changes.json', 'CHANGELOG.md']) {
      expect(formatDoc).toContain(`\`${name}\``);
    }
  });
});

describe('README.md', () => {
  it('gives the build and test commands, and both exist', () => {
    expect(readme).toContain('npm run catalog');
    expect(readme).toContain('npm test');
    expect(rootPackage.scripts.catalog).toMatch(/main\.ts build$/);
    expect(rootPackage.scripts.test).toBe('vitest run');
  });
  it('names only npm scripts that exist', () => {
    for (const m of readme.matchAll(/npm run ([\w:-]+)/g)) expect(Object.keys(rootPackage.scripts)).toContain(m[1]);
  });
  it('links only to files that exist', () => {
    for (const m of readme.matchAll(/\]\(((?:docs|test)\/[^)]+)\)/g)) expect(() => readFileSync(join(REPO_ROOT, m[1]!))).not.toThrow();
  });
});
