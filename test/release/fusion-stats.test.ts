import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCatalog } from '@imcat/pipeline-build';
import { openRelease, readOnlyQuery, type OpenedRelease } from '@imcat/query';
import { silentLogger } from '@imcat/source-testing';
import { miniSource, writeCaptures, type Row } from './mini-source';

// Chest X-ray sets filed under "Chest" and under "Lung" (region-aware fusion), with different licenses.
const DATA: Record<string, Row[]> = {
  alpha: [
    ['cxr-a', 'Alpha CXR', 'https://example.org/alpha-cxr', 'X-ray', 'Chest', 'Cls', '2018', 'CC BY 4.0', '1000 images', '2D'],
    ['cxr-b', 'Beta CXR', 'https://example.org/beta-cxr', 'X-ray', 'Lung', 'Cls', '2020', 'CC BY-NC-SA 4.0', '500 images', '2D'],
    ['cxr-c', 'Gamma CXR', 'https://example.org/gamma-cxr', 'X-ray', 'Lung', 'Cls', '2022', '', '250 images', '2D'],
    ['liver-ct', 'Liver CT Set', 'https://example.org/liver', 'CT', 'Liver', 'Seg', '2019', 'CC0', '100 volumes'],
  ],
};

describe('statistics and fusion groups', () => {
  let root: string;
  let release: OpenedRelease;
  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'imcat-fusion-'));
    writeCaptures(join(root, 'captures'), DATA);
    await buildCatalog({
      sources: [miniSource('alpha')],
      mode: { kind: 'offline', dir: join(root, 'captures') },
      paths: { staging: join(root, 'staging'), store: join(root, 'store'), work: join(root, 'work'), releases: join(root, 'releases') },
      log: silentLogger,
      gitCommit: 'test',
      pipelineFingerprint: 'fusion',
    });
    release = await openRelease(join(root, 'releases'));
  }, 60_000);
  afterAll(() => {
    release.db.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('groups chest and lung X-ray classification sets at the region level, each group pointing to its parent', async () => {
    const groups = await readOnlyQuery(release.db, "SELECT group_id, level, parent_group_id, member_count FROM fusion_groups WHERE modality = 'xray' ORDER BY level, group_id");
    expect(groups).toEqual([
      { group_id: 'fg1-xray-classification', level: 1, parent_group_id: null, member_count: 3 },
      { group_id: 'fg2-xray-chest-classification', level: 2, parent_group_id: 'fg1-xray-classification', member_count: 3 },
      { group_id: 'fg3-xray-chest-lung-classification-2d', level: 3, parent_group_id: 'fg2-xray-chest-classification', member_count: 2 },
    ]);
  });

  it('gives each group its samples per unit, year span, access mix and license verdict', async () => {
    const [g] = await readOnlyQuery(release.db, "SELECT * FROM fusion_groups WHERE group_id = 'fg2-xray-chest-classification'");
    expect(g).toMatchObject({
      samples_images: 1750,
      year_min: 2018,
      year_max: 2022,
      commercial_use_allowed: false,
      noncommercial_members: 1,
      sharealike_members: 1,
      license_unknown_members: 1,
      license_verdict: 'incomplete: some members have unknown terms',
    });
  });

  it('counts the open, redistributable subset', async () => {
    const [g] = await readOnlyQuery(release.db, "SELECT open_redistributable_members FROM fusion_groups WHERE group_id = 'fg2-xray-chest-classification'");
    // No member states its access, so none is known to be open.
    expect(g!.open_redistributable_members).toBe(0);
  });

  it('makes no group of a single dataset', async () => {
    const rows = await readOnlyQuery(release.db, "SELECT count(*) AS n FROM fusion_groups WHERE modality = 'ct'");
    expect(rows[0]!.n).toBe(0);
  });

  it('counts datasets and samples by facet, cross-tabs them, and lists gaps', async () => {
    const byRegion = await readOnlyQuery(release.db, "SELECT value_a, datasets, samples_images FROM stats WHERE stat = 'by-region' ORDER BY value_a");
    expect(byRegion).toEqual([
      { value_a: 'abdomen', datasets: 1, samples_images: null },
      { value_a: 'chest', datasets: 3, samples_images: 1750 },
    ]);
    const cross = await readOnlyQuery(release.db, "SELECT datasets FROM stats WHERE stat = 'modality-x-anatomy' AND value_a = 'xray' AND value_b = 'lung'");
    expect(cross[0]!.datasets).toBe(2);
    const gaps = await readOnlyQuery(release.db, "SELECT value_a, value_b, datasets FROM stats WHERE stat = 'gap-modality-x-region' AND value_b IN ('heart', 'abdomen') AND value_a IN ('ultrasound', 'ct') ORDER BY 1, 2");
    expect(gaps).toEqual([
      { value_a: 'ct', value_b: 'abdomen', datasets: 1 },
      { value_a: 'ct', value_b: 'heart', datasets: 0 },
      { value_a: 'ultrasound', value_b: 'abdomen', datasets: 0 },
      { value_a: 'ultrasound', value_b: 'heart', datasets: 0 },
    ]);
  });

  it('reports how many entities each source contributes', async () => {
    const rows = await readOnlyQuery(release.db, "SELECT stat, value_a, value_b, datasets FROM stats WHERE stat IN ('source-overlap', 'source-unique') ORDER BY stat");
    expect(rows).toEqual([
      { stat: 'source-overlap', value_a: 'alpha', value_b: 'alpha', datasets: 4 },
      { stat: 'source-unique', value_a: 'alpha', value_b: null, datasets: 4 },
    ]);
  });
});
