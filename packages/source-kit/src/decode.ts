import { ParseError, excerpt } from '@imcat/errors';
import type { RawPage } from './types';

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/**
 * Decode a page body as UTF-8, refusing bodies that are not text: invalid
 * UTF-8 (wrong encoding) or NUL bytes (binary garbage).
 */
export function decodeText(page: RawPage, sourceId: string): string {
  let text: string;
  try {
    text = utf8.decode(page.body);
  } catch (cause) {
    throw new ParseError('page body is not valid UTF-8', {
      sourceId,
      record: page.url,
      expected: 'UTF-8 text',
      found: `${page.body.byteLength} bytes that do not decode as UTF-8`,
      cause,
    });
  }
  const nul = text.indexOf('\u0000');
  if (nul !== -1) {
    throw new ParseError('page body holds binary data', {
      sourceId,
      record: page.url,
      expected: 'text without NUL bytes',
      found: `a NUL byte at offset ${nul}`,
    });
  }
  return text;
}

/** Decode and JSON.parse a page, with an error that shows where the JSON broke. */
export function decodeJson(page: RawPage, sourceId: string): unknown {
  const text = decodeText(page, sourceId);
  try {
    return JSON.parse(text);
  } catch (cause) {
    const at = Number(/position (\d+)/.exec(String((cause as Error).message))?.[1] ?? 0);
    throw new ParseError('page body is not valid JSON', {
      sourceId,
      record: page.url,
      expected: 'a complete JSON document',
      found: `${(cause as Error).message} near "${excerpt(text, at)}"`,
      cause,
    });
  }
}

/** Find the one page whose URL ends with the given path, or fail naming what was there. */
export function requirePage(pages: RawPage[], sourceId: string, suffix: string): RawPage {
  const page = pages.find((p) => new URL(p.url).pathname.endsWith(suffix));
  if (!page) {
    throw new ParseError('a required page is missing from the capture', {
      sourceId,
      expected: `a page whose path ends with ${suffix}`,
      found: pages.length ? pages.map((p) => p.url).join(', ') : 'no pages',
    });
  }
  return page;
}
