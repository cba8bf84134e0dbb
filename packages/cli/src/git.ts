import { execFileSync } from 'node:child_process';

/** The pipeline's git commit, with "-dirty" when its code has uncommitted changes; "unknown" outside a checkout. */
export function gitCommit(repoRoot: string): string {
  try {
    const head = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: repoRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'packages', 'pipelines', 'sources', 'package-lock.json'], {
      cwd: repoRoot,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
    return dirty ? `${head}-dirty` : head;
  } catch {
    return 'unknown';
  }
}
