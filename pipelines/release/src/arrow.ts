import { closeSync, openSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { Bool, type Data, type DataType, Field, Float64, Int32, Int64, List, RecordBatchFileWriter, Struct, Table, Utf8, makeData, makeVector, type Vector } from 'apache-arrow';
import type { Db } from '@imcat/duckdb';
import { ReleaseError } from '@imcat/errors';
import { writeFully } from './release-dir';
import { RELEASE_TABLES, describe, splitOrderBy, type ColumnInfo } from './tables';

/** A DuckDB column type, as far as the release's Arrow file needs to know it. */
export type ColumnShape =
  | { kind: 'utf8' | 'int32' | 'int64' | 'bool' | 'float64' }
  | { kind: 'list'; item: ColumnShape }
  | { kind: 'struct'; fields: { name: string; shape: ColumnShape }[] };

/** Read a DuckDB type name (`VARCHAR[]`, `STRUCT(source_id VARCHAR, source_key VARCHAR)[]`, …). */
export function parseDuckType(duckType: string): ColumnShape {
  const t = duckType.trim();
  if (t.endsWith('[]')) return { kind: 'list', item: parseDuckType(t.slice(0, -2)) };
  const struct = /^STRUCT\((.*)\)$/i.exec(t);
  if (struct) {
    const fields = splitTopLevel(struct[1]!).map((part) => {
      const m = /^"?([A-Za-z_][A-Za-z0-9_]*)"?\s+(.*)$/.exec(part.trim());
      if (!m) throw new ReleaseError(`cannot read struct field "${part}" of ${duckType}`);
      return { name: m[1]!, shape: parseDuckType(m[2]!) };
    });
    return { kind: 'struct', fields };
  }
  const scalar = ({ VARCHAR: 'utf8', INTEGER: 'int32', BIGINT: 'int64', BOOLEAN: 'bool', DOUBLE: 'float64' } as const)[t.toUpperCase()];
  if (!scalar) throw new ReleaseError(`no Arrow type mapping for DuckDB type ${duckType}`);
  return { kind: scalar };
}

function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of text) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      parts.push(current);
      current = '';
    } else current += ch;
  }
  if (current.trim()) parts.push(current);
  return parts;
}

function arrowOf(shape: ColumnShape): DataType {
  switch (shape.kind) {
    case 'list':
      return new List(new Field('item', arrowOf(shape.item), true));
    case 'struct':
      return new Struct(shape.fields.map((f) => new Field(f.name, arrowOf(f.shape), true)));
    case 'utf8':
      return new Utf8();
    case 'int32':
      return new Int32();
    case 'int64':
      return new Int64();
    case 'bool':
      return new Bool();
    case 'float64':
      return new Float64();
  }
}

/** Arrow type for a DuckDB column type, explicitly (tableFromJSON cannot infer lists of strings). */
export function arrowType(duckType: string): DataType {
  return arrowOf(parseDuckType(duckType));
}

// ---------------------------------------------------------------------------
// Reading. DuckDB hands over each row's strings as one BLOB plus their byte
// lengths, so a row costs one native call however many strings it holds
// (string by string costs one call each, plus decoding and re-encoding).
// Every other value arrives as a number with NULL spelled as a sentinel, so
// the shape vectors hold no NULLs: @duckdb/node-api tests validity bits with
// BigInts, which costs more than the rest of reading a value.

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;
const literal = (text: string) => `'${text.replace(/'/g, "''")}'`;

/**
 * The SQL giving a value's shape, without NULLs: a string becomes its length
 * in bytes (-1: NULL); a boolean 1, 0 or -1; an INTEGER a DOUBLE (NaN: NULL);
 * BIGINT and DOUBLE a struct of `valid` and the value; a list a struct of its
 * length (-1: NULL) and its items; a struct a struct of `valid` and its fields.
 */
