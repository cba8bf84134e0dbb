/**
 * A worker thread of mapDistinctValues (map-parallel.ts): maps each chunk of distinct values it is sent
 * and appends their NDJSON lines to its file (workerData.file); when there are no more, it closes the file
 * and reports how many values it mapped.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { workerData } from 'node:worker_threads';
import { serveChunks } from '@imcat/workers';
import { mapLines, type MapMessage } from './map-parallel';

const fd = openSync((workerData as { file: string }).file, 'w');
let mapped = 0;
serveChunks<MapMessage, { mapped: number }>(
  (chunk) => {
    writeSync(fd, mapLines(chunk.roles, chunk.values, chunk.roles.length));
    mapped += chunk.roles.length;
  },
  () => {
    closeSync(fd);
    return { mapped };
  },
);
