import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const INCLUDE = /\.(ts|sql|json)$/;
const SKIP_DIRS = new Set(['node_modules', 'dist', '.turbo']);

function walk(dir: string, out: string[]): void {
  if (!existsSync(dir)) return;
  if (!statSync(dir).isDirectory()) {
    if (INCLUDE.test(dir)) out.push(dir);
    return;
  }
  for (const name of readdirSync(dir).sort()) {
    if (SKIP_DIRS.has(name)) continue;
    const full = join(dir, name);
    if (statSync(full).isDirectory()) walk(full, out);
    else if (INCLUDE.test(name) && !name.endsWith('.test.ts')) out.push(full);
  }
}

/**
 * A hash of everything that shapes a release: the code, SQL and vocabulary
 * data of packages, pipelines and sources, and the locked dependencies.
 * Tests and docs are left out; they change no output.
 */
export function pipelineFingerprint(repoRoot: string): string {
  const files: string[] = [];
  for (const top of ['packages', 'pipelines', 'sources']) {
    const base = join(repoRoot, top);
    if (!existsSync(base)) continue;
    for (const pkg of readdirSync(base).sort()) {
      if (top === 'pipelines' && pkg === 'bench') continue;
      for (const part of ['src', 'sql', 'data', 'source.json', 'precedence.json', 'words.json', 'schema.json']) walk(join(base, pkg, part), files);
    }
  }
  const lock = join(repoRoot, 'package-lock.json');
  if (existsSync(lock)) files.push(lock);
  const h = createHash('sha256');
  for (const f of [...new Set(files)].sort()) h.update(`${relative(repoRoot, f)}\n`).update(readFileSync(f)).update('\n');
  return h.digest('hex');
}