function shapeSql(shape: ColumnShape, expr: string, depth: number): string {
  switch (shape.kind) {
    case 'utf8':
      return `CAST(coalesce(strlen(${expr}), -1) AS INTEGER)`;
    case 'bool':
      return `CAST(coalesce(CAST(${expr} AS INTEGER), -1) AS INTEGER)`;
    case 'int32':
      return `coalesce(CAST(${expr} AS DOUBLE), 'NaN'::DOUBLE)`;
    case 'int64':
      return `struct_pack(valid := CAST(${expr} IS NOT NULL AS INTEGER), value := coalesce(CAST(${expr} AS BIGINT), 0))`;
    case 'float64':
      return `struct_pack(valid := CAST(${expr} IS NOT NULL AS INTEGER), value := coalesce(CAST(${expr} AS DOUBLE), 0))`;
    case 'list': {
      const x = `x${depth}`;
      return `struct_pack(n := CAST(coalesce(len(${expr}), -1) AS INTEGER), items := list_transform(${expr}, ${x} -> ${shapeSql(shape.item, x, depth + 1)}))`;
    }
    case 'struct': {
      const fields = shape.fields.map((f, i) => `f${i} := ${shapeSql(f.shape, `struct_extract(${expr}, ${literal(f.name)})`, depth)}`);
      return `struct_pack(valid := CAST(${expr} IS NOT NULL AS INTEGER), ${fields.join(', ')})`;
    }
  }
}

/**
 * The SQL concatenating a value's strings in the order the reader takes them
 * (list items in order, struct fields in order within each item); null when
 * the value holds no strings. NULLs add nothing (their length says NULL).
 */
function bytesSql(shape: ColumnShape, expr: string, depth: number): string | null {
  switch (shape.kind) {
    case 'utf8':
      return `coalesce(${expr}, '')`;
    case 'list': {
      const x = `x${depth}`;
      const item = bytesSql(shape.item, x, depth + 1);
      return item && `coalesce(array_to_string(list_transform(${expr}, ${x} -> ${item}), ''), '')`;
    }
    case 'struct': {
      const parts = shape.fields.map((f) => bytesSql(f.shape, `struct_extract(${expr}, ${literal(f.name)})`, depth)).filter((p): p is string => p !== null);
      return parts.length === 0 ? null : parts.length === 1 ? parts[0]! : `concat(${parts.join(', ')})`;
    }
    default:
      return null;
  }
}

/**
 * The query the Arrow file is read from: each row's string bytes, then each
 * column's shape, in the order `orderBy` (SQL over the query's columns) gives.
 * Pass the table's SELECT without its own ORDER BY, so the rows are sorted
 * once, narrow.
 */
export function arrowReadQuery(query: string, columns: { name: string; shape: ColumnShape }[], orderBy: string): string {
  const bytes = columns.map((c) => bytesSql(c.shape, `q.${ident(c.name)}`, 0)).filter((p): p is string => p !== null);
  // Aliases no column shares, so ORDER BY names resolve to the query's own columns.
  const select = [
    `encode(${bytes.length ? `concat(${bytes.join(', ')})` : "''"}) AS __arrow_row_bytes`,
    ...columns.map((c, i) => `${shapeSql(c.shape, `q.${ident(c.name)}`, 0)} AS __arrow_c${i}`),
  ];
  return `SELECT ${select.join(',\n       ')}\nFROM (${query}) AS q\nORDER BY ${orderBy}`;
}

// DuckDB's vectors, typed by what this file calls on them (their classes are not a dependency of this package).
type DuckResult = Awaited<ReturnType<Db['connection']['stream']>>;
type DuckChunk = NonNullable<Awaited<ReturnType<DuckResult['fetchChunk']>>>;
type DuckVector = ReturnType<DuckChunk['getColumnVector']>;
interface BlobVector {
  getItemBytes(index: number): Uint8Array | null;
}
interface ListVector {
  getEntryOffset(index: number): number;
  readonly childVector: DuckVector;
}
interface StructVector {
  entryVectorAt(index: number): DuckVector;
}

function as<T>(vector: DuckVector, member: keyof T & string): T {
  if (!(member in vector)) throw new ReleaseError(`datasets.arrow: expected a DuckDB vector with ${member}, found ${vector.type.toString()}`);
  return vector as unknown as T;
}

/** A chunk's rows' string bytes, and how far each row's columns have read into them. */
interface RowBytes {
  bytes: Uint8Array[];
  pos: Int32Array;
}

// ---------------------------------------------------------------------------
// Writing: column builders that lay out buffers exactly as apache-arrow's own
// builders (vectorFromArray) do, so the IPC file is byte-identical to one
// built from JS values: validity and boolean bitmaps padded to 64 bytes, no
// validity buffer without nulls, zeros under NULL slots.

