import { describe, expect, it } from 'vitest';
import { LayoutDriftError, ParseError } from '@imcat/errors';
import { defaultSnapshotsDir, readCaptureDir, sha256Hex, type RawPage } from '@imcat/source-kit';
import { changePages, liveFetchSuite, offlineSourceSuite, reverseTableRows } from '@imcat/source-testing';
import { README_URL } from './config';
import { source } from './index';

// Counted by hand on the capture, independently of the parser:
//   awk 'NR<206' README.md | grep -c '^| \*\*'   -> 121 bold-first-cell lines before "## Dataset Statistics Summary"
//   grep -c '^| \*\*Dataset Name' README.md      -> 10 header lines
//   121 - 10 = 111 dataset rows; the 37 bold lines from line 206 on are 5 guide headers + 32 guide rows.
offlineSourceSuite(source, {
  expectedListings: 111,
  expectedRejects: 0,
  howCounted:
    "awk 'NR<206' README.md | grep -c '^| \\*\\*' gives 121 bold-first-cell table lines above the guide tables, minus 10 '| **Dataset Name**' header lines",
  // Every table's rows in reverse order.
  reorder: (pages) => changePages(pages, () => true, reverseTableRows),
});

liveFetchSuite(source);

const capture = (): RawPage => {
  const page = readCaptureDir(defaultSnapshotsDir(), source).pages[0];
  if (!page) throw new Error('capture has no README');
  return page;
};
const captureText = (): string => new TextDecoder().decode(capture().body);

function pageOf(text: string): RawPage {
  const body = new TextEncoder().encode(text);
  return { ...capture(), body, sha256: sha256Hex(body), headers: { 'content-length': String(body.byteLength) } };
}

const parseText = (text: string) => source.parse([pageOf(text)]);

