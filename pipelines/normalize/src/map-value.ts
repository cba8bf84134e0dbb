import { plainText } from '@imcat/markdown';
import {
  anatomy,
  anatomyWithRegions,
  canonicalUrl,
  dimensionality,
  extractDoi,
  licenseAccess,
  modality,
  normalizeAccess,
  normalizeLicense,
  parseBoolean,
  parseCount,
  parseList,
  parseYear,
  task,
} from '@imcat/vocab';

/** The canonical meanings a raw field can carry (FieldMap keys), plus the listing URL. */
export const ROLES = [
  'modality',
  'anatomy',
  'task',
  'dimensionality',
  'samples',
  'sample_unit',
  'year',
  'license',
  'access',
  'has_labels',
  'diseases',
  'doi',
  'paper_url',
  'download_url',
  'description',
  'url',
] as const;
export type Role = (typeof ROLES)[number];

/** One distinct (role, raw value) and what it means; a row of the value_map table. */
export interface MappedValue {
  role: Role;
  value: string;
  terms: string[];
  regions: string[];
  excluded: string[];
  count: number | null;
  unit: string | null;
  approximate: boolean | null;
  lower_bound: boolean | null;
  year: number | null;
  spdx: string | null;
  license_key: string | null;
  commercial: boolean | null;
  derivatives: boolean | null;
  share_alike: boolean | null;
  access: string | null;
  bool: boolean | null;
  text: string | null;
  doi: string | null;
  /** Why (part of) the value could not be mapped; null when it mapped fully. */
  issue: string | null;
}

function blank(role: Role, value: string): MappedValue {
  return {
    role,
    value,
    terms: [],
    regions: [],
    excluded: [],
    count: null,
    unit: null,
    approximate: null,
    lower_bound: null,
    year: null,
    spdx: null,
    license_key: null,
    commercial: null,
    derivatives: null,
    share_alike: null,
    access: null,
    bool: null,
    text: null,
    doi: null,
    issue: null,
  };
}

const VOCAB_ROLES = { modality, task, dimensionality } as const;
const ALL_MATCHERS = { modality, task, dimensionality, anatomy } as const;

/**
 * Words left over in one vocabulary's field that another vocabulary knows
 * ("Segmentation" in a keywords field read as modality) are not gaps: keyword
 * bags mix vocabularies, and each role takes only its own terms.
 */
export function unknownToAll(role: keyof typeof ALL_MATCHERS, leftovers: string[]): string[] {
  return leftovers.filter((text) =>
    Object.entries(ALL_MATCHERS).every(([other, matcher]) => other === role || matcher.match(text).unmatched.length > 0),
  );
}

/** Map one raw value of one role. Pure; the pipeline calls it once per distinct (role, value). */
export function mapValue(role: Role, value: string): MappedValue {
  const out = blank(role, value);
  switch (role) {
    case 'modality':
    case 'task':
    case 'dimensionality': {
      const m = VOCAB_ROLES[role].match(value);
      out.terms = m.terms;
      out.excluded = m.excluded;
      const unknown = unknownToAll(role, m.unmatched);
      if (unknown.length) out.issue = `no ${role} term for ${unknown.map((u) => `"${u}"`).join(', ')}`;
      return out;
    }
    case 'anatomy': {
      const m = anatomyWithRegions(value);
      out.terms = m.terms;
      out.regions = m.regions;
      const unknown = unknownToAll('anatomy', m.unmatched);
      if (unknown.length) out.issue = `no anatomy term for ${unknown.map((u) => `"${u}"`).join(', ')}`;
      return out;
    }
    case 'samples': {
      const c = parseCount(value);
      if (!c.ok) out.issue = c.reason;
      else {
        out.count = c.count;
        out.unit = c.unit;
        out.approximate = c.approximate;
        out.lower_bound = c.lowerBound;
      }
      return out;
    }
    case 'sample_unit': {
      const c = parseCount(`1 ${value}`);
      out.unit = c.ok ? c.unit : 'unknown';
      if (out.unit === 'unknown') out.issue = `expected a sample unit (images, volumes, videos, cases, subjects, slides), found "${value}"`;
      return out;
    }
    case 'year': {
      out.year = parseYear(value);
      if (out.year === null && !/^(na|n\/a|unknown|-|)$/i.test(value.trim())) out.issue = `expected a year, found "${value}"`;
      return out;
    }
    case 'license': {
      const l = normalizeLicense(value);
      out.spdx = l.spdx;
      out.license_key = l.key;
      out.commercial = l.commercial;
      out.derivatives = l.derivatives;
      out.share_alike = l.share_alike;
      // The access the license's terms set ("TCIA Restricted": application), when they set one.
      out.access = licenseAccess(value);
      if (!l.matched) out.issue = `license text not recognised, kept as custom: "${value}"`;
      return out;
    }
    case 'access': {
      const a = normalizeAccess(value);
      out.access = a.access;
      if (!a.matched) out.issue = `expected an access level, found "${value}"`;
      return out;
    }
    case 'has_labels': {
      out.bool = parseBoolean(value);
      return out;
    }
    case 'diseases': {
      out.terms = parseList(value);
      return out;
    }
    case 'doi': {
      out.doi = extractDoi(value);
      return out;
    }
    case 'url':
    case 'paper_url':
    case 'download_url': {
      const first = /https?:\/\/[^\s|"'<>]+/i.exec(value)?.[0] ?? value;
      const u = canonicalUrl(first);
      if (!u.ok) out.issue = u.reason;
      else {
        out.text = u.url;
        out.doi = extractDoi(u.url);
        if (role === 'url') out.access = normalizeAccess(null, u.url).access;
      }
      return out;
    }
    case 'description': {
      // Descriptions reach the catalog: no markup, no control characters.
      out.text = plainText(value).slice(0, 2000) || null;
      return out;
    }
  }
}

/**
 * One mapped value as JSON without its null and empty-list fields (05-value-map.sql restores them): what
 * JSON.stringify with a replacer dropping them writes. The fields kept are copied to a plain object that
 * JSON.stringify then writes natively, twice as fast as a replacer called for every key and list item
 * (which took 1.4 s of the 5 s spent mapping ~1M distinct values at 1M listings).
 */
export function compactJson(m: MappedValue): string {
  const kept: Partial<Record<keyof MappedValue, unknown>> = {};
  for (const key in m) {
    const v = m[key as keyof MappedValue];
    if (v !== null && !(Array.isArray(v) && v.length === 0)) kept[key as keyof MappedValue] = v;
  }
  return JSON.stringify(kept);
}
