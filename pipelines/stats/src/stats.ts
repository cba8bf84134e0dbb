import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { StageContext } from '@imcat/pipeline-normalize';
import { anatomyRegions, anatomyTerms, dimensionalityTerms, modalityTerms, taskTerms } from '@imcat/vocab';

const SQL_DIR = fileURLToPath(new URL('../sql/', import.meta.url));

/** Every vocabulary term as a row, for the vocab_terms table. */
export function vocabularyRows() {
  const row = (vocabulary: string, slug: string, label: string | null, region: string | null, uberon: string | null, dicom: string | null) => ({
    vocabulary,
    slug,
    label,
    region,
    uberon,
    dicom,
  });
  return [
    ...modalityTerms.map((t) => row('modality', t.slug, t.label, null, null, t.dicom ?? null)),
    ...taskTerms.map((t) => row('task', t.slug, t.label, null, null, null)),
    ...dimensionalityTerms.map((t) => row('dimensionality', t.slug, t.label, null, null, null)),
    ...anatomyRegions.map((r) => row('region', r.slug, r.label, r.slug, r.uberon, null)),
    ...anatomyTerms.map((t) => row('anatomy', t.slug, null, t.region, t.uberon, null)),
  ];
}

/** Load the vocabularies as tables (used by statistics and by search). */
export async function loadVocabulary(ctx: StageContext): Promise<void> {
  mkdirSync(ctx.workDir, { recursive: true });
  const file = join(ctx.workDir, 'vocabulary.ndjson');
  writeFileSync(file, vocabularyRows().map((r) => JSON.stringify(r)).join('\n') + '\n');
  await ctx.db.execFile(join(SQL_DIR, '00-vocabulary.sql'), { vocab_file: file });
}

/** Statistics over the resolved datasets, computed in SQL. */
export async function computeStats(ctx: StageContext): Promise<{ rows: number }> {
  await loadVocabulary(ctx);
  await ctx.db.execFile(join(SQL_DIR, '01-stats.sql'));
  const r = await ctx.db.one<{ n: number }>('SELECT count(*) AS n FROM stats');
  ctx.log.info(`statistics: ${r?.n ?? 0} rows`);
  return { rows: r?.n ?? 0 };
}
