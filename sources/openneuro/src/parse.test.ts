import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { LayoutDriftError, ParseError } from '@imcat/errors';
import { defaultSnapshotsDir, readCaptureDir, sha256Hex, type RawPage } from '@imcat/source-kit';
import {
  changePages,
  type LoopbackServer,
  offlineSourceSuite,
  reverseRowsAfterHeader,
  silentLogger,
  startLoopbackServer,
  testHttpClient,
} from '@imcat/source-testing';
import { GRAPHQL_URL, PLACEHOLDER_NAME } from './config';
import { fetchPages } from './fetch';
import source from './index';

// Hand count (python, independent of the parser), on openneuro-graphql.tsv read with newline='':
//   rows = 1473 data lines after the header (split on CRLF, 22 tab fields each)
//   imaging = rows with any modalities token starting "mri"/"pet" (1028) or being a BIDS MRI
//   suffix t1w/t2w/bold/dwi/sbref/fieldmap/t1map (23 more rows such as "t1w, bold, events") = 1051
//   minus ds004265, whose dataset_name is a 1110-character abstract (schema limit 1000) = 1050
//   rejected = 398 non-imaging (only eeg/meg/ieeg/nirs/beh/junk tokens) + 24 with empty modalities + ds004265 = 423
offlineSourceSuite(source, {
  expectedListings: 1050,
  howCounted:
    'python: of 1473 TSV rows, 1028 have an mri*/pet* modality token and 23 more only BIDS MRI suffixes (t1w, bold, dwi …), minus ds004265 (name over 1000 chars); 398 non-imaging + 24 empty-modality rows + ds004265 are rejected',
  expectedRejects: 423,
  // The TSV's rows in reverse order under its header.
  reorder: (pages) => changePages(pages, () => true, reverseRowsAfterHeader),
});

const FETCHED_AT = '2026-11-22T00:00:00.000Z';

function pageOf(url: string, body: string | Uint8Array, contentType: string): RawPage {
  const bytes = typeof body === 'string' ? new TextEncoder().encode(body) : body;
  return { url, status: 200, headers: { 'content-type': contentType }, fetched_at: FETCHED_AT, sha256: sha256Hex(bytes), body: bytes };
}

function capture(): RawPage {
  const page = readCaptureDir(defaultSnapshotsDir(), source).pages[0];
  if (!page) throw new Error('capture missing');
  return page;
}

function captureText(): string {
  return new TextDecoder().decode(capture().body);
}

function withText(text: string): RawPage {
  return pageOf(capture().url, text, 'text/tab-separated-values; charset=utf-8');
}

const fixture = (name: string): string => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
const graphqlPages = (): RawPage[] => [
  pageOf(GRAPHQL_URL, fixture('graphql-page-1.json'), 'application/json; charset=utf-8'),
  pageOf(GRAPHQL_URL, fixture('graphql-page-2.json'), 'application/json; charset=utf-8'),
];

