import { plainText } from '@imcat/markdown';
import type { AwesomeListConfig } from '../config';
import type { DocLine } from '../document';
import type { Entry, ScanResult } from '../entry';
import { findLinks } from '../links';

type HeadingSettings = NonNullable<AwesomeListConfig['heading']>;

/** "[Name](url) rest" → name, url and the rest; a heading without a leading link has no URL. */
export function splitEntryHeading(text: string): { name: string; url: string | null; extra: string } {
  const trimmed = text.trim();
  const first = findLinks(trimmed)[0];
  if (first && first.start === 0) {
    return { name: first.text, url: first.url, extra: plainText(trimmed.slice(first.end)) };
  }
  return { name: trimmed, url: null, extra: '' };
}

function labelledField(line: string, fields: HeadingSettings['fields']): { field: string; value: string } | undefined {
  const lower = line.toLowerCase();
  for (const [field, prefixes] of Object.entries(fields)) {
    const prefix = prefixes.find((p) => lower.startsWith(p.toLowerCase()));
    if (prefix !== undefined) return { field, value: plainText(line.slice(prefix.length)) };
  }
  return undefined;
}

function bodyFields(body: DocLine[], settings: HeadingSettings): Record<string, string> {
  const parts = new Map<string, string[]>();
  const push = (field: string, value: string) => {
    if (!value) return;
    parts.set(field, [...(parts.get(field) ?? []), value]);
  };
  for (const { text } of body) {
    const line = text.replace(/<br\s*\/?>/gi, ' ').trim();
    if (!line) continue;
    const labelled = labelledField(line, settings.fields);
    if (labelled) push(labelled.field, labelled.value);
    else push(settings.description_field, plainText(line));
  }
  return Object.fromEntries([...parts].map(([field, values]) => [field, values.join(' ')]));
}

/**
 * One entry per heading of the configured level; its body runs to the next
 * heading of any level. Labelled lines ("**Keywords**: …") go to their raw
 * field, the other lines to the description.
 */
export function scanHeadings(lines: DocLine[], settings: HeadingSettings): ScanResult {
  const entries: Entry[] = [];
  for (let i = 0; i < lines.length; i++) {
    const current = lines[i]!;
    if (current.heading?.level !== settings.level) continue;
    let end = i + 1;
    while (end < lines.length && !lines[end]!.heading) end++;
    const { name, url, extra } = splitEntryHeading(current.heading.text);
    const raw = bodyFields(lines.slice(i + 1, end), settings);
    if (extra) raw.heading_extra = extra;
    entries.push({ name, url, raw, sections: current.sections.map((s) => s.text), line: current.line });
    i = end - 1;
  }
  return { entries, notes: [] };
}
