import { describe, expect, it } from 'vitest';
import { extractDoi, parseCount } from './values';

// Raw values as the captures write them (releases/v2.1.0 listings.raw), with the count a reader would take.
describe('parseCount on the values sources really write', () => {
  it.each([
    // A train/validation/test breakdown is the sum of its splits, not its first number.
    ['240 for training, 120 for validation, 240 for test', 600, 'unknown'],
    ['1014 for training, 200 for test', 1214, 'unknown'],
    ['3500 for training, 1500 for testing', 5000, 'unknown'],
    ['train: 38, test: 15', 53, 'unknown'],
    ['500 training cases and 100 test cases', 600, 'cases'],
    // A stated total before its breakdown stays the total.
    ['600 (240 for training, 120 for validation, 240 for test)', 600, 'unknown'],
    // Thousands are kept whatever follows ("1,000+ autism/control subjects" was read as 1).
    ['1,000+ autism/control subjects', 1000, 'subjects'],
    ['2,000+ subjects across 3 datasets', 2000, 'subjects'],
    ['303,001 images & 450,724 VQA entires', 303_001, 'images'],
    // A unit of several words is named by its last word, or by the first unit word of a note.
    ['13,000 fundus images', 13_000, 'images'],
    ['10,030 echo videos', 10_030, 'videos'],
    ['30,000 frontal-view X-rays', 30_000, 'images'],
    ['100 3D LGE-MRI scans', 100, 'volumes'],
    ['4,000 patients (2,000 controls)', 4000, 'subjects'],
  ])('%s → %d %s', (raw, count, unit) => {
    expect(parseCount(raw)).toMatchObject({ ok: true, count, unit });
  });

  it('refuses counts of datasets, collections or tasks, saying what they count', () => {
    expect(parseCount('19 datasets, 54 tasks')).toEqual({ ok: false, reason: '"19 datasets, 54 tasks" counts datasets, not samples' });
    expect(parseCount('1,240+ datasets, 51,000+ subjects')).toMatchObject({ ok: false, reason: expect.stringContaining('counts datasets') });
    expect(parseCount('200+ collections')).toMatchObject({ ok: false, reason: expect.stringContaining('counts collections') });
  });

  it('still refuses a number with words that name no unit', () => {
    expect(parseCount('3 of 5')).toMatchObject({ ok: false, reason: expect.stringContaining('expected a count') });
  });
});

describe('extractDoi', () => {
  it.each([
    ['https://doi.org/10.1101/177279v2', '10.1101/177279'],
    ['https://www.biorxiv.org/content/10.1101/2020.04.24.20078584v3.full.pdf', '10.1101/2020.04.24.20078584'],
    ['10.3389/fnins.2012.00171/full', '10.3389/fnins.2012.00171'],
    ['https://doi.org/10.1117/1.JMI.5.3.036501.full', '10.1117/1.jmi.5.3.036501'],
    // A version-like ending outside bioRxiv/medRxiv is part of the DOI.
    ['https://doi.org/10.5281/zenodo.3431873v2', '10.5281/zenodo.3431873v2'],
  ])('%s → %s', (raw, doi) => {
    expect(extractDoi(raw)).toBe(doi);
  });
});