describe('openneuro TSV capture', () => {
  const out = source.parse([capture()]);
  const byKey = new Map(out.listings.map((l) => [l.source_key, l]));

  it('uses the accession as key and the dataset page as url', () => {
    const ds = byKey.get('ds000002');
    expect(ds?.name).toBe('Classification learning');
    expect(ds?.url).toBe('https://openneuro.org/datasets/ds000002/versions/00002');
    expect(ds?.raw.num_subjects).toBe('17');
    expect(ds?.raw.sample_unit).toBe('subjects');
    expect(ds?.raw).not.toHaveProperty('accession_number');
    expect(ds?.raw).not.toHaveProperty('name_missing');
  });

  it('shows the accession when dataset_name is empty or only the accession, and says so', () => {
    expect(byKey.get('ds000005')).toMatchObject({ name: 'ds000005', raw: { name_missing: 'true', dataset_name: 'ds000005' } });
    expect(byKey.get('ds000030')).toMatchObject({ name: 'ds000030', raw: { name_missing: 'true', dataset_name: 'ds000030_R1.0.5' } });
    expect(byKey.get('ds000172')?.name).toBe('ds000172');
    expect(byKey.get('ds000172')?.raw).not.toHaveProperty('dataset_name');
    // A derivative named after its parent accession ("ds004331-fmriprep") is a real name.
    expect(PLACEHOLDER_NAME.test('ds004331-fmriprep')).toBe(false);
    expect(['ds001', 'ds113c_R1.0.0', 'ds000030_R1.0.5'].every((n) => PLACEHOLDER_NAME.test(n))).toBe(true);
    expect(out.listings.filter((l) => l.raw.name_missing === 'true')).toHaveLength(
      out.listings.filter((l) => /^ds\d+$/.test(l.name)).length,
    );
  });

  it('keeps n/a and empty values as given', () => {
    expect(byKey.get('ds000001')?.raw.nondefaced_consent).toBe('n/a');
    expect(byKey.get('ds000001')?.raw.dx_status).toBe('');
  });

  it('counts BIDS MRI suffixes as imaging and rejects EEG/MEG-only datasets with their modalities', () => {
    expect(byKey.get('ds001614')?.raw.modalities).toBe('t1w, bold, events');
    expect(byKey.has('ds006695')).toBe(false);
    expect(out.rejects).toContainEqual(expect.objectContaining({ record: 'ds006695', reason: 'non-imaging (modalities: eeg)' }));
    expect(out.rejects).toContainEqual(
      expect.objectContaining({ record: 'ds004103', reason: 'no modalities listed: cannot tell whether the dataset holds imaging' }),
    );
    expect(out.rejects).toContainEqual(expect.objectContaining({ record: 'ds004265', field: 'name' }));
    const pet = out.listings.filter((l) => /pet/.test(l.raw.modalities ?? ''));
    expect(pet.length).toBeGreaterThan(20);
  });

  it('raises LayoutDriftError when a required column is renamed', () => {
    const text = captureText().replace('\tmodalities\t', '\tmodality\t');
    expect(() => source.parse([withText(text)])).toThrow(LayoutDriftError);
    expect(() => source.parse([withText(text)])).toThrow(/lacks modalities.*found accession_number\|dataset_url/);
  });

  it('raises ParseError on a truncated export instead of returning fewer datasets', () => {
    const text = captureText();
    for (const cut of [0.5, 0.9, 0.999]) {
      expect(() => source.parse([withText(text.slice(0, Math.floor(text.length * cut)))])).toThrow(ParseError);
    }
    // Cut at a line boundary: the row count falls below the sanity minimum.
    const lines = text.split('\r\n');
    expect(() => source.parse([withText(lines.slice(0, 500).join('\r\n'))])).toThrow(/implausibly few/);
  });

  it('rejects the second of two identical rows as an exact duplicate', () => {
    const lines = captureText().split('\r\n');
    const doubled = [...lines, lines[1]].join('\r\n');
    const again = source.parse([withText(doubled)]);
    expect(again.listings).toHaveLength(out.listings.length);
    expect(again.rejects).toContainEqual(expect.objectContaining({ record: 'ds000001', reason: 'exact duplicate of ds000001' }));
  });
});

