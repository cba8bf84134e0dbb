import { describe, expect, it } from 'vitest';
import {
  ACCESS_SLUGS,
  ANATOMY_SLUGS,
  DIMENSIONALITY_SLUGS,
  MODALITY_SLUGS,
  TASK_SLUGS,
  anatomy,
  anatomyRegions,
  anatomyTerms,
  anatomyUnderRegion,
  anatomyWithRegions,
  abbreviates,
  canonicalUrl,
  dimensionality,
  extractDoi,
  fold,
  licenseKindFromClauses,
  modality,
  modalityTerms,
  normalizeAccess,
  normalizeLicense,
  parseBoolean,
  parseCount,
  parseList,
  parseYear,
  splitParts,
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
    ['Pet_Ct', ['pet', 'ct']],
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

describe('mappings corrected after v2.1.0', () => {
  it.each([
    ['PET/CT', ['pet', 'ct']],
    ['PET | CT', ['pet', 'ct']],
    ['Pet_Ct', ['pet', 'ct']],
    ['Pet-Ct', ['pet', 'ct']],
    ['PET-CT', ['pet', 'ct']],
    ['PET CT', ['pet', 'ct']],
    ['FDG-PET/CT', ['pet', 'ct']],
    ['Fdg-Pet-Ct | MR', ['pet', 'ct', 'mr']],
    ['CT/ PET', ['ct', 'pet']],
    ['PET/MR', ['pet', 'mr']],
    ['PET | MR', ['pet', 'mr']],
    ['Pet_Mr', ['pet', 'mr']],
    ['PET-MRI', ['pet', 'mr']],
    ['SPECT/CT', ['spect', 'ct']],
  ])('reads the hybrid modality %s as both modalities', (raw, expected) => {
    expect(modality.match(raw)).toMatchObject({ terms: expected, unmatched: [] });
  });

  it('has no synonym that joins the names of two tomographic modalities', () => {
    // A hybrid scanner (PET/CT, PET-MR, SPECT/CT) gives two modalities; a synonym like "pet ct" → pet loses the second.
    const tomographic = new Set(['ct', 'mr', 'pet', 'spect']);
    for (const term of modalityTerms) {
      for (const synonym of term.synonyms.map(fold)) {
        // A qualifier ("angiography" in "ct angiography") names nothing next to another term.
        const words = synonym.split(' ').filter((w) => !modality.isQualifier(w));
        const named = new Set(words.map((w) => modality.lookup(w)).filter((s): s is string => s !== undefined && tomographic.has(s)));
        expect(named.size, `"${synonym}" → ${term.slug} joins ${[...named].join(', ')}`).toBeLessThan(2);
      }
    }
  });

  it.each([
    ['Det/Cls', ['detection', 'classification']],
    ['Det, Cls', ['detection', 'classification']],
  ])('reads the task %s as both tasks', (raw, expected) => {
    expect(task.match(raw)).toMatchObject({ terms: expected, unmatched: [] });
  });

  it('reads quality assurance, resting state and training settings as no task, not as a task', () => {
    expect(task.match('QA')).toMatchObject({ terms: [], unmatched: [], nulls: ['QA'] });
    expect(task.match('Rest')).toMatchObject({ terms: [], unmatched: [] });
    expect(task.match('Segmentation | Domain Adaptation')).toMatchObject({ terms: ['segmentation'], unmatched: [] });
    expect(task.match('Segmentation | Detection | Generalization')).toMatchObject({ terms: ['segmentation', 'detection'], unmatched: [] });
    expect(task.match('Detection | Multi-Domain Learning')).toMatchObject({ terms: ['detection'], unmatched: [] });
    expect(task.match('VQA').terms).toEqual(['vqa']);
  });

  it('reads a lone word as written, not as the start of a longer term', () => {
    // "Rest" is not "restoration" cut short; a list's last item still may be ("…/ Pancr").
    expect(task.match('Rest').terms).toEqual([]);
    expect(modality.match('mpMR').terms).toEqual(['mr']);
    expect(anatomyWithRegions('Bladder/ Brain/ Lung/ Pancr').terms).toEqual(['bladder', 'brain', 'lung', 'pancreas']);
  });

  it('reads survival as prediction and MGMT status as classification, not segmentation', () => {
    expect(task.match('Seg/Surv')).toMatchObject({ terms: ['segmentation', 'regression'], unmatched: [] });
    expect(task.match('Seg/MGMT')).toMatchObject({ terms: ['segmentation', 'classification'], unmatched: [] });
  });

  it.each([
    ['Computed tomography angiography', ['ct']],
    ['CTA (Computed tomography angiography), Segmentation', ['ct']],
    ['Magnetic Resonance Angiography (MRA) and Computed Tomography Angiography (CTA)', ['mr', 'ct']],
    ['MRI angiography', ['mr']],
    ['OCTA', ['oct']],
    ['Optical coherence tomography angiography (OCTA), Segmentation, Labeled', ['oct']],
    ['CT/Angio', ['ct']],
    ['Angiography', ['xray']],
    ['Angiography, Labeled', ['xray']],
    ['X-ray coronary angiography, Labeled', ['xray']],
    ['3D DSA', ['xray']],
    ['DSA', ['xray']],
    ['Digital subtraction angiography', ['xray']],
  ])('reads angiography in %s as X-ray only when no other modality is named', (raw, expected) => {
    expect(modality.match(raw).terms).toEqual(expected);
  });

  it.each([['Fundus Color Photography'], ['Fundus Color Photos'], ['fundus color photography']])('reads %s as fundus photography only', (raw) => {
    expect(modality.match(raw)).toMatchObject({ terms: ['fundus'], unmatched: [] });
  });

  it('does not read squamous cell carcinoma as cells, nor a surface as an instrument', () => {
    expect(anatomyWithRegions('Squamous Cell Carcinoma')).toMatchObject({ terms: [], regions: [], unmatched: [] });
    expect(anatomyWithRegions('Head and Neck Squamous Cell Carcinoma')).toMatchObject({ terms: ['head-neck'], regions: ['head-neck'], unmatched: [] });
    expect(anatomyWithRegions('Cervical Cells').terms).toEqual(['cell']);
    // Other cancers named for a cell type name their organ, not cells.
    expect(anatomyWithRegions('Renal cell carcinoma').terms).toEqual(['kidney']);
    expect(anatomyWithRegions('Non-small cell lung cancer').terms).toEqual(['lung']);
    expect(anatomyWithRegions('Basal cell carcinoma').terms).toEqual(['skin']);
    expect(anatomyWithRegions('Surface')).toMatchObject({ terms: [], unmatched: ['surface'] });
  });

  it('keeps the clavicle with the chest wall it is read with (CRASS: clavicles on chest radiographs)', () => {
    // Filed as a bone of the limbs' region it would veto CRASS against CRASS12 (lung, chest) as disjoint regions.
    expect(anatomyWithRegions('Clavicle')).toMatchObject({ terms: ['ribs'], regions: ['chest'] });
    expect(anatomyWithRegions('Clavicle (Upper Limb)').terms).toEqual(['limbs']);
    expect(anatomyWithRegions('Ribs').terms).toEqual(['ribs']);
  });

  it('does not read "can be licensed for commercial use" as allowing commercial use', () => {
    const l = normalizeLicense('The data can be licensed for commercial use.');
    expect(l).toMatchObject({ spdx: 'custom', key: 'custom', matched: true, commercial: null });
    expect(normalizeLicense('Commercial use allowed')).toMatchObject({ key: 'custom-commercial', commercial: true });
  });

  it('keeps the IGO ports of Creative Commons licences apart', () => {
    for (const raw of ['CC BY-NC-SA 3.0 IGO', 'Attribution-NonCommercial-ShareAlike 3.0 IGO (CC BY-NC-SA 3.0 IGO)']) {
      expect(normalizeLicense(raw)).toMatchObject({ spdx: 'CC-BY-NC-SA-3.0-IGO', key: 'CC-BY-NC-SA-3.0-IGO', commercial: false, derivatives: true, share_alike: true, matched: true });
    }
    expect(normalizeLicense('CC BY-NC-SA 3.0')).toMatchObject({ spdx: 'CC-BY-NC-SA-3.0' });
  });
});

describe('folding and splitting', () => {
  it('keeps a possessive with its word', () => {
    expect(fold("Alzheimer's disease")).toBe('alzheimers disease');
    expect(fold('Crohn’s')).toBe('crohns');
    expect(modality.match("Alzheimer's disease (AD), MRI")).toMatchObject({ terms: ['mr'], unmatched: [] });
  });
  it('does not split "H&E" at its ampersand, but does split "CT & MR"', () => {
    expect(splitParts('Cancer, H&E staining')).toEqual(['Cancer', 'H&E staining']);
    expect(splitParts('H & E, CT & MR')).toEqual(['H&E', 'CT', 'MR']);
    expect(modality.match('Haematoxylin and eosin (H&E) stained slides')).toMatchObject({ terms: ['histopathology'], unmatched: [] });
  });
  it('consumes a recognised phrase of several words whole', () => {
    expect(task.match('Segmentation, ground truth').unmatched).toEqual([]);
    expect(anatomy.match('Autism spectrum disorders').unmatched).toEqual([]);
  });
});

describe('abbreviations in brackets', () => {
  it.each([
    ['DR', 'Diabetic retinopathy'],
    ['ICH', 'Intracranial hemorrhage'],
    ['WSIs', 'Whole-slide images'],
    ['iUS', 'Intra-operative Ultrasound'],
    ['DDH', 'Developmental dysplasia of the hip'],
  ])('%s abbreviates %s', (short, long) => {
    expect(abbreviates(short, long)).toBe(true);
  });
  it('does not take a word or an unrelated token for an abbreviation', () => {
    expect(abbreviates('Thorax', 'Lung')).toBe(false);
    expect(abbreviates('CFP', 'Fundus Photo')).toBe(false);
    expect(abbreviates('MRI', 'Diabetic retinopathy')).toBe(false);
  });
  it('reads "X (abbreviation of X)" as X', () => {
    expect(modality.match('Diabetic retinopathy (DR), Color fundus images')).toMatchObject({ terms: ['fundus'], unmatched: [] });
    // "Intracranial" is left for the anatomy vocabulary; the abbreviation is not reported.
    expect(modality.match('Intracranial hemorrhage (ICH), CT scan')).toMatchObject({ terms: ['ct'], unmatched: ['intracranial'] });
    // A bracket that is not an abbreviation is still reported.
    expect(modality.match('Tumours (QXZ), CT').unmatched).toEqual(['qxz']);
  });
});

describe('leftovers in keyword bags', () => {
  it('cuts a leftover run where another vocabulary recognises a phrase', () => {
    expect(task.match('Liver video, Segmentation')).toMatchObject({ terms: ['segmentation'], unmatched: ['liver', 'video'] });
    expect(task.match('Gastrointestinal stool endoscopy').unmatched).toEqual(['gastrointestinal', 'endoscopy', 'stool']);
    expect(modality.match('Zorblax tissue, CT').unmatched).toEqual(['tissue', 'zorblax']);
  });
  it('keeps a lone filler word as filler', () => {
    expect(task.match('Zorblax images').unmatched).toEqual(['zorblax']);
  });
  it('does not complete a whole word of another vocabulary as if it were cut short', () => {
    expect(modality.match('Lung and Colon').terms).toEqual([]);
    expect(anatomyWithRegions('Bladder/ Brain/ Lung/ Pancr').terms).toEqual(['bladder', 'brain', 'lung', 'pancreas']);
  });
  it('reads modality words that name MRI data, tracers and techniques', () => {
    expect(modality.match('t1w, bold, events, sbref, fieldmap')).toMatchObject({ terms: ['mr'], unmatched: [], excluded: ['events'] });
    expect(modality.match('18F-FLT PET imaging, CT Scan')).toMatchObject({ terms: ['pet', 'ct'], unmatched: [] });
    expect(modality.match('3D-VISTA (volume isotropic turbo spin echo acquisition) images').terms).toEqual(['mr']);
    expect(modality.match('CT Pulmonary Angiography (CTPA)').terms).toEqual(['ct']);
    expect(modality.match('MRI, Cognitive Data')).toMatchObject({ terms: ['mr'], excluded: ['Cognitive Data'] });
  });
  it('does not read "arterial spin labeling" as a labelling task', () => {
    expect(task.match('Perfusion/arterial spin labeling (ASL)').terms).toEqual([]);
  });
});

describe('anatomy with regions', () => {
  it('has organ systems and organs the captures name', () => {
    expect(ANATOMY_SLUGS).toEqual(expect.arrayContaining(['appendix', 'urinary-tract', 'female-reproductive-system', 'male-reproductive-system']));
    expect(anatomyWithRegions('Appendix')).toMatchObject({ terms: ['appendix'], regions: ['abdomen'] });
    expect(anatomyWithRegions('Kidneys and Urinary Tract')).toMatchObject({ terms: ['kidney', 'urinary-tract'], regions: ['abdomen'] });
    expect(anatomyWithRegions('Female Reproductive Organs')).toMatchObject({ terms: ['female-reproductive-system'], regions: ['pelvis'], unmatched: [] });
    expect(anatomyWithRegions('Male Reproductive Organs')).toMatchObject({ terms: ['male-reproductive-system'], regions: ['pelvis'] });
  });
  it('reads a misspelling and structure names as their organ, and a disease word as no organ', () => {
    expect(anatomyWithRegions('Retianl')).toMatchObject({ terms: ['retina'] });
    expect(anatomyWithRegions('Liver, kidneys, aorta, IVC')).toMatchObject({ terms: ['liver', 'kidney', 'aorta', 'blood-vessels'], unmatched: [] });
    expect(anatomyWithRegions('Brain tumours').terms).toEqual(['brain']);
    expect(anatomyWithRegions('Low grade glioma')).toMatchObject({ terms: ['brain'], unmatched: [] });
  });
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
  it.each([
    ['CC0: Public Domain', 'CC0-1.0'],
    ['Public Domain (CC0 1.0 Universal)', 'CC0-1.0'],
    ['Annotation data are available under CC0 license', 'CC0-1.0'],
    ['CC0 1.0 license', 'CC0-1.0'],
    ['ODC Public Domain Dedication and Licence (PDDL)', 'PDDL-1.0'],
    ['GNU General Public License v3.0', 'GPL-3.0-only'],
    ['GNU GPL 3.0', 'GPL-3.0-only'],
    ['GPL 2', 'GPL-2.0-only'],
  ])('finds the licence named in %s', (raw, spdx) => {
    expect(normalizeLicense(raw)).toMatchObject({ spdx, key: spdx, matched: true });
  });
  it('does not pick one of several bracketed licences', () => {
    expect(normalizeLicense('Images (CC BY NC 3.0) - Other images (CC BY NC SA 3.0) - Labels (CC BY 4.0)').key).toBe('CC-BY-NC-SA-3.0');
  });
  it('reads TCIA access levels and research-use agreements as their custom kinds', () => {
    expect(normalizeLicense('TCIA Restricted')).toMatchObject({ spdx: 'custom', key: 'custom-tcia', matched: true });
    expect(normalizeLicense('TCIA Limited (contact Support)')).toMatchObject({ key: 'custom-tcia' });
    expect(normalizeLicense('Stanford University School of Medicine MRNet Dataset Research Use Agreement')).toMatchObject({ key: 'custom-noncommercial', commercial: false });
    expect(normalizeLicense('Stanford university dataset research use aggrement')).toMatchObject({ key: 'custom-noncommercial', commercial: false });
  });
  it.each([
    ['No publication rights are given on this data. The data may only be used for the purpose of this challenge.', 'custom-noncommercial'],
    ['The provided data may only be used for preparing an entry to be submitted to this challenge.', 'custom-noncommercial'],
    ['The Database may be used for non-commercial research', 'custom-noncommercial'],
    ['Data is intended for research and educational purposes only', 'custom-noncommercial'],
    ['Any individual or company is prohibited from using it for commercial purposes.', 'custom-noncommercial'],
    ['Open use. Must provide the source. Use for commercial purposes requires permission of the data owner.', 'custom-noncommercial'],
    ['Participants cannot share the data, cannot use it for any commercial purpose.', 'custom-noncommercial-noredistribution'],
    ['Commercial reproduction or multiple distribution of any kind is prohibited.', 'custom-noncommercial-noredistribution'],
    ['Participants cannot share the data.', 'custom-noredistribution'],
  ])('reads the clauses of "%s"', (raw, key) => {
    const l = normalizeLicense(raw);
    expect(l).toMatchObject({ spdx: 'custom', key, matched: true });
    if (key.includes('noncommercial')) expect(l.commercial).toBe(false);
    if (key.includes('noredistribution')) expect(l.derivatives).toBe(false);
  });
  it('does not read research-only use into a text that allows commercial use, or into unrelated prose', () => {
    expect(licenseKindFromClauses(fold('Free for research and commercial use'))).toBeNull();
    expect(licenseKindFromClauses(fold('It is not intended for download or research applications.'))).toBeNull();
    expect(normalizeLicense('Consistent with the policies of the 1000 Functional Connectome Project')).toMatchObject({ spdx: 'custom', matched: false });
  });
  it('does not read "pubilc" or "free" as licenses', () => {
    expect(normalizeLicense('pubilc')).toMatchObject({ spdx: 'unknown', matched: true });
    expect(normalizeLicense('free')).toMatchObject({ spdx: 'unknown' });
    expect(normalizeLicense('Contact provider')).toMatchObject({ spdx: 'unknown', matched: true });
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
