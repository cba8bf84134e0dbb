import { describe, expect, it } from 'vitest';
import { licenseAccess, normalizeAccess } from './vocabularies';

describe('licenseAccess', () => {
  it.each([
    // License values as the captures write them (m-aryayi, imaging-x-browser).
    ['TCIA Restricted', 'application'],
    ['CC BY 4.0 - TCIA Restricted', 'application'],
    ['TCIA Limited (contact Support)', 'application'],
    ['TCIA No Commercial Limited - CC BY-NC 3.0', 'application'],
    ['NCTN/NCORP Data Archive License', 'application'],
    ['PhysioNet Restricted Health Data License 1.5.0', 'application'],
  ])('%s → %s', (raw, access) => {
    expect(licenseAccess(raw)).toBe(access);
  });

  it('gives nothing for licenses that set no access, or for words inside other words', () => {
    for (const raw of ['CC BY 4.0', 'TCIA', 'TCIA Data Usage Policy', 'CC0 1.0', 'unlimited use', 'TCIA Restrictedness', '', null]) expect(licenseAccess(raw)).toBeNull();
  });

  it('leaves the host rules as they were: a TCIA page alone is open', () => {
    expect(normalizeAccess(null, 'https://www.cancerimagingarchive.net/collection/tcga-lgg/')).toMatchObject({ access: 'open', from: 'domain' });
  });
});
