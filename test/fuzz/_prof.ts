import { loadSources } from '@imcat/registry';
import { readCaptureDir, defaultSnapshotsDir } from '@imcat/source-kit';
const { sources } = loadSources();
const s = sources.find((x) => x.id === process.argv[2])!;
const { pages } = readCaptureDir(defaultSnapshotsDir(), s);
for (let i = 0; i < 60; i++) s.parse(pages);
