import { ImcatError } from '@imcat/errors';
import { loadSources } from '@imcat/registry';
import { SourceListing } from '@imcat/schema';
import { readCaptureDir, defaultSnapshotsDir } from '@imcat/source-kit';
import { mutatedCase, preparePage } from './mutate';
const { sources } = loadSources();
const only = process.argv[2];
const N = Number(process.argv[3] ?? 300);
for (const s of sources) {
  if (only && s.id !== only) continue;
  const { pages } = readCaptureDir(defaultSnapshotsDir(), s);
  const prepared = pages.map(preparePage);
  let ok = 0, typed = 0, other = 0, tMut = 0, tParse = 0, tVal = 0;
  const byCode: Record<string, number> = {};
  for (let i = 0; i < N; i++) {
    const t0 = performance.now();
    const c = mutatedCase(prepared, 20261122, s.id, i, { firstPageBias: 0.5 });
    const t1 = performance.now();
    tMut += t1 - t0;
    try {
      const out = s.parse(c.pages);
      const t2 = performance.now();
      tParse += t2 - t1;
      for (const l of out.listings) SourceListing.parse(l);
      tVal += performance.now() - t2;
      ok++;
    } catch (e) {
      tParse += performance.now() - t1;
      if (e instanceof ImcatError) { typed++; byCode[e.constructor.name] = (byCode[e.constructor.name] ?? 0) + 1; }
      else { other++; if (other < 4) console.log('NON-TYPED', s.id, i, c.description, e); }
    }
  }
  console.log(s.id, { ok, typed, other, mut: (tMut / N).toFixed(2), parse: (tParse / N).toFixed(2), val: (tVal / N).toFixed(2), byCode });
}
