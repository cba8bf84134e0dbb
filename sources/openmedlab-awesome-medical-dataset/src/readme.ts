import { LayoutDriftError } from '@imcat/errors';
import { parsePipeTables, plainText, splitTableRow, type MarkdownTable } from '@imcat/markdown';
import {
  DATASETS_HEADING,
  DATASET_HEADER,
  GROUPS,
  NON_DATASET_TABLES,
  OPTIONAL_DATASET_COLUMNS,
  SOURCE_ID,
  type Group,
} from './config';
import { resourceLinkOf, type ResourceLink } from './resource-links';

export interface DatasetRow {
  group: Group;
  /** The heading the table sits under ("Head and Neck", "Image text dataset"). */
  section: string;
  /** The Dataset cell as written (markup kept; the collector strips it). */
  nameCell: string;
  name: string;
  description: string;
  officialWebsite: string;
  releaseDate: string;
  /** Absent when the table has no Challenge column. */
  challenge: string | undefined;
  resource: ResourceLink | undefined;
  line: number;
  /** The row's cells, to tell exact duplicates apart from rows that only share a name. */
  signature: string;
}

export interface MalformedRow {
  name: string;
  line: number;
  reason: string;
  text: string;
}

export interface ReadmeContents {
  rows: DatasetRow[];
  malformed: MalformedRow[];
  /** Row counts of the non-dataset tables by id; absent ids were not found. */
  nonDatasetRows: Map<string, number>;
}

const sameCells = (a: string[], b: string[]): boolean => a.length === b.length && a.every((cell, i) => cell === b[i]);

function isDatasetHeader(header: string[]): boolean {
  const head = header.slice(0, DATASET_HEADER.length);
  const rest = header.slice(DATASET_HEADER.length);
  return sameCells(head, DATASET_HEADER) && sameCells(rest, OPTIONAL_DATASET_COLUMNS.slice(0, rest.length));
}

function expectedHeaders(): string {
  const dataset = [DATASET_HEADER, [...DATASET_HEADER, ...OPTIONAL_DATASET_COLUMNS]];
  return [...dataset, ...NON_DATASET_TABLES.map((t) => t.header)].map((h) => `"${h.join('|')}"`).join(' or ');
}

/** Which group and section a dataset table belongs to, from the headings above it. */
function placeOf(table: MarkdownTable): { group: Group; section: string } {
  const context = table.context.map(plainText).filter((c) => c !== '');
  const at = context.indexOf(DATASETS_HEADING);
  const groupHeading = at >= 0 ? context[at + 1] : undefined;
  const group = groupHeading !== undefined ? GROUPS[groupHeading] : undefined;
  const section = context[context.length - 1];
  if (!group || section === undefined) {
    throw new LayoutDriftError('a dataset table sits under an unexpected heading', {
      sourceId: SOURCE_ID,
      record: `line ${table.line}`,
      expected: `a table under "${DATASETS_HEADING}" > one of ${Object.keys(GROUPS).map((g) => `"${g}"`).join(', ')}`,
      found: context.length ? context.map((c) => `"${c}"`).join(' > ') : 'no heading',
    });
  }
  return { group, section };
}

function cellCountProblem(width: number, line: string): string | undefined {
  const found = splitTableRow(line);
  if (found.length < width) return `row has ${found.length} cells, the header has ${width}`;
  if (found.slice(width).some((cell) => cell !== '')) return `row has ${found.length} non-empty cells, the header has ${width}`;
  return undefined;
}

/**
 * Every dataset-table row of the README, plus the row counts of the
 * non-dataset tables. A table whose header is neither is layout drift.
 */
export function readReadme(text: string): ReadmeContents {
  const lines = text.split(/\r?\n/);
  const rows: DatasetRow[] = [];
  const malformed: MalformedRow[] = [];
  const nonDatasetRows = new Map<string, number>();
  for (const table of parsePipeTables(text)) {
    const header = table.header.map(plainText);
    if (!isDatasetHeader(header)) {
      const known = NON_DATASET_TABLES.find((t) => sameCells(t.header, header));
      if (!known) {
        throw new LayoutDriftError('a table has a header this parser does not know', {
          sourceId: SOURCE_ID,
          record: `line ${table.line}`,
          expected: expectedHeaders(),
          found: `"${header.join('|')}"`,
        });
      }
      nonDatasetRows.set(known.id, (nonDatasetRows.get(known.id) ?? 0) + table.rows.length);
      continue;
    }
    const { group, section } = placeOf(table);
    const hasChallenge = header.length > DATASET_HEADER.length;
    for (const row of table.rows) {
      const [nameCell = '', description = '', website = '', releaseDate = '', challenge = ''] = row.cells;
      const line = lines[row.line - 1] ?? '';
      const problem = cellCountProblem(header.length, line);
      if (problem) {
        malformed.push({ name: plainText(nameCell), line: row.line, reason: problem, text: line });
        continue;
      }
      rows.push({
        group,
        section,
        nameCell,
        name: plainText(nameCell),
        description: plainText(description),
        officialWebsite: website,
        releaseDate: plainText(releaseDate),
        challenge: hasChallenge ? plainText(challenge) : undefined,
        resource: resourceLinkOf(nameCell),
        line: row.line,
        signature: [section, ...row.cells].join('\u0000'),
      });
    }
  }
  return { rows, malformed, nonDatasetRows };
}
