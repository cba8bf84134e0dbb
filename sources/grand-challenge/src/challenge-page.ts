import { LayoutDriftError, ParseError, excerpt } from '@imcat/errors';
import { decodeJson, type RawPage } from '@imcat/source-kit';
import { SOURCE_ID } from './config';

/** One DRF page: {count, next, previous, results[]}. */
export interface ChallengePage {
  count: number;
  next: string | null;
  results: unknown[];
  /** The offset query parameter of the page's own URL, when it has one. */
  offset: number | null;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Read and check one page. Besides the envelope's shape, the counts must
 * agree: results past `count` are impossible, and the last page (next=null)
 * must end exactly at `count`, which a page cut short would not.
 */
export function readChallengePage(page: RawPage): ChallengePage {
  const json = decodeJson(page, SOURCE_ID);
  if (!isObject(json) || !Array.isArray(json.results) || typeof json.count !== 'number' || !('next' in json)) {
    throw new LayoutDriftError('the challenges response is not a DRF page', {
      sourceId: SOURCE_ID,
      record: page.url,
      expected: '{"count": number, "next": url|null, "previous": url|null, "results": [...]}',
      found: isObject(json)
        ? `keys ${Object.keys(json).join(', ')}; results is ${Array.isArray(json.results) ? 'an array' : typeof json.results}`
        : excerpt(JSON.stringify(json) ?? '', 0, 80),
    });
  }
  const next = json.next;
  if (next !== null && typeof next !== 'string') {
    throw new LayoutDriftError('"next" is neither a URL nor null', { sourceId: SOURCE_ID, record: page.url, field: 'next', expected: 'a URL or null', found: JSON.stringify(next) });
  }
  const rawOffset = new URL(page.url).searchParams.get('offset');
  const offset = rawOffset !== null && /^\d+$/.test(rawOffset) ? Number(rawOffset) : null;
  const seen = (offset ?? 0) + json.results.length;
  if (seen > json.count) {
    throw new ParseError('the page holds more results than its count allows', {
      sourceId: SOURCE_ID,
      record: page.url,
      field: 'count',
      expected: `count of at least ${seen} (offset ${offset ?? 0} + ${json.results.length} results)`,
      found: `count ${json.count}`,
    });
  }
  if (next === null && offset !== null && seen !== json.count) {
    throw new ParseError('the last page does not end at count (truncated or inconsistent page)', {
      sourceId: SOURCE_ID,
      record: page.url,
      field: 'results',
      expected: `${json.count - offset} results after offset ${offset} (count ${json.count})`,
      found: `${json.results.length} results`,
    });
  }
  return { count: json.count, next, results: json.results, offset };
}
