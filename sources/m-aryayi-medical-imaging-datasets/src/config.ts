/** Every setting of the m-aryayi source in one place. */

export const SOURCE_ID = 'm-aryayi-medical-imaging-datasets';
export const TITLE = 'Awesome Public Medical Imaging Datasets (m-aryayi/Medical-Imaging-Datasets)';
export const HOMEPAGE = 'https://github.com/m-aryayi/Medical-Imaging-Datasets';
export const README_URL = 'https://raw.githubusercontent.com/m-aryayi/Medical-Imaging-Datasets/main/README.md';
export const CAPTURE_FILE = 'README.md';

/** Headings that hold dataset bullets (## or ###); a missing one is layout drift. */
export const DATA_SECTIONS = [
  'Brain',
  'Ears, Nose, Teeth, and Throat',
  'Eyes',
  'Bowel',
  'Breast',
  'Heart and Blood Vessels',
  'Kidneys and Urinary Tract',
  'Liver',
  'Lungs',
  'Bones',
  'Joints',
  'Female Reproductive Organs',
  'Male Reproductive Organs',
  'Lymph Nodes',
  'Skin',
  'Multi Organs Datasets',
  'Animals',
] as const;

/** The heading after the last dataset: the page is cut short if it is missing; nothing after it is read. */
export const END_HEADING = 'Notes and Contributions';

/** Headings above the datasets whose bullets are not datasets (table of contents, icon legend). */
export const PREAMBLE_SECTIONS = ['Table of Contents', 'Introduction'] as const;

/** The keywords label: the list spells it "Keyboard" (sic); "Keywords" is accepted in case it gets fixed. */
export const KEYWORD_LABELS = ['***Keyboard:***', '***Keywords:***'] as const;

/** Icon images that mark a line's meaning. */
export const ICONS = {
  license: 'src/CcLogo.png',
  paper: 'src/paper.png',
  leaderboard: 'src/leaderboard.png',
  brokenLink: 'src/brokenlink.png',
} as const;

/** The capture has 659 entries; far fewer means a cut or restructured page. */
export const MIN_LISTINGS = 500;
