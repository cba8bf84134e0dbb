import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ListingCollector, decodeText, defineSource, type RawPage, type Source } from '@imcat/source-kit';

/** A tiny tab-separated source for release tests: key, name, url, modality, anatomy, task, year, license, samples, dim. */
export function miniSource(id: string): Source {
  const url = `https://example.org/${id}/list.tsv`;
  return defineSource({
    id,
    title: `mini ${id}`,
    homepage: 'https://example.org',
    endpoints: [url],
    fieldMap: { modality: ['modality'], anatomy: ['anatomy'], task: ['task'], year: ['year'], license: ['license'], samples: ['samples'], dimensionality: ['dim'] },
    fetch: async (ctx) => [await ctx.http.get(url)],
    captureFiles: (files) => files.filter((f) => f === 'list.tsv').map((file) => ({ file, url })),
    parse(pages: RawPage[]) {
      const c = new ListingCollector(id);
      for (const page of pages) {
        for (const line of decodeText(page, id).split('\n').filter(Boolean)) {
          const [key, name, link, modality, anatomy, task, year, license, samples, dim] = line.split('\t');
          c.add(page, { key: key!, name: name!, url: link || null, raw: { modality, anatomy, task, year, license, samples, dim } });
        }
      }
      return c.result();
    },
  });
}

export type Row = [key: string, name: string, url: string, modality: string, anatomy: string, task: string, year: string, license?: string, samples?: string, dim?: string];

/** Write captures for mini sources into `root/<id>/list.tsv` with a SOURCE.json. */
export function writeCaptures(root: string, sources: Record<string, Row[]>, retrieved = '2026-11-22'): void {
  for (const [id, rows] of Object.entries(sources)) {
    mkdirSync(join(root, id), { recursive: true });
    writeFileSync(join(root, id, 'list.tsv'), rows.map((r) => r.join('\t')).join('\n') + '\n');
    writeFileSync(join(root, id, 'SOURCE.json'), JSON.stringify({ id, retrieved }));
  }
}

export const BASE: Record<string, Row[]> = {
  alpha: [
    ['brats-2021', 'BraTS 2021', 'https://www.synapse.org/#!Synapse:syn25829067', 'MR', 'Brain', 'Seg', '2021', 'CC BY 4.0', '2000'],
    ['kits19', 'KiTS19', 'https://kits19.grand-challenge.org', 'CT', 'Kidney', 'Seg', '2019', 'CC BY-NC-SA 4.0', '300'],
    ['chexpert', 'CheXpert', 'https://stanfordmlgroup.github.io/competitions/chexpert', 'X-Ray', 'Lung', 'Cls', '2019', 'custom', '224316'],
    ['lits', 'LiTS', 'https://competitions.codalab.org/competitions/17094', 'CT', 'Liver', 'Seg', '2017', 'CC BY-NC-ND 4.0', '201'],
  ],
  beta: [
    ['brats21', 'BraTS21', 'https://www.synapse.org/#!Synapse:syn25829067', 'MRI', 'Brain', 'Segmentation', '2021', '', '2040'],
    ['kits-19', 'KiTS 2019', 'https://kits19.grand-challenge.org', 'CT', 'Kidney', 'Segmentation', '2019', '', ''],
    ['nih-cxr14', 'NIH Chest X-ray 14', 'https://nihcc.app.box.com/v/ChestXray-NIHCC', 'X-ray', 'Chest', 'Classification', '2017', 'CC0', '112120'],
    ['deeplesion', 'Deep Lesion', 'https://nihcc.app.box.com/v/DeepLesion', 'CT', 'Whole body', 'Detection', '2018', '', '32735'],
  ],
};
