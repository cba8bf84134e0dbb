import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Db } from '@imcat/duckdb';
import { prepareListings } from '@imcat/pipeline-build';
import { measureCoverage, type Coverage } from '@imcat/pipeline-normalize';
import { loadSources } from '@imcat/registry';
import { defaultSnapshotsDir, type Logger } from '@imcat/source-kit';

const quiet: Logger = { info: () => {}, warn: () => {}, error: () => {} };

/** Replay every source from the real captures, normalise, and measure vocabulary coverage. */
export async function measureCaptureCoverage(snapshotsDir = defaultSnapshotsDir()): Promise<Coverage> {
  const dir = mkdtempSync(join(tmpdir(), 'imcat-coverage-'));
  const db = await Db.open();
  try {
    const { sources } = loadSources();
    await prepareListings({ db, sources, mode: { kind: 'offline', dir: snapshotsDir }, stagingDir: join(dir, 'staging'), workDir: join(dir, 'work'), log: quiet });
    return await measureCoverage(db);
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