describe('openneuro GraphQL pages', () => {
  it('parses the live API shape into the same raw field names as the TSV', () => {
    const out = source.parse(graphqlPages());
    expect(out.listings.map((l) => l.source_key)).toEqual(['ds900001', 'ds900003', 'ds900004']);
    const [mri, pet, unnamed] = out.listings;
    expect(mri).toMatchObject({
      name: 'Resting-state fMRI in older adults',
      url: 'https://openneuro.org/datasets/ds900001/versions/1.0.1',
      raw: {
        modalities: 'mri_functional, mri_structural, mri',
        num_subjects: '3',
        made_public: '2024-02-03T09:00:00.000Z',
        tasks: 'rest',
        doi_of_papers_from_source_data_lab: '10.1000/example.1',
        license: 'CC0',
        sample_unit: 'subjects',
      },
    });
    expect(pet).toMatchObject({ name: 'Tau PET in mice', url: 'https://openneuro.org/datasets/ds900003/versions/2.0.0', raw: { modalities: 'PET' } });
    expect(unnamed).toMatchObject({ name: 'ds900004', raw: { name_missing: 'true', num_subjects: '0' } });
    expect(out.rejects.map((r) => r.reason)).toEqual(['GraphQL edge without a dataset node', 'non-imaging (modalities: EEG)']);
  });

  it('turns a GraphQL error response into a ParseError and a changed shape into LayoutDriftError', () => {
    const errors = pageOf(GRAPHQL_URL, JSON.stringify({ errors: [{ message: 'Cannot query field "metadata"' }] }), 'application/json');
    expect(() => source.parse([errors])).toThrow(/answered with errors.*Cannot query field/);
    const drift = pageOf(GRAPHQL_URL, JSON.stringify({ data: { datasetList: [] } }), 'application/json');
    expect(() => source.parse([drift])).toThrow(LayoutDriftError);
    const cut = fixture('graphql-page-1.json');
    expect(() => source.parse([pageOf(GRAPHQL_URL, cut.slice(0, cut.length / 2), 'application/json')])).toThrow(ParseError);
  });
});

describe('openneuro live fetch on loopback', () => {
  let server: LoopbackServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  const variablesOf = (body: string): { first?: number; after?: string | null } =>
    (JSON.parse(body) as { variables: { first?: number; after?: string | null } }).variables;

  it('follows endCursor until hasNextPage is false and parses like the fixture pages', async () => {
    server = await startLoopbackServer((req) => {
      if (req.method !== 'POST' || req.path !== '/openneuro.org/crn/graphql') return { status: 404 };
      const { after } = variablesOf(req.body);
      const file = after === null || after === undefined ? 'graphql-page-1.json' : after === 'Y3Vyc29yOjI=' ? 'graphql-page-2.json' : undefined;
      return file ? { body: fixture(file), headers: { 'content-type': 'application/json' } } : { status: 400, body: 'bad cursor' };
    });
    const pages = await fetchPages({ http: testHttpClient(server), log: silentLogger }, { pageSize: 2 });
    expect(pages).toHaveLength(2);
    expect(server.requests.map((r) => variablesOf(r.body))).toEqual([
      { first: 2, after: null },
      { first: 2, after: 'Y3Vyc29yOjI=' },
    ]);
    expect(server.requests[0]?.headers['content-type']).toBe('application/json');
    const strip = (l: { fetched_at: string; snapshot_sha256: string }) => ({ ...l, fetched_at: '', snapshot_sha256: '' });
    expect(source.parse(pages).listings.map(strip)).toEqual(source.parse(graphqlPages()).listings.map(strip));
  });

  it('stops a cursor that does not advance and a listing that never ends', async () => {
    server = await startLoopbackServer(() => ({
      body: JSON.stringify({ data: { datasets: { edges: [], pageInfo: { hasNextPage: true, endCursor: 'same' } } } }),
      headers: { 'content-type': 'application/json' },
    }));
    await expect(fetchPages({ http: testHttpClient(server), log: silentLogger })).rejects.toThrow(/cursor did not advance/);
    await server.close();
    server = await startLoopbackServer((_req, i) => ({
      body: JSON.stringify({ data: { datasets: { edges: [], pageInfo: { hasNextPage: true, endCursor: `c${i}` } } } }),
      headers: { 'content-type': 'application/json' },
    }));
    await expect(fetchPages({ http: testHttpClient(server), log: silentLogger }, { maxPages: 3 })).rejects.toThrow(/within 3 pages/);
    expect(server.requests).toHaveLength(3);
  });
});
