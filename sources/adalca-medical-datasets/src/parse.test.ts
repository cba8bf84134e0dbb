import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadAwesomeListConfig } from '@imcat/awesome-list';
import { LayoutDriftError, ParseError } from '@imcat/errors';
import { defaultSnapshotsDir, readCaptureDir, sha256Hex, type RawPage } from '@imcat/source-kit';
import { changePages, liveFetchSuite, offlineSourceSuite, reverseRecords } from '@imcat/source-testing';

const source = loadAwesomeListConfig(fileURLToPath(new URL('../source.json', import.meta.url)));

// Counted by hand on the capture, independently of the parser:
//   grep -c '^### ' README.md                                      -> 74 dataset headings
//   awk '/^## /{s=$0} /^### /{c[s]++} END{for(k in c) print c[k], k}' README.md
//     -> 2 "Datasets processed by us", 69 "Main Medical Imaging List", 3 "Non-imaging"
//   74 - 3 non-imaging (rejected with reason "non-imaging") = 71 listings.
offlineSourceSuite(source, {
  expectedListings: 71,
  expectedRejects: 3,
  howCounted:
    "grep -c '^### ' README.md gives 74; awk per '## ' section gives 2 + 69 imaging and 3 under '## Non-imaging', which are rejected",
  // Each '## ' section's '### ' dataset entries in reverse order.
  reorder: (pages) => changePages(pages, () => true, (text) => reverseRecords(text, (line) => line.startsWith('### '), (line) => /^#{1,2} /.test(line))),
});
liveFetchSuite(source);

const capture = (): RawPage => {
  const page = readCaptureDir(defaultSnapshotsDir(), source).pages[0];
  if (!page) throw new Error('capture has no README');
  return page;
};
const captureText = (): string => new TextDecoder().decode(capture().body);
const parseText = (text: string) => {
  const body = new TextEncoder().encode(text);
  return source.parse([{ ...capture(), body, sha256: sha256Hex(body) }]);
};

describe('adalca-medical-datasets (declarative)', () => {
  const out = source.parse([capture()]);
  const byKey = new Map(out.listings.map((l) => [l.source_key, l]));

  it('rejects the three non-imaging entries with the reason "non-imaging"', () => {
    expect(out.rejects.map((r) => [r.record, r.reason])).toEqual([
      ['physionet-pulmonary-edema-severity-grades-based-on-mimic-cxr', 'non-imaging'],
      ['physionet-computing-in-cardiology-2019-challenge', 'non-imaging'],
      ['eicu-crd', 'non-imaging'],
    ]);
  });

  it('reads the keywords line into raw.keywords, including the "Keyworks" typo', () => {
    // grep -c '^\*\*Key' README.md -> 67, one of them under Non-imaging
    expect(out.listings.filter((l) => l.raw.keywords).length).toBe(66);
    expect(byKey.get('adni')?.raw.keywords).toBe('large, MRI, genetics, clinical');
    expect(byKey.get('cancer-image-archive')?.raw.keywords).toBe('vary-large, CT, MR, labels');
  });

  it('joins the free-text lines into raw.description, with link text kept and markup removed', () => {
    expect(byKey.get('mimic-cxr')?.raw.description).toBe(
      '371,920 chest x-rays associated with 227,943 imaging studies 3/16/2019: Not yet linked with MIMIC ICU data. See news article v2: free-text radiology reports Need to request access',
    );
    expect(byKey.get('mridata')?.raw).toEqual({
      description: 'List of mri k-space datasets',
      section: 'Main Medical Imaging List',
      section_path: 'List of Medical (Imaging) Datasets > Main Medical Imaging List',
    });
  });

  it('keeps the section each entry sits under', () => {
    expect(byKey.get('neurite-oasis')?.raw.section).toBe('Datasets processed by us');
    expect(out.listings.filter((l) => l.raw.section === 'Main Medical Imaging List')).toHaveLength(69);
  });

  it('repairs the Pancreas-CT link whose target is itself a markdown link', () => {
    expect(byKey.get('pancreas-ct-data-from-national-institutes-of-health-clinical-center')?.url).toBe(
      'https://wiki.cancerimagingarchive.net/display/Public/Pancreas-CT',
    );
  });

  it('tells the two "Cross-Sectional Multidomain Lexical Processing" entries apart by URL', () => {
    const keys = out.listings.filter((l) => l.name === 'Cross-Sectional Multidomain Lexical Processing').map((l) => l.source_key);
    expect(keys).toEqual([
      'cross-sectional-multidomain-lexical-processing--openneuro-org-datasets-ds002236',
      'cross-sectional-multidomain-lexical-processing--openneuro-org-datasets-ds002236-versions-1-1-0',
    ]);
  });

  it('never lists the bullet links of the trailing sections', () => {
    for (const name of ['Moment in time', 'github', 'google dataset search', 'openneuro']) {
      expect(out.listings.some((l) => l.name === name)).toBe(false);
    }
  });

  it('gives a heading without a link a null URL', () => {
    const text = captureText().replace('### [MRIdata](http://mridata.org/)', '### MRIdata');
    expect(parseText(text).listings.find((l) => l.name === 'MRIdata')?.url).toBeNull();
  });
});

describe('adalca-medical-datasets: drift and truncation', () => {
  it('throws LayoutDriftError when "## Main Medical Imaging List" is renamed', () => {
    const text = captureText().replace('## Main Medical Imaging List', '## Imaging datasets');
    expect(() => parseText(text)).toThrow(LayoutDriftError);
    expect(() => parseText(text)).toThrow(/expected headings "Main Medical Imaging List", found .*"Imaging datasets"/);
  });

  it('throws LayoutDriftError when the keywords label is renamed everywhere', () => {
    const text = captureText().replace(/\*\*Keywor[dk]s\*\*:/g, '**Tags**:');
    expect(() => parseText(text)).toThrow(/no entry has a configured labelled line/);
  });

  it('throws a ParseError on a page cut short anywhere before the last heading', () => {
    const text = captureText();
    for (const fraction of [0.1, 0.5, 0.9]) {
      expect(() => parseText(text.slice(0, Math.floor(text.length * fraction)))).toThrow(ParseError);
    }
  });
});
