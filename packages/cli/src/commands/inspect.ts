import { Db } from '@imcat/duckdb';
import { verifyRelease } from '@imcat/pipeline-release';
import { formatResult, formatRows, openRelease, runReadOnly, searchWithTotals, SEARCH_COLUMNS, type OutputFormat, type SearchCriteria, type SearchResult } from '@imcat/query';
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
    out.write(formatResult(await runReadOnly(db, sql), format));
    return 0;
  } finally {
    db.close();
  }
}

/**
 * "387 strict matches, 12 near", and when the limit cut the list, how much of it is shown:
 * "; showing 50 of 387 strict matches, 0 of 12 near; --limit N to see more".
 */
export function searchSummary(result: SearchResult): string {
  const { hits, strictTotal, nearTotal } = result;
  const strictShown = hits.filter((h) => h.match === 'strict').length;
  const nearShown = hits.length - strictShown;
  let text = `${strictTotal} strict match${strictTotal === 1 ? '' : 'es'}, ${nearTotal} near`;
  if (strictShown < strictTotal || nearShown < nearTotal) {
    const parts = [];
    if (strictShown < strictTotal) parts.push(`${strictShown} of ${strictTotal} strict match${strictTotal === 1 ? '' : 'es'}`);
    if (nearShown < nearTotal) parts.push(`${nearShown} of ${nearTotal} near`);
    text += `; showing ${parts.join(', ')}; --limit N to see more`;
  }
  return text;
}

export async function searchCommand(
  criteria: SearchCriteria,
  opts: { release?: string; format?: string; releases: string },
  out: NodeJS.WritableStream,
  err: NodeJS.WritableStream = process.stderr,
): Promise<number> {
  const format = checkFormat(opts.format);
  const { db, version } = await openRelease(opts.releases, opts.release);
  try {
    const result = await searchWithTotals(db, criteria);
    const { hits } = result;
    if (format !== 'table') {
      out.write(formatRows(hits, format, [...SEARCH_COLUMNS]));
      // CSV and JSON stay data only: a cut list is said on stderr.
      if (hits.length < result.strictTotal + result.nearTotal) err.write(`imcat ${version}: ${searchSummary(result)}\n`);
      return 0;
    }
    const strict = hits.filter((h) => h.match === 'strict');
    const near = hits.filter((h) => h.match === 'near');
    out.write(`imcat ${version}: ${searchSummary(result)}\n\n`);
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
