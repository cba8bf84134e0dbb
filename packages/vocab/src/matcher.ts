/**
 * Mapping messy multi-valued strings ("CT/ MR", "Seg, Det, Cls",
 * "Lung (Thorax)", "MRI, Cancer, Labeled") onto vocabulary slugs.
 */

/** Fold case, accents and punctuation so "X-Ray", "x ray" and "X_RAY" compare equal. CJK is kept. */
export function fold(value: string): string {
  return value
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    // A possessive belongs to its word: "Alzheimer's" folds like "Alzheimers", not "alzheimer s".
    .replace(/(\p{L})['\u2019]s(?![\p{L}\p{N}])/gu, '$1s')
    .replace(/[\u200b-\u200d\u2060\ufeff]/g, '')
    .replace(/[^\p{L}\p{N}?]+/gu, ' ')
    .replace(/\?/g, ' ')
    .trim()
    .replace(/\s+/g, ' ');
}

/** Separators between values in one cell: / , ; | + & and newlines. */
const SEPARATORS = /\s*(?:[/,;|+&\n\\]|\s-\s|\s–\s)\s*/;
/** An ampersand between two single letters is an abbreviation ("H&E", "H & E"), not a separator. */
const LETTER_AMPERSAND = /(^|[^\p{L}\p{N}])(\p{L})\s?&\s?(\p{L})(?![\p{L}\p{N}])/gu;
const KEPT_AMPERSAND = '\u0001';

/** Split a multi-valued cell into its parts, dropping empty pieces and truncation marks. */
export function splitParts(value: string): string[] {
  return value
    .replace(/(\.\.\.|…)\s*$/, '')
    .replace(LETTER_AMPERSAND, `$1$2${KEPT_AMPERSAND}$3`)
    .split(SEPARATORS)
    .map((p) => p.replaceAll(KEPT_AMPERSAND, '&').trim())
    .filter((p) => p.length > 0);
}

/** Words that carry no term of their own inside a value ("CT images", "MRI scans"). */
const FILLER = new Set([
  'and', 'or', 'of', 'the', 'with', 'w', 'in', 'on', 'for', 'from', 'only', 'a', 'an', 'by', 'to', 'etc',
  'image', 'images', 'imaging', 'scan', 'scans', 'data', 'dataset', 'datasets', 'based', 'level', 'type', 'types',
  'modality', 'modalities', 'task', 'tasks', 'multiple', 'various', 'several', 'other', 'others', 'including', 'mainly',
]);

export interface MatchResult {
  /** Slugs found, in first-seen order, without duplicates. */
  terms: string[];
  /** Parts (or leftover words) that matched nothing: these make a value "unmapped". */
  unmatched: string[];
  /** Parts recognised as explicit "no value" (NA, unknown, -). */
  nulls: string[];
  /** Parts recognised as outside the vocabulary by design (e.g. EEG for modality). */
  excluded: string[];
}

export interface TermSource {
  slug: string;
  synonyms: readonly string[];
  label?: string;
  /**
   * Phrases that name this term only when nothing else in the value names a term: "angiography"
   * alone is X-ray angiography, but in "CT angiography" or "CT/Angio" it only qualifies the CT.
   */
  qualifiers?: readonly string[];
}

/** Adds a slug to a result; a qualifier's slug is held back until the whole value is read. */
type AddTerm = (slug: string, qualifier?: boolean) => void;

export class TermMatcher {
  private readonly index = new Map<string, string>();
  /** Folded phrases of the index that are qualifiers (see TermSource.qualifiers). */
  private readonly qualifiers = new Set<string>();
  private readonly nulls: Set<string>;
  private readonly excluded: Set<string>;
  private readonly known: Set<string>;
  private readonly maxWords: number;
  /** Other vocabularies, used only to tell apart the pieces of a leftover run (see scanWords). */
  private neighbours: readonly TermMatcher[] = [];

  constructor(
    readonly vocabulary: string,
    terms: readonly TermSource[],
    nullTokens: readonly string[] = [],
    excluded: readonly string[] = [],
    /** Recognised words that name no term (diseases, label flags): consumed silently. */
    known: readonly string[] = [],
  ) {
    let maxWords = 1;
    for (const term of terms) {
      const names = [term.slug, ...(term.label ? [term.label] : []), ...term.synonyms];
      const qualifiers = term.qualifiers ?? [];
      for (const phrase of [...names, ...qualifiers]) {
        const key = fold(phrase);
        if (!key) continue;
        const existing = this.index.get(key);
        if (existing !== undefined && existing !== term.slug) {
          throw new Error(`${vocabulary} vocabulary: "${phrase}" is a synonym of both ${existing} and ${term.slug}`);
        }
        this.index.set(key, term.slug);
        maxWords = Math.max(maxWords, key.split(' ').length);
      }
      for (const phrase of qualifiers) {
        const key = fold(phrase);
        if (names.some((n) => fold(n) === key)) throw new Error(`${vocabulary} vocabulary: "${phrase}" is both a synonym and a qualifier of ${term.slug}`);
        if (key) this.qualifiers.add(key);
      }
    }
    this.known = new Set(known.map(fold));
    for (const k of this.known) maxWords = Math.max(maxWords, k.split(' ').length);
    this.maxWords = maxWords;
    this.nulls = new Set(nullTokens.map(fold));
    this.excluded = new Set(excluded.map(fold));
  }

  /** The slug for one exact phrase, if it is a known synonym. */
  lookup(phrase: string): string | undefined {
    return this.index.get(fold(phrase));
  }

  /** Whether a phrase names its term only when nothing else in the value does (see TermSource.qualifiers). */
  isQualifier(phrase: string): boolean {
    return this.qualifiers.has(fold(phrase));
  }

  /** Whether a folded phrase means something here: a term, a recognised non-term, an exclusion or a "no value". */
  recognises(folded: string): boolean {
    return this.index.has(folded) || this.known.has(folded) || this.excluded.has(folded) || this.nulls.has(folded);
  }

  /** Longest phrase (in words) this matcher recognises. */
  get longestPhrase(): number {
    return this.maxWords;
  }

  /**
   * Declare the other vocabularies whose words share fields with this one (keyword bags).
   * They never add terms here; they only split a run of unmatched words into its pieces,
   * so "Colonoscopy video" left over in a task field is reported as "colonoscopy" and
   * "video", each of which another vocabulary can claim, instead of one unknown phrase.
   */
  setNeighbours(others: readonly TermMatcher[]): void {
    this.neighbours = others.filter((o) => o !== this);
  }

  /** Map a raw cell value: whole value first, then its parts, then the words inside each part. */
  match(value: string | null | undefined): MatchResult {
    const result: MatchResult = { terms: [], unmatched: [], nulls: [], excluded: [] };
    if (value === null || value === undefined) return result;
    const heldBack: string[] = [];
    const add: AddTerm = (slug, qualifier = false) => {
      const list = qualifier ? heldBack : result.terms;
      if (!list.includes(slug)) list.push(slug);
    };
    const whole = fold(value);
    if (this.nulls.has(whole)) {
      result.nulls.push(value.trim());
      return result;
    }
    const direct = this.index.get(whole);
    if (direct) {
      add(direct);
      return result;
    }
    const parts = splitParts(value);
    const truncated = /(\.\.\.|…)\s*$/.test(value.trim());
    parts.forEach((part, i) => {
      const last = i === parts.length - 1;
      this.matchPart(part, result, add);
      // A value cut short ("…, Paro...", "…/ Pancr"): its last word may be the start of a term.
      // Unmarked, only a list is taken for cut short: a lone word ("Rest") is read as written.
      if (last && result.unmatched.length && (truncated || parts.length > 1)) this.completeTruncated(result, add, truncated);
    });
    // A qualifier names its term only in a value that names no other: "Angiography" is X-ray, "CT/Angio" is CT.
    if (result.terms.length === 0) heldBack.forEach((slug) => add(slug));
    return result;
  }

  private matchPart(part: string, result: MatchResult, add: AddTerm): void {
    const key = fold(part);
    if (!key) return;
    if (this.nulls.has(key)) return void result.nulls.push(part);
    if (this.excluded.has(key)) return void result.excluded.push(part);
    if (this.known.has(key)) return;
    const hit = this.index.get(key);
    if (hit) return add(hit, this.qualifiers.has(key));
    // "Lung (Thorax)": try what is outside the brackets, then what is inside.
    const bracket = /^(.*?)\s*[([]([^)\]]*)[)\]]\s*(.*)$/.exec(part);
    if (bracket) {
      const outside = `${bracket[1]} ${bracket[3]}`.trim();
      const inside = bracket[2]!.trim();
      const before = result.terms.length;
      const sub: MatchResult = { terms: [], unmatched: [], nulls: [], excluded: [] };
      const addSub: AddTerm = (s, qualifier) => (qualifier ? add(s, true) : void (sub.terms.includes(s) || sub.terms.push(s)));
      for (const piece of [outside, inside]) if (piece) this.scanWords(piece, sub, addSub);
      if (sub.terms.length > 0) {
        sub.terms.forEach((s) => add(s));
        result.excluded.push(...sub.excluded);
        if (result.terms.length > before) return;
      }
      // "Diabetic retinopathy (DR)", "Whole-slide images (WSIs)": an abbreviation of the words before it says nothing more.
      if (bracket[1] && abbreviates(inside, bracket[1])) return this.matchPart(outside, result, add);
    }
    this.scanWords(part, result, add);
  }

  private completeTruncated(result: MatchResult, add: AddTerm, marked: boolean): void {
    const word = result.unmatched.at(-1)!;
    if (word.includes(' ') || word.length < (marked ? 3 : 4)) return;
    // A whole word of another vocabulary ("Colon" in a modality field) is not the start of one of ours.
    if (this.neighbours.some((o) => o.recognises(word))) return;
    const slugs = new Set<string>();
    // The completion is a qualifier when every phrase it could complete to is one.
    let qualifier = true;
    for (const [phrase, slug] of this.index) {
      if (phrase.includes(' ') || !phrase.startsWith(word)) continue;
      slugs.add(slug);
      qualifier &&= this.qualifiers.has(phrase);
    }
    if (slugs.size === 1) {
      result.unmatched.pop();
      add([...slugs][0]!, qualifier);
    }
  }

  /**
   * Longest-phrase scan over the words of a part; words left over are unmatched.
   * A run of leftover words is cut where another vocabulary recognises a phrase:
   * those pieces are reported on their own, the words nobody knows together.
   */
  private scanWords(part: string, result: MatchResult, add: AddTerm): void {
    const words = fold(part).split(' ').filter(Boolean);
    const unknown: string[] = [];
    let run: string[] = [];
    const flush = () => {
      if (run.length) this.segmentRun(run, result, unknown);
      run = [];
    };
    let i = 0;
    while (i < words.length) {
      let matched = 0;
      for (let n = Math.min(this.maxWords, words.length - i); n >= 1; n--) {
        const phrase = words.slice(i, i + n).join(' ');
        const slug = this.index.get(phrase);
        if (slug) {
          add(slug, this.qualifiers.has(phrase));
          matched = n;
          break;
        }
        if (this.excluded.has(phrase)) {
          result.excluded.push(phrase);
          matched = n;
          break;
        }
        if (this.known.has(phrase) || (n === 1 && this.nulls.has(phrase))) {
          matched = n;
          break;
        }
      }
      if (matched === 0) {
        run.push(words[i]!);
        i++;
      } else {
        flush();
        i += matched;
      }
    }
    flush();
    if (unknown.length) result.unmatched.push(unknown.join(' '));
  }

  /** Split a run of unmatched words into phrases another vocabulary recognises and words nobody knows. */
  private segmentRun(run: string[], result: MatchResult, unknown: string[]): void {
    const longest = Math.max(1, ...this.neighbours.map((o) => o.longestPhrase));
    let i = 0;
    while (i < run.length) {
      let taken = 0;
      for (let n = Math.min(longest, run.length - i); n >= 1; n--) {
        const phrase = run.slice(i, i + n).join(' ');
        // A lone filler word ("images", "data") stays filler even where another vocabulary has it as a term.
        if (n === 1 && FILLER.has(phrase)) break;
        if (this.neighbours.some((o) => o.recognises(phrase))) {
          result.unmatched.push(phrase);
          taken = n;
          break;
        }
      }
      if (taken === 0) {
        const word = run[i]!;
        if (!FILLER.has(word) && !/^\d+$/.test(word)) unknown.push(word);
        i++;
      } else i += taken;
    }
  }
}

