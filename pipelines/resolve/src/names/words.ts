import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ImcatError } from '@imcat/errors';

const WORDS_FILE = fileURLToPath(new URL('../../words.json', import.meta.url));

/** The word lists of name analysis (words.json), read once. */
export interface Words {
  /** Filler words a name may misspell by one edit ("CHALLNEGE"). */
  fillers: string[];
  /** Publisher and filler words: what is left without them is a name's core. */
  core_stop: string[];
  /** Words whose difference makes two close names different datasets (modality, format, anatomy, subset). */
  qualifier_words: string[];
  /** Words that describe any dataset; with the qualifiers, the generic words. */
  descriptive_words: string[];
  /** Words that say a generic name names a collection ("images", "dataset"). */
  collection_words: string[];
  /** Words that do not count for a long name's initials. */
  initial_stop: string[];
  /** Words that never name a part of a collection. */
  part_stop: string[];
  /** Words left out of a name's content words besides its core's stop words. */
  content_stop: string[];
  /** One spelling per qualifier ("mri" → "mr"). */
  canon_tokens: Record<string, string>;
  /** What a qualifier word says about content: a modality ("m:"), a region ("r:") or an organ ("a:"). */
  qualifier_content: Record<string, string>;
}

const WORD = /^[a-z0-9]+$/;

/** Check the word lists: every word (and every canonical spelling) lower-case letters and digits, as the SQL built from them assumes. */
export function checkWords(value: unknown, file = WORDS_FILE): Words {
  const fail = (what: string, found: unknown): never => {
    throw new ImcatError(`${file}: ${what}: expected lower-case letters and digits, found ${JSON.stringify(found)}`);
  };
  const w = value as Record<string, unknown>;
  const lists = ['fillers', 'core_stop', 'qualifier_words', 'descriptive_words', 'collection_words', 'initial_stop', 'part_stop', 'content_stop'] as const;
  for (const key of lists) {
    const list = w[key];
    if (!Array.isArray(list)) fail(key, list);
    for (const word of list as unknown[]) if (typeof word !== 'string' || !WORD.test(word)) fail(key, word);
  }
  for (const key of ['canon_tokens', 'qualifier_content'] as const) {
    const map = w[key];
    if (!map || typeof map !== 'object' || Array.isArray(map)) fail(key, map);
    for (const [k, v] of Object.entries(map as Record<string, unknown>)) {
      if (!WORD.test(k)) fail(key, k);
      if (typeof v !== 'string' || !(key === 'qualifier_content' ? /^[mra]:[a-z0-9]+$/ : WORD).test(v)) fail(`${key}.${k}`, v);
    }
  }
  return value as Words;
}

let loaded: Words | undefined;

export function words(): Words {
  loaded ??= checkWords(JSON.parse(readFileSync(WORDS_FILE, 'utf8')));
  return loaded;
}

const sqlList = (list: readonly string[]) => `[${list.map((w) => `'${w}'`).join(', ')}]`;

/**
 * The SQL macros later steps read the word lists through (02, 06 and the listing analysis of 01):
 * qualifier_words(), descriptive_words(), generic_words() and qualifier_content(t), written from
 * words.json so the lists exist once. The words are checked to be [a-z0-9]+, so quoting is plain.
 */
export function wordMacros(w: Words = words()): string {
  const content = Object.entries(w.qualifier_content)
    .map(([k, v]) => `WHEN '${k}' THEN '${v}'`)
    .join(' ');
  return [
    `CREATE OR REPLACE MACRO qualifier_words() AS ${sqlList(w.qualifier_words)};`,
    `CREATE OR REPLACE MACRO descriptive_words() AS ${sqlList(w.descriptive_words)};`,
    `CREATE OR REPLACE MACRO generic_words() AS list_concat(qualifier_words(), descriptive_words());`,
    `CREATE OR REPLACE MACRO qualifier_content(t) AS CASE t ${content} END;`,
  ].join('\n');
}
