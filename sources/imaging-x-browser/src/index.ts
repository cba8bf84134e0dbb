import { defineSource, type CaptureFile } from '@imcat/source-kit';
import { CAPTURE_FILE, DATA_URL, HOMEPAGE, SOURCE_ID } from './config';
import { fetchPages } from './fetch';
import { parse } from './parse';

export const source = defineSource({
  id: SOURCE_ID,
  title: 'Medical Dataset Browser (Project Imaging-X companion web app data)',
  homepage: HOMEPAGE,
  endpoints: [DATA_URL],
  fieldMap: {
    modality: ['modality'],
    anatomy: ['organ'],
    task: ['task'],
    dimensionality: ['dimension'],
    samples: ['data_volume_total'],
    year: ['year', 'release_date'],
    license: ['license'],
    has_labels: ['has_labels'],
    diseases: ['tumor'],
  },
  fetch: fetchPages,
  parse,
  captureFiles: (files: string[]): CaptureFile[] =>
    files.filter((file) => file === CAPTURE_FILE).map((file) => ({ file, url: DATA_URL })),
});

export default source;
