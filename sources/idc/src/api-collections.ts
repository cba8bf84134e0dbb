import { LayoutDriftError, excerpt } from '@imcat/errors';
import { decodeJson, type RawPage } from '@imcat/source-kit';
import { SOURCE_ID } from './config';

/** One collectionMetadata record of GET /v2/collections, every field as a string. */
export interface ApiCollection {
  collection_id: string;
  fields: Record<string, string>;
}

export interface ApiCollections {
  collections: ApiCollection[];
  invalid: { record: string; reason: string; raw: string }[];
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function asText(value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return value.map(asText).filter((v) => v !== undefined && v !== '').join(', ');
  return JSON.stringify(value);
}

/** Read {collections:[collectionMetadata…]}; a record without a collection_id is rejected, a changed envelope is drift. */
export function readApiCollections(page: RawPage): ApiCollections {
  const json = decodeJson(page, SOURCE_ID);
  if (!isObject(json) || !Array.isArray(json.collections)) {
    throw new LayoutDriftError('the collections response has no collections array', {
      sourceId: SOURCE_ID,
      record: page.url,
      expected: '{"collections":[{collection_id, cancer_type, image_types, location, subject_count, …}]}',
      found: isObject(json) ? `keys ${Object.keys(json).join(', ') || '(none)'}` : excerpt(JSON.stringify(json) ?? '', 0, 80),
    });
  }
  const collections: ApiCollection[] = [];
  const invalid: ApiCollections['invalid'] = [];
  json.collections.forEach((entry, i) => {
    const id = isObject(entry) && typeof entry.collection_id === 'string' ? entry.collection_id.trim() : '';
    if (!isObject(entry) || id === '') {
      invalid.push({ record: `${page.url} collections[${i}]`, reason: 'API collection without a collection_id', raw: JSON.stringify(entry) ?? '' });
      return;
    }
    const fields: Record<string, string> = {};
    for (const [k, v] of Object.entries(entry)) {
      const t = asText(v);
      if (t !== undefined) fields[k] = t;
    }
    collections.push({ collection_id: id, fields });
  });
  return { collections, invalid };
}
