/** Every IDC setting in one place. */

export const SOURCE_ID = 'idc';

export const HOMEPAGE = 'https://portal.imaging.datacommons.cancer.gov/';

/** Release notes (GitBook markdown, IDC-Docs branch prod): which collections each data version added or revised. */
export const RELEASE_NOTES_URL = 'https://raw.githubusercontent.com/ImagingDataCommons/IDC-Docs/prod/data/data-release-notes.md';
export const RELEASE_NOTES_FILE = 'data-release-notes.md';

/** The IDC API v2 collections endpoint (schema: collectionMetadata in openapi-appengine.v2.yaml). */
export const API_COLLECTIONS_URL = 'https://api.imaging.datacommons.cancer.gov/v2/collections';
export const API_COLLECTIONS_FILE = 'api-v2-collections.json';

/** "## v17 - December 2023" */
export const RELEASE_HEADING = /^##\s+(v(\d+))\s+-\s+(.+?)\s*$/;

/**
 * A release's sub-heading is a bare line of words ("New radiology
 * collections", "Updated collections:"); prose has punctuation and is not one.
 */
export const SUBHEADING = /^[A-Z][A-Za-z /-]{1,78}:?$/;

/**
 * The oldest release never changes: v1 lists 25 original and 3 analysis
 * collections. Fewer items there means the page was cut short.
 */
export const OLDEST_RELEASE = { version: 'v1', minItems: 28 };

/** Clinical-table ids such as "ea1141_demographics": lower-case words joined by underscores. */
export const CLINICAL_TABLE_ID = /^[a-z0-9]+(?:_[a-z0-9]+)+$/;

/** Sub-headings whose items are clinical data, not imaging collections. */
export const CLINICAL_SECTION = /clinical/i;

/** Sub-headings whose items are analysis results (derived annotations/segmentations). */
export const ANALYSIS_SECTION = /analysis/i;

export const DOI_HOSTS = new Set(['doi.org', 'dx.doi.org']);
export const PORTAL_HOST = 'portal.imaging.datacommons.cancer.gov';
