import { describe, expect, it } from 'vitest';
import { LayoutDriftError, ParseError } from '@imcat/errors';
import { defaultSnapshotsDir, readCaptureDir, sha256Hex, type RawPage } from '@imcat/source-kit';
import { changePages, offlineSourceSuite, reverseJsonArray } from '@imcat/source-testing';
import { source } from './index';

// Counted on the capture, independently of this parser:
//   python3 -c "import json;d=json.load(open('cleaned_total.json'))['rows'];print(len(d), len({json.dumps(x,sort_keys=True) for x in d}))"
//   → 1156 rows, 1028 distinct; the 128 others are exact copies of an earlier row.
offlineSourceSuite(source, {
  expectedListings: 1028,
  expectedRejects: 128,
  howCounted:
    "cleaned_total.json has 1156 rows, 1028 distinct by python json.dumps(row, sort_keys=True); the 128 exact copies are rejected",
  // The rows of cleaned_total.json in reverse order.
  reorder: (pages) => changePages(pages, () => true, (text) => reverseJsonArray(text, ['rows'])),
});

const loaded = readCaptureDir(defaultSnapshotsDir(), source).pages;
const baseline = source.parse(loaded);
const text = new TextDecoder().decode(loaded[0]!.body);

function withBody(body: string): RawPage[] {
  const bytes = new TextEncoder().encode(body);
  return [{ ...loaded[0]!, body: bytes, sha256: sha256Hex(bytes) }];
}

function withDocument(change: (doc: { columns: string[]; rows: Record<string, unknown>[] }) => void): RawPage[] {
  const doc = JSON.parse(text) as { columns: string[]; rows: Record<string, unknown>[] };
  change(doc);
  return withBody(JSON.stringify(doc));
}

function listing(key: string) {
  const found = baseline.listings.find((l) => l.source_key === key);
  if (!found) throw new Error(`no listing ${key}`);
  return found;
}

