import { SchemaError } from '@imcat/errors';
import { SourceListing } from './index';

/** Validate one listing; the error names the source, the record and each failing field. */
export function validateListing(value: unknown): SourceListing {
  const result = SourceListing.safeParse(value);
  if (result.success) return result.data;
  const v = (value ?? {}) as Partial<Record<string, unknown>>;
  const sourceId = typeof v.source_id === 'string' ? v.source_id : undefined;
  const record = typeof v.source_key === 'string' ? v.source_key : typeof v.name === 'string' ? v.name : '(unknown record)';
  const issues = result.error.issues.map((i) => ({ path: i.path.join('.') || '(root)', message: i.message }));
  const detail = issues.map((i) => `${i.path}: ${i.message}`).join('; ');
  throw new SchemaError(`listing ${JSON.stringify(record)} from ${sourceId ?? 'an unknown source'} is not a valid SourceListing: ${detail}`, {
    sourceId,
    record,
    issues,
    cause: result.error,
  });
}
