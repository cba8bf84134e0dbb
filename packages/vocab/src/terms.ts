import modalityData from '../data/modality.json' with { type: 'json' };
import taskData from '../data/task.json' with { type: 'json' };
import dimensionalityData from '../data/dimensionality.json' with { type: 'json' };
import anatomyData from '../data/anatomy.json' with { type: 'json' };
import accessData from '../data/access.json' with { type: 'json' };
import licenseData from '../data/license.json' with { type: 'json' };

/** The vocabulary data files, typed. Slug lists are the schema's enums. */

export interface ModalityTerm {
  slug: string;
  label: string;
  dicom?: string;
  synonyms: string[];
}
export interface TaskTerm {
  slug: string;
  label: string;
  synonyms: string[];
}
export interface AnatomyRegion {
  slug: string;
  label: string;
  uberon: string | null;
}
export interface AnatomyTerm {
  slug: string;
  region: string;
  uberon: string | null;
  synonyms: string[];
}
export interface LicenseTerm {
  key: string;
  spdx: string;
  commercial: boolean | null;
  derivatives: boolean | null;
  share_alike: boolean | null;
  synonyms: string[];
}

export const modalityTerms: readonly ModalityTerm[] = modalityData.terms;
export const modalityNonImaging: readonly string[] = modalityData.non_imaging;
export const modalityNullTokens: readonly string[] = modalityData.null_tokens;
export const taskTerms: readonly TaskTerm[] = taskData.terms;
export const taskNullTokens: readonly string[] = taskData.null_tokens;
export const dimensionalityTerms: readonly TaskTerm[] = dimensionalityData.terms;
export const dimensionalityNullTokens: readonly string[] = dimensionalityData.null_tokens;
export const anatomyRegions: readonly AnatomyRegion[] = anatomyData.regions;
export const anatomyTerms: readonly AnatomyTerm[] = anatomyData.terms;
export const anatomyNullTokens: readonly string[] = anatomyData.null_tokens;
export const accessTerms: readonly TaskTerm[] = accessData.terms;
export const licenseTerms: readonly LicenseTerm[] = licenseData.terms;
export const licenseNotLicenses: readonly string[] = licenseData.not_licenses;

export const MODALITY_SLUGS = modalityTerms.map((t) => t.slug) as [string, ...string[]];
export const TASK_SLUGS = taskTerms.map((t) => t.slug) as [string, ...string[]];
export const DIMENSIONALITY_SLUGS = dimensionalityTerms.map((t) => t.slug) as [string, ...string[]];
export const ANATOMY_SLUGS = anatomyTerms.map((t) => t.slug) as [string, ...string[]];
export const REGION_SLUGS = anatomyRegions.map((r) => r.slug) as [string, ...string[]];
export const ACCESS_SLUGS = accessTerms.map((t) => t.slug) as [string, ...string[]];
export const SAMPLE_UNITS = ['images', 'volumes', 'videos', 'cases', 'subjects', 'slides', 'unknown'] as const;
export type SampleUnit = (typeof SAMPLE_UNITS)[number];

const regionOf = new Map(anatomyTerms.map((t) => [t.slug, t.region]));
/** The parent region of an anatomy term. */
export function regionForAnatomy(slug: string): string | undefined {
  return regionOf.get(slug);
}
