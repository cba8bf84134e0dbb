import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { LayoutDriftError, ParseError } from '@imcat/errors';
import { defaultSnapshotsDir, readCaptureDir, sha256Hex, type RawPage } from '@imcat/source-kit';
import { changePages, type LoopbackServer, offlineSourceSuite, readSnapshotFile, reverseRecords, silentLogger, startLoopbackServer, testHttpClient } from '@imcat/source-testing';
import { API_COLLECTIONS_URL, RELEASE_NOTES_URL } from './config';
import source from './index';

// Hand count (python, independent of the parser), on data-release-notes.md:
//   walk lines; "## vN - date" opens a release; an unindented "1." / "*" line is an item (indented ones are
//   nested "Collections analyzed:" lists); an unindented bare-words line is the sub-heading.
//   383 top-level items: 2 unlinked "TCGA-KIRP: `PatientID` …" notes are skipped, 48 are clinical
//   (46 under "New clinical metadata tables", 2 under "New clinical data collections:"), 333 remain;
//   key = lower-case name, non-alphanumerics to "-": 183 distinct keys, and 2 v6 long titles are the
//   same analysis results as v5's "Title ([Short](doi))" items → 181 (166 collections, 15 analysis results).
offlineSourceSuite(source, {
  expectedListings: 181,
  howCounted:
    'python over the notes: 383 top-level list items − 2 unlinked note bullets − 48 clinical-table items = 333, collapsing to 183 case-folded names, minus 2 long-title aliases = 181',
  expectedRejects: 48,
  // Within each release, the top-level items of each list in reverse order (a sub-heading line or heading ends a list).
  reorder: (pages) =>
    changePages(pages, (url) => url === RELEASE_NOTES_URL, (text) => reverseRecords(text, (line) => /^(\d+\.|[*-]) /.test(line), (line) => /^\S/.test(line))),
});

const FETCHED_AT = '2026-11-22T00:00:00.000Z';

function pageOf(url: string, body: string | Uint8Array, contentType: string): RawPage {
  const bytes = typeof body === 'string' ? new TextEncoder().encode(body) : body;
  return { url, status: 200, headers: { 'content-type': contentType }, fetched_at: FETCHED_AT, sha256: sha256Hex(bytes), body: bytes };
}

const notesText = (): string => new TextDecoder().decode(readCaptureDir(defaultSnapshotsDir(), source).pages[0]!.body);
const notesPage = (text = notesText()): RawPage => pageOf(RELEASE_NOTES_URL, text, 'text/markdown; charset=utf-8');
const apiFixture = (): string => readFileSync(new URL('./fixtures/api-v2-collections.json', import.meta.url), 'utf8');
const apiPage = (): RawPage => pageOf(API_COLLECTIONS_URL, apiFixture(), 'application/json');

