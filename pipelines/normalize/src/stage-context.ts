import type { Db } from '@imcat/duckdb';
import type { Logger } from '@imcat/source-kit';

/** What every DuckDB stage receives: the database, a logger and a scratch directory. */
export interface StageContext {
  db: Db;
  log: Logger;
  /** Scratch directory for intermediate files (value maps, field maps). */
  workDir: string;
}
