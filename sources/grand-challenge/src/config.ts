/** Every grand-challenge setting in one place. */

export const SOURCE_ID = 'grand-challenge';

export const HOMEPAGE = 'https://grand-challenge.org/challenges/';

/** DRF-paginated challenge list: {count, next, previous, results[]}. */
export const API_URL = 'https://grand-challenge.org/api/v1/challenges/';
export const PAGE_SIZE = 100;
export const FIRST_PAGE_URL = `${API_URL}?limit=${PAGE_SIZE}&offset=0`;

/** 264 challenges in 2026: three pages of 100. The cap stops a `next` chain that never ends. */
export const MAX_PAGES = 30;

/** The capture is the last page of a limit=34 walk (offset 230 of 264). */
export const CAPTURE_FILE = 'challenges-api-v1-offset230-limit34.json';
export const CAPTURE_URL = `${API_URL}?limit=34&offset=230`;

/** Every result needs these to become a listing. */
export const REQUIRED_RESULT_FIELDS = ['slug', 'title', 'url'] as const;

/** List-valued fields and how their items are joined in raw. */
export const JOINED_FIELDS: Record<string, string> = {
  publications: ' | ',
  submission_types: ', ',
  incentives: ', ',
};

/** Scalar fields copied to raw as strings (key, name and url are the listing's own fields). */
export const RAW_FIELDS = ['slug', 'description', 'status', 'start_date', 'end_date', 'created', 'modified', 'public', 'api_url', 'logo'] as const;
