import { LayoutDriftError, ParseError } from '@imcat/errors';
import { plainText } from '@imcat/markdown';
import { ListingCollector, decodeText, type ParseOutput, type RawPage } from '@imcat/source-kit';
import type { AwesomeListConfig } from './config';
import { readDocument, sameHeading, type DocLine } from './document';
import type { Entry, ScanResult } from './entry';
import { assignKeys, slugify } from './keys';
import { scanBullets } from './modes/bullet';
import { scanHeadings } from './modes/heading';
import { scanTables } from './modes/table';
import { SkipCounter, makeScope } from './scope';

function pickPage(pages: RawPage[], config: AwesomeListConfig): RawPage {
  const page = pages.find((p) => p.url === config.url);
  if (!page) {
    throw new ParseError('the list page is missing', {
      sourceId: config.id,
      expected: `a page fetched from ${config.url}`,
      found: pages.length ? pages.map((p) => p.url).join(', ') : 'no pages',
    });
  }
  return page;
}

/** Every heading the config names must exist: a renamed heading is drift, a missing last heading a cut page. */
function checkNamedSections(lines: DocLine[], config: AwesomeListConfig): void {
  const headings = lines.flatMap((l) => (l.heading ? [plainText(l.heading.text)] : []));
  const named = [
    ...config.required_sections,
    ...config.include_sections,
    ...config.exclude_sections,
    ...config.reject_sections.map((r) => r.section),
  ];
  const missing = named.filter((name) => !headings.some((h) => sameHeading(h, name)));
  if (missing.length) {
    const shown = headings.filter((h) => h.length < 120).slice(0, 30);
    throw new LayoutDriftError('a configured heading is missing (the page was renamed, restructured or cut short)', {
      sourceId: config.id,
      field: 'sections',
      expected: `headings ${missing.map((m) => `"${m}"`).join(', ')}`,
      found: shown.length ? shown.map((h) => `"${h}"`).join(', ') + (headings.length > shown.length ? ', …' : '') : 'no headings',
    });
  }
}

/** A labelled field that no entry has means its label was renamed: the lines would silently land in the description. */
function checkLabels(entries: Entry[], config: AwesomeListConfig): void {
  if (!config.heading || entries.length === 0) return;
  for (const [field, prefixes] of Object.entries(config.heading.fields)) {
    if (!entries.some((e) => e.raw[field])) {
      throw new LayoutDriftError('no entry has a configured labelled line', {
        sourceId: config.id,
        field,
        expected: `lines starting with ${prefixes.map((p) => `"${p}"`).join(' or ')} in at least one entry`,
        found: `none in ${entries.length} entries`,
      });
    }
  }
}

function scan(lines: DocLine[], config: AwesomeListConfig, skipped: SkipCounter): ScanResult {
  const scope = makeScope(config);
  if (config.table) {
    return scanTables(lines.map((l) => l.text).join('\n'), config.table, config.id, scope, skipped);
  }
  if (config.heading) return scanHeadings(lines, config.heading);
  if (config.bullet) return scanBullets(lines, config.bullet, scope, skipped);
  throw new ParseError('the config has no settings for its mode', { sourceId: config.id, expected: config.mode, found: 'nothing' });
}

function withSections(entry: Entry): Record<string, string> {
  const section = entry.sections[entry.sections.length - 1];
  return {
    ...entry.raw,
    ...(section ? { section } : {}),
    ...(entry.sections.length ? { section_path: entry.sections.join(' > ') } : {}),
  };
}

/** Pure: the list page in, listings/rejects/notes out, following the config. */
export function parseAwesomeList(config: AwesomeListConfig, pages: RawPage[]): ParseOutput {
  const page = pickPage(pages, config);
  const lines = readDocument(decodeText(page, config.id));
  checkNamedSections(lines, config);
  const skipped = new SkipCounter();
  const scanned = scan(lines, config, skipped);
  const scope = makeScope(config);
  const collector = new ListingCollector(config.id);

  const read: Entry[] = [];
  let outOfScope = 0;
  for (const entry of scanned.entries) {
    const where = scope(entry.sections);
    if (where.kind === 'skip') skipped.add(where, 'entries');
    else if (where.kind === 'reject') {
      outOfScope++;
      collector.reject({
        record: slugify(plainText(entry.name)) || `line ${entry.line}`,
        field: 'section',
        reason: where.reason,
        raw: `${plainText(entry.name)} (under "${where.section}")`,
      });
    } else read.push(entry);
  }
  checkLabels(read, config);
  if (read.length < config.min_listings) {
    throw new ParseError('implausibly few entries: the page looks truncated or restructured', {
      sourceId: config.id,
      record: page.url,
      expected: `at least ${config.min_listings} entries (min_listings)`,
      found: `${read.length}${outOfScope ? ` (plus ${outOfScope} rejected by reject_sections)` : ''}`,
    });
  }

  const candidates = read.flatMap((entry, index) => {
    const name = plainText(entry.name);
    if (name) return [{ entry, index, name, url: entry.url, section: entry.sections.at(-1) ?? '', content: JSON.stringify([name, entry.url, withSections(entry)]) }];
    collector.reject({ record: `line ${entry.line}`, field: 'name', reason: 'the name is empty once markup is removed', raw: entry.name });
    return [];
  });
  const { keyed, duplicates } = assignKeys(candidates);
  for (const { entry, key } of keyed.sort((a, b) => a.entry.index - b.entry.index)) {
    collector.add(page, { key, name: entry.entry.name, url: entry.url, raw: withSections(entry.entry) });
  }
  for (const { entry, of } of duplicates) {
    collector.reject({ record: of, field: 'source_key', reason: `exact duplicate of ${of}`, raw: entry.name });
  }
  const result = collector.result();
  return { ...result, notes: [...result.notes, ...scanned.notes, ...skipped.notes()] };
}
