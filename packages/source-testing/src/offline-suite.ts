import { describe, expect, it } from 'vitest';
import { SourceListing } from '@imcat/schema';
import { defaultSnapshotsDir, readCaptureDir, validateSource, type ParseOutput, type RawPage, type Source } from '@imcat/source-kit';

export interface OfflineSuiteOptions {
  /** The listing count counted by hand in the capture. */
  expectedListings: number;
  /** How that number was counted, so a reviewer can redo it. */
  howCounted: string;
  /** Expected reject count (records kept with a reason), when known. */
  expectedRejects?: number;
  snapshotsDir?: string;
  /**
   * The capture with its records in another order (reorder.ts has helpers), for the check that keys come from
   * content, not position. Without it the pages are given in reverse order, which moves nothing in a capture of
   * one page: such a source must give one (the check fails when the input did not change).
   */
  reorder?: (pages: RawPage[]) => RawPage[];
}

/**
 * The suite every source passes: it loads, parse is deterministic, every
 * listing is valid with a name and a unique source_key, and the count equals
 * what was counted by hand in the real capture.
 */
export function offlineSourceSuite(source: Source, options: OfflineSuiteOptions): void {
  describe(`source ${source.id}: shared offline suite`, () => {
    const root = options.snapshotsDir ?? defaultSnapshotsDir();
    let cached: { first: ParseOutput; second: ParseOutput } | undefined;
    const run = () => {
      if (!cached) {
        const { pages } = readCaptureDir(root, source);
        const first = source.parse(pages);
        const second = source.parse(readCaptureDir(root, source).pages);
        cached = { first, second };
      }
      return cached;
    };

    it('is a valid source module', () => {
      expect(validateSource(source)).toBe(source);
    });

    it('parses deterministically (same pages in, same output out)', () => {
      const { first, second } = run();
      expect(JSON.stringify(second)).toBe(JSON.stringify(first));
    });

    it(`emits ${options.expectedListings} listings (${options.howCounted})`, () => {
      expect(run().first.listings.length).toBe(options.expectedListings);
    });

    if (options.expectedRejects !== undefined) {
      it(`keeps ${options.expectedRejects} rejected records with reasons`, () => {
        const { rejects } = run().first;
        expect(rejects.length).toBe(options.expectedRejects);
        for (const r of rejects) expect(r.reason.length).toBeGreaterThan(0);
      });
    }

    it('gives every listing a name, a unique source_key and a valid shape', () => {
      const { listings } = run().first;
      const keys = new Set<string>();
      for (const listing of listings) {
        expect(SourceListing.parse(listing)).toEqual(listing);
        expect(listing.source_id).toBe(source.id);
        expect(listing.name.trim()).not.toBe('');
        expect(listing.source_key.trim()).not.toBe('');
        expect(keys.has(listing.source_key), `duplicate key ${listing.source_key}`).toBe(false);
        keys.add(listing.source_key);
      }
    });

    it('keeps no markup or control characters in names', () => {
      for (const { name } of run().first.listings) {
        expect(name).not.toMatch(/<\/?[a-z][^>]*>|\*\*|\]\(|[\u0000-\u001f]/i);
      }
    });

    it('derives keys from content, not position (the capture with its records in another order gives the same keys)', () => {
      const { pages } = readCaptureDir(root, source);
      const reordered = options.reorder ? options.reorder(pages) : [...pages].reverse();
      const identity = (p: RawPage[]) => p.map((page) => `${page.url} ${page.sha256}`);
      expect(identity(reordered), 'the reordered capture is the capture itself: give offlineSourceSuite a `reorder` that moves records').not.toEqual(identity(pages));
      const pair = (l: { source_key: string; name: string }) => `${l.source_key}\u0000${l.name}`;
      const first = source.parse(pages).listings.map(pair);
      const again = source.parse(reordered).listings.map(pair);
      expect([...new Set(again)].sort()).toEqual([...new Set(first)].sort());
    });
  });
}
