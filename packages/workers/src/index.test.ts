import { describe, expect, it } from 'vitest';
import { ImcatError } from '@imcat/errors';
import { dealChunks, serveChunks, startWorker } from './index';

const ENTRY = new URL('./fixtures/sum-worker.ts', import.meta.url);
type Report = { label: string; sum: number; chunks: number };

describe('worker threads fed chunks', () => {
  it('deal the chunks out in turn and return each worker report, in order', async () => {
    const workers = ['a', 'b'].map((label) => startWorker<Report>(ENTRY, { label }, `summing ${label}`));
    const reports = await dealChunks<number[], Report>(workers, async (send) => {
      for (let i = 1; i <= 10; i++) send([i, i]);
    });
    expect(reports).toEqual([
      { label: 'a', sum: 2 * (1 + 3 + 5 + 7 + 9), chunks: 5 },
      { label: 'b', sum: 2 * (2 + 4 + 6 + 8 + 10), chunks: 5 },
    ]);
  }, 30_000);

  it('fail with an error naming the work and the cause when a worker fails', async () => {
    const workers = ['a', 'b'].map((label) => startWorker<Report>(ENTRY, { label }, `summing ${label}`));
    const run = dealChunks<number[], Report>(workers, async (send) => {
      send([1]);
      send([-1]);
    });
    await expect(run).rejects.toBeInstanceOf(ImcatError);
    await expect(run).rejects.toThrow(/summing b failed in its worker thread: bad chunk \[-1\]/);
  }, 30_000);

  it('stop the workers when the feed fails', async () => {
    const workers = ['a'].map((label) => startWorker<Report>(ENTRY, { label }, `summing ${label}`));
    const run = dealChunks<number[], Report>(workers, async () => {
      throw new Error('the query failed');
    });
    await expect(run).rejects.toThrow('the query failed');
    // terminated: the worker exits, and its report never comes
    await expect(workers[0]!.done).rejects.toThrow(/the worker summing a stopped \(exit code \d+\) before it had finished/);
  }, 30_000);

  it('refuse to serve chunks on the main thread', () => {
    expect(() => serveChunks(() => {}, () => 0)).toThrow(/expected to run in a worker thread, found the main thread/);
  });
});
