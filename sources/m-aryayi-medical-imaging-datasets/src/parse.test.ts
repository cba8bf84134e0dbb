import { describe, expect, it } from 'vitest';
import { LayoutDriftError, ParseError } from '@imcat/errors';
import { defaultSnapshotsDir, readCaptureDir, sha256Hex, type RawPage } from '@imcat/source-kit';
import { changePages, liveFetchSuite, offlineSourceSuite, reverseRecords } from '@imcat/source-testing';
import { source } from './index';

// Counted by hand on the capture, independently of the parser:
//   grep -cE '^ *- <a href' README.md   -> 659 dataset bullets
//   (SOURCE.json says 658: `grep -c '^- <a href'` misses " - <a href=...> **Abdominal ultrasound
//    simulation scans**", indented by one space at line 2951, which is a real dataset entry.)
//   awk '/^##+ /{s=$0} /^ *- <a href/{c[s]++} END{for(k in c) print c[k], k}' README.md
//     -> Brain 182, Lungs 97, Multi Organs Datasets 70, Heart and Blood Vessels 60, Breast 40, Eyes 38, ...
offlineSourceSuite(source, {
  expectedListings: 659,
  expectedRejects: 0,
  howCounted:
    "grep -cE '^ *- <a href' README.md gives 659 (one bullet is indented by a space, so '^- <a href' gives 658); no other bullets start with an anchor",
  // Each section's dataset bullets (with the lines under each) in reverse order.
  reorder: (pages) => changePages(pages, () => true, (text) => reverseRecords(text, (line) => /^ *- <a href/.test(line), (line) => /^\s*(#{1,6} |<h[1-6])/i.test(line))),
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

describe('m-aryayi-medical-imaging-datasets parse', () => {
  const out = source.parse([capture()]);
  const byKey = new Map(out.listings.map((l) => [l.source_key, l]));
  const count = (field: string) => out.listings.filter((l) => l.raw[field]).length;

  it('keeps the anatomical heading each entry sits under', () => {
    const perSection = new Map<string, number>();
    for (const l of out.listings) perSection.set(l.raw.section!, (perSection.get(l.raw.section!) ?? 0) + 1);
    expect(Object.fromEntries(perSection)).toMatchObject({ Brain: 182, Lungs: 97, 'Multi Organs Datasets': 70, 'Heart and Blood Vessels': 60, Breast: 40, Eyes: 38, Animals: 14 });
    expect(byKey.get('3d-2d-gs-ca')?.raw.section_path).toBe('Head and Neck > Brain');
    expect(out.notes).toEqual([]);
  });

  it('finds each marked field as often as it occurs in the capture', () => {
    // grep -c '\*\*\*Keyboard:\*\*\*' -> 555; CcLogo/leaderboard/brokenlink icons minus the one legend line each.
    expect(count('keywords')).toBe(555);
    expect(count('license')).toBe(345);
    expect(count('leaderboard_url')).toBe(157);
    expect(count('paper_url')).toBe(372);
    expect(count('link_broken')).toBe(15);
    expect(count('long_name')).toBe(294);
  });

  it('reads a full entry: long name, description, keywords, paper, licence', () => {
    expect(byKey.get('abide')).toMatchObject({
      name: 'ABIDE',
      url: 'http://fcon_1000.projects.nitrc.org/indi/abide',
      raw: {
        long_name: 'Autism Brain Imaging Data Exchange',
        keywords: 'Autism spectrum disorders (ASDs), MRI',
        paper_url: 'https://pubmed.ncbi.nlm.nih.gov/23774715',
        license: 'CC BY-NC-SA 3.0',
      },
    });
  });

  it('tells the two ADAM entries apart by section', () => {
    expect(byKey.get('adam--brain')?.raw.long_name).toBe('Aneurysm Detection And segMentation');
    expect(byKey.get('adam--eyes')?.url).toBe('https://amd.grand-challenge.org/');
    expect(byKey.has('adam')).toBe(false);
  });

  it('lists every BRATS edition separately and flags broken links', () => {
    const brats = out.listings.filter((l) => /^BRATS20\d\d$/.test(l.name)).map((l) => l.source_key);
    expect(brats).toHaveLength(12);
    expect(byKey.get('brats2012')?.raw).toMatchObject({ link_broken: 'true', long_name: 'Brain Tumor Segmentation' });
    expect(byKey.get('brats2021')?.raw.link_broken).toBeUndefined();
  });

  it('handles a long name wrapped over two lines and a description on the name line', () => {
    expect(byKey.get('instance2022')?.raw.long_name).toBe('INtracranial hemorrhage SegmenTAtioN ChallengE');
    expect(byKey.get('verse')?.raw.description).toBe('Large Scale Vertebrae Segmentation');
  });

  it('reads the bullet indented by one space, with keywords wrapped over two lines', () => {
    expect(byKey.get('abdominal-ultrasound-simulation-scans')?.raw.keywords).toBe(
      'Liver, kidney, pancreas, vessels, adrenals, gallbladder, bones, spleen, Ultrasound (US) imaging, Segmentation, Labeled',
    );
  });

  it('keeps all paper links in paper_urls, the first in paper_url, and ignores stray closing tags', () => {
    expect(byKey.get('age')?.raw.paper_urls).toBe(
      'https://pubmed.ncbi.nlm.nih.gov/31036585 https://www.sciencedirect.com/science/article/abs/pii/S1361841520301626',
    );
    expect(byKey.get('luna16')?.raw).toMatchObject({
      leaderboard_url: 'https://luna16.grand-challenge.org/Results',
      license: 'Creative Commons Attribution 4.0 International License',
      description: 'Nodule location detection',
    });
  });

  it('drops HTML comments ("old link" notes, the commented-out banner)', () => {
    expect(JSON.stringify(byKey.get('brains')?.raw)).not.toMatch(/old link|brainsimagebank/);
    const text = captureText().replace('<!-- \r\n', '<!-- \r\n- <a href="https://example.org/x"> **Hidden**</a><br>\r\n');
    expect(text).toContain('**Hidden**');
    expect(parseText(text).listings.some((l) => l.name === 'Hidden')).toBe(false);
  });
});

describe('m-aryayi-medical-imaging-datasets: drift and truncation', () => {
  it('throws LayoutDriftError when an anatomical heading is renamed', () => {
    const text = captureText().replace('### Lungs', '### Lung');
    expect(() => parseText(text)).toThrow(LayoutDriftError);
    expect(() => parseText(text)).toThrow(/expected headings "Lungs", found .*"Lung"/);
  });

  it('throws LayoutDriftError when the keywords label changes everywhere', () => {
    const text = captureText().replaceAll('***Keyboard:***', '***Tags:***');
    expect(() => parseText(text)).toThrow(/no entry has a keywords line/);
  });

  it('throws when the bullets stop using <a href> anchors', () => {
    const text = captureText().replace(/^(\s*)- <a href="([^"]*)">\s*(\*\*[^<]*\*\*)<\/a>/gm, '$1- [$3]($2)');
    expect(text.match(/^- \[\*\*/gm)?.length).toBeGreaterThan(600);
    expect(() => parseText(text)).toThrow(/implausibly few dataset bullets.*expected at least 500 entries/);
  });

  it('throws a ParseError on a page cut short anywhere before the last heading', () => {
    const text = captureText();
    for (const fraction of [0.05, 0.5, 0.97]) {
      expect(() => parseText(text.slice(0, Math.floor(text.length * fraction)))).toThrow(ParseError);
    }
  });
});
