/**
 * Name analysis for entity resolution: what a listing's name says (its edition, the name without it,
 * its words, keys, numbers, acronyms) and the other names it goes by (variants). Pure functions of the
 * name as shown, run once per distinct name in worker threads (parallel.ts); the resolution steps in SQL
 * read the results (01-er-names.sql). The rules are documented in docs/architecture.md ("Entity resolution").
 *
 * Names are folded first (foldName: lower case, accents stripped, runs of anything but a-z0-9 one space,
 * COVID-19 spellings as "covid"), so every regular expression on a folded name works on ASCII; the few read
 * on the name as shown (capitals, short forms, a sequel before a colon) match ASCII characters only.
 */
import { words, type Words } from './words';

export type EditionKind = 'multi' | 'year' | 'sequel';

/** A name's analysis: the columns of er_names (01-er-listings.sql), one row per distinct name. */
export interface NameAnalysis {
  name: string;
  /** The folded name its edition was read from: the folded name, or its core when only filler words hid the edition. */
  f: string;
  edition_kind: EditionKind | null;
  /** A 4-digit year, v<n> for a sequel, or null (none, or several: "multi"). */
  edition: string | null;
  /** The name without its edition: what the editions of one family share. */
  base: string;
  tokens: string[];
  words: string[];
  base_key: string;
  core_base_key: string;
  numbers: string[];
  last_word: string | null;
  name_tails: string[];
  numbers_are_counts: boolean;
  parts: string[];
  /** The part words that can name a part of a collection: not descriptive, nor a descriptive word misspelt ("Penumonia"). */
  part_names: string[];
  sorted_words: string[];
  word_set_key: string;
  generic: boolean;
  acronym_kind: 'short' | 'long' | null;
  acronyms: string[];
  tokens_compact: string;
  words_compact: string;
  qualifier_tokens: string[];
  modality_tokens: string[];
  parts_compact: string;
  /** The name looks like a repository accession ("ds000030"): letters, then five digits or more. */
  accession_like: boolean;
  /** Whether the name itself still names something, and so is one of the names a listing goes by (a 'name' variant). */
  name_variant: boolean;
  /** Every word of the base is generic: with no edition, the name's core identifies nothing. */
  base_generic: boolean;
  /** The other names the listing goes by that still name something (02-name-variants.sql). */
  variants: Variant[];
}

/** Another name a listing goes by, analysed: a bracket, the part before a colon, the long name after a short one. */
export interface Variant {
  kind: 'before-bracket' | 'in-bracket' | 'before-colon' | 'after-colon';
  f: string;
  /** The variant's own edition (null: the listing's edition applies). */
  own_edition: string | null;
  stripped_key: string;
  stripped_core_key: string;
  /** Every word of the variant without its edition is generic (with no edition, its core identifies nothing). */
  stripped_generic: boolean;
}

interface Marks {
  multi: boolean;
  y4: string | null;
  y2: string | null;
  sequel: string | null;
}

/** Word sets and maps built once from the word lists. */
export class Analyser {
  private readonly coreStop: Set<string>;
  private readonly qualifiers: Set<string>;
  private readonly generic: Set<string>;
  private readonly collection: Set<string>;
  private readonly initialStop: Set<string>;
  private readonly partStop: Set<string>;
  private readonly contentStop: Set<string>;
  private readonly canon: Map<string, string>;
  private readonly content: Map<string, string>;
  private readonly fillers: Set<string>;
  /** The filler words by their first letter's code (a misspelling is looked for among those of its own first letter). */
  private readonly fillersByFirst: string[][];
  /** Descriptive words that are not qualifiers. */
  private readonly describing: Set<string>;
  /** Those of six letters or more, by their first letter's code. */
  private readonly describingByFirst: string[][];

  constructor(w: Words = words()) {
    this.fillers = new Set(w.fillers);
    this.fillersByFirst = byFirstLetter(w.fillers);
    this.describing = new Set(w.descriptive_words.filter((t) => !w.qualifier_words.includes(t)));
    this.describingByFirst = byFirstLetter([...this.describing].filter((t) => t.length >= 6));
    this.coreStop = new Set(w.core_stop);
    this.qualifiers = new Set(w.qualifier_words);
    this.generic = new Set([...w.qualifier_words, ...w.descriptive_words]);
    this.collection = new Set(w.collection_words);
    this.initialStop = new Set(w.initial_stop);
    this.partStop = new Set(w.part_stop);
    this.contentStop = new Set(w.content_stop);
    this.canon = new Map(Object.entries(w.canon_tokens));
    this.content = new Map(Object.entries(w.qualifier_content));
  }

