import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Db } from '@imcat/duckdb';
import { prepareListings } from '@imcat/pipeline-build';
import { resolve } from '@imcat/pipeline-resolve';
import { silentLogger } from '@imcat/source-testing';
import { miniSource, writeCaptures, type Row } from '../release/mini-source';

/** The named cases, as three sources would list them. */
const ROWS: Record<string, Row[]> = {
  one: [
    ['brats-2021', 'BraTS 2021', 'https://www.synapse.org/#!Synapse:syn25829067', 'MR', 'Brain', 'Seg', '2021'],
    ['brats-2020', 'BraTS 2020', 'https://www.med.upenn.edu/cbica/brats2020', 'MR', 'Brain', 'Seg', '2020'],
    ['lits', 'LiTS', 'https://competitions.codalab.org/competitions/17094', 'CT', 'Liver', 'Seg', '2017'],
    ['deep-lesion', 'Deep Lesion', 'https://nihcc.app.box.com/v/DeepLesion', 'CT', 'Whole body', 'Det', '2018'],
    ['nih-14', 'NIH Chest X-ray 14', 'https://nihcc.app.box.com/v/ChestXray-NIHCC', 'X-ray', 'Chest', 'Cls', '2017'],
    ['flare22', 'FLARE22', 'https://flare22.grand-challenge.org', 'CT', 'Abdomen', 'Seg', '2022'],
    ['flare21', 'FLARE21', 'https://flare.grand-challenge.org', 'CT', 'Abdomen', 'Seg', '2021'],
    ['idrid2018', 'IDRID2018', 'https://idrid.grand-challenge.org', 'Fundus', 'Retina', 'Seg', '2018'],
    ['covid-ct', 'COVID\\_CT\\_COVID-CT', 'https://tianchi.aliyun.com/dataset/106604', 'CT', 'Lung', 'Cls', '2020'],
    ['kits19', 'KiTS19', 'https://kits19.grand-challenge.org', 'CT', 'Kidney', 'Seg', '2019'],
    ['kits21', 'KiTS21', 'https://kits21.kits-challenge.org', 'CT', 'Kidney', 'Seg', '2021'],
    ['isic17', 'ISIC17', 'https://challenge.isic-archive.com/landing/2017', 'Dermoscopy', 'Skin', 'Seg', '2017'],
    ['oasis-1', 'OASIS-1', 'https://www.oasis-brains.org/#data', 'MR', 'Brain', 'Cls', '2007'],
    ['lidc', 'LIDC-IDRI', 'https://wiki.cancerimagingarchive.net/display/Public/LIDC-IDRI', 'CT', 'Lung', 'Det', '2011'],
    ['prostatex', 'PROSTATEx', 'https://wiki.cancerimagingarchive.net/display/Public/SPIE-AAPM-NCI+PROSTATEx+Challenges', 'MR', 'Prostate', 'Cls', '2017'],
    ['camelyon16', 'CAMELYON16', 'https://camelyon16.grand-challenge.org', 'Histopathology (WSI)', 'Lymph node', 'Det', '2016'],
    ['autopet', 'AutoPET', 'https://autopet.grand-challenge.org', 'PET/CT', 'Whole body', 'Seg', '2022'],
    ['chaos-ct', 'CHAOS CT', 'https://chaos.grand-challenge.org', 'CT', 'Liver', 'Seg', '2019'],
    ['mimic-cxr', 'MIMIC-CXR', 'https://physionet.org/content/mimic-cxr/2.0.0', 'X-ray', 'Chest', 'Report generation', '2019'],
    ['btcv-abdomen', 'BTCV Abdomen', 'https://www.synapse.org/#!Synapse:syn3193805', 'CT', 'Abdomen', 'Seg', '2015'],
  ],
  two: [
    ['brats21', 'BraTS21', 'https://www.synapse.org/#!Synapse:syn25829067', 'MRI', 'Brain', 'Segmentation', '2021'],
    ['lits', 'LiTS', 'https://competitions.codalab.org/competitions/17094', 'CT', 'Liver', 'Segmentation', '2017'],
    ['deeplesion', 'DeepLesion', 'https://nihcc.app.box.com/v/DeepLesion', 'CT', 'Whole body', 'Detection', '2018'],
    ['chestx-ray14', 'ChestX-ray14', 'https://nihcc.app.box.com/v/ChestXray-NIHCC', 'X-ray', 'Lung', 'Classification', '2017'],
    ['flare-2022', 'FLARE 2022', 'https://flare22.grand-challenge.org', 'CT', 'Abdomen', 'Segmentation', '2022'],
    ['flare23', 'FLARE23', 'https://codalab.lisn.upsaclay.fr/competitions/12239', 'CT', 'Abdomen', 'Segmentation', '2023'],
    ['idrid', 'IDRiD', 'https://idrid.grand-challenge.org', 'Fundus', 'Retina', 'Segmentation', '2018'],
    ['covid-ct', 'COVID_CT_COVID-CT', 'https://tianchi.aliyun.com/dataset/dataDetail?dataId=106604', 'CT', 'Lung', 'Classification', '2020'],
    ['kits23', 'KiTS23', 'https://kits-challenge.org/kits23', 'CT', 'Kidney', 'Segmentation', '2023'],
    ['kits19-21', 'KiTS19/21', 'https://kits-challenge.org', 'CT', 'Kidney', 'Segmentation', ''],
    ['isic18', 'ISIC18', 'https://challenge.isic-archive.com/landing/2018', 'Dermoscopy', 'Skin', 'Segmentation', '2018'],
    ['oasis-3', 'OASIS-3', 'https://www.oasis-brains.org/#data', 'MR', 'Brain', 'Classification', '2019'],
    ['luna16', 'LUNA16', 'https://luna16.grand-challenge.org', 'CT', 'Lung', 'Detection', '2016'],
    ['prostatex-2', 'PROSTATEx-2', 'https://wiki.cancerimagingarchive.net/display/Public/SPIE-AAPM-NCI+PROSTATEx+Challenges', 'MR', 'Prostate', 'Classification', '2017'],
    ['camelyon17', 'CAMELYON17', 'https://camelyon17.grand-challenge.org', 'Histopathology (WSI)', 'Lymph node', 'Classification', '2017'],
    ['autopet-ii', 'AutoPET II', 'https://autopet-ii.grand-challenge.org', 'PET/CT', 'Whole body', 'Segmentation', '2023'],
    ['medmnist-v2', 'MedMNIST v2', 'https://medmnist.com/', 'CT', 'Abdomen', 'Classification', '2023'],
    ['chaos-mri', 'CHAOS MRI', 'https://chaos.grand-challenge.org', 'MR', 'Liver', 'Segmentation', '2019'],
    ['mimic-cxr-jpg', 'MIMIC-CXR-JPG', 'https://physionet.org/content/mimic-cxr-jpg/2.0.0', 'X-ray', 'Chest', 'Classification', '2019'],
    ['btcv-cervical', 'BTCV Cervical', 'https://www.synapse.org/#!Synapse:syn3193805', 'CT', 'Cervix', 'Segmentation', '2015'],
  ],
  three: [
    ['brats2021', 'BRATS2021', 'https://www.synapse.org/#!Synapse:syn25829067', 'MRI', 'Brain', 'Seg', '2021'],
    ['brats', 'BraTS', 'https://www.med.upenn.edu/cbica/brats', 'MRI', 'Brain', 'Seg', ''],
    ['nihcc', 'ChestXray-NIHCC', 'https://nihcc.app.box.com/v/ChestXray-NIHCC', 'X-ray', 'Chest', 'Cls', '2017'],
    // Sequels: numbered from 2 (the first is unnumbered) and from 1 (the unnumbered name is the family).
    ['cc-phantom', 'CC-Radiomics-Phantom', 'https://www.cancerimagingarchive.net/collection/cc-radiomics-phantom/', 'CT', 'Chest', 'Cls', '2017'],
    ['cc-phantom-2', 'CC-Radiomics-Phantom-2', 'https://www.cancerimagingarchive.net/collection/cc-radiomics-phantom-2/', 'CT', 'Chest', 'Cls', '2018'],
    ['cc-phantom-3', 'CC-Radiomics-Phantom-3', 'https://www.cancerimagingarchive.net/collection/cc-radiomics-phantom-3/', 'CT', 'Chest', 'Cls', '2019'],
    ['oasis', 'OASIS', 'https://www.oasis-brains.org', 'MR', 'Brain', 'Cls', ''],
    ['oasis-2', 'OASIS-2', 'https://www.oasis-brains.org/#data', 'MR', 'Brain', 'Cls', '2010'],
    // A sequel marker before the colon of a long title.
    ['medmnist-v2-paper', 'MedMNIST v2: A Large-Scale Lightweight Benchmark', 'https://medmnist.com', 'CT', 'Abdomen', 'Cls', '2023'],
  ],
};

