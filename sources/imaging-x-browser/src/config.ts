/** Every setting of the imaging-x-browser source in one place. */

export const SOURCE_ID = 'imaging-x-browser';

export const HOMEPAGE = 'https://github.com/tchenglv520/medical-dataset-browser';
export const DATA_PATH = 'static/data/cleaned_total.json';
export const DATA_URL = `https://raw.githubusercontent.com/tchenglv520/medical-dataset-browser/main/${DATA_PATH}`;
/** The capture file standing for DATA_URL. */
export const CAPTURE_FILE = 'cleaned_total.json';

/** The `columns` list of cleaned_total.json; any of these missing or renamed is layout drift. */
export const EXPECTED_COLUMNS = [
  'name',
  'slug',
  'link',
  'organization',
  'challenge_series',
  'license',
  'release_date',
  'year',
  'dimension',
  'modality',
  'modality_secondary',
  'task',
  'organ',
  'images_valid',
  'has_labels',
  'num_classes',
  'tumor',
  'quality_flag',
  'impact',
  'data_volume_total',
  'data_volume_train',
  'data_volume_val',
  'data_volume_test',
  'data_volume_label',
  'data_volume_raw',
] as const;

/** Columns that become listing fields rather than raw entries. */
export const NAME_COLUMN = 'name';
export const LINK_COLUMN = 'link';
export const SLUG_COLUMN = 'slug';

/** How array values (modality, modality_secondary, task) are flattened into one raw string. */
export const ARRAY_JOINER = ' | ';

/** Fewer rows than this means the file is not the catalog we know (1156 rows in 2025). */
export const MIN_ROWS = 1000;
