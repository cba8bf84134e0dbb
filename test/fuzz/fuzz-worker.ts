import { parentPort } from 'node:worker_threads';
import { prepareSource, runShard, type PreparedSource } from './run-cases';

/**
 * A fuzz worker thread: prepares a source's captures once, then runs the
 * shards of cases it is sent. Started by parsers.test.ts through tsx, so
 * both cores parse at once.
 */
export interface ShardRequest {
  sourceId: string;
  seed: number;
  start: number;
  stride: number;
  count: number;
}

const cache = new Map<string, PreparedSource>();

parentPort?.on('message', (request: ShardRequest) => {
  try {
    let ps = cache.get(request.sourceId);
    if (!ps) {
      cache.clear();
      ps = prepareSource(request.sourceId);
      cache.set(request.sourceId, ps);
    }
    parentPort?.postMessage({ ok: true, result: runShard(ps, request.seed, request.start, request.stride, request.count) });
  } catch (error) {
    parentPort?.postMessage({ ok: false, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  }
});
