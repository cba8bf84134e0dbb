import type { FetchContext, RawPage } from '@imcat/source-kit';
import { API_COLLECTIONS_URL, RELEASE_NOTES_URL } from './config';

/**
 * Two requests: the release notes (which collections each data version
 * added) and the API's current collection list (modality, site, subject
 * counts). Neither is paginated.
 */
export async function fetchPages(ctx: FetchContext): Promise<RawPage[]> {
  const notes = await ctx.http.get(RELEASE_NOTES_URL, { headers: { accept: 'text/markdown, text/plain;q=0.9, */*;q=0.1' } });
  ctx.signal?.throwIfAborted();
  const api = await ctx.http.get(API_COLLECTIONS_URL, { headers: { accept: 'application/json' }, skipRobots: true });
  ctx.log.info(`idc: fetched release notes (${notes.body.byteLength} bytes) and API collections (${api.body.byteLength} bytes)`);
  return [notes, api];
}
