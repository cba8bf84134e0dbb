import { closeSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { Db } from '@imcat/duckdb';
import { dealChunks, startWorker } from '@imcat/workers';
import { Analyser } from './analyse';
import { analyseChunk } from './rows';

/** A chunk of distinct names, sent to a worker. */
export interface NamesChunk {
  names: string[];
}

export interface NamesWorkerData {
  namesFile: string;
  variantsFile: string;
}

/** The CSV files analyseNames wrote: name rows and variant rows, read back by 01-er-names.sql. */
export interface NameFiles {
  names: string[];
  variants: string[];
  analysed: number;
}

/**
 * Analyse every distinct name `sql` yields (one column), writing CSV rows under `dir`: with `workers`
 * of 1, here, chunk by chunk as DuckDB streams them; otherwise in as many worker threads, the chunks
 * dealt out in turn. Which file a name lands in does not matter: the files are read back as one table.
 */
export async function analyseNames(db: Db, sql: string, dir: string, workers: number): Promise<NameFiles> {
  const count = Math.max(1, workers);
  const files = {
    names: Array.from({ length: count }, (_, i) => join(dir, `names-${i}.csv`)),
    variants: Array.from({ length: count }, (_, i) => join(dir, `variants-${i}.csv`)),
  };
  if (count === 1) {
    const analyser = new Analyser();
    const names = openSync(files.names[0]!, 'w');
    const variants = openSync(files.variants[0]!, 'w');
    let analysed = 0;
    try {
      await db.forEachChunk(sql, {}, ([name], rowCount) => {
        const text = analyseChunk(analyser, (name as string[]).slice(0, rowCount));
        writeSync(names, text.names);
        writeSync(variants, text.variants);
        analysed += rowCount;
      });
    } finally {
      closeSync(names);
      closeSync(variants);
    }
    return { ...files, analysed };
  }
  const entry = new URL('./worker.ts', import.meta.url);
  const pool = files.names.map((namesFile, i) =>
    startWorker<{ analysed: number }>(entry, { namesFile, variantsFile: files.variants[i]! } satisfies NamesWorkerData, `analysing names into ${namesFile}`),
  );
  const reports = await dealChunks<NamesChunk, { analysed: number }>(pool, (send) =>
    db.forEachChunk(sql, {}, ([name], rowCount) => {
      send({ names: (name as string[]).slice(0, rowCount) });
    }),
  );
  return { ...files, analysed: reports.reduce((sum, r) => sum + r.analysed, 0) };
}
