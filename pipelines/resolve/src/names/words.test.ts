import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Db } from '@imcat/duckdb';
import { ImcatError } from '@imcat/errors';
import { checkWords, wordMacros, words } from './words';

describe('the word lists (words.json)', () => {
  it('are lower-case letters and digits, as the SQL written from them assumes', () => {
    const w = words();
    expect(w.qualifier_words).toContain('ct');
    expect(w.canon_tokens.mri).toBe('mr');
    expect(w.qualifier_content.lung).toBe('a:lung');
  });

  it('refuse a word that would not be safe or exact in SQL, naming the list and the word', () => {
    const bad = (patch: object) => () => checkWords({ ...words(), ...patch }, 'words.json');
    expect(bad({ qualifier_words: ['ct', "x'); DROP TABLE datasets; --"] })).toThrow(ImcatError);
    expect(bad({ qualifier_words: ['ct', "x'); DROP TABLE datasets; --"] })).toThrow(/words\.json: qualifier_words: expected lower-case letters and digits, found "x'\); DROP/);
    expect(bad({ descriptive_words: ['Chest'] })).toThrow(/descriptive_words.*"Chest"/);
    expect(bad({ canon_tokens: { mri: 'M R' } })).toThrow(/canon_tokens\.mri.*"M R"/);
    expect(bad({ qualifier_content: { ct: 'modality:ct' } })).toThrow(/qualifier_content\.ct.*"modality:ct"/);
    expect(bad({ fillers: 'challenge' })).toThrow(/fillers.*"challenge"/);
  });

  describe('as SQL macros', () => {
    let db: Db;
    beforeAll(async () => {
      db = await Db.open(':memory:', { threads: 1 });
      await db.exec(wordMacros());
    });
    afterAll(() => db.close());

    it('give the same lists and the same content of each qualifier', async () => {
      const w = words();
      const row = await db.one<{ q: string[]; d: string[]; g: string[] }>('SELECT qualifier_words() AS q, descriptive_words() AS d, generic_words() AS g');
      expect(row).toEqual({ q: w.qualifier_words, d: w.descriptive_words, g: [...w.qualifier_words, ...w.descriptive_words] });
      for (const [word, content] of Object.entries(w.qualifier_content)) {
        expect((await db.one<{ c: string }>(`SELECT qualifier_content('${word}') AS c`))?.c).toBe(content);
      }
      expect((await db.one<{ c: string | null }>("SELECT qualifier_content('brats') AS c"))?.c).toBeNull();
    });
  });
});
