import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { ConfigError, ParseError } from '@imcat/errors';
import { SourceId } from '@imcat/schema';
import type { RawPage, Source } from './types';

export const CONTENT_TYPES: Record<string, string> = {
  '.json': 'application/json',
  '.md': 'text/markdown; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.tsv': 'text/tab-separated-values; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.yaml': 'application/yaml',
  '.yml': 'application/yaml',
  '.txt': 'text/plain; charset=utf-8',
};

export function contentTypeFor(file: string): string {
  const dot = file.lastIndexOf('.');
  return (dot >= 0 && CONTENT_TYPES[file.slice(dot).toLowerCase()]) || 'application/octet-stream';
}

export function sha256Hex(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Resolve `child` inside `parent`, refusing absolute paths and `..` escapes. */
export function safeJoin(parent: string, child: string, what = 'path'): string {
  if (isAbsolute(child) || child.split(/[\\/]/).includes('..')) {
    throw new ConfigError(`${what} must be a relative path inside ${parent}, found "${child}"`);
  }
  const full = resolve(parent, child);
  const rel = relative(resolve(parent), full);
  if (rel.startsWith('..') || isAbsolute(rel)) {
    throw new ConfigError(`${what} escapes ${parent}: "${child}"`);
  }
  return full;
}

function listFiles(dir: string, base = dir): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listFiles(full, base));
    else if (entry.isFile()) out.push(relative(base, full).split(sep).join('/'));
  }
  return out.sort();
}

export interface CaptureManifest {
  /** ISO date-time the capture was taken; used as every page's fetched_at so replays are reproducible. */
  retrieved: string;
  /** Extra facts from SOURCE.json (live endpoint, commit) for the release manifest. */
  meta: Record<string, unknown>;
}

/** Read SOURCE.json of a capture directory (laid out like ../shared/snapshots/<id>/). */
export function readCaptureManifest(dir: string, sourceId: string): CaptureManifest {
  const file = join(dir, 'SOURCE.json');
  if (!existsSync(file)) {
    const mtime = statSync(dir).mtime;
    return { retrieved: new Date(Math.floor(mtime.getTime() / 1000) * 1000).toISOString(), meta: {} };
  }
  let meta: Record<string, unknown>;
  try {
    meta = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  } catch (cause) {
    throw new ParseError('SOURCE.json is not valid JSON', { sourceId, record: file, expected: 'JSON', found: String(cause), cause });
  }
  const retrieved = typeof meta.retrieved === 'string' ? meta.retrieved : undefined;
  const date = retrieved && /^\d{4}-\d{2}-\d{2}$/.test(retrieved) ? `${retrieved}T00:00:00.000Z` : retrieved;
  if (!date || Number.isNaN(Date.parse(date))) {
    throw new ParseError('SOURCE.json has no usable "retrieved" date', {
      sourceId,
      record: file,
      field: 'retrieved',
      expected: 'a date such as 2026-11-22',
      found: JSON.stringify(meta.retrieved),
    });
  }
  return { retrieved: new Date(date).toISOString(), meta };
}

/**
 * Replay a source from a capture directory: `<root>/<source id>/...`. The
 * source maps the files it finds to the live URLs they stand for.
 */
export function checkSourceId(id: string): string {
  const result = SourceId.safeParse(id);
  if (!result.success) throw new ConfigError(`source id "${id}" is not allowed: expected ${result.error.issues[0]?.message ?? 'a kebab-case id'}`, { cause: result.error });
  return result.data;
}

export function readCaptureDir(root: string, source: Source): { pages: RawPage[]; manifest: CaptureManifest } {
  const id = checkSourceId(source.id);
  const dir = safeJoin(root, id, 'source id');
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new ConfigError(`no capture directory for source ${id}: expected ${dir}`, { sourceId: id });
  }
  const manifest = readCaptureManifest(dir, id);
  const files = listFiles(dir).filter((f) => f !== 'SOURCE.json');
  const mapped = source.captureFiles(files);
  if (mapped.length === 0) {
    throw new ConfigError(`capture directory ${dir} holds none of the files source ${id} reads (found: ${files.join(', ') || 'nothing'})`, {
      sourceId: id,
    });
  }
  const pages = mapped.map(({ file, url }): RawPage => {
    const body = new Uint8Array(readFileSync(safeJoin(dir, file, 'capture file')));
    return {
      url,
      status: 200,
      headers: { 'content-type': contentTypeFor(file), 'content-length': String(body.byteLength) },
      fetched_at: manifest.retrieved,
      sha256: sha256Hex(body),
      body,
    };
  });
  return { pages, manifest };
}

/**
 * Where the shared captures live: $IMCAT_SNAPSHOTS, else ../shared/snapshots
 * beside the repository (as on developer machines and CI).
 */
export function defaultSnapshotsDir(): string {
  if (process.env.IMCAT_SNAPSHOTS) return resolve(process.env.IMCAT_SNAPSHOTS);
  const repoRoot = resolve(new URL('.', import.meta.url).pathname, '../../..');
  return resolve(repoRoot, '../shared/snapshots');
}
