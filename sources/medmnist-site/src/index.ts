import { defineSource, type CaptureFile } from '@imcat/source-kit';
import { CAPTURES, DATA_JS_URL, HOMEPAGE, INDEX_URL, SOURCE_ID, V0_URL } from './config';
import { fetchPages } from './fetch';
import { parse } from './parse';

export const source = defineSource({
  id: SOURCE_ID,
  title: 'MedMNIST website',
  homepage: HOMEPAGE,
  endpoints: [INDEX_URL, V0_URL, DATA_JS_URL],
  // Each listing is its own dataset (keyed by the source's own id), so no two of them merge.
  distinctListings: true,
  fieldMap: {
    // "Chest X-ray", "Abdominal CT": modality and anatomy share one cell; the normaliser takes both from it.
    modality: ['modality'],
    anatomy: ['modality'],
    task: ['tasks'],
    license: ['license'],
    // Every v0 subset is 28×28 2D images, freely downloadable (the 3D subsets came with v2, not parsed here).
    defaults: { dimensionality: '2d', access: 'open' },
  },
  fetch: (ctx) => fetchPages(ctx),
  parse,
  captureFiles: (files: string[]): CaptureFile[] =>
    files.filter((f) => f in CAPTURES).map((file) => ({ file, url: CAPTURES[file]! })),
});

export default source;
