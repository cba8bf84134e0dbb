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
  return { spdx: 'custom', key: null, commercial: null, derivatives: null, share_alike: null, matched: false, raw: text };
}

export interface AccessDomainRule {
  domain: string;
  access: string;
}
const domainRules: AccessDomainRule[] = (accessData as { domains?: AccessDomainRule[] }).domains ?? [];

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
