import { readFileSync } from 'node:fs';
import { DuckDBConnection, DuckDBDataChunk, DuckDBInstance, type DuckDBType, type DuckDBValue } from '@duckdb/node-api';
import { ImcatError } from '@imcat/errors';

export type Params = Record<string, DuckDBValue>;
export type Row = Record<string, unknown>;

/** BIGINT/HUGEINT become numbers when they fit (counts, ids); nested lists and structs are walked. */
function toPlain(value: unknown): unknown {
  if (typeof value === 'bigint') return Number.isSafeInteger(Number(value)) ? Number(value) : value.toString();
  if (Array.isArray(value)) return value.map(toPlain);
  if (value instanceof Date) return value;
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = toPlain(v);
    return out;
  }
  return value;
}

/**
 * DuckDB's message for a failed call, without the "Possible solutions" it appends to an out-of-memory error:
 * they name settings (threads, insertion order, the memory limit) the pipeline sets itself, not the user.
 */
export function duckMessage(cause: unknown): string {
  const message = cause instanceof Error ? cause.message : String(cause);
  return message.replace(/\s*Possible solutions:[\s\S]*$/, '');
}

/** A failed statement, with the file it came from and the first lines of SQL. */
export class SqlError extends ImcatError {
  override readonly code = 'SQL';
  /** DuckDB ran out of memory under its limit (and could not spill what it held). */
  readonly outOfMemory: boolean;
  constructor(
    message: string,
    readonly file: string | undefined,
    readonly sql: string,
    cause: unknown,
  ) {
    super(message, { cause });
    this.outOfMemory = cause instanceof Error && /^Out of Memory Error/.test(cause.message);
  }
}

const SIZE_UNITS: Record<string, number> = {
  b: 1, kb: 1e3, mb: 1e6, gb: 1e9, tb: 1e12, kib: 2 ** 10, mib: 2 ** 20, gib: 2 ** 30, tib: 2 ** 40,
};

/** Bytes in a DuckDB size setting ("2GB", "1.5 GiB", "2000MB"); null if it is not one. */
export function parseSize(size: string): number | null {
  const m = /^\s*([0-9]+(?:\.[0-9]+)?)\s*([a-z]+)?\s*$/i.exec(size);
  const unit = SIZE_UNITS[(m?.[2] ?? 'b').toLowerCase()];
  return m && unit ? Number(m[1]) * unit : null;
}

export interface OpenOptions {
  /** Worker threads; the machines have 2 cores. */
  threads?: number;
  /** DuckDB's buffer-manager limit ("2GB"); past it, tables and operators spill to tempDirectory instead of growing. */
  memoryLimit?: string;
  /** Where DuckDB spills when memoryLimit is reached (an in-memory database has no other place to put it). */
  tempDirectory?: string;
  /**
   * Memory DuckDB keeps for its buffer blocks once it has used it ("1GB"), rather than giving freed blocks back to the
   * operating system and taking them again (block_allocator_memory; never freed while the database is open).
   */
  blockAllocatorMemory?: string;
  /** Refuse writes to the filesystem outside what the pipeline itself issues (query sandbox). */
  readOnlySandbox?: boolean;
}

/**
 * Embedded DuckDB with offline-safe settings: extensions are never
 * downloaded. SQL lives in .sql files; values are bound as $name parameters,
 * never spliced into the text.
 */
export class Db {
  private constructor(
    private readonly instance: DuckDBInstance,
    readonly connection: DuckDBConnection,
    /** A Db from connect() shares the database: closing it closes only its connection. */
    private readonly ownsInstance = true,
    /**
     * The memory limit the database was opened with, as given ("2GB"; null: DuckDB's default). current_setting()
     * gives it back rounded ("1.8 GiB"), so a stage that changes it for a while puts this one back.
     */
    readonly memoryLimit: string | null = null,
  ) {}

  /**
   * Another connection to the same database (its tables, settings and threads), for statements
   * that should run concurrently with this connection's. close() it when done.
   */
  async connect(): Promise<Db> {
    return new Db(this.instance, await this.instance.connect(), false, this.memoryLimit);
  }

  static async open(path = ':memory:', options: OpenOptions = {}): Promise<Db> {
    const config: Record<string, string> = {
      autoinstall_known_extensions: 'false',
      autoload_known_extensions: 'false',
      threads: String(options.threads ?? 2),
      preserve_insertion_order: 'true',
    };
    if (options.memoryLimit) config.memory_limit = options.memoryLimit;
    if (options.tempDirectory) config.temp_directory = options.tempDirectory;
    if (options.blockAllocatorMemory) config.block_allocator_memory = options.blockAllocatorMemory;
    const instance = await DuckDBInstance.create(path, config);
    const connection = await instance.connect();
    return new Db(instance, connection, true, options.memoryLimit ?? null);
  }

