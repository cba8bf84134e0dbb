import { describe, expect, it } from 'vitest';
import {
  ACCESS_SLUGS,
  DIMENSIONALITY_SLUGS,
  MODALITY_SLUGS,
  TASK_SLUGS,
  anatomyRegions,
  anatomyTerms,
  anatomyUnderRegion,
  anatomyWithRegions,
  canonicalUrl,
  dimensionality,
  extractDoi,
  modality,
  modalityTerms,
  normalizeAccess,
  normalizeLicense,
  parseBoolean,
  parseCount,
  parseList,
  parseYear,
  task,
} from './index';

describe('vocabularies', () => {
  it('hold at least the required slugs', () => {
    for (const s of ['ct', 'mr', 'pet', 'spect', 'xray', 'mammography', 'ultrasound', 'endoscopy', 'fundus', 'oct', 'dermoscopy', 'histopathology', 'microscopy', 'infrared', 'photography']) {
      expect(MODALITY_SLUGS).toContain(s);
    }
    for (const s of ['classification', 'segmentation', 'detection', 'registration', 'reconstruction', 'regression', 'tracking', 'generation', 'vqa', 'report-generation', 'landmark']) {
      expect(TASK_SLUGS).toContain(s);
    }
    expect([...DIMENSIONALITY_SLUGS].sort()).toEqual(['2d', '3d', '4d', 'video']);
    expect(ACCESS_SLUGS).toEqual(['open', 'registration', 'application', 'restricted', 'unknown']);
  });

  it('give DICOM codes to the modalities that have one', () => {
    const codes = Object.fromEntries(modalityTerms.map((t) => [t.slug, t.dicom]));
    expect(codes).toMatchObject({ ct: 'CT', mr: 'MR', pet: 'PT', ultrasound: 'US', xray: 'DX', mammography: 'MG', endoscopy: 'ES', fundus: 'OP', oct: 'OPT', histopathology: 'SM' });
  });

  it('put every anatomy term under a declared region', () => {
    const regions = new Set(anatomyRegions.map((r) => r.slug));
    for (const t of anatomyTerms) expect(regions.has(t.region), `${t.slug} → ${t.region}`).toBe(true);
  });
});

describe('multi-valued strings', () => {
  it.each([
    ['CT/ MR', ['ct', 'mr']],
    ['PET/CT/ MR/ US', ['pet', 'ct', 'mr', 'ultrasound']],
    ['Histopathology (Patch)', ['histopathology']],
    ['CT, MR,', ['ct', 'mr']],
    ['X-Ray', ['xray']],
    ['Fundus Photo (CFP)', ['fundus']],
    ['Pet_Ct', ['pet']],
  ])('modality %s', (raw, expected) => {
    expect(modality.match(raw).terms).toEqual(expected);
    expect(modality.match(raw).unmatched).toEqual([]);
  });

  it('keeps non-imaging modalities apart instead of guessing', () => {
    const r = modality.match('EEG/MR');
    expect(r.terms).toEqual(['mr']);
    expect(r.excluded).toEqual(['EEG']);
  });

  it.each([
    ['Seg, Det, Cls', ['segmentation', 'detection', 'classification']],
    ['Seg/ Cls', ['segmentation', 'classification']],
    ['Reg/lmk', ['registration', 'landmark']],
    ['Trk', ['tracking']],
    ['VQA', ['vqa']],
  ])('task %s', (raw, expected) => {
    expect(task.match(raw).terms).toEqual(expected);
  });

  it.each([
    ['2D/ 3D', ['2d', '3d']],
    ['2D+Video', ['2d', 'video']],
    ['3D, 2D', ['3d', '2d']],
    ['4D(3D + time)', ['4d']],
  ])('dimensionality %s', (raw, expected) => {
    expect(dimensionality.match(raw).terms).toEqual(expected);
  });

  it('reports what it could not map', () => {
    expect(modality.match('CT/ Quantum Holography').unmatched).toEqual(['quantum holography']);
    expect(modality.match('NA')).toMatchObject({ terms: [], unmatched: [], nulls: ['NA'] });
  });
});

describe('anatomy with regions', () => {
  it('rolls organs up to their region', () => {
    expect(anatomyWithRegions('Liver')).toMatchObject({ terms: ['liver'], regions: ['abdomen'] });
    expect(anatomyWithRegions('Lung (Thorax)')).toMatchObject({ terms: ['lung'], regions: ['chest'] });
    expect(anatomyWithRegions('Retina')).toMatchObject({ regions: ['eye'] });
    expect(anatomyWithRegions('Prostate')).toMatchObject({ regions: ['pelvis'] });
  });
  it('finds the organs of a region', () => {
    expect(anatomyUnderRegion('chest')).toEqual(expect.arrayContaining(['lung', 'chest', 'airway']));
  });
  it('completes a value cut short', () => {
    expect(anatomyWithRegions('Bladder/ Brain/ Lung/ Pancr').terms).toEqual(['bladder', 'brain', 'lung', 'pancreas']);
    expect(anatomyWithRegions('Brainstem, Mandible, Paro...').unmatched).toEqual([]);
  });
});

