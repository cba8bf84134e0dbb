import {
  DuckDBArrayType,
  DuckDBArrayValue,
  DuckDBDateValue,
  DuckDBDecimalValue,
  DuckDBListType,
  DuckDBListValue,
  DuckDBMapType,
  DuckDBMapValue,
  DuckDBStructType,
  DuckDBStructValue,
  DuckDBTypeId,
  DuckDBUnionType,
  DuckDBUnionValue,
  DuckDBVariantValue,
  type DuckDBType,
  type DuckDBValue,
} from '@duckdb/node-api';

/**
 * DuckDB values as imcat prints them. Table and CSV cells hold DuckDB's own text (2026-12-05, 01:02:03,
 * 3 days, 1.50, {'k': v}); JSON holds JSON values: numbers where a JSON number says the value exactly, text for
 * dates, times, intervals, UUIDs and blobs, objects for structs and maps, arrays for lists.
 *
 * Wide numbers (BIGINT, UBIGINT, HUGEINT, UHUGEINT, DECIMAL) are JSON numbers when every one in the column
 * prints exactly as one; otherwise the whole column is strings of their exact digits, so a column never mixes
 * numbers and strings. NaN and ±Infinity, which JSON cannot hold, are the strings "NaN", "Infinity", "-Infinity".
 */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** The shortest decimal that reads back as the same FLOAT (0.1::FLOAT is 0.1, not 0.10000000149011612). */
function floatText(n: number): string {
  for (let p = 1; p < 17; p++) {
    const s = String(Number(n.toPrecision(p)));
    if (Math.fround(Number(s)) === n) return s;
  }
  return String(n);
}

function numberJson(n: number, type: DuckDBType | undefined): number | string {
  if (!Number.isFinite(n)) return String(n);
  return type?.typeId === DuckDBTypeId.FLOAT ? Number(floatText(n)) : n;
}

/** A decimal's text without trailing fractional zeros ("1.5000" → "1.5", "-0.00" → "0"). */
function plainDecimal(text: string): string {
  const t = text.includes('.') ? text.replace(/0+$/, '').replace(/\.$/, '') : text;
  return t === '-0' ? '0' : t;
}

/** The JSON number that says a wide value exactly, or null when there is none. */
function exactNumber(v: bigint | DuckDBDecimalValue): number | null {
  if (typeof v === 'bigint') {
    const n = Number(v);
    return Number.isSafeInteger(n) && BigInt(n) === v ? n : null;
  }
  const text = plainDecimal(v.toString());
  const n = Number(text);
  return String(n) === text ? n : null;
}

/** Does this value hold a wide number that no JSON number says exactly? */
export function needsExactText(value: DuckDBValue): boolean {
  if (typeof value === 'bigint' || value instanceof DuckDBDecimalValue) return exactNumber(value) === null;
  if (value instanceof DuckDBListValue || value instanceof DuckDBArrayValue) return value.items.some(needsExactText);
  if (value instanceof DuckDBStructValue) return Object.values(value.entries).some(needsExactText);
  if (value instanceof DuckDBMapValue) return value.entries.some((e) => needsExactText(e.value));
  if (value instanceof DuckDBUnionValue || value instanceof DuckDBVariantValue) return needsExactText(value.value);
  return false;
}

function itemType(type: DuckDBType | undefined): DuckDBType | undefined {
  return type instanceof DuckDBListType || type instanceof DuckDBArrayType ? type.valueType : undefined;
}

function dateText(value: DuckDBDateValue): string {
  // node-api prints DuckDB's infinite dates as far-off days; DuckDB says infinity.
  if (!value.isFinite) return value.days > 0 ? 'infinity' : '-infinity';
  return value.toString();
}

/** A value as JSON. `exactText`: the column holds a wide number JSON cannot say exactly, so wide numbers are strings. */
export function toJson(value: DuckDBValue, type: DuckDBType | undefined, exactText: boolean): JsonValue {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return numberJson(value, type);
  if (typeof value === 'bigint' || value instanceof DuckDBDecimalValue) {
    const n = exactText ? null : exactNumber(value);
    return n ?? value.toString();
  }
  if (value instanceof DuckDBListValue || value instanceof DuckDBArrayValue) {
    const t = itemType(type);
    return value.items.map((v) => toJson(v, t, exactText));
  }
  if (value instanceof DuckDBStructValue) {
    const out: Record<string, JsonValue> = {};
    for (const [k, v] of Object.entries(value.entries)) {
      out[k] = toJson(v, type instanceof DuckDBStructType ? type.typeForEntry(k) : undefined, exactText);
    }
    return out;
  }
  if (value instanceof DuckDBMapValue) {
    const out: Record<string, JsonValue> = {};
    const keyType = type instanceof DuckDBMapType ? type.keyType : undefined;
    const valueType = type instanceof DuckDBMapType ? type.valueType : undefined;
    for (const e of value.entries) out[toText(e.key, keyType, exactText)] = toJson(e.value, valueType, exactText);
    return out;
  }
  if (value instanceof DuckDBUnionValue) {
    return toJson(value.value, type instanceof DuckDBUnionType ? type.memberTypeForTag(value.tag) : undefined, exactText);
  }
  if (value instanceof DuckDBVariantValue) return toJson(value.value, value.type, exactText);
  if (value instanceof DuckDBDateValue) return dateText(value);
  // TIME, TIMESTAMP (every precision and zone), INTERVAL, UUID, BLOB, BIT, GEOMETRY: DuckDB's text.
  return value.toString();
}

/** A value as one table or CSV cell: DuckDB's text for scalars and maps, JSON for lists and structs. */
export function toText(value: DuckDBValue, type: DuckDBType | undefined, exactText: boolean): string {
  if (value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (typeof value === 'number') return type?.typeId === DuckDBTypeId.FLOAT && Number.isFinite(value) ? floatText(value) : String(value);
  if (value instanceof DuckDBDateValue) return dateText(value);
  if (value instanceof DuckDBListValue || value instanceof DuckDBArrayValue || value instanceof DuckDBStructValue) {
    return JSON.stringify(toJson(value, type, exactText));
  }
  if (value instanceof DuckDBUnionValue) {
    return toText(value.value, type instanceof DuckDBUnionType ? type.memberTypeForTag(value.tag) : undefined, exactText);
  }
  if (value instanceof DuckDBVariantValue) return toText(value.value, value.type, exactText);
  // DECIMAL (with its scale: 1.50), MAP ({'k': 1}), TIME, TIMESTAMP, INTERVAL, UUID, BLOB, BIT: DuckDB's text.
  return value.toString();
}
