import { defineSource, type CaptureFile } from '@imcat/source-kit';
import { HOMEPAGE, README_PATH, RESOURCES_DIR, SOURCE_ID, TITLE } from './config';
import { fetchPages } from './fetch';
import { parse } from './parse';
import { README_URL, rawUrlOf } from './resource-links';

/** README.md and every resources/**.md; images and extensionless files are not read. */
function captureFiles(files: string[]): CaptureFile[] {
  return files
    .filter((file) => file === README_PATH || (file.startsWith(RESOURCES_DIR) && file.endsWith('.md')))
    .map((file) => ({ file, url: rawUrlOf(file) }));
}

export const source = defineSource({
  id: SOURCE_ID,
  title: TITLE,
  homepage: HOMEPAGE,
  endpoints: [README_URL, rawUrlOf(RESOURCES_DIR)],
  fieldMap: {
    modality: ['meta_modality'],
    anatomy: ['meta_anatomical_structures', 'meta_anatomical_area'],
    task: ['meta_task_type'],
    dimensionality: ['meta_dimensions'],
    samples: ['meta_data_volume'],
    year: ['release_date'],
    description: ['description'],
  },
  fetch: fetchPages,
  parse,
  captureFiles,
});

export default source;
