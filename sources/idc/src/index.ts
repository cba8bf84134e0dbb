import { defineSource, type CaptureFile } from '@imcat/source-kit';
import { API_COLLECTIONS_FILE, API_COLLECTIONS_URL, HOMEPAGE, RELEASE_NOTES_FILE, RELEASE_NOTES_URL, SOURCE_ID } from './config';
import { fetchPages } from './fetch';
import { parse } from './parse';

const CAPTURES: Record<string, string> = {
  [RELEASE_NOTES_FILE]: RELEASE_NOTES_URL,
  [API_COLLECTIONS_FILE]: API_COLLECTIONS_URL,
};

export const source = defineSource({
  id: SOURCE_ID,
  title: 'NCI Imaging Data Commons (IDC)',
  homepage: HOMEPAGE,
  endpoints: [RELEASE_NOTES_URL, API_COLLECTIONS_URL],
  // Each listing is its own dataset (keyed by the source's own id), so no two of them merge.
  distinctListings: true,
  fieldMap: {
    modality: ['image_types'],
    anatomy: ['location'],
    samples: ['subject_count'],
    diseases: ['cancer_type'],
    doi: ['source_doi', 'doi'],
    // No year: first_release_date is when a collection came to IDC (v1 in 2020 onwards), not when its data was
    // published (4D-Lung's DOI is TCIA.2016; IDC first listed it in 2021). The raw field is kept for reference.
    description: ['description'],
    // IDC hosts public data only (limited-access collections were removed in v12); licenses differ per collection.
    defaults: { access: 'open' },
  },
  fetch: (ctx) => fetchPages(ctx),
  parse,
  // The OpenAPI spec in the capture documents the API; it holds no listings, so it is not replayed.
  captureFiles: (files: string[]): CaptureFile[] =>
    files.filter((f) => f in CAPTURES).map((file) => ({ file, url: CAPTURES[file]! })),
});

export default source;
