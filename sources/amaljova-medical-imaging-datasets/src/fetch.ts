import type { FetchContext, RawPage } from '@imcat/source-kit';
import { README_URL } from './config';

/** The whole list is one markdown file. */
export async function fetchPages(ctx: FetchContext): Promise<RawPage[]> {
  ctx.log.info('fetching README', { url: README_URL });
  return [await ctx.http.get(README_URL, { headers: { Accept: 'text/plain' } })];
}
