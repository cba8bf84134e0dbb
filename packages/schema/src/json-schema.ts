import { z } from 'zod';
import { CatalogDataset, RejectedRecord, SourceListing } from './index';

/** One JSON Schema document holding every contract type under $defs. */
export function toJsonSchemaDocument(): Record<string, unknown> {
  const defs: Record<string, unknown> = {};
  for (const [name, type] of Object.entries({ SourceListing, CatalogDataset, RejectedRecord })) {
    const { $schema: _ignored, ...schema } = z.toJSONSchema(type, { target: 'draft-2020-12' }) as Record<string, unknown>;
    defs[name] = schema;
  }
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: 'https://github.com/imcat/imcat/packages/schema/schema.json',
    title: 'imcat canonical schema',
    description: 'Generated from the zod types in packages/schema/src. Do not edit by hand: run `npm run -w @imcat/schema generate`.',
    $defs: defs,
  };
}
