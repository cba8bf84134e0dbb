import { LayoutDriftError, ParseError } from '@imcat/errors';
import { extractLinks, parseHeadings, parsePipeTables, plainText, splitTableRow, type Heading, type MarkdownTable } from '@imcat/markdown';
import { ListingCollector, decodeText, requirePage, type ParseOutput, type RawPage } from '@imcat/source-kit';
import { DATASET_SCHEMAS, GUIDE_SCHEMAS, MIN_DATASET_ROWS, README_FILE, SOURCE_ID, type DatasetSchema } from './config';
import { slugify as slug } from '@imcat/source-kit';

interface DatasetRow {
  schema: DatasetSchema;
  /** The level-2 heading the table sits under. */
  section: string;
  /** The nearest heading above the table (a level-3 title when there is one). */
  table: string;
  cells: string[];
  line: number;
  name: string;
}

const sameHeader = (a: string[], b: string[]): boolean => a.length === b.length && a.every((cell, i) => cell === b[i]);

function findDatasetSchema(header: string[]): DatasetSchema | undefined {
  return DATASET_SCHEMAS.find((schema) =>
    sameHeader(
      header,
      schema.columns.map((c) => c.header),
    ),
  );
}

function describeExpectedHeaders(): string {
  return [...DATASET_SCHEMAS.map((s) => s.columns.map((c) => c.header)), ...GUIDE_SCHEMAS.map((g) => g.header)]
    .map((h) => `"${h.join('|')}"`)
    .join(' or ');
}

function headingsAbove(headings: Heading[], line: number): { section: string; table: string } {
  const above = headings.filter((h) => h.line < line);
  const section = [...above].reverse().find((h) => h.level === 2);
  const nearest = above[above.length - 1];
  return { section: plainText(section?.text ?? ''), table: plainText(nearest?.text ?? '') };
}

/** A row whose cell count differs from the header's is misaligned (an unescaped pipe, a cut line). */
function cellCountProblem(table: MarkdownTable, line: string): string | undefined {
  const found = splitTableRow(line);
  const width = table.header.length;
  if (found.length < width) return `row has ${found.length} cells, the header has ${width}`;
  if (found.slice(width).some((cell) => cell !== '')) return `row has ${found.length} non-empty cells, the header has ${width}`;
  return undefined;
}

function rowRaw(row: DatasetRow): Record<string, string> {
  const raw: Record<string, string> = { section: row.section, table: row.table, table_schema: row.schema.id };
  if (row.schema.impliedModality) {
    raw.modality = row.schema.impliedModality;
    raw.modality_implied_by_table = 'true';
  }
  row.schema.columns.forEach((column, i) => {
    const cell = row.cells[i] ?? '';
    if (column.field === 'name') return;
    if (column.field === 'access_link') {
      raw.access_link = plainText(cell);
      const urls = extractLinks(cell).map((l) => l.url);
      if (urls.length) raw.access_urls = urls.join(' ');
      return;
    }
    raw[column.field] = plainText(cell);
  });
  return raw;
}

/** slug(name), plus the section when the same name appears more than once in the page. */
function assignKeys(rows: DatasetRow[]): Map<DatasetRow, string> {
  const counts = new Map<string, number>();
  for (const row of rows) counts.set(slug(row.name), (counts.get(slug(row.name)) ?? 0) + 1);
  const keys = new Map<DatasetRow, string>();
  for (const row of rows) {
    const base = slug(row.name);
    keys.set(row, (counts.get(base) ?? 0) > 1 ? `${base}--${slug(row.section)}` : base);
  }
  return keys;
}

