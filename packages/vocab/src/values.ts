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
  return 'unknown';
}

/**
 * "2.7k", "1,204", "200+", "1.4M", "~5000", "84.9k", "4,000 patients",
 * "140 Cases", "NA". A stated unit is kept; a value that is not a count
 * ("Neck", "10 tasks") is an error with the reason, never a silent null.
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
  const m = /^(~|≈|about|approx\.?|approximately|around|over|more than|>|≥|at least|up to|<)?\s*(\d{1,3}(?:[,\s]\d{3})+|\d+(?:\.\d+)?)\s*([kKmMbB])?(?![a-z])\s*(\+)?\s*(?:\(?([A-Za-z][A-Za-z -]*?)\)?)?\s*(?:[,;(].*)?$/i.exec(text);
  if (!m) return { ok: false, reason: `expected a count such as "1,204", "2.7k", "200+" or "NA", found "${text.slice(0, 60)}"` };
  const prefix = (m[1] ?? '').toLowerCase();
  const digits = m[2]!.replace(/[,\s]/g, '');
  const scale = { k: 1e3, m: 1e6, b: 1e9 }[(m[3] ?? '').toLowerCase() as 'k' | 'm' | 'b'] ?? 1;
  const count = Math.round(Number(digits) * scale);
  if (!Number.isFinite(count)) return { ok: false, reason: `count out of range: "${text}"` };
  const unitWord = m[5]?.trim();
  const unit = unitFrom(unitWord ?? unitHint);
  if (unitWord && unit === 'unknown' && /^(tasks?|classes|categories|labels?|organs?|structures?|centers?|centres?|sites?|gb|tb|mb|years?|months?)$/i.test(unitWord)) {
    return { ok: false, reason: `"${text}" counts ${unitWord}, not samples` };
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

/** A DOI from a doi.org URL or from text ("doi:10.1234/abc", "https://dx.doi.org/10..."), lower-cased. */
export function extractDoi(raw: string | null | undefined): string | null {
  if (!raw) return null;
  const m = /\b(10\.\d{4,9}\/[^\s"'<>|,;]+)/i.exec(decodeURIComponentSafe(raw));
  if (!m) return null;
  return m[1]!.replace(/[.)\]]+$/, '').replace(/\/$/, '').toLowerCase();
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
