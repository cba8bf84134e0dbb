import { createHash } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, readSync, readdirSync, renameSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { ReleaseError } from '@imcat/errors';

export const VERSION_PATTERN = /^v(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/;

/** A release directory name, checked: "v1.2.3" and nothing that could escape releases/. */
export function checkVersion(version: string): string {
  if (!VERSION_PATTERN.test(version)) throw new ReleaseError(`expected a release version like v1.2.3, found "${version}"`);
  return version;
}

export function parseVersion(version: string): [number, number, number] {
  const m = VERSION_PATTERN.exec(checkVersion(version))!;
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

export function compareVersions(a: string, b: string): number {
  const x = parseVersion(a);
  const y = parseVersion(b);
  return x[0] - y[0] || x[1] - y[1] || x[2] - y[2];
}

export type Bump = 'major' | 'minor' | 'patch';

export function bumpVersion(previous: string | null, bump: Bump): string {
  if (!previous) return 'v1.0.0';
  const [major, minor, patch] = parseVersion(previous);
  if (bump === 'major') return `v${major + 1}.0.0`;
  if (bump === 'minor') return `v${major}.${minor + 1}.0`;
  return `v${major}.${minor}.${patch + 1}`;
}

/** sha256 of a file, read in 4 MiB blocks: release files run to hundreds of MiB at scale. */
export function sha256File(path: string): string {
  const hash = createHash('sha256');
  const block = Buffer.allocUnsafe(4 << 20);
  const fd = openSync(path, 'r');
  try {
    for (let n; (n = readSync(fd, block, 0, block.length, null)) > 0; ) hash.update(block.subarray(0, n));
  } finally {
    closeSync(fd);
  }
  return hash.digest('hex');
}

/** Write all of `data` at the file's current position (writeSync may write less than asked). */
export function writeFully(fd: number, data: Uint8Array): void {
  for (let done = 0; done < data.length; ) done += writeSync(fd, data, done, data.length - done);
}

/** Release versions present as complete directories (those with a manifest), oldest first. */
export function listReleases(releasesDir: string): string[] {
  if (!existsSync(releasesDir)) return [];
  return readdirSync(releasesDir)
    .filter((name) => VERSION_PATTERN.test(name) && existsSync(join(releasesDir, name, 'manifest.json')))
    .sort(compareVersions);
}

/** Remove half-written releases a crash may have left (.tmp-* directories). */
/** Is a process of this id running (on this machine)? */
function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The lock file a build holds in the releases directory while it runs. */
export const LOCK_FILE = '.build.lock';

/**
 * Hold the releases directory for one build, and return the function that lets it go. Two builds into one
 * directory at once would each take the other's half-written release for one left by an interrupted build and
 * remove it, or both write a release on top of the same previous one. The lock file names the process holding it;
 * one left by a process that is gone (a killed build) is taken over.
 */
export function lockReleases(releasesDir: string): () => void {
  mkdirSync(releasesDir, { recursive: true });
  const file = join(releasesDir, LOCK_FILE);
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      writeFileSync(file, `${process.pid}\n`, { flag: 'wx' });
      return () => {
        if (existsSync(file) && readFileSync(file, 'utf8').trim() === String(process.pid)) rmSync(file, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw new ReleaseError(`cannot lock ${releasesDir}`, { cause: error });
      const holder = Number(readFileSync(file, 'utf8').trim());
      if (Number.isInteger(holder) && holder > 0 && processAlive(holder)) {
        throw new ReleaseError(
          `another build (process ${holder}) is writing releases in ${releasesDir}: expected the directory free, found ${file}; wait for that build to end, or remove the file if no such build is running`,
        );
      }
      // Left by a build that is gone: take it over.
      rmSync(file, { force: true });
    }
  }
  throw new ReleaseError(`cannot lock ${releasesDir}: ${file} came back each time it was removed`);
}

export function removeIncomplete(releasesDir: string): string[] {
  if (!existsSync(releasesDir)) return [];
  const removed = readdirSync(releasesDir).filter((name) => name.startsWith('.tmp-'));
  for (const name of removed) rmSync(join(releasesDir, name), { recursive: true, force: true });
  return removed;
}

export interface IndexEntry {
  version: string;
  created_at: string;
  datasets: number;
  listings: number;
  path: string;
}

/** releases/index.json, rebuilt from the release directories themselves, so it can never disagree with them. */
export function writeIndex(releasesDir: string): { latest: string | null; releases: IndexEntry[] } {
  const releases = listReleases(releasesDir).map((version): IndexEntry => {
    const manifest = JSON.parse(readFileSync(join(releasesDir, version, 'manifest.json'), 'utf8')) as {
      created_at: string;
      row_counts: Record<string, number>;
    };
    return {
      version,
      created_at: manifest.created_at,
      datasets: manifest.row_counts.datasets ?? 0,
      listings: manifest.row_counts.listings ?? 0,
      path: `${version}/`,
    };
  });
  const index = { latest: releases.at(-1)?.version ?? null, releases };
  const target = join(releasesDir, 'index.json');
  const tmp = `${target}.tmp-${process.pid}`;
  writeFileSync(tmp, JSON.stringify(index, null, 2) + '\n');
  renameSync(tmp, target);
  return index;
}

/** Move a fully written temporary directory into place; an existing release is never overwritten. */
export function publish(tmpDir: string, releasesDir: string, version: string): string {
  const target = join(releasesDir, checkVersion(version));
  if (existsSync(target)) {
    throw new ReleaseError(`release ${version} already exists at ${target}; releases are immutable, so it was not overwritten`);
  }
  renameSync(tmpDir, target);
  return target;
}

export function fileSize(path: string): number {
  return statSync(path).size;
}
