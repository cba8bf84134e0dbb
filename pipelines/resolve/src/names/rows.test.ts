import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Db, listValue } from '@imcat/duckdb';
import { installMacros } from '../resolve';
import { Analyser } from './analyse';
import { analyseNames } from './parallel';

const SQL_DIR = fileURLToPath(new URL('../../sql/', import.meta.url));

// Names that test the CSV between the analysis and DuckDB: quotes, commas, a line break, names beyond ASCII,
// empty lists and NULL editions, brackets and colons that give variants.
const NAMES = [
  'BraTS 2021',
  'The "Quoted", Dataset',
  'Line\nbreak 2019',
  'Ünïcödé Ðata, v2',
  'CT',
  '---',
  'Liver Tumor Segmentation (LiTS)',
  'VFuR: Ventricular Function Registration Collection',
  'MedMNIST v2: A Large-Scale Lightweight Benchmark',
  'KiTS19/21',
  'COVID-19 Chest X-ray DB',
  '東京 CT',
  'ds000030',
  'Penumonia Chest Radboud',
];

describe('name analysis read back by 01-er-names.sql', () => {
  let db: Db;
  let dir: string;
  beforeAll(async () => {
    db = await Db.open(':memory:', { threads: 2 });
    await installMacros(db);
    await db.exec('CREATE TABLE names AS SELECT unnest($names) AS name', { names: listValue(NAMES) });
    dir = mkdtempSync(join(tmpdir(), 'imcat-names-'));
  });
  afterAll(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const readBack = async (workers: number) => {
    const files = await analyseNames(db, 'SELECT name FROM names', dir, workers);
    expect(files.analysed).toBe(NAMES.length);
    await db.execFile(join(SQL_DIR, '01-er-names.sql'), { name_files: listValue(files.names), variant_files: listValue(files.variants) });
    return {
      names: await db.all<Record<string, unknown>>('SELECT * FROM er_names ORDER BY name'),
      variants: await db.all<Record<string, unknown>>('SELECT * FROM er_name_variants ORDER BY name, kind, stripped_key, stripped_core_key, own_edition'),
    };
  };

  it('holds every value of the analysis, lists and NULLs included', async () => {
    const { names, variants } = await readBack(1);
    const analyser = new Analyser();
    expect(names).toHaveLength(NAMES.length);
    for (const row of names) {
      const a = analyser.analyse(row.name as string);
      expect(row).toEqual({
        name: a.name,
        edition_kind: a.edition_kind,
        edition: a.edition,
        tokens: a.tokens,
        words: a.words,
        base_key: a.base_key,
        core_base_key: a.core_base_key,
        numbers: a.numbers,
        last_word: a.last_word,
        name_tails: a.name_tails,
        numbers_are_counts: a.numbers_are_counts,
        parts: a.parts,
        part_count: a.parts.length,
        part_names: a.part_names,
        sorted_words: a.sorted_words,
        word_set_key: a.word_set_key,
        generic: a.generic,
        acronym_kind: a.acronym_kind,
        acronyms: a.acronyms,
        tokens_compact: a.tokens_compact,
        words_compact: a.words_compact,
        qualifier_tokens: a.qualifier_tokens,
        modality_tokens: a.modality_tokens,
        parts_compact: a.parts_compact,
        accession_like: a.accession_like,
        name_variant: a.name_variant,
        base_generic: a.base_generic,
      });
    }
    const expected = NAMES.flatMap((name) => {
      const a = analyser.analyse(name);
      const own = a.name_variant
        ? [{ name, kind: 'name', own_edition: null, stripped_key: a.base_key, stripped_core_key: a.core_base_key, stripped_generic: a.base_generic }]
        : [];
      return [...own, ...a.variants.map(({ f: _f, ...v }) => ({ name, ...v }))];
    });
    const key = (v: Record<string, unknown>) => JSON.stringify([v.name, v.kind, v.stripped_key, v.stripped_core_key, v.own_edition, v.stripped_generic]);
    const sorted = (vs: Record<string, unknown>[]) => [...vs].sort((x, y) => (key(x) < key(y) ? -1 : key(x) > key(y) ? 1 : 0));
    expect(sorted(variants)).toEqual(sorted(expected));
    // The quoted, comma and line-break names came through whole; "CT" alone names nothing, so it has no variant.
    expect(names.map((r) => r.name)).toContain('The "Quoted", Dataset');
    expect(names.map((r) => r.name)).toContain('Line\nbreak 2019');
    expect(variants.some((v) => v.name === 'CT')).toBe(false);
  });

  it('reads the same rows from two worker threads as from this thread', async () => {
    const here = await readBack(1);
    const inWorkers = await readBack(2);
    expect(inWorkers).toEqual(here);
  }, 30_000);
});
