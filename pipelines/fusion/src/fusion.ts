import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { StageContext } from '@imcat/pipeline-normalize';

const SQL_DIR = fileURLToPath(new URL('../sql/', import.meta.url));

/** Fusion groups over the resolved datasets (needs the vocab_terms table from the statistics stage). */
export async function computeFusion(ctx: StageContext): Promise<{ groups: number; memberships: number }> {
  for (const file of ['01-fusion-keys.sql', '02-fusion-members.sql', '03-fusion-groups.sql']) {
    await ctx.db.execFile(join(SQL_DIR, file));
  }
  const r = await ctx.db.one<{ groups: number; memberships: number }>(
    'SELECT (SELECT count(*) FROM fusion_groups) AS groups, (SELECT count(*) FROM fusion_members) AS memberships',
  );
  ctx.log.info(`fusion: ${r?.groups ?? 0} groups, ${r?.memberships ?? 0} memberships`);
  return { groups: r?.groups ?? 0, memberships: r?.memberships ?? 0 };
}