  /** The analysis of one name as shown. */
  analyse(name: string): NameAnalysis {
    const named = this.refold(foldName(name));
    let f = named;
    let marks = editionMarks(named, sequelOf(named) ?? sequelBeforeColonOrBracket(name));
    if (editionKind(marks) === null) {
      // An edition hidden by publisher and filler words ("CaPG-v2 Study") is read from the core.
      const core = this.coreOf(named);
      marks = editionMarks(core, sequelOf(core));
      if (editionKind(marks) !== null) f = core;
    }
    const kind = editionKind(marks);
    const edition = editionFrom(marks);
    const base = stripEditionOf(f, kind, marks.y4);

    const baseWords = splitWords(base);
    const tokens = baseWords.map((t) => this.canonToken(t));
    const coreOfBase = this.coreOf(base);
    const contentWords = this.contentWords(coreOfBase);
    // A short name written as an acronym ("LiTS", "CHAOS", "LIDC-IDRI" → "lidc"), and its capitals.
    const caps = name.replace(/[^A-Z]+/g, '');
    const shortForm = !trimSpaces(name.replace(/[0-9 ._-]+$/, '')).includes(' ') && caps.length >= 3 && codepoints(name) <= 14;
    // The words of a long name that count for its initials.
    const initialWords = baseWords.filter((t) => !this.initialStop.has(t));
    const parts = this.partWords(base);
    // The content words in one order, plurals folded: "PROSTATEx-Seg-Zones" = "PROSTATEx Zone Segmentations".
    const sortedWords = [...new Set(contentWords.map((t) => (t.length > 4 && t.endsWith('s') && t[t.length - 2] !== 's' ? t.slice(0, -1) : t)))].sort(byCodeUnits);
    // The name's last two to four words run together ("SinaFarsiu-010-Rabbani_IOVS_2014" → rabbaniiovs2014): one
    // listing may name the page another links (url_slug in 01-er-listings.sql).
    const fWords = f.split(' ');
    const nameTails: string[] = [];
    for (const k of [2, 3, 4]) {
      if (fWords.length > k) {
        const tail = fWords.slice(-k).join('');
        if (tail.length >= 8) nameTails.push(tail);
      }
    }
    const acronyms: string[] = [];
    const addAcronym = (x: string | null) => {
      if (x !== null && x.length >= 3 && !acronyms.includes(x)) acronyms.push(x);
    };
    addAcronym(shortForm ? caps.toLowerCase() : null);
    addAcronym(shortForm && name.includes('-') ? name.split('-')[0]!.replace(/[^A-Za-z]/g, '').toLowerCase() : null);
    addAcronym(initialWords.length >= 3 ? initialWords.map((t) => t[0]).join('') : null);

    const distinctTokens = new Set(tokens);
    const baseKey = tokens.join('');
    const coreBaseKey = this.canonCompact(coreOfBase);
    return {
      name,
      f,
      edition_kind: kind,
      edition,
      base,
      tokens,
      words: contentWords,
      base_key: baseKey,
      core_base_key: coreBaseKey,
      // Every digit run of the name without its edition: "Task 3" vs "Task4", "RICORD-1A" vs "1B", "ToothFairy2" vs "3".
      numbers: numbersOf(base),
      // The last word of a dated name of two ("EndoVis23-PitVis" → pitvis): a sub-challenge's own name under its series.
      last_word: tokens.length === 2 && edition !== null ? tokens[1]! : null,
      name_tails: nameTails,
      // Numbers that only count something ("COVID19-CT-1000"): standalone, three digits or more, none glued to a word
      // (a glued or short number is a version or part: "REFUGE2", "HAM10000", "2D").
      numbers_are_counts: !/[a-z][0-9]|[0-9][a-z]|(^|[^0-9])[0-9]{1,2}([^0-9]|$)/.test(base),
      parts,
      part_names: parts.filter((t) => !this.onlyDescribes(t)),
      sorted_words: sortedWords,
      word_set_key: `${sortedWords.join(' ')}#${edition ?? ''}`,
      // A name made only of descriptive words ("Chest X-ray", "COVID-19 Chest X-ray DB") identifies nothing by itself
      // (words counted once: "COVID_CT_COVID-CT" is the two words of "COVID-CT").
      generic:
        edition === null &&
        kind === null &&
        this.allGeneric(tokens) &&
        (distinctTokens.size >= 3 || tokens.some((t) => this.collection.has(t))),
      acronym_kind: shortForm ? 'short' : initialWords.length >= 3 ? 'long' : null,
      acronyms,
      // The words run together (for "contained in the other name" tests in 06-pairs.sql), and the qualifier and
      // modality words of the name.
      tokens_compact: tokens.join(''),
      words_compact: contentWords.join(''),
      qualifier_tokens: tokens.filter((t) => this.qualifiers.has(t)),
      modality_tokens: tokens.filter((t) => this.content.get(t)?.startsWith('m:') === true),
      parts_compact: parts.join(''),
      accession_like: /^[a-z]{0,4}[0-9]{5,}$/.test(duckdbLower(name)),
      name_variant: this.namesSomething(f, false),
      base_generic: this.allGeneric(baseWords),
      variants: this.variants(name),
    };
  }

