import { defineSource, type CaptureFile } from '@imcat/source-kit';
import { HOMEPAGE, README_FILE, README_URL, SOURCE_ID, TITLE } from './config';
import { fetchPages } from './fetch';
import { parse } from './parse';

export const source = defineSource({
  id: SOURCE_ID,
  title: TITLE,
  homepage: HOMEPAGE,
  endpoints: [README_URL],
  fieldMap: {
    modality: ['modality'],
    anatomy: ['anatomical_structures', 'body_region'],
    samples: ['ct_scans', 'scans', 'size_scope'],
    license: ['license'],
    description: ['description', 'notes'],
  },
  fetch: fetchPages,
  parse,
  captureFiles: (files: string[]): CaptureFile[] =>
    files.filter((f) => f === README_FILE).map((file) => ({ file, url: README_URL })),
});

export default source;
