import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { evaluateResolution, readLabelledPairs, renderQuality, type Quality } from './evaluate';

const committed = readFileSync(new URL('./quality-report.md', import.meta.url), 'utf8');
const committedNumbers = /\| (\d+) \| (\d+) \| (\d+) \| (\d+) \| (\d+) \| ([0-9.]+) \| ([0-9.]+) \|/.exec(committed);

describe('the hand-labelled pair set', () => {
  const pairs = readLabelledPairs();
  it('has at least 200 pairs, about half true matches, and at least 60 hard non-matches', () => {
    expect(pairs.length).toBeGreaterThanOrEqual(200);
    const matches = pairs.filter((p) => p.label === 'match').length;
    expect(matches / pairs.length).toBeGreaterThan(0.45);
    expect(matches / pairs.length).toBeLessThan(0.55);
    const hard = pairs.filter((p) => p.label === 'non-match' && ['edition', 'subset-sibling', 'lookalike', 'family-vs-edition'].includes(p.category));
    expect(hard.length).toBeGreaterThanOrEqual(60);
  });
  it('lists no pair twice', () => {
    const keys = pairs.map((p) => [`${p.a_source}/${p.a_key}`, `${p.b_source}/${p.b_key}`].sort().join(' ~ '));
    expect(new Set(keys).size).toBe(keys.length);
  });
});

describe('entity-resolution quality on the real captures', () => {
  let q: Quality;
  beforeAll(async () => {
    q = await evaluateResolution();
  }, 120_000);

  it('matches the committed report (run `npm run er-quality` to refresh it)', () => {
    expect(renderQuality(q)).toBe(committed);
  });

  it('does not fall below the committed precision and recall', () => {
    expect(committedNumbers).not.toBeNull();
    const [tp, fp, fn] = [2, 3, 4].map((i) => Number(committedNumbers![i]));
    expect(q.precision).toBeGreaterThanOrEqual(tp! / (tp! + fp!));
    expect(q.recall).toBeGreaterThanOrEqual(tp! / (tp! + fn!));
  });

  it('keeps every hard edition and sibling case apart that the issue names', () => {
    const named = q.errors.filter((e) =>
      /KiTS|BraTS 20|ISIC1[78]|OASIS-[13]|FLARE2[123]|LIDC|LUNA16|PROSTATEx|CAMELYON|AutoPET|CHAOS|MIMIC-CXR|BTCV (Abdomen|Cervical)/i.test(`${e.a_name} ${e.b_name}`) && e.label === 'non-match',
    );
    expect(named.map((e) => `${e.a_name} ~ ${e.b_name}`)).toEqual([]);
  });
});
