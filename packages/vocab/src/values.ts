import { fold } from './matcher';
import type { SampleUnit } from './terms';

/** Pure normalisers for counts, years, booleans, URLs and DOIs as the captures really write them. */

export type CountResult =
  | { ok: true; count: number; unit: SampleUnit; approximate: boolean; lowerBound: boolean }
  | { ok: true; count: null; unit: 'unknown'; approximate: false; lowerBound: false }
  | { ok: false; reason: string };

const UNIT_WORDS: [RegExp, SampleUnit][] = [
  [/^(images?|imgs?|photos?|photographs?|pictures?|slices?|patches|patch|frames?|radiographs?|x-?rays?|tiles?|crops?|mammograms?|scans? \(2d\)|fundus)$/, 'images'],
  [/^(volumes?|scans?|series|ct ?scans?|mri ?scans?|studies|study|exams?|examinations?|acquisitions?)$/, 'volumes'],
  [/^(videos?|clips?|sequences?|recordings?)$/, 'videos'],
  [/^(cases?)$/, 'cases'],
  [/^(subjects?|patients?|participants?|individuals?|people|persons?|volunteers?|women|men|children|infants|neonates)$/, 'subjects'],
  [/^(slides?|wsis?|whole[- ]slide images?)$/, 'slides'],
];

const NULL_COUNTS = new Set(['', 'na', 'n a', 'none', 'unknown', 'variable', 'various', 'multiple', 'varies', 'tbd', 'not mention', 'not mentioned', 'null', 'nan']);

function unitFrom(text: string | undefined): SampleUnit {
  if (!text) return 'unknown';
  const word = text.toLowerCase().trim().replace(/[.,;:)]+$/, '');
  for (const [re, unit] of UNIT_WORDS) if (re.test(word)) return unit;
  // "fundus images", "echo videos", "frontal-view X-rays": the last word names the unit.
  const last = word.split(/\s+/).at(-1);
  if (last && last !== word) for (const [re, unit] of UNIT_WORDS) if (re.test(last)) return unit;
  return 'unknown';
}

/** Words that count something other than samples: "10 tasks", "19 datasets", "200+ collections". */
const NOT_SAMPLES = /^(tasks?|classes|categories|labels?|organs?|structures?|centers?|centres?|sites?|gb|tb|mb|years?|months?|datasets?|collections?|cohorts?|challenges?)$/i;

