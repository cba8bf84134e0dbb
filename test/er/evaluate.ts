import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Db } from '@imcat/duckdb';
import { prepareListings } from '@imcat/pipeline-build';
import { resolve } from '@imcat/pipeline-resolve';
import { loadSources } from '@imcat/registry';
import { defaultSnapshotsDir, type Logger } from '@imcat/source-kit';

export interface LabelledPair {
  a_source: string;
  a_key: string;
  a_name: string;
  b_source: string;
  b_key: string;
  b_name: string;
  label: 'match' | 'non-match';
  category: string;
  note: string;
}

/** RFC 4180 CSV (quoted fields may hold commas, quotes and newlines). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => r.some((c) => c !== ''));
}

export function readLabelledPairs(file = new URL('./labelled-pairs.csv', import.meta.url)): LabelledPair[] {
  const [header, ...rows] = parseCsv(readFileSync(file, 'utf8'));
  return rows.map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i] ?? ''])) as unknown as LabelledPair);
}

export interface Quality {
  pairs: number;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  trueNegatives: number;
  precision: number;
  recall: number;
  byCategory: { category: string; label: string; pairs: number; correct: number }[];
  errors: (LabelledPair & { predicted: string })[];
}

const quiet: Logger = { info: () => {}, warn: () => {}, error: () => {} };

/**
 * Resolve the real captures and score the resolver against the hand-labelled
 * pairs: two listings are predicted to match when they resolve to the same
 * dataset (or, for family-level listings, the same family).
 */
export async function evaluateResolution(pairs = readLabelledPairs(), dbPath = ':memory:'): Promise<Quality> {
  const dir = mkdtempSync(join(tmpdir(), 'imcat-er-'));
  const db = await Db.open(dbPath);
  try {
    const { sources } = loadSources();
    await prepareListings({ db, sources, mode: { kind: 'offline', dir: defaultSnapshotsDir() }, stagingDir: join(dir, 'staging'), workDir: join(dir, 'work'), log: quiet });
    await resolve({ db, log: quiet, workDir: join(dir, 'work') }, { keepIntermediate: dbPath !== ':memory:' });
    const rows = await db.all<{ source_id: string; source_key: string; entity: string }>(
      `SELECT source_id, source_key, coalesce(dataset_id, CASE WHEN resolution_note LIKE 'family-level%' THEN 'family:' || family_id END, 'listing:' || source_id || ':' || source_key) AS entity
       FROM listing_map`,
    );
    const entity = new Map(rows.map((r) => [`${r.source_id}\u0000${r.source_key}`, r.entity]));
    const q: Quality = { pairs: pairs.length, truePositives: 0, falsePositives: 0, falseNegatives: 0, trueNegatives: 0, precision: 0, recall: 0, byCategory: [], errors: [] };
    const cats = new Map<string, { category: string; label: string; pairs: number; correct: number }>();
    for (const p of pairs) {
      const a = entity.get(`${p.a_source}\u0000${p.a_key}`);
      const b = entity.get(`${p.b_source}\u0000${p.b_key}`);
      if (a === undefined || b === undefined) throw new Error(`labelled pair refers to a listing that does not exist: ${a === undefined ? `${p.a_source}/${p.a_key}` : `${p.b_source}/${p.b_key}`}`);
      const predicted = a === b;
      const actual = p.label === 'match';
      if (predicted && actual) q.truePositives++;
      else if (predicted && !actual) q.falsePositives++;
      else if (!predicted && actual) q.falseNegatives++;
      else q.trueNegatives++;
      const key = `${p.label}/${p.category}`;
      const c = cats.get(key) ?? { category: p.category, label: p.label, pairs: 0, correct: 0 };
      c.pairs++;
      if (predicted === actual) c.correct++;
      else q.errors.push({ ...p, predicted: predicted ? 'match' : 'non-match' });
      cats.set(key, c);
    }
    q.precision = q.truePositives / Math.max(1, q.truePositives + q.falsePositives);
    q.recall = q.truePositives / Math.max(1, q.truePositives + q.falseNegatives);
    q.byCategory = [...cats.values()].sort((x, y) => x.label.localeCompare(y.label) || x.category.localeCompare(y.category));
    return q;
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export function renderQuality(q: Quality): string {
  const lines = [
    '# Entity-resolution quality on the real captures',
    '',
    'Generated by `npm run er-quality` from `test/er/labelled-pairs.csv` (hand-labelled, see README.md) and the captures in `../shared/snapshots`. Do not edit by hand.',
    '',
    `| pairs | true positives | false positives | false negatives | true negatives | precision | recall |`,
    '|---:|---:|---:|---:|---:|---:|---:|',
    `| ${q.pairs} | ${q.truePositives} | ${q.falsePositives} | ${q.falseNegatives} | ${q.trueNegatives} | ${q.precision.toFixed(4)} | ${q.recall.toFixed(4)} |`,
    '',
    'Targets: precision ≥ 0.98, recall ≥ 0.95.',
    '',
    '## By category',
    '',
    '| label | category | pairs | correct |',
    '|---|---|---:|---:|',
    ...q.byCategory.map((c) => `| ${c.label} | ${c.category} | ${c.pairs} | ${c.correct} |`),
    '',
    `## Pairs decided wrongly (${q.errors.length})`,
    '',
    '| label | predicted | category | a | b | note |',
    '|---|---|---|---|---|---|',
    ...q.errors.map((e) => `| ${e.label} | ${e.predicted} | ${e.category} | ${e.a_source}: ${e.a_name.replace(/\|/g, '\\|')} | ${e.b_source}: ${e.b_name.replace(/\|/g, '\\|')} | ${e.note.replace(/\|/g, '\\|')} |`),
    '',
  ];
  return lines.join('\n');
}
