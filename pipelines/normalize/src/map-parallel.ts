import { closeSync, openSync, writeSync } from 'node:fs';
import type { Db } from '@imcat/duckdb';
import { dealChunks, startWorker } from '@imcat/workers';
import { compactJson, mapValue, type Role } from './map-value';

/** A chunk of distinct (role, value) pairs sent to a mapping worker (map-worker.ts). */
export type MapMessage = { roles: string[]; values: string[] };

/**
 * Map the distinct (role, value) rows `sql` yields and write them as compact NDJSON (one line per value)
 * to `files`: with one file, here, chunk by chunk as DuckDB streams them; with several, in as many worker
 * threads, the chunks dealt out in turn (at 1M listings, ~1M distinct values: 4.3 s on this thread, 2.2 s in
 * two workers on a machine of two cores). Which file a value lands in does not matter: the files are read back as one table.
 * Returns how many values were mapped.
 */
export async function mapDistinctValues(db: Db, sql: string, files: readonly string[]): Promise<number> {
  if (files.length === 1) {
    const fd = openSync(files[0]!, 'w');
    let mapped = 0;
    try {
      await db.forEachChunk(sql, {}, ([roles, values], rowCount) => {
        writeSync(fd, mapLines(roles as string[], values as string[], rowCount));
        mapped += rowCount;
      });
    } finally {
      closeSync(fd);
    }
    return mapped;
  }
  const entry = new URL('./map-worker.ts', import.meta.url);
  const workers = files.map((file) => startWorker<{ mapped: number }>(entry, { file }, `mapping values into ${file}`));
  const reports = await dealChunks<MapMessage, { mapped: number }>(workers, (send) =>
    db.forEachChunk(sql, {}, ([roles, values], rowCount) => {
      send({ roles: (roles as string[]).slice(0, rowCount), values: (values as string[]).slice(0, rowCount) });
    }),
  );
  return reports.reduce((sum, r) => sum + r.mapped, 0);
}

/** The NDJSON lines of one chunk of distinct values, mapped. */
export function mapLines(roles: readonly string[], values: readonly string[], rowCount: number): string {
  const lines = new Array<string>(rowCount);
  for (let i = 0; i < rowCount; i++) lines[i] = compactJson(mapValue(roles[i] as Role, values[i]!));
  return lines.join('\n') + '\n';
}
