import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { renderCoverage } from '@imcat/pipeline-normalize';
import { measureCaptureCoverage } from './measure';

const coverage = await measureCaptureCoverage();
const target = fileURLToPath(new URL('./coverage-report.md', import.meta.url));
writeFileSync(target, renderCoverage(coverage));
const t = coverage.total;
console.log(`distinct ${t.distinct_mapped}/${t.distinct_values}, listing values ${t.record_mapped}/${t.record_values}; wrote ${target}`);
