import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Db, INTEGER, VARCHAR } from '@imcat/duckdb';
import { installMacros } from '../resolve';
import { Analyser, foldName, oneEditApart } from './analyse';

const analyser = new Analyser();
const a = (name: string) => analyser.analyse(name);

describe('name analysis: editions', () => {
  it.each([
    // [name, folded form the edition is read from, edition kind, edition, base]
    ['BraTS 2021', 'brats 2021', 'year', '2021', 'brats'],
    ['BRATS21', 'brats21', 'year', '2021', 'brats'],
    ['KiTS19 Challenge', 'kits19 challenge', 'year', '2019', 'kits challenge'],
    ['EndoVis23-PitVis', 'endovis23 pitvis', 'year', '2023', 'endovis pitvis'],
    ['OASIS-3', 'oasis 3', 'sequel', 'v3', 'oasis'],
    ['AutoPET II', 'autopet ii', 'sequel', 'v2', 'autopet'],
    ['LIAGv3', 'liagv3', 'sequel', 'v3', 'liag'],
    // hidden by publisher and filler words: read from the core
    ['CaPG-v2 Study', 'capg v2', 'sequel', 'v2', 'capg'],
    ['The ChurtEye16 Dataset', 'churteye16', 'year', '2016', 'churteye'],
    // before the colon of a long title; not a brain area in a sentence
    ['MedMNIST v2: A Large-Scale Lightweight Benchmark', 'medmnist v2 a large scale lightweight benchmark', 'sequel', 'v2', 'medmnist a large scale lightweight benchmark'],
    ['Human V4 size predicts crowding distance', 'human v4 size predicts crowding distance', null, null, 'human v4 size predicts crowding distance'],
    // a name over several editions names the family
    ['KiTS19/21', 'kits19 21', 'multi', null, 'kits'],
    ['BraTS 2012-2024', 'brats 2012 2024', 'multi', null, 'brats'],
    // a misspelt filler word reads as the filler
    ['Foo CHALLNEGE 2019', 'foo challenge 2019', 'year', '2019', 'foo challenge'],
  ])('%s', (name, f, kind, edition, base) => {
    const r = a(name);
    expect([r.f, r.edition_kind, r.edition, r.base]).toEqual([f, kind, edition, base]);
  });
});

describe('name analysis: words, numbers, acronyms', () => {
  it('folds qualifiers to one spelling and keeps content words apart from filler', () => {
    const lits = a('Liver Tumor Segmentation (LiTS)');
    expect(lits.tokens).toEqual(['liver', 'tumour', 'seg', 'lits']);
    expect(lits.base_key).toBe('livertumourseglits');
    expect(lits.acronym_kind).toBe('long');
    const vfur = a('VFuR: Ventricular Function Registration Collection');
    expect(vfur.words).toEqual(['vfur', 'ventricular', 'function', 'registration']);
    expect(vfur.core_base_key).toBe('vfurventricularfunctionregistration');
  });

  it('reads numbers as numbers, counts apart from versions, and 3D as a word', () => {
    expect(a('COVID19-CT-1000')).toMatchObject({ f: 'covid ct 1000', numbers: ['1000'], numbers_are_counts: true });
    expect(a('SinaFarsiu-010-Rabbani_IOVS_2014')).toMatchObject({ numbers: ['10'], name_tails: ['iovs2014', 'rabbaniiovs2014', '010rabbaniiovs2014'] });
    expect(a('QUBIQ2021 3D CT')).toMatchObject({ numbers: [], numbers_are_counts: false, words: ['qubiq', 'dimthree', 'ct'] });
    expect(a('Human V4 size predicts crowding distance').numbers).toEqual(['4']);
  });

  it('takes short forms and their capitals as acronyms, and the last word of a dated pair', () => {
    expect(a('Kvasir-SEG').acronyms.sort()).toEqual(['kseg', 'kvasir']);
    expect(a('LIDC-IDRI')).toMatchObject({ acronym_kind: 'short' });
    expect(a('LIDC-IDRI').acronyms.sort()).toEqual(['lidc', 'lidcidri']);
    expect(a('EndoVis23-PitVis').last_word).toBe('pitvis');
    expect(a('PROSTATEx-Seg-Zones').sorted_words).toEqual(['prostatex', 'seg', 'zone']);
  });

  it('never takes a descriptive word, or one misspelt by an edit, for the name of a part', () => {
    expect(a('PANDA Radboud').part_names).toEqual(['panda', 'radboud']);
    expect(a('Penumonia Chest Radboud')).toMatchObject({ parts: ['penumonia', 'chest', 'radboud'], part_names: ['chest', 'radboud'] });
    expect(a('Lung Nodules Karolinska').part_names).toEqual(['lung', 'karolinska']);
  });

  it('tells a name that looks like an accession', () => {
    expect(a('ds000030').accession_like).toBe(true);
    expect(a('DS004265').accession_like).toBe(true);
    expect(a('BraTS 2021').accession_like).toBe(false);
  });

  it('marks names of descriptive words only as generic, and a lone qualifier as naming nothing', () => {
    expect(a('COVID-19 Chest X-ray DB').generic).toBe(true);
    expect(a('BraTS 2021').generic).toBe(false);
    expect(a('CT')).toMatchObject({ name_variant: false, generic: false });
    expect(a('Chest X-ray Images').base_generic).toBe(true);
  });
});

