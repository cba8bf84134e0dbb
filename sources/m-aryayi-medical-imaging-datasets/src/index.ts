import { defineSource } from '@imcat/source-kit';
import { CAPTURE_FILE, HOMEPAGE, README_URL, SOURCE_ID, TITLE } from './config';
import { fetchPages } from './fetch';
import { parsePages } from './parse';

export const source = defineSource({
  id: SOURCE_ID,
  title: TITLE,
  homepage: HOMEPAGE,
  endpoints: [README_URL],
  fieldMap: {
    modality: ['keywords'],
    task: ['keywords'],
    anatomy: ['section'],
    license: ['license'],
    paper_url: ['paper_url'],
    description: ['description'],
  },
  fetch: fetchPages,
  parse: parsePages,
  captureFiles: (files) => (files.includes(CAPTURE_FILE) ? [{ file: CAPTURE_FILE, url: README_URL }] : []),
});

export default source;