/**
 * Whether a bracketed token abbreviates the words before it (Schwartz & Hearst 2003):
 * its letters appear in order in those words, the first one starting a word.
 * "DR" ← "Diabetic retinopathy", "ICH" ← "Intracranial hemorrhage", "WSIs" ← "Whole-slide images".
 */
export function abbreviates(abbreviation: string, before: string): boolean {
  if (!/^[\p{L}\p{N}]+$/u.test(abbreviation)) return false;
  // A plural abbreviation: "WSIs", "ASDs".
  const stem = /\p{Lu}s$/u.test(abbreviation) ? abbreviation.slice(0, -1) : abbreviation;
  // Mostly capitals ("DR", "iUS", "rfMRI"), so a word in brackets ("Lung (Thorax)") is not taken for one.
  const letters = stem.replace(/\P{L}/gu, '');
  if (letters.replace(/\P{Lu}/gu, '').length * 2 < letters.length) return false;
  const short = fold(stem);
  if (short.length < 2 || short.length > 10 || !/\p{L}/u.test(short)) return false;
  const words = fold(before).split(' ').filter(Boolean);
  const long = words.slice(-Math.min(short.length + 5, short.length * 2)).join(' ');
  let l = long.length - 1;
  for (let s = short.length - 1; s >= 0; s--) {
    const c = short[s]!;
    while (l >= 0 && (long[l] !== c || (s === 0 && l > 0 && long[l - 1] !== ' '))) l--;
    if (l < 0) return false;
    l--;
  }
  return true;
}
