import { ParseError } from '@imcat/errors';
import { parsePipeTables, plainText, splitTableRow } from '@imcat/markdown';
import { META_ALIASES, META_HEADING, SOURCE_ID } from './config';

export type MetaResult =
  | { found: true; fields: Record<string, string> }
  /** Why the page gives no meta fields; the parse turns this into a note. */
  | { found: false; reason: string };

/** "EEG Sampling Rate" -> "eeg_sampling_rate". */
function snake(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

/** The raw key a meta column is emitted as: the template's name for known spellings, else meta_<snake header>. */
export function metaKeyOf(header: string): string | undefined {
  const normal = header.toLowerCase().replace(/\s+/g, ' ').trim();
  const name = META_ALIASES[normal] ?? snake(header);
  return name ? `meta_${name}` : undefined;
}

/**
 * The one-row table under "Dataset Meta Information" on a resource page, as
 * meta_* fields. Pages without it, or with a many-row table there (a per-centre
 * breakdown), give a reason instead; a row with fewer cells than its header
 * (a page cut short) is a ParseError.
 */
export function readResourceMeta(text: string, path: string): MetaResult {
  const wanted = META_HEADING.toLowerCase();
  const table = parsePipeTables(text).find((t) => t.context.some((c) => plainText(c).toLowerCase() === wanted));
  if (!table) return { found: false, reason: `no table under "${META_HEADING}"` };
  if (table.rows.length !== 1) return { found: false, reason: `the "${META_HEADING}" table has ${table.rows.length} rows, expected 1` };
  const row = table.rows[0]!;
  const lines = text.split(/\r?\n/);
  const cellCount = splitTableRow(lines[row.line - 1] ?? '').length;
  if (cellCount < table.header.length) {
    throw new ParseError('the meta table row is shorter than its header (page cut short?)', {
      sourceId: SOURCE_ID,
      record: path,
      field: META_HEADING,
      expected: `${table.header.length} cells`,
      found: `${cellCount} cells in "${lines[row.line - 1] ?? ''}"`,
    });
  }
  const fields: Record<string, string> = {};
  table.header.forEach((cell, i) => {
    const key = metaKeyOf(plainText(cell));
    if (key && !(key in fields)) fields[key] = plainText(row.cells[i] ?? '');
  });
  return { found: true, fields };
}
