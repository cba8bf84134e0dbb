import { HttpError } from '@imcat/errors';
import type { FetchContext, RawPage } from '@imcat/source-kit';
import { DATA_JS_URL, INDEX_URL, V0_URL } from './config';

/**
 * The two HTML pages, plus the data script the index page renders from.
 * The script is optional: a 404/410 is logged and the run goes on.
 */
export async function fetchPages(ctx: FetchContext): Promise<RawPage[]> {
  const pages = [await ctx.http.get(INDEX_URL), await ctx.http.get(V0_URL)];
  ctx.signal?.throwIfAborted();
  try {
    pages.push(await ctx.http.get(DATA_JS_URL));
  } catch (error) {
    if (!(error instanceof HttpError) || (error.status !== 404 && error.status !== 410)) throw error;
    ctx.log.warn(`medmnist-site: ${DATA_JS_URL} answered ${error.status}; going on without it`);
  }
  return pages;
}
