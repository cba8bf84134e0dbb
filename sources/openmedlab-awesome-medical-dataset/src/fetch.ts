import { HttpError } from '@imcat/errors';
import { decodeText, type FetchContext, type RawPage } from '@imcat/source-kit';
import { FETCH_CONCURRENCY, SOURCE_ID } from './config';
import { readReadme } from './readme';
import { README_URL, rawUrlOf } from './resource-links';

/** Run `task` over `items` with at most `limit` in flight; results keep the input order. */
async function mapLimited<T, R>(items: T[], limit: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/**
 * GET the README, then every resource page its imaging and image-text rows
 * link (text rows become rejects, so their pages are not needed). A linked
 * page that answers 404 is skipped: the parse notes it and lists the row
 * without meta fields.
 */
export async function fetchPages(ctx: FetchContext): Promise<RawPage[]> {
  ctx.log.info('fetching README', { url: README_URL });
  const readme = await ctx.http.get(README_URL, { headers: { Accept: 'text/plain' } });
  const { rows } = readReadme(decodeText(readme, SOURCE_ID));
  const paths = [...new Set(rows.filter((r) => r.group !== 'text').flatMap((r) => (r.resource ? [r.resource.path] : [])))];
  ctx.log.info(`fetching ${paths.length} resource pages`);
  const pages = await mapLimited(paths, FETCH_CONCURRENCY, async (path): Promise<RawPage | undefined> => {
    ctx.signal?.throwIfAborted();
    const url = rawUrlOf(path);
    try {
      return await ctx.http.get(url, { headers: { Accept: 'text/plain' } });
    } catch (error) {
      if (error instanceof HttpError && error.status === 404) {
        ctx.log.warn('resource page not found; the row is listed without meta fields', { url });
        return undefined;
      }
      throw error;
    }
  });
  return [readme, ...pages.filter((p): p is RawPage => p !== undefined)];
}