  /**
   * The other names a listing goes by: a trailing bracket's outside ("Liver Tumor Segmentation (LiTS)" → its
   * long name) unless the bracket names a part ("(Subset: CT)", "(WSI)"), the bracket itself when it reads as a
   * short name, the part before a colon, and the long name after a one-word short name and a colon. Each is
   * folded and analysed like a name (without the name's own sequel-before-a-colon reading), once per (kind, form).
   */
  variants(name: string): Variant[] {
    const raw: [Variant['kind'], string][] = [];
    const bracket = name.includes('(') || name.includes('[');
    if (!bracket && !name.includes(':')) return [];
    if (bracket) {
      const inside = /[([]([^)\]]*)[)\]][\t\n\f\r .]*$/.exec(name)?.[1] ?? '';
      if (!PART_BRACKET.test(inside)) raw.push(['before-bracket', trimSpaces(/^([^([]+)[([][^)\]]*[)\]][\t\n\f\r .]*$/.exec(name)?.[1] ?? '')]);
      const short = /[([]([A-Za-z0-9._-]+)[)\]][\t\n\f\r .]*$/.exec(name)?.[1] ?? '';
      if (/[A-Z].*[A-Z0-9]|[0-9]/.test(short)) raw.push(['in-bracket', trimSpaces(short)]);
    }
    raw.push(['before-colon', trimSpaces(/^([^:]+):[\t\n\f\r ]+[^\t\n\f\r ]/.exec(name)?.[1] ?? '')]);
    if (/^[A-Za-z0-9._-]{2,16}:[\t\n\f\r ]+[^\t\n\f\r ]/.test(name)) {
      raw.push(['after-colon', trimSpaces(/^[A-Za-z0-9._-]{2,16}:[\t\n\f\r ]+([^\t\n\f\r ][^\n]*)$/.exec(name)?.[1] ?? '')]);
    }
    const out: Variant[] = [];
    const seen = new Set<string>();
    for (const [kind, variant] of raw) {
      if (variant === '') continue;
      const f = this.editionForm(foldName(variant));
      const key = `${kind}\u0000${f}`;
      if (seen.has(key)) continue;
      seen.add(key);
      if (!this.namesSomething(f, true)) continue;
      const marks = editionMarks(f, sequelOf(f));
      const stripped = stripEditionOf(f, editionKind(marks), marks.y4);
      out.push({
        kind,
        f,
        own_edition: editionFrom(marks),
        stripped_key: this.canonCompact(stripped),
        stripped_core_key: this.canonCompact(this.coreOf(stripped)),
        stripped_generic: this.allGeneric(splitWords(stripped)),
      });
    }
    return out;
  }

  /** A variant must still name something: at least 3 letters/digits, not just a year or a vocabulary word, and (but the name itself) at most 60 characters. */
  private namesSomething(f: string, capped: boolean): boolean {
    return f.replaceAll(' ', '').length >= 3 && !/^[0-9 ]+$/.test(f) && !this.qualifiers.has(f) && (!capped || f.length <= 60);
  }

  /** Whether every word is a generic (qualifier or descriptive) word; true for none (all_generic in SQL). */
  allGeneric(ws: readonly string[]): boolean {
    return ws.every((t) => this.generic.has(t));
  }

  /** The form an edition is read from: the folded name, or its core when only publisher and filler words hide the edition. */
  editionForm(f: string): string {
    if (editionKind(editionMarks(f, sequelOf(f))) !== null) return f;
    const core = this.coreOf(f);
    return editionKind(editionMarks(core, sequelOf(core))) !== null ? core : f;
  }

  /** Filler words misspelt by one edit read as the filler word ("CHALLNEGE" → challenge), so the core of a name is found. */
  private refold(folded: string): string {
    let changed = false;
    const ws = folded.split(' ');
    for (let i = 0; i < ws.length; i++) {
      const fix = this.fillerFix(ws[i]!);
      if (fix !== null) {
        ws[i] = fix;
        changed = true;
      }
    }
    return changed ? ws.join(' ') : folded;
  }

  /**
   * The filler word a word misspells: a word of six letters or more (no digits, not itself a filler) one edit
   * (an insertion, a deletion, a substitution or two neighbours swapped) from exactly one filler word of the
   * same first letter and a length within one of its own; null for any other word.
   */
  fillerFix(word: string): string | null {
    if (word.length < 6) return null;
    const candidates = this.fillersByFirst[word.charCodeAt(0)];
    if (candidates === undefined || /[0-9]/.test(word) || this.fillers.has(word)) return null;
    let fix: string | null = null;
    for (const f of candidates) {
      if (Math.abs(f.length - word.length) <= 1 && oneEditApart(word, f)) {
        // one filler at one edit, or none
        if (fix !== null) return null;
        fix = f;
      }
    }
    return fix;
  }

  /**
   * Whether a word only describes (a descriptive word that is not a qualifier), or misspells such a word by one
   * edit: a word of six letters or more, one edit from a descriptive word of six or more of the same first letter.
   */
  onlyDescribes(word: string): boolean {
    if (this.describing.has(word)) return true;
    if (word.length < 6) return false;
    const candidates = this.describingByFirst[word.charCodeAt(0)];
    return candidates !== undefined && candidates.some((d) => Math.abs(d.length - word.length) <= 1 && oneEditApart(word, d));
  }

  /** The name without publisher and filler words (core_of). */
  coreOf(f: string): string {
    return splitWords(f)
      .filter((t) => !this.coreStop.has(t))
      .join(' ');
  }

  private canonToken(t: string): string {
    return this.canon.get(t) ?? t;
  }

  private canonWords(f: string): string[] {
    return splitWords(f).map((t) => this.canonToken(t));
  }

  /** A compact key from folded words with qualifiers in one spelling (canon_compact). */
  canonCompact(f: string): string {
    return this.canonWords(f).join('');
  }

  /**
   * The words that say what a dataset is: publisher and filler words dropped, letters split from digits, digits
   * dropped (content_words of a name, given its core).
   */
  private contentWords(core: string): string[] {
    const dims = dimsAsWords(core);
    const split = splitLettersFromDigits(dims.includes('chestx') ? dims.replace(/chestx ?rays?/g, 'chest xray') : dims);
    return split
      .split(' ')
      .filter((t) => t !== '' && !/^[0-9]+$/.test(t) && !this.contentStop.has(t))
      .map((t) => this.canonToken(t));
  }

  /** The words of a name but filler, letters split from digits and digits dropped (part_words). */
  private partWords(f: string): string[] {
    return splitLettersFromDigits(dimsAsWords(f))
      .split(' ')
      .filter((t) => t !== '' && !/^[0-9]+$/.test(t) && !this.partStop.has(t))
      .map((t) => this.canonToken(t));
  }
}

