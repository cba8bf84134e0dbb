import { describe, expect, it } from 'vitest';
import { LayoutDriftError, ParseError } from '@imcat/errors';
import { defaultSnapshotsDir, readCaptureDir, sha256Hex, type RawPage } from '@imcat/source-kit';
import { changePages, offlineSourceSuite, reverseJsonArray, reverseTableRows } from '@imcat/source-testing';
import { source } from './index';

// Counted on the capture, independently of this parser:
//   python3 -c "import json;d=json.load(open('datasets.json'));print(len(d), len({json.dumps(x,sort_keys=True) for x in d}))"
//   → 1151 objects, 1150 distinct (PROMISE09 appears twice, identical, under "3D MR Datasets").
//   grep -c '^| [0-9]' README.md → 1151 table rows, the same rows as datasets.json.
offlineSourceSuite(source, {
  expectedListings: 1150,
  expectedRejects: 1,
  howCounted:
    "datasets.json has 1151 objects (python len(json.load)), 1150 distinct by json.dumps(sort_keys=True); README has 1151 rows (grep -c '^| [0-9]' README.md); the identical PROMISE09 twin is rejected",
  // datasets.json's objects and the README table's rows, each in reverse order, and the pages too.
  reorder: (pages) => changePages([...pages].reverse(), () => true, (text) => (text.trimStart().startsWith('[') ? reverseJsonArray(text, []) : reverseTableRows(text))),
});

const loaded = readCaptureDir(defaultSnapshotsDir(), source).pages;
const baseline = source.parse(loaded);

function isFile(page: RawPage, suffix: string): boolean {
  return new URL(page.url).pathname.endsWith(suffix);
}

/** The capture pages with one file's text changed in memory. */
function mutate(suffix: string, change: (text: string) => string): RawPage[] {
  return loaded.map((page) => {
    if (!isFile(page, suffix)) return page;
    const body = new TextEncoder().encode(change(new TextDecoder().decode(page.body)));
    return { ...page, body, sha256: sha256Hex(body) };
  });
}

function listing(key: string) {
  const found = baseline.listings.find((l) => l.source_key === key);
  if (!found) throw new Error(`no listing ${key}`);
  return found;
}

describe('imaging-x: joining datasets.json with the README tables', () => {
  it('reports the one row on which the two files disagree, keeping the README value in raw', () => {
    const hnscc = listing('hnscc-mif-mihc--histopathology');
    expect(hnscc.raw.label).toBe('false');
    expect(hnscc.raw.readme_label).toBe('3.2k');
    // The column-shifted value stays raw; normalisation rejects it later.
    expect(hnscc.raw.samples).toBe('Neck');
    expect(baseline.notes).toContain(
      'imaging-x: hnscc-mif-mihc--histopathology field label: datasets.json "No" vs README "3.2k" (README line 558)',
    );
    expect(baseline.notes.filter((n) => n.includes(' vs README '))).toHaveLength(1);
  });

  it('treats README link padding and markdown escapes as agreement, and unescapes URLs', () => {
    expect(listing('ph2--dermoscopy').url).toBe('https://www.fc.up.pt/addi/ph2%20database.html');
    expect(listing('stage--3d-other-datasets').url).toBe('https://doi.org/10.5281/zenodo.7835341');
    expect(listing('isbi2023-challenge-shiny-icarus--3d-other-datasets').url).toBe('https://www.synapse.org/#!Synapse:syn45774070');
    expect(listing('fund--fundus-photography').url).toBeNull();
  });

  it('strips the zero-width joiner from the OCT section and keeps every JSON field raw', () => {
    const oct = baseline.listings.filter((l) => l.raw.section === 'OCT');
    expect(oct).toHaveLength(19);
    expect(Object.keys(listing('isic18--dermoscopy').raw)).toEqual([
      'section',
      'year',
      'dim',
      'modality',
      'structure',
      'samples',
      'label',
      'task',
      'diseases',
      'access',
      'download_method',
      'auth_instructions',
    ]);
  });

  it('keys repeated names by section, then year, then a content hash; rejects exact twins', () => {
    const keys = baseline.listings.map((l) => l.source_key);
    expect(keys).toContain('cmb-crc--3d-ct-datasets');
    expect(keys).toContain('cmb-crc--3d-pet-datasets');
    expect(keys).toEqual(expect.arrayContaining(['imageclef-2016--dermoscopy--2015', 'imageclef-2016--dermoscopy--na']));
    expect(keys.filter((k) => k.startsWith('mudi2019--3d-mr-datasets--2019--'))).toHaveLength(2);
    expect(keys).toContain('promise09--3d-mr-datasets');
    expect(baseline.rejects[0]).toMatchObject({ record: 'promise09--3d-mr-datasets', reason: 'exact duplicate of promise09--3d-mr-datasets' });
  });

  it('joins by section, name and occurrence, not by position: swapping two README rows changes nothing', () => {
    const swapped = mutate('README.md', (text) => {
      const lines = text.split('\n');
      const a = lines.findIndex((l) => l.startsWith('| 1 | [ISIC18]'));
      [lines[a], lines[a + 1]] = [lines[a + 1]!, lines[a]!];
      return lines.join('\n');
    });
    const again = source.parse(swapped);
    expect(again.listings.map((l) => [l.source_key, l.raw])).toEqual(baseline.listings.map((l) => [l.source_key, l.raw]));
  });

  it('keeps rows only one file has, flagged with raw.only_in and a note', () => {
    const out = source.parse(mutate('README.md', (text) => text.replace(/^\| 2 \| \[ISIC20\].*\n/m, '')));
    expect(out.listings).toHaveLength(1150);
    expect(out.listings.find((l) => l.source_key === 'isic20--dermoscopy')?.raw.only_in).toBe('datasets.json');
    expect(out.notes).toContain('imaging-x: isic20--dermoscopy is in datasets.json but has no README row');
  });
});

