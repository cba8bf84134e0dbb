import type { FetchContext, RawPage } from '@imcat/source-kit';
import { DATA_URL } from './config';

/** The whole catalog is one static JSON file; there is no pagination. */
export async function fetchPages(ctx: FetchContext): Promise<RawPage[]> {
  const page = await ctx.http.get(DATA_URL);
  ctx.log.info(`imaging-x-browser: fetched ${page.body.byteLength} bytes`);
  return [page];
}
