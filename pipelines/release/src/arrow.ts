import { writeFileSync } from 'node:fs';
import { Bool, type DataType, Field, Float64, Int32, Int64, List, Struct, Table, Utf8, type Vector, tableToIPC, vectorFromArray } from 'apache-arrow';
import type { Db } from '@imcat/duckdb';
import { ReleaseError } from '@imcat/errors';
import { describe, tableQuery } from './tables';

/** Arrow type for a DuckDB column type, explicitly (tableFromJSON cannot infer lists of strings). */
export function arrowType(duckType: string): DataType {
  const t = duckType.trim();
  if (t.endsWith('[]')) return new List(new Field('item', arrowType(t.slice(0, -2)), true));
  const struct = /^STRUCT\((.*)\)$/i.exec(t);
  if (struct) {
    const fields = splitTopLevel(struct[1]!).map((part) => {
      const m = /^"?([A-Za-z_][A-Za-z0-9_]*)"?\s+(.*)$/.exec(part.trim());
      if (!m) throw new ReleaseError(`cannot read struct field "${part}" of ${duckType}`);
      return new Field(m[1]!, arrowType(m[2]!), true);
    });
    return new Struct(fields);
  }
  switch (t.toUpperCase()) {
    case 'VARCHAR':
      return new Utf8();
    case 'INTEGER':
      return new Int32();
    case 'BIGINT':
      return new Int64();
    case 'BOOLEAN':
      return new Bool();
    case 'DOUBLE':
      return new Float64();
    default:
      throw new ReleaseError(`no Arrow type mapping for DuckDB type ${duckType}`);
  }
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

function toArrowValue(value: unknown, type: DataType): unknown {
  if (value === null || value === undefined) return null;
  if (type instanceof Int64) return BigInt(value as number);
  if (type instanceof List) return (value as unknown[]).map((v) => toArrowValue(v, type.children[0]!.type));
  if (type instanceof Struct) {
    const out: Record<string, unknown> = {};
    for (const f of type.children) out[f.name] = toArrowValue((value as Record<string, unknown>)[f.name], f.type);
    return out;
  }
  return value;
}

/** datasets.arrow: the datasets table as an Arrow IPC file, same rows and order as datasets.parquet. Read column by column. */
export async function writeDatasetsArrow(db: Db, path: string): Promise<void> {
  const query = tableQuery('datasets');
  const columns = await describe(db, query);
  const reader = await db.connection.runAndReadAll(query);
  const data = reader.getColumnsObjectJS() as Record<string, unknown[]>;
  const vectors: Record<string, Vector> = {};
  for (const c of columns) {
    const type = arrowType(c.column_type);
    const raw = data[c.column_name] ?? [];
    const values = needsConversion(type) ? raw.map((v) => toArrowValue(v, type)) : raw;
    vectors[c.column_name] = vectorFromArray(values as never[], type) as Vector;
  }
  const table = new Table(vectors);
  writeFileSync(path, tableToIPC(table, 'file'));
}

function needsConversion(type: DataType): boolean {
  return !(type instanceof Utf8 || type instanceof Bool || type instanceof Int32 || type instanceof Float64 || (type instanceof List && type.children[0]!.type instanceof Utf8));
}