describe('imaging-x: drift and damage give typed errors', () => {
  it('throws LayoutDriftError naming expected and found header when a README column is renamed', () => {
    const drifted = mutate('README.md', (text) => text.replace('| Dataset | Year | Dim |', '| Dataset | Yr | Dim |'));
    expect(() => source.parse(drifted)).toThrow(LayoutDriftError);
    expect(() => source.parse(drifted)).toThrow(
      /expected header "#\|Dataset\|Year\|Dim\|Modality\|Structure\|Images\/Volumes\/Samples\|Label\|Task\|Diseases", found "#\|Dataset\|Yr\|Dim/,
    );
  });

  it('throws LayoutDriftError when a datasets.json key is renamed throughout', () => {
    const drifted = mutate('datasets.json', (text) => text.replaceAll('"structure":', '"anatomy":'));
    expect(() => source.parse(drifted)).toThrow(LayoutDriftError);
    expect(() => source.parse(drifted)).toThrow(/lack the key\(s\) structure/);
  });

  it('throws LayoutDriftError when datasets.json is not an array', () => {
    expect(() => source.parse(mutate('datasets.json', (text) => `{"rows": ${text}}`))).toThrow(LayoutDriftError);
  });

  it('throws ParseError for a README cut off mid-table', () => {
    const cut = mutate('README.md', (text) => text.slice(0, Math.floor(text.length * 0.6)));
    expect(() => source.parse(cut)).toThrow(ParseError);
    expect(() => source.parse(cut)).toThrow(/truncated/);
  });

  it('throws ParseError for a datasets.json cut in half or nearly emptied', () => {
    expect(() => source.parse(mutate('datasets.json', (text) => text.slice(0, text.length / 2)))).toThrow(ParseError);
    expect(() => source.parse(mutate('datasets.json', () => '[]'))).toThrow(/implausibly few rows/);
  });

  it('throws ParseError when one of the two files is missing', () => {
    expect(() => source.parse(loaded.filter((p) => !isFile(p, 'README.md')))).toThrow(/missing/);
  });
});

describe('imaging-x: the optional commit pin', () => {
  const commitsPage = (body: string): RawPage => {
    const bytes = new TextEncoder().encode(body);
    return { ...loaded[0]!, url: 'https://api.github.com/repos/uni-medical/Project-Imaging-X/commits?per_page=1', body: bytes, sha256: sha256Hex(bytes) };
  };

  it('notes the pinned commit and leaves the listings unchanged', () => {
    const sha = 'ec70f7b9ed62339100c18a82dfa695d38bccf09e';
    const out = source.parse([...loaded, commitsPage(JSON.stringify([{ sha, commit: { committer: { date: '2026-04-03T00:00:00Z' } } }]))]);
    expect(out.notes[0]).toBe(`imaging-x: files read at commit ${sha} (2026-04-03T00:00:00Z)`);
    expect(out.listings).toEqual(baseline.listings);
  });

  it('only notes an unreadable commits answer', () => {
    const out = source.parse([...loaded, commitsPage('<html>rate limited')]);
    expect(out.notes[0]).toMatch(/version not pinned/);
    expect(out.listings).toHaveLength(1150);
  });
});
