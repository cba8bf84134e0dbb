import { ParseError, excerpt } from '@imcat/errors';
import { ListingCollector, requirePage, type ParseOutput, type RawPage } from '@imcat/source-kit';
import { readApiCollections, type ApiCollection } from './api-collections';
import { ANALYSIS_SECTION, CLINICAL_SECTION, CLINICAL_TABLE_ID, DOI_HOSTS, PORTAL_HOST, RELEASE_NOTES_FILE, SOURCE_ID } from './config';
import { readReleaseNotes, type ReleaseItem } from './release-notes';

type Kind = 'collection' | 'analysis_result';

interface Entry {
  item: ReleaseItem;
  kind: Kind;
  /** Key of the item's own name (before aliasing). */
  ownKey: string;
}

/**
 * source_key: the name case-folded, every run of characters other than
 * a-z, 0-9 and "." turned into one hyphen. "NSCLC Radiogenomics",
 * "NSCLC-Radiogenomics" and "nsclc_radiogenomics" all give
 * "nsclc-radiogenomics"; "QIN-HeadNeck" and "QIN-HEADNECK" collapse too.
 */
export function collectionKey(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9.]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

function isPage(page: RawPage, suffix: string): boolean {
  return new URL(page.url).pathname.endsWith(suffix);
}

/** Newest release first, then document order: the order "most recent" means everywhere below. */
function byRecency(a: Entry, b: Entry): number {
  return b.item.release.number - a.item.release.number || a.item.line - b.item.line;
}

function doiOf(link: string): string | null {
  try {
    const u = new URL(link);
    if (!DOI_HOSTS.has(u.hostname)) return null;
    const doi = decodeURIComponent(u.pathname.replace(/^\/+/, ''));
    return /^10\.\d{4,9}\//.test(doi) ? doi : null;
  } catch {
    return null;
  }
}

function hostOf(link: string): string | null {
  try {
    return new URL(link).hostname;
  } catch {
    return null;
  }
}

function classify(item: ReleaseItem): { reject: string } | { kind: Kind } {
  const section = item.section ?? '';
  if (CLINICAL_TABLE_ID.test(item.name)) return { reject: 'clinical table, not an imaging collection' };
  if (CLINICAL_SECTION.test(section)) return { reject: `clinical data entry (listed under "${section}"), not an imaging collection` };
  return { kind: ANALYSIS_SECTION.test(section) ? 'analysis_result' : 'collection' };
}

interface Links {
  url: string | null;
  doi: string | null;
  otherDois: string[];
  portalUrl: string | null;
}

/** The DOI cited most often (ties: the most recent), and a url preferring that DOI link, then a non-portal page, then the portal. */
function chooseLinks(entries: Entry[]): Links {
  const links = entries.flatMap((e) => e.item.links);
  const dois = new Map<string, { spelling: string; count: number; first: number }>();
  links.forEach((link, at) => {
    const doi = doiOf(link);
    if (!doi) return;
    const known = dois.get(doi.toLowerCase());
    if (known) known.count++;
    else dois.set(doi.toLowerCase(), { spelling: doi, count: 1, first: at });
  });
  const ranked = [...dois.values()].sort((a, b) => b.count - a.count || a.first - b.first);
  const doi = ranked[0]?.spelling ?? null;
  const portal = links.filter((l) => hostOf(l) === PORTAL_HOST);
  const url =
    links.find((l) => doi !== null && doiOf(l)?.toLowerCase() === doi.toLowerCase()) ??
    links.find((l) => hostOf(l) !== PORTAL_HOST) ??
    portal[0] ??
    null;
  return { url, doi, otherDois: ranked.slice(1).map((d) => d.spelling), portalUrl: portal[0] ?? null };
}

function unique(values: string[]): string[] {
  return [...new Set(values.filter(Boolean))];
}

interface Group {
  key: string;
  entries: Entry[];
}

function releaseFields(group: Group): Record<string, string | undefined> {
  const entries = [...group.entries].sort(byRecency);
  const newest = entries[0]!;
  const oldest = entries[entries.length - 1]!;
  const versions = [...new Map(entries.map((e) => [e.item.release.number, e.item.release])).values()].sort((a, b) => a.number - b.number);
  const kinds = unique(entries.map((e) => e.kind));
  const links = chooseLinks(entries);
  return {
    kind: newest.kind,
    kinds_seen: kinds.length > 1 ? kinds.join(', ') : undefined,
    first_release: oldest.item.release.version,
    first_release_date: oldest.item.release.date,
    first_section: oldest.item.section ?? undefined,
    last_release: newest.item.release.version,
    last_release_date: newest.item.release.date,
    last_section: newest.item.section ?? undefined,
    release_count: String(versions.length),
    releases: versions.map((r) => r.version).join(', '),
    title: entries.find((e) => e.item.title)?.item.title ?? undefined,
    doi: links.doi ?? undefined,
    other_dois: links.otherDois.length ? links.otherDois.join(' | ') : undefined,
    portal_url: links.portalUrl ?? undefined,
    collections_analyzed: unique(entries.flatMap((e) => e.item.nested)).join(', ') || undefined,
    url: links.url ?? undefined,
  };
}

/** The most recent spelling among items that used the group's own name (not a long-title alias). */
function groupName(group: Group): string {
  const entries = [...group.entries].sort(byRecency);
  return (entries.find((e) => e.ownKey === group.key) ?? entries[0]!).item.name;
}