describe('imaging-x-browser: rows to listings', () => {
  it('flattens every column into strings, dropping nulls and keeping artefacts raw', () => {
    const row = listing('lodopab-ct-2020');
    expect(row.name).toBe('LoDoPaB-CT');
    expect(row.url).toBe('https://lodopab.grand-challenge.org/');
    expect(row.raw).toEqual({
      slug: 'lodopab-ct-2020',
      organization: 'Center for Industrial Mathematics, University of Bremen',
      challenge_series: 'Grand Challenge',
      license: 'Creative Commons Attribution 4.0 International Public License',
      release_date: '2020-06',
      year: '2020',
      dimension: '2D',
      modality: 'CT',
      task: 'Reconstruction',
      organ: 'Lung',
      images_valid: '28',
      has_labels: 'true',
      tumor: 'NA \\',
      quality_flag: 'medium',
      impact: 'medium',
      data_volume_total: '365',
      data_volume_train: '336',
      data_volume_test: '29',
      data_volume_raw: "{'total': \"{'3D-CT':365}\", 'train': '336', 'val': '', 'test': '29', 'label': ''}",
    });
  });

  it('joins array values with " | " in their order', () => {
    const autopet = baseline.listings.filter((l) => l.raw.slug === 'autopet-2022').map((l) => l.raw.modality);
    expect(autopet.sort()).toEqual(['CT | PET', 'PET | CT']);
  });

  it('gives rows that share a slug but differ a content-hash suffix, and rejects exact copies', () => {
    const lca = baseline.listings.filter((l) => l.raw.slug === 'cmb-lca-2022');
    expect(lca).toHaveLength(4);
    for (const l of lca) expect(l.source_key).toMatch(/^cmb-lca-2022--[0-9a-f]{8}$/);
    expect(baseline.listings.filter((l) => l.raw.slug === 'cmb-crc-2022').map((l) => l.source_key)).toEqual(['cmb-crc-2022']);
    expect(baseline.rejects.filter((r) => r.record === 'cmb-crc-2022')).toHaveLength(8);
    expect(baseline.rejects.every((r) => r.reason === `exact duplicate of ${r.record}`)).toBe(true);
  });

  it('keys do not depend on row order', () => {
    const reversed = source.parse(withDocument((doc) => doc.rows.reverse()));
    const keys = (out: typeof baseline) => out.listings.map((l) => l.source_key).sort();
    expect(keys(reversed)).toEqual(keys(baseline));
  });

  it('removes markdown escapes from names', () => {
    expect(baseline.listings.some((l) => l.name === 'COVID_CT_COVID-CT')).toBe(true);
    expect(baseline.listings.some((l) => l.name.includes('\\_'))).toBe(false);
  });

  it('takes the first URL of a messy link cell and keeps the cell in raw.link', () => {
    const twoUrls = baseline.listings.find((l) => l.raw.link?.startsWith('https://dfu-challenge.github.io/\n'));
    expect(twoUrls?.url).toBe('https://dfu-challenge.github.io/');
    const titleOnly = baseline.listings.find((l) => l.raw.link === 'The mini-MIAS database of mammograms');
    expect(titleOnly?.url).toBeNull();
    const titled = baseline.listings.find((l) => l.raw.link?.startsWith('7th Cell Tracking Challenge'));
    expect(titled?.url).toBe('http://celltrackingchallenge.net/');
    expect(baseline.notes).toContain(
      'imaging-x-browser: 23 listings have a link cell that is not one URL; kept in raw.link, the first URL in it (if any) used as url',
    );
    expect(listing('lodopab-ct-2020').raw.link).toBeUndefined();
  });

  it('derives a key from name and year when a row has no slug', () => {
    const out = source.parse(
      withDocument((doc) => {
        doc.rows[0]!.slug = null;
      }),
    );
    expect(out.listings.some((l) => l.source_key === 'lodopab-ct-2020' && l.name === 'LoDoPaB-CT')).toBe(true);
  });

  it('keeps new columns in raw and notes them', () => {
    const out = source.parse(
      withDocument((doc) => {
        doc.columns.push('doi');
        doc.rows[0]!.doi = '10.1234/x';
      }),
    );
    expect(out.notes).toContain('imaging-x-browser: new column(s) doi kept in raw');
    expect(out.listings.find((l) => l.source_key === 'lodopab-ct-2020')?.raw.doi).toBe('10.1234/x');
  });

  it('rejects rows that are not objects or have no name', () => {
    const out = source.parse(
      withDocument((doc) => {
        (doc.rows as unknown[]).push('oops', { ...doc.rows[0], name: null, slug: 'nameless' });
      }),
    );
    expect(out.rejects).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ record: 'rows[1156]', reason: 'a row is not a JSON object' }),
        expect.objectContaining({ record: 'rows[1157]', reason: 'a row has no name string' }),
      ]),
    );
    expect(out.listings).toHaveLength(1028);
  });
});

describe('imaging-x-browser: drift and damage give typed errors', () => {
  it('throws LayoutDriftError naming the renamed column', () => {
    const drifted = withDocument((doc) => {
      doc.columns = doc.columns.map((c) => (c === 'organ' ? 'anatomy' : c));
    });
    expect(() => source.parse(drifted)).toThrow(LayoutDriftError);
    expect(() => source.parse(drifted)).toThrow(/lacks the column\(s\) organ: expected columns name, slug, .* found columns .*anatomy/);
  });

  it('throws LayoutDriftError when the file is a bare array', () => {
    expect(() => source.parse(withBody(JSON.stringify((JSON.parse(text) as { rows: unknown[] }).rows)))).toThrow(LayoutDriftError);
  });

  it('throws ParseError for a truncated body or an implausibly short table', () => {
    expect(() => source.parse(withBody(text.slice(0, Math.floor(text.length / 2))))).toThrow(ParseError);
    expect(() => source.parse(withDocument((doc) => doc.rows.splice(10)))).toThrow(/implausibly few rows/);
  });
});
