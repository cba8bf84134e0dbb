/**
 * GitHub-flavoured pipe tables, read line by line. Handles escaped pipes
 * ("\|"), pipes inside inline code, optional outer pipes, and records the
 * headings (and <summary> titles) a table sits under.
 */

export interface MarkdownTable {
  /** Header cells as written (markup kept). */
  header: string[];
  /** Body rows; each row has exactly header.length cells (missing cells are ""), extra cells kept in `extra`. */
  rows: TableRow[];
  /** 1-based line number of the header row. */
  line: number;
  /** Enclosing headings and <summary> titles, outermost first, as plain markdown text. */
  context: string[];
}

export interface TableRow {
  cells: string[];
  /** Cells beyond the header's width (a row with a stray trailing pipe has one empty extra). */
  extra: string[];
  /** 1-based line number. */
  line: number;
}

/** Split one table line into cells. */
export function splitTableRow(line: string): string[] {
  let text = line.trim();
  if (text.startsWith('|')) text = text.slice(1);
  if (text.endsWith('|') && !text.endsWith('\\|')) text = text.slice(0, -1);
  const cells: string[] = [];
  let current = '';
  let inCode = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '\\' && text[i + 1] === '|') {
      current += '|';
      i++;
    } else if (ch === '`') {
      inCode = !inCode;
      current += ch;
    } else if (ch === '|' && !inCode) {
      cells.push(current.trim());
      current = '';
    } else {
      current += ch;
    }
  }
  cells.push(current.trim());
  return cells;
}

const DELIMITER = /^\s*\|?\s*:?-{1,}:?\s*(\|\s*:?-{1,}:?\s*)*\|?\s*$/;

function isTableLine(line: string): boolean {
  return line.includes('|') && line.trim().length > 0;
}

/** Every pipe table in a markdown document, in document order. */
export function parsePipeTables(markdown: string): MarkdownTable[] {
  const lines = markdown.split(/\r?\n/);
  const tables: MarkdownTable[] = [];
  const headingStack: { level: number; text: string }[] = [];
  let summary: string | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const heading = /^(#{1,6})\s+(.*?)\s*#*\s*$/.exec(line);
    if (heading) {
      const level = heading[1]!.length;
      while (headingStack.length && headingStack[headingStack.length - 1]!.level >= level) headingStack.pop();
      headingStack.push({ level, text: heading[2]! });
      summary = undefined;
      continue;
    }
    const summaryMatch = /<summary[^>]*>([\s\S]*?)<\/summary>/i.exec(line);
    if (summaryMatch) {
      summary = summaryMatch[1]!;
      continue;
    }
    if (/<\/details>/i.test(line)) summary = undefined;
    const next = lines[i + 1];
    if (isTableLine(line) && next !== undefined && DELIMITER.test(next) && next.includes('-')) {
      const header = splitTableRow(line);
      const width = header.length;
      const rows: TableRow[] = [];
      let j = i + 2;
      for (; j < lines.length; j++) {
        const rowLine = lines[j] ?? '';
        if (!isTableLine(rowLine)) break;
        const cells = splitTableRow(rowLine);
        const kept = cells.slice(0, width);
        while (kept.length < width) kept.push('');
        rows.push({ cells: kept, extra: cells.slice(width), line: j + 1 });
      }
      tables.push({
        header,
        rows,
        line: i + 1,
        context: [...headingStack.map((h) => h.text), ...(summary !== undefined ? [summary] : [])],
      });
      i = j - 1;
    }
  }
  return tables;
}

export interface MarkdownLink {
  text: string;
  url: string;
}

/** Markdown [text](url) links and HTML <a href> links in a fragment, in order. */
export function extractLinks(fragment: string): MarkdownLink[] {
  const links: { at: number; link: MarkdownLink }[] = [];
  const md = /(!?)\[((?:[^\][]|\[[^\]]*\])*)\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g;
  for (let m = md.exec(fragment); m; m = md.exec(fragment)) {
    if (m[1] === '!') continue;
    links.push({ at: m.index, link: { text: m[2]!, url: m[3]! } });
  }
  const html = /<a\s[^>]*?href\s*=\s*["']([^"']+)["'][^>]*>([\s\S]*?)<\/a>/gi;
  for (let m = html.exec(fragment); m; m = html.exec(fragment)) {
    links.push({ at: m.index, link: { text: m[2]!, url: m[1]! } });
  }
  return links.sort((a, b) => a.at - b.at).map((l) => l.link);
}

export interface Heading {
  level: number;
  text: string;
  /** 1-based line number. */
  line: number;
}

/** ATX headings ("## Title"), skipping fenced code blocks. */
export function parseHeadings(markdown: string): Heading[] {
  const out: Heading[] = [];
  let fenced = false;
  markdown.split(/\r?\n/).forEach((line, index) => {
    if (/^\s*(```|~~~)/.test(line)) fenced = !fenced;
    if (fenced) return;
    const m = /^(#{1,6})\s+(.*?)\s*#*\s*$/.exec(line);
    if (m) out.push({ level: m[1]!.length, text: m[2]!, line: index + 1 });
  });
  return out;
}
