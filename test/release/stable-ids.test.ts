import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Db } from '@imcat/duckdb';
import { buildCatalog } from '@imcat/pipeline-build';
import { silentLogger } from '@imcat/source-testing';
import { BASE, miniSource, writeCaptures, type Row } from './mini-source';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));
function tmp() {
  const d = mkdtempSync(join(tmpdir(), 'imcat-ids-'));
  dirs.push(d);
  return d;
}

async function build(root: string, data: Record<string, Row[]>, allowDrop = true) {
  const captures = join(root, 'captures');
  rmSync(captures, { recursive: true, force: true });
  writeCaptures(captures, data);
  const r = await buildCatalog({
    sources: Object.keys(data).sort().map(miniSource),
    mode: { kind: 'offline', dir: captures },
    paths: { staging: join(root, 'staging'), store: join(root, 'store'), work: join(root, 'work'), releases: join(root, 'releases') },
    log: silentLogger,
    gitCommit: 'test',
    pipelineFingerprint: 'pipeline-v1',
    allowDrop,
  });
  if (r.outcome.status !== 'written') throw new Error(`expected a release, got ${r.outcome.status}`);
  return r.outcome.version;
}

function idsByName(root: string, version: string): Record<string, string> {
  const { datasets } = JSON.parse(readFileSync(join(root, 'releases', version, 'catalog.json'), 'utf8')) as { datasets: { dataset_id: string; name: string }[] };
  return Object.fromEntries(datasets.map((d) => [d.name, d.dataset_id]));
}

async function history(root: string, version: string) {
  const db = await Db.open();
  try {
    return await db.all<{ dataset_id: string; event: string; successors: string[] }>(
      `SELECT dataset_id, event, successors FROM read_parquet('${join(root, 'releases', version, 'id_history.parquet')}') ORDER BY dataset_id, event`,
    );
  } finally {
    db.close();
  }
}

const shuffle = <T>(rows: T[]): T[] => rows.map((r, i) => [((i * 7919) % 13) + i / 100, r] as const).sort((a, b) => a[0] - b[0]).map(([, r]) => r);

describe('stable dataset ids', () => {
  it('gives a readable slug plus a short hash', async () => {
    const root = tmp();
    const v = await build(root, BASE);
    expect(idsByName(root, v)['BraTS 2021']).toMatch(/^brats-2021-[0-9a-f]{6}$/);
  });

  it('does not depend on input order', async () => {
    const a = tmp();
    const b = tmp();
    const shuffled = Object.fromEntries(Object.entries(BASE).reverse().map(([k, rows]) => [k, shuffle(rows).reverse()]));
    expect(idsByName(b, await build(b, shuffled))).toEqual(idsByName(a, await build(a, BASE)));
  });

  it('renumbers nothing when a source is added or removed', async () => {
    const root = tmp();
    const v1 = await build(root, BASE);
    const gamma: Row[] = [
      ['brats', 'BraTS2021', 'https://www.synapse.org/#!Synapse:syn25829067', 'MR', 'Brain', 'Seg', '2021'],
      ['oasis-3', 'OASIS-3', 'https://www.oasis-brains.org', 'MR', 'Brain', 'Cls', '2019'],
    ];
    const v2 = await build(root, { ...BASE, gamma });
    const before = idsByName(root, v1);
    const withGamma = idsByName(root, v2);
    for (const [name, id] of Object.entries(before)) expect(withGamma[name]).toBe(id);
    const v3 = await build(root, { alpha: BASE.alpha!, gamma });
    const withoutBeta = idsByName(root, v3);
    for (const name of ['BraTS 2021', 'KiTS19', 'CheXpert', 'LiTS']) {
      const id = Object.entries(before).find(([n]) => n === name || n.replace(' 2019', '19') === name)?.[1];
      if (id) expect(Object.values(withoutBeta)).toContain(id);
    }
    expect(withoutBeta['OASIS-3']).toBe(withGamma['OASIS-3']);
  });

  it('records the retired id and its successor when two entities merge', async () => {
    const root = tmp();
    // v1: two listings of one dataset under unrelated names and different links: two entities.
    const v1Data: Record<string, Row[]> = {
      alpha: [['emidec', 'EMIDEC', 'http://emidec.com', 'MR', 'Heart', 'Seg', '2020']],
      beta: [['cardiac-de', 'Cardiac Delayed Enhancement Set', 'https://www.creatis.insa-lyon.fr/emidec', 'MR', 'Heart', 'Seg', '2020']],
    };
    const v1 = await build(root, v1Data);
    const before = idsByName(root, v1);
    expect(Object.keys(before)).toHaveLength(2);
    // v2: beta now links the same page as alpha, which joins the two.
    const v2 = await build(root, { ...v1Data, beta: [['cardiac-de', 'Cardiac Delayed Enhancement Set', 'http://emidec.com', 'MR', 'Heart', 'Seg', '2020']] });
    const after = idsByName(root, v2);
    expect(Object.keys(after)).toHaveLength(1);
    expect(v2).toBe('v2.0.0');
    const kept = Object.values(after)[0]!;
    const retired = Object.values(before).find((id) => id !== kept)!;
    expect(Object.values(before)).toContain(kept);
    expect(await history(root, v2)).toEqual([{ dataset_id: retired, event: 'merged', successors: [kept] }]);
  });

  it('records a split with the new id as successor', async () => {
    const root = tmp();
    const v1Data: Record<string, Row[]> = {
      alpha: [['chaos', 'CHAOS', 'https://chaos.grand-challenge.org', 'CT', 'Liver', 'Seg', '2019']],
      beta: [['chaos', 'CHAOS', 'https://chaos.grand-challenge.org', 'CT', 'Liver', 'Seg', '2019']],
    };
    const v1 = await build(root, v1Data);
    const [id] = Object.values(idsByName(root, v1));
    const v2 = await build(root, { ...v1Data, beta: [['chaos', 'CHAOS MRI', 'https://zenodo.org/record/3431873', 'MR', 'Abdomen', 'Seg', '2019']] });
    const after = idsByName(root, v2);
    expect(after.CHAOS).toBe(id);
    expect(await history(root, v2)).toEqual([{ dataset_id: id, event: 'split', successors: [after['CHAOS MRI']] }]);
  });
});
