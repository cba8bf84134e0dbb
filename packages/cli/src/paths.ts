import { resolve } from 'node:path';
import { REPO_ROOT } from '@imcat/registry';
import { defaultSnapshotsDir } from '@imcat/source-kit';

/** Where imcat reads and writes. Overridable by flags or IMCAT_HOME / IMCAT_RELEASES. */
export function defaultPaths() {
  const home = resolve(process.env.IMCAT_HOME ?? resolve(REPO_ROOT, '.imcat'));
  return {
    repoRoot: REPO_ROOT,
    home,
    staging: resolve(home, 'staging'),
    store: resolve(home, 'store'),
    work: resolve(home, 'work'),
    releases: resolve(process.env.IMCAT_RELEASES ?? resolve(REPO_ROOT, 'releases')),
    snapshots: defaultSnapshotsDir(),
  };
}
