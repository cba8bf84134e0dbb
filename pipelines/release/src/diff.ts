import type { Db } from '@imcat/duckdb';
import { ReleaseError } from '@imcat/errors';
import { describe, splitOrderBy, sqlPath, type ColumnInfo } from './tables';

export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

export interface DatasetChanges {
  added: { dataset_id: string; name: string }[];
  removed: { dataset_id: string; name: string }[];
  changed: { dataset_id: string; name: string; fields: FieldChange[] }[];
}

function ident(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/**
 * (dataset_id, name) pairs, read column by column: a first release adds
 * every dataset, and row objects from DuckDB cost several times more.
 */
async function idsAndNames(db: Db, sql: string): Promise<{ dataset_id: string; name: string }[]> {
  let columns;
  try {
    columns = (await db.connection.runAndReadAll(sql)).getColumnsJS() as [string[], string[]];
  } catch (cause) {
    throw new ReleaseError('reading added or removed datasets failed', { cause });
  }
  const [ids = [], names = []] = columns;
  const out = new Array<{ dataset_id: string; name: string }>(ids.length);
  for (let i = 0; i < ids.length; i++) out[i] = { dataset_id: ids[i]!, name: names[i]! };
  return out;
}

/**
 * Datasets added, removed and changed against the previous release's
 * datasets.parquet, with field-level changes (values compared as JSON).
 */
export async function diffDatasets(db: Db, previousParquet: string | null): Promise<DatasetChanges> {
  // The datasets SELECT without its ORDER BY: every query here joins or sorts it itself.
  const current = `(${splitOrderBy('datasets').select})`;
  if (!previousParquet) {
    return { added: await idsAndNames(db, `SELECT dataset_id, name FROM ${current} ORDER BY dataset_id`), removed: [], changed: [] };
  }
  const previous = `read_parquet(${sqlPath(previousParquet)})`;
  const added = await idsAndNames(db, `SELECT n.dataset_id, n.name FROM ${current} AS n ANTI JOIN ${previous} AS o USING (dataset_id) ORDER BY n.dataset_id`);
  const removed = await idsAndNames(db, `SELECT o.dataset_id, o.name FROM ${previous} AS o ANTI JOIN ${current} AS n USING (dataset_id) ORDER BY o.dataset_id`);
  const now = await describe(db, current);
  const before = new Set((await describe(db, `SELECT * FROM ${previous}`)).map((c) => c.column_name));
  const shared = now.map((c) => c.column_name).filter((c) => c !== 'dataset_id' && before.has(c));
  if (shared.length === 0) return { added, removed, changed: [] };
  const perField = shared
    .map(
      (c) =>
        `SELECT n.dataset_id, n.name, '${c}' AS field, CAST(to_json(o.${ident(c)}) AS VARCHAR) AS before, CAST(to_json(n.${ident(c)}) AS VARCHAR) AS after
         FROM ${current} AS n JOIN ${previous} AS o USING (dataset_id)
         WHERE CAST(to_json(n.${ident(c)}) AS VARCHAR) IS DISTINCT FROM CAST(to_json(o.${ident(c)}) AS VARCHAR)`,
    )
    .join('\nUNION ALL\n');
  const rows = await db.all<{ dataset_id: string; name: string; field: string; before: string | null; after: string | null }>(
    `SELECT * FROM (${perField}) ORDER BY dataset_id, field`,
  );
  const changed = new Map<string, DatasetChanges['changed'][number]>();
  for (const r of rows) {
    const entry = changed.get(r.dataset_id) ?? { dataset_id: r.dataset_id, name: r.name, fields: [] };
    entry.fields.push({ field: r.field, before: r.before === null ? null : JSON.parse(r.before), after: r.after === null ? null : JSON.parse(r.after) });
    changed.set(r.dataset_id, entry);
  }
  return { added, removed, changed: [...changed.values()] };
}

/** Did any table's columns (names or types) change? That is an incompatible schema change. */
export function schemaChanged(previous: Record<string, ColumnInfo[]>, current: Record<string, ColumnInfo[]>): string[] {
  const reasons: string[] = [];
  for (const [table, cols] of Object.entries(previous)) {
    const now = current[table];
    if (!now) {
      reasons.push(`table ${table} was removed`);
      continue;
    }
    const nowByName = new Map(now.map((c) => [c.column_name, c.column_type]));
    for (const c of cols) {
      const t = nowByName.get(c.column_name);
      if (t === undefined) reasons.push(`${table}.${c.column_name} was removed`);
      else if (t !== c.column_type) reasons.push(`${table}.${c.column_name} changed type ${c.column_type} → ${t}`);
    }
  }
  return reasons;
}

export function renderChangelog(version: string, previous: string | null, bump: string, changes: DatasetChanges, notes: string[]): string {
  // Loops, not spreads: a first release adds hundreds of thousands of datasets.
  const lines = [`# ${version}`, '', previous ? `Changes since ${previous} (${bump}).` : 'First release.', ''];
  for (const n of notes) lines.push(`- ${n}`);
  if (notes.length) lines.push('');
  lines.push(`## Added (${changes.added.length})`, '');
  for (const d of changes.added) lines.push(`- \`${d.dataset_id}\` ${d.name}`);
  lines.push('', `## Removed (${changes.removed.length})`, '');
  for (const d of changes.removed) lines.push(`- \`${d.dataset_id}\` ${d.name}`);
  lines.push('', `## Changed (${changes.changed.length})`, '');
  for (const c of changes.changed) {
    lines.push(`- \`${c.dataset_id}\` ${c.name}`);
    for (const f of c.fields) lines.push(`  - ${f.field}: ${JSON.stringify(f.before)} → ${JSON.stringify(f.after)}`);
  }
  lines.push('');
  return lines.join('\n');
}