describe('name analysis: variants', () => {
  it('takes a bracketed short name and the long name outside it', () => {
    expect(a('Liver Tumor Segmentation (LiTS)').variants).toEqual([
      { kind: 'before-bracket', f: 'liver tumor segmentation', own_edition: null, stripped_key: 'livertumourseg', stripped_core_key: 'livertumourseg', stripped_generic: true },
      { kind: 'in-bracket', f: 'lits', own_edition: null, stripped_key: 'lits', stripped_core_key: 'lits', stripped_generic: false },
    ]);
  });

  it('does not take a bracket that names a part for the whole', () => {
    expect(a('RadImageNet (Subset: CT)').variants.map((v) => v.kind)).toEqual(['before-colon']);
    // (the bracket still reads as a short name of its own)
    expect(a('ICIAR 2018 (WSI)').variants.map((v) => v.kind)).toEqual(['in-bracket']);
  });

  it('takes the short name before a colon and the long name after it, with an edition of their own', () => {
    expect(a('VFuR: Ventricular Function Registration Collection').variants.map((v) => [v.kind, v.f])).toEqual([
      ['before-colon', 'vfur'],
      ['after-colon', 'ventricular function registration collection'],
    ]);
    expect(a('MedMNIST v2: A Large-Scale Lightweight Benchmark').variants).toEqual([
      { kind: 'before-colon', f: 'medmnist v2', own_edition: 'v2', stripped_key: 'medmnist', stripped_core_key: 'medmnist', stripped_generic: false },
    ]);
  });
});

describe('oneEditApart', () => {
  it.each([
    ['challnege', 'challenge', true],
    ['chalenge', 'challenge', true],
    ['challengee', 'challenge', true],
    ['challengx', 'challenge', true],
    ['challenge', 'challenge', false],
    ['chlalnege', 'challenge', false],
    ['datset', 'datasets', false],
  ])('%s / %s: %s', (x, y, expected) => {
    expect(oneEditApart(x, y)).toBe(expected);
    expect(oneEditApart(y, x)).toBe(expected);
  });

  it('agrees with the filler fixes: one filler at one edit, or none', () => {
    expect(analyser.fillerFix('challnege')).toBe('challenge');
    expect(analyser.fillerFix('dataseet')).toBe('dataset');
    // "datasetz" is one edit from "dataset" and from "datasets": two fillers, so no fix
    expect(analyser.fillerFix('datasetz')).toBeNull();
    expect(analyser.fillerFix('challenge')).toBeNull();
  });
});

describe('foldName agrees with fold_name in SQL', () => {
  let db: Db;
  beforeAll(async () => {
    db = await Db.open(':memory:', { threads: 1 });
    await installMacros(db);
  });
  afterAll(() => db.close());

  it('on awkward names and 5,000 random ones over accents, marks, ligatures, other scripts and COVID spellings', async () => {
    const pieces = ['BraTS', ' ', '-', '_', '2021', 'é', 'É', 'ñ', 'ü', 'ø', 'ß', 'ﬁ', 'İ', 'ı', 'K', 'Å', 'ǅ', 'a\u0301', 'e\u0308\u0323', 'Ω', 'σ', 'Σ',
      '東京', '한국', 'ä', 'COVID-19', 'covid19', 'SARS-CoV-2', 'sars cov2', '👍🏽', '\u00a0', '\t', '(', ')', ':', '.', 'X-ray', 'Ⅻ', '①', 'ﾃ'];
    const names = ['', ' ', 'Ünïcödé Ðata', 'İstanbul MRI', 'COVID-19 CT', 'SARS-CoV-2 X-rays', 'ﬁle ﬂow', 'Straße', 'ΣΟΦΙΑ', 'covid 19 covid 19'];
    // The same 5,000 names on every run: the bytes of a hash of the case number pick the pieces.
    for (let i = 0; i < 5000; i++) {
      const bytes = createHash('sha256').update(`fold ${i}`).digest();
      let s = '';
      for (let j = 1; j <= 1 + (bytes[0]! % 8); j++) s += pieces[bytes[j]! % pieces.length];
      names.push(s);
    }
    await db.exec('CREATE OR REPLACE TABLE names (i INTEGER, name VARCHAR)');
    await db.appendColumns('names', [INTEGER, VARCHAR], [names.map((_, i) => i), names]);
    const rows = await db.all<{ i: number; f: string }>('SELECT i, fold_name(name) AS f FROM names ORDER BY i');
    const mismatches = rows.filter((r) => foldName(names[r.i]!) !== r.f).map((r) => ({ name: names[r.i], sql: r.f, ts: foldName(names[r.i]!) }));
    expect(mismatches).toEqual([]);
  });
});
