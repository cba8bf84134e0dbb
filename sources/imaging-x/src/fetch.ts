import { HttpError } from '@imcat/errors';
import type { FetchContext, RawPage } from '@imcat/source-kit';
import { COMMITS_API, DATASETS_PATH, DEFAULT_REF, README_PATH, rawUrl } from './config';

/** The newest commit touching datasets.json, or undefined: the pin is optional. */
async function pinCommit(ctx: FetchContext): Promise<{ sha: string; page: RawPage } | undefined> {
  try {
    const page = await ctx.http.get(COMMITS_API, { headers: { accept: 'application/vnd.github+json' }, skipRobots: true });
    const list: unknown = JSON.parse(new TextDecoder().decode(page.body));
    const sha = Array.isArray(list) ? (list[0] as { sha?: unknown } | undefined)?.sha : undefined;
    if (typeof sha === 'string' && /^[0-9a-f]{40}$/.test(sha)) return { sha, page };
    ctx.log.warn('commits API gave no commit sha; reading the main branch');
  } catch (error) {
    if (!(error instanceof HttpError) && !(error instanceof SyntaxError)) throw error;
    ctx.log.warn(`commits API unavailable, reading the main branch: ${error.message}`);
  }
  return undefined;
}

/**
 * datasets.json and README.md from raw.githubusercontent.com, both at the
 * same pinned commit when the commits API answers (so the two files agree on
 * version), else at main.
 */
export async function fetchPages(ctx: FetchContext): Promise<RawPage[]> {
  const pin = await pinCommit(ctx);
  const ref = pin?.sha ?? DEFAULT_REF;
  const datasets = await ctx.http.get(rawUrl(DATASETS_PATH, ref));
  const readme = await ctx.http.get(rawUrl(README_PATH, ref));
  ctx.log.info(`imaging-x: fetched datasets.json and README.md at ${ref}`);
  return pin ? [datasets, readme, pin.page] : [datasets, readme];
}