/** Bracketed parts that name a part of a collection, not another name of the whole ("(Subset: CT)", "(Task1, CFP)", "(WSI)"). */
const PART_BRACKET = /\b(subset|task|part|track|phase|split|cohort)\b|^(ct|mri?|us|pet|x-?ray|2d|3d|wsi|microscopy|histopathology|fundus|oct|cfp|dermoscopy|endoscopy|ultrasound|video)$/i;

/** Words grouped by their first letter's code (index), for the few comparisons a misspelling check needs. */
function byFirstLetter(list: readonly string[]): string[][] {
  const out: string[][] = [];
  for (const w of list) (out[w.charCodeAt(0)] ??= []).push(w);
  return out;
}

/** Two different strings one edit apart: an insertion or deletion, a substitution, or two neighbouring characters swapped (Damerau-Levenshtein distance 1). */
export function oneEditApart(a: string, b: string): boolean {
  if (a === b) return false;
  if (a.length === b.length) {
    let i = 0;
    while (a[i] === b[i]) i++;
    // One substitution, or a swap of neighbours, and equal after it.
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  const [short, long] = a.length < b.length ? [a, b] : [b, a];
  if (long.length - short.length !== 1) return false;
  let i = 0;
  while (i < short.length && short[i] === long[i]) i++;
  return short.slice(i) === long.slice(i + 1);
}

const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Spaces (only) trimmed from both ends, as DuckDB's trim does. */
function trimSpaces(s: string): string {
  let start = 0;
  let end = s.length;
  while (start < end && s.charCodeAt(start) === 32) start++;
  while (end > start && s.charCodeAt(end - 1) === 32) end--;
  return s.slice(start, end);
}

/** Characters as DuckDB's length() counts them (code points). */
function codepoints(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0xd800 || c > 0xdbff || i + 1 >= s.length) n++;
    else {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
      n++;
    }
  }
  return n;
}