describe('idc release notes', () => {
  const out = source.parse([notesPage()]);
  const byKey = new Map(out.listings.map((l) => [l.source_key, l]));

  it('collapses a collection listed in many releases, with first/last release and the newest spelling', () => {
    expect(byKey.get('qin-headneck')).toMatchObject({
      name: 'QIN-HEADNECK',
      raw: { kind: 'collection', first_release: 'v1', first_release_date: 'October 2020', last_release: 'v6', release_count: '3', releases: 'v1, v5, v6' },
    });
    expect(byKey.get('nnu-net-bpr-annotations')).toMatchObject({
      name: 'nnU-Net-BPR-Annotations',
      raw: { kind: 'analysis_result', first_release: 'v13', last_release: 'v15' },
    });
    expect(byKey.get('nsclc-radiogenomics')?.name).toBe('NSCLC Radiogenomics');
    expect(byKey.get('tcga-gbm')?.raw).toMatchObject({ releases: 'v1, v5, v6, v9, v10', doi: '10.7937/K9/TCIA.2016.RNYFUYE9' });
  });

  it('treats nested "Collections analyzed" lists as part of the analysis result, not as new items', () => {
    expect(byKey.get('bamf-aimi-annotations')?.raw.collections_analyzed).toContain('ProstateX');
    expect(byKey.get('acrin-nsclc-fdg-pet')?.raw.releases).toBe('v2');
    expect(byKey.get('prostate-mri-us-biopsy-dicom-annotations')?.raw.kind).toBe('analysis_result');
  });

  it('joins "[Long title](doi)" to the earlier "Long title ([Short](doi))" analysis result', () => {
    expect(byKey.get('gbm-mr-ner-outcomes')).toMatchObject({
      name: 'GBM-MR-NER-Outcomes',
      raw: { releases: 'v5, v6', title: expect.stringMatching(/^Outcome Prediction in Patients with Glioblastoma/) },
    });
    expect([...byKey.keys()].filter((k) => k.startsWith('outcome-prediction'))).toEqual([]);
  });

  it('rejects clinical tables and clinical-data entries with reasons', () => {
    expect(out.rejects).toContainEqual(
      expect.objectContaining({ record: 'v17: ea1141_demographics', reason: 'clinical table, not an imaging collection' }),
    );
    expect(out.rejects).toContainEqual(expect.objectContaining({ record: 'v13: PROSTATEx', reason: expect.stringMatching(/^clinical data entry/) }));
    expect(byKey.get('prostatex')?.raw.releases).toBe('v2');
    expect(out.notes).toHaveLength(2);
  });

  it('prefers a DOI link for url, keeps the portal link, and allows a collection without a link', () => {
    expect(byKey.get('cmb-lca')).toMatchObject({ url: 'https://doi.org/10.7937/3CX3-S132', raw: { doi: '10.7937/3CX3-S132' } });
    expect(byKey.get('cmb-lca')?.raw.portal_url).toMatch(/collection_id=cmb_lca$/);
    expect(byKey.get('tcga-dlbc')).toMatchObject({ name: 'TCGA-DLBC', url: null, raw: { releases: 'v8, v10' } });
  });

  it('cleans "&#x20;" entities and <br> out of link text before naming and keying', () => {
    const text = notesText().replace('1. [CMB-AML](', '1. [CMB-AML&#x20;<br>](');
    const again = source.parse([notesPage(text)]);
    expect(again.listings.find((l) => l.source_key === 'cmb-aml')?.name).toBe('CMB-AML');
    expect(again.listings).toHaveLength(out.listings.length);
  });

  it('raises LayoutDriftError when the release headings change', () => {
    const text = notesText().replace(/^## v(\d+) - /gm, '## Release $1 - ');
    expect(() => source.parse([notesPage(text)])).toThrow(LayoutDriftError);
    expect(() => source.parse([notesPage(text)])).toThrow(/expected headings like "## v17 - December 2023"/);
  });

  it('raises LayoutDriftError naming the heading when one release heading in the middle is renamed', () => {
    const text = notesText().replace('## v16 - September 2023', '## Version 16 - September 2023');
    const line = text.split('\n').findIndex((l) => l.startsWith('## Version 16')) + 1;
    expect(() => source.parse([notesPage(text)])).toThrow(LayoutDriftError);
    expect(() => source.parse([notesPage(text)])).toThrow(`no section for v16; other headings: line ${line} "## Version 16 - September 2023"`);
  });

  it('raises ParseError, not LayoutDriftError, when only the oldest releases are missing (a page cut short)', () => {
    const text = notesText();
    const parse = () => source.parse([notesPage(text.slice(0, text.indexOf('## v2 - ')))]);
    expect(parse).toThrow(ParseError);
    expect(parse).not.toThrow(LayoutDriftError);
    expect(parse).toThrow(/no section for v2, v1/);
  });

  it('either raises ParseError or gives the full result for a page cut anywhere', () => {
    const text = notesText();
    const full = out.listings.map((l) => `${l.source_key}|${l.name}`);
    let errors = 0;
    for (let cut = 0.02; cut < 1; cut += 0.007) {
      const page = notesPage(text.slice(0, Math.floor(text.length * cut)));
      try {
        expect(source.parse([page]).listings.map((l) => `${l.source_key}|${l.name}`)).toEqual(full);
      } catch (error) {
        expect(error).toBeInstanceOf(ParseError);
        errors++;
      }
    }
    expect(errors).toBeGreaterThan(100);
    const inLink = text.slice(0, text.lastIndexOf('(https://doi.org/10.7937/TCIA.2019.wgllssg1') + 20);
    expect(() => source.parse([notesPage(inLink)])).toThrow(/never closes/);
  });
});

describe('idc API collections', () => {
  it('uses the field names of collectionMetadata in the OpenAPI spec', () => {
    // The spec has a mis-indented flow sequence (in a fields list unrelated to collections): read it leniently.
    const doc = parseDocument(new TextDecoder().decode(readSnapshotFile('idc', 'openapi-appengine.v2.yaml')));
    const spec = doc.toJS() as { definitions: Record<string, { properties: Record<string, unknown> }> };
    expect(Object.keys(spec.definitions.collectionsListResponse!.properties)).toContain('collections');
    const known = Object.keys(spec.definitions.collectionMetadata!.properties);
    const fixture = JSON.parse(apiFixture()) as { collections: Record<string, unknown>[] };
    for (const record of fixture.collections) for (const field of Object.keys(record)) expect(known).toContain(field);
  });

  it('joins API records to release-note collections by collection_id and adds API-only collections', () => {
    const out = source.parse([notesPage(), apiPage()]);
    const byKey = new Map(out.listings.map((l) => [l.source_key, l]));
    expect(byKey.get('tcga-gbm')?.raw).toMatchObject({
      first_release: 'v1',
      image_types: 'CT, MR, SM',
      location: 'Brain',
      subject_count: '262',
      cancer_type: 'Glioblastoma Multiforme',
      source_doi: '10.7937/K9/TCIA.2016.RNYFUYE9',
      sample_unit: 'subjects',
      in_current_api: 'true',
    });
    expect(byKey.get('nsclc-radiogenomics')?.raw.collection_id).toBe('nsclc_radiogenomics');
    // Matched through the portal link's collection_id, not the name.
    expect(byKey.get('qiba-volct-1b')?.raw.collection_id).toBe('qiba_ct_1c');
    expect(byKey.get('cmb-lca')?.raw.in_current_api).toBe('false');
    expect(byKey.get('new-collection-2025')).toMatchObject({
      name: 'new_collection_2025',
      url: 'https://doi.org/10.7937/example-new',
      raw: { in_release_notes: 'false', image_types: 'MR', location: 'Breast' },
    });
    expect(out.listings).toHaveLength(182);
    expect(out.rejects).toContainEqual(expect.objectContaining({ reason: 'API collection without a collection_id' }));
    expect(out.notes.some((n) => n.includes('new_collection_2025'))).toBe(true);
  });

  it('raises typed errors for a changed or cut API response', () => {
    const drift = pageOf(API_COLLECTIONS_URL, JSON.stringify({ items: [] }), 'application/json');
    expect(() => source.parse([notesPage(), drift])).toThrow(LayoutDriftError);
    const cut = apiFixture().slice(0, 300);
    expect(() => source.parse([notesPage(), pageOf(API_COLLECTIONS_URL, cut, 'application/json')])).toThrow(ParseError);
  });
});

describe('idc live fetch on loopback', () => {
  let server: LoopbackServer;
  beforeAll(async () => {
    const notes = readSnapshotFile('idc', 'data-release-notes.md');
    server = await startLoopbackServer((req) => {
      if (req.path === '/raw.githubusercontent.com/ImagingDataCommons/IDC-Docs/prod/data/data-release-notes.md') {
        return { body: notes, headers: { 'content-type': 'text/plain; charset=utf-8' } };
      }
      if (req.path === '/api.imaging.datacommons.cancer.gov/v2/collections') return { body: apiFixture(), headers: { 'content-type': 'application/json' } };
      return { status: 404, body: 'not found' };
    });
  });
  afterAll(() => server.close());

  it('GETs the release notes and the API collections and parses them like the local pages', async () => {
    const pages = await source.fetch({ http: testHttpClient(server), log: silentLogger });
    expect(pages.map((p) => p.url)).toEqual([RELEASE_NOTES_URL, API_COLLECTIONS_URL]);
    const strip = (l: { fetched_at: string; snapshot_sha256: string }) => ({ ...l, fetched_at: '', snapshot_sha256: '' });
    expect(source.parse(pages).listings.map(strip)).toEqual(source.parse([notesPage(), apiPage()]).listings.map(strip));
  });
});
