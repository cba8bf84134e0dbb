import { DEFAULT_ROLES, FIELD_MAP_ROLES } from '@imcat/source-kit';
import { z } from 'zod';
import { ConfigError } from '@imcat/errors';
import { SourceId } from '@imcat/schema';

/**
 * The config file format of a declarative "awesome list" source
 * (sources/<id>/source.json). Strict: unknown keys are errors, so a typo in a
 * config fails loudly instead of being ignored.
 */

const HttpUrl = z.url({ protocol: /^https?$/, message: 'an absolute http(s) URL' });
const Text = z.string().trim().min(1, 'a non-empty string');
const RawField = z
  .string()
  .regex(/^[a-z][a-z0-9_]*$/, 'a snake_case raw field name (a-z, 0-9, _), e.g. "keywords"');
const TextList = z.array(Text);

/** Raw fields every mode emits on its own; configs may not map columns onto them. */
export const AUTOMATIC_RAW_FIELDS = ['section', 'section_path'] as const;

const RelativePath = Text.refine(
  (p) => !p.startsWith('/') && !/^[a-z]:[\\/]/i.test(p) && !p.split(/[\\/]/).includes('..'),
  'a relative path inside the capture directory, without ".."',
);

const fieldList = z.array(RawField).min(1, 'at least one raw field name').optional();

const FieldMapConfig = z.strictObject({
  ...(Object.fromEntries(FIELD_MAP_ROLES.map((role) => [role, fieldList])) as Record<(typeof FIELD_MAP_ROLES)[number], typeof fieldList>),
  defaults: z
    .strictObject(Object.fromEntries(DEFAULT_ROLES.map((role) => [role, Text.optional()])) as Record<(typeof DEFAULT_ROLES)[number], z.ZodOptional<typeof Text>>)
    .optional(),
});

const TableSettings = z.strictObject({
  /** Header of the column that holds the dataset name (its first link is the URL unless url_column is set). */
  name_column: Text,
  /** Header of the column whose first link (or bare URL) is the dataset URL. */
  url_column: Text.optional(),
  /** Further columns to keep: header as written → raw field name. Columns not listed are ignored. */
  columns: z.record(Text, RawField).default({}),
  /** Headers every in-scope table must have (name_column and url_column always are). */
  required_headers: TextList.default([]),
});

const HeadingSettings = z.strictObject({
  /** Heading level of one entry: 3 for "### [Name](url)". */
  level: z.number().int().min(1).max(6),
  /** Labelled body lines: raw field → line prefixes (matched case-insensitively), e.g. {"keywords": ["**Keywords**:"]}. */
  fields: z.record(RawField, z.array(Text).min(1, 'at least one line prefix')).default({}),
  /** Raw field that receives the unlabelled body lines. */
  description_field: RawField.default('description'),
});

const BulletSettings = z.strictObject({
  /** Bullets without a link are prose, not datasets: they are counted in a note and skipped. */
  require_link: z.boolean().default(true),
  /** Bullets indented more than this many spaces are continuation of their parent, not entries. */
  max_indent: z.number().int().min(0).max(8).default(1),
  /** Raw field that receives the text after the link. */
  description_field: RawField.default('description'),
});

const RejectSection = z.strictObject({
  section: Text,
  /** Why entries here are not listings (e.g. "non-imaging"); becomes each reject's reason. */
  reason: Text,
});

const ConfigShape = z.strictObject({
  /** Free text for humans (why a prefix or section is configured); ignored by the parser. */
  $comment: z.string().optional(),
  id: SourceId,
  title: Text,
  homepage: HttpUrl,
  /** The raw markdown URL fetched live. */
  url: HttpUrl,
  /** The capture file (relative to the capture directory) that stands for `url`. */
  capture_file: RelativePath,
  mode: z.enum(['table', 'heading', 'bullet']),
  /** Only entries under one of these headings (plain heading text) are read; empty means everywhere. */
  include_sections: TextList.default([]),
  /** Entries under these headings are skipped (counted in a note). */
  exclude_sections: TextList.default([]),
  /** Entries under these headings are dataset-like but out of scope: each becomes a reject with the reason. */
  reject_sections: z.array(RejectSection).default([]),
  /** Headings that must be present; put the page's last heading here so a truncated page fails. */
  required_sections: TextList.default([]),
  table: TableSettings.optional(),
  heading: HeadingSettings.optional(),
  bullet: BulletSettings.optional(),
  field_map: FieldMapConfig,
  /** Fewer entries than this means the page was truncated or changed: a ParseError, not a short list. */
  min_listings: z.number().int().min(1),
});

const MODE_SECTIONS = ['table', 'heading', 'bullet'] as const;

