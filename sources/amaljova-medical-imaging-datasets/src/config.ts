export const SOURCE_ID = 'amaljova-medical-imaging-datasets';
export const TITLE = 'Comprehensive Medical Imaging Datasets Repository (amaljova/Medical-Imaging-Datasets)';
export const HOMEPAGE = 'https://github.com/amaljova/Medical-Imaging-Datasets';
export const README_URL = 'https://raw.githubusercontent.com/amaljova/Medical-Imaging-Datasets/main/README.md';
export const README_FILE = 'README.md';

/** Raw field a dataset-table column is emitted as; `name` and `access_link` are handled specially. */
export type ColumnField =
  | 'name'
  | 'structures_count'
  | 'ct_scans'
  | 'scans'
  | 'anatomical_structures'
  | 'body_region'
  | 'modality'
  | 'description'
  | 'size_scope'
  | 'access_link'
  | 'license'
  | 'notes';

export interface DatasetSchema {
  id: string;
  /** Header cells as plain text (bold markup removed), in order. */
  columns: { header: string; field: ColumnField }[];
  /** A modality the table implies for every row although no column says it (the "# CT Scans" tables are all CT). */
  impliedModality?: string;
}

export const DATASET_SCHEMAS: DatasetSchema[] = [
  {
    id: 'ct-structures',
    columns: [
      { header: 'Dataset Name', field: 'name' },
      { header: '# Structures', field: 'structures_count' },
      { header: '# CT Scans', field: 'ct_scans' },
      { header: 'Anatomical Structures', field: 'anatomical_structures' },
      { header: 'Body Region', field: 'body_region' },
      { header: 'Access Link', field: 'access_link' },
      { header: 'License', field: 'license' },
      { header: 'Notes', field: 'notes' },
    ],
    impliedModality: 'CT',
  },
  {
    id: 'thoracic-ct',
    columns: [
      { header: 'Dataset Name', field: 'name' },
      { header: '# Structures', field: 'structures_count' },
      { header: '# CT Scans', field: 'ct_scans' },
      { header: 'Anatomical Structures', field: 'anatomical_structures' },
      { header: 'Access Link', field: 'access_link' },
      { header: 'License', field: 'license' },
      { header: 'Notes', field: 'notes' },
    ],
    impliedModality: 'CT',
  },
  {
    id: 'breast',
    columns: [
      { header: 'Dataset Name', field: 'name' },
      { header: 'Modality', field: 'modality' },
      { header: '# Scans', field: 'scans' },
      { header: 'Structures', field: 'anatomical_structures' },
      { header: 'Access Link', field: 'access_link' },
      { header: 'Notes', field: 'notes' },
    ],
  },
  {
    id: 'modality-description',
    columns: [
      { header: 'Dataset Name', field: 'name' },
      { header: 'Modality', field: 'modality' },
      { header: 'Description', field: 'description' },
      { header: 'Size/Scope', field: 'size_scope' },
      { header: 'Access Link', field: 'access_link' },
    ],
  },
];

/** The "selection guide" tables: their rows are categories ("Mega (>10,000)", "Oncology"), never datasets. */
export const GUIDE_SCHEMAS: { id: string; header: string[] }[] = [
  { id: 'by-size-category', header: ['Size Category', 'Dataset Examples', 'Typical Use Case'] },
  { id: 'by-anatomical-region', header: ['Region', 'Key Datasets', 'Total Scans'] },
  { id: 'by-access', header: ['Access Type', 'Requirements', 'Example Datasets'] },
  { id: 'by-primary-need', header: ['Your Need', 'Recommended Datasets', 'Why'] },
  { id: 'by-clinical-application', header: ['Application', 'Datasets'] },
];

/** Fewer dataset rows than this means the page is not the list it was (111 on 2025-11-05). */
export const MIN_DATASET_ROWS = 100;
