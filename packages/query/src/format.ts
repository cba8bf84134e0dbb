/** Render rows as an aligned text table, CSV (RFC 4180) or JSON. */
export type OutputFormat = 'table' | 'csv' | 'json';

function cell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value) || typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

export function formatRows(rows: Record<string, unknown>[], format: OutputFormat, columns = rows[0] ? Object.keys(rows[0]) : []): string {
  if (format === 'json') return JSON.stringify(rows, null, 2) + '\n';
  if (format === 'csv') {
    const quote = (s: string) => (/[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
    return [columns.map(quote).join(','), ...rows.map((r) => columns.map((c) => quote(cell(r[c]))).join(','))].join('\n') + '\n';
  }
  const MAX = 60;
  const text = rows.map((r) => columns.map((c) => {
    const s = cell(r[c]).replace(/\s+/g, ' ');
    return s.length > MAX ? `${s.slice(0, MAX - 1)}…` : s;
  }));
  const widths = columns.map((c, i) => Math.max(c.length, ...text.map((t) => t[i]!.length)));
  const line = (values: string[]) => values.map((v, i) => v.padEnd(widths[i]!)).join('  ').trimEnd();
  return [line(columns), line(widths.map((w) => '-'.repeat(w))), ...text.map(line), `(${rows.length} row${rows.length === 1 ? '' : 's'})`].join('\n') + '\n';
}
