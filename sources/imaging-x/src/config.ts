/** Every setting of the imaging-x source in one place. */

export const SOURCE_ID = 'imaging-x';

export const OWNER_REPO = 'uni-medical/Project-Imaging-X';
export const HOMEPAGE = `https://github.com/${OWNER_REPO}`;
export const RAW_BASE = `https://raw.githubusercontent.com/${OWNER_REPO}`;
/** The branch the live files are read from when no commit could be pinned. */
export const DEFAULT_REF = 'main';

export const DATASETS_PATH = 'skills/project-imaging-x-discovery/datasets.json';
export const README_PATH = 'README.md';

/** Optional version pin: the newest commit that touched datasets.json. */
export const COMMITS_API = `https://api.github.com/repos/${OWNER_REPO}/commits?path=${DATASETS_PATH}&per_page=1`;

export function rawUrl(path: string, ref = DEFAULT_REF): string {
  return `${RAW_BASE}/${ref}/${path}`;
}

/** Keys every datasets.json object carries; a key absent from the whole file is layout drift. */
export const JSON_KEYS = [
  'section',
  'name',
  'url',
  'year',
  'dim',
  'modality',
  'structure',
  'samples',
  'label',
  'task',
  'diseases',
  'access',
  'download_method',
  'auth_instructions',
] as const;

/**
 * README table header, column by column. The samples column is headed
 * "Images", "Volumes" or "Samples" depending on the section.
 */
export const README_COLUMNS: readonly (readonly string[])[] = [
  ['#'],
  ['Dataset'],
  ['Year'],
  ['Dim'],
  ['Modality'],
  ['Structure'],
  ['Images', 'Volumes', 'Samples'],
  ['Label'],
  ['Task'],
  ['Diseases'],
];

/**
 * The heading that follows the last dataset table. A README cut short (a
 * truncated download) lacks it, which is how truncation is detected.
 */
export const README_END_HEADING = /Acknowledg/i;

/** Fewer rows than this in either file means the file is not the catalog we know (1151 rows in 2026). */
export const MIN_ROWS = 1000;

/** README fields compared against datasets.json, and the JSON key each one mirrors. */
export const COMPARED_FIELDS = ['url', 'year', 'dim', 'modality', 'structure', 'samples', 'label', 'task', 'diseases'] as const;
export type ComparedField = (typeof COMPARED_FIELDS)[number];