/** The non-empty words of a folded string. */
function splitWords(f: string): string[] {
  if (f === '') return [];
  const ws = f.split(' ');
  return f.includes('  ') || f.charCodeAt(0) === 32 || f.charCodeAt(f.length - 1) === 32 ? ws.filter((t) => t !== '') : ws;
}

/**
 * fold_name (00-macros.sql) in TypeScript: accents stripped, lower case, runs of anything but a-z0-9 one
 * space, COVID-19 spellings as "covid". (A test holds the two to the same results.)
 */
export function foldName(s: string): string {
  const lowered = duckdbLower(stripAccents(s));
  // Each run of anything but a-z0-9 one space, none at either end (one pass over the characters).
  let out = '';
  let gap = false;
  for (let i = 0; i < lowered.length; i++) {
    const c = lowered.charCodeAt(i);
    if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57)) {
      if (gap && out.length > 0) out += ' ';
      gap = false;
      out += lowered[i];
    } else gap = true;
  }
  return out.includes('covid') || out.includes('sars') ? out.replace(/(^| )(covid ?19|sars cov 2|sars cov2)( |$)/g, '$1covid$3') : out;
}

/** DuckDB's lower(): simple (one-to-one) case mapping, so "İ" is "i", not "i" and a combining dot. */
function duckdbLower(s: string): string {
  return (s.includes('\u0130') ? s.replaceAll('\u0130', 'i') : s).toLowerCase();
}

/** DuckDB's strip_accents() (utf8proc's STRIPMARK): canonical decomposition, combining marks removed, recomposed. */
function stripAccents(s: string): string {
  if (!/[^\x00-\x7f]/.test(s)) return s;
  return s.normalize('NFD').replace(/\p{M}/gu, '').normalize('NFC');
}


/** Whether a string's last character is a digit (every edition mark but a roman sequel ends with one). */
function endsWithDigit(f: string): boolean {
  const c = f.charCodeAt(f.length - 1);
  return c >= 48 && c <= 57;
}

/** A name's edition marks (given its sequel marker, read apart): each regular expression runs once per name. */
function editionMarks(f: string, sequel: string | null): Marks {
  // Every mark but the sequel needs a digit: a name without one has none.
  if (!/[0-9]/.test(f)) return { multi: false, y4: null, y2: null, sequel };
  const last = endsWithDigit(f);
  return {
    // "kits19 21", "flare21 22 23", "brats 2012 2024": a name that covers several editions.
    multi: last && /(^|[a-z ])(19|20)?[0-9]{2} (19|20)?[0-9]{2}( (19|20)?[0-9]{2})*$/.test(f),
    // A release year written in full anywhere ("brats 2021", "isic2018").
    y4: /(?:^|[^0-9])((?:19|20)[0-9]{2})(?:[^0-9]|$)/.exec(f)?.[1] || null,
    // A two-digit year at the end of a word or as the last word ("brats21", "flare 22"), or after a first word of four
    // letters or more with more words after it ("endovis18 rss", "kits19 challenge"; not "msd10 colon").
    y2: (last ? /(?:[a-z]{2,}|^|[a-z] )([0-9]{2})$/.exec(f)?.[1] : undefined) || /^[a-z]{4,} ?([12][0-9]) [a-z]/.exec(f)?.[1] || null,
    sequel,
  };
}

const ROMAN: Record<string, string> = { ii: '2', iii: '3', iv: '4', vi: '6', vii: '7', viii: '8', ix: '9', x: '10' };

