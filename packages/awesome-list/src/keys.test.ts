import { describe, expect, it } from 'vitest';
import { assignKeys, slugify, type KeyCandidate } from './keys';

const entry = (name: string, section: string, url: string | null, extra = ''): KeyCandidate => ({
  name,
  section,
  url,
  content: JSON.stringify([name, section, url, extra]),
});

describe('keys', () => {
  it('slugs names to lower-case ASCII', () => {
    expect(slugify('Ünïcode: MRI (T1/T2) — 2019')).toBe('unicode-mri-t1-t2-2019');
    expect(slugify('***')).toBe('');
  });

  it('qualifies repeated names by section, then URL, independent of order', () => {
    const list = [
      entry('ADAM', 'Brain', 'https://a.example/adam'),
      entry('ADAM', 'Eyes', 'https://b.example/adam'),
      entry('Gamma', 'X', 'https://example.org/g1'),
      entry('Gamma', 'X', 'https://example.org/g2'),
      entry('Solo', 'X', null),
    ];
    const keys = (l: KeyCandidate[]) => assignKeys(l).keyed.map((k) => k.key).sort();
    expect(keys(list)).toEqual(['adam--brain', 'adam--eyes', 'gamma--example-org-g1', 'gamma--example-org-g2', 'solo']);
    expect(keys([...list].reverse())).toEqual(keys(list));
  });

  it('falls back to a content hash, and reports exact duplicates', () => {
    const { keyed, duplicates } = assignKeys([entry('Z', 'S', null, 'one'), entry('Z', 'S', null, 'two'), entry('Z', 'S', null, 'one')]);
    expect(keyed.map((k) => k.key)).toEqual([expect.stringMatching(/^z--[0-9a-f]{10}$/), expect.stringMatching(/^z--[0-9a-f]{10}$/)]);
    expect(duplicates).toHaveLength(1);
    expect(duplicates[0]?.of).toBe(keyed[0]?.key);
  });

  it('keys names without ASCII letters by a hash of the name', () => {
    expect(assignKeys([entry('胸部', 'S', null)]).keyed[0]?.key).toMatch(/^name-[0-9a-f]{10}$/);
  });
});