/** apache-arrow's builders round every buffer up to a multiple of 64 bytes (at least 64). */
function padded64(byteLength: number): number {
  return Math.max(64, Math.ceil(byteLength / 64) * 64);
}

type Growable = Uint8Array | Int32Array | Float64Array | BigInt64Array;
function grow<T extends Growable>(array: T, needed: number): T {
  const next = new (array.constructor as new (n: number) => T)(Math.max(needed, array.length * 2, 64));
  next.set(array as never);
  return next;
}

class Bitmap {
  private bits = new Uint8Array(64);
  length = 0;
  ones = 0;
  push(on: boolean): void {
    const i = this.length++;
    if (i >> 3 >= this.bits.length) this.bits = grow(this.bits, (i >> 3) + 1);
    if (on) {
      this.bits[i >> 3]! |= 1 << (i & 7);
      this.ones++;
    }
  }
  /** The bitmap as apache-arrow's BitmapBufferBuilder flushes it. */
  finish(length: number): Uint8Array {
    const size = padded64(Math.ceil(length / 8));
    if (this.bits.length >= size) return this.bits.subarray(0, size);
    const out = new Uint8Array(size);
    out.set(this.bits);
    return out;
  }
}

interface ColumnBuilder {
  readonly type: DataType;
  /** Take this chunk's shape vector for the column. */
  bind(vector: DuckVector): void;
  /** Append the value at `index` of the bound vector, of chunk row `row`, whose strings come next in `rows`. */
  append(index: number, row: number, rows: RowBytes): void;
  appendNull(): void;
  finish(): Data;
}

abstract class BaseBuilder implements ColumnBuilder {
  protected validity = new Bitmap();
  constructor(readonly type: DataType) {}
  abstract bind(vector: DuckVector): void;
  abstract append(index: number, row: number, rows: RowBytes): void;
  abstract appendNull(): void;
  abstract finish(): Data;
  /** A top-level column: one value per chunk row. */
  appendChunk(rowCount: number, rows: RowBytes): void {
    for (let r = 0; r < rowCount; r++) this.append(r, r, rows);
  }
  protected get length(): number {
    return this.validity.length;
  }
  protected get nullCount(): number {
    return this.validity.length - this.validity.ones;
  }
  protected nullBitmap(): Uint8Array | undefined {
    return this.nullCount > 0 ? this.validity.finish(this.length) : undefined;
  }
}

/** A variable-length column (strings, lists): Int32 offsets into its values, `end` the next free value slot. */
abstract class OffsetsBuilder extends BaseBuilder {
  protected offsets = new Int32Array(1024);
  protected end = 0;
  appendNull(): void {
    this.pushOffset(false);
  }
  protected pushOffset(valid: boolean): void {
    const i = this.length;
    if (i + 2 > this.offsets.length) this.offsets = grow(this.offsets, i + 2);
    this.offsets[i + 1] = this.end;
    this.validity.push(valid);
  }
}

class Utf8Builder extends OffsetsBuilder {
  private lengths!: DuckVector;
  private data = new Uint8Array(16384);
  bind(vector: DuckVector): void {
    this.lengths = vector;
  }
  append(index: number, row: number, rows: RowBytes): void {
    const len = this.lengths.getItem(index) as number;
    if (len < 0) return this.appendNull();
    const start = this.end;
    const end = start + len;
    if (end > this.data.length) this.data = grow(this.data, end);
    const src = rows.bytes[row]!;
    const from = rows.pos[row]!;
    if (from + len > src.length) throw new ReleaseError('datasets.arrow: a row has fewer string bytes than its lengths say');
    // Most values are short: a loop beats allocating a subarray for each.
    if (len <= 32) for (let k = 0; k < len; k++) this.data[start + k] = src[from + k]!;
    else this.data.set(src.subarray(from, from + len), start);
    rows.pos[row] = from + len;
    this.end = end;
    this.pushOffset(true);
  }
  finish(): Data {
    return makeData({ type: this.type as Utf8, length: this.length, nullCount: this.nullCount, nullBitmap: this.nullBitmap(), valueOffsets: this.offsets.subarray(0, this.length + 1), data: this.data.subarray(0, this.end) });
  }
}

