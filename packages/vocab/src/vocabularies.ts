import accessData from '../data/access.json' with { type: 'json' };
import descriptorData from '../data/descriptors.json' with { type: 'json' };
import { TermMatcher, fold, type MatchResult } from './matcher';
import {
  accessTerms,
  anatomyNullTokens,
  anatomyRegions,
  anatomyTerms,
  dimensionalityNullTokens,
  dimensionalityTerms,
  licenseNotLicenses,
  licenseTerms,
  modalityNonImaging,
  modalityNullTokens,
  modalityTerms,
  regionForAnatomy,
  taskNullTokens,
  taskTerms,
  type LicenseTerm,
} from './terms';

export const descriptors: readonly string[] = descriptorData.phrases;
export const modality = new TermMatcher('modality', modalityTerms, modalityNullTokens, modalityNonImaging, descriptors);
export const task = new TermMatcher('task', taskTerms, taskNullTokens, [], descriptors);
export const dimensionality = new TermMatcher('dimensionality', dimensionalityTerms, dimensionalityNullTokens, [], descriptors);
export const anatomy = new TermMatcher(
  'anatomy',
  anatomyTerms.map((t) => ({ slug: t.slug, synonyms: t.synonyms })),
  anatomyNullTokens,
  [],
  descriptors,
);
// Keyword bags mix vocabularies: each one cuts its leftovers where another recognises a phrase.
for (const m of [modality, task, dimensionality, anatomy]) m.setNeighbours([modality, task, dimensionality, anatomy]);
export const access = new TermMatcher('access', accessTerms.filter((t) => t.slug !== 'unknown'), accessTerms.find((t) => t.slug === 'unknown')?.synonyms ?? []);

export type Vocabulary = 'modality' | 'task' | 'dimensionality' | 'anatomy' | 'access';
export const matchers: Record<Vocabulary, TermMatcher> = { modality, task, dimensionality, anatomy, access };

/** Anatomy terms plus the regions they roll up to. */
export function anatomyWithRegions(value: string | null | undefined): MatchResult & { regions: string[] } {
  const result = anatomy.match(value);
  const regions: string[] = [];
  for (const slug of result.terms) {
    const region = regionForAnatomy(slug);
    if (region && !regions.includes(region)) regions.push(region);
  }
  return { ...result, regions };
}

/** A region slug and every anatomy term under it: what a region query expands to. */
export function anatomyUnderRegion(region: string): string[] {
  return anatomyTerms.filter((t) => t.region === region).map((t) => t.slug);
}

export function isRegion(slug: string): boolean {
  return anatomyRegions.some((r) => r.slug === slug);
}

export interface LicenseResult {
  /** SPDX id, 'custom' or 'unknown'. */
  spdx: string;
  /** The vocabulary key (distinguishes kinds of custom license), or null when unmapped/absent. */
  key: string | null;
  commercial: boolean | null;
  derivatives: boolean | null;
  share_alike: boolean | null;
  /** False when the text was not recognised (it is kept as 'custom' with the raw text). */
  matched: boolean;
  raw: string | null;
}

const licenseIndex = new Map<string, LicenseTerm>();
for (const term of licenseTerms) {
  for (const s of [term.key, ...term.synonyms]) {
    const k = fold(s);
    const existing = licenseIndex.get(k);
    if (existing && existing.key !== term.key) throw new Error(`license vocabulary: "${s}" maps to ${existing.key} and ${term.key}`);
    licenseIndex.set(k, term);
  }
}
const notLicenses = new Set(licenseNotLicenses.map(fold));

