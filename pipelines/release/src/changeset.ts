import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Bump } from './release-dir';

/**
 * The changeset for a release: it bumps @imcat/catalog by the release's
 * semver step, so `changeset version` moves the package to the release version.
 */
export function writeChangeset(repoRoot: string, version: string, bump: Bump | 'initial', summary: string): string {
  const dir = join(repoRoot, '.changeset');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `catalog-${version.replace(/\./g, '-')}.md`);
  const step = bump === 'initial' ? 'major' : bump;
  writeFileSync(file, `---\n"@imcat/catalog": ${step}\n---\n\nCatalog release ${version}: ${summary}\n`);
  return file;
}
