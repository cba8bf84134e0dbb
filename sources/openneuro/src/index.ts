import { defineSource, type CaptureFile } from '@imcat/source-kit';
import { CAPTURE_FILE, GRAPHQL_URL, HOMEPAGE, SOURCE_ID, TSV_URL } from './config';
import { fetchPages } from './fetch';
import { parse } from './parse';

export const source = defineSource({
  id: SOURCE_ID,
  title: 'OpenNeuro',
  homepage: HOMEPAGE,
  endpoints: [GRAPHQL_URL],
  // Each listing is its own dataset (keyed by the source's own id), so no two of them merge.
  distinctListings: true,
  fieldMap: {
    modality: ['modalities'],
    samples: ['num_subjects'],
    year: ['made_public', 'created'],
    doi: ['doi_of_papers_from_source_data_lab'],
    license: ['license'],
    // OpenNeuro is a brain-imaging archive and publishes every dataset under CC0 (platform policy).
    defaults: { anatomy: 'brain', license: 'CC0-1.0', access: 'open' },
  },
  fetch: (ctx) => fetchPages(ctx),
  parse,
  captureFiles: (files: string[]): CaptureFile[] => (files.includes(CAPTURE_FILE) ? [{ file: CAPTURE_FILE, url: TSV_URL }] : []),
});

export default source;
