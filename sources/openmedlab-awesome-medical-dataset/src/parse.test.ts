import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LayoutDriftError, ParseError } from '@imcat/errors';
import { defaultSnapshotsDir, readCaptureDir, sha256Hex, type RawPage } from '@imcat/source-kit';
import {
  captureRoutes,
  changePages,
  liveFetchSuite,
  type LoopbackServer,
  offlineSourceSuite,
  reverseTableRows,
  silentLogger,
  startLoopbackServer,
  testHttpClient,
} from '@imcat/source-testing';
import { source } from './index';
import { README_URL, rawUrlOf } from './resource-links';

// Counted by hand on the capture, independently of the parser:
//   awk 'NR>=39 && NR<518' README.md | grep -c '^| \['   -> 357 dataset rows from "### Imaging" to "### Text dataset"
//     (323 imaging rows in 10 sections + 34 image-text rows)
//   awk 'NR>=518 && NR<546' README.md | grep -c '^| \['  -> 18 text rows, rejected as non-imaging
offlineSourceSuite(source, {
  expectedListings: 357,
  expectedRejects: 18,
  howCounted:
    "awk 'NR>=39 && NR<518' README.md | grep -c '^| \\[' gives 357 rows between '### Imaging' and '### Text dataset' (323 imaging + 34 image-text); the 18 text rows after it are rejects",
  // Every table's rows in reverse order, on every page, and the pages too.
  reorder: (pages) => changePages([...pages].reverse(), () => true, reverseTableRows),
});

liveFetchSuite(source);

const capturePages = (): RawPage[] => readCaptureDir(defaultSnapshotsDir(), source).pages;
const pageAt = (pages: RawPage[], url: string): RawPage => {
  const page = pages.find((p) => p.url === url);
  if (!page) throw new Error(`no page ${url}`);
  return page;
};
const textOf = (page: RawPage): string => new TextDecoder().decode(page.body);

/** The capture with one page's text changed (or the page dropped when edit returns undefined). */
function withPage(url: string, edit: (text: string) => string | undefined): RawPage[] {
  return capturePages().flatMap((page) => {
    if (page.url !== url) return [page];
    const text = edit(textOf(page));
    if (text === undefined) return [];
    const body = new TextEncoder().encode(text);
    return [{ ...page, body, sha256: sha256Hex(body) }];
  });
}
const withReadme = (edit: (text: string) => string | undefined) => withPage(README_URL, edit);