const PREFIX = String.raw`(~|≈|about|approx\.?|approximately|around|over|more than|>|≥|at least|up to|<)?`;
const NUMBER = String.raw`(\d{1,3}(?:,\d{3})+(?!\d)|\d{1,3}(?: \d{3})+(?!\d)|\d+(?:\.\d+)?)`;
/** A count at the start of a value: prefix, number, scale (k/M/B), "+", and the rest of the value. */
const COUNT_HEAD = new RegExp(String.raw`^${PREFIX}\s*${NUMBER}\s*([kKmMbB])?(?![a-z])\s*(\+)?(.*)$`, 'is');
/** The rest when it is a unit ("patients", "(cases)") and perhaps a note after a comma, semicolon or bracket. */
const UNIT_THEN_NOTE = /^\s*(?:\(?([A-Za-z][A-Za-z -]*?)\)?)?\s*(?:[,;(].*)?$/s;
/** One split of a train/validation/test breakdown: "240 for training", "train: 38", "1,251 training cases". */
const SPLIT_WORD = String.raw`(train(?:ing)?|val(?:id|idation)?|dev|test(?:ing)?)`;
const SPLITS = new RegExp(
  String.raw`(?:${NUMBER}\s*(?:[A-Za-z-]+\s+){0,2}?(?:for\s+|in\s+)?(?:the\s+)?${SPLIT_WORD}\b)|(?:\b${SPLIT_WORD}(?:\s+set)?\s*[:=]\s*${NUMBER})`,
  'gi',
);

const splitName = (word: string) => word.toLowerCase().slice(0, 2);

/**
 * A train/validation/test breakdown ("240 for training, 120 for validation, 240 for test"; "train: 38, test: 15"):
 * the sum of its splits, when the value starts with one and names at least two different splits. Null otherwise.
 */
function splitTotal(text: string): { count: number; words: string } | null {
  const found = [...text.matchAll(SPLITS)];
  if (found.length < 2 || found[0]!.index !== 0) return null;
  const names = new Set(found.map((m) => splitName(m[2] ?? m[3]!)));
  if (names.size < 2) return null;
  const count = found.reduce((sum, m) => sum + Number((m[1] ?? m[4]!).replace(/[,\s]/g, '')), 0);
  return { count, words: text.replace(/[\d,:=]+/g, ' ') };
}

/** The first sample or non-sample unit word among the first words of a note ("autism/control subjects across …"). */
function unitWordIn(rest: string): string | undefined {
  const words = rest.split(/[^A-Za-z-]+/).filter(Boolean).slice(0, 4);
  return words.find((w) => unitFrom(w) !== 'unknown' || NOT_SAMPLES.test(w));
}

/**
 * "2.7k", "1,204", "200+", "1.4M", "~5000", "84.9k", "4,000 patients",
 * "140 Cases", "1,000+ autism/control subjects", "240 for training, 120 for
 * validation, 240 for test" (the splits summed), "NA". A stated unit is kept;
 * a value that is not a count ("Neck", "10 tasks", "19 datasets") is an error
 * with the reason, never a silent null or a wrong number.
 */
export function parseCount(raw: string | number | null | undefined, unitHint?: string): CountResult {
  if (raw === null || raw === undefined) return { ok: true, count: null, unit: 'unknown', approximate: false, lowerBound: false };
  if (typeof raw === 'number') {
    return Number.isFinite(raw) && raw >= 0
      ? { ok: true, count: Math.round(raw), unit: unitFrom(unitHint), approximate: false, lowerBound: false }
      : { ok: false, reason: `expected a non-negative count, found ${raw}` };
  }
  const text = raw.trim();
  if (NULL_COUNTS.has(fold(text))) return { ok: true, count: null, unit: 'unknown', approximate: false, lowerBound: false };
  const expected = `expected a count such as "1,204", "2.7k", "200+" or "NA", found "${text.slice(0, 60)}"`;
  const splits = splitTotal(text);
  if (splits) {
    const word = unitWordIn(splits.words.replace(new RegExp(SPLIT_WORD, 'gi'), ' '));
    if (word && NOT_SAMPLES.test(word)) return { ok: false, reason: `"${text.slice(0, 60)}" counts ${word}, not samples` };
    return { ok: true, count: splits.count, unit: unitFrom(word ?? unitHint), approximate: false, lowerBound: false };
  }
  const m = COUNT_HEAD.exec(text);
  if (!m) return { ok: false, reason: expected };
  const prefix = (m[1] ?? '').toLowerCase();
  const digits = m[2]!.replace(/[,\s]/g, '');
  const scale = { k: 1e3, m: 1e6, b: 1e9 }[(m[3] ?? '').toLowerCase() as 'k' | 'm' | 'b'] ?? 1;
  const count = Math.round(Number(digits) * scale);
  if (!Number.isFinite(count)) return { ok: false, reason: `count out of range: "${text}"` };
  const rest = m[5] ?? '';
  // The unit is the rest itself ("patients"), or else the first unit word of a longer note ("autism/control
  // subjects", "images & 450,724 VQA entries"); a note with no unit word is not a count ("3 of 5").
  let unitWord = UNIT_THEN_NOTE.exec(rest)?.[1]?.trim();
  if (unitWord === undefined && !UNIT_THEN_NOTE.test(rest)) {
    unitWord = unitWordIn(rest);
    if (unitWord === undefined) return { ok: false, reason: expected };
  } else if (unitWord !== undefined && unitFrom(unitWord) === 'unknown' && !NOT_SAMPLES.test(unitWord)) {
    unitWord = unitWordIn(unitWord) ?? unitWord;
  }
  const unit = unitFrom(unitWord ?? unitHint);
  if (unitWord && unit === 'unknown' && NOT_SAMPLES.test(unitWord)) {
    return { ok: false, reason: `"${text.slice(0, 60)}" counts ${unitWord}, not samples` };
  }
  return {
    ok: true,
    count,
    unit,
    approximate: ['~', '≈', 'about', 'approx', 'approx.', 'approximately', 'around'].includes(prefix) || scale > 1 || digits.includes('.'),
    lowerBound: m[4] === '+' || ['over', 'more than', '>', '≥', 'at least'].includes(prefix),
  };
}

/** The first plausible year (1900..2100) in a value: "2018", "2022-04", "3/16/2019", "Oct 2020". */
export function parseYear(raw: string | number | null | undefined): number | null {
  if (raw === null || raw === undefined) return null;
  if (typeof raw === 'number') return Number.isInteger(raw) && raw >= 1900 && raw <= 2100 ? raw : null;
  const m = /(?<!\d)(19\d{2}|20\d{2}|2100)(?!\d)/.exec(raw);
  return m ? Number(m[1]) : null;
}

/** "True", "yes", "Labeled" → true; "False", "no", "unlabeled" → false; anything else → null. */
export function parseBoolean(raw: string | boolean | null | undefined): boolean | null {
  if (raw === null || raw === undefined) return null;
  if (typeof raw === 'boolean') return raw;
  const v = fold(raw);
  if (['true', 'yes', 'y', '1', 'labeled', 'labelled', 'annotated', 'with labels'].includes(v)) return true;
  if (['false', 'no', 'n', '0', 'unlabeled', 'unlabelled', 'no labels', 'none'].includes(v)) return false;
  return null;
}

const TRACKING_PARAMS = /^(utm_[a-z]+|fbclid|gclid|mc_cid|mc_eid|ref_src|_ga|yclid|igshid|spm)$/i;

export type UrlResult = { ok: true; url: string } | { ok: false; reason: string };

/**
 * Canonical form of an http(s) URL: lower-case scheme and host, no default
 * port, no tracking parameters, no trailing slash, no empty fragment.
 * Fragments used as routes ("#!Synapse:syn123", "#/") are kept.
 */
export function canonicalUrl(raw: string): UrlResult {
  const cleaned = raw.trim().replace(/\\([#%_()&!])/g, '$1').replace(/[>)\].,;]+$/, '');
  let u: URL;
  try {
    u = new URL(/^[a-z][a-z0-9+.-]*:/i.test(cleaned) ? cleaned : `https://${cleaned}`);
  } catch {
    return { ok: false, reason: `expected an http(s) URL, found "${raw.slice(0, 80)}"` };
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') {
    return { ok: false, reason: `expected an http(s) URL, found the scheme ${u.protocol} in "${raw.slice(0, 80)}"` };
  }
  if (!u.hostname.includes('.')) return { ok: false, reason: `expected a URL with a host name, found "${raw.slice(0, 80)}"` };
  u.hostname = u.hostname.toLowerCase();
  if ((u.protocol === 'http:' && u.port === '80') || (u.protocol === 'https:' && u.port === '443')) u.port = '';
  for (const key of [...u.searchParams.keys()]) if (TRACKING_PARAMS.test(key)) u.searchParams.delete(key);
  if (u.hash && !/^#[!/]/.test(u.hash)) u.hash = '';
  let href = u.href;
  if (u.pathname.length > 1 && u.pathname.endsWith('/') && !u.search && !u.hash) href = href.slice(0, -1);
  else if (u.pathname === '/' && !u.search && !u.hash) href = href.slice(0, -1);
  return { ok: true, url: href };
}

/**
 * A DOI from a doi.org URL or from text ("doi:10.1234/abc", "https://dx.doi.org/10..."), lower-cased. What a
 * publisher's page adds after the DOI in its URL is not part of it: Frontiers' "/full", SPIE's ".full", a
 * "/abstract" or "/pdf" view, and bioRxiv/medRxiv's version ("10.1101/177279v2" is 10.1101/177279).
 */
export function extractDoi(raw: string | null | undefined): string | null {
  if (!raw) return null;
  const m = /\b(10\.\d{4,9}\/[^\s"'<>|,;]+)/i.exec(decodeURIComponentSafe(raw));
  if (!m) return null;
  let doi = m[1]!.replace(/[.)\]]+$/, '').replace(/\/$/, '').toLowerCase();
  doi = doi.replace(/(?:[/.](?:full|abstract|pdf|epdf)(?:\.pdf)?)+$/, '');
  if (doi.startsWith('10.1101/')) doi = doi.replace(/v\d+$/, '');
  return doi;
}

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** Split a diseases cell into clean items; drops NA and the trailing " \" artefacts some sources carry. */
export function parseList(raw: string | null | undefined): string[] {
  if (!raw) return [];
  const out: string[] = [];
  for (const piece of raw.split(/\s*[,;|/]\s*|\s+\\+\s*|\\+$/)) {
    const item = piece.replace(/\\+/g, '').replace(/\s+/g, ' ').trim();
    if (!item || ['na', 'n a', 'none', 'unknown', '-', 'no'].includes(fold(item))) continue;
    if (!out.some((o) => o.toLowerCase() === item.toLowerCase())) out.push(item);
  }
  return out;
}
