import { describe, expect, it } from 'vitest';
import { renderReport, type BenchReport } from './report';

const machine = {
  cpu: 'Test CPU',
  cores: 2,
  memoryBytes: 8 * 2 ** 30,
  platform: 'Linux 6.0',
  node: 'v20.0.0',
  duckdb: 'v1.5.6',
  duckdbNodeApi: '1.5.6-r.1',
  commit: 'abc1234',
  date: '2026-12-05',
};
const empty = { sizes: [], failedSizes: [], real: null, realError: null };

describe('renderReport', () => {
  it('describes the database settings the runs used, as the report recorded them', () => {
    const text = renderReport({ machine: { ...machine, memoryLimit: '3GB', blockAllocatorShare: 0.25 }, ...empty } as BenchReport);
    expect(text).toContain('memory limit 3GB spilling to disk, 25% of it kept for buffer blocks once used');
  });

  it('does not put the current settings on a report that did not record them', () => {
    const text = renderReport({ machine, ...empty } as BenchReport);
    expect(text).toContain('memory limit and buffer share not recorded in this report');
    expect(text).not.toMatch(/memory limit \d/);
  });
});
