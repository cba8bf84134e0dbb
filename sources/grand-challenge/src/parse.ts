import { LayoutDriftError, ParseError } from '@imcat/errors';
import { ListingCollector, type ParseOutput, type RawPage } from '@imcat/source-kit';
import { readChallengePage } from './challenge-page';
import { JOINED_FIELDS, RAW_FIELDS, REQUIRED_RESULT_FIELDS, SOURCE_ID } from './config';

interface Challenge {
  page: RawPage;
  slug: string;
  data: Record<string, unknown>;
  json: string;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function scalar(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

function joined(value: unknown, separator: string): string | undefined {
  if (!Array.isArray(value)) return scalar(value);
  return value
    .map((v) => scalar(v) ?? (isObject(v) ? JSON.stringify(v) : undefined))
    .filter((v): v is string => v !== undefined && v !== '')
    .join(separator);
}

function rawOf(data: Record<string, unknown>): Record<string, string | undefined> {
  const raw: Record<string, string | undefined> = {};
  for (const field of RAW_FIELDS) raw[field] = scalar(data[field]);
  for (const [field, separator] of Object.entries(JOINED_FIELDS)) raw[field] = joined(data[field], separator);
  return raw;
}

function missingFields(result: unknown): string[] {
  if (!isObject(result)) return [...REQUIRED_RESULT_FIELDS];
  return REQUIRED_RESULT_FIELDS.filter((f) => typeof result[f] !== 'string' || (result[f] as string).trim() === '');
}

/** Challenges of one page; results lacking a slug/title/url are rejected, a page where none has them is drift. */
function challengesOf(page: RawPage, collector: ListingCollector): { challenges: Challenge[]; count: number } {
  const { results, count } = readChallengePage(page);
  const challenges: Challenge[] = [];
  const bad = results.filter((r) => missingFields(r).length > 0);
  if (results.length > 0 && bad.length === results.length) {
    throw new LayoutDriftError('no challenge on the page has the expected fields', {
      sourceId: SOURCE_ID,
      record: page.url,
      expected: `results with ${REQUIRED_RESULT_FIELDS.join(', ')}`,
      found: `fields ${isObject(results[0]) ? Object.keys(results[0]).join(', ') : typeof results[0]}`,
    });
  }
  results.forEach((result, i) => {
    const missing = missingFields(result);
    if (missing.length || !isObject(result)) {
      collector.reject({ record: `${page.url} results[${i}]`, field: missing[0] ?? null, reason: `challenge without ${missing.join(', ')}`, raw: JSON.stringify(result) ?? '' });
      return;
    }
    challenges.push({ page, slug: String(result.slug).trim(), data: result, json: JSON.stringify(result) });
  });
  return { challenges, count };
}

/** By slug, newest `modified` first, then content: page order never decides which copy is kept. */
function bySlugNewestFirst(a: Challenge, b: Challenge): number {
  if (a.slug !== b.slug) return a.slug < b.slug ? -1 : 1;
  const ma = scalar(a.data.modified) ?? '';
  const mb = scalar(b.data.modified) ?? '';
  if (ma !== mb) return ma > mb ? -1 : 1;
  return a.json < b.json ? -1 : a.json > b.json ? 1 : 0;
}

export function parse(pages: RawPage[]): ParseOutput {
  const collector = new ListingCollector(SOURCE_ID);
  const all: Challenge[] = [];
  let count = 0;
  for (const page of pages) {
    const read = challengesOf(page, collector);
    all.push(...read.challenges);
    count = Math.max(count, read.count);
  }
  const distinct = new Set(all.map((c) => c.slug)).size;
  if (distinct > count) {
    throw new ParseError('the pages hold more challenges than their count', {
      sourceId: SOURCE_ID,
      record: pages.map((p) => p.url).join(', '),
      field: 'count',
      expected: `at most ${count} challenges`,
      found: `${distinct} distinct slugs`,
    });
  }
  all.sort(bySlugNewestFirst);
  let kept: Challenge | undefined;
  for (const challenge of all) {
    if (kept && kept.slug === challenge.slug) {
      const reason = kept.json === challenge.json ? `exact duplicate of ${kept.slug}` : `older copy of ${kept.slug} (a copy modified later was kept)`;
      collector.reject({ record: challenge.slug, field: null, reason, raw: challenge.json });
      continue;
    }
    kept = challenge;
    if (challenge.data.public === false) {
      collector.reject({ record: challenge.slug, field: 'public', reason: 'challenge is not public', raw: challenge.json });
      continue;
    }
    collector.add(challenge.page, {
      key: challenge.slug,
      name: String(challenge.data.title),
      url: String(challenge.data.url),
      raw: rawOf(challenge.data),
    });
  }
  return collector.result();
}
