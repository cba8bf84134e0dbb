import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderCoverage, type Coverage } from '@imcat/pipeline-normalize';
import { measureCaptureCoverage } from './measure';

const MINIMUM = 0.99;
const committed = readFileSync(new URL('./coverage-report.md', import.meta.url), 'utf8');

describe('vocabulary coverage on the real captures', () => {
  let coverage: Coverage;
  beforeAll(async () => {
    coverage = await measureCaptureCoverage();
  }, 120_000);

  it(`maps at least ${MINIMUM * 100}% of distinct values and of listing values`, () => {
    const t = coverage.total;
    expect(t.distinct_mapped / t.distinct_values).toBeGreaterThanOrEqual(MINIMUM);
    expect(t.record_mapped / t.record_values).toBeGreaterThanOrEqual(MINIMUM);
  });

  it('measures every vocabulary role', () => {
    expect(coverage.roles.map((r) => r.role)).toEqual(['anatomy', 'dimensionality', 'license', 'modality', 'task']);
  });

  it('matches the committed report, so every leftover value is listed (run `npm run coverage` to refresh)', () => {
    expect(renderCoverage(coverage)).toBe(committed);
  });
});
