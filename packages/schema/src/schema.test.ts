import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SchemaError } from '@imcat/errors';
import { toJsonSchemaDocument, validateListing } from './index';

const committed = JSON.parse(readFileSync(new URL('../schema.json', import.meta.url), 'utf8'));

describe('schema.json', () => {
  it('matches the zod types (run `npm run -w @imcat/schema generate` after changing them)', () => {
    expect(committed).toEqual(toJsonSchemaDocument());
  });

  it('defines the three contract types with their required fields', () => {
    const defs = committed.$defs;
    expect(Object.keys(defs).sort()).toEqual(['CatalogDataset', 'RejectedRecord', 'SourceListing']);
    expect(defs.SourceListing.required).toEqual(
      expect.arrayContaining(['source_id', 'source_key', 'name', 'url', 'raw', 'fetched_at', 'snapshot_sha256']),
    );
    expect(defs.CatalogDataset.properties.modalities.items.enum).toContain('mammography');
  });
});

describe('validateListing', () => {
  const good = {
    source_id: 'imaging-x',
    source_key: 'isic18',
    name: 'ISIC18',
    url: 'https://workshop2018.isic-archive.com/',
    raw: { modality: 'Dermoscopy' },
    fetched_at: '2026-11-22T00:00:00Z',
    snapshot_sha256: 'a'.repeat(64),
  };

  it('accepts a well-formed listing', () => {
    expect(validateListing(good)).toEqual(good);
  });

  it('names the source, the record and the field when a listing is invalid', () => {
    const bad = { ...good, url: 'javascript:alert(1)' };
    expect(() => validateListing(bad)).toThrow(SchemaError);
    try {
      validateListing(bad);
    } catch (error) {
      const e = error as SchemaError;
      expect(e.sourceId).toBe('imaging-x');
      expect(e.record).toBe('isic18');
      expect(e.issues.map((i) => i.path)).toEqual(['url']);
      expect(e.message).toContain('imaging-x');
    }
  });

  it('rejects unsafe source ids and unknown keys', () => {
    expect(() => validateListing({ ...good, source_id: '../etc' })).toThrow(/source_id/);
    expect(() => validateListing({ ...good, extra: 1 })).toThrow(SchemaError);
  });
});
