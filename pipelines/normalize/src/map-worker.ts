/**
 * A worker thread of mapDistinctValues (map-parallel.ts): maps each chunk of distinct values it is sent
 * and appends their NDJSON lines to its file (workerData.file); on null it closes the file and replies
 * with how many values it mapped.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { mapLines, type MapMessage } from './map-parallel';

const fd = openSync((workerData as { file: string }).file, 'w');
let mapped = 0;
parentPort!.on('message', (chunk: MapMessage) => {
  if (chunk === null) {
    closeSync(fd);
    parentPort!.postMessage({ mapped });
    return;
  }
  writeSync(fd, mapLines(chunk.roles, chunk.values, chunk.roles.length));
  mapped += chunk.roles.length;
});