/** Free-text license to SPDX. "pubilc"/"free" are not licenses (→ unknown); unrecognised text → custom. */
export function normalizeLicense(raw: string | null | undefined): LicenseResult {
  const none: LicenseResult = { spdx: 'unknown', key: null, commercial: null, derivatives: null, share_alike: null, matched: true, raw: raw ?? null };
  if (raw === null || raw === undefined) return none;
  const text = raw.trim();
  const key = fold(text);
  if (notLicenses.has(key)) return none;
  const pick = (term: LicenseTerm): LicenseResult => ({
    spdx: term.spdx,
    key: term.key,
    commercial: term.commercial,
    derivatives: term.derivatives,
    share_alike: term.share_alike,
    matched: true,
    raw: text,
  });
  const direct = licenseIndex.get(key);
  if (direct) return pick(direct);
  // "tcia, Creative Commons Attribution 4.0": the most specific recognised part wins.
  const parts = text.split(/\s*[,;]\s*|\s+\/\s+/).map(fold).filter(Boolean);
  const hits = parts.map((p) => licenseIndex.get(p)).filter((t): t is LicenseTerm => t !== undefined);
  const spdxHit = hits.find((t) => t.spdx !== 'custom');
  if (spdxHit) return pick(spdxHit);
  if (hits[0]) return pick(hits[0]);
  // The licence named inside a longer phrase: "Public Domain (CC0 1.0 Universal)", "… under CC0 license", "CC0 1.0 license".
  const named = licenseNamedIn(text).map((v) => licenseIndex.get(fold(v))).filter((t): t is LicenseTerm => t !== undefined);
  const namedHit = named.find((t) => t.spdx !== 'custom') ?? named[0];
  if (namedHit) return pick(namedHit);
  // CC text in another order: "Attribution-NonCommercial 4.0", "CC-BY-NC-SA-4.0".
  const cc = /\b(cc|creative commons|attribution)\b/.test(key) || /\bby\b.*\b(nc|nd|sa)\b/.test(key);
  if (cc) {
    const nc = /\b(nc|noncommercial|non commercial)\b/.test(key);
    const nd = /\b(nd|noderivatives|no derivatives|noderivs)\b/.test(key);
    const sa = /\b(sa|sharealike|share alike)\b/.test(key);
    const version = /\b([1-4])(?: ?0)?\b/.exec(key.replace(/(\d) (\d)/, '$1.$2'))?.[1] ?? '4';
    const id = `CC-BY${nc ? '-NC' : ''}${nd ? '-ND' : ''}${sa && !nd ? '-SA' : ''}-${version}.0`;
    const term = licenseIndex.get(fold(id));
    if (term) return pick(term);
  }
  // Terms written out in prose: "may only be used for this challenge", "cannot share the data".
  const clauseKey = licenseKindFromClauses(key);
  const clauseTerm = clauseKey ? licenseTerms.find((t) => t.key === clauseKey) : undefined;
  if (clauseTerm) return pick(clauseTerm);
  return { spdx: 'custom', key: null, commercial: null, derivatives: null, share_alike: null, matched: false, raw: text };
}

/** Candidate licence names inside a longer text: what is in and around brackets, "under X license", "X license". */
function licenseNamedIn(text: string): string[] {
  const out: string[] = [];
  // One bracket usually holds the identifier ("… Dedication and Licence (PDDL)"), so it is tried first.
  // Several brackets name several licences ("Images (CC BY NC 3.0) - Annotations (CC BY 4.0)"): none is picked.
  const bracket = /^([^()]*?)\s*\(([^()]*)\)\s*([^()]*)$/.exec(text);
  if (bracket) out.push(bracket[2]!, `${bracket[1]} ${bracket[3]}`);
  const under = /\bunder (?:the |a |an )?(.+?)\s+licen[cs]e\b/i.exec(text);
  if (under) out.push(under[1]!);
  const bare = text.replace(/\s+licen[cs]e\s*[.]?\s*$/i, '');
  if (bare !== text) out.push(bare);
  return out.filter((v) => v.trim().length > 0);
}

