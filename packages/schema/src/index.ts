import { z } from 'zod';
import {
  ACCESS_SLUGS,
  ANATOMY_SLUGS,
  DIMENSIONALITY_SLUGS,
  MODALITY_SLUGS,
  REGION_SLUGS,
  SAMPLE_UNITS,
  TASK_SLUGS,
} from '@imcat/vocab';

/**
 * The contract between stages. Sources emit SourceListing; the DuckDB stage
 * resolves them into CatalogDataset entities. JSON Schema is generated from
 * these types (see json-schema.ts) and committed as packages/schema/schema.json.
 */

/** Lower-case kebab slug; also what keeps source ids safe to use in paths. */
export const SourceId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'a lower-case kebab-case id (a-z, 0-9, -), at most 64 characters');

export const Sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'a lower-case hex sha256');

export const IsoDateTime = z.iso.datetime({ offset: true });

export const SourceListing = z
  .object({
    source_id: SourceId,
    source_key: z.string().min(1).max(512).describe('Stable within the source across runs; never a row number'),
    name: z.string().min(1).max(1000).describe('The dataset name as shown, with markup removed'),
    url: z.url({ protocol: /^https?$/ }).nullable(),
    raw: z.record(z.string(), z.string()).describe('Every other field the source gives, as strings'),
    fetched_at: IsoDateTime,
    snapshot_sha256: Sha256.describe('sha256 of the raw page this listing came from'),
  })
  .strict();
export type SourceListing = z.infer<typeof SourceListing>;

export const ModalitySlug = z.enum(MODALITY_SLUGS);
export const TaskSlug = z.enum(TASK_SLUGS);
export const DimensionalitySlug = z.enum(DIMENSIONALITY_SLUGS);
export const AnatomySlug = z.enum(ANATOMY_SLUGS);
export const RegionSlug = z.enum(REGION_SLUGS);
export const AccessLevel = z.enum(ACCESS_SLUGS);
export const SampleUnit = z.enum(SAMPLE_UNITS);

export const License = z
  .object({
    spdx: z.string().min(1).describe("An SPDX license id, 'custom' or 'unknown'"),
    raw: z.string().nullable().describe('The license text as the source gave it'),
  })
  .strict();

export const DatasetUrls = z
  .object({
    homepage: z.url({ protocol: /^https?$/ }).nullable(),
    download: z.url({ protocol: /^https?$/ }).nullable(),
    paper: z.url({ protocol: /^https?$/ }).nullable(),
    doi: z
      .string()
      .regex(/^10\.\d{4,9}\/\S+$/)
      .nullable(),
  })
  .strict();

export const SourceRef = z.object({ source_id: SourceId, source_key: z.string().min(1) }).strict();

export const CatalogDataset = z
  .object({
    dataset_id: z.string().regex(/^[a-z0-9][a-z0-9-]*-[0-9a-f]{6,}$/, 'a readable slug plus a short hash'),
    name: z.string().min(1),
    aliases: z.array(z.string()),
    family: z.string().nullable(),
    edition: z.string().nullable(),
    year: z.number().int().min(1900).max(2100).nullable(),
    urls: DatasetUrls,
    modalities: z.array(ModalitySlug),
    anatomy: z.array(AnatomySlug),
    regions: z.array(RegionSlug),
    tasks: z.array(TaskSlug),
    dimensionality: z.array(DimensionalitySlug),
    sample_count: z.number().int().nonnegative().nullable(),
    sample_unit: SampleUnit,
    has_labels: z.boolean().nullable(),
    diseases: z.array(z.string()),
    access: AccessLevel,
    license: License,
    sources: z.array(SourceRef).min(1),
  })
  .strict();
export type CatalogDataset = z.infer<typeof CatalogDataset>;

/** A record that failed validation: kept, with why, never dropped silently. */
export const RejectedRecord = z
  .object({
    source_id: SourceId,
    record: z.string().describe('Which record: a source key, a row number or a file'),
    field: z.string().nullable(),
    reason: z.string().min(1),
    raw: z.string().describe('A short slice of the input that was rejected'),
  })
  .strict();
export type RejectedRecord = z.infer<typeof RejectedRecord>;

export { toJsonSchemaDocument } from './json-schema';
export { validateListing } from './validate';

/** One fetched page, exactly as it arrived: the unit that captures store and parsers read. */
export const RawPage = z
  .object({
    url: z.url({ protocol: /^https?$/ }),
    status: z.number().int(),
    headers: z.record(z.string(), z.string()),
    fetched_at: IsoDateTime,
    sha256: Sha256,
    body: z.custom<Uint8Array>((v) => v instanceof Uint8Array, "bytes (a Uint8Array)"),
  })
  .strict();
export type RawPage = z.infer<typeof RawPage>;