describe('amaljova-medical-imaging-datasets parse', () => {
  const out = source.parse([capture()]);
  const byKey = new Map(out.listings.map((l) => [l.source_key, l]));

  it('never turns selection-guide rows into listings, and counts them in a note', () => {
    const names = new Set(out.listings.map((l) => l.name));
    for (const guide of ['Mega (>10,000)', 'Small (<100)', 'Whole Body', 'Oncology', 'Open Access', 'Getting Started / Learning']) {
      expect(names.has(guide)).toBe(false);
    }
    expect(out.notes.join('\n')).toMatch(/skipped 32 selection-guide rows/);
  });

  it('recognises guide tables by header, not by position', () => {
    const text = captureText();
    const guideStart = text.indexOf('| **Application** | **Datasets** |');
    const guideEnd = text.indexOf('\n\n', guideStart);
    const guide = text.slice(guideStart, guideEnd);
    const moved = text.replace('## CT Segmentation Datasets', `## Early guide\n\n${guide}\n\n## CT Segmentation Datasets`);
    const again = parseText(moved);
    expect(again.listings.length).toBe(111);
    expect(again.listings.some((l) => l.name === 'Oncology')).toBe(false);
    expect(again.notes.join('\n')).toMatch(/skipped 40 selection-guide rows/);
  });

  it('reads escaped pipes inside cells as one cell with two links', () => {
    const cads = byKey.get('cads--ct-segmentation-datasets');
    expect(cads?.url).toBe('https://arxiv.org/abs/2507.22953');
    expect(cads?.raw.access_urls).toBe('https://arxiv.org/abs/2507.22953 https://huggingface.co/datasets/mrmrx/CADS-dataset');
    expect(cads?.raw.access_link).toBe('arXiv | HuggingFace');
    expect(cads?.raw.license).toBe('TBD');
    expect(cads?.raw.ct_scans).toBe('22,022');
  });

  it('keeps merged editions as one listing named as shown', () => {
    expect(byKey.get('kits19-21')?.name).toBe('KiTS19/21');
    expect(byKey.get('verse-2019-2020--ct-segmentation-datasets')?.name).toBe('VerSe 2019/2020');
  });

  it('disambiguates names listed in two sections by section, and only those', () => {
    expect(byKey.get('lctsc--ct-segmentation-datasets')?.raw.body_region).toBe('Thorax');
    expect(byKey.get('lctsc--lung-thoracic-cancer-datasets')?.raw.table).toBe('CT Datasets with Thoracic Structures and Lung Cancer');
    expect(byKey.has('lctsc')).toBe(false);
    expect(byKey.get('totalsegmentator-nci')?.name).toBe('TotalSegmentator (NCI)');
  });

  it('puts the modality the CT tables imply into raw.modality, and the column value elsewhere', () => {
    expect(byKey.get('amos')?.raw.modality).toBe('CT');
    expect(byKey.get('amos')?.raw.modality_implied_by_table).toBe('true');
    expect(byKey.get('lidc-idri')?.raw.modality).toBe('CT');
    expect(byKey.get('cbis-ddsm')?.raw.modality).toBe('Mammography');
    expect(byKey.get('cbis-ddsm')?.raw.modality_implied_by_table).toBeUndefined();
    expect(byKey.get('echonet-dynamic')?.raw).toMatchObject({ modality: 'Ultrasound', size_scope: '10,030 echo videos' });
  });

  it('emits a null url when the access cell has no link', () => {
    expect(byKey.get('crlm')?.url).toBeNull();
    expect(byKey.get('crlm')?.raw.access_link).toBe('TCIA');
  });

  it('throws LayoutDriftError naming the header when a dataset column is renamed', () => {
    const drifted = captureText().replace('**# CT Scans** | **Anatomical Structures** | **Body Region**', '**# Scans (CT)** | **Anatomical Structures** | **Body Region**');
    expect(() => parseText(drifted)).toThrow(LayoutDriftError);
    expect(() => parseText(drifted)).toThrow(/found "Dataset Name\|# Structures\|# Scans \(CT\)\|Anatomical Structures\|Body Region/);
    expect(() => parseText(drifted)).toThrow(/expected "Dataset Name\|# Structures\|# CT Scans/);
  });

  it('throws LayoutDriftError when a guide table header changes', () => {
    const drifted = captureText().replace('| **Application** | **Datasets** |', '| **Clinical Application** | **Datasets** |');
    expect(() => parseText(drifted)).toThrow(LayoutDriftError);
    expect(() => parseText(drifted)).toThrow(/Clinical Application\|Datasets/);
  });

  it('gives a typed error or the full count wherever the page is cut', () => {
    const text = captureText();
    for (let cut = 500; cut < text.length; cut += 997) {
      let count: number | undefined;
      try {
        count = parseText(text.slice(0, cut)).listings.length;
      } catch (error) {
        expect(error).toBeInstanceOf(ParseError);
        continue;
      }
      expect(count, `cut at ${cut}`).toBe(111);
    }
    expect(() => parseText(text.slice(0, Math.floor(text.length / 2)))).toThrow(ParseError);
  });

  it('rejects a row with a missing cell instead of shifting columns', () => {
    const broken = captureText().replace('| **LiTS** | 2 | 201 | Liver, liver tumors | Liver |', '| **LiTS** | 2 | 201 | Liver |');
    const result = parseText(broken);
    expect(result.listings.length).toBe(110);
    expect(result.rejects).toEqual([expect.objectContaining({ record: 'LiTS', reason: expect.stringMatching(/cells, the header has 8/) })]);
  });

  it('rejects a fully repeated row as an exact duplicate', () => {
    const row = '| **MURA** | X-Ray | Musculoskeletal radiographs | 40,000+ images | [MURA](https://stanfordmlgroup.github.io/competitions/mura/) |';
    const result = parseText(captureText().replace(row, `${row}\n${row}`));
    expect(result.listings.length).toBe(111);
    expect(result.rejects).toEqual([expect.objectContaining({ reason: 'exact duplicate of mura' })]);
  });

  it('refuses a body that is not UTF-8 text', () => {
    const page = { ...capture(), body: new Uint8Array([0xff, 0xfe, 0x00, 0x41]) };
    expect(() => source.parse([page])).toThrow(ParseError);
  });

  it('maps the capture file to the raw README URL and nothing else', () => {
    expect(source.captureFiles(['README.md', 'notes.txt'])).toEqual([{ file: 'README.md', url: README_URL }]);
  });
});
