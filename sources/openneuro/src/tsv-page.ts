import { LayoutDriftError, ParseError, excerpt } from '@imcat/errors';
import { decodeText, type RawPage } from '@imcat/source-kit';
import { MIN_TSV_ROWS, REQUIRED_TSV_COLUMNS, SOURCE_ID } from './config';
import type { DatasetRow } from './graphql-page';

/**
 * Read the TSV export. The file has no quoting (quotes in names are
 * literal), CRLF line ends and no trailing newline; every row must have as
 * many fields as the header, so a row cut short by truncation is an error.
 */
export function readTsvPage(page: RawPage): DatasetRow[] {
  const text = decodeText(page, SOURCE_ID);
  const lines = text.split(/\r?\n/);
  const header = (lines[0] ?? '').split('\t').map((h) => h.trim());
  const missing = REQUIRED_TSV_COLUMNS.filter((c) => !header.includes(c));
  if (missing.length) {
    throw new LayoutDriftError(`the TSV header lacks ${missing.join(', ')}`, {
      sourceId: SOURCE_ID,
      record: page.url,
      expected: `columns including ${REQUIRED_TSV_COLUMNS.join('|')}`,
      found: excerpt(header.join('|'), 0, 400),
    });
  }
  const rows: DatasetRow[] = [];
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (line.trim() === '') continue;
    const cells = line.split('\t');
    if (cells.length !== header.length) {
      throw new ParseError('a TSV row has the wrong number of fields (truncated or corrupted export)', {
        sourceId: SOURCE_ID,
        record: `${page.url} line ${i + 1}`,
        expected: `${header.length} tab-separated fields`,
        found: `${cells.length} fields: "${excerpt(line, 0, 120)}"`,
      });
    }
    const row: DatasetRow = {};
    header.forEach((column, c) => {
      row[column] = cells[c];
    });
    rows.push(row);
  }
  if (rows.length < MIN_TSV_ROWS) {
    throw new ParseError('the TSV export holds implausibly few datasets (truncated?)', {
      sourceId: SOURCE_ID,
      record: page.url,
      expected: `at least ${MIN_TSV_ROWS} rows`,
      found: `${rows.length} rows`,
    });
  }
  return rows;
}