describe('parseCount', () => {
  it.each([
    ['2.7k', 2700, 'unknown'],
    ['1,204', 1204, 'unknown'],
    ['200+', 200, 'unknown'],
    ['1.4M', 1_400_000, 'unknown'],
    ['~5000', 5000, 'unknown'],
    ['84.9k', 84_900, 'unknown'],
    ['4,000 patients', 4000, 'subjects'],
    ['140 Cases', 140, 'cases'],
    ['1,000+ volumes', 1000, 'volumes'],
    ['33.1k images', 33_100, 'images'],
  ])('%s → %d %s', (raw, count, unit) => {
    expect(parseCount(raw)).toMatchObject({ ok: true, count, unit });
  });
  it('flags approximate and lower-bound counts', () => {
    expect(parseCount('200+')).toMatchObject({ lowerBound: true });
    expect(parseCount('~5000')).toMatchObject({ approximate: true });
  });
  it('treats NA as no count, and "Neck" or "10 tasks" as errors', () => {
    expect(parseCount('NA')).toMatchObject({ ok: true, count: null });
    expect(parseCount('Neck')).toMatchObject({ ok: false });
    expect(parseCount('10 tasks')).toMatchObject({ ok: false, reason: expect.stringContaining('tasks') });
  });
  it('uses a unit hint when the value has none', () => {
    expect(parseCount('120', 'subjects')).toMatchObject({ count: 120, unit: 'subjects' });
  });
});

describe('years, booleans and lists', () => {
  it('reads years from the forms the captures use', () => {
    expect(parseYear('2018')).toBe(2018);
    expect(parseYear('2022-04')).toBe(2022);
    expect(parseYear('3/16/2019')).toBe(2019);
    expect(parseYear('Oct 2020')).toBe(2020);
    expect(parseYear('NA')).toBeNull();
    expect(parseYear(20180)).toBeNull();
  });
  it('reads booleans', () => {
    expect(parseBoolean('True')).toBe(true);
    expect(parseBoolean('No')).toBe(false);
    expect(parseBoolean('maybe')).toBeNull();
  });
  it('splits diseases and drops artefacts', () => {
    expect(parseList('Lung Cancer \\')).toEqual(['Lung Cancer']);
    expect(parseList('NA \\')).toEqual([]);
    expect(parseList('Glioma, Meningioma; glioma')).toEqual(['Glioma', 'Meningioma']);
  });
});

describe('URLs and DOIs', () => {
  it('canonicalises scheme, host case, trailing slash and tracking parameters', () => {
    expect(canonicalUrl('HTTPS://Example.ORG:443/Data/?utm_source=x&id=3')).toEqual({ ok: true, url: 'https://example.org/Data/?id=3' });
    expect(canonicalUrl('https://example.org/data/')).toEqual({ ok: true, url: 'https://example.org/data' });
    expect(canonicalUrl('https://example.org/')).toEqual({ ok: true, url: 'https://example.org' });
    expect(canonicalUrl('https://www.synapse.org/\\#!Synapse:syn3193805')).toEqual({ ok: true, url: 'https://www.synapse.org/#!Synapse:syn3193805' });
  });
  it('rejects schemes other than http(s)', () => {
    expect(canonicalUrl('javascript:alert(1)')).toMatchObject({ ok: false, reason: expect.stringContaining('javascript:') });
    expect(canonicalUrl('data:text/html,<b>x</b>')).toMatchObject({ ok: false });
    expect(canonicalUrl('ftp://example.org/file')).toMatchObject({ ok: false });
  });
  it('extracts DOIs from URLs and text', () => {
    expect(extractDoi('https://doi.org/10.7937/K9/TCIA.2015.PF0M9REI')).toBe('10.7937/k9/tcia.2015.pf0m9rei');
    expect(extractDoi('see doi:10.1038/s41597-019-0322-0.')).toBe('10.1038/s41597-019-0322-0');
    expect(extractDoi('https://example.org')).toBeNull();
  });
});

describe('licenses', () => {
  it.each([
    ['CC BY-NC-SA', 'CC-BY-NC-SA-4.0'],
    ['CC-BY-4.0', 'CC-BY-4.0'],
    ['CC BY NC ND', 'CC-BY-NC-ND-4.0'],
    ['Creative Commons Attribution 4.0 International Public License', 'CC-BY-4.0'],
    ['CC0 1.0 Universal (CC0 1.0) Public Domain Dedication', 'CC0-1.0'],
    ['tcia, Creative Commons Attribution 4.0 International Public License', 'CC-BY-4.0'],
    ['Attribution-NonCommercial-ShareAlike 4.0 International', 'CC-BY-NC-SA-4.0'],
    ['自定义', 'custom'],
    ['No commercial use', 'custom'],
  ])('%s → %s', (raw, spdx) => {
    expect(normalizeLicense(raw)).toMatchObject({ spdx, matched: true });
  });
  it('does not read "pubilc" or "free" as licenses', () => {
    expect(normalizeLicense('pubilc')).toMatchObject({ spdx: 'unknown', matched: true });
    expect(normalizeLicense('free')).toMatchObject({ spdx: 'unknown' });
  });
  it('keeps unknown text as custom, unmatched, with the raw text', () => {
    expect(normalizeLicense('Ask Bob nicely')).toEqual(expect.objectContaining({ spdx: 'custom', matched: false, raw: 'Ask Bob nicely' }));
  });
  it('carries the clauses fusion needs', () => {
    expect(normalizeLicense('CC BY-NC-ND 4.0')).toMatchObject({ commercial: false, derivatives: false });
    expect(normalizeLicense('CC BY-SA 4.0')).toMatchObject({ commercial: true, share_alike: true });
  });
});

describe('access', () => {
  it('reads stated access and infers it from the host otherwise', () => {
    expect(normalizeAccess('registration')).toMatchObject({ access: 'registration', from: 'value' });
    expect(normalizeAccess(null, 'https://www.kaggle.com/datasets/x')).toMatchObject({ access: 'registration', from: 'domain' });
    expect(normalizeAccess(null, 'https://zenodo.org/record/1')).toMatchObject({ access: 'open' });
    expect(normalizeAccess(null, 'https://example.org')).toMatchObject({ access: 'unknown' });
  });
});
