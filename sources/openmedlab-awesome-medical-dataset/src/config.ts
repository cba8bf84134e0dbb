export const SOURCE_ID = 'openmedlab-awesome-medical-dataset';
export const TITLE = 'openmedlab/Awesome-Medical-Dataset (GMAI, Shanghai AI Lab)';
export const HOMEPAGE = 'https://github.com/openmedlab/Awesome-Medical-Dataset';

/** Raw file base; repository paths are appended with each segment URL-encoded ("SMILE-UHURA%202023.md"). */
export const RAW_BASE = 'https://raw.githubusercontent.com/openmedlab/Awesome-Medical-Dataset/main/';
export const README_PATH = 'README.md';
export const RESOURCES_DIR = 'resources/';

/** Dataset tables: these four columns, optionally followed by "Challenge". */
export const DATASET_HEADER = ['Dataset', 'Description', 'Official Website', 'Release Date'];
export const OPTIONAL_DATASET_COLUMNS = ['Challenge'];

/** Tables after the dataset lists that are not datasets: counted in a note, never listed. */
export const NON_DATASET_TABLES: { id: string; header: string[] }[] = [
  { id: 'evaluation benchmarks', header: ['Benchmark', 'Organization', 'Paper', 'Website'] },
  { id: 'SOTA methods', header: ['Model', 'Organization', 'Paper', 'Github'] },
  { id: 'foundation toolbox projects', header: ['Projects', 'Organization', 'Paper', 'Github'] },
];

/** The "##" heading the dataset tables sit under. */
export const DATASETS_HEADING = 'Public Medical Dataset';

export type Group = 'imaging' | 'image-text' | 'text';

/** The "###" heading under DATASETS_HEADING decides what a table's rows are. */
export const GROUPS: Record<string, Group> = {
  Imaging: 'imaging',
  'Image text dataset': 'image-text',
  'Text dataset': 'text',
};

/**
 * Every section that must hold a dataset table. They run through the whole
 * dataset part of the README, so a page cut short misses the last ones.
 */
export const EXPECTED_SECTIONS = [
  'Whole Body',
  'Head and Neck',
  'Chest',
  'Abdomen',
  'Heart',
  'Bones',
  'Endoscopy',
  'Retina',
  'Skin',
  'Microscopic imaging',
  'Image text dataset',
  'Text dataset',
];

/** Fewer imaging + image-text rows than this means the page is not the list it was (357 on 2025-01-20). */
export const MIN_LISTINGS = 300;

/** A Dataset cell's link to its resource page; "./resource/…" (singular) is a typo in one row. */
export const RESOURCE_LINK = /^(?:\.\/)?(resources?)\/(.+\.md)$/;

/** The heading a resource page's meta table sits under. */
export const META_HEADING = 'Dataset Meta Information';

/**
 * Spelling variants of the template's eight meta columns. A header not listed
 * here is kept under meta_<snake_case header> (e.g. meta_language, meta_train).
 */
export const META_ALIASES: Record<string, string> = {
  dimensions: 'dimensions',
  dimension: 'dimensions',
  modality: 'modality',
  'task type': 'task_type',
  'anatomical structures': 'anatomical_structures',
  'anatomical structure': 'anatomical_structures',
  'anatomical area': 'anatomical_area',
  'anatomical areas': 'anatomical_area',
  'anatomical region': 'anatomical_area',
  'number of categories': 'number_of_categories',
  'number of classes': 'number_of_categories',
  'data volume': 'data_volume',
  'data volume(slices)': 'data_volume',
  'dataset size': 'data_volume',
  'file format': 'file_format',
};

/** Resource pages fetched at once (the HTTP client adds its own per-host limit on top). */
export const FETCH_CONCURRENCY = 4;
