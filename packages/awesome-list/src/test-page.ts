import { sha256Hex, type RawPage } from '@imcat/source-kit';

/** A RawPage holding `text`, as if fetched from `url` (for tests). */
export function pageOf(text: string, url: string): RawPage {
  const body = new TextEncoder().encode(text);
  return {
    url,
    status: 200,
    headers: { 'content-type': 'text/markdown; charset=utf-8', 'content-length': String(body.byteLength) },
    fetched_at: '2026-11-22T00:00:00.000Z',
    sha256: sha256Hex(body),
    body,
  };
}