/** Use is denied for commercial purposes, or needs the owner's permission. */
const NO_COMMERCIAL_USE: RegExp[] = [
  /\bnon ?commercial\b/,
  /\b(prohibited|forbidden|not (allowed|permitted)|cannot|can not|may not|must not)\b.{0,40}\bcommercial\b/,
  /\bcommercial\b.{0,60}\b(is|are) (strictly )?(prohibited|forbidden|not (allowed|permitted))\b/,
  /\bcommercial\b.{0,40}\brequires? (the )?(prior |written |express )?(permission|approval|consent|a licen[cs]e)\b/,
];
/** Use is granted for research or teaching only: a research-use agreement, "for research and educational purposes". */
const RESEARCH_USE_ONLY: RegExp[] = [
  /\bresearch use (agreement|agrement|aggrement|aggreement)\b/,
  /\b(for|to) (non commercial |academic |scientific )?(research|education|educational|academic|teaching)( (and|or) (research|education|educational|academic|teaching))?( (use|uses|purposes?))?( only)?\b/,
];
/** Use is limited to a challenge: "may only be used for the purpose of this challenge", "preparing an entry to be submitted". */
const CHALLENGE_USE_ONLY: RegExp[] = [
  /\b(only|solely|exclusively|restricted to|limited to)\b.{0,120}\b(this|the) (challenge|competition|contest)\b/,
  /\bonly\b.{0,60}\bpreparing an entry\b/,
];
/** The data may not be passed on: "cannot share the data", "redistribution … is prohibited". */
const NO_REDISTRIBUTION: RegExp[] = [
  /\b(cannot|can not|may not|must not|do not|not (allowed|permitted) to)( \w+){0,2} (share|redistribute|re distribute|distribute|republish|resell)\b/,
  /\bno (re ?distribution|redistributing|sharing)\b/,
  /\b(re ?distribution|distribution|copy|copying|sharing)\b.{0,60}\b(is|are) (strictly )?(prohibited|forbidden|not (allowed|permitted))\b/,
];

/**
 * The kind of custom licence a free text describes, from its clauses, or null when it says
 * nothing we can read. Research- or challenge-only use is non-commercial; a text that
 * mentions commercial use without denying it is not read as research-only.
 */
export function licenseKindFromClauses(folded: string): string | null {
  const deniesCommercial = NO_COMMERCIAL_USE.some((re) => re.test(folded));
  const mentionsCommercial = /\bcommercial/.test(folded);
  const limitedUse =
    !mentionsCommercial && (RESEARCH_USE_ONLY.some((re) => re.test(folded)) || CHALLENGE_USE_ONLY.some((re) => re.test(folded)));
  const noRedistribution = NO_REDISTRIBUTION.some((re) => re.test(folded));
  const nonCommercial = deniesCommercial || limitedUse;
  if (nonCommercial && noRedistribution) return 'custom-noncommercial-noredistribution';
  if (nonCommercial) return 'custom-noncommercial';
  if (noRedistribution) return 'custom-noredistribution';
  return null;
}

export interface AccessDomainRule {
  domain: string;
  access: string;
}
const domainRules: AccessDomainRule[] = (accessData as { domains?: AccessDomainRule[] }).domains ?? [];

export interface AccessLicenseRule {
  phrase: string;
  access: string;
}
const licenseRules: AccessLicenseRule[] = (accessData as { licenses?: AccessLicenseRule[] }).licenses ?? [];
for (const rule of licenseRules) {
  if (!accessTerms.some((t) => t.slug === rule.access)) throw new Error(`access vocabulary: license phrase "${rule.phrase}" gives ${rule.access}, which is not an access level`);
}

/**
 * The access a license's own terms set, or null: "TCIA Restricted", "NCTN/NCORP Data Archive License" and the
 * like are data use agreements the provider reviews (application), whatever host serves the files. A phrase
 * matches whole words of the folded text, also inside a longer value ("CC BY 4.0 - TCIA Restricted").
 */
export function licenseAccess(raw: string | null | undefined): string | null {
  if (!raw) return null;
  const words = ` ${fold(raw)} `;
  return licenseRules.find((r) => words.includes(` ${fold(r.phrase)} `))?.access ?? null;
}

/** Access level from a raw access value, else from the URL's host (kaggle → registration …), else unknown. */
export function normalizeAccess(raw: string | null | undefined, url?: string | null): { access: string; matched: boolean; from: 'value' | 'domain' | 'none' } {
  if (raw) {
    const m = access.match(raw);
    if (m.terms[0]) return { access: m.terms[0], matched: true, from: 'value' };
    if (m.unmatched.length === 0) return { access: 'unknown', matched: true, from: 'value' };
  }
  if (url) {
    let host = '';
    try {
      host = new URL(url).hostname.toLowerCase();
    } catch {
      host = '';
    }
    const rule = domainRules.find((r) => host === r.domain || host.endsWith(`.${r.domain}`));
    if (rule) return { access: rule.access, matched: true, from: 'domain' };
  }
  return { access: 'unknown', matched: raw ? false : true, from: 'none' };
}