/** A fixed-width column: one slot per row in a typed array, zero under a NULL. */
abstract class FixedWidthBuilder<A extends Int32Array | BigInt64Array | Float64Array> extends BaseBuilder {
  constructor(
    type: DataType,
    private values: A,
  ) {
    super(type);
  }
  protected pushValue(value: A[number] | null): void {
    const i = this.length;
    if (i >= this.values.length) this.values = grow(this.values, i + 1);
    if (value !== null) this.values[i] = value;
    this.validity.push(value !== null);
  }
  appendNull(): void {
    this.pushValue(null);
  }
  finish(): Data {
    // (makeData reads the array's element type from `type`; the cast only satisfies its overloads)
    return makeData({ type: this.type as Int64, length: this.length, nullCount: this.nullCount, nullBitmap: this.nullBitmap(), data: this.values.subarray(0, this.length) as BigInt64Array });
  }
}

/** INTEGER (read as DOUBLE, NaN for NULL). */
class Int32Builder extends FixedWidthBuilder<Int32Array> {
  private vector!: DuckVector;
  constructor(type: DataType) {
    super(type, new Int32Array(1024));
  }
  bind(vector: DuckVector): void {
    this.vector = vector;
  }
  append(index: number): void {
    const value = this.vector.getItem(index) as number;
    this.pushValue(value !== value ? null : value);
  }
}

/** BIGINT and DOUBLE, read as a struct of `valid` and the value. */
class WideBuilder<A extends BigInt64Array | Float64Array> extends FixedWidthBuilder<A> {
  private valid!: DuckVector;
  private value!: DuckVector;
  bind(vector: DuckVector): void {
    const shape = as<StructVector>(vector, 'entryVectorAt');
    this.valid = shape.entryVectorAt(0);
    this.value = shape.entryVectorAt(1);
  }
  append(index: number): void {
    this.pushValue(this.valid.getItem(index) !== 1 ? null : (this.value.getItem(index) as A[number]));
  }
}

/** BOOLEAN, read as 1, 0 or -1 (NULL). */
class BoolBuilder extends BaseBuilder {
  private vector!: DuckVector;
  private values = new Bitmap();
  bind(vector: DuckVector): void {
    this.vector = vector;
  }
  append(index: number): void {
    const value = this.vector.getItem(index) as number;
    if (value < 0) return this.appendNull();
    this.values.push(value === 1);
    this.validity.push(true);
  }
  appendNull(): void {
    this.values.push(false);
    this.validity.push(false);
  }
  finish(): Data {
    return makeData({ type: this.type as Bool, length: this.length, nullCount: this.nullCount, nullBitmap: this.nullBitmap(), data: this.values.finish(this.length) });
  }
}

class ListBuilder extends OffsetsBuilder {
  private counts!: DuckVector;
  private items!: ListVector;
  constructor(
    type: DataType,
    private readonly child: ColumnBuilder,
  ) {
    super(type);
  }
  bind(vector: DuckVector): void {
    const shape = as<StructVector>(vector, 'entryVectorAt');
    this.counts = shape.entryVectorAt(0);
    this.items = as<ListVector>(shape.entryVectorAt(1), 'getEntryOffset');
    this.child.bind(this.items.childVector);
  }
  append(index: number, row: number, rows: RowBytes): void {
    const n = this.counts.getItem(index) as number;
    if (n < 0) return this.appendNull();
    if (n > 0) {
      const first = this.items.getEntryOffset(index);
      for (let k = 0; k < n; k++) this.child.append(first + k, row, rows);
      this.end += n;
    }
    this.pushOffset(true);
  }
  finish(): Data {
    return makeData({ type: this.type as List, length: this.length, nullCount: this.nullCount, nullBitmap: this.nullBitmap(), valueOffsets: this.offsets.subarray(0, this.length + 1), child: this.child.finish() });
  }
}

class StructBuilder extends BaseBuilder {
  private valid!: DuckVector;
  constructor(
    type: DataType,
    private readonly children: ColumnBuilder[],
  ) {
    super(type);
  }
  bind(vector: DuckVector): void {
    const shape = as<StructVector>(vector, 'entryVectorAt');
    this.valid = shape.entryVectorAt(0);
    this.children.forEach((child, i) => child.bind(shape.entryVectorAt(i + 1)));
  }
  append(index: number, row: number, rows: RowBytes): void {
    if (this.valid.getItem(index) !== 1) return this.appendNull();
    for (const child of this.children) child.append(index, row, rows);
    this.validity.push(true);
  }
  appendNull(): void {
    // As apache-arrow's StructBuilder: a NULL struct has NULL fields.
    for (const child of this.children) child.appendNull();
    this.validity.push(false);
  }
  finish(): Data {
    return makeData({ type: this.type as Struct, length: this.length, nullCount: this.nullCount, nullBitmap: this.nullBitmap(), children: this.children.map((c) => c.finish()) });
  }
}

