/** Every MedMNIST-site setting in one place. */

export const SOURCE_ID = 'medmnist-site';

export const HOMEPAGE = 'https://medmnist.com/';

/** The current page: its overview tables are Vue templates filled in the browser from assets/v2/data.js. */
export const INDEX_URL = 'https://medmnist.com/';
/** The MedMNIST v1-era page ("v0"): a static table of the 10 original subsets. */
export const V0_URL = 'https://medmnist.com/v0.html';
/** Where the 18 current subsets really live (JavaScript; optional, not captured, not parsed). */
export const DATA_JS_URL = 'https://medmnist.com/assets/v2/data.js';

export const CAPTURES: Record<string, string> = {
  'index.html': INDEX_URL,
  'v0.html': V0_URL,
};

/** The v0 overview table's header, exactly. */
export const V0_HEADER = ['Name', 'Data Modality', 'Tasks (# Classes/Labels)', '# Training', '# Validation', '# Test'];
/** Raw field for each v0 column, in header order (Name becomes the listing name). */
export const V0_FIELDS = ['name', 'modality', 'tasks', 'n_train', 'n_val', 'n_test'] as const;

/** v0.html is frozen: 10 subsets. Fewer rows means a cut page. */
export const V0_MIN_ROWS = 10;

export const V0_VERSION = 'v0';
