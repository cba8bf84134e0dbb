import { createHash } from 'node:crypto';
import type { RawPage } from '@imcat/source-kit';

/**
 * Ways to give a parser the same capture with its records in another order, for the offline suite's check that
 * keys come from content, not position. Reversing the list of pages moves nothing in a one-page capture, so a
 * source whose capture is one page reverses the records inside it with these.
 */

/**
 * Reverse the records of a text: a record is a line `isStart` accepts and the lines after it, up to the next
 * record or a line `isBoundary` accepts; each unbroken run of records comes out in reverse order and everything
 * else stays where it was. `isStart` sees the line after too (a table's header row is the one before its
 * separator row). Lines between a run's last record and the boundary after it (blank lines, say) go with
 * that record.
 */
export function reverseRecords(
  text: string,
  isStart: (line: string, next: string | undefined) => boolean,
  isBoundary: (line: string) => boolean,
): string {
  const lines = text.split('\n');
  const out: string[] = [];
  let run: string[][] = [];
  const flush = () => {
    for (const record of run.reverse()) out.push(...record);
    run = [];
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (isStart(line, lines[i + 1])) run.push([line]);
    else if (run.length > 0 && !isBoundary(line)) run.at(-1)!.push(line);
    else {
      flush();
      out.push(line);
    }
  }
  flush();
  return out.join('\n');
}

const TABLE_SEPARATOR = /^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$/;

/** The data rows of every markdown pipe table, each table's rows in reverse order (header and separator stay). */
export function reverseTableRows(text: string): string {
  return reverseRecords(
    text,
    (line, next) => line.trimStart().startsWith('|') && !TABLE_SEPARATOR.test(line) && !(next !== undefined && TABLE_SEPARATOR.test(next)),
    (line) => !line.trimStart().startsWith('|'),
  );
}

/** The lines after a header line (a TSV or CSV file without quoted line breaks), in reverse order. */
export function reverseRowsAfterHeader(text: string): string {
  const lines = text.split('\n');
  const end = lines.at(-1) === '' ? lines.length - 1 : lines.length;
  return [lines[0]!, ...lines.slice(1, end).reverse(), ...lines.slice(end)].join('\n');
}

/** A JSON document with the array at `path` (object keys) in reverse order. */
export function reverseJsonArray(text: string, path: readonly string[]): string {
  const doc = JSON.parse(text) as unknown;
  let holder: unknown = doc;
  for (const key of path.slice(0, -1)) holder = (holder as Record<string, unknown>)[key];
  const last = path.at(-1);
  const array = last === undefined ? holder : (holder as Record<string, unknown>)[last];
  if (!Array.isArray(array)) throw new Error(`reverseJsonArray: expected an array at ${path.join('.') || 'the top'}, found ${typeof array}`);
  array.reverse();
  return JSON.stringify(doc, null, 2);
}

/** The pages with `change` applied to the UTF-8 text of those whose URL `which` accepts (hash and length follow). */
export function changePages(pages: readonly RawPage[], which: (url: string) => boolean, change: (text: string) => string): RawPage[] {
  return pages.map((page) => {
    if (!which(page.url)) return page;
    const body = new TextEncoder().encode(change(new TextDecoder().decode(page.body)));
    return {
      ...page,
      headers: { ...page.headers, 'content-length': String(body.byteLength) },
      sha256: createHash('sha256').update(body).digest('hex'),
      body,
    };
  });
}
