import { defineSource, type CaptureFile } from '@imcat/source-kit';
import { API_URL, CAPTURE_FILE, CAPTURE_URL, HOMEPAGE, SOURCE_ID } from './config';
import { fetchPages } from './fetch';
import { parse } from './parse';

export const source = defineSource({
  id: SOURCE_ID,
  title: 'grand-challenge.org challenges',
  homepage: HOMEPAGE,
  endpoints: [API_URL],
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