describe('entity resolution on the cases the issue names', () => {
  let db: Db;
  let root: string;
  const entity = new Map<string, string>();
  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'imcat-named-'));
    writeCaptures(join(root, 'captures'), ROWS);
    db = await Db.open();
    await prepareListings({
      db,
      sources: Object.keys(ROWS).map(miniSource),
      mode: { kind: 'offline', dir: join(root, 'captures') },
      stagingDir: join(root, 'staging'),
      workDir: join(root, 'work'),
      log: silentLogger,
    });
    await resolve({ db, log: silentLogger, workDir: join(root, 'work') });
    const rows = await db.all<{ name: string; source_id: string; entity: string }>(
      `SELECT n.name, n.source_id, coalesce(m.dataset_id, 'family:' || m.family_id, 'none') AS entity
       FROM listing_map AS m JOIN normalized_listings AS n USING (listing_id)`,
    );
    for (const r of rows) entity.set(r.name, r.entity);
  }, 60_000);
  afterAll(() => {
    db.close();
    rmSync(root, { recursive: true, force: true });
  });

  const same = (...names: string[]) => {
    const ids = names.map((n) => entity.get(n));
    expect(ids.every((id) => id !== undefined && !id.startsWith('family:') && id !== 'none'), names.join(', ')).toBe(true);
    expect(new Set(ids).size, names.join(' = ')).toBe(1);
  };
  const apart = (a: string, b: string) => {
    expect(entity.get(a), a).toBeDefined();
    expect(entity.get(a), `${a} ≠ ${b}`).not.toBe(entity.get(b));
  };

  it.each([
    [['BraTS 2021', 'BraTS21', 'BRATS2021']],
    [['LiTS']],
    [['Deep Lesion', 'DeepLesion']],
    [['NIH Chest X-ray 14', 'ChestX-ray14', 'ChestXray-NIHCC']],
    [['FLARE22', 'FLARE 2022']],
    [['IDRID2018', 'IDRiD']],
    [['COVID_CT_COVID-CT']],
    [['MedMNIST v2: A Large-Scale Lightweight Benchmark', 'MedMNIST v2']],
  ])('merges %j', (names) => same(...names));

  it.each([
    ['KiTS19', 'KiTS21'],
    ['KiTS21', 'KiTS23'],
    ['BraTS 2020', 'BraTS 2021'],
    ['ISIC17', 'ISIC18'],
    ['OASIS-1', 'OASIS-3'],
    ['FLARE21', 'FLARE22'],
    ['FLARE22', 'FLARE23'],
    ['LIDC-IDRI', 'LUNA16'],
    ['PROSTATEx', 'PROSTATEx-2'],
    ['CAMELYON16', 'CAMELYON17'],
    ['AutoPET', 'AutoPET II'],
    ['CHAOS CT', 'CHAOS MRI'],
    ['MIMIC-CXR', 'MIMIC-CXR-JPG'],
    ['BTCV Abdomen', 'BTCV Cervical'],
  ])('keeps %s and %s apart', (a, b) => apart(a, b));

  it('links listings that name a whole family to the family, not to one edition', async () => {
    expect(entity.get('BraTS')).toMatch(/^family:brats-/);
    expect(entity.get('KiTS19/21')).toMatch(/^family:kits-/);
    const families = await db.all<{ name: string; editions: string[] }>('SELECT name, editions FROM families ORDER BY name');
    expect(families).toContainEqual({ name: 'BraTS', editions: ['2020', '2021'] });
    expect(families).toContainEqual({ name: 'KiTS', editions: ['2019', '2021', '2023'] });
  });

  it('reads an undated name beside later sequels as the first version, and beside sequels numbered from 1 as the family', () => {
    same('CC-Radiomics-Phantom');
    apart('CC-Radiomics-Phantom', 'CC-Radiomics-Phantom-2');
    apart('CC-Radiomics-Phantom-2', 'CC-Radiomics-Phantom-3');
    expect(entity.get('OASIS')).toMatch(/^family:oasis-/);
  });

  it('records which source supplied each chosen value', async () => {
    const rows = await db.all<{ field: string; source_id: string }>(
      `SELECT p.field, p.source_id FROM provenance AS p JOIN datasets AS d USING (dataset_id) WHERE d.name = 'BraTS 2021' AND p.field IN ('year', 'homepage_url') ORDER BY p.field`,
    );
    expect(rows.map((r) => r.field)).toEqual(['homepage_url', 'year']);
  });
});
