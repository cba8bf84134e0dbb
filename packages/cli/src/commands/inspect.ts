import { Db } from '@imcat/duckdb';
import { verifyRelease } from '@imcat/pipeline-release';
import { formatRows, openRelease, readOnlyQuery, search, type OutputFormat, type SearchCriteria } from '@imcat/query';
import { QueryError } from '@imcat/errors';

function checkFormat(format: string | undefined): OutputFormat {
  const f = format ?? 'table';
  if (f !== 'table' && f !== 'csv' && f !== 'json') throw new QueryError(`--format ${f}: expected table, csv or json`);
  return f;
}

export async function queryCommand(sql: string | undefined, opts: { release?: string; format?: string; releases: string }, out: NodeJS.WritableStream): Promise<number> {
  if (!sql) throw new QueryError('usage: imcat query "SELECT …" [--release vX.Y.Z] [--format table|csv|json]');
  const format = checkFormat(opts.format);
  const { db } = await openRelease(opts.releases, opts.release);
  try {
    out.write(formatRows(await readOnlyQuery(db, sql), format));
    return 0;
  } finally {
    db.close();
  }
}

export async function searchCommand(criteria: SearchCriteria, opts: { release?: string; format?: string; releases: string }, out: NodeJS.WritableStream): Promise<number> {
  const format = checkFormat(opts.format);
  const { db, version } = await openRelease(opts.releases, opts.release);
  try {
    const hits = await search(db, criteria);
    if (format !== 'table') {
      out.write(formatRows(hits, format));
      return 0;
    }
    const strict = hits.filter((h) => h.match === 'strict');
    const near = hits.filter((h) => h.match === 'near');
    out.write(`imcat ${version}: ${strict.length} strict match${strict.length === 1 ? '' : 'es'}, ${near.length} near\n\n`);
    const columns = ['dataset_id', 'name', 'access', 'has_labels', 'sample_count', 'sample_unit', 'year', 'anatomy'];
    if (strict.length) out.write(formatRows(strict, 'table', columns) + '\n');
    if (near.length) out.write('Near matches:\n' + formatRows(near.map((h) => ({ ...h, why: h.reasons.join('; ') })), 'table', [...columns.slice(0, 2), 'why', ...columns.slice(2, 5)]));
    return 0;
  } finally {
    db.close();
  }
}

export async function verifyCommand(version: string | undefined, releases: string, out: NodeJS.WritableStream): Promise<number> {
  const db = await Db.open();
  try {
    const result = await verifyRelease(db, releases, version);
    if (result.problems.length === 0) {
      out.write(`${result.version}: ok (${result.checkedFiles} files, hashes and row counts match the manifest)\n`);
      return 0;
    }
    out.write(`${result.version}: ${result.problems.length} problem${result.problems.length === 1 ? '' : 's'}\n${result.problems.map((p) => `  - ${p}`).join('\n')}\n`);
    return 1;
  } finally {
    db.close();
  }
}
