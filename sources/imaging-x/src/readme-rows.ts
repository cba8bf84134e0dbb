import { LayoutDriftError, ParseError } from '@imcat/errors';
import { parseHeadings, parsePipeTables, plainText, unescapeMarkdown, type MarkdownTable } from '@imcat/markdown';
import { COMPARED_FIELDS, README_COLUMNS, README_END_HEADING, SOURCE_ID, type ComparedField } from './config';
import { normalizeSection } from './section';

/** One row of a README dataset table, cells unescaped and trimmed. */
export interface ReadmeRow {
  section: string;
  name: string;
  fields: Record<ComparedField, string>;
  /** Non-empty cells beyond the header's width. */
  extra: string[];
  line: number;
}

const EXPECTED_HEADER = README_COLUMNS.map((names) => names.join('/')).join('|');

function checkHeader(table: MarkdownTable): void {
  const ok =
    table.header.length === README_COLUMNS.length &&
    README_COLUMNS.every((names, i) => names.includes(table.header[i] ?? ''));
  if (!ok) {
    throw new LayoutDriftError('a README dataset table has an unexpected header', {
      sourceId: SOURCE_ID,
      record: `README.md line ${table.line}`,
      expected: `header "${EXPECTED_HEADER}"`,
      found: `"${table.header.join('|')}"`,
    });
  }
}

function sectionOf(table: MarkdownTable): string {
  const heading = table.context[table.context.length - 1];
  const section = heading === undefined ? '' : normalizeSection(plainText(heading));
  if (!section) {
    throw new LayoutDriftError('a README dataset table sits under no section heading', {
      sourceId: SOURCE_ID,
      record: `README.md line ${table.line}`,
      expected: 'a "### <modality>" heading above every table',
      found: table.context.length ? `headings ${JSON.stringify(table.context)}` : 'no heading',
    });
  }
  return section;
}

/** "[Name](url)" → name and url; a cell without a link is a name with no url. */
function datasetCell(cell: string): { name: string; url: string } {
  const link = /^\[([\s\S]*)\]\(\s*<?([\s\S]*?)>?\s*\)$/.exec(cell.trim());
  if (!link) return { name: unescapeMarkdown(cell).trim(), url: '' };
  return { name: unescapeMarkdown(link[1]!).trim(), url: unescapeMarkdown(link[2]!).trim() };
}

function rowFields(cells: string[], url: string): Record<ComparedField, string> {
  const at = (i: number) => unescapeMarkdown(cells[i] ?? '').trim();
  const fields = { url } as Record<ComparedField, string>;
  // README_COLUMNS order: #, Dataset, then the compared fields from Year on.
  COMPARED_FIELDS.slice(1).forEach((field, i) => {
    fields[field] = at(i + 2);
  });
  return fields;
}

function requireEndHeading(markdown: string, lastLine: number): void {
  const end = parseHeadings(markdown).find((h) => h.line > lastLine && README_END_HEADING.test(h.text));
  if (!end) {
    throw new ParseError('README.md ends before the heading that follows the dataset tables (truncated?)', {
      sourceId: SOURCE_ID,
      record: 'README.md',
      expected: `a heading matching ${README_END_HEADING} after the last table (line ${lastLine})`,
      found: 'none',
    });
  }
}

/**
 * Every row of every pipe table in the README. All pipe tables there are
 * dataset tables; one with another header is layout drift, not something to skip.
 */
export function readReadmeRows(markdown: string): ReadmeRow[] {
  const tables = parsePipeTables(markdown);
  if (tables.length === 0) {
    throw new LayoutDriftError('README.md holds no dataset tables', {
      sourceId: SOURCE_ID,
      record: 'README.md',
      expected: `pipe tables headed "${EXPECTED_HEADER}"`,
      found: 'no pipe table',
    });
  }
  const rows: ReadmeRow[] = [];
  let lastLine = 0;
  for (const table of tables) {
    checkHeader(table);
    const section = sectionOf(table);
    for (const row of table.rows) {
      const { name, url } = datasetCell(row.cells[1] ?? '');
      rows.push({ section, name, fields: rowFields(row.cells, url), extra: row.extra.filter((c) => c !== ''), line: row.line });
      lastLine = Math.max(lastLine, row.line);
    }
    lastLine = Math.max(lastLine, table.line);
  }
  requireEndHeading(markdown, lastLine);
  return rows;
}
