import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Db } from '@imcat/duckdb';
import { ReleaseError } from '@imcat/errors';
import type { Manifest } from './release';
import { checkVersion, listReleases, sha256File } from './release-dir';
import { RELEASE_TABLES, sqlPath } from './tables';

export interface VerifyResult {
  version: string;
  problems: string[];
  checkedFiles: number;
}

/** Re-check a release: every file's sha256 and size against the manifest, and every table's row count. */
export async function verifyRelease(db: Db, releasesDir: string, version?: string): Promise<VerifyResult> {
  const releases = listReleases(releasesDir);
  const target = version ? checkVersion(version) : releases.at(-1);
  if (!target) throw new ReleaseError(`no release to verify in ${releasesDir}`);
  const dir = join(releasesDir, target);
  if (!existsSync(join(dir, 'manifest.json'))) throw new ReleaseError(`release ${target} not found: expected ${join(dir, 'manifest.json')}`);
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Manifest;
  const problems: string[] = [];
  if (manifest.version !== target) problems.push(`manifest says version ${manifest.version}, directory is ${target}`);
  for (const [name, expected] of Object.entries(manifest.files)) {
    const path = join(dir, name);
    if (!existsSync(path)) {
      problems.push(`${name}: missing`);
      continue;
    }
    const actual = sha256File(path);
    if (actual !== expected.sha256) problems.push(`${name}: sha256 ${actual}, manifest says ${expected.sha256}`);
  }
  // A file the manifest does not list was not written by the release: an immutable release holds nothing else.
  for (const name of readdirSync(dir).sort()) {
    if (name !== 'manifest.json' && !(name in manifest.files)) problems.push(`${name}: not listed in the manifest`);
  }
  for (const t of RELEASE_TABLES) {
    const path = join(dir, `${t.name}.parquet`);
    if (!existsSync(path)) continue;
    try {
      const r = await db.one<{ n: number }>(`SELECT count(*) AS n FROM read_parquet(${sqlPath(path)})`);
      if (r?.n !== manifest.row_counts[t.name]) problems.push(`${t.name}.parquet: ${r?.n} rows, manifest says ${manifest.row_counts[t.name]}`);
    } catch (cause) {
      problems.push(`${t.name}.parquet: unreadable (${(cause as Error).message.split('\n')[0]})`);
    }
  }
  const index = join(releasesDir, 'index.json');
  if (existsSync(index)) {
    const parsed = JSON.parse(readFileSync(index, 'utf8')) as { releases: { version: string }[] };
    if (!parsed.releases.some((r) => r.version === target)) problems.push(`index.json does not list ${target}`);
  } else problems.push('releases/index.json is missing');
  return { version: target, problems, checkedFiles: Object.keys(manifest.files).length };
}
