import { LayoutDriftError, ParseError } from '@imcat/errors';
import { extractLinks, plainText, unescapeMarkdown } from '@imcat/markdown';
import { decodeText, type RawPage } from '@imcat/source-kit';
import { OLDEST_RELEASE, RELEASE_HEADING, SOURCE_ID, SUBHEADING } from './config';

export interface Release {
  /** "v17" */
  version: string;
  number: number;
  /** As written in the heading: "December 2023", "Sept 2022". */
  date: string;
}

/** One top-level list item of a release section. */
export interface ReleaseItem {
  release: Release;
  /** The sub-heading the item sits under ("New radiology collections"), or null. */
  section: string | null;
  /** Plain-text name: the link text, or the text before " (" when there is no link. */
  name: string;
  /** The long title of a "Long title ([Short](url))" item. */
  title: string | null;
  /** Link targets in the item's own text, markdown escapes removed. */
  links: string[];
  /** Names of the item's nested list ("Collections analyzed:"). */
  nested: string[];
  hasLink: boolean;
  line: number;
  text: string;
}

export interface ReleaseNotes {
  releases: Release[];
  items: ReleaseItem[];
}

const LIST_ITEM = /^(\s*)(?:\d+\.|[*+-])\s+(.*)$/;

function nameAndTitle(text: string): { name: string; title: string | null; links: string[] } {
  const found = extractLinks(text);
  const links = found.map((l) => unescapeMarkdown(l.url.trim()));
  const first = found[0];
  if (!first) return { name: plainText(text.replace(/\s+\(.*$/, '')), title: null, links };
  // "Outcome Prediction … Tumor ([GBM-MR-NER-Outcomes](https://…))": short name in the link, long title before it.
  const lead = /^([^[]+?)\s*\(\s*\[/.exec(text);
  return { name: plainText(first.text), title: lead?.[1] ? plainText(lead[1]) : null, links };
}

/**
 * Read the release sections, their sub-headings and top-level list items.
 * Indented list items are the nested "Collections analyzed:" lists of the
 * item above; prose paragraphs end an item's scope.
 */
export function readReleaseNotes(page: RawPage): ReleaseNotes {
  const lines = decodeText(page, SOURCE_ID).split(/\r?\n/);
  const releases: Release[] = [];
  const items: ReleaseItem[] = [];
  let release: Release | null = null;
  let section: string | null = null;
  let current: ReleaseItem | null = null;
  let fenced = false;
  /** Level-1/2 headings below the first release that are not release headings: where a renamed one shows. */
  const otherHeadings: string[] = [];
  lines.forEach((line, index) => {
    if (/^\s*(```|~~~)/.test(line)) fenced = !fenced;
    if (fenced) return;
    const heading = RELEASE_HEADING.exec(line);
    if (heading) {
      release = { version: heading[1]!, number: Number(heading[2]), date: heading[3]! };
      releases.push(release);
      section = null;
      current = null;
      return;
    }
    const minor = /^#{3,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (minor && release) {
      section = minor[1]!;
      current = null;
      return;
    }
    if (/^#{1,2}\s/.test(line)) {
      if (releases.length) otherHeadings.push(`line ${index + 1} "${line.trim().slice(0, 80)}"`);
      release = null;
      current = null;
      return;
    }
    if (!release) return;
    const item = LIST_ITEM.exec(line);
    if (item) {
      const text = item[2]!.replace(/\\\s*$/, '').trim();
      if (item[1] !== '') {
        if (current) current.nested.push(nameAndTitle(text).name);
        return;
      }
      const { name, title, links } = nameAndTitle(text);
      if (links.length === 0 && text.startsWith('[')) {
        throw new ParseError('a list item opens a link that never closes (page truncated?)', {
          sourceId: SOURCE_ID,
          record: `${page.url} line ${index + 1}`,
          expected: 'a complete [name](url) link',
          found: `"${text.slice(0, 120)}"`,
        });
      }
      current = { release, section, name, title, links, nested: [], hasLink: links.length > 0, line: index + 1, text };
      items.push(current);
      return;
    }
    const trimmed = line.trim();
    if (trimmed === '' || /^\s/.test(line)) return;
    if (SUBHEADING.test(trimmed)) section = trimmed;
    current = null;
  });
  checkComplete(page, releases, items, otherHeadings);
  return { releases, items };
}

/**
 * The notes run newest to oldest; a complete page has every version down to v1, and v1 whole.
 * A page cut short loses its oldest releases (ParseError); a release missing between two that
 * are there means its heading no longer reads as one (LayoutDriftError).
 */
function checkComplete(page: RawPage, releases: Release[], items: ReleaseItem[], otherHeadings: string[]): void {
  if (releases.length === 0) {
    throw new LayoutDriftError('no release sections found', {
      sourceId: SOURCE_ID,
      record: page.url,
      expected: 'headings like "## v17 - December 2023"',
      found: 'no heading matching "## vN - <date>"',
    });
  }
  const numbers = new Set(releases.map((r) => r.number));
  const newest = Math.max(...numbers);
  const oldestFound = Math.min(...numbers);
  const between: string[] = [];
  for (let n = oldestFound + 1; n < newest; n++) if (!numbers.has(n)) between.push(`v${n}`);
  if (between.length) {
    throw new LayoutDriftError('release sections are missing between others (a release heading changed?)', {
      sourceId: SOURCE_ID,
      record: page.url,
      expected: `a "## vN - <date>" heading for every release from v${newest} down to v${oldestFound}`,
      found: `no section for ${between.join(', ')}${otherHeadings.length ? `; other headings: ${otherHeadings.slice(0, 5).join(', ')}` : ''}`,
    });
  }
  if (oldestFound > 1) {
    const missing = Array.from({ length: oldestFound - 1 }, (_, i) => `v${oldestFound - 1 - i}`);
    throw new ParseError('the oldest release sections are missing (page truncated?)', {
      sourceId: SOURCE_ID,
      record: page.url,
      expected: `every release from v${newest} down to v1`,
      found: `no section for ${missing.join(', ')}`,
    });
  }
  const oldest = items.filter((i) => i.release.version === OLDEST_RELEASE.version).length;
  if (oldest < OLDEST_RELEASE.minItems) {
    throw new ParseError('the oldest release lists fewer collections than it always has (page truncated?)', {
      sourceId: SOURCE_ID,
      record: page.url,
      expected: `at least ${OLDEST_RELEASE.minItems} items under ${OLDEST_RELEASE.version}`,
      found: `${oldest} items`,
    });
  }
}
