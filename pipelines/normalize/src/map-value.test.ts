import { describe, expect, it } from 'vitest';
import { fieldMapRows } from './normalize';
import { compactJson, mapValue } from './map-value';

describe('mapValue', () => {
  it('maps vocabulary roles to terms, and keeps what does not map as an issue', () => {
    expect(mapValue('modality', 'PET/CT/ MR/ US')).toMatchObject({ terms: ['pet', 'ct', 'mr', 'ultrasound'], issue: null });
    expect(mapValue('anatomy', 'Lung (Thorax)')).toMatchObject({ terms: ['lung'], regions: ['chest'], issue: null });
    expect(mapValue('task', 'Seg/ Cls')).toMatchObject({ terms: ['segmentation', 'classification'], issue: null });
    expect(mapValue('modality', 'Quantum holography').issue).toMatch(/no modality term for "quantum holography"/);
  });

  it('does not call a word from another vocabulary a gap (keyword bags mix them)', () => {
    expect(mapValue('modality', 'MRI, Segmentation, Brain')).toMatchObject({ terms: ['mr'], issue: null });
  });

  it('keeps non-imaging modalities apart', () => {
    expect(mapValue('modality', 'EEG')).toMatchObject({ terms: [], excluded: ['EEG'], issue: null });
  });

  it('reads counts with their unit, and names a value that is not a count', () => {
    expect(mapValue('samples', '4,000 patients')).toMatchObject({ count: 4000, unit: 'subjects', issue: null });
    expect(mapValue('samples', 'Neck').issue).toMatch(/expected a count/);
  });

  it('maps licenses with their clauses and URLs to canonical forms', () => {
    expect(mapValue('license', 'CC BY-NC-SA')).toMatchObject({ spdx: 'CC-BY-NC-SA-4.0', commercial: false, share_alike: true });
    expect(mapValue('url', 'HTTPS://Kaggle.com/datasets/x/y/')).toMatchObject({ text: 'https://kaggle.com/datasets/x/y', access: 'registration' });
    expect(mapValue('url', 'javascript:alert(1)').issue).toMatch(/javascript:/);
    expect(mapValue('doi', 'https://doi.org/10.7937/K9/TCIA.2016.tNB1kqBU')).toMatchObject({ doi: '10.7937/k9/tcia.2016.tnb1kqbu' });
  });

  it('reads years, and says when a value has none', () => {
    expect(mapValue('year', '2022-04')).toMatchObject({ year: 2022, issue: null });
    expect(mapValue('year', 'NA')).toMatchObject({ year: null, issue: null });
    expect(mapValue('year', 'someday').issue).toMatch(/expected a year/);
  });
});

describe('fieldMapRows', () => {
  it('turns field maps into ordered rows, with defaults and the stated sample unit', () => {
    const rows = fieldMapRows({ demo: { modality: ['mod', 'kw'], defaults: { anatomy: 'brain' } } });
    expect(rows).toEqual([
      { source_id: 'demo', role: 'modality', field: 'mod', priority: 0, default_value: null },
      { source_id: 'demo', role: 'modality', field: 'kw', priority: 1, default_value: null },
      { source_id: 'demo', role: 'sample_unit', field: 'sample_unit', priority: 0, default_value: null },
      { source_id: 'demo', role: 'anatomy', field: null, priority: 999, default_value: 'brain' },
    ]);
  });

  it('writes a mapped value as compact JSON: its null and empty-list fields left out, the rest as JSON.stringify writes them', () => {
    const values = [
      mapValue('modality', 'PET/CT/ MR/ US'),
      mapValue('anatomy', 'Lung (Thorax)'),
      mapValue('samples', '~1,200 CT volumes'),
      mapValue('license', 'CC BY-NC-SA 4.0'),
      mapValue('url', 'https://doi.org/10.5281/zenodo.123 "quoted"'),
      mapValue('description', 'A line\nwith <b>markup</b> and a \u2028 separator'),
      mapValue('modality', 'Quantum holography'),
    ];
    for (const m of values) {
      const json = compactJson(m);
      expect(json).toBe(JSON.stringify(m, (key, v: unknown) => (key !== '' && (v === null || (Array.isArray(v) && v.length === 0)) ? undefined : v)));
      const parsed = JSON.parse(json) as Record<string, unknown>;
      expect(Object.values(parsed).some((v) => v === null || (Array.isArray(v) && v.length === 0))).toBe(false);
      expect(parsed.role).toBe(m.role);
    }
  });
});
