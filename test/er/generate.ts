import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { evaluateResolution, renderQuality } from './evaluate';

// IMCAT_ER_DB=path keeps the database for inspecting the resolver's pair decisions.
const q = await evaluateResolution(undefined, process.env.IMCAT_ER_DB ?? ':memory:');
const target = fileURLToPath(new URL('./quality-report.md', import.meta.url));
writeFileSync(target, renderQuality(q));
console.log(`precision ${q.precision.toFixed(4)}, recall ${q.recall.toFixed(4)} over ${q.pairs} pairs; wrote ${target}`);