/** The guide tables come after every dataset table: a page cut short loses them first. */
function checkComplete(guideRows: Map<string, number>, datasetRows: number): void {
  const missingGuides = GUIDE_SCHEMAS.filter((g) => !guideRows.has(g.id));
  if (missingGuides.length) {
    throw new LayoutDriftError('selection-guide tables are missing (page truncated or layout changed)', {
      sourceId: SOURCE_ID,
      expected: missingGuides.map((g) => `"${g.header.join('|')}"`).join(', '),
      found: `${guideRows.size} of ${GUIDE_SCHEMAS.length} guide tables`,
    });
  }
  if (datasetRows < MIN_DATASET_ROWS) {
    throw new ParseError('too few dataset rows', {
      sourceId: SOURCE_ID,
      expected: `at least ${MIN_DATASET_ROWS} rows in the dataset tables`,
      found: `${datasetRows}`,
    });
  }
}

/** Exact repeats are split off before keys are assigned, so they do not push the first copy onto a disambiguated key. */
function splitExactDuplicates(rows: DatasetRow[]): { unique: DatasetRow[]; duplicates: { row: DatasetRow; of: DatasetRow }[] } {
  const unique: DatasetRow[] = [];
  const duplicates: { row: DatasetRow; of: DatasetRow }[] = [];
  const bySignature = new Map<string, DatasetRow>();
  for (const row of rows) {
    const signature = `${row.schema.id}\u0000${row.section}\u0000${row.cells.join('\u0000')}`;
    const first = bySignature.get(signature);
    if (first) duplicates.push({ row, of: first });
    else {
      bySignature.set(signature, row);
      unique.push(row);
    }
  }
  return { unique, duplicates };
}

export function parse(pages: RawPage[]): ParseOutput {
  const page = requirePage(pages, SOURCE_ID, `/${README_FILE}`);
  const text = decodeText(page, SOURCE_ID);
  const lines = text.split(/\r?\n/);
  const headings = parseHeadings(text);
  const collector = new ListingCollector(SOURCE_ID);
  const rows: DatasetRow[] = [];
  const guideRows = new Map<string, number>();

  for (const table of parsePipeTables(text)) {
    const header = table.header.map(plainText);
    const schema = findDatasetSchema(header);
    if (!schema) {
      const guide = GUIDE_SCHEMAS.find((g) => sameHeader(header, g.header));
      if (!guide) {
        throw new LayoutDriftError('a table has a header this parser does not know', {
          sourceId: SOURCE_ID,
          record: `line ${table.line}`,
          expected: describeExpectedHeaders(),
          found: `"${header.join('|')}"`,
        });
      }
      guideRows.set(guide.id, (guideRows.get(guide.id) ?? 0) + table.rows.length);
      continue;
    }
    const { section, table: tableHeading } = headingsAbove(headings, table.line);
    for (const row of table.rows) {
      const name = plainText(row.cells[0] ?? '');
      const problem = cellCountProblem(table, lines[row.line - 1] ?? '');
      if (problem) {
        collector.reject({ record: name || `line ${row.line}`, field: null, reason: problem, raw: lines[row.line - 1] ?? '' });
        continue;
      }
      rows.push({ schema, section, table: tableHeading, cells: row.cells, line: row.line, name });
    }
  }

  checkComplete(guideRows, rows.length);
  collector.note(
    `skipped ${[...guideRows.values()].reduce((a, b) => a + b, 0)} selection-guide rows (not datasets): ` +
      GUIDE_SCHEMAS.map((g) => `${g.id} ${guideRows.get(g.id) ?? 0}`).join(', '),
  );

  const { unique, duplicates } = splitExactDuplicates(rows);
  const keys = assignKeys(unique);
  for (const row of unique) {
    const raw = rowRaw(row);
    collector.add(page, { key: keys.get(row) ?? '', name: row.name, url: raw.access_urls?.split(' ')[0], raw });
  }
  for (const { row, of } of duplicates) {
    const key = keys.get(of) ?? '';
    collector.reject({ record: key, field: 'source_key', reason: `exact duplicate of ${key}`, raw: lines[row.line - 1] ?? '' });
  }
  return collector.result();
}
