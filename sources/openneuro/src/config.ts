/** Every OpenNeuro setting in one place. */

export const SOURCE_ID = 'openneuro';

export const HOMEPAGE = 'https://openneuro.org';

/** The live endpoint: OpenNeuro's public GraphQL API (POST, JSON). */
export const GRAPHQL_URL = 'https://openneuro.org/crn/graphql';

/** The capture: a TSV export of that API made by jbwexler/openneuro_metadata, kept in OpenNeuroStudies. */
export const CAPTURE_FILE = 'openneuro-graphql.tsv';
export const TSV_URL =
  'https://raw.githubusercontent.com/OpenNeuroStudies/OpenNeuroStudies/a4a49030825ece765f8fd32ee6fe866df6234ba1/sourcedata/openneuro-graphql.tsv';

/** Datasets per GraphQL page, and the most pages one fetch may follow (OpenNeuro had ~1.5k datasets in 2025). */
export const PAGE_SIZE = 100;
export const MAX_PAGES = 60;

/**
 * The datasets query. Field names follow OpenNeuro's own indexer query
 * (packages/openneuro-indexer/src/indexQuery.ts); `metadata` carries the
 * curated columns the TSV export was made from.
 */
export const DATASETS_QUERY = `query imcatDatasets($first: Int!, $after: String) {
  datasets(first: $first, after: $after) {
    edges {
      node {
        id
        created
        metadata {
          datasetName datasetUrl firstSnapshotCreatedAt latestSnapshotCreatedAt modalities ages
          dxStatus trialCount tasksCompleted studyDesign studyDomain studyLongitudinal dataProcessed
          species associatedPaperDOI openneuroPaperDOI seniorAuthor
        }
        latestSnapshot {
          tag
          description { Name License }
          summary { modalities subjects size tasks }
        }
      }
    }
    pageInfo { hasNextPage endCursor }
  }
}`;

/** TSV columns the parser reads; a missing or renamed one is layout drift. Other columns pass through to raw. */
export const REQUIRED_TSV_COLUMNS = [
  'accession_number',
  'dataset_url',
  'dataset_name',
  'made_public',
  'num_subjects',
  'modalities',
  'tasks',
  'doi_of_papers_from_source_data_lab',
] as const;

/** Columns that become the listing's key, url and name rather than raw fields. */
export const LISTING_COLUMNS = new Set(['accession_number', 'dataset_url', 'dataset_name']);

/** The capture holds 1473 rows; far fewer means a truncated export. */
export const MIN_TSV_ROWS = 1000;

/** Modality tokens that mean imaging: MRI and PET in all their BIDS-ish spellings, plus microscopy. */
export const IMAGING_TOKEN_PREFIXES = ['mri', 'pet', 'microscopy'];

/**
 * BIDS MRI suffixes that some rows give instead of "mri" (e.g. "t1w, bold,
 * events"): they name MRI data, so such a dataset is imaging too.
 */
export const MRI_SUFFIX_TOKENS = new Set([
  't1w',
  't2w',
  't2starw',
  'flair',
  'pdw',
  'bold',
  'dwi',
  'sbref',
  'fieldmap',
  'phasediff',
  't1map',
  't2map',
  'asl',
  'm0scan',
  'angio',
]);

/** dataset_name values that are only the accession (or an old release tag of it), not a name. */
export const PLACEHOLDER_NAME = /^ds\d+[a-z]?(_R\d+(\.\d+)*)?$/i;

export const DATASET_PAGE = (id: string): string => `https://openneuro.org/datasets/${encodeURIComponent(id)}`;
