/** Render rows as an aligned text table, CSV (RFC 4180) or JSON. */
import type { QueryResult } from './open-release';

export type OutputFormat = 'table' | 'csv' | 'json';

function cell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value) || typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** Columns a grapheme takes in a terminal: 2 for wide East Asian characters and emoji, 0 for a lone mark. */
function graphemeWidth(g: string): number {
  const cp = g.codePointAt(0)!;
  if (/^[\p{Mn}\p{Me}\p{Cf}]+$/u.test(g)) return 0;
  if (/\p{Emoji_Presentation}|\uFE0F/u.test(g) && /\p{Extended_Pictographic}|\p{Regional_Indicator}|\u20E3/u.test(g)) return 2;
  const wide =
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0x303e) ||
    (cp >= 0x3041 && cp <= 0x33ff) ||
    (cp >= 0x3400 && cp <= 0x4dbf) ||
    (cp >= 0x4e00 && cp <= 0x9fff) ||
    (cp >= 0xa000 && cp <= 0xa4cf) ||
    (cp >= 0xa960 && cp <= 0xa97f) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe10 && cp <= 0xfe19) ||
    (cp >= 0xfe30 && cp <= 0xfe6f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x1f300 && cp <= 0x1f64f) ||
    (cp >= 0x1f900 && cp <= 0x1f9ff) ||
    (cp >= 0x20000 && cp <= 0x3fffd);
  return wide ? 2 : 1;
}

/** Width of text in terminal columns, counted by grapheme (an emoji with its modifiers is one, and two columns). */
export function displayWidth(text: string): number {
  if (/^[\x20-\x7e]*$/.test(text)) return text.length;
  let width = 0;
  for (const { segment } of graphemes.segment(text)) width += graphemeWidth(segment);
  return width;
}

/** Text cut to at most `max` columns, never inside a grapheme, with … where it was cut. */
export function truncate(text: string, max: number): string {
  if (displayWidth(text) <= max) return text;
  let out = '';
  let width = 0;
  for (const { segment } of graphemes.segment(text)) {
    const w = graphemeWidth(segment);
    if (width + w > max - 1) break;
    out += segment;
    width += w;
  }
  return `${out}…`;
}

/** Control characters written out (\n, \t, \x1b), so a header or cell stays on its line and cannot drive the terminal. */
function escapeControls(text: string): string {
  return text.replace(/\p{Cc}/gu, (c) => {
    if (c === '\n') return '\\n';
    if (c === '\r') return '\\r';
    if (c === '\t') return '\\t';
    const code = c.codePointAt(0)!;
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

const MAX = 60;

function table(columns: string[], cells: string[][]): string {
  const header = columns.map((c) => escapeControls(c));
  const text = cells.map((row) => row.map((s) => truncate(escapeControls(s.replace(/\s+/g, ' ')), MAX)));
  // A loop, not Math.max(...): spreading 200,000 rows overflows the stack.
  const widths = header.map((c) => displayWidth(c));
  for (const row of text) row.forEach((v, i) => (widths[i] = Math.max(widths[i]!, displayWidth(v))));
  const pad = (v: string, w: number) => v + ' '.repeat(Math.max(0, w - displayWidth(v)));
  const line = (values: string[]) => values.map((v, i) => pad(v, widths[i]!)).join('  ').trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...text.map(line), `(${cells.length} row${cells.length === 1 ? '' : 's'})`].join('\n') + '\n';
}

function csv(columns: string[], cells: string[][]): string {
  const quote = (s: string) => (/[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  return [columns.map(quote).join(','), ...cells.map((row) => row.map(quote).join(','))].join('\n') + '\n';
}

/** Plain rows (search hits): lists and objects print as JSON in table and CSV cells. */
export function formatRows(rows: Record<string, unknown>[], format: OutputFormat, columns = rows[0] ? Object.keys(rows[0]) : []): string {
  if (format === 'json') return JSON.stringify(rows, null, 2) + '\n';
  const cells = rows.map((r) => columns.map((c) => cell(r[c])));
  return format === 'csv' ? csv(columns, cells) : table(columns, cells);
}

/** A query's result, with its column names even when it has no rows (JSON: []). */
export function formatResult(result: QueryResult, format: OutputFormat): string {
  if (format === 'json') return JSON.stringify(result.rows(), null, 2) + '\n';
  const cells = result.cells();
  return format === 'csv' ? csv(result.columns, cells) : table(result.columns, cells);
}
