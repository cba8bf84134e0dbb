import { ARRAY_JOINER } from './config';

/**
 * One JSON value as a raw string: arrays joined with ARRAY_JOINER, numbers as
 * decimal strings, booleans as "true"/"false". null and empty arrays give
 * undefined (nothing to say). Strings are kept exactly, artefacts included.
 */
export function flattenValue(value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : undefined;
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (Array.isArray(value)) {
    const parts = value.map(flattenValue).filter((v): v is string => v !== undefined && v !== '');
    return parts.length ? parts.join(ARRAY_JOINER) : undefined;
  }
  return canonicalJson(value);
}

/** JSON with object keys sorted at every depth: equal strings mean equal content. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
