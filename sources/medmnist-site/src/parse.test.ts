import { describe, expect, it } from 'vitest';
import { LayoutDriftError, ParseError } from '@imcat/errors';
import { defaultSnapshotsDir, readCaptureDir, sha256Hex, type RawPage } from '@imcat/source-kit';
import { liveFetchSuite, offlineSourceSuite, readSnapshotFile, silentLogger, startLoopbackServer, testHttpClient } from '@imcat/source-testing';
import { DATA_JS_URL, INDEX_URL, V0_URL } from './config';
import source from './index';
import { readIndexPage } from './parse';
import { assertRenderedTables } from './template-check';
import { expandHeadingNames } from './v0-page';

// Hand count: grep -c '<tr>' v0.html → 11 (1 header row in <thead> + 10 body rows), i.e. 10 subsets
// (PathMNIST … OrganMNIST_Sagittal). index.html gives none: its overview rows are Vue templates
// (grep -c 'v-for="subset in' index.html → 2), recorded as 1 reject for the page.
offlineSourceSuite(source, {
  expectedListings: 10,
  howCounted: "grep -c '<tr>' v0.html = 11, minus the <thead> row; index.html rows are Vue templates (1 reject)",
  expectedRejects: 1,
});

liveFetchSuite(source);

const FETCHED_AT = '2026-11-22T00:00:00.000Z';

function pageOf(url: string, body: string): RawPage {
  const bytes = new TextEncoder().encode(body);
  return { url, status: 200, headers: { 'content-type': 'text/html; charset=utf-8' }, fetched_at: FETCHED_AT, sha256: sha256Hex(bytes), body: bytes };
}

const v0Text = (): string => new TextDecoder().decode(readSnapshotFile('medmnist-site', 'v0.html'));
const indexText = (): string => new TextDecoder().decode(readSnapshotFile('medmnist-site', 'index.html'));

describe('medmnist-site v0 table', () => {
  const out = source.parse(readCaptureDir(defaultSnapshotsDir(), source).pages);
  const byKey = new Map(out.listings.map((l) => [l.source_key, l]));

  it('emits one listing per row with the cells as raw strings', () => {
    expect(byKey.get('chestmnist')).toEqual(
      expect.objectContaining({
        name: 'ChestMNIST',
        url: V0_URL,
        raw: {
          modality: 'Chest X-ray',
          tasks: 'Multi-Label (14) Binary-Class (2)',
          n_train: '78,468',
          n_val: '11,219',
          n_test: '22,433',
          version: 'v0',
          license: 'CC0 1.0',
          license_url: 'https://creativecommons.org/publicdomain/zero/1.0/',
        },
      }),
    );
    // The page's typo is kept as shown; its license heading names the correct spelling, so no license is joined.
    expect(byKey.get('oragnmnist-coronal')?.raw.license).toBeUndefined();
    expect(out.notes).toEqual(['OragnMNIST_Coronal: no license line under "Citation and Licenses" names this subset']);
    expect(byKey.get('organmnist-axial')?.raw.license).toBe('CC BY 4.0');
    expect(byKey.get('pneumoniamnist')?.raw.license).toBe('CC BY 4.0');
    expect(byKey.get('dermamnist')?.raw.license).toBe('CC BY-NC 4.0');
  });

  it('raises LayoutDriftError when a column is renamed', () => {
    const text = v0Text().replace('<th class="tg-c3ow"># Validation</th>', '<th class="tg-c3ow"># Val</th>');
    expect(() => source.parse([pageOf(V0_URL, text)])).toThrow(LayoutDriftError);
    expect(() => source.parse([pageOf(V0_URL, text)])).toThrow(/expected header "Name\|Data Modality\|.*# Validation\|# Test", found ".*# Val\|# Test"/);
  });

  it('raises ParseError for a page cut anywhere', () => {
    const text = v0Text();
    for (let cut = 0.05; cut < 1; cut += 0.05) {
      expect(() => source.parse([pageOf(V0_URL, text.slice(0, Math.floor(text.length * cut)))])).toThrow(ParseError);
    }
  });

  it('expands grouped license headings', () => {
    expect(expandHeadingNames('OrganMNIST_{Axial,Coronal,Sagittal}')).toEqual(['OrganMNIST_Axial', 'OrganMNIST_Coronal', 'OrganMNIST_Sagittal']);
    expect(expandHeadingNames('OCTMNIST/PneumoniaMNIST')).toEqual(['OCTMNIST', 'PneumoniaMNIST']);
  });
});

describe('medmnist-site index page (client-side rendered)', () => {
  it('throws a ParseError naming the page, expecting rendered rows and showing the placeholders', () => {
    expect(() => assertRenderedTables(indexText(), INDEX_URL)).toThrow(ParseError);
    try {
      readIndexPage(pageOf(INDEX_URL, indexText()));
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ParseError);
      const e = error as ParseError;
      expect(e.record).toBe(INDEX_URL);
      expect(e.expected).toBe('rendered rows');
      expect(e.found).toMatch(/^template placeholders \{\{subset\.dataset\}\}, \{\{subset\.modality\}\}/);
      expect(e.found).toContain('<tr v-for="subset in medmnist2d">');
    }
  });

  it('records the template page as a reject and still emits the v0 listings', () => {
    const out = source.parse([pageOf(INDEX_URL, indexText()), pageOf(V0_URL, v0Text())]);
    expect(out.listings).toHaveLength(10);
    expect(out.rejects).toEqual([
      expect.objectContaining({ record: INDEX_URL, field: null, reason: expect.stringMatching(/expected rendered rows, found template placeholders \{\{subset\.dataset\}\}/) }),
    ]);
  });

  it('never emits template text as datasets, even from the v0 page', () => {
    const text = v0Text().replace('<td class="tg-c3ow">PathMNIST</td>', '<td class="tg-c3ow">{{subset.dataset}}</td>');
    expect(() => source.parse([pageOf(V0_URL, text)])).toThrow(/template placeholders \{\{subset\.dataset\}\}/);
  });

  it('rejects the data script when it is given', () => {
    const out = source.parse([pageOf(V0_URL, v0Text()), pageOf(DATA_JS_URL, 'const medmnist2d = [];')]);
    expect(out.listings).toHaveLength(10);
    expect(out.rejects).toEqual([expect.objectContaining({ record: DATA_JS_URL, reason: expect.stringMatching(/out of scope/) })]);
  });
});

describe('medmnist-site fetch', () => {
  it('GETs the index, v0 and the data script; a missing data script is not fatal', async () => {
    const server = await startLoopbackServer((req) => {
      if (req.path === '/medmnist.com/') return { body: indexText(), headers: { 'content-type': 'text/html' } };
      if (req.path === '/medmnist.com/v0.html') return { body: v0Text(), headers: { 'content-type': 'text/html' } };
      return { status: 404, body: 'not found' };
    });
    try {
      const warnings: string[] = [];
      const pages = await source.fetch({ http: testHttpClient(server), log: { ...silentLogger, warn: (m) => warnings.push(m) } });
      expect(pages.map((p) => p.url)).toEqual([INDEX_URL, V0_URL]);
      expect(warnings.some((w) => w.includes('data.js answered 404'))).toBe(true);
      expect(server.requests.map((r) => r.path)).toContain('/medmnist.com/assets/v2/data.js');
    } finally {
      await server.close();
    }
  });
});