describe('openmedlab-awesome-medical-dataset parse', () => {
  const pages = capturePages();
  const out = source.parse(pages);
  const byKey = new Map(out.listings.map((l) => [l.source_key, l]));
  const notes = out.notes.join('\n');

  it('rejects the text-section rows as non-imaging datasets, with their section', () => {
    expect(out.rejects.every((r) => r.reason === 'non-imaging dataset (section Text dataset)')).toBe(true);
    expect(out.rejects.map((r) => r.record)).toContain('medqa');
    expect(byKey.has('medqa')).toBe(false);
  });

  it('skips benchmark, SOTA and toolbox rows and counts them in a note', () => {
    expect(notes).toMatch(/skipped 25 rows of non-dataset tables: evaluation benchmarks 5, SOTA methods 15, foundation toolbox projects 5/);
    for (const name of ['nnU-Net', 'MedBench', 'MONAI']) expect(out.listings.some((l) => l.name === name)).toBe(false);
  });

  it('joins a row with the meta table of its resource page', () => {
    const readme = pageAt(pages, README_URL);
    const resource = pageAt(pages, rawUrlOf('resources/ACDC.md'));
    const acdc = byKey.get('acdc');
    expect(acdc?.snapshot_sha256).toBe(readme.sha256);
    expect(acdc?.url).toBe('https://www.creatis.insa-lyon.fr/Challenge/acdc/');
    expect(acdc?.raw).toMatchObject({
      group: 'imaging',
      section: 'Heart',
      release_date: '2017',
      challenge: "MICCAI'2017",
      resource_file: 'resources/ACDC.md',
      resource_sha256: resource.sha256,
      meta_dimensions: '3D',
      meta_modality: 'MR',
      meta_task_type: 'Segmentation',
      meta_anatomical_structures: 'Heart',
      meta_anatomical_area: 'Chest',
      meta_number_of_categories: '3',
      meta_data_volume: '150',
      meta_file_format: '.nii.gz',
    });
  });

  it('follows URL-encoded link targets with spaces', () => {
    const smile = byKey.get('smile-uhura-2023');
    expect(smile?.raw.resource_file).toBe('resources/SMILE-UHURA 2023.md');
    expect(smile?.raw.resource_sha256).toBe(pageAt(pages, rawUrlOf('resources/SMILE-UHURA 2023.md')).sha256);
    expect(rawUrlOf('resources/SMILE-UHURA 2023.md')).toMatch(/resources\/SMILE-UHURA%202023\.md$/);
  });

  it('lists a row whose resource page is missing, and says so in a note', () => {
    const quilt = byKey.get('quilt-vqa');
    expect(quilt?.raw.resource_file).toBe('resources/QUILT-VQA.md');
    expect(quilt?.raw.resource_sha256).toBeUndefined();
    expect(quilt?.raw.meta_modality).toBeUndefined();
    expect(notes).toMatch(/Quilt-VQA: resource page resources\/QUILT-VQA.md is not among the pages \(resources\/Quilt-VQA.md has the same file name/);
    expect(notes).toMatch(/BONBID-HIE: resource page resources\/BONBID-HIE.md .*resources\/appendix\/BONBID-HIE.md/);
  });

  it('notes resource pages without a one-row meta table and lists their rows anyway', () => {
    expect(notes).toMatch(/resources\/ARCH.md: no table under "Dataset Meta Information"/);
    expect(notes).toMatch(/resources\/CARE_MyoPS\+\+.md: the "Dataset Meta Information" table has 7 rows/);
    expect(byKey.get('arch')?.raw.resource_sha256).toBeDefined();
    expect(byKey.get('care-myops')?.raw.meta_modality).toBeUndefined();
  });

  it('reads the "./resource/" typo as resources/ and notes it', () => {
    expect(byKey.get('refuge')?.raw.meta_modality).toBeDefined();
    expect(notes).toMatch(/REFUGE: link "\.\/resource\/REFUGE.md" read as resources\/REFUGE.md/);
  });

  it('disambiguates two rows linking one resource page by release date (same section)', () => {
    expect(byKey.get('flare2023--2022-03')?.raw.description).toMatch(/^3D CT, 2300 Cases/);
    expect(byKey.get('flare2023--2023-04')?.raw.description).toMatch(/^3D CT, 4500 Cases/);
    expect(byKey.has('flare2023')).toBe(false);
    expect(notes).toMatch(/2 rows link resources\/FLARE2023.md/);
  });

  it('maps spelling variants of the meta columns onto the template names and keeps the rest as meta_<header>', () => {
    expect(byKey.get('medfmc')?.raw).toMatchObject({ meta_dimensions: '2D', meta_number_of_categories: expect.any(String) });
    expect(byKey.get('medfmc')?.raw.meta_anatomical_area).toBeDefined();
    expect(byKey.get('pmc-vqa')?.raw).toMatchObject({ meta_task_type: expect.any(String), meta_language: expect.any(String) });
  });

  it('keeps names as shown, markup removed, and keys from the resource file', () => {
    expect(byKey.get('cholec80')?.name).toBe('Cholec80 Cholecystectomy Surgery Video Dataset');
    expect(byKey.get('m-ms')?.name).toBe('M&Ms Cardiac CMR Segmentation');
    expect(byKey.get('auto-pet')?.raw.official_website).toBe('https://autopet.grand-challenge.org/ https://autopet-ii.grand-challenge.org/');
    expect(byKey.get('retina')?.url).toBeNull();
  });

  it('throws LayoutDriftError naming the header when a dataset column is renamed', () => {
    const drifted = withReadme((t) => t.replace('| Official Website ', '| Website          '));
    expect(() => source.parse(drifted)).toThrow(LayoutDriftError);
    expect(() => source.parse(drifted)).toThrow(/found "Dataset\|Description\|Website\|Release Date\|Challenge"/);
  });

  it('throws LayoutDriftError when an expected section heading is renamed', () => {
    const drifted = withReadme((t) => t.replace('#### Retina', '#### Eye'));
    expect(() => source.parse(drifted)).toThrow(LayoutDriftError);
    expect(() => source.parse(drifted)).toThrow(/a dataset table under "Retina"/);
  });

  it('throws LayoutDriftError for a dataset table under an unknown group heading', () => {
    const drifted = withReadme((t) => t.replace('### Image text dataset', '### Multimodal dataset'));
    expect(() => source.parse(drifted)).toThrow(/found .*"Public Medical Dataset" > "Multimodal dataset"/);
  });

  it('gives a typed error or the full count wherever the README is cut', () => {
    const full = textOf(pageAt(pages, README_URL));
    for (let cut = 1000; cut < full.length; cut += 7919) {
      let count: number | undefined;
      try {
        count = source.parse(withReadme(() => full.slice(0, cut))).listings.length;
      } catch (error) {
        expect(error).toBeInstanceOf(ParseError);
        continue;
      }
      expect(count, `cut at ${cut}`).toBe(357);
    }
    expect(() => source.parse(withReadme(() => full.slice(0, full.length / 2)))).toThrow(ParseError);
  });

  it('raises ParseError for a resource page cut inside its meta row, and notes one cut before it', () => {
    const url = rawUrlOf('resources/ACDC.md');
    const cutInRow = withPage(url, (t) => t.slice(0, t.indexOf('| Heart ') + 3));
    expect(() => source.parse(cutInRow)).toThrow(/meta table row is shorter than its header/);
    const cutBefore = withPage(url, (t) => t.slice(0, t.indexOf('## Dataset Meta')));
    const result = source.parse(cutBefore);
    expect(result.listings.length).toBe(357);
    expect(result.notes.join('\n')).toMatch(/resources\/ACDC.md: no table under/);
  });

  it('fails with ParseError when the README page is absent', () => {
    expect(() => source.parse(withReadme(() => undefined))).toThrow(ParseError);
  });

  it('rejects a fully repeated row as an exact duplicate and keeps the first key', () => {
    const row = /^\| \[ACDC\]\(\.\/resources\/ACDC\.md\).*$/m;
    const result = source.parse(withReadme((t) => t.replace(row, (line) => `${line}\n${line}`)));
    expect(result.listings.length).toBe(357);
    expect(result.listings.some((l) => l.source_key === 'acdc')).toBe(true);
    expect(result.rejects.filter((r) => r.reason === 'exact duplicate of acdc')).toHaveLength(1);
  });

  it('maps README.md and every resources/**.md to raw URLs, encoding spaces', () => {
    const mapped = source.captureFiles(['README.md', 'resources/SMILE-UHURA', 'resources/SMILE-UHURA 2023.md', 'resources/appendix/BONBID-HIE.md', 'resources/appendix/x.png']);
    expect(mapped).toEqual([
      { file: 'README.md', url: 'https://raw.githubusercontent.com/openmedlab/Awesome-Medical-Dataset/main/README.md' },
      { file: 'resources/SMILE-UHURA 2023.md', url: 'https://raw.githubusercontent.com/openmedlab/Awesome-Medical-Dataset/main/resources/SMILE-UHURA%202023.md' },
      { file: 'resources/appendix/BONBID-HIE.md', url: 'https://raw.githubusercontent.com/openmedlab/Awesome-Medical-Dataset/main/resources/appendix/BONBID-HIE.md' },
    ]);
  });
});

describe('openmedlab-awesome-medical-dataset fetch', () => {
  let server: LoopbackServer;
  beforeAll(async () => {
    const routes = captureRoutes(source);
    server = await startLoopbackServer((req) => {
      const hit = routes.get(req.path);
      return hit ? { body: hit.body, headers: { 'content-type': hit.type } } : { status: 404, body: 'not found' };
    });
  });
  afterAll(() => server.close());

  it('GETs the README, then each linked imaging/image-text resource page once, skipping 404s', async () => {
    const fetched = await source.fetch({ http: testHttpClient(server), log: silentLogger });
    const paths = server.requests.map((r) => r.path);
    const base = '/raw.githubusercontent.com/openmedlab/Awesome-Medical-Dataset/main/';
    expect(paths[0]).toBe(`${base}README.md`);
    // 357 listed rows link 356 distinct pages (two FLARE 2023 rows share one); text-row pages are not fetched.
    expect(paths.length).toBe(1 + 356);
    expect(new Set(paths).size).toBe(paths.length);
    expect(paths).toContain(`${base}resources/REFUGE.md`);
    expect(paths).toContain(`${base}resources/SMILE-UHURA 2023.md`);
    expect(paths).not.toContain(`${base}resources/MedQA.md`);
    // QUILT-VQA.md and BONBID-HIE.md answer 404 and are left out.
    expect(fetched.length).toBe(1 + 354);
  });
});
