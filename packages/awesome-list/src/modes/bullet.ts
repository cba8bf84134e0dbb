import { plainText } from '@imcat/markdown';
import type { AwesomeListConfig } from '../config';
import type { DocLine } from '../document';
import type { Entry, ScanResult } from '../entry';
import { findLinks } from '../links';
import type { Scope, SkipCounter } from '../scope';

type BulletSettings = NonNullable<AwesomeListConfig['bullet']>;

const ITEM = /^( *)[-*+]\s+(.*)$/;
const RULE = /^\s*([-*_])(\s*\1){2,}\s*$/;
const LEADING_DECORATION = /^[\s*_~]*/;
const SEPARATOR = /^[\s*_~]*[-–—:|,.]*\s*/;

interface Item {
  text: string;
  sections: string[];
  line: number;
}

function isItemStart(line: DocLine, maxIndent: number): RegExpExecArray | undefined {
  if (line.heading || RULE.test(line.text)) return undefined;
  const m = ITEM.exec(line.text.replace(/\t/g, '    '));
  return m && m[1]!.length <= maxIndent ? m : undefined;
}

/** Top-level list items with their continuation lines (deeper items, wrapped text), up to a blank line or heading. */
function collectItems(lines: DocLine[], maxIndent: number): Item[] {
  const items: Item[] = [];
  for (let i = 0; i < lines.length; i++) {
    const start = isItemStart(lines[i]!, maxIndent);
    if (!start) continue;
    const parts = [start[2]!];
    let j = i + 1;
    for (; j < lines.length; j++) {
      const next = lines[j]!;
      if (next.heading || !next.text.trim() || isItemStart(next, maxIndent)) break;
      parts.push(next.text.trim());
    }
    items.push({ text: parts.join(' '), sections: lines[i]!.sections.map((s) => s.text), line: lines[i]!.line });
    i = j - 1;
  }
  return items;
}

/** Split "Name - description" (no link) at the first separator. */
function splitUnlinked(text: string): { name: string; rest: string } {
  const m = /^(.*?)(?:\s[-–—]\s|:\s)(.*)$/.exec(text);
  return m ? { name: m[1]!, rest: m[2]! } : { name: text, rest: '' };
}

/**
 * One entry per top-level list item whose text starts with a link
 * ("- [Name](url) - description"); the link text is the name, the text after
 * it the description. Items without a leading link are prose: counted in a
 * note (or, with require_link false, read as "Name - description"), and so
 * are items linking within the page (a table of contents).
 */
export function scanBullets(
  lines: DocLine[],
  settings: BulletSettings,
  scope: (sections: string[]) => Scope,
  skipped: SkipCounter,
): ScanResult {
  const entries: Entry[] = [];
  let prose = 0;
  let anchors = 0;
  for (const item of collectItems(lines, settings.max_indent)) {
    const where = scope(item.sections);
    if (where.kind === 'skip') {
      skipped.add(where, 'list items');
      continue;
    }
    const lead = LEADING_DECORATION.exec(item.text)?.[0].length ?? 0;
    const link = findLinks(item.text)[0];
    const raw: Record<string, string> = {};
    if (link && link.start === lead && link.url.startsWith('#')) {
      anchors++;
    } else if (link && link.start === lead) {
      const description = plainText(item.text.slice(link.end).replace(SEPARATOR, ''));
      if (description) raw[settings.description_field] = description;
      entries.push({ name: link.text, url: link.url, raw, sections: item.sections, line: item.line });
    } else if (!settings.require_link) {
      const { name, rest } = splitUnlinked(item.text);
      const description = plainText(rest);
      if (description) raw[settings.description_field] = description;
      entries.push({ name, url: link?.url ?? null, raw, sections: item.sections, line: item.line });
    } else {
      prose++;
    }
  }
  const notes = [
    ...(prose ? [`${prose} list items do not start with a link and were read as prose, not datasets`] : []),
    ...(anchors ? [`${anchors} list items link within the page (a table of contents) and are not datasets`] : []),
  ];
  return { entries, notes };
}