/** Raw fields a config can put on a listing, so field_map can be checked against them. */
export function producedRawFields(config: z.output<typeof ConfigShape>): Set<string> {
  const fields = new Set<string>(AUTOMATIC_RAW_FIELDS);
  if (config.table) for (const field of Object.values(config.table.columns)) fields.add(field);
  if (config.heading) {
    fields.add(config.heading.description_field);
    fields.add('heading_extra');
    for (const field of Object.keys(config.heading.fields)) fields.add(field);
  }
  if (config.bullet) fields.add(config.bullet.description_field);
  return fields;
}

function normalisedHeading(text: string): string {
  return text.replace(/\s+/g, ' ').trim().toLowerCase();
}

export const AwesomeListConfigSchema = ConfigShape.superRefine((config, ctx) => {
  if (!config[config.mode]) {
    ctx.addIssue({ code: 'custom', path: [config.mode], message: `settings "${config.mode}" are required when mode is "${config.mode}"` });
  }
  for (const other of MODE_SECTIONS) {
    if (other !== config.mode && config[other]) {
      ctx.addIssue({ code: 'custom', path: [other], message: `settings "${other}" are not allowed when mode is "${config.mode}"` });
    }
  }
  const produced = producedRawFields(config);
  for (const [role, fields] of Object.entries(config.field_map)) {
    if (role === 'defaults' || !Array.isArray(fields)) continue;
    fields.forEach((field, index) => {
      if (!produced.has(field)) {
        ctx.addIssue({
          code: 'custom',
          path: ['field_map', role, index],
          message: `raw field "${field}" is never produced by this config (it produces: ${[...produced].sort().join(', ')})`,
        });
      }
    });
  }
  const owners = new Map<string, string>();
  const claim = (list: string, text: string, path: (string | number)[]) => {
    const key = normalisedHeading(text);
    const previous = owners.get(key);
    if (previous && previous !== list) {
      ctx.addIssue({ code: 'custom', path, message: `section "${text}" is listed in both ${previous} and ${list}` });
    }
    owners.set(key, list);
  };
  config.include_sections.forEach((s, i) => claim('include_sections', s, ['include_sections', i]));
  config.exclude_sections.forEach((s, i) => claim('exclude_sections', s, ['exclude_sections', i]));
  config.reject_sections.forEach((s, i) => claim('reject_sections', s.section, ['reject_sections', i, 'section']));
  if (config.table) {
    const automatic = new Set<string>(AUTOMATIC_RAW_FIELDS);
    const seen = new Set<string>();
    for (const [header, field] of Object.entries(config.table.columns)) {
      if (automatic.has(field)) {
        ctx.addIssue({ code: 'custom', path: ['table', 'columns', header], message: `"${field}" is set automatically; choose another raw field name` });
      }
      if (seen.has(field)) {
        ctx.addIssue({ code: 'custom', path: ['table', 'columns', header], message: `raw field "${field}" is mapped from two columns` });
      }
      seen.add(field);
    }
  }
  if (config.heading) {
    const automatic = new Set<string>([...AUTOMATIC_RAW_FIELDS, 'heading_extra']);
    for (const field of [config.heading.description_field, ...Object.keys(config.heading.fields)]) {
      if (automatic.has(field)) {
        ctx.addIssue({ code: 'custom', path: ['heading'], message: `"${field}" is set automatically; choose another raw field name` });
      }
    }
    if (config.heading.description_field in config.heading.fields) {
      ctx.addIssue({
        code: 'custom',
        path: ['heading', 'fields', config.heading.description_field],
        message: 'a labelled field may not share its name with description_field',
      });
    }
  }
});

/** A validated config, defaults filled in. */
export type AwesomeListConfig = z.output<typeof AwesomeListConfigSchema>;
/** What a config file (or a caller) may write: defaulted keys are optional. */
export type AwesomeListConfigInput = z.input<typeof AwesomeListConfigSchema>;

function describePath(path: readonly PropertyKey[]): string {
  return path.length ? path.map((p) => (typeof p === 'number' ? `[${p}]` : String(p))).join('.').replace(/\.\[/g, '[') : '(root)';
}

/**
 * Validate a config value. The error names the origin (usually the file) and
 * every failing field, e.g. `sources/x/source.json: table.name_column: ...`.
 */
export function parseAwesomeListConfig(value: unknown, origin = 'awesome-list config'): AwesomeListConfig {
  const result = AwesomeListConfigSchema.safeParse(value);
  if (result.success) return result.data;
  const id = (value as { id?: unknown } | null)?.id;
  const detail = result.error.issues.map((issue) => `${describePath(issue.path)}: ${issue.message}`).join('; ');
  throw new ConfigError(`${origin} is not a valid awesome-list config: ${detail}`, {
    sourceId: typeof id === 'string' ? id : undefined,
    cause: result.error,
  });
}
