/**
 * A worker thread of analyseNames (parallel.ts): analyses each chunk of names it is sent and appends
 * their CSV rows to its two files (workerData.namesFile, workerData.variantsFile); when there are no
 * more, it closes them and reports how many names it analysed.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { workerData } from 'node:worker_threads';
import { serveChunks } from '@imcat/workers';
import { Analyser } from './analyse';
import type { NamesChunk, NamesWorkerData } from './parallel';
import { analyseChunk } from './rows';

const data = workerData as NamesWorkerData;
const analyser = new Analyser();
const names = openSync(data.namesFile, 'w');
const variants = openSync(data.variantsFile, 'w');
let analysed = 0;
serveChunks<NamesChunk, { analysed: number }>(
  (chunk) => {
    const text = analyseChunk(analyser, chunk.names);
    writeSync(names, text.names);
    writeSync(variants, text.variants);
    analysed += chunk.names.length;
  },
  () => {
    closeSync(names);
    closeSync(variants);
    return { analysed };
  },
);
