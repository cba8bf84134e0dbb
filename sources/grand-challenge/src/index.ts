import { defineSource, type CaptureFile } from '@imcat/source-kit';
import { API_URL, CAPTURE_FILE, CAPTURE_URL, HOMEPAGE, SOURCE_ID } from './config';
import { fetchPages } from './fetch';
import { parse } from './parse';

export const source = defineSource({
  id: SOURCE_ID,
  title: 'grand-challenge.org challenges',
  homepage: HOMEPAGE,
  endpoints: [API_URL],
  // Each listing is its own dataset (keyed by the source's own id), so no two of them merge.
  distinctListings: true,
  fieldMap: {
    description: ['description'],
    year: ['start_date', 'created'],
    doi: ['publications'],
    // Challenge data is downloaded after signing in (and usually accepting the challenge rules).
    defaults: { access: 'registration' },
  },
  fetch: (ctx) => fetchPages(ctx),
  parse,
  captureFiles: (files: string[]): CaptureFile[] => (files.includes(CAPTURE_FILE) ? [{ file: CAPTURE_FILE, url: CAPTURE_URL }] : []),
});

export default source;
