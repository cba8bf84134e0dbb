import { defineSource, type CaptureFile } from '@imcat/source-kit';
import { COMMITS_API, DATASETS_PATH, HOMEPAGE, README_PATH, SOURCE_ID, rawUrl } from './config';
import { fetchPages } from './fetch';
import { parse } from './parse';

/** Capture files this source reads; access_rules.json and query-normalization.md are deliberately not read. */
const CAPTURED: Record<string, string> = {
  'datasets.json': rawUrl(DATASETS_PATH),
  'README.md': rawUrl(README_PATH),
};

export const source = defineSource({
  id: SOURCE_ID,
  title: 'Project Imaging-X (survey catalog: README tables + discovery-skill datasets.json)',
  homepage: HOMEPAGE,
  endpoints: [rawUrl(DATASETS_PATH), rawUrl(README_PATH), COMMITS_API],
  fieldMap: {
    modality: ['modality'],
    anatomy: ['structure'],
    task: ['task'],
    dimensionality: ['dim'],
    samples: ['samples'],
    year: ['year'],
    has_labels: ['label'],
    diseases: ['diseases'],
    access: ['access'],
  },
  fetch: fetchPages,
  parse,
  captureFiles: (files: string[]): CaptureFile[] =>
    files.filter((file) => file in CAPTURED).map((file) => ({ file, url: CAPTURED[file]! })),
});

export default source;