/** A sequel marker: "v2", "version 2", roman "ii".."x", or a lone last digit ("oasis 3", "prostatex 2"). */
function sequelOf(f: string): string | null {
  if (!endsWithDigit(f)) {
    // Only a roman numeral ends in a letter.
    const m = / (ii|iii|iv|vi|vii|viii|ix|x)$/.exec(f);
    return m ? `v${ROMAN[m[1]!]}` : null;
  }
  let m: RegExpExecArray | null;
  if ((m = / v ?([0-9]+)$/.exec(f))) return `v${m[1]}`;
  if ((m = / version ([0-9]+)$/.exec(f))) return `v${m[1]}`;
  // glued to a short name: "liagv3"
  if (/(^| )[a-z]{3,}v[0-9]$/.test(f)) return `v${/v([0-9])$/.exec(f)![1]}`;
  if ((m = / (ii|iii|iv|vi|vii|viii|ix|x)$/.exec(f))) return `v${ROMAN[m[1]!]}`;
  if ((m = /[a-z]{2,} ([0-9])$/.exec(f))) return `v${m[1]}`;
  return null;
}

/**
 * A sequel marker inside the name as shown, just before its colon or bracketed part ("BerPAR v2: Bergen …",
 * "… Grading version 2 (CamPBG)"; not "Human V4 size …", where V4 is a brain area).
 */
function sequelBeforeColonOrBracket(name: string): string | null {
  const lower = duckdbLower(name);
  if (!/[a-z0-9][ _-](v ?[0-9]+|version [0-9]+) ?[:(]/.test(lower)) return null;
  return `v${/[a-z0-9][ _-](?:v ?|version )([0-9]+) ?[:(]/.exec(lower)?.[1] ?? ''}`;
}

function editionKind(m: Marks): EditionKind | null {
  if (m.multi) return 'multi';
  if (m.y4 !== null || m.y2 !== null) return 'year';
  if (m.sequel !== null) return 'sequel';
  return null;
}

function editionFrom(m: Marks): string | null {
  if (m.multi) return null;
  if (m.y4 !== null) return m.y4;
  if (m.y2 !== null) return (Number(m.y2) <= 40 ? '20' : '19') + m.y2;
  return m.sequel;
}

/** The name without its edition (what the editions of one family share), given its edition kind and full year. */
function stripEditionOf(f: string, kind: EditionKind | null, y4: string | null): string {
  let s: string;
  if (kind === 'multi') s = f.replace(/(19|20)?[0-9]{2}( (19|20)?[0-9]{2})+$/, '');
  else if (kind === 'year') {
    if (y4 !== null) s = f.replace(/(19|20)[0-9]{2}/g, ' ');
    else if (/[0-9]{2}$/.test(f)) s = f.replace(/[0-9]{2}$/, '');
    else s = f.replace(/^([a-z]{4,}) ?[12][0-9] /, '$1 ');
  } else if (kind === 'sequel') {
    s =
      / (v ?[0-9]+|version [0-9]+)$/.test(f) || !/(^| )[a-z]{3,}v[0-9]$/.test(f)
        ? f
            .replace(/ (v ?[0-9]+|version [0-9]+|ii|iii|iv|vi|vii|viii|ix|x|[0-9])$/, '')
            .replace(/([a-z0-9]) (v ?[0-9]+|version [0-9]+)( [a-z])/, '$1$3')
        : f.replace(/v[0-9]$/, '');
  } else s = f;
  return trimSpaces(s.replace(/ +/g, ' '));
}

/** "2D", "3D", "4D" as words that survive splitting letters from digits. */
function dimsAsWords(f: string): string {
  if (!/[234]d/.test(f)) return f;
  return f
    .replace(/(^| )2d( |$)/g, '$1dimtwo$2')
    .replace(/(^| )3d( |$)/g, '$1dimthree$2')
    .replace(/(^| )4d( |$)/g, '$1dimfour$2');
}

function splitLettersFromDigits(s: string): string {
  if (!/[0-9]/.test(s)) return s;
  return s.replace(/([a-z])([0-9])/g, '$1 $2').replace(/([0-9])([a-z])/g, '$1 $2');
}

/** The digit runs of a name as numbers ("MSD06" and "Task 6" both carry 6), in order; "2D"/"3D" are dimensions, not numbers. */
function numbersOf(f: string): string[] {
  if (!/[0-9]/.test(f)) return [];
  const runs = f.replace(/(^|[^0-9])[234]d( |$)/g, '$1 $2').match(/[0-9]+/g) ?? [];
  return runs.map((x) => x.replace(/^0+/, '') || '0');
}