function builderFor(shape: ColumnShape): BaseBuilder {
  const type = arrowOf(shape);
  switch (shape.kind) {
    case 'utf8':
      return new Utf8Builder(type);
    case 'int32':
      return new Int32Builder(type);
    case 'int64':
      return new WideBuilder(type, new BigInt64Array(1024));
    case 'float64':
      return new WideBuilder(type, new Float64Array(1024));
    case 'bool':
      return new BoolBuilder(type);
    case 'list':
      return new ListBuilder(type, builderFor(shape.item));
    case 'struct':
      return new StructBuilder(type, shape.fields.map((f) => builderFor(f.shape)));
  }
}

/**
 * Build the Arrow columns of a query's rows, chunk by chunk from DuckDB: no
 * row ever becomes a JS object; memory is the Arrow buffers themselves.
 */
export async function readArrowTable(db: Db, query: string, columns: ColumnInfo[], orderBy: string): Promise<Table> {
  const shaped = columns.map((c) => ({ name: c.column_name, shape: parseDuckType(c.column_type) }));
  const builders = shaped.map((c) => builderFor(c.shape));
  let result: DuckResult;
  try {
    result = await db.connection.stream(arrowReadQuery(query, shaped, orderBy));
  } catch (cause) {
    throw new ReleaseError('datasets.arrow: the query for its rows failed', { cause });
  }
  for (;;) {
    let chunk: DuckChunk | null;
    try {
      chunk = await result.fetchChunk();
    } catch (cause) {
      throw new ReleaseError('datasets.arrow: reading its rows from DuckDB failed', { cause });
    }
    if (!chunk || chunk.rowCount === 0) break;
    const n = chunk.rowCount;
    const blobs = as<BlobVector>(chunk.getColumnVector(0), 'getItemBytes');
    const rows: RowBytes = { bytes: new Array<Uint8Array>(n), pos: new Int32Array(n) };
    for (let r = 0; r < n; r++) rows.bytes[r] = blobs.getItemBytes(r) ?? new Uint8Array(0);
    // Column by column; each row keeps its own read position in its bytes.
    builders.forEach((b, i) => {
      b.bind(chunk.getColumnVector(i + 1));
      b.appendChunk(n, rows);
    });
    for (let r = 0; r < n; r++) {
      if (rows.pos[r] !== rows.bytes[r]!.length) throw new ReleaseError(`datasets.arrow: a row has ${rows.bytes[r]!.length} string bytes, its lengths account for ${rows.pos[r]}`);
    }
  }
  const vectors: Record<string, Vector> = {};
  shaped.forEach((c, i) => (vectors[c.name] = makeVector(builders[i]!.finish())));
  return new Table(vectors);
}

/** Write a table as an Arrow IPC file, chunk by chunk as the writer yields them; returns the file's sha256 and size. */
export async function writeArrowFile(table: Table, path: string): Promise<{ sha256: string; bytes: number }> {
  // The same writer and options as tableToIPC(table, 'file'), without first concatenating the file in memory.
  const writer = RecordBatchFileWriter.writeAll(table, { compressionType: null });
  const hash = createHash('sha256');
  let bytes = 0;
  const fd = openSync(path, 'w');
  try {
    for await (const chunk of writer) {
      writeFully(fd, chunk);
      hash.update(chunk);
      bytes += chunk.byteLength;
    }
  } finally {
    closeSync(fd);
  }
  return { sha256: hash.digest('hex'), bytes };
}

/** datasets.arrow: the datasets table as an Arrow IPC file, same rows and order as datasets.parquet. */
export async function writeDatasetsArrow(db: Db, path: string): Promise<{ sha256: string; bytes: number }> {
  // Sorted as datasets.parquet is, by datasets.sql's own ORDER BY (by the key if it has none).
  const { select, orderBy } = splitOrderBy('datasets');
  const order = orderBy ?? RELEASE_TABLES.find((t) => t.name === 'datasets')!.key.map((k) => ident(k)).join(', ');
  return writeArrowFile(await readArrowTable(db, select, await describe(db, select), order), path);
}