function groupEntries(entries: Entry[]): Group[] {
  // "Long title ([Short](url))" makes the long title an alias of Short, so a later "[Long title](url)" joins Short.
  const alias = new Map<string, string>();
  for (const { item, ownKey } of entries) if (item.title) alias.set(collectionKey(item.title), ownKey);
  const groups = new Map<string, Group>();
  for (const entry of entries) {
    const key = alias.get(entry.ownKey) ?? entry.ownKey;
    const group = groups.get(key) ?? { key, entries: [] };
    group.entries.push(entry);
    groups.set(key, group);
  }
  return [...groups.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** Match API records to groups by key, then (for the rest) by the collection_id in a group's portal links. */
function joinApi(groups: Group[], api: ApiCollection[]): { matched: Map<string, ApiCollection>; unmatched: ApiCollection[] } {
  const byKey = new Map(groups.map((g) => [g.key, g]));
  const matched = new Map<string, ApiCollection>();
  const rest: ApiCollection[] = [];
  for (const record of api) {
    const key = collectionKey(record.collection_id);
    if (byKey.has(key) && !matched.has(key)) matched.set(key, record);
    else rest.push(record);
  }
  const portalIds = new Map<string, string[]>();
  for (const group of groups) {
    if (matched.has(group.key)) continue;
    for (const link of group.entries.flatMap((e) => e.item.links)) {
      if (hostOf(link) !== PORTAL_HOST) continue;
      const id = new URL(link).searchParams.getAll('collection_id').pop();
      if (id) portalIds.set(id.toLowerCase(), unique([...(portalIds.get(id.toLowerCase()) ?? []), group.key]));
    }
  }
  const unmatched: ApiCollection[] = [];
  for (const record of rest) {
    const candidates = portalIds.get(record.collection_id.toLowerCase()) ?? [];
    const only = candidates.length === 1 ? candidates[0] : undefined;
    if (only && !matched.has(only)) matched.set(only, record);
    else unmatched.push(record);
  }
  return { matched, unmatched };
}

function apiFields(record: ApiCollection): Record<string, string> {
  return { ...record.fields, ...(record.fields.subject_count ? { sample_unit: 'subjects' } : {}) };
}

export function parse(pages: RawPage[]): ParseOutput {
  const collector = new ListingCollector(SOURCE_ID);
  const notesPage = requirePage(pages, SOURCE_ID, RELEASE_NOTES_FILE);
  const apiPages = pages.filter((p) => p !== notesPage);
  for (const page of apiPages) {
    if (!isPage(page, '/v2/collections')) {
      throw new ParseError('an unexpected page was given to the IDC parser', {
        sourceId: SOURCE_ID,
        record: page.url,
        expected: `${RELEASE_NOTES_FILE} or the API's /v2/collections JSON`,
        found: page.url,
      });
    }
  }
  const notes = readReleaseNotes(notesPage);
  const entries: Entry[] = [];
  for (const item of notes.items) {
    const record = `${item.release.version}: ${item.name}`;
    if (!item.hasLink && /[:`]/.test(item.name)) {
      collector.note(`${record.slice(0, 60)}… (line ${item.line}) is a list item without a link that names no collection; skipped`);
      continue;
    }
    const verdict = classify(item);
    if ('reject' in verdict) {
      collector.reject({ record, field: 'name', reason: verdict.reject, raw: item.text });
      continue;
    }
    entries.push({ item, kind: verdict.kind, ownKey: collectionKey(item.name) });
  }
  const groups = groupEntries(entries);

  const api = apiPages.map((page) => ({ page, ...readApiCollections(page) }));
  for (const { invalid } of api) for (const bad of invalid) collector.reject({ record: bad.record, field: 'collection_id', reason: bad.reason, raw: bad.raw });
  const apiRecords = api.flatMap((a) => a.collections).sort((a, b) => (a.collection_id < b.collection_id ? -1 : a.collection_id > b.collection_id ? 1 : 0));
  const { matched, unmatched } = joinApi(groups, apiRecords);
  const apiPresent = api.length > 0;

  for (const group of groups) {
    const { url, ...fields } = releaseFields(group);
    const record = matched.get(group.key);
    const inApi = apiPresent && fields.kind === 'collection' ? String(record !== undefined) : undefined;
    collector.add(notesPage, {
      key: group.key,
      name: groupName(group),
      url: url ?? record?.fields.source_url,
      raw: { ...fields, in_current_api: inApi, ...(record ? apiFields(record) : {}) },
    });
  }
  for (const record of unmatched) {
    const page = api.find((a) => a.collections.includes(record))?.page ?? notesPage;
    const doi = record.fields.source_doi;
    collector.add(page, {
      key: collectionKey(record.collection_id),
      name: record.collection_id,
      url: record.fields.source_url || (doi ? `https://doi.org/${doi}` : null),
      raw: { kind: 'collection', in_release_notes: 'false', in_current_api: 'true', ...apiFields(record) },
    });
  }
  if (apiPresent && unmatched.length) {
    collector.note(`${unmatched.length} API collections are not in the release notes (newer than the notes, or renamed): ${excerpt(unmatched.map((r) => r.collection_id).join(', '), 0, 200)}`);
  }
  return collector.result();
}
