import { assignKeys } from '@imcat/awesome-list';
import { LayoutDriftError, ParseError } from '@imcat/errors';
import { decodeEntities, plainText } from '@imcat/markdown';
import { ListingCollector, decodeText, type ParseOutput, type RawPage } from '@imcat/source-kit';
import { DATA_SECTIONS, END_HEADING, ICONS, KEYWORD_LABELS, MIN_LISTINGS, PREAMBLE_SECTIONS, README_URL, SOURCE_ID } from './config';

/** One dataset bullet: its lines, where it sits, and its 1-based line number (for messages only). */
interface Block {
  text: string;
  sections: string[];
  line: number;
}

export interface ParsedEntry {
  name: string;
  url: string;
  raw: Record<string, string>;
  sections: string[];
  line: number;
}

const ENTRY_START = /^\s{0,3}-\s*<a\s/i;
const HEADING = /^(#{1,6})\s+(.*?)\s*#*\s*$/;
const RULE = /^\s*(_{3,}|-{3,}|\*{3,})\s*$/;
const HEAD_ANCHOR = /^\s*-\s*<a\s[^>]*?href\s*=\s*(["'])(.*?)\1[^>]*>([\s\S]*?)<\/a\s*>/i;
const ANCHOR = /<a\s[^>]*?href\s*=\s*(["'])(.*?)\1[^>]*>([\s\S]*?)<\/a\s*>/gi;
const BR = /<br\s*\/?>/i;

function iconImage(path: string): RegExp {
  return new RegExp(`!\\[[^\\]]*\\]\\(${path.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}\\)`, 'gi');
}

/** Lines → dataset blocks, with the ##/### path above each; stops at the END_HEADING. */
function readBlocks(markdown: string): { blocks: Block[]; headings: string[]; skipped: Map<string, number> } {
  const lines = markdown.replace(/\r\n?/g, '\n').replace(/<!--[\s\S]*?(?:-->|$)/g, (c) => c.replace(/[^\n]/g, '')).split('\n');
  const blocks: Block[] = [];
  const headings: string[] = [];
  const skipped = new Map<string, number>();
  const stack: { level: number; text: string }[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const heading = HEADING.exec(line);
    if (heading) {
      const level = heading[1]!.length;
      const text = plainText(heading[2]!);
      headings.push(text);
      if (text === END_HEADING) break;
      while (stack.length && stack[stack.length - 1]!.level >= level) stack.pop();
      stack.push({ level, text });
      continue;
    }
    if (!ENTRY_START.test(line)) continue;
    let end = i + 1;
    while (end < lines.length && !ENTRY_START.test(lines[end]!) && !HEADING.test(lines[end]!) && !RULE.test(lines[end]!)) end++;
    const sections = stack.map((s) => s.text);
    const preamble = sections.find((s) => (PREAMBLE_SECTIONS as readonly string[]).includes(s));
    if (preamble || sections.length === 0) {
      const where = preamble ?? 'top of page';
      skipped.set(where, (skipped.get(where) ?? 0) + 1);
    } else {
      blocks.push({ text: lines.slice(i, end).join('\n'), sections, line: i + 1 });
    }
    i = end - 1;
  }
  return { blocks, headings, skipped };
}

/** Index just past the parenthesis that closes the one at `open`, or -1. */
function closingParen(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')' && --depth === 0) return i + 1;
  }
  return -1;
}

interface Parts {
  description: string[];
  keywords: string[];
  license: string[];
  papers: string[];
  leaderboards: string[];
}

/** Sort one <br>-separated piece into description, keywords, licence or icon links. */
function classify(segment: string, parts: Parts): void {
  const text = segment.trim();
  if (!text) return;
  const licence = iconImage(ICONS.license).exec(text);
  if (licence) {
    classify(text.slice(0, licence.index), parts);
    const value = plainText(text.slice(licence.index + licence[0].length));
    if (value) parts.license.push(value);
    return;
  }
  const lower = text.toLowerCase();
  for (const label of KEYWORD_LABELS) {
    const at = lower.indexOf(label.toLowerCase());
    if (at !== -1) {
      classify(text.slice(0, at), parts);
      const value = plainText(text.slice(at + label.length));
      if (value) parts.keywords.push(value);
      return;
    }
  }
  let rest = text;
  for (const m of text.matchAll(ANCHOR)) {
    const href = decodeEntities(m[2]!).trim();
    const inner = m[3]!;
    if (inner.includes(`(${ICONS.leaderboard})`)) parts.leaderboards.push(href);
    else if (inner.includes(`(${ICONS.paper})`)) parts.papers.push(href);
    else continue;
    rest = rest.replace(m[0], ' ');
  }
  const leftover = plainText(rest.replace(/(^|\s)\|(?=\s|$)/g, ' '));
  if (leftover) parts.description.push(leftover);
}

/**
 * One bullet: "- <a href=URL> **Name**</a> [broken-link icon] (long name)<br>"
 * then description<br>, "***Keyboard:*** kw, kw<br>", paper/leaderboard icon
 * links, and "![licence](src/CcLogo.png) licence text".
 */
export function parseBlock(block: Block): ParsedEntry | { error: string } {
  const head = HEAD_ANCHOR.exec(block.text);
  if (!head) return { error: 'the bullet does not start with <a href="URL">Name</a>' };
  let rest = block.text.slice(head[0].length);
  const broken = iconImage(ICONS.brokenLink);
  const linkBroken = broken.test(rest);
  rest = rest.replace(broken, ' ').replace(/^[ \t]+/, '');
  let longName = '';
  if (rest.startsWith('(')) {
    const close = closingParen(rest, 0);
    if (close !== -1) {
      longName = plainText(rest.slice(1, close - 1));
      rest = rest.slice(close);
    }
  }
  const parts: Parts = { description: [], keywords: [], license: [], papers: [], leaderboards: [] };
  for (const piece of rest.split(BR)) {
    // A new component may start on a fresh line without a <br> before it.
    for (const segment of piece.split(/\n(?=\s*(?:<a\s|!\[|\*\*\*Key))/i)) classify(segment.replace(/\s*\n\s*/g, ' '), parts);
  }
  const raw: Record<string, string> = { section: block.sections[block.sections.length - 1]!, section_path: block.sections.join(' > ') };
  if (longName) raw.long_name = longName;
  if (parts.description.length) raw.description = parts.description.join(' ');
  if (parts.keywords.length) raw.keywords = parts.keywords.join(', ');
  if (parts.license.length) raw.license = parts.license.join('; ');
  if (parts.papers.length) {
    raw.paper_url = parts.papers[0]!;
    raw.paper_urls = parts.papers.join(' ');
  }
  if (parts.leaderboards.length) raw.leaderboard_url = parts.leaderboards[0]!;
  if (linkBroken) raw.link_broken = 'true';
  return { name: head[3]!, url: decodeEntities(head[2]!).trim(), raw, sections: block.sections, line: block.line };
}

function checkHeadings(headings: string[]): void {
  const missing = [...DATA_SECTIONS, END_HEADING].filter((h) => !headings.includes(h));
  if (missing.length) {
    throw new LayoutDriftError('an expected section heading is missing (renamed, restructured or cut short)', {
      sourceId: SOURCE_ID,
      field: 'sections',
      expected: `headings ${missing.map((m) => `"${m}"`).join(', ')}`,
      found: headings.length ? headings.map((h) => `"${h}"`).join(', ') : 'no headings',
    });
  }
}

/** Pure: the README in, one listing per dataset bullet out. */
export function parsePages(pages: RawPage[]): ParseOutput {
  const page = pages.find((p) => p.url === README_URL);
  if (!page) {
    throw new ParseError('the README page is missing', {
      sourceId: SOURCE_ID,
      expected: `a page fetched from ${README_URL}`,
      found: pages.length ? pages.map((p) => p.url).join(', ') : 'no pages',
    });
  }
  const { blocks, headings, skipped } = readBlocks(decodeText(page, SOURCE_ID));
  checkHeadings(headings);
  const collector = new ListingCollector(SOURCE_ID);
  const entries: ParsedEntry[] = [];
  for (const block of blocks) {
    const parsed = parseBlock(block);
    if ('error' in parsed) {
      collector.reject({ record: `line ${block.line}`, field: 'name', reason: parsed.error, raw: block.text });
    } else entries.push(parsed);
  }
  if (blocks.length - entries.length > blocks.length / 10) {
    throw new LayoutDriftError('most dataset bullets no longer have the expected shape', {
      sourceId: SOURCE_ID,
      expected: '"- <a href=URL> **Name**</a>" on nearly every bullet',
      found: `${blocks.length - entries.length} of ${blocks.length} bullets without it`,
    });
  }
  if (entries.length < MIN_LISTINGS) {
    throw new ParseError('implausibly few dataset bullets: the page looks truncated or restructured', {
      sourceId: SOURCE_ID,
      record: page.url,
      expected: `at least ${MIN_LISTINGS} entries`,
      found: String(entries.length),
    });
  }
  if (!entries.some((e) => e.raw.keywords)) {
    throw new LayoutDriftError('no entry has a keywords line', {
      sourceId: SOURCE_ID,
      field: 'keywords',
      expected: `lines with ${KEYWORD_LABELS.map((l) => `"${l}"`).join(' or ')}`,
      found: `none in ${entries.length} entries`,
    });
  }

  const candidates = entries.map((entry, index) => ({
    entry,
    index,
    name: plainText(entry.name),
    url: entry.url,
    section: entry.raw.section ?? '',
    content: JSON.stringify([plainText(entry.name), entry.url, entry.raw]),
  }));
  const { keyed, duplicates } = assignKeys(candidates);
  for (const { entry, key } of keyed.sort((a, b) => a.entry.index - b.entry.index)) {
    collector.add(page, { key, name: entry.entry.name, url: entry.url, raw: entry.entry.raw });
  }
  for (const { entry, of } of duplicates) {
    collector.reject({ record: of, field: 'source_key', reason: `exact duplicate of ${of}`, raw: entry.name });
  }
  const known = new Set<string>(DATA_SECTIONS);
  const unknown = new Map<string, number>();
  for (const e of entries) {
    const section = e.raw.section ?? '';
    if (!known.has(section)) unknown.set(section, (unknown.get(section) ?? 0) + 1);
  }
  const result = collector.result();
  return {
    ...result,
    notes: [
      ...result.notes,
      ...[...unknown].map(([s, n]) => `${n} entries under a section not in DATA_SECTIONS: "${s}" (read; add it to config.ts)`),
      ...[...skipped].map(([s, n]) => `${n} link bullets under "${s}" are not datasets and were not read`),
    ],
  };
}
