import { LayoutDriftError } from '@imcat/errors';
import { parsePipeTables, plainText, type MarkdownTable } from '@imcat/markdown';
import type { AwesomeListConfig } from '../config';
import { sameHeading } from '../document';
import type { Entry, ScanResult } from '../entry';
import type { Scope, SkipCounter } from '../scope';
import { bareUrl, findLinks } from '../links';

type TableSettings = NonNullable<AwesomeListConfig['table']>;

function columnIndex(header: string[], wanted: string): number {
  return header.findIndex((h) => sameHeading(h, wanted));
}

function cellUrl(cell: string): string | null {
  return findLinks(cell)[0]?.url ?? bareUrl(cell) ?? null;
}

/** Raw fields named "*_url" take the cell's link target; the others its plain text. */
function cellValue(field: string, cell: string): string {
  return field.endsWith('_url') ? (cellUrl(cell) ?? '') : plainText(cell);
}

function checkHeaders(table: MarkdownTable, settings: TableSettings, sourceId: string): void {
  const required = [settings.name_column, ...(settings.url_column ? [settings.url_column] : []), ...settings.required_headers];
  const missing = required.filter((h) => columnIndex(table.header, h) === -1);
  if (missing.length) {
    throw new LayoutDriftError('a table lacks a required column', {
      sourceId,
      record: `table at line ${table.line}`,
      field: missing.join(', '),
      expected: `headers including "${required.join('|')}"`,
      found: `"${table.header.map((h) => plainText(h)).join('|')}"`,
    });
  }
}

/**
 * One entry per row of every in-scope pipe table. Tables under skipped
 * sections are noted, not read; every read table must carry the required
 * headers (else LayoutDriftError).
 */
export function scanTables(
  markdown: string,
  settings: TableSettings,
  sourceId: string,
  scope: (sections: string[]) => Scope,
  skipped: SkipCounter,
): ScanResult {
  const entries: Entry[] = [];
  for (const table of parsePipeTables(markdown)) {
    const sections = table.context.map((c) => plainText(c));
    const where = scope(sections);
    if (where.kind === 'skip') {
      for (let i = 0; i < table.rows.length; i++) skipped.add(where, 'table rows');
      continue;
    }
    checkHeaders(table, settings, sourceId);
    const nameAt = columnIndex(table.header, settings.name_column);
    const urlAt = settings.url_column ? columnIndex(table.header, settings.url_column) : nameAt;
    const mapped = Object.entries(settings.columns)
      .map(([header, field]) => ({ field, at: columnIndex(table.header, header) }))
      .filter((c) => c.at !== -1);
    for (const row of table.rows) {
      const raw: Record<string, string> = {};
      for (const { field, at } of mapped) {
        const value = cellValue(field, row.cells[at] ?? '');
        if (value) raw[field] = value;
      }
      entries.push({
        name: row.cells[nameAt] ?? '',
        url: cellUrl(row.cells[urlAt] ?? ''),
        raw,
        sections,
        line: row.line,
      });
    }
  }
  return { entries, notes: [] };
}
