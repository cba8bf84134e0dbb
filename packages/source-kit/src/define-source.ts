import { z } from 'zod';
import { ConfigError } from '@imcat/errors';
import { SourceId } from '@imcat/schema';
import { DEFAULT_ROLES, FIELD_MAP_ROLES, type Source } from './types';

const fieldList = z.array(z.string().min(1)).min(1).optional();

const SourceModule = z.object({
  id: SourceId,
  title: z.string().min(1),
  homepage: z.url({ protocol: /^https?$/ }),
  endpoints: z.array(z.url({ protocol: /^https?$/ })).min(1),
  fieldMap: z
    .object({
      ...Object.fromEntries(FIELD_MAP_ROLES.map((role) => [role, fieldList])),
      defaults: z.partialRecord(z.enum(DEFAULT_ROLES), z.string()).optional(),
    })
    .strict(),
  distinctListings: z.boolean().optional(),
  fetch: z.custom<Source['fetch']>((v) => typeof v === 'function', 'a function fetch(ctx)'),
  parse: z.custom<Source['parse']>((v) => typeof v === 'function', 'a function parse(pages)'),
  captureFiles: z.custom<Source['captureFiles']>((v) => typeof v === 'function', 'a function captureFiles(files)'),
});

/**
 * Check a source module's shape when it loads, so a broken source is reported
 * by name instead of crashing the run later.
 */
export function validateSource(candidate: unknown, origin = 'source module'): Source {
  const result = SourceModule.safeParse(candidate);
  if (!result.success) {
    const id = (candidate as { id?: unknown } | null)?.id;
    const detail = result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    throw new ConfigError(`${origin}${typeof id === 'string' ? ` (${id})` : ''} is not a valid imcat source: ${detail}`, {
      sourceId: typeof id === 'string' ? id : undefined,
      cause: result.error,
    });
  }
  return candidate as Source;
}

/** Identity helper that type-checks a source definition and validates it at load time. */
export function defineSource(source: Source): Source {
  return validateSource(source, `source ${source.id}`);
}
