import type { FetchContext, RawPage } from '@imcat/source-kit';
import { README_URL } from './config';

/** The whole list is one raw README; no pagination. */
export async function fetchPages(ctx: FetchContext): Promise<RawPage[]> {
  return [await ctx.http.get(README_URL, { headers: { accept: 'text/plain, text/markdown;q=0.9, */*;q=0.1' } })];
}
