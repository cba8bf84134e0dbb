import { afterEach, describe, expect, it } from 'vitest';
import { defaultSnapshotsDir, readCaptureDir } from '@imcat/source-kit';
import {
  liveFetchSuite,
  readSnapshotFile,
  silentLogger,
  startLoopbackServer,
  testHttpClient,
  type LoopbackReply,
  type LoopbackServer,
} from '@imcat/source-testing';
import { source } from './index';

// The commits API is absent on this loopback server (404): fetch falls back to main.
liveFetchSuite(source);

const SHA = 'ec70f7b9ed62339100c18a82dfa695d38bccf09e';
const COMMITS = '/api.github.com/repos/uni-medical/Project-Imaging-X/commits';
const RAW = '/raw.githubusercontent.com/uni-medical/Project-Imaging-X';
const files = {
  'skills/project-imaging-x-discovery/datasets.json': readSnapshotFile('imaging-x', 'datasets.json'),
  'README.md': readSnapshotFile('imaging-x', 'README.md'),
};

function serveAt(ref: string, commits: LoopbackReply) {
  return (req: { path: string }): LoopbackReply => {
    if (req.path === COMMITS) return commits;
    for (const [path, body] of Object.entries(files)) if (req.path === `${RAW}/${ref}/${path}`) return { body };
    return { status: 404, body: 'not found' };
  };
}

const strip = (listings: { fetched_at: string; snapshot_sha256: string }[]) =>
  listings.map(({ fetched_at: _f, snapshot_sha256: _s, ...rest }) => rest);
const offline = source.parse(readCaptureDir(defaultSnapshotsDir(), source).pages);

describe('imaging-x: fetch pins both files to one commit', () => {
  let server: LoopbackServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('reads datasets.json and README.md at the sha the commits API names', async () => {
    const answer = JSON.stringify([{ sha: SHA, commit: { committer: { date: '2026-04-03T09:00:00Z' } } }]);
    server = await startLoopbackServer(serveAt(SHA, { body: answer, headers: { 'content-type': 'application/json' } }));
    const pages = await source.fetch({ http: testHttpClient(server), log: silentLogger });
    expect(server.requests.map((r) => r.path)).toEqual([
      COMMITS,
      `${RAW}/${SHA}/skills/project-imaging-x-discovery/datasets.json`,
      `${RAW}/${SHA}/README.md`,
    ]);
    expect(server.requests[0]?.query.get('path')).toBe('skills/project-imaging-x-discovery/datasets.json');
    const live = source.parse(pages);
    expect(strip(live.listings)).toEqual(strip(offline.listings));
    expect(live.notes[0]).toBe(`imaging-x: files read at commit ${SHA} (2026-04-03T09:00:00Z)`);
  });

  it('falls back to main when the commits API keeps failing', async () => {
    server = await startLoopbackServer(serveAt('main', { status: 503, body: 'busy' }));
    const pages = await source.fetch({ http: testHttpClient(server), log: silentLogger });
    expect(pages).toHaveLength(2);
    expect(strip(source.parse(pages).listings)).toEqual(strip(offline.listings));
  });
});
