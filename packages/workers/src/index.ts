/**
 * Worker threads that run a TypeScript module of the pipeline over chunks of work streamed to them:
 * the main thread deals chunks out in turn (as DuckDB streams them), each worker handles its chunks
 * and, told there are no more, reports back once. Used where per-value TypeScript (vocabulary mapping,
 * name analysis) over a million values would otherwise keep one core busy while the other waits.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parentPort, Worker } from 'node:worker_threads';
import { ImcatError } from '@imcat/errors';

/** A worker thread and the report it sends when it has finished its chunks. */
export interface ChunkWorker<R> {
  worker: Worker;
  done: Promise<R>;
}

/**
 * Start a worker thread running the TypeScript module `entry` with `workerData`. tsx's loader is
 * registered in the worker first: loader hooks of the main thread do not reach workers (measured
 * under both vitest and tsx). `what` names the work in errors ("mapping values into …/value-map-0.ndjson").
 */
export function startWorker<R>(entry: URL, workerData: unknown, what: string): ChunkWorker<R> {
  const boot = `import(${JSON.stringify(tsxApiUrl())}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry.href)}); })`;
  const worker = new Worker(boot, { eval: true, workerData });
  const done = new Promise<R>((resolve, reject) => {
    worker.once('message', (report: R) => resolve(report));
    worker.once('error', (cause) => reject(new ImcatError(`${what} failed in its worker thread: ${cause.message}`, { cause })));
    worker.once('exit', (code) => reject(new ImcatError(`the worker ${what} stopped (exit code ${code}) before it had finished`)));
  });
  // Awaited once every chunk is sent; a failure before that is reported then, not as an unhandled rejection.
  done.catch(() => {});
  return { worker, done };
}

/**
 * Deal the chunks `feed` sends out to the workers in turn; once `feed` has sent them all, tell each
 * worker to finish and return their reports, in the order of `workers`. The workers are stopped in
 * any case, also when `feed` or a worker fails.
 */
export async function dealChunks<M, R>(workers: readonly ChunkWorker<R>[], feed: (send: (chunk: M) => void) => Promise<void>): Promise<R[]> {
  try {
    let next = 0;
    await feed((chunk) => workers[next++ % workers.length]!.worker.postMessage(chunk));
    for (const w of workers) w.worker.postMessage(null);
    return await Promise.all(workers.map((w) => w.done));
  } finally {
    await Promise.all(workers.map((w) => w.worker.terminate()));
  }
}

/**
 * The worker's side of dealChunks: `onChunk` for every chunk, then, when told there are no more,
 * `finish()`'s report sent back once.
 */
export function serveChunks<M, R>(onChunk: (chunk: M) => void, finish: () => R): void {
  const port = parentPort;
  if (!port) throw new ImcatError('serveChunks: expected to run in a worker thread, found the main thread');
  port.on('message', (chunk: M | null) => {
    if (chunk === null) port.postMessage(finish());
    else onChunk(chunk);
  });
}

let tsxApi: string | undefined;

/** The file URL of tsx's ESM loader API, as its package.json exports it ("./esm/api", import). */
function tsxApiUrl(): string {
  if (tsxApi) return tsxApi;
  const manifest = createRequire(import.meta.url).resolve('tsx/package.json');
  const pkg = JSON.parse(readFileSync(manifest, 'utf8')) as { version?: string; exports?: Record<string, { import?: { default?: string } } | string> };
  const entry = pkg.exports?.['./esm/api'];
  const target = typeof entry === 'object' ? entry.import?.default : undefined;
  if (!target) throw new ImcatError(`tsx ${pkg.version ?? '?'} (${manifest}): expected an import entry for "./esm/api" in its exports, found ${JSON.stringify(entry)}`);
  tsxApi = pathToFileURL(join(dirname(manifest), target)).href;
  return tsxApi;
}