  /** Run one or more statements; each statement is bound only the parameters it names. */
  async exec(sql: string, params: Params = {}, file?: string): Promise<void> {
    let extracted;
    try {
      extracted = await this.connection.extractStatements(sql);
    } catch (cause) {
      throw new SqlError(`SQL${file ? ` in ${file}` : ''} does not parse: ${duckMessage(cause)}`, file, sql, cause);
    }
    for (let i = 0; i < extracted.count; i++) {
      try {
        const statement = await extracted.prepare(i);
        const names: Params = {};
        for (let p = 1; p <= statement.parameterCount; p++) {
          const name = statement.parameterName(p);
          if (!(name in params)) throw new Error(`parameter $${name} is not bound`);
          names[name] = params[name]!;
        }
        if (statement.parameterCount > 0) statement.bind(names);
        await statement.run();
      } catch (cause) {
        throw new SqlError(`statement ${i + 1}${file ? ` of ${file}` : ''} failed: ${duckMessage(cause)}`, file, sql, cause);
      }
    }
  }

  async execFile(path: string, params: Params = {}): Promise<void> {
    const start = performance.now();
    await this.exec(readFileSync(path, 'utf8'), params, path);
    // IMCAT_PROFILE=1 prints how long each SQL file took (benchmarks use it to find the heavy steps).
    if (process.env.IMCAT_PROFILE) process.stderr.write(`sql ${path.split('/').slice(-3).join('/')}: ${Math.round(performance.now() - start)} ms\n`);
  }

  /** Rows as plain JSON-safe objects (BIGINT as number when safe, lists as arrays). */
  async all<T = Row>(sql: string, params: Params = {}): Promise<T[]> {
    try {
      const reader = await this.connection.runAndReadAll(sql, params);
      return reader.getRowObjectsJS().map((row) => toPlain(row) as T);
    } catch (cause) {
      throw new SqlError(`query failed: ${duckMessage(cause)}`, undefined, sql, cause);
    }
  }

  /** Convert rows read elsewhere from this connection to plain values (bigint → number where safe). */
  plainRows(rows: Record<string, unknown>[]): Record<string, unknown>[] {
    return rows.map((row) => toPlain(row) as Record<string, unknown>);
  }

  /**
   * Stream a query's result chunk by chunk, as columns of plain values (no row objects):
   * for bulk reads (millions of ids or strings) where building one object per row would dominate.
   */
  async forEachChunk(sql: string, params: Params, onChunk: (columns: DuckDBValue[][], rowCount: number) => void): Promise<void> {
    try {
      const result = await this.connection.run(sql, params);
      for (;;) {
        const chunk = await result.fetchChunk();
        if (!chunk || chunk.rowCount === 0) break;
        onChunk(chunk.getColumns(), chunk.rowCount);
      }
    } catch (cause) {
      throw new SqlError(`query failed: ${duckMessage(cause)}`, undefined, sql, cause);
    }
  }

  /**
   * Append columns of values to an existing table through DuckDB's appender, a vector
   * (2048 rows) at a time: no JSON file, no per-row calls. Columns must be of equal length
   * and match the table's columns and `types` in order.
   */
  async appendColumns(table: string, types: readonly DuckDBType[], columns: readonly (readonly DuckDBValue[])[]): Promise<void> {
    const rows = columns[0]?.length ?? 0;
    if (columns.length !== types.length || columns.some((c) => c.length !== rows)) {
      throw new SqlError(`append to ${table}: expected ${types.length} columns of equal length`, undefined, `-- appender ${table}`, undefined);
    }
    let appender;
    try {
      appender = await this.connection.createAppender(table);
      for (let start = 0; start < rows; start += 2048) {
        const n = Math.min(2048, rows - start);
        const chunk = DuckDBDataChunk.create(types, n);
        chunk.setColumns(columns.map((c) => c.slice(start, start + n)));
        appender.appendDataChunk(chunk);
      }
      appender.closeSync();
    } catch (cause) {
      throw new SqlError(`append to ${table} failed: ${duckMessage(cause)}`, undefined, `-- appender ${table}`, cause);
    }
  }

  async one<T = Row>(sql: string, params: Params = {}): Promise<T | undefined> {
    return (await this.all<T>(sql, params))[0];
  }

  close(): void {
    this.connection.closeSync();
    if (this.ownsInstance) this.instance.closeSync();
  }
}
